package require

import (
	"errors"
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
)

// Plan is the requirement of every channel and skill, and their sum per
// interval.
//
// In a group plan (ComputeGroups) the agents belong to the Groups; a
// channel's Agents and Scheduled (rounded), AgentHours and ScheduledHours
// are its share of its groups' whole agents (by the busy time it takes),
// so that the channels' hours add up to the groups'; its AgentsFractional
// is the same share of the groups' fractional figure, so that the
// channels add up to Combined's. Combined adds up the groups.
type Plan struct {
	Requirements []Requirement
	Groups       []GroupRequirement
	Combined     []CombinedInterval // by start time
}

// CombinedInterval adds up the channels at one interval start.
//
// Two sums, because rounding each queue up and then adding over-staffs
// agents who can work several queues (pyworkforce issue #41): queues
// needing 10.2, 5.1 and 3.3 agents take 11 + 6 + 4 = 21 dedicated agents
// but about ceil(18.6) = 19 shared ones. Agents is the first (each queue
// staffed by its own team), AgentsPooled the second. The pooled figure is
// an estimate of the other side: agents shared across queues also shorten
// the waits, which a sum does not credit, so truly pooled live queues
// need a little less still, and agents who cannot switch need Agents.
type CombinedInterval struct {
	Start            time.Time
	Agents           int     // Σ whole agents of the queues
	AgentsFractional float64 // Σ fractional agents
	AgentsPooled     int     // ceil(AgentsFractional)
	Scheduled        int     // Σ scheduled agents
	// PaidAgents is Σ agents / (1 - shrinkage) before rounding (group
	// plans; 0 otherwise): the paid hours add it up.
	PaidAgents float64
}

// ComputeAll computes every demand with the policy of its channel. Demands
// must share one interval length. When a deferred channel cannot be on
// time whatever the staffing (deferred.ErrInfeasible), the plan is still
// complete and the error is returned with it; any other error returns no
// plan.
func ComputeAll(demands []Demand, policies map[string]Policy) (Plan, error) {
	var plan Plan
	var infeasible []error
	for i := range demands {
		d := &demands[i]
		if i > 0 && d.Interval != demands[0].Interval {
			return Plan{}, d.errorf(-1, "Interval", "%v, but %s has %v: combined plans need one interval length",
				civil.FormatDuration(d.Interval), demands[0].Channel, civil.FormatDuration(demands[0].Interval))
		}
		p, ok := policies[d.Channel]
		if !ok {
			return Plan{}, d.errorf(-1, "Policy", "no policy for channel %q", d.Channel)
		}
		r, err := Compute(*d, p)
		if err != nil {
			if !errors.Is(err, deferred.ErrInfeasible) {
				return Plan{}, err
			}
			infeasible = append(infeasible, err)
		}
		plan.Requirements = append(plan.Requirements, r)
	}
	plan.Combined = combine(plan.Requirements)
	return plan, errors.Join(infeasible...)
}

