package erlang

import "math"

// Erlang A (M/M/n+M): Poisson arrivals at rate λ, n agents with exponential
// handle times of mean 1/μ (AHT), FIFO queue, and exponential patience of
// mean 1/θ: a caller still waiting when his patience runs out hangs up.
//
// The number of callers in the system is a birth-death chain with birth
// rate λ and death rate
//
//	d(k) = min(k, n) μ + max(0, k-n) θ
//
// (P. Palm 1946; O. Garnett, A. Mandelbaum and M. Reiman, "Designing a Call
// Center with Impatient Customers", Manufacturing & Service Operations
// Management 4(3), 2002). Its stationary probabilities satisfy
// π(k+1)/π(k) = λ/d(k+1). This file works in units of the AHT: a = λ/μ
// Erlangs, r = θ/μ = AHT/patience, τ = t/AHT.
//
// The chain is summed exactly, outward from its mode, until a geometric
// bound on the remaining mass (the ratios d(k)/λ below the mode and
// λ/d(k+1) above it are monotone) falls below 1e-17 of the total: far below
// the 1e-12 a calculator needs and below float64 rounding. All terms are
// relative to the mode's, so nothing overflows; the far tails underflow to
// zero harmlessly.
//
// Figures, with π normalized and an arrival seeing the stationary state
// (PASTA):
//
//	P(wait)    = Σ_{k>=n} π(k)
//	E[queue]   = Σ_{k>n} (k-n) π(k)
//	P(abandon) = θ E[queue] / λ                 (rate of abandonment / arrival rate)
//	ASA        = E[queue] / λ                   (Little: mean wait of all arrivals,
//	                                             answered or abandoned, zero waits included)
//	occupancy  = Σ min(k, n) π(k) / n  = a (1 - P(abandon)) / n
//
// Service level. An arrival finding q >= 0 callers queued ahead of it (state
// n+q) reaches an agent after q+1 exponential stages; in stage i (i callers
// ahead) the number ahead drops at rate nμ + iθ, and its own patience runs
// at rate θ. Competing exponentials give
//
//	P(answered, wait <= t | q) = nμ/(nμ + (q+1)θ) · P(Σ_{j=1..q+1} Exp(nμ + jθ) <= t)
//
// (the first factor telescopes Π_i (nμ+iθ)/(nμ+(i+1)θ), the chance of
// outlasting every stage; stage lengths do not depend on how a stage ends).
// The sum of exponentials with rates θ(x+1), ..., θ(x+q+1), x = nμ/θ, is
// -log(β)/θ with β ~ Beta(x+1, q+1), so the probability that it is <= t is
// the regularized incomplete beta I_z(q+1, x+1) with z = 1 - exp(-θt), which
// equals P(M >= q+1) for M negative binomial with size x+1 and success
// probability exp(-θt). Hence
//
//	SL(t) = P(answered within t) = Σ_{k<n} π(k) + Σ_{q>=0} π(n+q) · n/(n+(q+1)r) · P(M >= q+1)
//
// Abandoners count as misses whether they hang up before or after t. This
// is the distribution of the waiting time of served customers given in
// A. Mandelbaum and S. Zeltyn, "The M/M/n+G queue: Summary of performance
// measures" (Technion, 2009), section on exponential patience, written as a
// sum over the chain; as θ -> 0 it tends to the Erlang C service level
// (M becomes Poisson(nμt)). The same stage argument gives the mean wait of
// answered callers, E[wait | answered] = Σ_q π(n+q) n/(n+(q+1)r) H_q / (1 - P(abandon))
// with H_q = Σ_{j=1..q+1} 1/(nμ + jθ).

// metricsA returns the Erlang A figures for n agents. r = AHT/patience > 0.
func metricsA(n int, a, r, ahtSeconds, tSeconds float64) Metrics {
	m := Metrics{Agents: n, TrafficErlangs: a}
	if a == 0 {
		m.ServiceLevel = 1
		return m
	}
	c := newChain(n, a, r)
	fn := float64(n)
	var below, waiting, queued, busy float64
	for i, p := range c.pi {
		k := c.lo + i
		if k < n {
			below += p
			busy += float64(k) * p
			continue
		}
		waiting += p
		queued += float64(k-n) * p
		busy += fn * p
	}
	z := below + waiting
	m.PWait = waiting / z
	eq := queued / z
	m.PAbandon = math.Min(1, r*eq/a)
	m.ASASeconds = eq / a * ahtSeconds
	if n > 0 {
		m.Occupancy = math.Min(1, busy/z/fn) // rounding can reach 1 + 1e-15
	}

	// Service level and mean wait of the answered, over the queued states.
	sl := below / z
	if n > 0 && waiting > 0 {
		qlo := max(0, c.lo-n)
		qhi := c.lo + len(c.pi) - 1 - n
		tau := tSeconds / ahtSeconds
		b := fn/r + 1
		u, zz := math.Exp(-r*tau), -math.Expm1(-r*tau)
		surv := nbSurvival(b, u, zz, qlo, qhi)
		h := stageSum(fn, r, qlo+1) // H_q for q = qlo, in AHTs
		var served, waitServed float64
		for q := qlo; q <= qhi; q++ {
			if q > qlo {
				h += 1 / (fn + float64(q+1)*r)
			}
			p := c.pi[n+q-c.lo] / z
			answered := p * fn / (fn + float64(q+1)*r)
			served += answered * surv[q-qlo]
			waitServed += answered * h
		}
		sl += served
		if pa := 1 - m.PAbandon; pa > 0 {
			m.MeanWaitAnsweredSeconds = waitServed / pa * ahtSeconds
		}
	}
	m.ServiceLevel = math.Min(1, sl)
	return m
}

