package erlang

import "math"

// tailEps is the relative size below which the remaining terms of a series,
// bounded by a geometric series, are dropped. It is below the float64
// rounding of the sum, so truncation does not change the result.
const tailEps = 1e-17

// ErlangB returns the blocking probability of the Erlang loss system M/M/n/n
// (n lines, no queue) offered a Erlangs:
//
//	B(n, a) = (aⁿ/n!) / Σ_{k=0..n} aᵏ/k!
//
// the Poisson probability of n divided by the Poisson distribution function
// at n. Symbols: n lines (or agents) >= 0; a offered traffic in Erlangs
// (arrival rate × mean holding time) >= 0. B(0, a) = 1; B(n, 0) = 0 for n > 0.
//
// It equals the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))
// (A. K. Erlang 1917; Cooper, Introduction to Queueing Theory, 2nd ed.,
// 1981, chapter 3) but costs O(√a) instead of O(n):
// for n <= a it sums 1/B = Σ_j n!/((n-j)! aʲ), whose terms decrease; for
// n > a it computes B = p/(1 - p U) with p the Poisson probability of n
// (saddle-point form, Loader 2000) and U = Σ_{j>=1} aʲ n!/(n+j)! the ratio of
// the Poisson upper tail to p. Both series stop when a geometric bound on
// the remaining terms falls below 1e-17 of the sum. The result is finite in
// [0, 1] for every valid input; it underflows to 0 when B < 1e-308.
//
// ErlangB panics if n < 0 or a is negative, NaN or infinite: callers validate
// their inputs (Queue.Validate).
func ErlangB(n int, a float64) float64 {
	checkDomain(n, a)
	switch {
	case n == 0:
		return 1
	case a == 0:
		return 0
	case float64(n) <= a:
		return 1 / lossSumBelow(n, a)
	}
	p := poissonPMF(n, a)
	return p / (1 - p*poissonTailRatio(n, a))
}

// lossSumBelow returns Σ_{j=0..n} Π_{i<j} (n-i)/a = 1/B(n, a) for n <= a.
func lossSumBelow(n int, a float64) float64 {
	inv := 1 / a
	sum, term := 1.0, 1.0
	for j := 0; j < n; j++ {
		ratio := float64(n-j) * inv // ratio of term j+1 to term j, decreasing in j
		term *= ratio
		sum += term
		// The terms after this one are at most term·r/(1-r) with r the next ratio.
		if r := float64(n-j-1) * inv; r < 1 && term*r < tailEps*sum*(1-r) {
			break
		}
	}
	return sum
}

// poissonTailRatio returns Σ_{j>=1} Π_{i=1..j} a/(n+i), the Poisson upper
// tail beyond n divided by the probability of n, for n > a.
func poissonTailRatio(n int, a float64) float64 {
	sum, term := 0.0, 1.0
	r := a / float64(n+1)
	for j := 1; ; j++ {
		term *= r
		sum += term
		r = a / float64(n+j+1) // the next ratio; they decrease
		if term*r < tailEps*sum*(1-r) || term == 0 {
			return sum
		}
	}
}

// nextErlangB returns B(n+1, a) from b = B(n, a) by the forward recursion,
// which is stable: it contracts relative errors.
func nextErlangB(n int, a, b float64) float64 {
	ab := a * b
	return ab / (float64(n+1) + ab)
}

// checkDomain panics on arguments no caller may pass.
func checkDomain(n int, a float64) {
	if n < 0 {
		panic("erlang: negative number of agents")
	}
	if a < 0 || math.IsNaN(a) || math.IsInf(a, 0) {
		panic("erlang: traffic must be finite and >= 0")
	}
}
