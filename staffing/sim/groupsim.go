package sim

import (
	"math"
	"math/rand/v2"
)

// groupSim holds the state of one replication of RunGroup; its buffers are
// reused by the next replication run on the same worker. It follows
// simulator's event scheme; events carry in call the channel of an
// evArrival and the contact of an evDone or evAbandon.
type groupSim struct {
	cfg    *GroupConfig
	rng    *rand.Rand
	events eventQueue

	// Per contact, indexed by contact id (arrival order).
	arrive   []float64 // arrival time
	state    []uint8   // waiting, answered (handling started), abandoned
	interval []int32   // interval of arrival
	channel  []int32

	liveQueue waitQueue      // live contacts, oldest first, abandoned ones skipped lazily
	backlogs  []deferredHeap // per channel: waiting deferred items, earliest due first

	loggedIn, busy, target int
	clock                  int // interval of clock time; len(Agents) after the horizon
	lastT                  float64
	nextInterval           []int       // per channel: the interval of its next arrival
	ahtSeconds             [][]float64 // per channel: AHTSeconds
	logMu                  [][]float64 // per channel: lognormal μ for each AHTSeconds entry
	logSigma               float64
	counts                 groupCounts

	// trace, when set (by tests), receives every change of state.
	trace func(traceEntry)
	step  uint64 // events processed, for trace
}

func newGroupSim(cfg *GroupConfig) *groupSim {
	s := &groupSim{cfg: cfg, nextInterval: make([]int, len(cfg.Channels))}
	// Mean m and CV c: σ² = log(1 + c²), μ = log m - σ²/2 (as simulator).
	v := math.Log1p(cfg.HandleCV * cfg.HandleCV)
	s.logSigma = math.Sqrt(v)
	for _, ch := range cfg.Channels {
		s.ahtSeconds = append(s.ahtSeconds, ch.AHTSeconds)
		mu := make([]float64, len(ch.AHTSeconds))
		for i, m := range ch.AHTSeconds {
			mu[i] = math.Log(m) - v/2
		}
		s.logMu = append(s.logMu, mu)
	}
	return s
}

// run simulates replication rep and returns its counts.
func (s *groupSim) run(rep uint64) groupCounts {
	cfg := s.cfg
	n := len(cfg.Agents)
	s.rng = rand.New(rand.NewPCG(cfg.Seed, rep))
	s.events.reset()
	s.arrive, s.state, s.interval, s.channel = s.arrive[:0], s.state[:0], s.interval[:0], s.channel[:0]
	s.liveQueue.reset()
	if len(s.backlogs) != len(cfg.Channels) {
		s.backlogs = make([]deferredHeap, len(cfg.Channels))
	}
	for c := range s.backlogs {
		s.backlogs[c] = s.backlogs[c][:0]
	}
	s.counts = newGroupCounts(cfg)
	s.loggedIn, s.busy, s.target, s.clock, s.lastT = cfg.Agents[0], 0, cfg.Agents[0], 0, 0
	s.step = 0
	s.log(traceLogin, 0, -1, s.loggedIn)

	s.reserve()
	// One boundary at a time in the heap: the next one is pushed when it
	// is reached, which keeps the heap as small as the contacts in flight.
	s.events.push(event{t: cfg.IntervalSeconds, kind: evBoundary, call: 1})
	for ch := range cfg.Channels {
		s.nextInterval[ch] = 0
		s.scheduleArrival(ch, 0)
	}
	for s.events.len() > 0 {
		e := s.events.pop()
		s.step++
		s.advance(e.t)
		switch e.kind {
		case evBoundary:
			if i := int(e.call); i < n {
				s.events.push(event{t: float64(i+1) * cfg.IntervalSeconds, kind: evBoundary, call: int32(i + 1)})
			}
			s.boundary(int(e.call))
		case evArrival:
			s.arrival(int(e.call), e.t)
			s.scheduleArrival(int(e.call), e.t)
		case evDone:
			s.done(e.call, e.t)
		case evAbandon:
			s.abandon(e.call, e.t)
		}
	}
	s.closeBacklog()
	return s.counts
}

// reserve sizes the per-contact slices for the expected contacts plus
// five standard deviations, so that appending rarely reallocates.
func (s *groupSim) reserve() {
	expected := 0.0
	for _, ch := range s.cfg.Channels {
		for _, a := range ch.Arrivals {
			expected += a
		}
	}
	want := int(expected + 5*math.Sqrt(expected) + 16)
	if cap(s.arrive) < want {
		s.arrive = make([]float64, 0, want)
		s.state = make([]uint8, 0, want)
		s.interval = make([]int32, 0, want)
		s.channel = make([]int32, 0, want)
	}
}

