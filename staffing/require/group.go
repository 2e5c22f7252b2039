package require

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// Group is a staffing group: agents who serve every channel in Channels
// during a shift, live contacts first and deferred work in the time the
// live work leaves. Share is the fraction of a channel's contacts this
// group takes when several groups serve it (missing: 1).
type Group struct {
	Name     string
	Channels []string
	Share    map[string]float64
}

// AllChannelsGroup is the name of the one group of a plan without a team:
// every agent serves every channel.
const AllChannelsGroup = "all"

// BindingDeferred marks an interval whose agents were raised above the
// live requirement for deferred work the idle time could not absorb.
const BindingDeferred = "deferred"

// GroupInterval is the staffing of one group in one interval.
type GroupInterval struct {
	Start time.Time
	// Agents are on the queue (breaks excluded): LiveAgents, raised to
	// the channels' MinAgents, plus DeferredAgents.
	Agents int
	// LiveAgents is the pooled live requirement: the smallest N meeting
	// every live channel's targets on the group's pooled traffic.
	LiveAgents int
	// DeferredAgents are whole agents added for deferred work that the
	// live agents' idle time cannot absorb within its deadline;
	// SimulationAgents those the simulation added (GroupOptions).
	DeferredAgents, SimulationAgents int
	// AgentsFractional is the live fractional figure plus the deferred
	// work handled, at the occupancy cap: a continuous lower figure.
	AgentsFractional float64
	// Scheduled is ceil(Agents / (1 - shrinkage)), the peak figure.
	Scheduled int
	// LiveErlangs is the pooled live traffic (chat divided by its
	// concurrency); DeferredErlangs the deferred work handled in the
	// interval, in agents.
	LiveErlangs, DeferredErlangs float64
	// Occupancy is (live + deferred handled) / Agents.
	Occupancy float64
	// Binding is what set Agents: "channel:target" for live work,
	// BindingDeferred, BindingMinAgents; empty without agents.
	Binding string
	// Shares is each channel's share (Channels order) of the busy time
	// (equal shares when agents are on without work); they add up to 1
	// wherever Agents > 0.
	Shares []float64
}

// ChannelOutcome is what one channel of a group received over the horizon.
type ChannelOutcome struct {
	Channel string
	Kind    Kind
	// Contacts the group took, and their work in hours.
	Contacts, WorkHours float64
	// Live and chat channels with opening hours: the contacts that arrived
	// while closed, and what became of them (lost, or callbacks and
	// tickets answered after the opening).
	ClosedContacts, Lost, Callbacks float64
	// Deferred work (and callbacks): items handled after their deadline,
	// waiting at the end (their deadline after the horizon), and the
	// longest wait in hours (interval granularity).
	Late, EndBacklog, MaxWaitHours float64
	// Share of the group's busy hours spent on the channel.
	Share float64
}

// GroupRequirement is the staffing of one group over the horizon.
type GroupRequirement struct {
	Name         string
	Channels     []string
	Start        time.Time
	Interval     time.Duration
	Shrinkage    float64
	MaxOccupancy float64
	Intervals    []GroupInterval
	Outcomes     []ChannelOutcome // Channels order
	// AgentHours is Σ Agents × interval; ScheduledHours is AgentHours /
	// (1 - shrinkage): shrinkage is a share of paid time, so the paid
	// hours are not rounded interval by interval.
	AgentHours, ScheduledHours float64
	PeakAgents, PeakScheduled  int
	// The load as the group model saw it, for a simulation of the same
	// routing: per channel (Channels order) the contacts answered live in
	// each interval and their effective handle time (divided by the
	// concurrency; nil for deferred channels), and the deferred streams.
	LiveContacts, LiveAHTSeconds [][]float64
	Streams                      []DeferredStream
}

