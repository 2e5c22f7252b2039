package roster_test

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// Evaluate judges any roster, here one made by hand: a night shift
// without its meal break, on the day the agent already worked, too soon
// after the first shift.
func ExampleEvaluate() {
	start := time.Date(2025, 11, 10, 0, 0, 0, 0, time.UTC)
	req := make([]int, 48)
	for h := 8; h < 18; h++ {
		req[h] = 1
	}
	m := &roster.Model{
		Demand: roster.Demand{Start: start, Interval: time.Hour,
			Skills: []roster.SkillDemand{{Skill: "voice", Required: req}}},
		Templates: []roster.ShiftTemplate{{Name: "day", EarliestStart: 8 * 60, LatestStart: 22 * 60,
			MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour}},
		Breaks: []roster.BreakRule{{Name: "meal", Duration: time.Hour, From: 3 * time.Hour, BeforeEnd: 2 * time.Hour, RequiredAbove: 6 * time.Hour}},
		Rules:  roster.Rules{MinRest: 11 * time.Hour},
		Agents: []roster.Agent{{ID: "li", Skills: []string{"voice"}}},
	}
	h := func(day, hour int) time.Time { return start.Add(time.Duration(24*day+hour) * time.Hour) }
	r := &roster.Roster{Shifts: []roster.Shift{
		{AgentID: "li", Skill: "voice", Template: "day", Blocks: []roster.Span{{h(0, 8), h(0, 16)}},
			Breaks: []roster.Break{{Rule: "meal", Start: h(0, 12), End: h(0, 13)}}},
		{AgentID: "li", Skill: "voice", Template: "day", Blocks: []roster.Span{{h(0, 22), h(1, 6)}}},
	}}
	ev, err := roster.Evaluate(m, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("on duty at 12:00: %d of %d; shortage %.0f h\n", ev.Skills[0].OnDuty[12], ev.Skills[0].Required[12], ev.ShortageHours)
	for _, v := range ev.Violations {
		fmt.Println(v)
	}
	// Output:
	// on duty at 12:00: 0 of 1; shortage 3 h
	// breaks li 2025-11-10 22:00: block 1 (8h) has no meal break
	// min_rest li 2025-11-10 22:00: rests 6h after the shift ending 2025-11-10 16:00, at least 11h
	// one_shift_per_day li 2025-11-10 22:00: a second shift on 2025-11-10
}
