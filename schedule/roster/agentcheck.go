package roster

// agentChecker tests the hard rules of one agent's week-by-week schedule
// in slots. The solver calls it after every change to an agent; Evaluate
// has its own checks in wall-clock time, so that the two keep each other
// honest.
type agentChecker struct {
	p        *problem
	monthOT  []int32
	workedOf []int32
}

func newAgentChecker(p *problem) *agentChecker {
	return &agentChecker{p: p, monthOT: make([]int32, p.g.nMonths), workedOf: make([]int32, len(p.g.dates))}
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
	ai := &p.agents[a]
	r := &p.m.Rules
	ivMin := int32(p.g.ivMin)
	prevEnd := int32(-1)
	run := 0
	for d, pi := range on {
		if pi < 0 {
			c.workedOf[d] = 0
			run = 0
			continue
		}
		pt := &p.pats[pi]
		if pt.workedMin > ai.maxDailyMin {
			return "max_daily"
		}
		if avail && !ai.availableFor(pt) {
			return "availability"
		}
		if prevEnd >= 0 && ((pt.first-prevEnd)*ivMin < int32(p.minRestMin) || pt.first < prevEnd) {
			return "min_rest"
		}
		prevEnd = pt.end
		run++
		if p.maxConsec > 0 && run > p.maxConsec {
			return "max_consecutive_days"
		}
		c.workedOf[d] = pt.workedMin
	}
	ot := r.Overtime
	if ot.enabled() {
		clear(c.monthOT)
	}
	nd := len(on)
	for _, w := range p.g.weeks {
		var sum int32
		worked := 0
		for d := w.firstDay; d < w.firstDay+w.days; d++ {
			if on[d] >= 0 {
				sum += c.workedOf[d]
				worked++
			}
		}
		if sum > ai.maxWeeklyMin {
			return "max_weekly"
		}
		if r.DaysOffPerWeek > 0 && w.days-worked < r.DaysOffPerWeek*w.days/7 {
			return "days_off"
		}
		if r.TwoDayWeekend && w.full {
			pair := false
			for d := w.firstDay; d < w.firstDay+7 && !pair; d++ {
				pair = on[d] < 0 && (d+1 >= nd || on[d+1] < 0)
			}
			if !pair {
				return "two_day_weekend"
			}
		}
		if p.weeklyRestMn > 0 && !c.weeklyRest(on, w) {
			return "weekly_rest"
		}
		if ot.enabled() {
			stdDay, stdWeek := int32(ot.StandardDay.Minutes()), int32(ot.StandardWeek.Minutes())
			var regular int32
			for d := w.firstDay; d < w.firstDay+w.days; d++ {
				h := c.workedOf[d]
				if on[d] < 0 || h == 0 {
					continue
				}
				reg := min(h, stdDay, max(0, stdWeek-regular))
				regular += reg
				if ot.MaxDay > 0 && h-reg > int32(ot.MaxDay.Minutes()) {
					return "overtime_day"
				}
				c.monthOT[p.g.monthOf[d]] += h - reg
			}
		}
	}
	if ot.enabled() && ot.MaxMonth > 0 {
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
func (c *agentChecker) weeklyRest(on []int32, w week) bool {
	p := c.p
	cursor := int32(w.start)
	var best int32
	for d := max(w.firstDay-1, 0); d < w.firstDay+w.days; d++ {
		if on[d] < 0 {
			continue
		}
		pt := &p.pats[on[d]]
		if pt.end <= int32(w.start) || pt.first >= int32(w.end) {
			continue
		}
		best = max(best, pt.first-cursor)
		cursor = max(cursor, pt.end)
	}
	best = max(best, int32(w.end)-cursor)
	return int(best)*p.g.ivMin >= p.weeklyRestMn
}