// DeferredStream is one flow of deferred work of a group: a deferred
// channel, or a live channel's callbacks and tickets from closed hours.
type DeferredStream struct {
	Channel  string
	Callback bool
	// Per interval: items arriving, their mean handle time, the interval
	// by whose end they are due (len(Items): after the horizon), and the
	// items waiting at the interval's end in the group's plan.
	Items, AHTSeconds []float64
	Due               []int
	Backlog           []float64
	// Open marks the intervals in which the stream's work is done: its
	// channel's opening hours (no callbacks at night).
	Open []bool
}

// ComputeGroups staffs every group: per interval, the smallest number of
// the group's agents such that the live channels meet their targets and
// the deferred work meets its deadlines in the time the live work leaves.
// Without groups, one group serves every channel. Every channel of the
// demands must be in a group, and every group's channel in the demands.
// The per-channel Requirements of the plan carry the channels' contacts,
// metrics and their share of the groups' agents (see Plan).
//
// The model, per group and interval i of length P:
//
//  1. Opening hours. A live or chat channel's contacts in the closed part
//     of an interval are lost (Policy.Closed lost) or become deferred work
//     at the opening (callbacks and tickets), due Policy.CallbackDeadline
//     of business time after it. No live agent is required while closed.
//  2. Live work is pooled: A = Σ contacts × AHT / concurrency / P, one
//     Erlang C queue (Erlang A when every live channel has a patience,
//     with the contacts-weighted mean patience) with the mix's mean
//     handle time. Served first come, first served, every channel sees the
//     same wait distribution, so N_live is the largest of the N each
//     channel's targets need on the pooled queue, with the group's
//     occupancy cap (the lowest of its channels').
//  3. Deferred work is served earliest deadline first in the idle time
//     cap × N × P − A × P. Where that is not enough, agents are added:
//     per local day, the least constant level over the day's open
//     intervals that keeps every deadline of the day (a fluid plan), then
//     whole agents placed where the work waits, as the whole plan falls a
//     whole agent-interval of work behind the fluid one, and at a deadline
//     if work due there would still be late. Deadlines are in business
//     time of the channel's hours, at interval granularity: work arriving
//     in an interval is due by the end of the last interval that ends
//     within the deadline of the interval's start.
//
// With opts.Simulate each group is then checked and corrected by the
// blended simulator (GroupOptions).
func ComputeGroups(demands []Demand, policies map[string]Policy, groups []Group, opts GroupOptions) (Plan, error) {
	if len(demands) == 0 {
		return Plan{}, fmt.Errorf("require: %w: no demand", ErrInvalidInput)
	}
	byChannel := map[string]int{}
	for i := range demands {
		d := &demands[i]
		if err := d.Validate(); err != nil {
			return Plan{}, err
		}
		if _, dup := byChannel[d.Channel]; dup {
			return Plan{}, d.errorf(-1, "Channel", "listed twice: a group plan needs one demand per channel")
		}
		if d.Interval != demands[0].Interval || !d.Start.Equal(demands[0].Start) || len(d.Contacts) != len(demands[0].Contacts) {
			return Plan{}, d.errorf(-1, "Interval", "the demands of a group plan need one grid: %s starts %s with %d intervals of %v",
				demands[0].Channel, demands[0].Start.Format(time.RFC3339), len(demands[0].Contacts), civil.FormatDuration(demands[0].Interval))
		}
		p, ok := policies[d.Channel]
		if !ok {
			return Plan{}, d.errorf(-1, "Policy", "no policy for channel %q", d.Channel)
		}
		if err := p.Validate(); err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Channel, e.Skill = d.Channel, d.Skill
			}
			return Plan{}, err
		}
		byChannel[d.Channel] = i
	}
	if len(groups) == 0 {
		g := Group{Name: AllChannelsGroup}
		for _, d := range demands {
			g.Channels = append(g.Channels, d.Channel)
		}
		groups = []Group{g}
	}
	if err := checkGroups(groups, byChannel); err != nil {
		return Plan{}, err
	}
	var plan Plan
	for _, d := range demands {
		p := policies[d.Channel]
		aht, err := resolveAHT(&d, &p)
		if err != nil {
			return Plan{}, err
		}
		r := Requirement{Channel: d.Channel, Skill: d.Skill, Kind: p.Kind, Policy: p, Start: d.Start, Interval: d.Interval,
			Intervals: make([]IntervalRequirement, len(d.Contacts))}
		open := p.hours().OpenSeconds(d.Start, d.Start.Location(), d.Interval, len(d.Contacts))
		for i := range r.Intervals {
			r.Intervals[i] = IntervalRequirement{Start: d.start(i), Contacts: d.Contacts[i], AHTSeconds: aht[i], Open: open[i] > 0,
				TrafficErlangs: d.Contacts[i] * aht[i] / d.Interval.Seconds()}
			if r.Kind != KindDeferred {
				r.Intervals[i].ServiceLevel = 1
			}
		}
		plan.Requirements = append(plan.Requirements, r)
	}
	live := map[string]*liveAcc{}
	for _, g := range groups {
		gr, err := computeGroup(g, &plan, byChannel, live, opts)
		if err != nil {
			return Plan{}, err
		}
		if opts.Simulate {
			if err := correct(&gr, policies, opts); err != nil {
				return Plan{}, err
			}
		}
		plan.Groups = append(plan.Groups, gr)
	}
	finishChannels(&plan, byChannel, live)
	plan.Combined = combineGroups(plan.Groups)
	return plan, nil
}

