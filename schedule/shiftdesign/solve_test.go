package shiftdesign_test

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// tinyModel has 7 candidate shifts of at most 3 agents over an 8-hour
// horizon: few enough to enumerate every plan (4^7).
func tinyModel(rng *rand.Rand, cyclic bool) *shiftdesign.Model {
	m := &shiftdesign.Model{Interval: h, Required: make([]float64, 8), Cyclic: cyclic,
		Templates: []shiftdesign.Template{
			{Name: "a", EarliestStart: 0, LatestStart: 2 * h, MinLength: 3 * h, MaxLength: 4 * h, Step: h, MaxAgents: 3},
			{Name: "b", EarliestStart: 4 * h, LatestStart: 4 * h, MinLength: 5 * h, MaxLength: 5 * h, Step: h, MaxAgents: 3},
		},
		Weights: shiftdesign.Weights{Shortage: float64(1 + rng.IntN(3)), Excess: float64(rng.IntN(3)),
			DistinctShifts: float64(rng.IntN(200)), Shifts: float64(rng.IntN(60))},
	}
	for k := range m.Required {
		m.Required[k] = float64(rng.IntN(5))
	}
	return m
}

// bruteForce enumerates every plan of the tiny model and returns the least
// objective Evaluate gives.
func bruteForce(t *testing.T, m *shiftdesign.Model) float64 {
	t.Helper()
	type pair struct{ start, length time.Duration }
	pairs := []pair{{0, 3 * h}, {0, 4 * h}, {h, 3 * h}, {h, 4 * h}, {2 * h, 3 * h}, {2 * h, 4 * h}, {4 * h, 5 * h}}
	best := math.Inf(1)
	agents := make([]int, len(pairs))
	for code := 0; code < 1<<(2*len(pairs)); code++ {
		var plan shiftdesign.Plan
		for i, p := range pairs {
			agents[i] = (code >> (2 * i)) & 3
			plan.Shifts = append(plan.Shifts, shiftdesign.PlannedShift{Start: p.start, Length: p.length, Agents: []int{agents[i]}})
		}
		ev, err := shiftdesign.Evaluate(m, plan)
		if err != nil {
			t.Fatal(err)
		}
		best = math.Min(best, ev.Objective)
	}
	return best
}

// TestSolveMatchesBruteForce: on tiny seeded models the solver reaches the
// optimum found by enumerating every plan.
func TestSolveMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 3))
	for i := 0; i < 12; i++ {
		m := tinyModel(rng, i%2 == 1)
		want := bruteForce(t, m)
		res, err := shiftdesign.Solve(context.Background(), m, shiftdesign.Options{Seed: uint64(i), MaxEvaluations: 5000})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Evaluation.Objective; got != want {
			t.Errorf("model %d (cyclic %v, weights %+v): objective %v, brute force %v; plan %+v", i, m.Cyclic, m.Weights, got, want, res.Plan)
		}
	}
}

// allowedBy recomputes, without the package, whether a shift is produced
// by template t on weekday w.
func allowedBy(t shiftdesign.Template, s shiftdesign.PlannedShift, w time.Weekday) bool {
	if len(t.Weekdays) > 0 {
		ok := false
		for _, d := range t.Weekdays {
			ok = ok || d == w
		}
		if !ok {
			return false
		}
	}
	if s.Length < t.MinLength || s.Length > t.MaxLength || (s.Length-t.MinLength)%t.Step != 0 {
		return false
	}
	span := (t.LatestStart - t.EarliestStart + 24*h) % (24 * h)
	off := (s.Start - t.EarliestStart + 24*h) % (24 * h)
	return off <= span && off%t.Step == 0
}

