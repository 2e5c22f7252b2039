package solve

import (
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/grid"
)

// agentChecker tests the hard rules of one agent's week-by-week schedule
// in slots. The solver calls it after every change to an agent; Evaluate
// has its own checks in wall-clock time, so that the two keep each other
// honest.
type agentChecker struct {
	p        *compiled.Problem
	monthOT  []int32
	workedOf []int32
}

func newAgentChecker(p *compiled.Problem) *agentChecker {
	return &agentChecker{p: p, monthOT: make([]int32, p.G.NMonths), workedOf: make([]int32, len(p.G.Dates))}
}

// ok reports whether the shifts on (pattern per day, -1 for none) keep
// every per-agent hard rule: availability, daily and weekly hours, rest
// between shifts, consecutive days, days off, two-day weekends, weekly
// rest and overtime. Skills are the caller's concern.
func (c *agentChecker) ok(a int, on []int32) bool { return c.check(a, on, true) }

// check is ok; without avail it leaves availability out, for callers
// that check only the shifts they add (the others were checked before).
func (c *agentChecker) check(a int, on []int32, avail bool) bool { return c.broken(a, on, avail) == "" }

// broken is the first rule the shifts on break, named as Evaluate names
// it (availability, max_daily, min_rest, max_consecutive_days,
// max_weekly, days_off, two_day_weekend, weekly_rest, overtime_day,
// overtime_month), or "" when they keep every rule.
func (c *agentChecker) broken(a int, on []int32, avail bool) string {
	p := c.p
	ai := &p.Agents[a]
	r := &p.M.Rules
	ivMin := int32(p.G.IvMin)
	prevEnd := int32(-1)
	run := 0
	for d, pi := range on {
		if pi < 0 {
			c.workedOf[d] = 0
			run = 0
			continue
		}
		pt := &p.Pats[pi]
		if pt.WorkedMin > ai.MaxDailyMin {
			return "max_daily"
		}
		if avail && !ai.AvailableFor(pt) {
			return "availability"
		}
		if prevEnd >= 0 && ((pt.First-prevEnd)*ivMin < int32(p.MinRestMin) || pt.First < prevEnd) {
			return "min_rest"
		}
		prevEnd = pt.End
		run++
		if p.MaxConsec > 0 && run > p.MaxConsec {
			return "max_consecutive_days"
		}
		c.workedOf[d] = pt.WorkedMin
	}
	ot := r.Overtime
	if ot.Enabled() {
		clear(c.monthOT)
	}
	nd := len(on)
	for _, w := range p.G.Weeks {
		var sum int32
		worked := 0
		for d := w.FirstDay; d < w.FirstDay+w.Days; d++ {
			if on[d] >= 0 {
				sum += c.workedOf[d]
				worked++
			}
		}
		if sum > ai.MaxWeeklyMin {
			return "max_weekly"
		}
		if r.DaysOffPerWeek > 0 && w.Days-worked < r.DaysOffPerWeek*w.Days/7 {
			return "days_off"
		}
		if r.TwoDayWeekend && w.Full {
			pair := false
			for d := w.FirstDay; d < w.FirstDay+7 && !pair; d++ {
				pair = on[d] < 0 && (d+1 >= nd || on[d+1] < 0)
			}
			if !pair {
				return "two_day_weekend"
			}
		}
		if p.WeeklyRestMn > 0 && !c.weeklyRest(on, w) {
			return "weekly_rest"
		}
		if ot.Enabled() {
			stdDay, stdWeek := int32(ot.StandardDay.Minutes()), int32(ot.StandardWeek.Minutes())
			var regular int32
			for d := w.FirstDay; d < w.FirstDay+w.Days; d++ {
				h := c.workedOf[d]
				if on[d] < 0 || h == 0 {
					continue
				}
				reg := min(h, stdDay, max(0, stdWeek-regular))
				regular += reg
				if ot.MaxDay > 0 && h-reg > int32(ot.MaxDay.Minutes()) {
					return "overtime_day"
				}
				c.monthOT[p.G.MonthOf[d]] += h - reg
			}
		}
	}
	if ot.Enabled() && ot.MaxMonth > 0 {
		for _, x := range c.monthOT {
			if x > int32(ot.MaxMonth.Minutes()) {
				return "overtime_month"
			}
		}
	}
	return ""
}

// weeklyRest reports whether the week holds an uninterrupted rest of
// Rules.WeeklyRest. Time outside the horizon counts as rest: nothing is
// known about it.
func (c *agentChecker) weeklyRest(on []int32, w grid.Week) bool {
	p := c.p
	cursor := int32(w.Start)
	var best int32
	for d := max(w.FirstDay-1, 0); d < w.FirstDay+w.Days; d++ {
		if on[d] < 0 {
			continue
		}
		pt := &p.Pats[on[d]]
		if pt.End <= int32(w.Start) || pt.First >= int32(w.End) {
			continue
		}
		best = max(best, pt.First-cursor)
		cursor = max(cursor, pt.End)
	}
	best = max(best, int32(w.End)-cursor)
	return int(best)*p.G.IvMin >= p.WeeklyRestMn
}
