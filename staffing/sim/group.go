package sim

import (
	"fmt"
	"math"
)

// GroupConfig describes a blended group: identical agents, Agents[i] of
// them on duty in interval i, serving several channels. Live channels
// (phone, chat, messaging) queue and may hang up; deferred channels (email,
// social, callbacks) wait in a backlog until handled and have due times.
//
// Routing and conventions of RunGroup:
//   - Live contacts of every live channel wait in one FIFO queue, oldest
//     first, each with its own channel's patience. An arriving live contact
//     is answered at once if an agent is idle. Agents are identical and
//     anonymous, so which idle agent answers (longest-idle, say) changes no
//     figure and is not modelled.
//   - An agent who becomes free (call done, or logging in at a boundary)
//     takes the oldest waiting live contact. If none waits, it takes the
//     waiting deferred item with the earliest due time (EDF; equal due
//     times first in, first out), but only while more than
//     MinIdleForDeferred agents are idle counting itself: that many agents
//     stay idle for live arrivals. Otherwise it idles. Service is not
//     preempted: a deferred item in hand is finished before the next call.
//   - Deferred items arrive as a Poisson process too (rate
//     Arrivals[i]/IntervalSeconds in interval i), never abandon, and their
//     handle times are drawn like live ones. An item is handled on time if
//     its handling ends by the due time of its arrival interval.
//   - The handle time of a contact has the mean AHTSeconds of its channel in
//     its arrival interval. Chat and messaging follow the convention of
//     erlang.EffectiveAHT: an agent on c chats is one server c times
//     faster, so their AHTSeconds must already be divided by c.
//   - Staffing changes at interval boundaries as in Run: idle agents log
//     out at once, busy ones after finishing their contact (overtime that
//     counts as logged-in time); agents logging in take waiting work, live
//     first.
//   - The horizon ends with the last interval. From then on the last
//     staffing stays on, as in Run, only to drain the live queue: live
//     contacts never answered are Unanswered. No deferred item is started
//     after the horizon (items in hand are finished and count as handled);
//     those still waiting are the EndBacklog, on time if their due time is
//     after the horizon, late otherwise.
//   - Live figures follow Run's conventions (service level, ASA, P(wait),
//     abandon rate; see the package comment). A contact belongs to the
//     interval in which it arrives.
//
// Each replication draws from its own PCG stream seeded with (Seed,
// replication index), so results do not depend on the number of CPUs.
// One live channel alone gives exactly Run's figures for the same seed.
type GroupConfig struct {
	IntervalSeconds float64 // length of an interval, > 0
	Agents          []int   // agents on duty in each interval, >= 0; its length is the number of intervals
	Channels        []ChannelLoad
	// MinIdleForDeferred is the number of idle agents kept for live
	// arrivals: a deferred item is started only while more than this many
	// agents are idle, counting the one who starts it; 0 = any idle agent
	// takes deferred work. In an interval with no more agents than this,
	// deferred work waits. The reserve holds only in intervals where some
	// live channel expects arrivals (a closed line needs no one waiting
	// for it).
	MinIdleForDeferred int
	Handle             Handle  // Exponential or Lognormal, for every channel
	HandleCV           float64 // coefficient of variation of a lognormal handle time, >= 0
	WarmupIntervals    int     // leading intervals whose arrivals are left out of GroupResult.Channels
	Seed               uint64
	Replications       int // independent runs, >= 1; standard errors need >= 2
}