// TestSolveInvariants solves seeded random models and checks the result
// against recomputations that share no code with the package: coverage
// minute by minute, the objective, templates, days and caps, and the lower
// bound below the staffed hours whenever nothing is short.
func TestSolveInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for i := 0; i < 25; i++ {
		m := randomModel(rng)
		res, err := shiftdesign.Solve(context.Background(), m, shiftdesign.Options{Seed: 1, MaxEvaluations: 1500})
		if err != nil {
			t.Fatalf("model %d: %v", i, err)
		}
		ev := res.Evaluation
		onDuty, short, over, distinct, shifts, hours := minuteScore(m, res.Plan)
		for k := range onDuty {
			checkClose(t, "on duty", ev.OnDuty[k], onDuty[k])
		}
		w := m.Weights
		checkClose(t, "objective", ev.Objective, w.Shortage*short+w.Excess*over+w.DistinctShifts*float64(distinct)+w.Shifts*float64(shifts))
		checkClose(t, "hours", ev.StaffedHours, hours)
		if !ev.Feasible() {
			t.Errorf("model %d: violations %v", i, ev.Violations)
		}
		seen := map[[2]time.Duration]bool{}
		for si, s := range res.Plan.Shifts {
			key := [2]time.Duration{s.Start, s.Length}
			if seen[key] {
				t.Errorf("model %d: shift %v listed twice", i, key)
			}
			seen[key] = true
			for d, a := range s.Agents {
				if a == 0 {
					continue
				}
				wd := time.Weekday((int(m.FirstWeekday) + d) % 7)
				capacity, ok := 0, false
				for _, tp := range m.Templates {
					if allowedBy(tp, s, wd) {
						ok = true
						if tp.MaxAgents == 0 || capacity < 0 {
							capacity = -1
						} else {
							capacity += tp.MaxAgents
						}
					}
				}
				if !ok || (capacity >= 0 && a > capacity) {
					t.Errorf("model %d: shift %d day %d: %d agents, allowed %v, cap %d", i, si, d, a, ok, capacity)
				}
			}
		}
		// The empty plan is a valid plan: the solver must not be worse.
		empty, _ := shiftdesign.Evaluate(m, shiftdesign.Plan{})
		if ev.Objective > empty.Objective {
			t.Errorf("model %d: objective %v above the empty plan's %v", i, ev.Objective, empty.Objective)
		}
		if short == 0 {
			lb, err := shiftdesign.LowerBoundHours(m)
			if err != nil {
				t.Fatal(err)
			}
			if lb > hours+1e-6 {
				t.Errorf("model %d: lower bound %v above the staffed hours %v", i, lb, hours)
			}
		}
	}
}

// TestSolveDeterministic: with an evaluation budget the seed fixes the
// result.
func TestSolveDeterministic(t *testing.T) {
	m := &readInstance(t, "RandomExample2").Model
	opts := shiftdesign.Options{Seed: 42, MaxEvaluations: 3000, TimeLimit: time.Minute}
	a, err := shiftdesign.Solve(context.Background(), m, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := shiftdesign.Solve(context.Background(), m, opts)
	if !reflect.DeepEqual(a.Plan, b.Plan) || a.Evaluations != b.Evaluations {
		t.Errorf("two runs differ: %+v vs %+v", a.Plan, b.Plan)
	}
}

// TestSolveCancel stops on a cancelled context with a valid plan.
func TestSolveCancel(t *testing.T) {
	inst := readInstance(t, "RandomExample8")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := shiftdesign.Solve(ctx, &inst.Model, shiftdesign.Options{TimeLimit: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if res.Elapsed > 5*time.Second {
		t.Errorf("took %v after cancel", res.Elapsed)
	}
}

// TestSolveDBAI solves a few benchmark instances with a small budget and
// expects the best-known objective (all of these are proven optima), and
// the lower bound below the staffed hours.
func TestSolveDBAI(t *testing.T) {
	want := map[string]bool{"RandomExample1": true, "RandomExample6": true, "RandomExample11": true, "RandomExample15": true, "RandomExample22": true}
	for _, bk := range bestKnown(t) {
		if !want[bk.name] {
			continue
		}
		t.Run(bk.name, func(t *testing.T) {
			inst := readInstance(t, bk.name)
			res, err := shiftdesign.Solve(context.Background(), &inst.Model, shiftdesign.Options{Seed: 1, MaxEvaluations: 20000, TimeLimit: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Evaluation.Objective; got != bk.bestKnown {
				t.Errorf("objective %v, best known %v", got, bk.bestKnown)
			}
			lb, err := shiftdesign.LowerBoundHours(&inst.Model)
			if err != nil {
				t.Fatal(err)
			}
			if res.Evaluation.ShortageMinutes == 0 && lb > res.Evaluation.StaffedHours+1e-6 {
				t.Errorf("lower bound %v above staffed hours %v", lb, res.Evaluation.StaffedHours)
			}
		})
	}
}
