package roster

import (
	"context"
	"errors"
	"testing"
	"time"
)

// benchModel is the benchmark: 300 agents, 21 days, 15-minute
// intervals, 3 skills with an evening peak (demandCurve), a lead per 12
// agents, a fifth veterans in each day's 8 busiest intervals, 3 agents on
// call per 4-hour block, 11h rest, 2 days off a week, 45h a week. The
// team has the capacity: about 16,000 of its 36,000 contract hours.
func benchModel() *Model {
	return instance{agents: 300, days: 21, interval: 15 * time.Minute, skills: 3, peak: 30, seed: 42,
		leads: 12, share: 0.2, topK: 8, reserve: 3, night: true}.model()
}

// BenchmarkSolve300Agents21Days solves the benchmark with a 60 s limit and
// reports the staffed hours, the LP lower bound and the gap between them.
//
//	go test -run '^$' -bench Solve300 -benchtime 1x -cpu 1 ./schedule/roster/
func BenchmarkSolve300Agents21Days(b *testing.B) {
	m := benchModel()
	for b.Loop() {
		res, err := Solve(context.Background(), m, Options{Seed: 1, TimeLimit: 60 * time.Second})
		if err != nil && !errors.Is(err, ErrInfeasible) {
			b.Fatal(err)
		}
		ev := res.Evaluation
		if len(ev.Violations) > 0 {
			b.Fatalf("%d violations, first %v", len(ev.Violations), ev.Violations[0])
		}
		b.ReportMetric(ev.StaffedHours, "staffed_h")
		b.ReportMetric(ev.LowerBoundHours, "bound_h")
		b.ReportMetric(ev.GapPercent, "gap_%")
		b.ReportMetric(ev.ShortageHours, "short_h")
		b.ReportMetric(float64(len(res.Roster.Shifts)), "shifts")
	}
}

// BenchmarkLowerBound300Agents21Days times the LP bound alone (63 day and
// skill programs).
func BenchmarkLowerBound300Agents21Days(b *testing.B) {
	m := benchModel()
	for b.Loop() {
		lb, err := LowerBound(m)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(lb.Hours, "bound_h")
	}
}