// ChannelLoad is the load of one channel over the horizon. The fields
// marked live or deferred must be zero (or empty) for the other kind.
type ChannelLoad struct {
	Name string // unique in the group, non-empty
	Live bool
	// Arrivals are the expected arrivals in each interval (Poisson
	// means), >= 0, one per interval.
	Arrivals []float64
	// AHTSeconds is the mean handle time of contacts arriving in each
	// interval, > 0: one value for every interval, or one per interval.
	// For chat it is already divided by the concurrency.
	AHTSeconds      []float64
	PatienceSeconds float64 // live: mean of the exponential patience; 0 = never hangs up
	AnswerSeconds   float64 // live: T of the service level, >= 0
	// DueSeconds (deferred) is, for each interval, the time by which the
	// items arriving in it are due, in seconds from the start of interval 0,
	// no earlier than the start of that interval. Deadlines in business
	// hours are the caller's to compute.
	DueSeconds []float64
	// Open (deferred, optional) marks the intervals in which the channel's
	// items may be started (its business hours: no callbacks at night);
	// nil means every interval. One per interval.
	Open []bool
}

// open reports whether a deferred channel's items may start in interval i.
func (ch *ChannelLoad) open(i int) bool { return ch.Open == nil || ch.Open[i] }

// reserve is the number of idle agents kept for live arrivals in interval
// i: MinIdleForDeferred while some live channel expects arrivals, else 0.
func (c *GroupConfig) reserve(i int) int {
	if c.MinIdleForDeferred == 0 {
		return 0
	}
	for _, ch := range c.Channels {
		if ch.Live && i < len(ch.Arrivals) && ch.Arrivals[i] > 0 {
			return c.MinIdleForDeferred
		}
	}
	return 0
}

// MaxGroupContacts bounds the expected contacts of one replication (all
// channels, whole horizon): RunGroup keeps every contact of a replication
// in memory, about 25 bytes each.
const MaxGroupContacts = 1e8

// GroupResult is the outcome of RunGroup.
type GroupResult struct {
	Channels []ChannelFigures // in config order, arrivals from WarmupIntervals on, over all replications
	// PerInterval[c][i] are the figures of channel c's contacts arriving
	// in interval i, warm-up included, averaged over replications.
	PerInterval [][]IntervalFigures
	// Occupancy per interval of clock time: agent-seconds handling any
	// contact / agent-seconds logged in, pooled over replications; 0 when
	// nobody is logged in.
	Occupancy    []float64
	Replications int
	Contacts     int64 // contacts of every channel simulated over all replications
}

// ChannelFigures are one channel's figures over the horizon after warm-up,
// pooled over replications as Figures are: counts are sums over all
// replications, each ratio is the sum of its numerator over the sum of its
// denominator, and each *SE field is the standard error of the figure
// beside it (the standard deviation of the per-replication ratios over √R).
type ChannelFigures struct {
	Name string
	Live bool

	// Live channels (zero for deferred ones), with Run's conventions: the
	// service level counts abandoners as misses and is 1 with nothing
	// offered; ASA averages the waits of answered and abandoned contacts.
	Offered, Answered, AnsweredInTime, Abandoned int64
	Unanswered                                   int64 // never answered after the live queue drained (no agents, infinite patience)

	ServiceLevel, ServiceLevelSE                       float64
	ASASeconds, ASASecondsSE                           float64
	MeanWaitAnsweredSeconds, MeanWaitAnsweredSecondsSE float64
	PWait, PWaitSE                                     float64
	AbandonRate, AbandonRateSE                         float64

	// Deferred channels (zero for live ones). Arrived = Handled +
	// EndBacklog and Arrived = OnTime + Late.
	Arrived, Handled int64
	OnTime           int64 // handled by their due time, or still waiting at the end but not yet due
	Late             int64 // handled after their due time, or still waiting at the end and overdue
	EndBacklog       int64 // waiting, never started, when the horizon ended
	// OnTimeShare = OnTime / Arrived; 1 when nothing arrived.
	OnTimeShare, OnTimeShareSE float64
	// Waits run from arrival to the start of handling, over handled items
	// only (the EndBacklog's waits are cut off by the horizon); 0 when
	// none was handled.
	MeanWaitSeconds, MeanWaitSecondsSE float64
	MaxWaitSeconds                     float64
}

