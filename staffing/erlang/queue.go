package erlang

import (
	"errors"
	"fmt"
	"math"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// Limits of the domain the package is tested on.
const (
	// MaxAgents is the largest number of agents Required searches.
	MaxAgents = 20000
	// MaxTrafficErlangs is the largest offered load Validate accepts.
	MaxTrafficErlangs = 10000
	// MaxPatienceAHTs bounds the mean patience in handle times: beyond it
	// the Erlang A chain would need millions of states, and the answer
	// is Erlang C (infinite patience) to within 1e-6.
	MaxPatienceAHTs = 1e6
)

// ErrInvalidInput is the cause of every InputError.
var ErrInvalidInput = errors.New("invalid queue or target")

// ErrInfeasible means no number of agents up to MaxAgents meets the targets.
var ErrInfeasible = diag.New(diag.Infeasible, "no staffing level meets the targets")

// InputError reports the field of a Queue, Targets or argument that is out
// of its domain. It unwraps to ErrInvalidInput.
type InputError struct {
	Field string  // e.g. "AHTSeconds"
	Value float64 // the value given
	Want  string  // the valid domain, e.g. "> 0"
}

func (e *InputError) Error() string {
	return fmt.Sprintf("erlang: %s = %v: want %s", e.Field, e.Value, e.Want)
}

func (e *InputError) Unwrap() error { return ErrInvalidInput }

// Queue describes one queue in one interval. A patience of 0 means callers
// never hang up (Erlang C); a positive patience selects Erlang A.
type Queue struct {
	TrafficErlangs  float64 // offered load A = arrivals × AHT / interval length, in Erlangs, 0..MaxTrafficErlangs
	AHTSeconds      float64 // mean handle time 1/μ in seconds, > 0 (the effective AHT for chat, see EffectiveAHT)
	PatienceSeconds float64 // mean time a caller waits before hanging up, 1/θ, in seconds; 0 = infinite
}

// Validate reports the first field out of its domain as an *InputError.
func (q Queue) Validate() error {
	switch {
	case !finite(q.TrafficErlangs) || q.TrafficErlangs < 0 || q.TrafficErlangs > MaxTrafficErlangs:
		return &InputError{"TrafficErlangs", q.TrafficErlangs, fmt.Sprintf("between 0 and %d", MaxTrafficErlangs)}
	case !finite(q.AHTSeconds) || q.AHTSeconds <= 0:
		return &InputError{"AHTSeconds", q.AHTSeconds, "> 0"}
	case !finite(q.PatienceSeconds) || q.PatienceSeconds < 0:
		return &InputError{"PatienceSeconds", q.PatienceSeconds, ">= 0 (0 = infinite)"}
	case q.PatienceSeconds > MaxPatienceAHTs*q.AHTSeconds:
		return &InputError{"PatienceSeconds", q.PatienceSeconds, "at most 1e6 handle times (use 0, infinite patience, beyond)"}
	}
	return nil
}

// Traffic returns the offered load in Erlangs,
//
//	A = calls × ahtSeconds / intervalSeconds,
//
// the mean number of agents busy if every call were answered at once. The
// same load per 15 or per 30 minutes (50 calls / 900 s or 100 calls /
// 1800 s at 180 s) gives the same A and so the same staffing.
func Traffic(calls, intervalSeconds, ahtSeconds float64) float64 {
	return calls * ahtSeconds / intervalSeconds
}

// Metrics are the steady-state figures of a queue with a given number of
// agents. Every field is finite for every valid input.
type Metrics struct {
	Agents         int
	TrafficErlangs float64
	// PWait is the probability that an arrival finds every agent busy.
	PWait float64
	// ServiceLevel is the probability that an arrival is answered within
	// the target time; callers who abandon count as misses.
	ServiceLevel float64
	// ASASeconds is the mean wait of all arrivals (zero waits included;
	// for Erlang A, abandoners count with the time they waited), E[Wq] =
	// E[queue]/λ. Erlang C: P(wait) AHT / (N - A).
	ASASeconds float64
	// MeanWaitAnsweredSeconds is the mean wait of answered callers only
	// (Erlang A; equal to ASASeconds for Erlang C).
	MeanWaitAnsweredSeconds float64
	// Occupancy is the fraction of agent time spent handling contacts:
	// the served load over N (A/N for Erlang C).
	Occupancy float64
	// PAbandon is the fraction of arrivals that hang up (Erlang A; 0 for C).
	PAbandon float64
	// Unstable is set for Erlang C when N <= A (and A > 0): the queue grows
	// without bound. Then PWait = 1, ServiceLevel = 0, Occupancy = 1 and
	// ASASeconds = 0 stands for an infinite wait: check Unstable first.
	Unstable bool
}

// Evaluate returns the figures of q with the given number of agents and
// answer-time target t (seconds, for ServiceLevel): Erlang C when
// q.PatienceSeconds is 0, exact Erlang A otherwise. It returns an
// *InputError for an invalid queue, negative agents or t.
func Evaluate(q Queue, agents int, answerSeconds float64) (Metrics, error) {
	if err := q.Validate(); err != nil {
		return Metrics{}, err
	}
	if agents < 0 {
		return Metrics{}, &InputError{"agents", float64(agents), ">= 0"}
	}
	if !finite(answerSeconds) || answerSeconds < 0 {
		return Metrics{}, &InputError{"answerSeconds", answerSeconds, ">= 0"}
	}
	return evaluate(q, agents, answerSeconds), nil
}

func evaluate(q Queue, n int, t float64) Metrics {
	if q.PatienceSeconds > 0 {
		return metricsA(n, q.TrafficErlangs, q.AHTSeconds/q.PatienceSeconds, q.AHTSeconds, t)
	}
	var b float64
	if float64(n) > q.TrafficErlangs {
		b = ErlangB(n, q.TrafficErlangs)
	}
	m := metricsC(n, q.TrafficErlangs, b, q.AHTSeconds, t)
	m.MeanWaitAnsweredSeconds = m.ASASeconds
	return m
}

// MaxConcurrency is the highest chat concurrency EffectiveAHT accepts:
// planners hold 1-2 chats per agent typical and 3-4 the hard maximum.
const MaxConcurrency = 4

// EffectiveAHT returns the handle time to give the Erlang formulas for a
// channel where one agent handles c contacts at once (chat):
//
//	AHT_eff = AHT / c
//
// Convention (that of the common Erlang calculators; others exist, hence
// this note):
// an agent with c chats open finishes c chats per AHT, so it counts as one
// server working c times faster, and the queue is M/M/N with service rate
// cμ per agent and traffic A = λ AHT / c. Occupancy and throughput are then
// exact. Limits: AHT must be the one measured at concurrency c (each chat
// takes longer when an agent juggles several; the formula does not add that
// slowdown); and one fast server answers later than c slots would (M/M/cN
// with rate μ waits less), so the convention errs toward more staff, the
// more so as c grows: it is accepted only for 1 <= c <= MaxConcurrency.
// Otherwise an *InputError is returned.
func EffectiveAHT(ahtSeconds, concurrency float64) (float64, error) {
	if !finite(ahtSeconds) || ahtSeconds <= 0 {
		return 0, &InputError{"ahtSeconds", ahtSeconds, "> 0"}
	}
	if !finite(concurrency) || concurrency < 1 || concurrency > MaxConcurrency {
		return 0, &InputError{"concurrency", concurrency, "between 1 and 4"}
	}
	return ahtSeconds / concurrency, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
