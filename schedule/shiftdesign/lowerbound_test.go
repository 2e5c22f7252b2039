package shiftdesign_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// simplexLP solves the covering LP with gonum's Simplex, built here from the
// model (the independent reference): [A −I] [x; s] = r, x + t = Max for
// capped columns.
func simplexLP(t *testing.T, m shiftdesign.CoverModel) float64 {
	t.Helper()
	n := len(m.Required)
	var capped []int
	for j, c := range m.Columns {
		if c.Max > 0 {
			capped = append(capped, j)
		}
	}
	rows, cols := n+len(capped), len(m.Columns)+n+len(capped)
	a := mat.NewDense(rows, cols, nil)
	c := make([]float64, cols)
	b := make([]float64, rows)
	for j, col := range m.Columns {
		c[j] = col.Cost
		for _, k := range col.Intervals {
			a.Set(k, j, 1)
		}
	}
	for k := 0; k < n; k++ {
		a.Set(k, len(m.Columns)+k, -1)
		b[k] = m.Required[k]
	}
	for i, j := range capped {
		a.Set(n+i, j, 1)
		a.Set(n+i, len(m.Columns)+n+i, 1)
		b[n+i] = m.Columns[j].Max
	}
	v, _, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil {
		t.Fatalf("gonum simplex: %v", err)
	}
	return v
}

// randomCover is a seeded covering model of interval columns on a cycle of
// n intervals (some wrapping past the end), with fractional requirements and
// caps sometimes.
func randomCover(rng *rand.Rand, n int, wrap bool) shiftdesign.CoverModel {
	m := shiftdesign.CoverModel{Required: make([]float64, n)}
	for k := range m.Required {
		m.Required[k] = float64(rng.IntN(6))
		if rng.IntN(4) == 0 {
			m.Required[k] += 0.5
		}
	}
	for j := 0; j < 3*n; j++ {
		l := 1 + rng.IntN(n/2+1)
		start := rng.IntN(n)
		if !wrap && start+l > n {
			start = n - l
		}
		col := shiftdesign.IntervalColumn(start, l, n, float64(l)+rng.Float64())
		if rng.IntN(5) == 0 {
			col.Max = float64(1 + rng.IntN(3))
		}
		m.Columns = append(m.Columns, col)
	}
	// Single-interval columns keep every model feasible.
	for k := 0; k < n; k++ {
		m.Columns = append(m.Columns, shiftdesign.IntervalColumn(k, 1, n, 3))
	}
	return m
}

// TestLowerBoundMatchesSimplex: the flow (and Lagrangian) bound equals
// gonum's Simplex on seeded random interval models, to 1e-7 relative.
func TestLowerBoundMatchesSimplex(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for i := 0; i < 40; i++ {
		m := randomCover(rng, 6+rng.IntN(14), i%3 != 0)
		got, err := shiftdesign.LowerBound(m)
		if err != nil {
			t.Fatal(err)
		}
		want := simplexLP(t, m)
		if got.Method != "flow" || math.Abs(got.Value-want) > 1e-7*math.Max(1, want) || got.Value > want+1e-9 {
			t.Errorf("model %d: bound %+v, simplex %v", i, got, want)
		}
	}
}

// vertexLP is a brute-force LP: it tries every basis of [A −I] (no caps),
// keeps the feasible ones and returns the least cost.
func vertexLP(m shiftdesign.CoverModel) float64 {
	n := len(m.Required)
	var cols [][]float64
	var cost []float64
	for _, c := range m.Columns {
		col := make([]float64, n)
		for _, k := range c.Intervals {
			col[k] = 1
		}
		cols, cost = append(cols, col), append(cost, c.Cost)
	}
	for k := 0; k < n; k++ {
		col := make([]float64, n)
		col[k] = -1
		cols, cost = append(cols, col), append(cost, 0)
	}
	best := math.Inf(1)
	var pick func(from int, basis []int)
	pick = func(from int, basis []int) {
		if len(basis) == n {
			b := mat.NewDense(n, n, nil)
			for i, j := range basis {
				for k := 0; k < n; k++ {
					b.Set(k, i, cols[j][k])
				}
			}
			var x mat.VecDense
			if err := x.SolveVec(b, mat.NewVecDense(n, append([]float64(nil), m.Required...))); err != nil {
				return
			}
			if mat.Cond(b, 1) > 1e12 {
				return
			}
			v := 0.0
			for i, j := range basis {
				if x.AtVec(i) < -1e-9 {
					return
				}
				v += cost[j] * x.AtVec(i)
			}
			best = math.Min(best, v)
			return
		}
		for j := from; j < len(cols); j++ {
			pick(j+1, append(basis, j))
		}
	}
	pick(0, nil)
	return best
}

