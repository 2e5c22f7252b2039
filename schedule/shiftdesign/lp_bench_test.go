package shiftdesign

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// gonumCover solves a covering model with gonum's Simplex in standard
// form, [A −I] [x; surplus] = r plus x_j + s_j = Max_j for capped columns:
// the solver shiftdesign used before package coverlp, kept here as the
// reference and the other side of BenchmarkGeneralCover.
func gonumCover(tb testing.TB, m CoverModel) float64 {
	tb.Helper()
	n := len(m.Required)
	var capped []int
	for j, c := range m.Columns {
		if c.Max > 0 {
			capped = append(capped, j)
		}
	}
	rows, width := n+len(capped), len(m.Columns)+n+len(capped)
	a := mat.NewDense(rows, width, nil)
	c := make([]float64, width)
	rhs := make([]float64, rows)
	for j, col := range m.Columns {
		c[j] = col.Cost
		for _, k := range col.Intervals {
			a.Set(k, j, 1)
		}
	}
	for k := range n {
		a.Set(k, len(m.Columns)+k, -1)
		rhs[k] = m.Required[k]
	}
	for t, j := range capped {
		a.Set(n+t, j, 1)
		a.Set(n+t, len(m.Columns)+n+t, 1)
		rhs[n+t] = m.Columns[j].Max
	}
	v, _, err := lp.Simplex(c, a, rhs, 1e-10, nil)
	if err != nil {
		tb.Fatalf("gonum simplex: %v", err)
	}
	return v
}

// splitCover is a seeded general covering model of n intervals: runs of
// 2 to n/3 intervals and split shifts of two runs, a fifth of them capped,
// and a one-interval column per interval (a feasible model), as the
// roster's covering bound builds for split templates.
func splitCover(seed uint64, n, ncols int) CoverModel {
	rng := rand.New(rand.NewPCG(seed, 11))
	m := CoverModel{Required: make([]float64, n)}
	for k := range m.Required {
		m.Required[k] = float64(rng.IntN(9))
	}
	for range ncols {
		l := 2 + rng.IntN(n/3)
		s := rng.IntN(n - l + 1)
		var iv []int
		for k := s; k < s+l; k++ {
			iv = append(iv, k)
		}
		if rng.IntN(2) == 0 && s+l+2 < n { // a second block after a rest
			s2 := s + l + 1 + rng.IntN(n-s-l-1)
			for k := s2; k < min(n, s2+1+rng.IntN(n/4)); k++ {
				iv = append(iv, k)
			}
		}
		c := CoverColumn{Intervals: iv, Cost: float64(len(iv)) * (1 + 0.1*rng.Float64())}
		if rng.IntN(5) == 0 {
			c.Max = float64(1 + rng.IntN(4))
		}
		m.Columns = append(m.Columns, c)
	}
	for k := range n {
		m.Columns = append(m.Columns, IntervalColumn(k, 1, n, 3))
	}
	return m
}

// splitCoverSizes are the benchmark's models: a day of hours, of half
// hours with a few hundred shifts, of quarter hours, and the largest the
// general path takes (150 intervals, 3,000 columns).
var splitCoverSizes = []struct{ n, cols int }{{24, 72}, {48, 400}, {96, 1200}, {150, 2850}}

// TestRevisedBoundMatchesGonum: on the benchmark's two smaller models
// (gonum needs minutes for the larger ones) the revised simplex (package
// coverlp) and gonum's Simplex reach the same optimum.
func TestRevisedBoundMatchesGonum(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		for _, sz := range splitCoverSizes[:2] {
			m := splitCover(seed, sz.n, sz.cols)
			want := gonumCover(t, m)
			r := revisedBound(m, sz.n)
			if r.Method != "simplex" || math.Abs(r.Value-want) > 1e-7*math.Max(1, want) {
				t.Errorf("seed %d, %d×%d: revised %+v, gonum %v", seed, sz.n, sz.cols, r, want)
			}
		}
	}
}

// BenchmarkGeneralCover times the two LP solvers on shiftdesign's use,
// the general covering LP of split shifts (the same models for both).
func BenchmarkGeneralCover(b *testing.B) {
	for _, sz := range splitCoverSizes {
		m := splitCover(1, sz.n, sz.cols)
		b.Run(fmt.Sprintf("gonum/%dx%d", sz.n, sz.cols), func(b *testing.B) {
			for b.Loop() {
				gonumCover(b, m)
			}
		})
		b.Run(fmt.Sprintf("revised/%dx%d", sz.n, sz.cols), func(b *testing.B) {
			for b.Loop() {
				revisedBound(m, sz.n)
			}
		})
	}
}
