// Package sim is a seeded discrete-event simulator of a contact queue: N
// identical agents serving one FIFO queue, Poisson arrivals whose rate
// changes from interval to interval, exponential or lognormal handle times,
// optional exponential patience, and a number of agents per interval. It
// checks what the closed formulas of package erlang cannot: non-stationary
// load, staffing that changes at interval boundaries, handle times that are
// not exponential, and the formulas themselves. RunGroup simulates a
// blended group instead: the same agents serving several live and deferred
// channels (see GroupConfig).
//
// Conventions, chosen to match package erlang:
//   - A call belongs to the interval in which it arrives; its wait, answer
//     and abandonment are counted there.
//   - Service level = calls answered within T / calls offered. Callers who
//     abandon count as misses whether they hang up before or after T, as
//     in erlang's Erlang A service level.
//   - ASA = mean wait of all calls that were answered or abandoned (an
//     abandoner's wait is the time until it hung up), as erlang's
//     Metrics.ASASeconds; MeanWaitAnsweredSeconds averages answered calls only.
//   - P(wait) = fraction of offered calls that found no idle agent.
//   - Occupancy = agent-seconds handling calls / agent-seconds logged in,
//     per interval of clock time. When the agents of an interval drop, idle
//     agents log out at the boundary and busy ones finish their call first
//     (that overtime counts as logged-in time), so occupancy never exceeds 1.
//   - After the last interval the last staffing stays on until every call
//     still queued is answered or abandons; that drain is not part of any
//     interval's occupancy. Calls that can never be answered (no agents,
//     infinite patience) are reported as Unanswered.
//
// Each replication draws from its own PCG stream, seeded with (Seed,
// replication index), so a run is reproducible for a seed whatever the
// number of CPUs.
package sim

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Handle is the distribution of handle times.
type Handle int

const (
	Exponential Handle = iota // mean AHT, coefficient of variation 1
	Lognormal                 // mean AHT, coefficient of variation HandleCV
)

func (h Handle) String() string {
	switch h {
	case Exponential:
		return "exp"
	case Lognormal:
		return "lognormal"
	}
	return fmt.Sprintf("Handle(%d)", int(h))
}

// Config describes a simulation. Arrivals and Agents have one entry per
// interval.
type Config struct {
	IntervalSeconds float64   // length of an interval, > 0
	Arrivals        []float64 // expected arrivals in each interval (Poisson mean), >= 0
	Agents          []int     // agents staffed in each interval, >= 0
	AHTSeconds      float64   // mean handle time, > 0
	Handle          Handle    // Exponential or Lognormal
	HandleCV        float64   // coefficient of variation of a lognormal handle time, >= 0
	PatienceSeconds float64   // mean of the exponential patience; 0 = callers never hang up
	AnswerSeconds   float64   // T of the service level, >= 0
	WarmupIntervals int       // leading intervals left out of Result.Overall (the queue starts empty)
	Seed            uint64
	Replications    int // independent runs, >= 1; standard errors need >= 2
}

// ErrInvalidConfig is the cause of every ConfigError.
var ErrInvalidConfig = errors.New("invalid simulation config")

// ConfigError names the field of a Config out of its domain.
type ConfigError struct {
	Field string // e.g. "Arrivals[3]"
	Want  string // the valid domain
}

func (e *ConfigError) Error() string { return fmt.Sprintf("sim: %s: want %s", e.Field, e.Want) }
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

