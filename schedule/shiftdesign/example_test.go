package shiftdesign_test

import (
	"context"
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// The first day of the pyworkforce example: the least agents that cover
// every hour with four fixed 8-hour shifts. A shortage costs more than any
// number of agents, excess is free, each agent-shift costs 1.
func ExampleSolve() {
	req := []float64{9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7}
	m := &shiftdesign.Model{Interval: time.Hour, Required: req, Cyclic: true,
		Weights: shiftdesign.Weights{Shortage: 1000, Shifts: 1}}
	for _, start := range []int{5, 9, 13, 21} {
		at := time.Duration(start) * time.Hour
		m.Templates = append(m.Templates, shiftdesign.Template{Name: fmt.Sprintf("%02d:00", start),
			EarliestStart: at, LatestStart: at, MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour})
	}
	res, err := shiftdesign.Solve(context.Background(), m, shiftdesign.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	ev := res.Evaluation
	fmt.Printf("agents %d, shortage %v agent-minutes, staffed %v hours\n", ev.Shifts, ev.ShortageMinutes, ev.StaffedHours)
	// Output: agents 50, shortage 0 agent-minutes, staffed 400 hours
}

// Scoring a plan by hand: two agents from 06:00 to 18:00 against a
// requirement of 1, 3, 2 and 0 agents in four 6-hour intervals.
func ExampleEvaluate() {
	m := &shiftdesign.Model{Interval: 6 * time.Hour, Required: []float64{1, 3, 2, 0},
		Templates: []shiftdesign.Template{{Name: "day", EarliestStart: 6 * time.Hour, LatestStart: 6 * time.Hour,
			MinLength: 12 * time.Hour, MaxLength: 12 * time.Hour, Step: time.Hour}},
		Weights: shiftdesign.Weights{Shortage: 1, Excess: 1, DistinctShifts: 60}}
	plan := shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{{Start: 6 * time.Hour, Length: 12 * time.Hour, Agents: []int{2}}}}
	ev, err := shiftdesign.Evaluate(m, plan)
	if err != nil {
		panic(err)
	}
	fmt.Println("on duty", ev.OnDuty, "short", ev.ShortageMinutes, "objective", ev.Objective)
	// Output: on duty [0 2 2 0] short 720 objective 780
}

// A cycle of three intervals needing one agent each, shifts covering two
// of them: the LP puts half an agent on each shift.
func ExampleLowerBound() {
	m := shiftdesign.CoverModel{Required: []float64{1, 1, 1}}
	for start := 0; start < 3; start++ {
		m.Columns = append(m.Columns, shiftdesign.IntervalColumn(start, 2, 3, 8))
	}
	b, err := shiftdesign.LowerBound(m)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f hours (%s)\n", b.Value, b.Method)
	// Output: 12.0000 hours (flow)
}
