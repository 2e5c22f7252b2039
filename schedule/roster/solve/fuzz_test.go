package solve

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// fuzzModel builds a small model from bytes: two days of hourly
// intervals, one or two skills, a few agents and templates, and rules
// switched on and off by the bytes.
func fuzzModel(data []byte) *roster.Model {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	start := time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC)
	nSkills := 1 + next()%2
	m := &roster.Model{Demand: roster.Demand{Start: start, Interval: time.Hour}}
	for k := range nSkills {
		sd := roster.SkillDemand{Skill: []string{"voice", "chat"}[k], Required: make([]int, 48)}
		for t := range sd.Required {
			sd.Required[t] = next() % 4
		}
		m.Demand.Skills = append(m.Demand.Skills, sd)
	}
	for i := range 1 + next()%3 {
		e := next() % 24
		m.Templates = append(m.Templates, roster.ShiftTemplate{Name: string(rune('a' + i)), EarliestStart: civil.Clock(e * 60),
			LatestStart: civil.Clock((e + next()%6) % 24 * 60), MinLength: time.Duration(2+next()%4) * time.Hour,
			MaxLength: time.Duration(6+next()%4) * time.Hour, Step: time.Hour})
	}
	if next()%2 == 0 {
		m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "split", Blocks: []roster.ClockSpan{{From: 0, To: 120}, {From: 600, To: 720}, {From: 1320, To: 1440}},
			MinBlocks: 2, MaxBlocks: 3, MinBlockRest: time.Duration(next()%5) * time.Hour})
	}
	if next()%2 == 0 {
		m.Breaks = []roster.BreakRule{{Name: "b", Duration: time.Hour, From: time.Duration(next()%3) * time.Hour, BeforeEnd: time.Hour,
			RequiredAbove: time.Duration(4+next()%4) * time.Hour, Paid: next()%2 == 0}}
	}
	m.Rules = roster.Rules{MinRest: time.Duration(next()%13) * time.Hour, MaxDaily: time.Duration(next()%12) * time.Hour,
		DaysOffPerWeek: next() % 2, WeekStart: time.Weekday(next() % 7), WeeklyRest: time.Duration(next()%30) * time.Hour}
	if next()%3 == 0 {
		m.Rules.Overtime = roster.Overtime{StandardDay: 6 * time.Hour, StandardWeek: 30 * time.Hour, MaxDay: 2 * time.Hour, MaxMonth: 3 * time.Hour}
	}
	for i := range 1 + next()%6 {
		a := roster.Agent{ID: string(rune('A' + i)), Skills: []string{m.Demand.Skills[next()%nSkills].Skill}}
		if next()%3 == 0 {
			a.Tier, a.CanLead = roster.TierVeteran, next()%2 == 0
		}
		if next()%3 == 0 {
			a.Available = []roster.Window{{Span: roster.ClockSpan{From: civil.Clock(next() % 24 * 60), To: civil.Clock(next() % 24 * 60)}}}
		}
		a.MinWeekly = time.Duration(next()%10) * time.Hour
		m.Agents = append(m.Agents, a)
	}
	if next()%2 == 0 {
		m.Leads = roster.LeadRule{PerAgents: 1 + next()%3, ExcludeFromCoverage: next()%2 == 0}
	}
	if next()%2 == 0 {
		m.Veterans = roster.VeteranRule{Share: float64(next()%5) / 4, TopK: next() % 4, Windows: []roster.PeakWindow{{Span: roster.ClockSpan{From: 0, To: 120}}}}
	}
	if next()%2 == 0 {
		m.Reserve = roster.ReserveRule{Agents: next() % 3, Block: 6 * time.Hour}
	}
	return m
}

// FuzzSolve: whatever the model, Solve returns a model error or a roster
// that keeps every rule, and never panics.
func FuzzSolve(f *testing.F) {
	f.Add([]byte{1, 2, 3, 2, 1, 0, 3, 3, 2, 1, 0, 1, 2, 3, 0, 0, 1})
	f.Add([]byte("a roster for a busy double eleven with leads and veterans"))
	f.Add(make([]byte, 200))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := fuzzModel(data)
		res, err := Solve(context.Background(), m, Options{Seed: 1, Iterations: 3000})
		var ve *roster.ValidationError
		switch {
		case errors.As(err, &ve):
			return
		case err != nil && !IsShort(err):
			t.Fatalf("Solve: %v", err)
		}
		if len(res.Evaluation.Violations) > 0 {
			t.Fatalf("violations: %v", res.Evaluation.Violations)
		}
	})
}

// FuzzEvaluate: a roster with arbitrary times is evaluated or rejected
// with a RosterError, never a panic.
func FuzzEvaluate(f *testing.F) {
	f.Add(0, 8, 0, 16, 0, 11, true)
	f.Add(1, 7, 10, 15, 0, 9, false)
	f.Add(-3, 30, 0, -2, 45, 100, true)
	f.Fuzz(func(t *testing.T, day, h0, m0, h1, m1, brk int, paid bool) {
		m := rostertest.EvalModel()
		s := roster.Shift{AgentID: "a", Skill: "chat", Template: "day", Blocks: []roster.Span{{Start: rostertest.At(day, h0, m0), End: rostertest.At(day, h1, m1)}},
			Breaks: []roster.Break{{Rule: "coffee", Start: rostertest.At(day, brk, 0), End: rostertest.At(day, brk, 30), Paid: paid}}}
		_, err := roster.Evaluate(m, &roster.Roster{Shifts: []roster.Shift{s, rostertest.Shift("b", 0, 8, 16, 11)}})
		var re *roster.RosterError
		if err != nil && !errors.As(err, &re) {
			t.Fatalf("err %v is not a RosterError", err)
		}
	})
}
