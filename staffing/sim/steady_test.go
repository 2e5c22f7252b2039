package sim_test

import (
	"errors"
	"math"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// TestSteady: 100 calls per half hour of 180 s on 12 agents (10 Erlangs)
// meet Erlang C's service level and occupancy within 4 standard errors;
// the warm-up interval is simulated but left out of the overall figures.
func TestSteady(t *testing.T) {
	cfg := sim.Config{IntervalSeconds: 1800, AHTSeconds: 180, Handle: sim.Exponential, AnswerSeconds: 20, Seed: 7, Replications: 50}
	res, err := sim.Steady(cfg, 100, 12, 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Intervals) != 9 {
		t.Fatalf("%d intervals, want 8 and the warm-up", len(res.Intervals))
	}
	m, err := erlang.Evaluate(erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180}, 12, 20)
	if err != nil {
		t.Fatal(err)
	}
	o := res.Overall
	if math.Abs(o.ServiceLevel-m.ServiceLevel) > 4*o.ServiceLevelSE+0.01 || math.Abs(o.Occupancy-m.Occupancy) > 4*o.OccupancySE+0.01 {
		t.Errorf("simulated SL %v ± %v, occupancy %v ± %v; Erlang C %v, %v", o.ServiceLevel, o.ServiceLevelSE, o.Occupancy, o.OccupancySE, m.ServiceLevel, m.Occupancy)
	}
	if o.Offered >= res.Calls {
		t.Errorf("overall offered %d of %d calls: the warm-up is counted", o.Offered, res.Calls)
	}
	if _, err := sim.Steady(cfg, 100, 12, 0); !errors.Is(err, sim.ErrInvalidConfig) {
		t.Errorf("no interval: %v", err)
	}
}