func combine(reqs []Requirement) []CombinedInterval {
	byStart := map[int64]*CombinedInterval{}
	var out []*CombinedInterval
	for _, r := range reqs {
		for _, iv := range r.Intervals {
			k := iv.Start.UnixNano()
			c := byStart[k]
			if c == nil {
				c = &CombinedInterval{Start: iv.Start}
				byStart[k] = c
				out = append(out, c)
			}
			c.Agents += iv.Agents
			c.AgentsFractional += iv.AgentsFractional
			c.Scheduled += iv.Scheduled
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	res := make([]CombinedInterval, len(out))
	for i, c := range out {
		c.AgentsPooled = int(math.Ceil(c.AgentsFractional - 1e-9))
		res[i] = *c
	}
	return res
}

// Day sums one channel (or, with Channel AllChannels, every channel) over
// one local date.
type Day struct {
	Date           civil.Date
	Channel, Skill string
	Contacts       float64
	PeakAgents     int
	// AvgAgents is AgentHours over the hours with at least one agent.
	AvgAgents      float64
	AgentHours     float64
	PeakScheduled  int
	ScheduledHours float64
	// PeakFractional is the peak of the fractional agents (for
	// AllChannels, of their sum: the pooled peak).
	PeakFractional float64
	// EndBacklog is the deferred backlog at the day's last interval.
	EndBacklog float64
}

// AllChannels is the Channel of the Day rows that add up every channel.
const AllChannels = "all"

// Daily sums a plan per local date (of each interval's start, in the
// demand's time zone), by date: one row per channel and skill in the plan's
// order, then one AllChannels row whose peaks are those of the
// per-interval sums.
func Daily(plan Plan) []Day {
	var out []Day
	for _, r := range plan.Requirements {
		hours := r.Interval.Hours()
		var cur *Day
		staffed := 0.0
		flush := func() {
			if cur != nil {
				if staffed > 0 {
					cur.AvgAgents = cur.AgentHours / staffed
				}
				out = append(out, *cur)
			}
		}
		for _, iv := range r.Intervals {
			date := civil.DateOf(iv.Start)
			if cur == nil || cur.Date != date {
				flush()
				cur, staffed = &Day{Date: date, Channel: r.Channel, Skill: r.Skill}, 0
			}
			cur.Contacts += iv.Contacts
			cur.AgentHours += float64(iv.Agents) * hours
			cur.ScheduledHours += paid(iv.PaidAgents, iv.Scheduled, plan.Groups != nil) * hours
			cur.PeakAgents = max(cur.PeakAgents, iv.Agents)
			cur.PeakScheduled = max(cur.PeakScheduled, iv.Scheduled)
			cur.PeakFractional = math.Max(cur.PeakFractional, iv.AgentsFractional)
			cur.EndBacklog = iv.Backlog
			if iv.Agents > 0 {
				staffed += hours
			}
		}
		flush()
	}
	if len(plan.Requirements) == 0 {
		return out
	}
	hours := plan.Requirements[0].Interval.Hours()
	loc := plan.Requirements[0].Start.Location()
	var cur *Day
	staffed := 0.0
	contacts := map[civil.Date]float64{}
	backlog := map[civil.Date]float64{}
	for _, d := range out {
		contacts[d.Date] += d.Contacts
		backlog[d.Date] += d.EndBacklog
	}
	var all []Day
	flush := func() {
		if cur != nil {
			if staffed > 0 {
				cur.AvgAgents = cur.AgentHours / staffed
			}
			cur.Contacts, cur.EndBacklog = contacts[cur.Date], backlog[cur.Date]
			all = append(all, *cur)
		}
	}
	for _, c := range plan.Combined {
		date := civil.DateOf(c.Start.In(loc))
		if cur == nil || cur.Date != date {
			flush()
			cur, staffed = &Day{Date: date, Channel: AllChannels}, 0
		}
		cur.AgentHours += float64(c.Agents) * hours
		cur.ScheduledHours += paid(c.PaidAgents, c.Scheduled, plan.Groups != nil) * hours
		cur.PeakAgents = max(cur.PeakAgents, c.Agents)
		cur.PeakScheduled = max(cur.PeakScheduled, c.Scheduled)
		cur.PeakFractional = math.Max(cur.PeakFractional, c.AgentsFractional)
		if c.Agents > 0 {
			staffed += hours
		}
	}
	flush()
	out = append(out, all...)
	sort.SliceStable(out, func(i, j int) bool { return dateLess(out[i].Date, out[j].Date) })
	return out
}

// paid is the paid agents an interval adds to the paid hours: the
// unrounded figure of a group plan, else the scheduled agents.
func paid(fractional float64, scheduled int, group bool) float64 {
	if group {
		return fractional
	}
	return float64(scheduled)
}

func dateLess(a, b civil.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}