// IntervalFigures are the figures of one channel's contacts arriving in one
// interval, as means per replication. ServiceLevel and OnTimeShare are the
// pooled ratios (1 when nothing arrived). Live fields are zero for a
// deferred channel and the other way round.
type IntervalFigures struct {
	Offered, AnsweredInTime, Abandoned float64 // live
	ServiceLevel                       float64 // live: AnsweredInTime / Offered
	Arrived, OnTime                    float64 // deferred
	OnTimeShare                        float64 // deferred: OnTime / Arrived
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate returns a *ConfigError for the first field out of its domain.
func (c *GroupConfig) Validate() error {
	n := len(c.Agents)
	switch {
	case !finite(c.IntervalSeconds) || c.IntervalSeconds <= 0:
		return &ConfigError{"IntervalSeconds", "> 0"}
	case n == 0:
		return &ConfigError{"Agents", "at least one interval"}
	case len(c.Channels) == 0:
		return &ConfigError{"Channels", "at least one channel"}
	case c.MinIdleForDeferred < 0:
		return &ConfigError{"MinIdleForDeferred", ">= 0"}
	case c.Handle != Exponential && c.Handle != Lognormal:
		return &ConfigError{"Handle", "Exponential or Lognormal"}
	case !finite(c.HandleCV) || c.HandleCV < 0:
		return &ConfigError{"HandleCV", ">= 0"}
	case c.WarmupIntervals < 0 || c.WarmupIntervals >= n:
		return &ConfigError{"WarmupIntervals", fmt.Sprintf("between 0 and %d", n-1)}
	case c.Replications < 1:
		return &ConfigError{"Replications", ">= 1"}
	}
	for i, a := range c.Agents {
		if a < 0 {
			return &ConfigError{fmt.Sprintf("Agents[%d]", i), ">= 0"}
		}
	}
	seen := make(map[string]bool, len(c.Channels))
	expected := 0.0
	for k := range c.Channels {
		ch := &c.Channels[k]
		if err := ch.validate(fmt.Sprintf("Channels[%d]", k), n, c.IntervalSeconds); err != nil {
			return err
		}
		if seen[ch.Name] {
			return &ConfigError{fmt.Sprintf("Channels[%d].Name", k), fmt.Sprintf("unique (%q repeats)", ch.Name)}
		}
		seen[ch.Name] = true
		for _, a := range ch.Arrivals {
			expected += a
		}
	}
	if expected > MaxGroupContacts {
		return &ConfigError{"Channels", fmt.Sprintf("at most %.0g expected contacts per replication, got %.4g", MaxGroupContacts, expected)}
	}
	return nil
}

// validate checks one channel; field prefixes every field name.
func (ch *ChannelLoad) validate(field string, n int, intervalSeconds float64) error {
	perInterval := fmt.Sprintf("one entry per interval (%d), got %d", n, len(ch.Arrivals))
	switch {
	case ch.Name == "":
		return &ConfigError{field + ".Name", "a name"}
	case len(ch.Arrivals) != n:
		return &ConfigError{field + ".Arrivals", perInterval}
	case len(ch.AHTSeconds) != 1 && len(ch.AHTSeconds) != n:
		return &ConfigError{field + ".AHTSeconds", fmt.Sprintf("one entry, or one per interval (%d), got %d", n, len(ch.AHTSeconds))}
	case !finite(ch.PatienceSeconds) || ch.PatienceSeconds < 0:
		return &ConfigError{field + ".PatienceSeconds", ">= 0 (0 = infinite)"}
	case !finite(ch.AnswerSeconds) || ch.AnswerSeconds < 0:
		return &ConfigError{field + ".AnswerSeconds", ">= 0"}
	case ch.Live && len(ch.DueSeconds) != 0:
		return &ConfigError{field + ".DueSeconds", "empty for a live channel"}
	case !ch.Live && ch.PatienceSeconds != 0:
		return &ConfigError{field + ".PatienceSeconds", "0 for a deferred channel (deferred items never abandon)"}
	case !ch.Live && ch.AnswerSeconds != 0:
		return &ConfigError{field + ".AnswerSeconds", "0 for a deferred channel (it has DueSeconds)"}
	case !ch.Live && len(ch.DueSeconds) != n:
		return &ConfigError{field + ".DueSeconds", fmt.Sprintf("one entry per interval (%d), got %d", n, len(ch.DueSeconds))}
	case ch.Live && ch.Open != nil:
		return &ConfigError{field + ".Open", "nil for a live channel (its Arrivals say when it is open)"}
	case ch.Open != nil && len(ch.Open) != n:
		return &ConfigError{field + ".Open", fmt.Sprintf("nil or one entry per interval (%d), got %d", n, len(ch.Open))}
	}
	for i, a := range ch.Arrivals {
		if !finite(a) || a < 0 {
			return &ConfigError{fmt.Sprintf("%s.Arrivals[%d]", field, i), "finite and >= 0"}
		}
	}
	for i, h := range ch.AHTSeconds {
		if !finite(h) || h <= 0 {
			return &ConfigError{fmt.Sprintf("%s.AHTSeconds[%d]", field, i), "finite and > 0"}
		}
	}
	for i, d := range ch.DueSeconds {
		if start := float64(i) * intervalSeconds; !finite(d) || d < start {
			return &ConfigError{fmt.Sprintf("%s.DueSeconds[%d]", field, i), fmt.Sprintf("finite and >= %g (the interval's start)", start)}
		}
	}
	return nil
}

// RunGroup simulates cfg.Replications independent replications of a blended
// group, in parallel on GOMAXPROCS CPUs (see GroupConfig for the routing
// and conventions). It returns a *ConfigError for an invalid config.
func RunGroup(cfg GroupConfig) (GroupResult, error) {
	if err := cfg.Validate(); err != nil {
		return GroupResult{}, err
	}
	reps := replicate(cfg.Replications, func() func(uint64) groupCounts {
		return newGroupSim(&cfg).run
	})
	return groupResult(&cfg, reps), nil
}

// deferredCounters accumulate one replication's deferred items arriving in
// one interval.
type deferredCounters struct {
	arrived, handled, onTime, backlog int64
	waitHandled, maxWait              float64 // seconds
}

func (c *deferredCounters) add(o deferredCounters) {
	c.arrived += o.arrived
	c.handled += o.handled
	c.onTime += o.onTime
	c.backlog += o.backlog
	c.waitHandled += o.waitHandled
	c.maxWait = max(c.maxWait, o.maxWait)
}

// groupCounts is one replication's outcome: live[c][i] and deferred[c][i]
// for channel c and arrival interval i (only the slices of the channel's
// kind are filled), busy and loggedIn agent-seconds per interval of clock
// time.
type groupCounts struct {
	live           [][]counters
	deferred       [][]deferredCounters
	busy, loggedIn []float64
}

// groupResult pools the replications' counts.
func groupResult(cfg *GroupConfig, reps []groupCounts) GroupResult {
	n, R := len(cfg.Agents), len(reps)
	res := GroupResult{
		Channels:     make([]ChannelFigures, len(cfg.Channels)),
		PerInterval:  make([][]IntervalFigures, len(cfg.Channels)),
		Occupancy:    make([]float64, n),
		Replications: R,
	}
	for c, ch := range cfg.Channels {
		res.PerInterval[c] = make([]IntervalFigures, n)
		if ch.Live {
			res.Channels[c] = liveChannel(cfg, c, reps)
		} else {
			res.Channels[c] = deferredChannel(cfg, c, reps)
		}
		for i := range n {
			f := &res.PerInterval[c][i]
			var l counters
			var d deferredCounters
			for r := range reps {
				if ch.Live {
					l.add(reps[r].live[c][i])
				} else {
					d.add(reps[r].deferred[c][i])
				}
			}
			res.Contacts += l.offered + d.arrived
			f.Offered = float64(l.offered) / float64(R)
			f.AnsweredInTime = float64(l.inTime) / float64(R)
			f.Abandoned = float64(l.abandoned) / float64(R)
			f.Arrived = float64(d.arrived) / float64(R)
			f.OnTime = float64(d.onTime) / float64(R)
			f.ServiceLevel, f.OnTimeShare = 1, 1
			if ch.Live && l.offered > 0 {
				f.ServiceLevel = float64(l.inTime) / float64(l.offered)
			}
			if !ch.Live && d.arrived > 0 {
				f.OnTimeShare = float64(d.onTime) / float64(d.arrived)
			}
		}
	}
	for i := range n {
		var busy, in float64
		for r := range reps {
			busy += reps[r].busy[i]
			in += reps[r].loggedIn[i]
		}
		if in > 0 {
			res.Occupancy[i] = busy / in
		}
	}
	return res
}

// liveChannel pools channel c's counters after warm-up with Run's figures.
func liveChannel(cfg *GroupConfig, c int, reps []groupCounts) ChannelFigures {
	perRep := make([]counters, len(reps))
	for r := range reps {
		for i := cfg.WarmupIntervals; i < len(cfg.Agents); i++ {
			perRep[r].add(reps[r].live[c][i])
		}
	}
	f := figures(perRep)
	return ChannelFigures{
		Name: cfg.Channels[c].Name, Live: true,
		Offered: f.Offered, Answered: f.Answered, AnsweredInTime: f.AnsweredInTime,
		Abandoned: f.Abandoned, Unanswered: f.Unanswered,
		ServiceLevel: f.ServiceLevel, ServiceLevelSE: f.ServiceLevelSE,
		ASASeconds: f.ASASeconds, ASASecondsSE: f.ASASecondsSE,
		MeanWaitAnsweredSeconds: f.MeanWaitAnsweredSeconds, MeanWaitAnsweredSecondsSE: f.MeanWaitAnsweredSecondsSE,
		PWait: f.PWait, PWaitSE: f.PWaitSE,
		AbandonRate: f.AbandonRate, AbandonRateSE: f.AbandonRateSE,
	}
}

// deferredChannel pools channel c's counters after warm-up.
func deferredChannel(cfg *GroupConfig, c int, reps []groupCounts) ChannelFigures {
	perRep := make([]deferredCounters, len(reps))
	var sum deferredCounters
	for r := range reps {
		for i := cfg.WarmupIntervals; i < len(cfg.Agents); i++ {
			perRep[r].add(reps[r].deferred[c][i])
		}
		sum.add(perRep[r])
	}
	f := ChannelFigures{
		Name: cfg.Channels[c].Name, Live: false,
		Arrived: sum.arrived, Handled: sum.handled, OnTime: sum.onTime,
		Late: sum.arrived - sum.onTime, EndBacklog: sum.backlog,
		MaxWaitSeconds: sum.maxWait,
	}
	f.OnTimeShare, f.OnTimeShareSE = pooledRatio(perRep, func(d deferredCounters) (float64, float64) {
		return float64(d.onTime), float64(d.arrived)
	}, 1)
	f.MeanWaitSeconds, f.MeanWaitSecondsSE = pooledRatio(perRep, func(d deferredCounters) (float64, float64) {
		return d.waitHandled, float64(d.handled)
	}, 0)
	return f
}

// pooledRatio returns the sum of the numerators over the sum of the
// denominators (empty when that is 0) and the standard error of the
// per-replication ratios, as figures does.
func pooledRatio[T any](reps []T, get func(T) (num, den float64), empty float64) (value, se float64) {
	var num, den float64
	var xs []float64
	for _, r := range reps {
		n, d := get(r)
		num += n
		den += d
		if d > 0 {
			xs = append(xs, n/d)
		}
	}
	value = empty
	if den > 0 {
		value = num / den
	}
	return value, standardError(xs)
}
