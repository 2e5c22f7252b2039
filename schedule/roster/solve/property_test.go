package solve

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/place"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// TestAgentCheckerAgreesWithEvaluate: the solver's slot-based check of one
// agent's shifts and Evaluate's wall-clock checks are written apart; on
// random schedules under several rule sets they must agree on whether the
// agent's own rules hold.
func TestAgentCheckerAgreesWithEvaluate(t *testing.T) {
	eu, euBreaks, _ := roster.Preset("eu")
	cn, _, _ := roster.Preset("cn")
	ruleSets := []struct {
		name   string
		rules  roster.Rules
		breaks []roster.BreakRule
	}{
		{"eu", eu, euBreaks},
		{"cn", cn, nil},
		{"weekends", roster.Rules{MinRest: 10 * time.Hour, DaysOffPerWeek: 2, TwoDayWeekend: true, MaxConsecutiveDays: 5,
			MaxWeekly: 30 * time.Hour, MaxDaily: 8 * time.Hour, WeekStart: time.Wednesday, WeeklyRest: 36 * time.Hour}, nil},
		{"overtime", roster.Rules{Overtime: roster.Overtime{StandardDay: 7 * time.Hour, StandardWeek: 30 * time.Hour, MaxDay: 2 * time.Hour,
			MaxMonth: 5 * time.Hour}, WeekStart: time.Monday}, nil},
	}
	rnd := rand.New(rand.NewPCG(11, 12))
	agreeOK, agreeBad := 0, 0
	for _, rs := range ruleSets {
		m := rostertest.Instance{Agents: 3, Days: 17, Interval: 30 * time.Minute, Skills: 1, Peak: 3, Seed: 3, Night: true,
			Start: time.Date(2025, 10, 27, 0, 0, 0, 0, time.UTC)}.Model() // runs into December: two months
		m.Rules = rs.rules
		m.Breaks = append([]roster.BreakRule(nil), rs.breaks...)
		if len(m.Breaks) == 0 {
			m.Breaks = []roster.BreakRule{{Name: "coffee", Duration: 30 * time.Minute, From: 2 * time.Hour, BeforeEnd: time.Hour, RequiredAbove: 5 * time.Hour}}
		}
		m.Agents[0].Available = []roster.Window{{Days: []time.Weekday{1, 2, 3, 4, 5}, Span: roster.ClockSpan{From: 7 * 60, To: 23 * 60}}}
		m.Agents[0].DaysOff = []civil.Date{{Year: 2025, Month: 11, Day: 5}}
		p, err := compiled.Compile(m)
		if err != nil {
			t.Fatal(err)
		}
		ck := newAgentChecker(p)
		var pl place.Placer
		for trial := range 300 {
			on := make([]int32, len(p.G.Dates))
			var r roster.Roster
			density := 0.05 + 0.5*rnd.Float64()*rnd.Float64()
			for d := range on {
				on[d] = -1
				if rnd.Float64() > density || len(p.ByDay[d]) == 0 {
					continue
				}
				pi := p.ByDay[d][rnd.IntN(len(p.ByDay[d]))]
				on[d] = pi
				pt := &p.Pats[pi]
				brk := make([]int32, len(pt.Needs))
				pl.Place(pt.Needs, func(int32) float64 { return 0 }, brk)
				sh := roster.Shift{AgentID: m.Agents[0].ID, Skill: m.Demand.Skills[0].Skill, Template: m.Templates[pt.Tmpl].Name}
				for _, b := range pt.Blocks {
					sh.Blocks = append(sh.Blocks, roster.Span{Start: p.G.TimeOf(int(b.S)), End: p.G.TimeOf(int(b.E))})
				}
				for i, n := range pt.Needs {
					br := m.Breaks[n.Rule]
					sh.Breaks = append(sh.Breaks, roster.Break{Rule: br.Name, Start: p.G.TimeOf(int(brk[i])), End: p.G.TimeOf(int(brk[i] + n.Dur)), Paid: br.Paid})
				}
				r.Shifts = append(r.Shifts, sh)
			}
			got := ck.ok(0, on)
			ev, err := roster.Evaluate(m, &r)
			if err != nil {
				t.Fatal(err)
			}
			var own []roster.Violation
			for _, v := range ev.Violations {
				if v.AgentID != "" {
					own = append(own, v)
				}
			}
			if got != (len(own) == 0) {
				t.Fatalf("%s trial %d: checker says %v, Evaluate lists %v", rs.name, trial, got, own)
			}
			// the rule the checker names (for the shortfall's causes) is
			// one Evaluate lists (an overlap is a rest too short)
			if why := ck.broken(0, on, true); !got {
				named := false
				for _, v := range own {
					named = named || v.Rule == why || (why == "min_rest" && v.Rule == "overlap")
				}
				if !named {
					t.Fatalf("%s trial %d: checker names %q, Evaluate lists %v", rs.name, trial, why, own)
				}
			}
			if got {
				agreeOK++
			} else {
				agreeBad++
			}
		}
	}
	// both outcomes must have been exercised, or the test proves little
	t.Logf("agreement on %d legal and %d illegal schedules", agreeOK, agreeBad)
	if agreeOK < 50 || agreeBad < 50 {
		t.Errorf("agreement on %d legal and %d illegal schedules; want both >= 50", agreeOK, agreeBad)
	}
}
