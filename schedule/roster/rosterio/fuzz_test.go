package rosterio

import (
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

func FuzzReadAgentsCSV(f *testing.F) {
	f.Add("id,name,tier,skills\nv1,Li,veteran,voice;chat\n")
	f.Add("id,availability,days_off,can_lead,tier\na,mon-fri 08:00-20:00; sat 10:00-16:00,sun;2025-11-11,yes,veteran\n")
	f.Add("id,max_hours_week,min_hours_week\nx,37h30m,40\n")
	f.Add("\ufeffid\n\"a\nb\",c\n")
	f.Fuzz(func(t *testing.T, in string) {
		agents, err := ReadAgentsCSV(strings.NewReader(in), "f.csv")
		if err != nil {
			if _, ok := problemsOf(err); !ok {
				t.Fatalf("err %v is not a file's problems", err)
			}
			return
		}
		for i := range agents {
			if err := roster.ValidateAgent(&agents[i], i); err != nil {
				t.Fatalf("agent %d read but invalid: %v", i, err)
			}
		}
	})
}

func FuzzReadRules(f *testing.F) {
	f.Add("preset: eu\ntemplates:\n  - {name: d, earliest_start: \"08:00\", latest_start: \"09:00\", min_length: 8h, max_length: 9h, step: 30m}\n")
	f.Add("templates:\n  - name: s\n    blocks: [\"00:00-02:00\", \"10:00-12:00\"]\n    dates: [2025-11-11]\nveterans: {share: 0.3, windows: [{span: \"23:00-24:00\"}]}\n")
	f.Add("rest: {between_shifts: 11h}\nlimits: {max_hours_week: 48, days: x}\n")
	f.Add("- [")
	f.Fuzz(func(t *testing.T, in string) {
		rf, err := ReadRules(strings.NewReader(in), "f.yaml")
		if err != nil {
			if _, ok := problemsOf(err); !ok {
				t.Fatalf("err %v is not a file's problems", err)
			}
			return
		}
		if err := rf.check(); err != nil {
			t.Fatalf("rules read but invalid: %v", err)
		}
	})
}
