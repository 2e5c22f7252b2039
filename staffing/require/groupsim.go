package require

import (
	"fmt"
	"math"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// GroupOptions tune ComputeGroups.
type GroupOptions struct {
	// Simulate checks every group with the blended simulator and corrects
	// it: the analytic model assumes deferred work fits in the live
	// agents' idle time, but an agent answering an email cannot take the
	// next call. Each round simulates the group (live first; deferred work
	// only while more than MinIdleForDeferred agents are idle) and adds an
	// agent to the intervals of a day where a live channel missed its
	// service level on that day, or where a deferred stream kept less than
	// MinOnTime of the day's items within the deadline, until every day
	// meets its targets or MaxRounds ran.
	Simulate           bool
	Seed               uint64
	Replications       int
	MaxRounds          int
	MinIdleForDeferred int
	MinOnTime          float64
}

// DefaultGroupOptions are the options of plan and staff: simulate and
// correct, 2 replications per round (the plan checks the result with 4
// and another seed), at most 12 rounds, one agent kept free for
// live contacts, 99% of deferred items within their deadline.
var DefaultGroupOptions = GroupOptions{Simulate: true, Seed: 101, Replications: 2, MaxRounds: 12, MinIdleForDeferred: 1, MinOnTime: 0.99}

// BindingSimulation marks an interval whose agents the simulation raised.
const BindingSimulation = "simulation"

// SimChannel names a channel of a group's simulation: a channel of the
// group, or (Callback) the callbacks and tickets of a live channel's
// closed hours.
type SimChannel struct {
	Channel  string
	Callback bool
}

// SimConfig is the group's load as the blended simulator takes it, with
// agents per interval (nil: the group's Agents), and what each of the
// config's channels is (the config names a callback stream "CHANNEL
// (closed hours)" to keep names unique).
func (g *GroupRequirement) SimConfig(policies map[string]Policy, agents []int, opts GroupOptions) (sim.GroupConfig, []SimChannel) {
	n := len(g.Intervals)
	P := g.Interval.Seconds()
	cfg := sim.GroupConfig{IntervalSeconds: P, Agents: make([]int, n), Seed: opts.Seed, Replications: max(opts.Replications, 1),
		MinIdleForDeferred: opts.MinIdleForDeferred}
	for i, iv := range g.Intervals {
		cfg.Agents[i] = iv.Agents
	}
	if agents != nil {
		copy(cfg.Agents, agents)
	}
	var what []SimChannel
	for k, ch := range g.Channels {
		live := g.LiveContacts[k]
		if live == nil || sum(live) <= 0 {
			continue
		}
		what = append(what, SimChannel{Channel: ch})
		p := policies[ch]
		aht := make([]float64, n)
		for i, a := range g.LiveAHTSeconds[k] {
			aht[i] = max(a, 1)
		}
		cfg.Channels = append(cfg.Channels, sim.ChannelLoad{Name: ch, Live: true, Arrivals: live, AHTSeconds: aht,
			PatienceSeconds: p.PatienceSeconds, AnswerSeconds: p.Targets.AnswerSeconds})
	}
	for _, s := range g.Streams {
		if sum(s.Items) <= 0 {
			continue
		}
		due := make([]float64, n)
		for i, d := range s.Due {
			due[i] = float64(d+1) * P
			if d >= n {
				due[i] = math.MaxFloat64 / 4 // after the horizon
			}
		}
		name := s.Channel
		if s.Callback {
			name += " (closed hours)"
		}
		what = append(what, SimChannel{Channel: s.Channel, Callback: s.Callback})
		aht := make([]float64, n)
		for i, a := range s.AHTSeconds {
			aht[i] = max(a, 1)
		}
		cfg.Channels = append(cfg.Channels, sim.ChannelLoad{Name: name, Arrivals: s.Items, AHTSeconds: aht, DueSeconds: due, Open: s.Open})
	}
	return cfg, what
}

// correct raises a group's agents where the simulation misses a target
// (see GroupOptions.Simulate). The first round simulates the whole
// horizon; later rounds only the days that missed, each with the day
// before as a warm-up (the backlog older than that is left out: a small
// optimism for deadlines over a day, which the plan's full simulation of
// the result reports).
func correct(g *GroupRequirement, policies map[string]Policy, opts GroupOptions) error {
	n := len(g.Intervals)
	agents := make([]int, n)
	for i, iv := range g.Intervals {
		agents[i] = iv.Agents
	}
	days := dayBlocks(g)
	target := map[string]float64{}
	for _, ch := range g.Channels {
		target[ch] = policies[ch].Targets.ServiceLevel
	}
	added := make([]int, n)
	full, _ := g.SimConfig(policies, agents, opts)
	if len(full.Channels) == 0 {
		return nil
	}
	check := make([]bool, len(days)) // days to simulate this round
	for d := range check {
		check[d] = true
	}
	for round := 0; round < opts.MaxRounds; round++ {
		copy(full.Agents, agents)
		raise := make([]bool, n)
		for _, w := range simWindows(days, check, round == 0) {
			res, err := sim.RunGroup(window(full, w))
			if err != nil {
				return fmt.Errorf("%w: simulating group %s: %w", ErrInvalidInput, g.Name, err)
			}
			for c, ch := range full.Channels {
				goal := opts.MinOnTime
				if ch.Live {
					goal = target[ch.Name]
				}
				missed(res.PerInterval[c], w, days, ch, full.IntervalSeconds, goal, raise)
			}
		}
		changed := false
		for d := range check {
			check[d] = false
		}
		for i, r := range raise {
			if r {
				agents[i]++
				added[i]++
				changed = true
			}
		}
		if !changed {
			break
		}
		for d, b := range days {
			for i := b[0]; i < b[1]; i++ {
				check[d] = check[d] || raise[i]
			}
		}
	}
	applyCorrection(g, added)
	return nil
}

// simWindow is a stretch of days to simulate: intervals [from, to), the
// first warmup of them only to fill the queues.
type simWindow struct{ from, to, warmup int }

// simWindows are the whole horizon (all), or each run of days to check
// with the day before as a warm-up.
func simWindows(days [][2]int, check []bool, all bool) []simWindow {
	if all {
		return []simWindow{{0, days[len(days)-1][1], 0}}
	}
	var out []simWindow
	for d := 0; d < len(days); d++ {
		if !check[d] {
			continue
		}
		e := d
		for e+1 < len(days) && check[e+1] {
			e++
		}
		from := days[d][0]
		if d > 0 {
			from = days[d-1][0]
		}
		out = append(out, simWindow{from, days[e][1], days[d][0] - from})
		d = e
	}
	return out
}

// window cuts a simulation config to a window's intervals.
func window(cfg sim.GroupConfig, w simWindow) sim.GroupConfig {
	if w.from == 0 && w.to == len(cfg.Agents) {
		return cfg
	}
	out := cfg
	out.Agents = cfg.Agents[w.from:w.to]
	out.WarmupIntervals = w.warmup
	out.Channels = make([]sim.ChannelLoad, len(cfg.Channels))
	shift := float64(w.from) * cfg.IntervalSeconds
	for c, ch := range cfg.Channels {
		ch.Arrivals = ch.Arrivals[w.from:w.to]
		if len(ch.AHTSeconds) > 1 {
			ch.AHTSeconds = ch.AHTSeconds[w.from:w.to]
		}
		if ch.Open != nil {
			ch.Open = ch.Open[w.from:w.to]
		}
		if ch.DueSeconds != nil {
			due := make([]float64, w.to-w.from)
			for i := range due {
				due[i] = ch.DueSeconds[w.from+i] - shift
			}
			ch.DueSeconds = due
		}
		out.Channels[c] = ch
	}
	return out
}

// missed marks the intervals of the days in a window where a channel's
// day misses its goal: the intervals of that day below the goal. Deferred
// items due within one handle time of their interval's end are left out:
// no staffing makes them reliably on time, so more agents would not help.
func missed(per []sim.IntervalFigures, w simWindow, days [][2]int, ch sim.ChannelLoad, P, goal float64, raise []bool) {
	tight := func(i int) bool {
		if ch.Live {
			return false
		}
		aht := ch.AHTSeconds[0]
		if len(ch.AHTSeconds) > 1 {
			aht = ch.AHTSeconds[i]
		}
		return ch.DueSeconds[i] < float64(i+1)*P+aht
	}
	for _, d := range days {
		lo, hi := max(d[0], w.from+w.warmup), min(d[1], w.to)
		if lo >= hi || lo != d[0] {
			continue
		}
		var num, den float64
		for i := lo; i < hi; i++ {
			f := per[i-w.from]
			switch {
			case ch.Live:
				num, den = num+f.AnsweredInTime, den+f.Offered
			case !tight(i):
				num, den = num+f.OnTime, den+f.Arrived
			}
		}
		if den == 0 || num/den >= goal {
			continue
		}
		for i := lo; i < hi; i++ {
			f := per[i-w.from]
			if ch.Live && f.Offered > 0 && f.ServiceLevel < goal || !ch.Live && !tight(i) && f.Arrived > 0 && f.OnTimeShare < goal {
				raise[i] = true
			}
		}
	}
}

// applyCorrection adds the simulation's agents to the group and its totals.
func applyCorrection(g *GroupRequirement, added []int) {
	hours := g.Interval.Hours()
	g.AgentHours, g.PeakAgents, g.PeakScheduled = 0, 0, 0
	for i := range g.Intervals {
		iv := &g.Intervals[i]
		if added[i] > 0 {
			iv.SimulationAgents = added[i]
			iv.Agents += added[i]
			iv.Binding = BindingSimulation
			iv.Scheduled = erlang.Scheduled(iv.Agents, g.Shrinkage)
			iv.Occupancy = (iv.LiveErlangs + iv.DeferredErlangs) / float64(iv.Agents)
			if sumShares(iv.Shares) == 0 {
				for k := range iv.Shares {
					iv.Shares[k] = 1 / float64(len(iv.Shares))
				}
			}
		}
		g.AgentHours += float64(iv.Agents) * hours
		g.PeakAgents = max(g.PeakAgents, iv.Agents)
		g.PeakScheduled = max(g.PeakScheduled, iv.Scheduled)
	}
	g.ScheduledHours = g.AgentHours / (1 - g.Shrinkage)
}

func sumShares(xs []float64) float64 { return sum(xs) }

// dayBlocks are the local days of a group's horizon as interval ranges.
func dayBlocks(g *GroupRequirement) [][2]int {
	var out [][2]int
	n := len(g.Intervals)
	lo := 0
	for i := 1; i <= n; i++ {
		if i == n || civil.DateOf(g.Intervals[i].Start) != civil.DateOf(g.Intervals[i-1].Start) {
			out = append(out, [2]int{lo, i})
			lo = i
		}
	}
	return out
}
