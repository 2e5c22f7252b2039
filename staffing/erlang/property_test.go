package erlang_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// bigErlangB computes B(n, a) = (aⁿ/n!) / Σ_{k<=n} aᵏ/k! with 256-bit
// floats, term by term: an independent brute force for small n.
func bigErlangB(n int, a float64) *big.Float {
	const prec = 256
	A := new(big.Float).SetPrec(prec).SetFloat64(a)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	for k := 1; k <= n; k++ {
		term.Mul(term, A)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k)))
		sum.Add(sum, term)
	}
	return new(big.Float).SetPrec(prec).Quo(term, sum)
}

// bigErlangC is n B / (n - a (1 - B)) in big floats.
func bigErlangC(n int, a float64) *big.Float {
	const prec = 256
	b := bigErlangB(n, a)
	A := new(big.Float).SetPrec(prec).SetFloat64(a)
	N := new(big.Float).SetPrec(prec).SetInt64(int64(n))
	one := new(big.Float).SetPrec(prec).SetInt64(1)
	den := new(big.Float).SetPrec(prec).Sub(one, b)
	den.Mul(den, A)
	den.Sub(N, den)
	num := new(big.Float).SetPrec(prec).Mul(N, b)
	return num.Quo(num, den)
}

// bruteTol is the relative error allowed against the 256-bit sums. For
// n > A the probability is exp(-x) of a logarithm x (Loader's deviance
// form) whose terms, of size n|log(n/A)|, are summed in float64, so the
// relative error grows like ε·|log B|: 1e-13 + 5e-16 |log B| (1e-13 near 1,
// 4e-13 for B = 1e-270). R's dpois has the same accuracy.
func bruteTol(want float64) float64 { return 1e-13 + 5e-16*math.Abs(math.Log(want)) }

func TestErlangBCAgainstBigFloat(t *testing.T) {
	for _, a := range []float64{0.001, 0.5, 1, 2.5, 7, 10, 23.75, 50, 99.9, 180} {
		for n := 1; n <= 260; n++ {
			want, _ := bigErlangB(n, a).Float64()
			got := erlang.ErlangB(n, a)
			if rel := math.Abs(got-want) / want; rel > bruteTol(want) && want > 1e-300 {
				t.Errorf("B(%d, %v) = %.17g, big-float %.17g (rel %.2g)", n, a, got, want, rel)
			}
			if float64(n) > a {
				wantC, _ := bigErlangC(n, a).Float64()
				gotC := erlang.ErlangC(n, a)
				if rel := math.Abs(gotC-wantC) / wantC; rel > bruteTol(wantC) && wantC > 1e-300 {
					t.Errorf("C(%d, %v) = %.17g, big-float %.17g (rel %.2g)", n, a, gotC, wantC, rel)
				}
			}
		}
	}
}

// recursionB is the textbook recursion B(k) = a B(k-1) / (k + a B(k-1)),
// stable but O(n).
func recursionB(n int, a float64) float64 {
	b := 1.0
	for k := 1; k <= n; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

func TestErlangBAgainstRecursionLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 1))
	for i := 0; i < 300; i++ {
		a := math.Exp(rng.Float64() * math.Log(10000)) // 1 .. 10,000 Erlangs, log-uniform
		n := int(a + (rng.Float64()*8-4)*math.Sqrt(a))
		n = max(0, min(n, 20000))
		want := recursionB(n, a)
		got := erlang.ErlangB(n, a)
		// The recursion accumulates n roundings: allow 1e-12 relative.
		if rel := math.Abs(got-want) / want; rel > 1e-12 && want > 1e-290 {
			t.Errorf("B(%d, %.6g) = %.17g, recursion %.17g (rel %.2g)", n, a, got, want, rel)
		}
	}
}

// slMonotoneTol allows rounding in SL(N+1) >= SL(N).
const slMonotoneTol = 1e-14

func TestServiceLevelIncreasesWithAgents(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for i := 0; i < 60; i++ {
		a := math.Exp(rng.Float64()*math.Log(50000)) / 10 // 0.1 .. 5,000
		aht := 30 + rng.Float64()*600
		ans := rng.Float64() * 120
		patience := 0.0
		if i%2 == 1 {
			patience = aht * math.Exp(rng.Float64()*math.Log(100)) / 10 // 0.1 .. 10 AHT
		}
		q := erlang.Queue{TrafficErlangs: a, AHTSeconds: aht, PatienceSeconds: patience}
		prev := -1.0
		start := max(0, int(a-3*math.Sqrt(a)))
		for n := start; n < start+int(6*math.Sqrt(a))+5; n++ {
			m, err := erlang.Evaluate(q, n, ans)
			if err != nil {
				t.Fatal(err)
			}
			if m.ServiceLevel < prev-slMonotoneTol {
				t.Errorf("%+v: SL(%d) = %.17g < SL(%d) = %.17g", q, n, m.ServiceLevel, n-1, prev)
			}
			prev = m.ServiceLevel
		}
	}
}