// Validate returns a *ConfigError for the first field out of its domain.
func (c *Config) Validate() error {
	fin := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	switch {
	case !fin(c.IntervalSeconds) || c.IntervalSeconds <= 0:
		return &ConfigError{"IntervalSeconds", "> 0"}
	case len(c.Arrivals) == 0:
		return &ConfigError{"Arrivals", "at least one interval"}
	case len(c.Agents) != len(c.Arrivals):
		return &ConfigError{"Agents", fmt.Sprintf("one entry per interval (%d), got %d", len(c.Arrivals), len(c.Agents))}
	case !fin(c.AHTSeconds) || c.AHTSeconds <= 0:
		return &ConfigError{"AHTSeconds", "> 0"}
	case c.Handle != Exponential && c.Handle != Lognormal:
		return &ConfigError{"Handle", "Exponential or Lognormal"}
	case !fin(c.HandleCV) || c.HandleCV < 0:
		return &ConfigError{"HandleCV", ">= 0"}
	case !fin(c.PatienceSeconds) || c.PatienceSeconds < 0:
		return &ConfigError{"PatienceSeconds", ">= 0 (0 = infinite)"}
	case !fin(c.AnswerSeconds) || c.AnswerSeconds < 0:
		return &ConfigError{"AnswerSeconds", ">= 0"}
	case c.WarmupIntervals < 0 || c.WarmupIntervals >= len(c.Arrivals):
		return &ConfigError{"WarmupIntervals", fmt.Sprintf("between 0 and %d", len(c.Arrivals)-1)}
	case c.Replications < 1:
		return &ConfigError{"Replications", ">= 1"}
	}
	for i, a := range c.Arrivals {
		if !fin(a) || a < 0 {
			return &ConfigError{fmt.Sprintf("Arrivals[%d]", i), "finite and >= 0"}
		}
	}
	for i, n := range c.Agents {
		if n < 0 {
			return &ConfigError{fmt.Sprintf("Agents[%d]", i), ">= 0"}
		}
	}
	return nil
}

// Figures are the results of one interval, or of the whole horizon after
// warm-up, pooled over replications: each ratio is the sum of its
// numerator over the sum of its denominator. Each *SE field is the standard
// error of the figure beside it: the standard deviation of the per-
// replication ratios over √R (replications where the denominator is 0 are
// left out; 0 with fewer than two replications). With no call offered the
// service level is 1 and the other rates are 0.
type Figures struct {
	Offered        int64 // calls arrived, over all replications
	Answered       int64
	AnsweredInTime int64 // answered within AnswerSeconds
	Abandoned      int64
	Unanswered     int64 // still queued when the simulation ended (no agents and infinite patience)

	ServiceLevel, ServiceLevelSE                       float64
	ASASeconds, ASASecondsSE                           float64
	MeanWaitAnsweredSeconds, MeanWaitAnsweredSecondsSE float64
	PWait, PWaitSE                                     float64
	AbandonRate, AbandonRateSE                         float64
	Occupancy, OccupancySE                             float64
}

// Result is the outcome of Run.
type Result struct {
	Intervals    []Figures // one per interval, warm-up included
	Overall      Figures   // intervals from WarmupIntervals on
	Replications int
	Calls        int64 // calls simulated over all replications and intervals
}

// Run simulates cfg.Replications independent replications, in parallel on
// GOMAXPROCS CPUs, and returns per-interval and overall figures. It returns
// a *ConfigError for an invalid config.
func Run(cfg Config) (Result, error) {
	if err := cfg.Validate(); err != nil {
		return Result{}, err
	}
	reps := replicate(cfg.Replications, func() func(uint64) []counters { return newSimulator(&cfg).run })

	res := Result{Replications: cfg.Replications, Intervals: make([]Figures, len(cfg.Arrivals))}
	perRep := make([]counters, cfg.Replications)
	for i := range cfg.Arrivals {
		for r := range reps {
			perRep[r] = reps[r][i]
			res.Calls += reps[r][i].offered
		}
		res.Intervals[i] = figures(perRep)
	}
	for r := range reps {
		var sum counters
		for i := cfg.WarmupIntervals; i < len(cfg.Arrivals); i++ {
			sum.add(reps[r][i])
		}
		perRep[r] = sum
	}
	res.Overall = figures(perRep)
	return res, nil
}