func checkGroups(groups []Group, byChannel map[string]int) error {
	bad := func(format string, a ...any) error {
		return &Error{Index: -1, Field: "Groups", Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, a...)...)}
	}
	served := map[string]float64{}
	names := map[string]bool{}
	for _, g := range groups {
		switch {
		case g.Name == "":
			return bad("a group without a name")
		case names[g.Name]:
			return bad("group %q listed twice", g.Name)
		case len(g.Channels) == 0:
			return bad("group %q serves no channel", g.Name)
		}
		names[g.Name] = true
		for _, ch := range g.Channels {
			if _, ok := byChannel[ch]; !ok {
				return bad("group %q serves %q, which has no demand", g.Name, ch)
			}
			s := g.share(ch)
			if !finite(s) || s < 0 || s > 1 {
				return bad("group %q: share of %s %v: want a fraction in [0, 1]", g.Name, ch, s)
			}
			served[ch] += s
		}
	}
	for ch := range byChannel {
		if math.Abs(served[ch]-1) > 1e-6 {
			return bad("the groups take %.4g of %s's contacts: the shares must add up to 1", served[ch], ch)
		}
	}
	return nil
}

func (g *Group) share(channel string) float64 {
	if s, ok := g.Share[channel]; ok {
		return s
	}
	return 1
}

// groupChannel is one channel as a group sees it: its share of the
// contacts, split into the live part (open time) and the deferred part.
type groupChannel struct {
	name     string
	req      *Requirement
	policy   Policy
	share    float64
	live     []float64 // contacts answered live per interval
	closed   []float64 // contacts arriving while closed
	metrics  []erlang.Metrics
	liveWork float64 // seconds
}

// liveAcc adds up a live channel's metrics over the groups that serve it,
// weighted by the contacts each answers live.
type liveAcc struct{ w, sl, asa, occ, abandon []float64 }

func (a *liveAcc) add(i int, w float64, m erlang.Metrics) {
	a.w[i] += w
	a.sl[i] += w * m.ServiceLevel
	a.asa[i] += w * m.ASASeconds
	a.occ[i] += w * m.Occupancy
	a.abandon[i] += w * m.PAbandon
}