func TestRequiredNonDecreasingInTraffic(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 3))
	for i := 0; i < 20; i++ {
		targets := erlang.Targets{ServiceLevel: 0.5 + 0.49*rng.Float64(), AnswerSeconds: rng.Float64() * 60}
		if i%3 == 0 {
			targets.MaxASASeconds = 5 + 60*rng.Float64()
		}
		if i%4 == 0 {
			targets.MaxOccupancy = 0.7 + 0.3*rng.Float64()
		}
		patience := 0.0
		if i%2 == 1 {
			patience = 30 + 600*rng.Float64()
			if i%5 == 1 {
				targets.MaxAbandon = 0.01 + 0.1*rng.Float64()
			}
		}
		prev := 0
		for a := 0.0; a <= 300; a += 0.37 + rng.Float64() {
			r, err := erlang.Required(erlang.Queue{TrafficErlangs: a, AHTSeconds: 200, PatienceSeconds: patience}, targets, 0.3)
			if err != nil {
				t.Fatal(err)
			}
			if r.Agents < prev {
				t.Errorf("targets %+v patience %v: Required(A=%v) = %d < %d at a lower load", targets, patience, a, r.Agents, prev)
			}
			prev = r.Agents
		}
	}
}

// TestRequiredIsSmallest scans every N from 0 with Evaluate and checks that
// Required returns the first N meeting all targets, the binding target and
// a fractional figure in range.
func TestRequiredIsSmallest(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for i := 0; i < 200; i++ {
		a := math.Exp(rng.Float64()*math.Log(2000)) / 10 // 0.1 .. 200
		q := erlang.Queue{TrafficErlangs: a, AHTSeconds: 60 + 400*rng.Float64()}
		var targets erlang.Targets
		if rng.IntN(4) > 0 {
			targets.ServiceLevel, targets.AnswerSeconds = 0.5+0.45*rng.Float64(), 60*rng.Float64()
		}
		if rng.IntN(3) == 0 {
			targets.MaxASASeconds = 1 + 60*rng.Float64()
		}
		if rng.IntN(3) == 0 {
			targets.MaxOccupancy = 0.6 + 0.4*rng.Float64()
		}
		if rng.IntN(2) == 0 {
			q.PatienceSeconds = 20 + 900*rng.Float64()
			if rng.IntN(2) == 0 {
				targets.MaxAbandon = 0.005 + 0.1*rng.Float64()
			}
		}
		if targets == (erlang.Targets{}) {
			targets.MaxOccupancy = 0.9
		}
		r, err := erlang.Required(q, targets, 0.2)
		if err != nil {
			t.Fatalf("%+v %+v: %v", q, targets, err)
		}
		first := -1
		var below erlang.Metrics
		for n := 0; first < 0; n++ {
			m, _ := erlang.Evaluate(q, n, targets.AnswerSeconds)
			if meets(m, targets) {
				first = n
			} else {
				below = m
			}
		}
		if r.Agents != first {
			t.Errorf("%+v %+v: Required = %d, scan = %d", q, targets, r.Agents, first)
			continue
		}
		if want := firstMissed(below, targets); r.Binding != want {
			t.Errorf("%+v %+v: binding %q, want %q", q, targets, r.Binding, want)
		}
		if r.Fractional < float64(r.Agents-1) || r.Fractional > float64(r.Agents) {
			t.Errorf("%+v %+v: Fractional %v outside [%d, %d]", q, targets, r.Fractional, r.Agents-1, r.Agents)
		}
	}
}

// meets is the definition of meeting the targets, written out again.
func meets(m erlang.Metrics, t erlang.Targets) bool {
	return m.Agents > 0 && !m.Unstable &&
		(t.ServiceLevel == 0 || m.ServiceLevel >= t.ServiceLevel) &&
		(t.MaxASASeconds == 0 || m.ASASeconds <= t.MaxASASeconds) &&
		(t.MaxOccupancy == 0 || m.Occupancy <= t.MaxOccupancy) &&
		(t.MaxAbandon == 0 || m.PAbandon <= t.MaxAbandon)
}