// replicate runs replications 0..n-1 on up to GOMAXPROCS workers and returns
// their results in replication order. newWorker is called once per worker;
// the function it returns runs one replication and may reuse the worker's
// buffers. Each replication seeds its own stream, so the results do not
// depend on which worker ran it.
func replicate[T any](n int, newWorker func() func(rep uint64) T) []T {
	out := make([]T, n)
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run := newWorker()
			for r := range next {
				out[r] = run(uint64(r))
			}
		}()
	}
	for r := range out {
		next <- r
	}
	close(next)
	wg.Wait()
	return out
}

// counters accumulate one replication's events for one interval.
type counters struct {
	offered, answered, inTime, abandoned, waited int64
	waitResolved, waitAnswered                   float64 // seconds, summed
	busy, loggedIn                               float64 // agent-seconds
}

func (c *counters) add(o counters) {
	c.offered += o.offered
	c.answered += o.answered
	c.inTime += o.inTime
	c.abandoned += o.abandoned
	c.waited += o.waited
	c.waitResolved += o.waitResolved
	c.waitAnswered += o.waitAnswered
	c.busy += o.busy
	c.loggedIn += o.loggedIn
}

// figures pools per-replication counters into Figures.
func figures(reps []counters) Figures {
	var sum counters
	for _, c := range reps {
		sum.add(c)
	}
	f := Figures{
		Offered:        sum.offered,
		Answered:       sum.answered,
		AnsweredInTime: sum.inTime,
		Abandoned:      sum.abandoned,
		Unanswered:     sum.offered - sum.answered - sum.abandoned,
	}
	ratio := func(get func(c counters) (num, den float64), empty float64) (value, se float64) {
		n, d := get(sum)
		value = empty
		if d > 0 {
			value = n / d
		}
		var xs []float64
		for _, c := range reps {
			if n, d := get(c); d > 0 {
				xs = append(xs, n/d)
			}
		}
		return value, standardError(xs)
	}
	f.ServiceLevel, f.ServiceLevelSE = ratio(func(c counters) (float64, float64) { return float64(c.inTime), float64(c.offered) }, 1)
	f.ASASeconds, f.ASASecondsSE = ratio(func(c counters) (float64, float64) { return c.waitResolved, float64(c.answered + c.abandoned) }, 0)
	f.MeanWaitAnsweredSeconds, f.MeanWaitAnsweredSecondsSE = ratio(func(c counters) (float64, float64) { return c.waitAnswered, float64(c.answered) }, 0)
	f.PWait, f.PWaitSE = ratio(func(c counters) (float64, float64) { return float64(c.waited), float64(c.offered) }, 0)
	f.AbandonRate, f.AbandonRateSE = ratio(func(c counters) (float64, float64) { return float64(c.abandoned), float64(c.offered) }, 0)
	f.Occupancy, f.OccupancySE = ratio(func(c counters) (float64, float64) { return c.busy, c.loggedIn }, 0)
	return f
}

// standardError is the sample standard deviation of xs over √len(xs), 0
// for fewer than two values.
func standardError(xs []float64) float64 {
	n := float64(len(xs))
	if n < 2 {
		return 0
	}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= n
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss / (n - 1) / n)
}

// Event kinds. At equal times boundaries come first (the new staffing
// applies to what happens at that instant), then completions, then
// abandonments, then arrivals.
const (
	evBoundary uint8 = iota
	evDone
	evAbandon
	evArrival
)

type event struct {
	t    float64
	seq  uint64 // insertion order: breaks the remaining ties deterministically
	kind uint8
	call int32 // the call of an evAbandon; the interval starting at an evBoundary (groupSim: see there)
}

// eventHeap is a min-heap of events ordered by time, then kind, then
// insertion order (eventQueue keeps it with up and down).
type eventHeap []event

func (h eventHeap) Less(i, j int) bool {
	if h[i].t != h[j].t {
		return h[i].t < h[j].t
	}
	if h[i].kind != h[j].kind {
		return h[i].kind < h[j].kind
	}
	return h[i].seq < h[j].seq
}

// Call states.
const (
	waiting uint8 = iota
	answered
	abandoned
)