func newGroupCounts(cfg *GroupConfig) groupCounts {
	n := len(cfg.Agents)
	c := groupCounts{
		live:     make([][]counters, len(cfg.Channels)),
		deferred: make([][]deferredCounters, len(cfg.Channels)),
		busy:     make([]float64, n),
		loggedIn: make([]float64, n),
	}
	for k, ch := range cfg.Channels {
		if ch.Live {
			c.live[k] = make([]counters, n)
		} else {
			c.deferred[k] = make([]deferredCounters, n)
		}
	}
	return c
}

// advance accumulates busy and logged-in agent time up to t. Boundaries are
// events, so the span since the last event lies inside one interval.
func (s *groupSim) advance(t float64) {
	if s.clock < len(s.counts.busy) {
		dt := t - s.lastT
		s.counts.busy[s.clock] += float64(s.busy) * dt
		s.counts.loggedIn[s.clock] += float64(s.loggedIn) * dt
	}
	s.lastT = t
}

// boundary applies the staffing of interval i; at the horizon (i =
// len(Agents)) the last staffing stays on and deferred work stops.
func (s *groupSim) boundary(i int) {
	s.clock = i
	if i >= len(s.cfg.Agents) {
		return
	}
	s.target = s.cfg.Agents[i]
	if s.loggedIn < s.target {
		s.log(traceLogin, s.lastT, -1, s.target-s.loggedIn)
		s.loggedIn = s.target
		s.fill(s.lastT)
		return
	}
	idle := s.loggedIn - s.busy
	if out := min(idle, s.loggedIn-s.target); out > 0 {
		s.log(traceLogout, s.lastT, -1, out)
		s.loggedIn -= out
	}
	// a released reserve or a deferred channel opening: idle agents take
	// deferred work (no live contact waits while an agent is idle)
	s.startDeferred(s.lastT)
}

// scheduleArrival schedules channel ch's first arrival after t, as
// simulator.scheduleArrival does for its one channel.
func (s *groupSim) scheduleArrival(ch int, t float64) {
	arrivals := s.cfg.Channels[ch].Arrivals
	L := s.cfg.IntervalSeconds
	for i := s.nextInterval[ch]; i < len(arrivals); i++ {
		if rate := arrivals[i] / L; rate > 0 {
			if next := t + s.rng.ExpFloat64()/rate; next < float64(i+1)*L {
				s.nextInterval[ch] = i
				s.events.push(event{t: next, kind: evArrival, call: int32(ch)})
				return
			}
		}
		t = float64(i+1) * L
	}
	s.nextInterval[ch] = len(arrivals)
}

func (s *groupSim) arrival(ch int, t float64) {
	i := s.nextInterval[ch]
	c := int32(len(s.arrive))
	s.arrive = append(s.arrive, t)
	s.state = append(s.state, waiting)
	s.interval = append(s.interval, int32(i))
	s.channel = append(s.channel, int32(ch))
	s.log(traceArrive, t, c, 0)
	load := &s.cfg.Channels[ch]
	if !load.Live {
		s.counts.deferred[ch][i].arrived++
		s.backlogs[ch].push(deferredItem{due: load.DueSeconds[i], id: c})
		s.startDeferred(t)
		return
	}
	k := &s.counts.live[ch][i]
	k.offered++
	if s.busy < s.loggedIn { // an idle agent means no live contact waits
		s.start(c, t)
		return
	}
	k.waited++
	s.liveQueue.push(c)
	if load.PatienceSeconds > 0 {
		s.events.push(event{t: t + s.rng.ExpFloat64()*load.PatienceSeconds, kind: evAbandon, call: c})
	}
}

func (s *groupSim) done(c int32, t float64) {
	s.busy--
	s.log(traceDone, t, c, 0)
	if s.loggedIn > s.target {
		s.loggedIn-- // staffing dropped: this agent leaves after the contact
		s.log(traceLogout, t, -1, 1)
		return
	}
	s.fill(t)
}

func (s *groupSim) abandon(c int32, t float64) {
	if s.state[c] != waiting {
		return
	}
	s.state[c] = abandoned
	s.log(traceAbandon, t, c, 0)
	k := &s.counts.live[s.channel[c]][s.interval[c]]
	k.abandoned++
	k.waitResolved += t - s.arrive[c]
}

// fill gives idle agents work: waiting live contacts first, then deferred
// items as far as the reserve of idle agents allows.
func (s *groupSim) fill(t float64) {
	for s.busy < s.loggedIn && s.answerNext(t) {
	}
	s.startDeferred(t)
}

// answerNext gives the oldest live contact still waiting to an idle agent
// and reports whether there was one.
func (s *groupSim) answerNext(t float64) bool {
	c, ok := s.liveQueue.next(s.state)
	if ok {
		s.start(c, t)
	}
	return ok
}

