package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// routingChecker replays the trace of one replication of RunGroup with its
// own bookkeeping and checks the routing rules of GroupConfig at every
// step; then recounts every channel's figures from the trace alone.
type routingChecker struct {
	t       *testing.T
	name    string
	cfg     *GroupConfig
	horizon float64

	loggedIn, busy  int
	liveWaiting     []int32 // arrival order
	deferredWaiting map[int32]bool
	contacts        map[int32]*tracedContact

	lastStep uint64
	lastT    float64
	errors   int
}

type tracedContact struct {
	ch, in              int32
	arrive, start, done float64
	started, finished   bool
	abandoned           bool
}

func newRoutingChecker(t *testing.T, name string, cfg *GroupConfig) *routingChecker {
	return &routingChecker{
		t: t, name: name, cfg: cfg,
		horizon:         float64(len(cfg.Agents)) * cfg.IntervalSeconds,
		deferredWaiting: map[int32]bool{},
		contacts:        map[int32]*tracedContact{},
	}
}

func (r *routingChecker) fail(format string, args ...any) {
	r.t.Helper()
	if r.errors++; r.errors <= 5 {
		r.t.Errorf("%s: t=%.3f: %s", r.name, r.lastT, fmt.Sprintf(format, args...))
	}
}

// target is the staffing in force at time t (boundaries come first at
// equal times; the last staffing stays on after the horizon).
func (r *routingChecker) target(t float64) int {
	i := min(int(t/r.cfg.IntervalSeconds), len(r.cfg.Agents)-1)
	return r.cfg.Agents[i]
}

// reserveAt is the idle agents kept for live arrivals at time t: the
// reserve while some live channel expects arrivals in t's interval.
func (r *routingChecker) reserveAt(t float64) int {
	i := min(int(t/r.cfg.IntervalSeconds), len(r.cfg.Agents)-1)
	for _, ch := range r.cfg.Channels {
		if ch.Live && ch.Arrivals[i] > 0 {
			return r.cfg.MinIdleForDeferred
		}
	}
	return 0
}

// openAt reports whether contact c's deferred channel may start items at t.
func (r *routingChecker) openAt(c int32, t float64) bool {
	open := r.cfg.Channels[r.contacts[c].ch].Open
	i := min(int(t/r.cfg.IntervalSeconds), len(r.cfg.Agents)-1)
	return open == nil || open[i]
}

// openWaiting counts the waiting deferred items whose channel is open at t.
func (r *routingChecker) openWaiting(t float64) int {
	n := 0
	for c := range r.deferredWaiting {
		if r.openAt(c, t) {
			n++
		}
	}
	return n
}

func (r *routingChecker) due(c int32) float64 {
	k := r.contacts[c]
	return r.cfg.Channels[k.ch].DueSeconds[k.in]
}

func (r *routingChecker) live(c int32) bool { return r.cfg.Channels[r.contacts[c].ch].Live }

// settled checks the state between two events.
func (r *routingChecker) settled() {
	idle := r.loggedIn - r.busy
	switch {
	case r.busy < 0 || idle < 0:
		r.fail("%d busy of %d logged in", r.busy, r.loggedIn)
	case len(r.liveWaiting) > 0 && idle > 0:
		r.fail("%d live contacts wait while %d agents idle", len(r.liveWaiting), idle)
	case r.lastT < r.horizon && r.openWaiting(r.lastT) > 0 && idle > r.reserveAt(r.lastT):
		r.fail("%d deferred items of open channels wait while %d agents idle (reserve %d)", r.openWaiting(r.lastT), idle, r.reserveAt(r.lastT))
	case r.loggedIn != max(r.target(r.lastT), r.busy):
		r.fail("%d logged in, want max(staffing %d, busy %d)", r.loggedIn, r.target(r.lastT), r.busy)
	}
}

