package solve

import (
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// TestPresetRosters checks that rosters under the labour presets keep the
// limits TestPresets documents.
func TestPresetRosters(t *testing.T) {
	_, euBreaks, err := roster.Preset("eu")
	if err != nil {
		t.Fatal(err)
	}
	// rosters: eu under a demand that would use long weeks; cn under one
	// that needs overtime
	for _, preset := range []string{"eu", "cn"} {
		in := rostertest.Instance{Agents: 18, Days: 14, Interval: 30 * time.Minute, Skills: 1, Peak: 9, Seed: 8, Preset: preset, Night: true}
		m := in.Model()
		if preset == "eu" {
			m.Breaks = euBreaks
		}
		for i := range m.Agents {
			m.Agents[i].MaxWeekly = 0 // only the preset limits
		}
		m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "long", EarliestStart: 7 * 60, LatestStart: 10 * 60,
			MinLength: 10 * time.Hour, MaxLength: 12 * time.Hour, Step: time.Hour})
		res := solveOK(t, m, Options{Seed: 2, Iterations: 60_000}, true)
		byAgentWeek := map[string]map[int]time.Duration{}
		byAgentMonth := map[string]map[time.Month]time.Duration{}
		days := map[string]map[int]bool{}
		for _, sh := range res.Roster.Shifts {
			worked := time.Duration(0)
			for _, b := range sh.Blocks {
				worked += b.End.Sub(b.Start)
				if preset == "eu" && b.End.Sub(b.Start) > 6*time.Hour && len(sh.Breaks) == 0 {
					t.Errorf("eu: %s works %v without a break", sh.AgentID, b.End.Sub(b.Start))
				}
			}
			for _, br := range sh.Breaks {
				if !br.Paid {
					worked -= br.End.Sub(br.Start)
				}
			}
			d := int(sh.Blocks[0].Start.Sub(m.Demand.Start).Hours() / 24)
			if byAgentWeek[sh.AgentID] == nil {
				byAgentWeek[sh.AgentID], byAgentMonth[sh.AgentID], days[sh.AgentID] = map[int]time.Duration{}, map[time.Month]time.Duration{}, map[int]bool{}
			}
			byAgentWeek[sh.AgentID][d/7] += worked
			days[sh.AgentID][d] = true
			if preset == "cn" {
				if worked > 11*time.Hour {
					t.Errorf("cn: %s works %v in a day", sh.AgentID, worked)
				}
				byAgentMonth[sh.AgentID][sh.Blocks[0].Start.Month()] += max(0, worked-8*time.Hour)
			}
		}
		for id, weeks := range byAgentWeek {
			for w, h := range weeks {
				if preset == "eu" && h > 48*time.Hour {
					t.Errorf("eu: %s works %v in week %d", id, h, w)
				}
				off := 0
				for d := w * 7; d < w*7+7; d++ {
					if !days[id][d] {
						off++
					}
				}
				if off < 1 {
					t.Errorf("%s: %s has no day off in week %d", preset, id, w)
				}
			}
			for mo, ot := range byAgentMonth[id] {
				// daily overtime alone is a lower bound on the month's overtime
				if ot > 36*time.Hour {
					t.Errorf("cn: %s has %v of overtime in %v", id, ot, mo)
				}
			}
		}
	}
}
