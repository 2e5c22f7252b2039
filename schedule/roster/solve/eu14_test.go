package solve

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// eu14Model is the team of issue 11: 14 agents under the EU preset, of
// whom 3 are veterans who lead, a lead on duty per 8 other agents, a
// quarter veterans in each day's 4 busiest intervals, 14 days of a voice
// queue open 07:00-23:00 (up to 7 agents, about 60 agent-hours a day) from
// a Friday. The team has just the hours for it; veterans who start
// together run out of consecutive days together (six, then a Thursday
// off), and with the lead rule kept hard that Thursday had no shift.
func eu14Model() *roster.Model {
	start := time.Date(2025, 11, 7, 0, 0, 0, 0, time.UTC) // a Friday
	iv := 30 * time.Minute
	days := 14
	n := days * 48
	req := make([]int, n)
	for t := range n {
		ts := start.Add(time.Duration(t) * iv)
		h := float64(ts.Hour()) + float64(ts.Minute())/60
		if h < 7 || h >= 23 {
			continue
		}
		req[t] = int(math.Round(rostertest.DemandCurve(h, ts.Weekday(), 7)))
	}
	rules, breaks, err := roster.Preset("eu")
	if err != nil {
		panic(err)
	}
	m := &roster.Model{
		Demand: roster.Demand{Start: start, Interval: iv, Skills: []roster.SkillDemand{{Skill: "voice", Required: req}}},
		Templates: []roster.ShiftTemplate{
			{Name: "early", EarliestStart: 7 * 60, LatestStart: 9 * 60, MinLength: 8 * time.Hour, MaxLength: 9 * time.Hour, Step: iv},
			{Name: "late", EarliestStart: 13 * 60, LatestStart: 15 * 60, MinLength: 8 * time.Hour, MaxLength: 9 * time.Hour, Step: iv},
			{Name: "evening", EarliestStart: 17 * 60, LatestStart: 18 * 60, MinLength: 5 * time.Hour, MaxLength: 6 * time.Hour, Step: iv},
		},
		Breaks:   breaks,
		Rules:    rules,
		Leads:    roster.LeadRule{PerAgents: 8},
		Veterans: roster.VeteranRule{Share: 0.25, TopK: 4},
		Reserve:  roster.ReserveRule{Agents: 1, Block: 4 * time.Hour},
	}
	for i := range 14 {
		a := roster.Agent{ID: fmt.Sprintf("A%02d", i+1), Tier: roster.TierRegular, Skills: []string{"voice"}, MaxDaily: 9 * time.Hour, HourlyCost: 22}
		if i < 3 {
			a.Tier, a.CanLead, a.HourlyCost = roster.TierVeteran, true, 30
		}
		m.Agents = append(m.Agents, a)
	}
	return m
}

// TestRulesNeverStarveADay is issue 11's 14-agent case. With the lead
// rule kept hard, the solver left the veterans' common day off without a
// shift (179.5 agent-hours short); now every day with demand has shifts,
// the shortfall is what the team's hours cannot cover, and the leads and
// veterans missing are reported as rule gaps, apart from the shortfall.
// A second variant gives all three leads the same Thursday off: that day
// is still staffed, and its lead gap spans the whole opening.
func TestRulesNeverStarveADay(t *testing.T) {
	thursday := civil.Date{Year: 2025, Month: 11, Day: 13}
	for _, allOff := range []bool{false, true} {
		m := eu14Model()
		if allOff {
			for i := range 3 {
				m.Agents[i].DaysOff = []civil.Date{thursday}
			}
		}
		res := solveOK(t, m, Options{Seed: 1, Iterations: 150_000}, true)
		ev := res.Evaluation
		shifts := map[civil.Date]int{}
		for _, sh := range res.Roster.Shifts {
			shifts[civil.DateOf(sh.Blocks[0].Start)]++
		}
		demand := map[civil.Date]float64{}
		for i, r := range m.Demand.Skills[0].Required {
			demand[civil.DateOf(m.Demand.Start.Add(time.Duration(i)*m.Demand.Interval))] += float64(r) / 2
		}
		for d, h := range demand {
			if h > 0 && shifts[d] < int(h/9) {
				t.Errorf("all off %v: %s needs %.1f agent-hours and has %d shifts", allOff, d, h, shifts[d])
			}
		}
		// what the team cannot cover: the 14 agents have the hours, a few
		// intervals stay short where shifts do not fit the curve
		if ev.ShortageHours > 10 {
			t.Errorf("all off %v: %.1f agent-hours short, want at most 10", allOff, ev.ShortageHours)
		}
		if ev.LeadGapHours+ev.VeteranGapHours == 0 || len(ev.RuleGaps) == 0 {
			t.Errorf("all off %v: no rule gap reported (%v lead-hours, %v veteran-hours)", allOff, ev.LeadGapHours, ev.VeteranGapHours)
		}
		if allOff {
			// no lead on Thursday: the gap runs 07:00-23:00
			var thu float64
			for _, g := range ev.RuleGaps {
				if g.Rule == "leads" && civil.DateOf(g.Start) == thursday {
					thu += g.Hours
				}
			}
			if thu < 16 {
				t.Errorf("Thursday without leads: %.1f lead-hours missing reported, want at least 16", thu)
			}
		}
		t.Logf("all off %v: %d shifts, %.1f h short, %.1f lead-hours and %.1f veteran-hours missing in %d stretches",
			allOff, len(res.Roster.Shifts), ev.ShortageHours, ev.LeadGapHours, ev.VeteranGapHours, len(ev.RuleGaps))
	}
}
