package erlang

import "math"

// This file holds the saddle-point forms of the Poisson and negative binomial
// probabilities from
//
//	C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000
//	(the algorithm of R's dpois, dbinom and dnbinom).
//
// They keep full relative precision where the naive form
// exp(x log λ - λ - lgamma(x+1)) cancels two numbers of size 10^5 and loses
// ten digits (λ = 10,000, x = 10,000).

const (
	lnSqrt2Pi = 0.918938533204672741780329736406 // log(sqrt(2π))
	ln2Pi     = 1.837877066409345483560659472811 // log(2π)
)

// stirlerr returns log(n!) - log(sqrt(2π n) (n/e)^n), the error of
// Stirling's formula, for n > 0. Above 15 it uses the asymptotic series
// 1/(12n) - 1/(360n³) + 1/(1260n⁵) - 1/(1680n⁷) + 1/(1188n⁹); at or below 15
// the definition with math.Lgamma (absolute error about 1e-14).
func stirlerr(n float64) float64 {
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	if n <= 15 {
		lg, _ := math.Lgamma(n + 1)
		return lg - (n+0.5)*math.Log(n) + n - lnSqrt2Pi
	}
	nn := n * n
	switch {
	case n > 500:
		return (s0 - s1/nn) / n
	case n > 80:
		return (s0 - (s1-s2/nn)/nn) / n
	case n > 35:
		return (s0 - (s1-(s2-s3/nn)/nn)/nn) / n
	}
	return (s0 - (s1-(s2-(s3-s4/nn)/nn)/nn)/nn) / n
}

// bd0 returns the deviance term x log(x/np) + np - x without cancellation,
// by the series in v = (x-np)/(x+np) when x is close to np.
func bd0(x, np float64) float64 {
	if math.Abs(x-np) < 0.1*(x+np) {
		v := (x - np) / (x + np)
		s := (x - np) * v
		if math.Abs(s) < math.SmallestNonzeroFloat64 {
			return s
		}
		ej := 2 * x * v
		v *= v
		for j := 1; j < 1000; j++ {
			ej *= v
			s1 := s + ej/float64(2*j+1)
			if s1 == s {
				return s1
			}
			s = s1
		}
	}
	return x*math.Log(x/np) + np - x
}

// poissonPMF returns λ^x e^(-λ) / x! for integer x >= 0 and λ >= 0.
func poissonPMF(x int, lambda float64) float64 {
	if lambda == 0 {
		if x == 0 {
			return 1
		}
		return 0
	}
	if x == 0 {
		return math.Exp(-lambda)
	}
	fx := float64(x)
	return math.Exp(-stirlerr(fx)-bd0(fx, lambda)) / math.Sqrt(2*math.Pi*fx)
}

// binomialRaw returns the generalized binomial probability
// Γ(n+1)/(Γ(x+1)Γ(n-x+1)) p^x q^(n-x) for real 0 <= x <= n, with q = 1 - p
// given separately so that it keeps its precision when p is close to 1.
func binomialRaw(x, n, p, q float64) float64 {
	if p == 0 {
		if x == 0 {
			return 1
		}
		return 0
	}
	if q == 0 {
		if x == n {
			return 1
		}
		return 0
	}
	if x == 0 {
		if n == 0 {
			return 1
		}
		if p < 0.1 {
			return math.Exp(-bd0(n, n*q) - n*p)
		}
		return math.Exp(n * math.Log(q))
	}
	if x == n {
		if q < 0.1 {
			return math.Exp(-bd0(n, n*p) - n*q)
		}
		return math.Exp(n * math.Log(p))
	}
	if x < 0 || x > n {
		return 0
	}
	lc := stirlerr(n) - stirlerr(x) - stirlerr(n-x) - bd0(x, n*p) - bd0(n-x, n*q)
	lf := ln2Pi + math.Log(x) + math.Log1p(-x/n)
	return math.Exp(lc - 0.5*lf)
}

// negBinomialPMF returns Γ(m+size)/(m! Γ(size)) p^size q^m, the probability
// of m failures before the size-th success with success probability p
// (q = 1 - p given separately), for integer m >= 0 and real size > 0.
func negBinomialPMF(m int, size, p, q float64) float64 {
	fm := float64(m)
	return size / (size + fm) * binomialRaw(size, size+fm, p, q)
}
