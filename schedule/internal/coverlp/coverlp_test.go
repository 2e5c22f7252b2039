package coverlp

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// gonumLP solves the same program with gonum's Simplex in standard form
// (an independent implementation): [A −I 0; C 0 I] [x; s; t] = [r; u].
func gonumLP(t *testing.T, p Problem, cols []Column) float64 {
	t.Helper()
	nr, nc := len(p.Required), len(p.Capacity)
	m := nr + nc
	width := len(cols) + m
	a := mat.NewDense(m, width, nil)
	c := make([]float64, width)
	b := append(append([]float64(nil), p.Required...), p.Capacity...)
	for j, col := range cols {
		c[j] = col.Cost
		for _, r := range col.Rows {
			a.Set(int(r), j, 1)
		}
	}
	for i := range m {
		if i < nr {
			a.Set(i, len(cols)+i, -1)
		} else {
			a.Set(i, len(cols)+i, 1)
		}
	}
	v, _, err := lp.Simplex(c, a, b, 1e-10, nil)
	if err != nil {
		t.Fatalf("gonum simplex: %v", err)
	}
	return v
}

// randomProblem is a seeded covering program: columns of random rows
// (split shifts, not runs), some capped by capacity rows, and a column
// per row so that every program is feasible.
func randomProblem(rng *rand.Rand, rows, ncols int) (Problem, []Column) {
	p := Problem{Required: make([]float64, rows)}
	for i := range p.Required {
		p.Required[i] = float64(rng.IntN(7))
		if rng.IntN(4) == 0 {
			p.Required[i] += 0.5
		}
	}
	var cols []Column
	maxCost := 0.0
	for j := range ncols {
		seen := map[int32]bool{}
		var rs []int32
		for range 1 + rng.IntN(rows/2+1) {
			r := int32(rng.IntN(rows))
			if !seen[r] {
				seen[r] = true
				rs = append(rs, r)
			}
		}
		col := Column{Rows: rs, Cost: float64(len(rs)) * (0.8 + 0.4*rng.Float64()), ID: j}
		if rng.IntN(6) == 0 { // capped: a capacity row of its own
			col.Rows = append(col.Rows, int32(rows+len(p.Capacity)))
			p.Capacity = append(p.Capacity, float64(1+rng.IntN(3)))
		}
		cols = append(cols, col)
		maxCost = max(maxCost, col.Cost)
	}
	for i := range rows {
		cols = append(cols, Column{Rows: []int32{int32(i)}, Cost: 2, ID: len(cols)})
	}
	p.BigM = 100 * (max(maxCost, 2) + 1)
	return p, cols
}

// TestSolveMatchesGonum: the optimum equals gonum's Simplex on seeded
// random programs with and without capacity rows, to 1e-7 relative; the
// basis is feasible and the duals prove the optimum (r·u − u_cap·cap
// equals the objective, and no column prices below zero).
func TestSolveMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 5))
	var s Solver
	for n := range 40 {
		rows := 4 + rng.IntN(40)
		p, cols := randomProblem(rng, rows, 3*rows)
		res := s.Solve(p, Columns(cols))
		want := gonumLP(t, p, cols)
		if !res.Optimal || res.Artificial > 1e-9 || math.Abs(res.Objective-want) > 1e-7*max(1, want) {
			t.Fatalf("program %d (%d rows): objective %.9f (optimal %v, artificial %g), gonum %.9f", n, rows, res.Objective, res.Optimal, res.Artificial, want)
		}
		// the basis covers every row and keeps every capacity
		lhs := make([]float64, rows+len(p.Capacity))
		for k, c := range res.Basis {
			for _, r := range c.Rows {
				lhs[r] += res.Values[k]
			}
		}
		for i, r := range p.Required {
			if lhs[i] < r-1e-7 {
				t.Errorf("program %d: row %d covered %.6f < %.1f", n, i, lhs[i], r)
			}
		}
		for i, c := range p.Capacity {
			if lhs[rows+i] > c+1e-7 {
				t.Errorf("program %d: capacity row %d at %.6f > %.1f", n, i, lhs[rows+i], c)
			}
		}
		// strong duality: the dual objective equals the primal
		dual := 0.0
		for i, r := range p.Required {
			dual += r * res.Duals[i]
		}
		for i, c := range p.Capacity {
			dual += c * res.Duals[rows+i]
		}
		if math.Abs(dual-res.Objective) > 1e-6*max(1, want) {
			t.Errorf("program %d: dual objective %.9f, primal %.9f", n, dual, res.Objective)
		}
	}
}

// TestSolveInfeasible: a row no column covers keeps its artificial.
func TestSolveInfeasible(t *testing.T) {
	var s Solver
	res := s.Solve(Problem{Required: []float64{2, 3}, BigM: 1000}, Columns([]Column{{Rows: []int32{0}, Cost: 1}}))
	if !res.Optimal || math.Abs(res.Artificial-3) > 1e-9 {
		t.Errorf("result %+v, want 3 left on the artificial of row 1", res)
	}
}

// TestColumnsBland: under Bland's rule the first improving column enters,
// otherwise the most improving.
func TestColumnsBland(t *testing.T) {
	cols := []Column{{Rows: []int32{0}, Cost: 5, ID: 0}, {Rows: []int32{0}, Cost: 1, ID: 1}}
	u := []float64{10}
	if c, d, ok := Columns(cols)(u, -1e-9, true); !ok || c.ID != 0 || d != -5 {
		t.Errorf("bland: %+v %v %v", c, d, ok)
	}
	if c, d, ok := Columns(cols)(u, -1e-9, false); !ok || c.ID != 1 || d != -9 {
		t.Errorf("dantzig: %+v %v %v", c, d, ok)
	}
	if _, _, ok := Columns(cols)([]float64{0.5}, -1e-9, false); ok {
		t.Error("no column improves at u = 0.5")
	}
}
