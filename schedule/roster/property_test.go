package roster

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// TestAgentCheckerAgreesWithEvaluate: the solver's slot-based check of one
// agent's shifts and Evaluate's wall-clock checks are written apart; on
// random schedules under several rule sets they must agree on whether the
// agent's own rules hold.
func TestAgentCheckerAgreesWithEvaluate(t *testing.T) {
	eu, euBreaks, _ := Preset("eu")
	cn, _, _ := Preset("cn")
	ruleSets := []struct {
		name   string
		rules  Rules
		breaks []BreakRule
	}{
		{"eu", eu, euBreaks},
		{"cn", cn, nil},
		{"weekends", Rules{MinRest: 10 * time.Hour, DaysOffPerWeek: 2, TwoDayWeekend: true, MaxConsecutiveDays: 5,
			MaxWeekly: 30 * time.Hour, MaxDaily: 8 * time.Hour, WeekStart: time.Wednesday, WeeklyRest: 36 * time.Hour}, nil},
		{"overtime", Rules{Overtime: Overtime{StandardDay: 7 * time.Hour, StandardWeek: 30 * time.Hour, MaxDay: 2 * time.Hour,
			MaxMonth: 5 * time.Hour}, WeekStart: time.Monday}, nil},
	}
	rnd := rand.New(rand.NewPCG(11, 12))
	agreeOK, agreeBad := 0, 0
	for _, rs := range ruleSets {
		m := instance{agents: 3, days: 17, interval: 30 * time.Minute, skills: 1, peak: 3, seed: 3, night: true,
			start: time.Date(2025, 10, 27, 0, 0, 0, 0, time.UTC)}.model() // runs into December: two months
		m.Rules = rs.rules
		m.Breaks = append([]BreakRule(nil), rs.breaks...)
		if len(m.Breaks) == 0 {
			m.Breaks = []BreakRule{{Name: "coffee", Duration: 30 * time.Minute, From: 2 * time.Hour, BeforeEnd: time.Hour, RequiredAbove: 5 * time.Hour}}
		}
		m.Agents[0].Available = []Window{{Days: []time.Weekday{1, 2, 3, 4, 5}, Span: ClockSpan{7 * 60, 23 * 60}}}
		m.Agents[0].DaysOff = []civil.Date{{Year: 2025, Month: 11, Day: 5}}
		p, err := compile(m)
		if err != nil {
			t.Fatal(err)
		}
		ck := newAgentChecker(p)
		var pl placer
		for trial := range 300 {
			on := make([]int32, len(p.g.dates))
			var r Roster
			density := 0.05 + 0.5*rnd.Float64()*rnd.Float64()
			for d := range on {
				on[d] = -1
				if rnd.Float64() > density || len(p.byDay[d]) == 0 {
					continue
				}
				pi := p.byDay[d][rnd.IntN(len(p.byDay[d]))]
				on[d] = pi
				pt := &p.pats[pi]
				brk := make([]int32, len(pt.needs))
				pl.place(pt.needs, func(int32) float64 { return 0 }, brk)
				sh := Shift{AgentID: m.Agents[0].ID, Skill: m.Demand.Skills[0].Skill, Template: m.Templates[pt.tmpl].Name}
				for _, b := range pt.blocks {
					sh.Blocks = append(sh.Blocks, Span{p.g.timeOf(int(b.s)), p.g.timeOf(int(b.e))})
				}
				for i, n := range pt.needs {
					br := m.Breaks[n.rule]
					sh.Breaks = append(sh.Breaks, Break{br.Name, p.g.timeOf(int(brk[i])), p.g.timeOf(int(brk[i] + n.dur)), br.Paid})
				}
				r.Shifts = append(r.Shifts, sh)
			}
			got := ck.ok(0, on)
			ev, err := Evaluate(m, &r)
			if err != nil {
				t.Fatal(err)
			}
			var own []Violation
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
