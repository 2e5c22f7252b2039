package solve_test

import (
	"context"
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster/solve"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// Three agents are needed 08:00-16:00 and two more 12:00-14:00; shifts
// of 2 to 8 hours start on the hour from 08:00 to 14:00. The roster
// staffs exactly the requirement, which is also the LP lower bound.
func ExampleSolve() {
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)
	req := make([]int, 24)
	for h := 8; h < 16; h++ {
		req[h] = 3
	}
	req[12], req[13] = 5, 5
	m := &roster.Model{
		Demand: roster.Demand{Start: start, Interval: time.Hour,
			Skills: []roster.SkillDemand{{Skill: "chat", Required: req}}},
		Templates: []roster.ShiftTemplate{{Name: "flex", EarliestStart: 8 * 60, LatestStart: 14 * 60,
			MinLength: 2 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour}},
	}
	for _, id := range []string{"ana", "ben", "chen", "dia", "eli", "fay"} {
		m.Agents = append(m.Agents, roster.Agent{ID: id, Skills: []string{"chat"}})
	}
	res, err := solve.Solve(context.Background(), m, solve.Options{Seed: 1, Iterations: 50_000})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev := res.Evaluation
	fmt.Printf("staffed %.0f h, shortage %.0f h, excess %.0f h\n", ev.StaffedHours, ev.ShortageHours, ev.ExcessHours)
	fmt.Printf("lower bound %.0f h, gap %.1f%%, %d rules broken\n", ev.LowerBoundHours, ev.GapPercent, len(ev.Violations))
	// Output:
	// staffed 28 h, shortage 0 h, excess 0 h
	// lower bound 28 h, gap 0.0%, 0 rules broken
}
