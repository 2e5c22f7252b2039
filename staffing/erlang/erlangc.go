package erlang

import "math"

// ErlangC returns the probability that an arrival waits in the Erlang delay
// system M/M/n (n agents, infinite patience) offered a Erlangs:
//
//	C(n, a) = n B(n, a) / (n - a (1 - B(n, a)))   for n > a,
//	C(n, a) = 1                                   for n <= a (unstable),
//
// with B the Erlang B blocking probability (Cooper, Introduction to
// Queueing Theory, 2nd ed., 1981, chapter 3). Symbols as in ErlangB. C(n, 0) = 0 for every n > 0. ErlangC panics if n < 0 or a is
// negative, NaN or infinite.
func ErlangC(n int, a float64) float64 {
	checkDomain(n, a)
	if float64(n) <= a {
		if a == 0 && n > 0 {
			return 0
		}
		return 1
	}
	return erlangCFromB(n, a, ErlangB(n, a))
}

// erlangCFromB converts b = B(n, a) to C(n, a) for n > a. The denominator is
// n - a + a·b > 0, so there is no cancellation to fear.
func erlangCFromB(n int, a, b float64) float64 {
	fn := float64(n)
	return fn * b / (fn - a + a*b)
}

// ServiceLevelC returns the Erlang C service level, the probability that an
// arrival is answered within t seconds:
//
//	SL(t) = 1 - C(n, a) exp(-(n - a) t / aht)
//
// with aht the mean handle time in seconds (> 0) and t >= 0. It is 0 when
// n <= a (the queue grows without bound) and 1 when a = 0.
func ServiceLevelC(n int, a, ahtSeconds, tSeconds float64) float64 {
	checkDomain(n, a)
	if a == 0 {
		return 1
	}
	if float64(n) <= a {
		return 0
	}
	return serviceLevelC(n, a, ErlangC(n, a), ahtSeconds, tSeconds)
}

func serviceLevelC(n int, a, c, ahtSeconds, tSeconds float64) float64 {
	return 1 - c*math.Exp(-(float64(n)-a)*tSeconds/ahtSeconds)
}

// metricsC returns the Erlang C figures for n agents given b = B(n, a).
// Unstable queues (n <= a, a > 0) get PWait 1, ServiceLevel 0, Occupancy 1
// and ASASeconds 0 with Unstable set: the true mean wait is infinite, and
// +Inf must not reach JSON or arithmetic downstream.
func metricsC(n int, a, b, ahtSeconds, tSeconds float64) Metrics {
	m := Metrics{Agents: n, TrafficErlangs: a}
	switch {
	case a == 0:
		m.ServiceLevel = 1
	case float64(n) <= a:
		m.PWait, m.Occupancy, m.Unstable = 1, 1, true
	default:
		fn := float64(n)
		c := erlangCFromB(n, a, b)
		m.PWait = c
		m.ServiceLevel = serviceLevelC(n, a, c, ahtSeconds, tSeconds)
		m.ASASeconds = c * ahtSeconds / (fn - a)
		m.Occupancy = a / fn
	}
	return m
}
