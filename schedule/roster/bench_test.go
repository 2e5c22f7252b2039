package roster

import (
	"context"
	"testing"
	"time"
)

// benchInstance is the benchmark: 300 agents, 21 days, 15-minute
// intervals, 3 skills, a daily curve with an evening peak.
func benchInstance() *Model {
	return instance{agents: 300, days: 21, interval: 15 * time.Minute, skills: 3, peak: 30, seed: 42,
		leads: 12, share: 0.2, topK: 8, reserve: 3, night: true}.model()
}

var iters = 20_000_000

func TestBenchShape(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	m := benchInstance()
	t0 := time.Now()
	lb, err := LowerBound(m)
	t.Logf("bound %.1f (%v) in %v err %v", lb.Hours, lb.PerSkill, time.Since(t0), err)
	res, err := Solve(context.Background(), m, Options{Seed: 1, TimeLimit: 60 * time.Second, Iterations: iters})
	if res == nil {
		t.Fatal(err)
	}
	t.Logf("err %v", err)
	for _, s := range res.Stages {
		t.Logf("%-15s %8v shifts %5d obj %10.2f %s", s.Name, s.Duration.Round(time.Millisecond), s.Shifts, s.Objective, s.Note)
	}
	ev := res.Evaluation
	for i, u := range ev.Unmet {
		if i < 80 && i%4 == 0 {
			t.Logf("unmet %v %s %d/%d", u.Start, u.Skill, u.OnDuty, u.Required)
		}
	}
	t.Logf("uncoverable %.2f", lb.UncoverableHours)
	t.Logf("staffed %.1f lb %.1f gap %.2f%% short %.2f excess %.2f viol %d unmet %d", ev.StaffedHours, ev.LowerBoundHours, ev.GapPercent, ev.ShortageHours, ev.ExcessHours, len(ev.Violations), len(ev.Unmet))
}
