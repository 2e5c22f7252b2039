package report

import (
	"testing"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// TestCauseLabels: every cause Explain gives has words in both
// languages, not its key.
func TestCauseLabels(t *testing.T) {
	for _, c := range []roster.Cause{roster.CauseNoTemplate, roster.CauseSkill, roster.CauseAvailability, roster.CauseRules,
		roster.CauseAgents, roster.CauseSearch, roster.CauseWeights, roster.CauseHireDate} {
		for _, lang := range []string{"en", "zh"} {
			if got := CauseLabel(lang, string(c)); got == string(c) || got == "" {
				t.Errorf("%s in %s: %q", c, lang, got)
			}
		}
	}
}
