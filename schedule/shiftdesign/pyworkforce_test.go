package shiftdesign_test

import (
	"context"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// The pyworkforce example (from the tests of github.com/rodrigo-arenas/pyworkforce):
// two independent days of 24 hourly periods, each read as a cyclic day.
var pyworkforceDays = [2][]float64{
	{9, 11, 17, 9, 7, 12, 5, 11, 8, 9, 18, 17, 8, 12, 16, 8, 7, 12, 11, 10, 13, 19, 16, 7},
	{13, 13, 12, 15, 18, 20, 13, 16, 17, 8, 13, 11, 6, 19, 11, 20, 19, 17, 10, 13, 14, 23, 16, 8},
}

// pyworkforceModel is one day of the example: four 8-hour shifts Morning
// 05:00, Mixed 09:00, Afternoon 13:00 and Night 21:00 (wrapping to 04:59 of
// the same day), with a cap of maxAgents per shift (0: none).
func pyworkforceModel(req []float64, w shiftdesign.Weights, maxAgents int) *shiftdesign.Model {
	m := &shiftdesign.Model{Interval: time.Hour, Required: req, Cyclic: true, Weights: w}
	for _, s := range []struct {
		name  string
		start int
	}{{"Morning", 5}, {"Mixed", 9}, {"Afternoon", 13}, {"Night", 21}} {
		at := time.Duration(s.start) * time.Hour
		m.Templates = append(m.Templates, shiftdesign.Template{Name: s.name, EarliestStart: at, LatestStart: at,
			MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour, MaxAgents: maxAgents})
	}
	return m
}

func TestPyworkforce(t *testing.T) {
	tests := []struct {
		name      string
		weights   shiftdesign.Weights
		maxAgents int
		// want per day: agents (min staff) or the sum of |scheduled - required| over periods
		want [2]float64
		cost func(ev *shiftdesign.Evaluation) float64
	}{
		{
			name: "minimum staff with full coverage",
			// A shortage costs more than any number of agents could.
			weights: shiftdesign.Weights{Shortage: 1000, Shifts: 1},
			want:    [2]float64{50, 63},
			cost: func(ev *shiftdesign.Evaluation) float64 {
				if ev.ShortageMinutes != 0 {
					return -1
				}
				return float64(ev.Shifts)
			},
		},
		{
			name:      "minimum absolute deviation, at most 20 per shift",
			weights:   shiftdesign.Weights{Shortage: 1, Excess: 1},
			maxAgents: 20,
			want:      [2]float64{76, 81},
			cost: func(ev *shiftdesign.Evaluation) float64 {
				return (ev.ShortageMinutes + ev.ExcessMinutes) / 60
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for d, req := range pyworkforceDays {
				m := pyworkforceModel(req, tt.weights, tt.maxAgents)
				res, err := shiftdesign.Solve(context.Background(), m, shiftdesign.Options{Seed: 1, MaxEvaluations: 2000})
				if err != nil {
					t.Fatal(err)
				}
				if got := tt.cost(res.Evaluation); got != tt.want[d] {
					t.Errorf("day %d: %v, want %v (plan %+v)", d+1, got, tt.want[d], res.Plan)
				}
				if !res.Evaluation.Feasible() {
					t.Errorf("day %d: violations %v", d+1, res.Evaluation.Violations)
				}
			}
		})
	}
}
