package report

import (
	"testing"

	"github.com/peakstaff/peakstaff/schedule/roster/solve"
)

// TestCauseLabels: every cause Explain gives has words in both
// languages, not its key.
func TestCauseLabels(t *testing.T) {
	for _, c := range []solve.Cause{solve.CauseNoTemplate, solve.CauseSkill, solve.CauseAvailability, solve.CauseRules,
		solve.CauseAgents, solve.CauseSearch, solve.CauseWeights, solve.CauseHireDate} {
		for _, lang := range []string{"en", "zh"} {
			if got := CauseLabel(lang, string(c)); got == string(c) || got == "" {
				t.Errorf("%s in %s: %q", c, lang, got)
			}
		}
	}
}