func (r *routingChecker) record(e traceEntry) {
	if e.step != r.lastStep {
		r.settled()
	}
	if e.t < r.lastT {
		r.fail("time runs back to %v", e.t)
	}
	r.lastStep, r.lastT = e.step, e.t
	idle := r.loggedIn - r.busy
	switch e.kind {
	case traceLogin:
		r.loggedIn += e.n
	case traceLogout:
		if idle < e.n {
			r.fail("%d agents log out but %d are idle", e.n, idle)
		}
		r.loggedIn -= e.n
	case traceArrive:
		if _, ok := r.contacts[e.id]; ok {
			r.fail("contact %d arrives twice", e.id)
		}
		r.contacts[e.id] = &tracedContact{ch: e.ch, in: e.in, arrive: e.t}
		if e.t < float64(e.in)*r.cfg.IntervalSeconds || e.t >= float64(e.in+1)*r.cfg.IntervalSeconds {
			r.fail("contact %d arrives outside its interval %d", e.id, e.in)
		}
		if r.live(e.id) {
			r.liveWaiting = append(r.liveWaiting, e.id)
		} else {
			r.deferredWaiting[e.id] = true
		}
	case traceStart:
		k := r.contacts[e.id]
		if idle <= 0 {
			r.fail("contact %d started with no idle agent", e.id)
		}
		if r.live(e.id) {
			if len(r.liveWaiting) == 0 || r.liveWaiting[0] != e.id {
				r.fail("live contact %d started out of FIFO order (queue %v)", e.id, r.liveWaiting[:min(3, len(r.liveWaiting))])
			} else {
				r.liveWaiting = r.liveWaiting[1:]
			}
		} else {
			if len(r.liveWaiting) > 0 {
				r.fail("deferred item %d started while %d live contacts wait", e.id, len(r.liveWaiting))
			}
			if idle <= r.reserveAt(e.t) {
				r.fail("deferred item %d started with %d idle, reserve %d", e.id, idle, r.reserveAt(e.t))
			}
			if e.t >= r.horizon {
				r.fail("deferred item %d started after the horizon", e.id)
			}
			if !r.deferredWaiting[e.id] {
				r.fail("deferred item %d is not waiting", e.id)
			}
			if !r.openAt(e.id, e.t) {
				r.fail("deferred item %d started while its channel is closed", e.id)
			}
			for c := range r.deferredWaiting {
				if !r.openAt(c, e.t) {
					continue
				}
				if d, dc := r.due(c), r.due(e.id); d < dc || (d == dc && c < e.id) {
					r.fail("deferred item %d (due %v) started before %d (due %v): not EDF", e.id, dc, c, d)
					break
				}
			}
			delete(r.deferredWaiting, e.id)
		}
		k.started, k.start = true, e.t
		r.busy++
	case traceAbandon:
		k := r.contacts[e.id]
		if !r.live(e.id) || k.started || k.abandoned {
			r.fail("contact %d abandons but is not a waiting live contact", e.id)
		}
		k.abandoned = true
		for j, c := range r.liveWaiting {
			if c == e.id {
				r.liveWaiting = append(r.liveWaiting[:j], r.liveWaiting[j+1:]...)
				break
			}
		}
	case traceDone:
		k := r.contacts[e.id]
		if !k.started || k.finished {
			r.fail("contact %d done but not in hand", e.id)
		}
		k.finished, k.done = true, e.t
		r.busy--
	}
}

// finish checks the end state and recounts the figures of res (one
// replication, no warm-up) from the trace.
func (r *routingChecker) finish(res GroupResult) {
	r.settled()
	if r.busy != 0 {
		r.fail("%d agents still busy at the end", r.busy)
	}
	if len(r.liveWaiting) > 0 && r.cfg.Agents[len(r.cfg.Agents)-1] > 0 {
		r.fail("%d live contacts never answered though the last staffing is %d", len(r.liveWaiting), r.cfg.Agents[len(r.cfg.Agents)-1])
	}
	want := make([]ChannelFigures, len(r.cfg.Channels))
	for c, k := range r.contacts {
		ch := r.cfg.Channels[k.ch]
		w := &want[k.ch]
		if ch.Live {
			w.Offered++
			switch {
			case k.started:
				w.Answered++
				if k.start-k.arrive <= ch.AnswerSeconds {
					w.AnsweredInTime++
				}
			case k.abandoned:
				w.Abandoned++
			default:
				w.Unanswered++
			}
			continue
		}
		w.Arrived++
		switch {
		case k.started:
			w.Handled++
			if k.done <= r.due(c) {
				w.OnTime++
			}
		default:
			w.EndBacklog++
			if r.due(c) > r.horizon {
				w.OnTime++
			}
		}
	}
	for c, got := range res.Channels {
		w := want[c]
		if got.Offered != w.Offered || got.Answered != w.Answered || got.AnsweredInTime != w.AnsweredInTime ||
			got.Abandoned != w.Abandoned || got.Unanswered != w.Unanswered {
			r.fail("channel %d live counts %d/%d/%d/%d/%d, trace %d/%d/%d/%d/%d (offered/answered/in time/abandoned/unanswered)", c,
				got.Offered, got.Answered, got.AnsweredInTime, got.Abandoned, got.Unanswered,
				w.Offered, w.Answered, w.AnsweredInTime, w.Abandoned, w.Unanswered)
		}
		if got.Arrived != w.Arrived || got.Handled != w.Handled || got.OnTime != w.OnTime || got.EndBacklog != w.EndBacklog {
			r.fail("channel %d deferred counts %d/%d/%d/%d, trace %d/%d/%d/%d (arrived/handled/on time/backlog)", c,
				got.Arrived, got.Handled, got.OnTime, got.EndBacklog, w.Arrived, w.Handled, w.OnTime, w.EndBacklog)
		}
		if got.Offered != got.Answered+got.Abandoned+got.Unanswered || got.Arrived != got.Handled+got.EndBacklog || got.Arrived != got.OnTime+got.Late {
			r.fail("channel %d: figures do not add up: %+v", c, got)
		}
	}
	for i, o := range res.Occupancy {
		if !(o >= 0 && o <= 1) {
			r.fail("occupancy %v in interval %d outside [0, 1]", o, i)
		}
	}
}