// startDeferred starts waiting deferred items, earliest due first among
// the channels open in the current interval, while more than the reserve
// of agents are idle and the horizon lasts. It is called only when no live
// contact waits (every idle agent would have taken it).
func (s *groupSim) startDeferred(t float64) {
	for s.clock < len(s.cfg.Agents) && s.loggedIn-s.busy > s.cfg.reserve(s.clock) {
		best := -1
		for c := range s.backlogs {
			if len(s.backlogs[c]) > 0 && s.cfg.Channels[c].open(s.clock) && (best < 0 || s.backlogs[c][0].before(s.backlogs[best][0])) {
				best = c
			}
		}
		if best < 0 {
			return
		}
		s.start(s.backlogs[best].pop().id, t)
	}
}

// start hands contact c to an idle agent at time t.
func (s *groupSim) start(c int32, t float64) {
	s.state[c] = answered
	s.busy++
	s.log(traceStart, t, c, 0)
	ch, i := s.channel[c], s.interval[c]
	h := s.handleTime(ch, i)
	wait := t - s.arrive[c]
	if load := &s.cfg.Channels[ch]; load.Live {
		k := &s.counts.live[ch][i]
		k.answered++
		k.waitResolved += wait
		k.waitAnswered += wait
		if wait <= load.AnswerSeconds {
			k.inTime++
		}
	} else {
		k := &s.counts.deferred[ch][i]
		k.handled++
		k.waitHandled += wait
		k.maxWait = max(k.maxWait, wait)
		if t+h <= load.DueSeconds[i] {
			k.onTime++
		}
	}
	s.events.push(event{t: t + h, kind: evDone, call: c})
}

// handleTime draws the handle time of a contact of channel ch arriving in
// interval i.
func (s *groupSim) handleTime(ch, i int32) float64 {
	if len(s.ahtSeconds[ch]) == 1 {
		i = 0
	}
	if s.cfg.Handle == Lognormal {
		return math.Exp(s.logMu[ch][i] + s.logSigma*s.rng.NormFloat64())
	}
	return s.ahtSeconds[ch][i] * s.rng.ExpFloat64()
}

// closeBacklog counts the deferred items never started: on time if their
// due time is after the horizon.
func (s *groupSim) closeBacklog() {
	horizon := float64(len(s.cfg.Agents)) * s.cfg.IntervalSeconds
	for _, backlog := range s.backlogs {
		for _, it := range backlog {
			k := &s.counts.deferred[s.channel[it.id]][s.interval[it.id]]
			k.backlog++
			if it.due > horizon {
				k.onTime++
			}
		}
	}
}

// deferredItem is a waiting deferred item; id orders equal due times
// first in, first out.
type deferredItem struct {
	due float64
	id  int32
}

func (a deferredItem) before(b deferredItem) bool {
	return a.due < b.due || (a.due == b.due && a.id < b.id)
}

// deferredHeap is a binary min-heap of waiting items, earliest due first.
type deferredHeap []deferredItem

func (h *deferredHeap) push(it deferredItem) {
	*h = append(*h, it)
	q := *h
	for j := len(q) - 1; j > 0; {
		p := (j - 1) / 2
		if !q[j].before(q[p]) {
			break
		}
		q[j], q[p] = q[p], q[j]
		j = p
	}
}

func (h *deferredHeap) pop() deferredItem {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for j := 0; ; {
		m, l, r := j, 2*j+1, 2*j+2
		if l < len(q) && q[l].before(q[m]) {
			m = l
		}
		if r < len(q) && q[r].before(q[m]) {
			m = r
		}
		if m == j {
			break
		}
		q[j], q[m] = q[m], q[j]
		j = m
	}
	*h = q
	return top
}

// traceKind is the kind of a traceEntry.
type traceKind uint8

const (
	traceLogin   traceKind = iota // n agents log in
	traceLogout                   // n agents log out
	traceArrive                   // contact id arrives
	traceStart                    // an agent starts handling contact id
	traceAbandon                  // live contact id hangs up
	traceDone                     // the agent handling contact id is done
)

// traceEntry is one change of state of a replication, for tests that check
// the routing from outside the simulator.
type traceEntry struct {
	step uint64 // the event being processed (0: the start)
	t    float64
	kind traceKind
	id   int32 // the contact, -1 for logins and logouts
	ch   int32 // the contact's channel
	in   int32 // the contact's arrival interval
	n    int   // agents logging in or out
}

func (s *groupSim) log(kind traceKind, t float64, c int32, n int) {
	if s.trace == nil {
		return
	}
	e := traceEntry{step: s.step, t: t, kind: kind, id: c, n: n}
	if c >= 0 {
		e.ch, e.in = s.channel[c], s.interval[c]
	}
	s.trace(e)
}
