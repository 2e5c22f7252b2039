package solve

import (
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster/bound"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// TestLowerBoundBelowEveryRoster: the bound is at most the staffed hours
// of any roster that covers everything; on a one-agent-per-shift model with
// enough agents, Solve's roster covers all and must not beat the bound.
func TestLowerBoundBelowSolvedRosters(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		m := rostertest.Instance{Agents: 60, Days: 3, Interval: 30 * time.Minute, Skills: 2, Peak: 8, Seed: seed}.Model()
		lb, err := bound.LowerBound(m)
		if err != nil {
			t.Fatal(err)
		}
		res := solveOK(t, m, Options{Seed: seed, Iterations: 100_000}, true)
		ev := res.Evaluation
		covered := ev.ShortageHours <= lb.UncoverableHours+1e-9
		if covered && ev.StaffedHours < lb.Hours-1e-6 {
			t.Errorf("seed %d: roster staffs %.2f h, below the lower bound %.2f", seed, ev.StaffedHours, lb.Hours)
		}
	}
}

// TestLowerBoundContractHours: the contract hours are the agents' weekly
// minimums, pro rata in the partial weeks (10 days from a Wednesday, weeks
// from Monday: 5 days, then 5), and a roster that honours every minimum
// staffs at least that.
func TestLowerBoundContractHours(t *testing.T) {
	m := rostertest.Instance{Agents: 12, Days: 10, Interval: time.Hour, Skills: 1, Peak: 2, Seed: 4,
		Start: time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC)}.Model() // Wednesday: weeks of 5 and 5 days
	for i := range m.Agents {
		m.Agents[i].MinWeekly = 0
	}
	m.Agents[0].MinWeekly, m.Agents[1].MinWeekly = 21*time.Hour, 14*time.Hour
	lb, err := bound.LowerBound(m)
	if err != nil {
		t.Fatal(err)
	}
	// 21h: 15h in each 5-day week; 14h: 10h each
	if want := 2*15.0 + 2*10.0; math.Abs(lb.ContractHours-want) > 1e-9 {
		t.Errorf("contract hours %.4f, want %.1f", lb.ContractHours, want)
	}
	res := solveOK(t, m, Options{Seed: 1, Iterations: 60_000}, true)
	ev := res.Evaluation
	if ev.MinHoursShort == 0 && ev.StaffedHours < lb.ContractHours-1e-9 {
		t.Errorf("a roster honouring the minimums staffs %.2f h, below their %.2f h", ev.StaffedHours, lb.ContractHours)
	}
	if ev.MinHoursShort > 0 {
		t.Errorf("the roster leaves %.1f h of minimums: the check above proved nothing", ev.MinHoursShort)
	}
}
