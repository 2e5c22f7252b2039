package solve

import (
	"errors"
	"testing"
)

// TestInfeasibleErrorWords: a roster that covers every interval but not
// the lead and veteran rules is not said to miss its requirement; one
// that is short says so, with the bound when one proves it. Both stay
// ErrInfeasible (exit 4).
func TestInfeasibleErrorWords(t *testing.T) {
	for _, c := range []struct {
		e    InfeasibleError
		want string
	}{
		{InfeasibleError{LeadGapHours: 8, VeteranGapHours: 1, Verdict: VerdictConverged},
			"roster: every interval covered; rules not met: 8.00 lead-hours and 1.00 veteran-hours missing: the lead, veteran and reserve rules cannot all be met with this team"},
		{InfeasibleError{ReserveShort: 2, Verdict: VerdictConverged},
			"roster: every interval covered, 2 reserve places empty: the lead, veteran and reserve rules cannot all be met with this team"},
		{InfeasibleError{UnmetIntervals: 24, ShortageHours: 8.25, Verdict: VerdictProven, ProvenHours: 8.25},
			"roster: 24 interval-skill pairs short by 8.25 agent-hours in total, 0 reserve places empty (at least 8.25 agent-hours short in any roster): requirement cannot be met within the rules"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
		if !errors.Is(&c.e, ErrInfeasible) {
			t.Errorf("%s: not ErrInfeasible", c.want)
		}
	}
}