// chain holds the significant stationary probabilities of the M/M/n+M
// chain, unnormalized, for states lo .. lo+len(pi)-1.
type chain struct {
	lo int
	pi []float64
}

func newChain(n int, a, r float64) chain {
	death := func(k int) float64 {
		if k <= n {
			return float64(k)
		}
		return float64(n) + float64(k-n)*r
	}
	// The mode is the largest k with d(k) <= a.
	mode := int(a)
	if float64(n) < a {
		mode = n + int((a-float64(n))/r)
	}
	sum := 1.0
	var down []float64 // π(mode-1), π(mode-2), ...
	p := 1.0
	for k := mode; k > 0; k-- {
		p *= death(k) / a
		down = append(down, p)
		sum += p
		rho := death(k-1) / a // next ratio; they decrease as k falls
		if p == 0 || (rho < 1 && p*rho < tailEps*sum*(1-rho)) {
			break
		}
	}
	var up []float64 // π(mode+1), π(mode+2), ...
	p = 1
	for k := mode; ; k++ {
		p *= a / death(k+1)
		up = append(up, p)
		sum += p
		rho := a / death(k+2) // < 1 above the mode, decreasing
		if p == 0 || p*rho < tailEps*sum*(1-rho) {
			break
		}
	}
	pi := make([]float64, 0, len(down)+1+len(up))
	for i := len(down) - 1; i >= 0; i-- {
		pi = append(pi, down[i])
	}
	pi = append(pi, 1)
	pi = append(pi, up...)
	return chain{lo: mode - len(down), pi: pi}
}

// nbSurvival returns P(M >= q+1) for q = qlo..qhi, M negative binomial with
// pmf Γ(m+b)/(m! Γ(b)) u^b z^m (size b >= 1, success probability u,
// z = 1 - u). Probabilities are computed from the largest one in the range
// by the ratio d(m+1)/d(m) = z (m+b)/(m+1), so none underflows by accident;
// tails outside the range are summed with a geometric bound. Absolute error
// about 1e-16.
func nbSurvival(b, u, z float64, qlo, qhi int) []float64 {
	out := make([]float64, qhi-qlo+1)
	switch {
	case z == 0: // t = 0: nobody waiting is answered within 0 s
		return out
	case u == 0: // exp(-θt) underflowed: every stage sum is below t
		for i := range out {
			out[i] = 1
		}
		return out
	}
	mode := math.Floor((b - 1) * z / u) // +Inf when u is tiny
	m0 := qhi
	if mode < float64(qhi) {
		m0 = max(qlo, int(mode))
	}
	d := make([]float64, qhi-qlo+1) // d[i] = P(M = qlo+i)
	d[m0-qlo] = negBinomialPMF(m0, b, u, z)
	for m := m0; m > qlo; m-- {
		d[m-1-qlo] = d[m-qlo] * float64(m) / (z * (float64(m-1) + b))
	}
	for m := m0; m < qhi; m++ {
		d[m+1-qlo] = d[m-qlo] * z * (float64(m) + b) / float64(m+1)
	}
	if mode >= float64(qhi) {
		// The range lies below the mode: P(M >= q+1) = 1 - P(M <= q), with
		// the lower tail below qlo summed downward (ratios < 1, decreasing).
		lower, p := 0.0, d[0]
		for m := qlo; m > 0 && p > 0; m-- {
			rho := float64(m) / (z * (float64(m-1) + b))
			p *= rho
			lower += p
			if next := float64(m-1) / (z * (float64(m-2) + b)); m > 1 && next < 1 && p*next < tailEps*(1-next) {
				break
			}
		}
		cdf := lower
		for i := range out {
			cdf += d[i]
			out[i] = math.Max(0, 1-cdf)
		}
		return out
	}
	// The range reaches above the mode: sum the upper tail beyond qhi
	// (ratios < 1, decreasing), then add terms downward.
	tail, p := 0.0, d[len(d)-1]
	for m := qhi; p > 0; m++ {
		rho := z * (float64(m) + b) / float64(m+1)
		p *= rho
		tail += p
		next := z * (float64(m+1) + b) / float64(m+2)
		if p*next < tailEps*(1-next) {
			break
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = math.Min(1, tail)
		tail += d[i]
	}
	return out
}

// stageSum returns Σ_{j=1..m} 1/(n + j r), the mean time in AHTs to pass m
// stages when nobody abandons, directly for small m and by the digamma
// function, (ψ(n/r + m + 1) - ψ(n/r + 1)) / r, for large m.
func stageSum(n, r float64, m int) float64 {
	if m <= 100000 {
		s := 0.0
		for j := 1; j <= m; j++ {
			s += 1 / (n + float64(j)*r)
		}
		return s
	}
	x := n / r
	return (digamma(x+float64(m)+1) - digamma(x+1)) / r
}

// digamma returns ψ(x) = d/dx log Γ(x) for x > 0, by the recurrence
// ψ(x) = ψ(x+1) - 1/x up to x >= 6 and the asymptotic series
// ψ(x) = log x - 1/(2x) - Σ B_2k/(2k x^2k) (Abramowitz & Stegun 6.3.18).
func digamma(x float64) float64 {
	s := 0.0
	for x < 6 {
		s -= 1 / x
		x++
	}
	f := 1 / (x * x)
	return s + math.Log(x) - 0.5/x - f*(1.0/12-f*(1.0/120-f*(1.0/252-f*(1.0/240-f*(1.0/132)))))
}