// checkRouting runs replication 0 of cfg with a trace and checks it.
func checkRouting(t *testing.T, name string, cfg GroupConfig) {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s := newGroupSim(&cfg)
	r := newRoutingChecker(t, name, &cfg)
	s.trace = r.record
	counts := s.run(0)
	r.finish(groupResult(&cfg, []groupCounts{counts}))
}

// randomGroup returns a small random blended group: up to 6 intervals, up
// to 5 agents, 1 to 4 channels of either kind, loads from idle to
// overloaded, random reserves, patience, due times (some tied) and handle
// time laws.
func randomGroup(rng *rand.Rand) GroupConfig {
	n := 1 + rng.IntN(6)
	L := []float64{60, 300, 900}[rng.IntN(3)]
	cfg := GroupConfig{IntervalSeconds: L, MinIdleForDeferred: rng.IntN(3), Seed: rng.Uint64(), Replications: 1}
	if rng.IntN(2) == 0 {
		cfg.Handle, cfg.HandleCV = Lognormal, 2*rng.Float64()
	}
	for range n {
		cfg.Agents = append(cfg.Agents, rng.IntN(6))
	}
	for k := range 1 + rng.IntN(4) {
		ch := ChannelLoad{Name: fmt.Sprint("c", k), Live: rng.IntN(2) == 0}
		for i := range n {
			a := 0.0
			if rng.IntN(4) > 0 {
				a = 30 * rng.Float64()
			}
			ch.Arrivals = append(ch.Arrivals, a)
			if ch.Live {
				continue
			}
			due := float64(i)*L + 3*L*rng.Float64()
			if rng.IntN(2) == 0 {
				due = L * math.Ceil(due/L) // equal due times across intervals
			}
			ch.DueSeconds = append(ch.DueSeconds, due)
		}
		ch.AHTSeconds = []float64{5 + 200*rng.Float64()}
		if rng.IntN(2) == 0 {
			ch.AHTSeconds = nil
			for range n {
				ch.AHTSeconds = append(ch.AHTSeconds, 5+200*rng.Float64())
			}
		}
		if ch.Live {
			ch.AnswerSeconds = 60 * rng.Float64()
			if rng.IntN(2) == 0 {
				ch.PatienceSeconds = 10 + 300*rng.Float64()
			}
		} else if rng.IntN(2) == 0 { // business hours: some intervals closed
			for range n {
				ch.Open = append(ch.Open, rng.IntN(3) > 0)
			}
		}
		cfg.Channels = append(cfg.Channels, ch)
	}
	return cfg
}

// TestGroupRoutingOnRandomInstances: on 400 seeded random groups, every
// step of the trace obeys the routing rules (live FIFO first, no deferred
// start while a live contact waits or inside the reserve, EDF, no idle
// agent while work it may take waits, staffing as configured), and the
// figures equal a recount from the trace.
func TestGroupRoutingOnRandomInstances(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 10))
	for k := range 400 {
		checkRouting(t, fmt.Sprintf("random instance %d", k), randomGroup(rng))
	}
}

// TestGroupRoutingCorpus: hand-made edge cases checked the same way.
func TestGroupRoutingCorpus(t *testing.T) {
	live := func(arrivals ...float64) ChannelLoad {
		return ChannelLoad{Name: "phone", Live: true, Arrivals: arrivals, AHTSeconds: []float64{120}, AnswerSeconds: 20}
	}
	email := func(due []float64, arrivals ...float64) ChannelLoad {
		return ChannelLoad{Name: "email", Arrivals: arrivals, AHTSeconds: []float64{300}, DueSeconds: due}
	}
	for _, tc := range []struct {
		name string
		cfg  GroupConfig
	}{
		{"no agents at all", GroupConfig{IntervalSeconds: 300, Agents: []int{0, 0},
			Channels: []ChannelLoad{live(10, 10), email([]float64{300, 10000}, 10, 10)}}},
		{"one agent, reserve 1: deferred work never starts", GroupConfig{IntervalSeconds: 300, Agents: []int{1, 1}, MinIdleForDeferred: 1,
			Channels: []ChannelLoad{live(1, 1), email([]float64{600, 600}, 5, 5)}}},
		{"due at the interval's start: every item late", GroupConfig{IntervalSeconds: 300, Agents: []int{3, 3},
			Channels: []ChannelLoad{email([]float64{0, 300}, 10, 10)}}},
		{"all due at the same time: FIFO", GroupConfig{IntervalSeconds: 300, Agents: []int{1, 0, 2},
			Channels: []ChannelLoad{email([]float64{900, 900, 900}, 8, 8, 8)}}},
		{"staffing drops to zero mid-shift with work in hand", GroupConfig{IntervalSeconds: 300, Agents: []int{4, 0, 0, 4},
			Channels: []ChannelLoad{live(20, 20, 0, 5), email([]float64{1200, 1200, 1200, 1200}, 5, 5, 5, 5)}}},
		{"later items due earlier (EDF reorders)", GroupConfig{IntervalSeconds: 300, Agents: []int{0, 0, 2},
			Channels: []ChannelLoad{email([]float64{5000, 700, 800}, 6, 6, 6)}}},
	} {
		tc.cfg.Replications = 1
		checkRouting(t, tc.name, tc.cfg)
	}
}