// simulator holds the state of one replication; its buffers are reused by
// the next replication run on the same worker.
type simulator struct {
	cfg    *Config
	rng    *rand.Rand
	events eventQueue

	arrive   []float64 // per call: arrival time
	state    []uint8   // per call: waiting, answered, abandoned
	interval []int32   // per call: interval of arrival
	queue    waitQueue // calls waiting, abandoned ones skipped lazily

	loggedIn, busy, target int
	clock                  int // interval of clock time; len(Arrivals) after the horizon
	lastT                  float64
	arrivalInterval        int
	logMu, logSigma        float64 // lognormal parameters
	counts                 []counters
}

func newSimulator(cfg *Config) *simulator {
	s := &simulator{cfg: cfg}
	if cfg.Handle == Lognormal {
		// Mean m and CV c: σ² = log(1 + c²), μ = log m - σ²/2.
		v := math.Log1p(cfg.HandleCV * cfg.HandleCV)
		s.logSigma = math.Sqrt(v)
		s.logMu = math.Log(cfg.AHTSeconds) - v/2
	}
	return s
}

// eventQueue is the future event list of one replication.
type eventQueue struct {
	h   eventHeap
	seq uint64
}

func (q *eventQueue) reset()   { q.h, q.seq = q.h[:0], 0 }
func (q *eventQueue) len() int { return len(q.h) }

func (q *eventQueue) push(e event) {
	q.seq++
	e.seq = q.seq
	q.h = append(q.h, e)
	q.h.up(len(q.h) - 1)
}

func (q *eventQueue) pop() event {
	h := q.h
	e := h[0]
	last := len(h) - 1
	h[0] = h[last]
	q.h = h[:last]
	if last > 1 {
		q.h.down(0)
	}
	return e
}