func firstMissed(m erlang.Metrics, t erlang.Targets) erlang.Target {
	zero := m.Agents == 0
	switch {
	case t.ServiceLevel > 0 && (zero || m.ServiceLevel < t.ServiceLevel):
		return erlang.TargetServiceLevel
	case t.MaxASASeconds > 0 && (zero || m.Unstable || m.ASASeconds > t.MaxASASeconds):
		return erlang.TargetASA
	case t.MaxOccupancy > 0 && (zero || m.Occupancy > t.MaxOccupancy):
		return erlang.TargetOccupancy
	case t.MaxAbandon > 0 && (zero || m.PAbandon > t.MaxAbandon):
		return erlang.TargetAbandonment
	}
	return erlang.TargetStability
}

// TestFiniteEverywhere evaluates seeded random and edge points of the
// domain A in [0, 10,000], N in [0, 20,000] and checks every figure is
// finite and in range.
func TestFiniteEverywhere(t *testing.T) {
	type point struct {
		a        float64
		n        int
		patience float64 // in AHTs; 0 = Erlang C
	}
	pts := []point{
		{0, 0, 0}, {0, 0, 1}, {0, 20000, 0}, {1e-12, 0, 0}, {1e-12, 1, 0.5}, {10000, 0, 0}, {10000, 0, 1},
		{10000, 10000, 0}, {10000, 10001, 0}, {10000, 20000, 0}, {10000, 20000, 1}, {10000, 9999, 3},
		{10000, 10000, 1e6}, {10000, 5000, 1e6}, {0.1, 20000, 0}, {0.1, 20000, 0.01}, {9999.5, 10000, 0},
		{10000, 1, 0.05}, {5000, 5001, 1e6},
	}
	rng := rand.New(rand.NewPCG(4, 5))
	for i := 0; i < 400; i++ {
		p := point{a: 10000 * rng.Float64(), n: rng.IntN(20001)}
		if i%4 == 0 {
			p.n = max(0, int(p.a)+rng.IntN(41)-20) // near the edge of stability
		}
		if i%2 == 1 {
			p.patience = math.Exp(rng.Float64()*math.Log(1e8)) / 100 // 0.01 .. 1e6 AHT
		}
		pts = append(pts, p)
	}
	for _, p := range pts {
		q := erlang.Queue{TrafficErlangs: p.a, AHTSeconds: 180, PatienceSeconds: p.patience * 180}
		m, err := erlang.Evaluate(q, p.n, 20)
		if err != nil {
			t.Fatal(err)
		}
		vals := []float64{m.PWait, m.ServiceLevel, m.ASASeconds, m.MeanWaitAnsweredSeconds, m.Occupancy, m.PAbandon}
		for _, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Errorf("%+v: %+v has a NaN, Inf or negative figure", p, m)
				break
			}
		}
		if m.PWait > 1 || m.ServiceLevel > 1 || m.Occupancy > 1+1e-12 || m.PAbandon > 1 {
			t.Errorf("%+v: probabilities above 1: %+v", p, m)
		}
		if b := erlang.ErlangB(p.n, p.a); math.IsNaN(b) || b < 0 || b > 1 {
			t.Errorf("B(%d, %v) = %v", p.n, p.a, b)
		}
	}
}

// TestErlangALimits checks the Erlang A service level at its two ends:
// SL(0) = 1 - P(wait), and as T grows SL tends to 1 - P(abandon) (everyone
// patient enough is answered eventually).
func TestErlangALimits(t *testing.T) {
	for _, q := range []erlang.Queue{
		{TrafficErlangs: 10, AHTSeconds: 180, PatienceSeconds: 300},
		{TrafficErlangs: 250, AHTSeconds: 300, PatienceSeconds: 60},
		{TrafficErlangs: 40, AHTSeconds: 100, PatienceSeconds: 2000},
	} {
		for _, n := range []int{1, int(q.TrafficErlangs) - 5, int(q.TrafficErlangs), int(q.TrafficErlangs) + 7} {
			m0, _ := erlang.Evaluate(q, n, 0)
			checkClose(t, "SL(0) vs 1 - P(wait)", m0.ServiceLevel, 1-m0.PWait, 1e-12)
			mInf, _ := erlang.Evaluate(q, n, 1e6)
			checkClose(t, "SL(∞) vs 1 - P(abandon)", mInf.ServiceLevel, 1-mInf.PAbandon, 1e-9)
		}
	}
}