func computeGroup(g Group, plan *Plan, byChannel map[string]int, live map[string]*liveAcc, opts GroupOptions) (GroupRequirement, error) {
	first := &plan.Requirements[byChannel[g.Channels[0]]]
	n := len(first.Intervals)
	P := first.Interval.Seconds()
	gr := GroupRequirement{Name: g.Name, Channels: append([]string(nil), g.Channels...), Start: first.Start, Interval: first.Interval,
		Intervals: make([]GroupInterval, n), Outcomes: make([]ChannelOutcome, len(g.Channels))}
	chans := make([]*groupChannel, len(g.Channels))
	occCap := 1.0
	for k, name := range g.Channels {
		r := &plan.Requirements[byChannel[name]]
		c := &groupChannel{name: name, req: r, policy: r.Policy, share: g.share(name)}
		chans[k] = c
		if x := r.Policy.Targets.MaxOccupancy; x > 0 {
			occCap = math.Min(occCap, x)
		}
		gr.Shrinkage = math.Max(gr.Shrinkage, r.Policy.Shrinkage)
		gr.Outcomes[k] = ChannelOutcome{Channel: name, Kind: r.Kind}
	}
	gr.MaxOccupancy = occCap
	for k, c := range chans {
		c.live, c.closed = make([]float64, n), make([]float64, n)
		var open []float64
		if c.policy.Kind != KindDeferred {
			open = c.policy.hours().OpenSeconds(first.Start, first.Start.Location(), first.Interval, n)
		}
		o := &gr.Outcomes[k]
		for i, iv := range c.req.Intervals {
			x := iv.Contacts * c.share
			o.Contacts += x
			o.WorkHours += x * iv.AHTSeconds / 3600
			if c.policy.Kind == KindDeferred {
				continue
			}
			f := math.Min(1, open[i]/P)
			c.live[i], c.closed[i] = x*f, x*(1-f)
			o.ClosedContacts += c.closed[i]
			if c.policy.Closed == ClosedLost {
				o.Lost += c.closed[i]
			} else {
				o.Callbacks += c.closed[i]
			}
		}
	}
	if err := staffLive(&gr, chans, P); err != nil {
		return gr, err
	}
	for _, c := range chans {
		if c.metrics == nil {
			continue
		}
		a := live[c.name]
		if a == nil {
			a = &liveAcc{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
			live[c.name] = a
		}
		for i, m := range c.metrics {
			if c.live[i] > 0 {
				a.add(i, c.live[i], m)
			}
		}
	}
	minAgents(&gr, chans, P)
	streams := deferredStreams(chans, &gr, P)
	idle := make([]float64, n)
	for i := range gr.Intervals {
		iv := &gr.Intervals[i]
		// agents kept free for live contacts (the simulated routing's
		// reserve, while live contacts are expected) take no deferred work
		free := 0
		if opts.Simulate && iv.LiveErlangs > 0 {
			free = opts.MinIdleForDeferred
		}
		idle[i] = math.Max(0, occCap*float64(iv.LiveAgents-free)*P-iv.LiveErlangs*P)
	}
	var block time.Duration // the shortest block a deferred channel asks for
	for _, c := range chans {
		if b := c.policy.Block; c.policy.Kind == KindDeferred && b > 0 && (block == 0 || b < block) {
			block = b
		}
	}
	ds := newDeferredSolver(streams, idle, occCap*P, gr.Start, gr.Interval, block)
	ds.solve()
	gr.LiveContacts, gr.LiveAHTSeconds = make([][]float64, len(chans)), make([][]float64, len(chans))
	for k, c := range chans {
		if c.policy.Kind != KindDeferred {
			gr.LiveContacts[k] = c.live
			aht := make([]float64, n)
			for i := range aht {
				aht[i] = c.req.Intervals[i].AHTSeconds / max(c.policy.Concurrency, 1)
			}
			gr.LiveAHTSeconds[k] = aht
		}
	}
	for s, st := range streams {
		c := chans[st.channel]
		aht := make([]float64, n)
		for i := range aht {
			aht[i] = c.req.Intervals[i].AHTSeconds
		}
		gr.Streams = append(gr.Streams, DeferredStream{Channel: c.name, Callback: c.policy.Kind != KindDeferred,
			Items: st.items, AHTSeconds: aht, Due: st.due, Backlog: ds.backlog[s], Open: st.open})
	}
	finishGroup(&gr, chans, streams, ds, P)
	return gr, nil
}

// staffLive sets each interval's pooled live requirement and the live
// channels' metrics at it.
func staffLive(gr *GroupRequirement, chans []*groupChannel, P float64) error {
	for _, c := range chans {
		if c.policy.Kind != KindDeferred {
			c.metrics = make([]erlang.Metrics, len(gr.Intervals))
		}
	}
	for i := range gr.Intervals {
		iv := &gr.Intervals[i]
		iv.Start = gr.Start.Add(time.Duration(i) * gr.Interval)
		var traffic, contacts, patience, patienceW float64
		allPatient := true
		for _, c := range chans {
			x := c.live[i]
			if c.policy.Kind == KindDeferred || x <= 0 {
				continue
			}
			conc := max(c.policy.Concurrency, 1)
			w := x * c.req.Intervals[i].AHTSeconds
			c.liveWork += w
			traffic += w / conc / P
			contacts += x
			if c.policy.PatienceSeconds > 0 {
				patience += x * c.policy.PatienceSeconds
				patienceW += x
			} else {
				allPatient = false
			}
		}
		iv.LiveErlangs = traffic
		if traffic <= 0 {
			continue
		}
		q := erlang.Queue{TrafficErlangs: traffic, AHTSeconds: traffic * P / contacts}
		if allPatient {
			q.PatienceSeconds = patience / patienceW
		}
		for _, c := range chans {
			if c.policy.Kind == KindDeferred || c.live[i] <= 0 {
				continue
			}
			t := c.policy.Targets
			t.MaxOccupancy = gr.MaxOccupancy
			if q.PatienceSeconds == 0 {
				t.MaxAbandon = 0
			}
			req, err := erlang.Required(q, t, 0)
			if err != nil {
				if errors.Is(err, erlang.ErrInvalidInput) {
					err = fmt.Errorf("%w: %w", ErrInvalidInput, err)
				}
				return &Error{Channel: c.name, Index: i, Start: iv.Start, Err: err}
			}
			if req.Agents > iv.LiveAgents {
				iv.LiveAgents, iv.Binding = req.Agents, c.name+":"+string(req.Binding)
			}
			iv.AgentsFractional = math.Max(iv.AgentsFractional, req.Fractional)
		}
		for _, c := range chans {
			if c.policy.Kind == KindDeferred || c.live[i] <= 0 {
				continue
			}
			m, err := erlang.Evaluate(q, iv.LiveAgents, c.policy.Targets.AnswerSeconds)
			if err != nil {
				return &Error{Channel: c.name, Index: i, Start: iv.Start, Err: fmt.Errorf("%w: %w", ErrInvalidInput, err)}
			}
			c.metrics[i] = m
		}
	}
	return nil
}

// minAgents raises the live agents of intervals where an open channel asks
// for a minimum staffing.
func minAgents(gr *GroupRequirement, chans []*groupChannel, P float64) {
	for _, c := range chans {
		if c.policy.MinAgents == 0 {
			continue
		}
		open := c.policy.hours().OpenSeconds(gr.Start, gr.Start.Location(), gr.Interval, len(gr.Intervals))
		for i := range gr.Intervals {
			iv := &gr.Intervals[i]
			if open[i] > 0 && iv.LiveAgents < c.policy.MinAgents {
				iv.LiveAgents, iv.Binding = c.policy.MinAgents, BindingMinAgents
				iv.AgentsFractional = math.Max(iv.AgentsFractional, float64(c.policy.MinAgents))
			}
		}
	}
}

// stream is one flow of deferred work in a group: a deferred channel, or
// a live channel's callbacks from closed hours.
type stream struct {
	channel int // index in the group's channels
	work    []float64
	items   []float64
	due     []int  // per arrival interval: the interval by whose end it is due; n: after the horizon
	open    []bool // the stream's business hours
}

func deferredStreams(chans []*groupChannel, gr *GroupRequirement, P float64) []*stream {
	n := len(gr.Intervals)
	var out []*stream
	for k, c := range chans {
		var items []float64
		deadline := c.policy.Deadline
		switch {
		case c.policy.Kind == KindDeferred:
			items = make([]float64, n)
			for i, iv := range c.req.Intervals {
				items[i] = iv.Contacts * c.share
			}
		case c.policy.Closed != ClosedLost && sum(c.closed) > 0:
			items = c.closed
			deadline = c.policy.CallbackDeadline
			if deadline <= 0 {
				deadline = DefaultCallbackDeadline
			}
		default:
			continue
		}
		s := &stream{channel: k, items: items, work: make([]float64, n)}
		for i := range items {
			s.work[i] = items[i] * c.req.Intervals[i].AHTSeconds
		}
		openSec := c.policy.hours().OpenSeconds(gr.Start, gr.Start.Location(), gr.Interval, n)
		s.open = make([]bool, n)
		for i, o := range openSec {
			s.open[i] = o > 0
		}
		s.due = dueIntervals(openSec, deadline.Seconds(), c.policy.ClearByEnd)
		out = append(out, s)
	}
	return out
}

// dueIntervals gives, for work arriving in each interval, the last open
// interval ending within deadline seconds of business time after the
// interval's start (at least the first open interval at or after it); n
// when the deadline falls after the horizon (or, with clearByEnd, the last
// open interval) or no open interval follows.
func dueIntervals(open []float64, deadline float64, clearByEnd bool) []int {
	n := len(open)
	cum := make([]float64, n+1) // open seconds before each interval
	for i, o := range open {
		cum[i+1] = cum[i] + o
	}
	lastOpen := -1
	for i := n - 1; i >= 0; i-- {
		if open[i] > 0 {
			lastOpen = i
			break
		}
	}
	due := make([]int, n)
	j := 0
	const eps = 1e-6
	for i := range due {
		limit := cum[i] + deadline
		switch {
		case lastOpen < i:
			due[i] = n
			continue
		case limit > cum[n]+eps:
			due[i] = n
			if clearByEnd {
				due[i] = lastOpen
			}
			continue
		}
		j = max(j, i)
		for j+1 < n && cum[j+2] <= limit+eps {
			j++
		}
		d := j
		for d >= i && (open[d] <= 0 || cum[d+1] > limit+eps) {
			d--
		}
		if d < i { // the deadline ends inside the first open interval
			d = i
			for open[d] <= 0 {
				d++
			}
		}
		due[i] = d
	}
	return due
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// finishGroup sets agents, shares and totals from the live requirement and
// the deferred solution.
func finishGroup(gr *GroupRequirement, chans []*groupChannel, streams []*stream, ds *deferredSolver, P float64) {
	hours := gr.Interval.Hours()
	busy := make([]float64, len(chans)) // seconds
	for i := range gr.Intervals {
		iv := &gr.Intervals[i]
		iv.DeferredAgents = ds.extra[i]
		iv.Agents = iv.LiveAgents + iv.DeferredAgents
		if iv.DeferredAgents > 0 {
			iv.Binding = BindingDeferred
		}
		iv.DeferredErlangs = ds.handled[i] / P
		iv.AgentsFractional += iv.DeferredErlangs / gr.MaxOccupancy
		if iv.Agents > 0 {
			iv.Occupancy = (iv.LiveErlangs + iv.DeferredErlangs) / float64(iv.Agents)
		}
		iv.Scheduled = erlang.Scheduled(iv.Agents, gr.Shrinkage)
		iv.Shares = make([]float64, len(chans))
		total := iv.LiveErlangs*P + ds.handled[i]
		for k, c := range chans {
			if c.policy.Kind != KindDeferred && c.live[i] > 0 {
				iv.Shares[k] = c.live[i] * c.req.Intervals[i].AHTSeconds / max(c.policy.Concurrency, 1)
			}
		}
		for s, st := range streams {
			iv.Shares[st.channel] += ds.handledBy[s][i]
		}
		for k := range iv.Shares {
			busy[k] += iv.Shares[k]
			switch {
			case total > 0:
				iv.Shares[k] /= total
			case iv.Agents > 0: // agents kept on for a minimum staffing: shared alike
				iv.Shares[k] = 1 / float64(len(iv.Shares))
			}
		}
		gr.AgentHours += float64(iv.Agents) * hours
		gr.PeakAgents = max(gr.PeakAgents, iv.Agents)
		gr.PeakScheduled = max(gr.PeakScheduled, iv.Scheduled)
	}
	gr.ScheduledHours = gr.AgentHours / (1 - gr.Shrinkage)
	all := sum(busy)
	for k := range gr.Outcomes {
		if all > 0 {
			gr.Outcomes[k].Share = busy[k] / all
		}
	}
	for s, st := range streams {
		o := &gr.Outcomes[st.channel]
		o.Late += ds.late[s]
		o.EndBacklog += ds.endBacklog[s]
		o.MaxWaitHours = math.Max(o.MaxWaitHours, ds.maxWait[s]*hours)
	}
}

// finishChannels fills the per-channel requirements from the groups: the
// live metrics (contacts-weighted over groups), the deferred backlog, and
// each channel's share of its groups' agents.
func finishChannels(plan *Plan, byChannel map[string]int, live map[string]*liveAcc) {
	// a channel's share of its groups' whole agents, on the queue and paid
	type channelShare struct{ agents, paid []float64 }
	shares := map[string]*channelShare{}
	for gi := range plan.Groups {
		g := &plan.Groups[gi]
		for k, ch := range g.Channels {
			r := &plan.Requirements[byChannel[ch]]
			sh := shares[ch]
			if sh == nil {
				sh = &channelShare{agents: make([]float64, len(r.Intervals)), paid: make([]float64, len(r.Intervals))}
				shares[ch] = sh
			}
			for i := range r.Intervals {
				iv, giv := &r.Intervals[i], &g.Intervals[i]
				sh.agents[i] += float64(giv.Agents) * giv.Shares[k]
				sh.paid[i] += float64(giv.Agents) * giv.Shares[k] / (1 - g.Shrinkage)
				iv.AgentsFractional += giv.AgentsFractional * giv.Shares[k]
				iv.Group = joinGroup(iv.Group, g.Name)
				if giv.Agents > 0 && giv.Binding != "" {
					// what set the group's agents, on each of its channels' rows
					iv.Binding = joinGroup(iv.Binding, giv.Binding)
				}
			}
			for _, st := range g.Streams {
				if st.Channel == ch {
					for i := range r.Intervals {
						r.Intervals[i].Backlog += st.Backlog[i]
					}
				}
			}
			o := g.Outcomes[k]
			r.ClosedContacts += o.ClosedContacts
			r.Lost += o.Lost
			r.Callbacks += o.Callbacks
			r.Late += o.Late
			r.EndBacklog += o.EndBacklog
			r.MaxWaitHours = math.Max(r.MaxWaitHours, o.MaxWaitHours)
		}
	}
	for ri := range plan.Requirements {
		r := &plan.Requirements[ri]
		hours := r.Interval.Hours()
		sh := shares[r.Channel]
		a := live[r.Channel]
		for i := range r.Intervals {
			iv := &r.Intervals[i]
			if a != nil && a.w[i] > 0 {
				w := a.w[i]
				iv.ServiceLevel, iv.ASASeconds, iv.Occupancy, iv.PAbandon = a.sl[i]/w, a.asa[i]/w, a.occ[i]/w, a.abandon[i]/w
			}
			iv.Agents = int(math.Round(sh.agents[i]))
			// up, as a group's own scheduled agents are (erlang.Scheduled):
			// a channel alone in its group shows the group's figure (7
			// agents at 25% shrinkage are 10 scheduled, not 9)
			iv.Scheduled = wholeUp(sh.paid[i])
			iv.PaidAgents = sh.paid[i]
			r.AgentHours += sh.agents[i] * hours
			r.FractionalAgentHours += iv.AgentsFractional * hours
			r.ScheduledHours += sh.paid[i] * hours
			r.PeakAgents = max(r.PeakAgents, iv.Agents)
			r.PeakScheduled = max(r.PeakScheduled, iv.Scheduled)
		}
	}
}

// wholeUp rounds x up to a whole number, x within a billionth of one
// staying that number.
func wholeUp(x float64) int {
	if r := math.Round(x); math.Abs(x-r) <= 1e-9*math.Max(1, x) {
		return int(r)
	}
	return int(math.Ceil(x))
}

func joinGroup(have, name string) string {
	if have == "" {
		return name
	}
	for _, g := range strings.Split(have, ";") {
		if g == name {
			return have
		}
	}
	return have + ";" + name
}

func combineGroups(groups []GroupRequirement) []CombinedInterval {
	if len(groups) == 0 {
		return nil
	}
	out := make([]CombinedInterval, len(groups[0].Intervals))
	for i := range out {
		out[i].Start = groups[0].Intervals[i].Start
		for _, g := range groups {
			iv := g.Intervals[i]
			out[i].Agents += iv.Agents
			out[i].AgentsFractional += iv.AgentsFractional
			out[i].Scheduled += iv.Scheduled
		}
		out[i].AgentsPooled = int(math.Ceil(out[i].AgentsFractional - 1e-9))
		for _, g := range groups {
			out[i].PaidAgents += float64(g.Intervals[i].Agents) / (1 - g.Shrinkage)
		}
	}
	return out
}

// GroupsFromSkills are the staffing groups of a team: one group per
// distinct set of the demand's channels its agents serve (skills lists
// each agent's channels; channels outside the demand are ignored), named
// by its channels joined with "+" in the demand's order. A channel several
// groups serve is split between them by the time their agents can give it:
// each agent gives 1/k of its time to each of its k channels. A team whose
// agents all serve every channel is one group: nil. A channel no agent
// serves is an error naming it.
func GroupsFromSkills(skills [][]string, channels []string) ([]Group, error) {
	type set struct {
		channels []string
		agents   float64
	}
	var sets []*set
	byKey := map[string]*set{}
	for _, agent := range skills {
		has := map[string]bool{}
		for _, s := range agent {
			has[s] = true
		}
		var chans []string
		for _, c := range channels {
			if has[c] {
				chans = append(chans, c)
			}
		}
		if len(chans) == 0 {
			continue
		}
		key := strings.Join(chans, "+")
		if byKey[key] == nil {
			byKey[key] = &set{channels: chans}
			sets = append(sets, byKey[key])
		}
		byKey[key].agents++
	}
	capacity := map[string]float64{} // per channel: the agents' time it can get
	for _, s := range sets {
		for _, c := range s.channels {
			capacity[c] += s.agents / float64(len(s.channels))
		}
	}
	var missing []string
	for _, c := range channels {
		if capacity[c] == 0 {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, &Error{Index: -1, Field: "Groups", Err: fmt.Errorf("%w: no agent serves %s", ErrInvalidInput, strings.Join(missing, ", "))}
	}
	if len(sets) == 1 {
		return nil, nil // every agent serves every channel
	}
	var out []Group
	for _, s := range sets {
		g := Group{Name: strings.Join(s.channels, "+"), Channels: s.channels, Share: map[string]float64{}}
		for _, c := range s.channels {
			g.Share[c] = s.agents / float64(len(s.channels)) / capacity[c]
		}
		out = append(out, g)
	}
	return out, nil
}