// up and down restore the heap order after a change at i (the sifts of
// container/heap, written on the typed slice: no interface calls on this
// hot path). The order (time, kind, insertion) is total, so the events come
// out in the same order as with container/heap.
func (h eventHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !h.Less(i, p) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (h eventHeap) down(i int) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h.Less(r, l) {
			m = r
		}
		if !h.Less(m, i) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// run simulates replication rep and returns its counters per interval.
func (s *simulator) run(rep uint64) []counters {
	cfg := s.cfg
	nInt := len(cfg.Arrivals)
	s.rng = rand.New(rand.NewPCG(cfg.Seed, rep))
	s.events.reset()
	s.arrive, s.state, s.interval = s.arrive[:0], s.state[:0], s.interval[:0]
	s.queue.reset()
	s.counts = make([]counters, nInt)
	s.loggedIn, s.busy, s.target, s.clock, s.lastT = cfg.Agents[0], 0, cfg.Agents[0], 0, 0
	s.arrivalInterval = 0

	L := cfg.IntervalSeconds
	for i := 1; i <= nInt; i++ {
		s.events.push(event{t: float64(i) * L, kind: evBoundary, call: int32(i)})
	}
	s.scheduleArrival(0)
	for s.events.len() > 0 {
		e := s.events.pop()
		s.advance(e.t)
		switch e.kind {
		case evBoundary:
			s.boundary(int(e.call))
		case evArrival:
			s.arrival(e.t)
			s.scheduleArrival(e.t)
		case evDone:
			s.busy--
			if s.loggedIn > s.target {
				s.loggedIn-- // staffing dropped: this agent leaves after the call
			} else {
				s.answerNext(e.t)
			}
		case evAbandon:
			c := e.call
			if s.state[c] == waiting {
				s.state[c] = abandoned
				k := &s.counts[s.interval[c]]
				k.abandoned++
				k.waitResolved += e.t - s.arrive[c]
			}
		}
	}
	return s.counts
}

// advance accumulates busy and logged-in agent time up to t. Boundaries are
// events, so the span since the last event lies inside one interval.
func (s *simulator) advance(t float64) {
	if s.clock < len(s.counts) {
		dt := t - s.lastT
		k := &s.counts[s.clock]
		k.busy += float64(s.busy) * dt
		k.loggedIn += float64(s.loggedIn) * dt
	}
	s.lastT = t
}

// boundary applies the staffing of interval i (the last interval's staffing
// stays on after the horizon).
func (s *simulator) boundary(i int) {
	s.clock = i
	if i >= len(s.cfg.Agents) {
		return
	}
	s.target = s.cfg.Agents[i]
	if s.loggedIn < s.target {
		s.loggedIn = s.target
		for s.busy < s.loggedIn && s.answerNext(s.lastT) {
		}
		return
	}
	idle := s.loggedIn - s.busy
	s.loggedIn -= min(idle, s.loggedIn-s.target)
}

// scheduleArrival schedules the first arrival after t: exponential gaps at
// the rate of the interval, restarted at the next interval's start when a
// gap crosses the boundary (memorylessness makes that exact).
func (s *simulator) scheduleArrival(t float64) {
	cfg := s.cfg
	L := cfg.IntervalSeconds
	for i := s.arrivalInterval; i < len(cfg.Arrivals); i++ {
		if rate := cfg.Arrivals[i] / L; rate > 0 {
			if next := t + s.rng.ExpFloat64()/rate; next < float64(i+1)*L {
				s.arrivalInterval = i
				s.events.push(event{t: next, kind: evArrival})
				return
			}
		}
		t = float64(i+1) * L
	}
	s.arrivalInterval = len(cfg.Arrivals)
}

func (s *simulator) arrival(t float64) {
	c := int32(len(s.arrive))
	s.arrive = append(s.arrive, t)
	s.state = append(s.state, waiting)
	s.interval = append(s.interval, int32(s.arrivalInterval))
	k := &s.counts[s.arrivalInterval]
	k.offered++
	if s.busy < s.loggedIn { // an idle agent means nobody is queued
		s.answer(c, t)
		return
	}
	k.waited++
	s.queue.push(c)
	if s.cfg.PatienceSeconds > 0 {
		s.events.push(event{t: t + s.rng.ExpFloat64()*s.cfg.PatienceSeconds, kind: evAbandon, call: c})
	}
}

// answerNext gives the first caller still waiting to a free agent and
// reports whether there was one.
func (s *simulator) answerNext(t float64) bool {
	c, ok := s.queue.next(s.state)
	if ok {
		s.answer(c, t)
	}
	return ok
}

// waitQueue is a first-in, first-out queue of contact ids whose callers
// may leave while they wait: those are skipped when they reach the front.
type waitQueue struct {
	ids  []int32
	head int
}

func (q *waitQueue) reset()       { q.ids, q.head = q.ids[:0], 0 }
func (q *waitQueue) push(c int32) { q.ids = append(q.ids, c) }

// next takes the oldest id still waiting (state[id] == waiting) off the
// queue, and reports whether there was one.
func (q *waitQueue) next(state []uint8) (int32, bool) {
	for q.head < len(q.ids) {
		c := q.ids[q.head]
		q.head++
		if q.head > 4096 && q.head*2 > len(q.ids) { // reclaim the consumed front
			q.ids = q.ids[:copy(q.ids, q.ids[q.head:])]
			q.head = 0
		}
		if state[c] == waiting {
			return c, true
		}
	}
	return 0, false
}

func (s *simulator) answer(c int32, t float64) {
	s.state[c] = answered
	wait := t - s.arrive[c]
	k := &s.counts[s.interval[c]]
	k.answered++
	k.waitResolved += wait
	k.waitAnswered += wait
	if wait <= s.cfg.AnswerSeconds {
		k.inTime++
	}
	s.busy++
	s.events.push(event{t: t + s.handleTime(), kind: evDone})
}

func (s *simulator) handleTime() float64 {
	if s.cfg.Handle == Lognormal {
		return math.Exp(s.logMu + s.logSigma*s.rng.NormFloat64())
	}
	return s.cfg.AHTSeconds * s.rng.ExpFloat64()
}