// TestLowerBoundBruteForce compares with the vertex enumeration on tiny
// models, among them the textbook fractional case: three intervals of a
// cycle needing one agent, shifts covering two of them at cost 1, LP
// optimum 1.5 (half an agent on each), integer optimum 2.
func TestLowerBoundBruteForce(t *testing.T) {
	tests := []struct {
		name  string
		model shiftdesign.CoverModel
		want  float64
	}{
		{"fractional cycle", shiftdesign.CoverModel{Required: []float64{1, 1, 1}, Columns: []shiftdesign.CoverColumn{
			shiftdesign.IntervalColumn(0, 2, 3, 1), shiftdesign.IntervalColumn(1, 2, 3, 1), shiftdesign.IntervalColumn(2, 2, 3, 1)}}, 1.5},
		{"line", shiftdesign.CoverModel{Required: []float64{2, 3, 1, 0}, Columns: []shiftdesign.CoverColumn{
			shiftdesign.IntervalColumn(0, 2, 4, 2), shiftdesign.IntervalColumn(1, 2, 4, 2), shiftdesign.IntervalColumn(2, 2, 4, 2),
			shiftdesign.IntervalColumn(0, 1, 4, 1.5)}}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shiftdesign.LowerBound(tt.model)
			if err != nil {
				t.Fatal(err)
			}
			brute := vertexLP(tt.model)
			if math.Abs(brute-tt.want) > 1e-9 {
				t.Fatalf("brute force %v, want %v", brute, tt.want)
			}
			if math.Abs(got.Value-tt.want) > 1e-7 || got.Value > tt.want+1e-12 {
				t.Errorf("bound %+v, want %v", got, tt.want)
			}
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 10; i++ {
		m := randomCover(rng, 4, true)
		m.Columns = m.Columns[:3]
		for k := 0; k < 4; k++ {
			m.Columns = append(m.Columns, shiftdesign.IntervalColumn(k, 1, 4, 3))
		}
		for j := range m.Columns {
			m.Columns[j].Max = 0
		}
		got, err := shiftdesign.LowerBound(m)
		if err != nil {
			t.Fatal(err)
		}
		if want := vertexLP(m); math.Abs(got.Value-want) > 1e-7*math.Max(1, want) {
			t.Errorf("random %d: bound %v, brute force %v", i, got.Value, want)
		}
	}
}

// TestLowerBoundGeneral: columns that are not runs go to gonum's Simplex
// when small, and to the subgradient bound (valid, never above the LP) when
// large.
func TestLowerBoundGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	// A split shift: intervals 0-1 and 4-5 of 8.
	m := randomCover(rng, 8, true)
	m.Columns = append(m.Columns, shiftdesign.CoverColumn{Intervals: []int{0, 1, 4, 5}, Cost: 2})
	got, err := shiftdesign.LowerBound(m)
	if err != nil {
		t.Fatal(err)
	}
	if want := simplexLP(t, m); got.Method != "simplex" || math.Abs(got.Value-want) > 1e-7*math.Max(1, want) {
		t.Errorf("bound %+v, simplex %v", got, want)
	}
	big := randomCover(rng, 160, true)
	big.Columns = append(big.Columns, shiftdesign.CoverColumn{Intervals: []int{0, 2}, Cost: 2})
	gb, err := shiftdesign.LowerBound(big)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := shiftdesign.LowerBound(shiftdesign.CoverModel{Required: big.Required, Columns: big.Columns[:len(big.Columns)-1]})
	if err != nil {
		t.Fatal(err)
	}
	// Removing a column can only raise the LP: exact.Value ≥ LP(big) ≥ gb.
	if gb.Method != "subgradient" || gb.Value > exact.Value+1e-6 || gb.Value < 0.8*exact.Value {
		t.Errorf("subgradient %+v against %v (the LP without the extra column)", gb, exact.Value)
	}
}

func TestLowerBoundErrors(t *testing.T) {
	tests := []struct {
		name  string
		model shiftdesign.CoverModel
		want  shiftdesign.CoverError
	}{
		{"empty", shiftdesign.CoverModel{}, shiftdesign.CoverError{Field: "Required", Index: -1, Want: "at least one interval", Err: shiftdesign.ErrInvalidCover}},
		{"negative", shiftdesign.CoverModel{Required: []float64{1, -1}}, shiftdesign.CoverError{Field: "Required", Index: 1, Want: "a finite requirement in [0, 1e9]", Err: shiftdesign.ErrInvalidCover}},
		{"out of range", shiftdesign.CoverModel{Required: []float64{1}, Columns: []shiftdesign.CoverColumn{{Intervals: []int{1}, Cost: 1}}},
			shiftdesign.CoverError{Field: "Columns.Intervals", Index: 0, Want: "distinct intervals in 0..0", Err: shiftdesign.ErrInvalidCover}},
		{"uncovered", shiftdesign.CoverModel{Required: []float64{1, 2}, Columns: []shiftdesign.CoverColumn{{Intervals: []int{0}, Cost: 1}}},
			shiftdesign.CoverError{Field: "Required", Index: 1, Want: "columns able to cover it", Err: shiftdesign.ErrUncoverable}},
		{"caps too low", shiftdesign.CoverModel{Required: []float64{3}, Columns: []shiftdesign.CoverColumn{{Intervals: []int{0}, Cost: 1, Max: 2}}},
			shiftdesign.CoverError{Field: "Required", Index: 0, Want: "columns able to cover it", Err: shiftdesign.ErrUncoverable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := shiftdesign.LowerBound(tt.model)
			var ce *shiftdesign.CoverError
			if !errors.As(err, &ce) || *ce != tt.want {
				t.Errorf("error %v, want %+v", err, tt.want)
			}
		})
	}
}

// TestLowerBoundHoursPyworkforce: the staffed-hours bound of the
// pyworkforce days equals gonum's Simplex on the same four 8-hour shifts,
// and lies at or below 8 × the minimum staff (50 and 63 agents).
func TestLowerBoundHoursPyworkforce(t *testing.T) {
	for d, req := range pyworkforceDays {
		m := pyworkforceModel(req, shiftdesign.Weights{Shortage: 1}, 0)
		got, err := shiftdesign.LowerBoundHours(m)
		if err != nil {
			t.Fatal(err)
		}
		cm := shiftdesign.CoverModel{Required: req}
		for _, start := range []int{5, 9, 13, 21} {
			cm.Columns = append(cm.Columns, shiftdesign.IntervalColumn(start, 8, 24, 8))
		}
		want := simplexLP(t, cm)
		if math.Abs(got-want) > 1e-6*want {
			t.Errorf("day %d: %v hours, simplex %v", d+1, got, want)
		}
		if staff := []float64{50, 63}[d]; got > 8*staff+1e-9 {
			t.Errorf("day %d: bound %v above %v agents × 8 h", d+1, got, staff)
		}
	}
}

// TestLowerBoundDBAI: on every DBAI instance the bound is at most the
// staffed hours of the file's reference plan (a plan without shortage),
// and at least the requirement's agent-hours (coverage >= requirement).
func TestLowerBoundDBAI(t *testing.T) {
	for _, bk := range bestKnown(t) {
		inst := readInstance(t, bk.name)
		lb, err := shiftdesign.LowerBoundHours(&inst.Model)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := shiftdesign.Evaluate(&inst.Model, inst.Reference)
		if err != nil {
			t.Fatal(err)
		}
		need := 0.0
		for _, r := range inst.Model.Required {
			need += r * inst.Model.Interval.Hours()
		}
		if lb > ev.StaffedHours+1e-6 || lb < need-1e-6*need {
			t.Errorf("%s: bound %v, reference staffs %v hours, requirement %v agent-hours", bk.name, lb, ev.StaffedHours, need)
		}
	}
}
