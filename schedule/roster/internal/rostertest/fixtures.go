package rostertest

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// EvalModel is three days of one chat agent needed 08:00-18:00, shifts
// starting 08:00-10:00 of 6 to 9 hours with a 30-minute paid break between
// 2h and 5h after the start.
func EvalModel() *roster.Model {
	start := time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC) // Monday
	req := make([]int, 3*48)
	for d := range 3 {
		for i := 16; i < 36; i++ {
			req[d*48+i] = 1
		}
	}
	return &roster.Model{
		Demand:    roster.Demand{Start: start, Interval: 30 * time.Minute, Skills: []roster.SkillDemand{{Skill: "chat", Required: req}}},
		Templates: []roster.ShiftTemplate{{Name: "day", EarliestStart: 8 * 60, LatestStart: 10 * 60, MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: 30 * time.Minute}},
		Breaks:    []roster.BreakRule{{Name: "coffee", Duration: 30 * time.Minute, From: 2 * time.Hour, To: 5 * time.Hour, Paid: true, RequiredAbove: 5 * time.Hour}},
		Rules:     roster.Rules{MinRest: 14 * time.Hour, MaxDaily: 8 * time.Hour, MaxWeekly: 20 * time.Hour, MaxConsecutiveDays: 2, WeekStart: time.Monday},
		Agents: []roster.Agent{
			{ID: "a", Tier: roster.TierVeteran, CanLead: true, Skills: []string{"chat"}},
			{ID: "b", Skills: []string{"chat"}, Available: []roster.Window{{Days: []time.Weekday{time.Monday, time.Tuesday}, Span: roster.ClockSpan{From: 8 * 60, To: 16 * 60}}}},
			{ID: "c", Skills: []string{"voice", "chat"}, DaysOff: []civil.Date{{Year: 2025, Month: 11, Day: 11}}},
		},
	}
}

// At is 2025-11-10 + day days at hh:mm UTC.
func At(day, hh, mm int) time.Time { return time.Date(2025, 11, 10+day, hh, mm, 0, 0, time.UTC) }

// Shift is agent id on day from h0 to h1 (hours, halves allowed) with a
// coffee break at brk (hours after midnight; 0 for none).
func Shift(id string, day int, h0, h1, brk float64) roster.Shift {
	hm := func(h float64) time.Time { return At(day, int(h), int(math.Round((h-math.Floor(h))*60))) }
	s := roster.Shift{AgentID: id, Skill: "chat", Template: "day", Blocks: []roster.Span{{Start: hm(h0), End: hm(h1)}}}
	if brk > 0 {
		s.Breaks = []roster.Break{{Rule: "coffee", Start: hm(brk), End: hm(brk + 0.5), Paid: true}}
	}
	return s
}
