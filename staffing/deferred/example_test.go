package deferred_test

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
)

// Ten 6-minute emails waiting at 09:00, answered within 2 business hours,
// office open 09:00-17:00 on weekdays: half an agent until 11:00.
func ExampleSolve() {
	start := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC) // a Monday
	var hours deferred.OpeningHours
	for d := time.Monday; d <= time.Friday; d++ {
		hours.Weekly[d], _ = deferred.ParseWindows("09:00-17:00")
	}
	w := deferred.Workload{
		Start: start, Interval: 30 * time.Minute, Arrivals: make([]float64, 16),
		HandleSeconds: []float64{360}, Deadline: 2 * time.Hour, Hours: hours,
		Backlog: []deferred.Item{{Arrived: start, Count: 10}},
	}
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range st.Intervals[:5] {
		fmt.Printf("%s agents %.2f backlog %.1f oldest %.1f h\n", f.Start.Format("15:04"), f.Agents, f.Backlog, f.OldestAgeHours)
	}
	fmt.Printf("agent-hours %.1f, late %.0f, longest wait %.1f h\n", st.AgentHours, st.Late, st.MaxAgeHours)
	// Output:
	// 09:00 agents 0.50 backlog 7.5 oldest 0.5 h
	// 09:30 agents 0.50 backlog 5.0 oldest 1.0 h
	// 10:00 agents 0.50 backlog 2.5 oldest 1.5 h
	// 10:30 agents 0.50 backlog 0.0 oldest 0.0 h
	// 11:00 agents 0.00 backlog 0.0 oldest 0.0 h
	// agent-hours 1.0, late 0, longest wait 2.0 h
}

// Evaluate checks a given staffing. Ten 6-minute items arrive over
// 09:00-10:00 (one hour of work) and a quarter of an agent works on them:
// the item arriving u hours after 09:00 leaves at 09:00 + 4u, 3u after it
// came, so those with 3u > 2 h miss the deadline: the last third.
func ExampleEvaluate() {
	start := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
	w := deferred.Workload{
		Start: start, Interval: time.Hour, Arrivals: []float64{10, 0, 0, 0, 0, 0, 0, 0},
		HandleSeconds: []float64{360}, Deadline: 2 * time.Hour, Hours: deferred.AlwaysOpen(),
	}
	ev, _ := deferred.Evaluate(w, []float64{0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25})
	fmt.Printf("late %.1f of %.0f (%.0f%%), longest wait %.1f h\n", ev.Late, ev.Items, 100*ev.LateShare, ev.MaxAgeHours)
	// Output:
	// late 3.3 of 10 (33%), longest wait 3.0 h
}
