package require

import (
	"fmt"
	"math"

	"github.com/peakstaff/peakstaff/schedule/deferred"
	"github.com/peakstaff/peakstaff/schedule/erlang"
	"github.com/peakstaff/peakstaff/schedule/sim"
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
// correct, 4 replications, at most 12 rounds, one agent kept free for
// live contacts, 99% of deferred items within their deadline.
var DefaultGroupOptions = GroupOptions{Simulate: true, Seed: 101, Replications: 4, MaxRounds: 12, MinIdleForDeferred: 1, MinOnTime: 0.99}

// BindingSimulation marks an interval whose agents the simulation raised.
const BindingSimulation = "simulation"

// SimConfig is the group's load as the blended simulator takes it, with
// agents per interval (nil: the group's Agents), and the names of its
// channels in the config's order (a live channel's callbacks from closed
// hours are "CHANNEL (closed hours)").
func (g *GroupRequirement) SimConfig(policies map[string]Policy, agents []int, opts GroupOptions) sim.GroupConfig {
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
	for k, ch := range g.Channels {
		live := g.LiveContacts[k]
		if live == nil || sum(live) <= 0 {
			continue
		}
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
		aht := make([]float64, n)
		for i, a := range s.AHTSeconds {
			aht[i] = max(a, 1)
		}
		cfg.Channels = append(cfg.Channels, sim.ChannelLoad{Name: name, Arrivals: s.Items, AHTSeconds: aht, DueSeconds: due})
	}
	return cfg
}

// correct raises a group's agents where the simulation misses a target
// (see GroupOptions.Simulate).
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
	for round := 0; round < opts.MaxRounds; round++ {
		cfg := g.SimConfig(policies, agents, opts)
		if len(cfg.Channels) == 0 {
			return nil
		}
		res, err := sim.RunGroup(cfg)
		if err != nil {
			return fmt.Errorf("%w: simulating group %s: %w", ErrInvalidInput, g.Name, err)
		}
		raise := make([]bool, n)
		for c, ch := range cfg.Channels {
			per := res.PerInterval[c]
			for _, d := range days {
				var num, den float64
				for i := d[0]; i < d[1]; i++ {
					if ch.Live {
						num, den = num+per[i].AnsweredInTime, den+per[i].Offered
					} else {
						num, den = num+per[i].OnTime, den+per[i].Arrived
					}
				}
				goal := opts.MinOnTime
				if ch.Live {
					goal = target[ch.Name]
				}
				if den == 0 || num/den >= goal {
					continue
				}
				for i := d[0]; i < d[1]; i++ {
					if ch.Live && per[i].Offered > 0 && per[i].ServiceLevel < goal {
						raise[i] = true
					}
					if !ch.Live && per[i].Arrived > 0 && per[i].OnTimeShare < goal {
						raise[i] = true
					}
				}
			}
		}
		changed := false
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
	}
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
	return nil
}

func sumShares(xs []float64) float64 { return sum(xs) }

// dayBlocks are the local days of a group's horizon as interval ranges.
func dayBlocks(g *GroupRequirement) [][2]int {
	var out [][2]int
	n := len(g.Intervals)
	lo := 0
	for i := 1; i <= n; i++ {
		if i == n || deferred.DateOf(g.Intervals[i].Start) != deferred.DateOf(g.Intervals[i-1].Start) {
			out = append(out, [2]int{lo, i})
			lo = i
		}
	}
	return out
}
