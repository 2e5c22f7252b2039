package shiftdesign_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// FuzzReadInstance: any bytes give an instance or an error, never a panic;
// an instance read is valid and its reference plan scores or is refused
// with an error.
func FuzzReadInstance(f *testing.F) {
	if data, err := os.ReadFile("testdata/tiny.txt"); err == nil {
		f.Add(data)
		f.Add(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte("#MinuteInterval:\n0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inst, err := shiftdesign.ReadInstance(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		if err := inst.Model.Validate(); err != nil {
			t.Fatalf("read an invalid model: %v", err)
		}
		if len(inst.Model.Required) > 2000 {
			return
		}
		shiftdesign.Evaluate(&inst.Model, inst.Reference)
	})
}

// FuzzSolve builds a model from a few numbers and solves it with a small
// budget: no panic, a plan without violations, and an objective no worse
// than the empty plan's.
func FuzzSolve(f *testing.F) {
	f.Add(uint8(4), uint8(3), uint8(60), uint8(22), uint8(8), uint8(2), uint8(1), int8(2), []byte{1, 2, 3, 4, 5, 4, 3, 2, 1})
	f.Add(uint8(1), uint8(0), uint8(15), uint8(23), uint8(24), uint8(0), uint8(0), int8(0), []byte{0})
	f.Fuzz(func(t *testing.T, days, cyclic, ivMin, startHour, lenHours, window, caps uint8, weight int8, reqs []byte) {
		ivs := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour}
		iv := ivs[int(ivMin)%len(ivs)]
		d := 1 + int(days)%3
		m := &shiftdesign.Model{Interval: iv, Required: make([]float64, d*int(24*time.Hour/iv)), Cyclic: cyclic%2 == 0,
			Weights: shiftdesign.Weights{Shortage: 1, Excess: float64(weight), DistinctShifts: 30, Shifts: 1}}
		for k := range m.Required {
			if len(reqs) > 0 {
				m.Required[k] = float64(reqs[k%len(reqs)] % 9)
			}
		}
		start := time.Duration(startHour%24) * time.Hour
		m.Templates = []shiftdesign.Template{{Name: "a", EarliestStart: start, LatestStart: (start + time.Duration(window%5)*iv) % (24 * time.Hour),
			MinLength: time.Duration(1+lenHours%24) * time.Hour, MaxLength: time.Duration(1+lenHours%24)*time.Hour + iv, Step: iv, MaxAgents: int(caps % 4)}}
		if m.Validate() != nil {
			return
		}
		res, err := shiftdesign.Solve(context.Background(), m, shiftdesign.Options{MaxEvaluations: 300, TimeLimit: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		empty, _ := shiftdesign.Evaluate(m, shiftdesign.Plan{})
		if !res.Evaluation.Feasible() || res.Evaluation.Objective > empty.Objective+1e-9 || math.IsNaN(res.Evaluation.Objective) {
			t.Fatalf("objective %v (empty %v), violations %v", res.Evaluation.Objective, empty.Objective, res.Evaluation.Violations)
		}
	})
}

// FuzzLowerBound: any covering model gives a bound or an error; interval
// models never get a bound above an integer cover found greedily.
func FuzzLowerBound(f *testing.F) {
	f.Add([]byte{3, 1, 1, 1}, []byte{0, 2, 1, 2, 2, 2})
	f.Add([]byte{5, 0, 2, 4, 1, 0}, []byte{4, 3, 0, 1})
	f.Fuzz(func(t *testing.T, reqs, cols []byte) {
		if len(reqs) == 0 || len(reqs) > 40 {
			return
		}
		n := len(reqs)
		m := shiftdesign.CoverModel{Required: make([]float64, n)}
		for k, r := range reqs {
			m.Required[k] = float64(r % 7)
		}
		for i := 0; i+1 < len(cols) && i < 80; i += 2 {
			l := 1 + int(cols[i+1])%n
			m.Columns = append(m.Columns, shiftdesign.IntervalColumn(int(cols[i])%n, l, n, float64(l)))
		}
		b, err := shiftdesign.LowerBound(m)
		if err != nil {
			return
		}
		// Σ r is a valid lower bound of hours when every column costs its
		// length, and the LP can never be below it.
		sum := 0.0
		for _, r := range m.Required {
			sum += r
		}
		if math.IsNaN(b.Value) || b.Value < sum-1e-6*math.Max(1, sum) {
			t.Fatalf("bound %+v below Σ r = %v", b, sum)
		}
	})
}
