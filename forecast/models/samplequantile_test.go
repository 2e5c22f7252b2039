package models

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// TestSampleQuantile compares with values worked by hand from definition 7
// (h = (n-1)p); R's quantile(x, p, type = 7) gives the same.
func TestSampleQuantile(t *testing.T) {
	const tol = 1e-12
	tests := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{[]float64{1, 2, 4, 8, 16}, 0, 1},
		{[]float64{1, 2, 4, 8, 16}, 1, 16},
		{[]float64{1, 2, 4, 8, 16}, 0.5, 4},           // h = 2
		{[]float64{1, 2, 4, 8, 16}, 0.25, 2},          // h = 1
		{[]float64{1, 2, 4, 8, 16}, 0.1, 1.4},         // h = 0.4: 1 + 0.4·(2-1)
		{[]float64{1, 2, 4, 8, 16}, 0.9, 12.8},        // h = 3.6: 8 + 0.6·(16-8)
		{[]float64{1, 2, 4, 8, 16}, 1.0 / 3, 8.0 / 3}, // h = 4/3: 2 + (1/3)·(4-2)
		{[]float64{10, 20}, 0.75, 17.5},
		{[]float64{-3, -1}, 0.5, -2},
		{[]float64{7}, 0, 7},
		{[]float64{7}, 0.37, 7},
		{[]float64{7}, 1, 7},
		{[]float64{3, 3, 3}, 0.3, 3},
	}
	for _, tt := range tests {
		if got := SampleQuantile(tt.xs, tt.p); math.Abs(got-tt.want) > tol {
			t.Errorf("SampleQuantile(%v, %v) = %v, want %v ± %g", tt.xs, tt.p, got, tt.want, tol)
		}
	}
}

// TestSampleQuantileInvariants: on seeded random samples the quantile
// grows with p, stays within [min, max], and hits the order statistics at
// p = k/(n-1).
func TestSampleQuantileInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 7))
	for trial := 0; trial < 200; trial++ {
		n := 1 + rng.IntN(40)
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = rng.NormFloat64() * 100
		}
		sort.Float64s(xs)
		prev := math.Inf(-1)
		for k := 0; k <= 100; k++ {
			q := SampleQuantile(xs, float64(k)/100)
			if q < prev || q < xs[0] || q > xs[n-1] {
				t.Fatalf("trial %d: Q(%v) = %v after %v, sample in [%v, %v]", trial, float64(k)/100, q, prev, xs[0], xs[n-1])
			}
			prev = q
		}
		for k := 0; k < n && n > 1; k++ {
			if q := SampleQuantile(xs, float64(k)/float64(n-1)); math.Abs(q-xs[k]) > 1e-9*(1+math.Abs(xs[k])) {
				t.Fatalf("trial %d: Q(%d/%d) = %v, want x[%d] = %v", trial, k, n-1, q, k, xs[k])
			}
		}
	}
}

func TestSampleQuantilePanics(t *testing.T) {
	for _, c := range []struct {
		xs []float64
		p  float64
	}{{nil, 0.5}, {[]float64{}, 0}, {[]float64{1, 2}, -0.1}, {[]float64{1, 2}, 1.5}, {[]float64{1, 2}, math.NaN()}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SampleQuantile(%v, %v) did not panic", c.xs, c.p)
				}
			}()
			SampleQuantile(c.xs, c.p)
		}()
	}
}
