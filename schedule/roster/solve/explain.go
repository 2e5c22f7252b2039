package solve

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/grid"
)

// Cause is why a stretch stays short (or a rule's gap stays open).
type Cause string

// The causes Explain tells apart, checked in this order. Hires can close
// the ones from CauseSkill on; CauseSearch needs no one new.
const (
	// CauseNoTemplate: no shift the templates allow reaches these hours
	// (within the plan: a shift that would start the day before the first
	// day or end after the last is not in it).
	CauseNoTemplate Cause = "no_template"
	// CauseSkill: no agent has the skill (or, for a rule gap, no agent can
	// lead or is a veteran).
	CauseSkill Cause = "skill"
	// CauseAvailability: the agents with the skill are not available then
	// (availability windows, days off, a start date).
	CauseAvailability Cause = "availability"
	// CauseRules: the agents available then would break one of their own
	// rules (rest, weekly or daily hours, consecutive days, days off).
	CauseRules Cause = "rules"
	// CauseAgents: every agent who could work then is on another shift
	// that day: not enough agents.
	CauseAgents Cause = "agents"
	// CauseSearch: an agent is free and could take a shift there; the
	// search ended before it found it (a longer time limit may close it).
	CauseSearch Cause = "search"
	// CauseWeights: an agent is free and could take a shift there, but
	// the search converged and its final pass tried that shift: under the
	// weights it costs more (staffed hours, excess, cost, fairness) than
	// the shortfall or rule gap it closes. Raising weights.shortage (or
	// the rule's weight) closes it.
	CauseWeights Cause = "weights"
	// CauseHireDate: hires could close it, but it comes before they can
	// start (PlanHires; their onboarding ends later).
	CauseHireDate Cause = "hire_date"
)

// HiresCanClose reports whether more agents would close a gap of this
// cause: not when no template reaches the hours, nor when it comes
// before hires can start, nor when the team can already close it.
func (c Cause) HiresCanClose() bool {
	return c != CauseNoTemplate && c != CauseSearch && c != CauseWeights && c != CauseHireDate && c != ""
}

// ShortStretch is a stretch of consecutive intervals of one day in which
// one skill is short, with the cause that binds there.
type ShortStretch struct {
	Skill      string
	Start, End time.Time
	// AgentHours is the shortfall over the stretch, Most the most agents
	// missing at once.
	AgentHours float64
	Most       int
	Cause      Cause
	// Detail says the cause in words with its counts; Fix is the smallest
	// change that would close the stretch, "" when none is known.
	Detail, Fix string
}

// Explanation is the shortfall of a roster cut into stretches with their
// causes, and the rule gaps with theirs: two lists, never mixed.
type Explanation struct {
	Shortfall []ShortStretch
	// RuleGaps are Evaluation.RuleGaps with Cause, Detail and Fix.
	RuleGaps []ExplainedGap
}

// ExplainedGap is a rule gap and why it stays open.
type ExplainedGap struct {
	roster.RuleGap
	Cause       Cause
	Detail, Fix string
}

// UnclosableHours is the shortfall hires cannot close (no template
// reaches it) and its part the team could close as it is (CauseSearch,
// and CauseWeights at a price the weights refuse).
func (x *Explanation) UnclosableHours() (noTemplate, search float64) {
	for _, s := range x.Shortfall {
		switch s.Cause {
		case CauseNoTemplate:
			noTemplate += s.AgentHours
		case CauseSearch, CauseWeights:
			search += s.AgentHours
		}
	}
	return noTemplate, search
}

// maxProbe bounds the candidate shifts tried per agent for one stretch.
const maxProbe = 160

// Explain finds, for every stretch where res's roster leaves a skill
// short and every rule gap, the cause that binds: it tries every agent
// who has the skill (or can lead, or is a veteran) on the shifts that
// reach the stretch, against their availability and, with the rest of
// their roster as it is, their rules. The first cause of Cause's list
// that holds is given, with the smallest change that would close the
// stretch where one is known. res must be a roster of m (from Solve); an
// agent free to take a shift is CauseWeights when res.Search converged
// (its final pass tried the same agents and shifts), else CauseSearch.
func Explain(m *roster.Model, res *Result) (*Explanation, error) {
	p, err := compiled.Compile(m)
	if err != nil {
		return nil, err
	}
	s := newState(p, roster.DefaultWeights())
	s.load(&res.Roster)
	ev := res.Evaluation
	if ev == nil {
		if ev, err = roster.Evaluate(m, &res.Roster); err != nil {
			return nil, err
		}
	}
	x := &Explanation{}
	g := &p.G
	ivh := g.Iv.Hours()
	converged := res.Search.Converged()
	for _, sc := range ev.Skills {
		kk, ok := p.Skill[sc.Skill]
		if !ok {
			continue
		}
		shortRuns(p, sc.Shortfall, func(a, b int, reach bool) {
			st := ShortStretch{Skill: sc.Skill, Start: g.TimeOf(a), End: g.TimeOf(b)}
			for t := a; t < b; t++ {
				st.AgentHours += float64(sc.Shortfall[t]) * ivh
				st.Most = max(st.Most, sc.Shortfall[t])
			}
			if !reach {
				st.Cause, st.Detail, st.Fix = noTemplate(p, a, b)
			} else {
				st.Cause, st.Detail, st.Fix = s.probe(int32(a), int32(b), func(ai *compiled.AgentInfo) bool { return ai.HasSkill(kk) },
					"agents with "+sc.Skill, fmt.Sprintf("%d more agent(s) with %s", st.Most, sc.Skill), converged, "weights.shortage")
			}
			x.Shortfall = append(x.Shortfall, st)
		})

	}
	SortStretches(x.Shortfall)
	for _, rg := range ev.RuleGaps {
		a, ok1 := g.SlotOf(rg.Start)
		b, ok2 := g.SlotOf(rg.End)
		if !ok1 || !ok2 {
			continue
		}
		eg := ExplainedGap{RuleGap: rg}
		pool, who, weight := func(ai *compiled.AgentInfo) bool { return ai.CanLead }, "leads", "weights.lead_gap"
		if rg.Rule == "veterans" {
			pool, who, weight = func(ai *compiled.AgentInfo) bool { return ai.Vet }, "veterans", "weights.veteran_gap"
		}
		eg.Cause, eg.Detail, eg.Fix = s.probe(int32(a), int32(b), pool, who, fmt.Sprintf("%d more %s", rg.Most, strings.TrimSuffix(who, "s")+"(s)"), converged, weight)
		x.RuleGaps = append(x.RuleGaps, eg)
	}
	return x, nil
}

// shortRuns calls visit for every stretch of slots [a, b) where short is
// above zero: consecutive slots of one day, all reached by a candidate
// shift or none (reach). Explain and the solver's final pass cut the
// shortfall the same way, so that they try the same agents and shifts.
func shortRuns(p *compiled.Problem, short []int, visit func(a, b int, reach bool)) {
	g := &p.G
	for t := 0; t < len(short); {
		if short[t] == 0 {
			t++
			continue
		}
		a, reach, day := t, len(p.BySlot[t]) > 0, g.DayOf[t]
		for t < len(short) && short[t] > 0 && g.DayOf[t] == day && (len(p.BySlot[t]) > 0) == reach {
			t++
		}
		visit(a, t, reach)
	}
}

// reachOf is the candidate shifts that reach slots [a, b), at most
// maxProbe of them spread evenly over the list.
func reachOf(p *compiled.Problem, a, b int32) []int32 {
	seen := map[int32]bool{}
	var reach []int32
	for t := a; t < b; t++ {
		for _, pi := range p.BySlot[t] {
			if !seen[pi] {
				seen[pi] = true
				reach = append(reach, pi)
			}
		}
	}
	if len(reach) > maxProbe {
		step := float64(len(reach)) / maxProbe
		var sub []int32
		for i := range maxProbe {
			sub = append(sub, reach[int(float64(i)*step)])
		}
		reach = sub
	}
	return reach
}

// tryOn is what trying agent ai on the shifts reach of slots [a, b)
// finds: available for one of them; free (no shift that day, and the
// first such shift, pat, keeps their rules); busy (on a shift over the
// whole stretch, or on another shift that day whose place the stretch's
// shift could take); else the first rule it would break (why). on is
// scratch of one entry per day.
type tryOn struct {
	avail, free, busy bool
	pat               int32
	why               string
}

func (s *state) tryAgent(ai int, reach []int32, a, b int32, on []int32) tryOn {
	p := s.p
	info := &p.Agents[ai]
	var r tryOn
	for _, pi := range reach {
		pt := &p.Pats[pi]
		if !info.AvailableFor(pt) {
			continue
		}
		r.avail = true
		if cur := s.onPat[ai][pt.Day]; cur >= 0 && covers(&p.Pats[cur], a) && covers(&p.Pats[cur], b-1) {
			r.busy = true // already on a shift over the whole stretch
			continue
		}
		copy(on, s.onPat[ai])
		on[pt.Day] = pi
		if why := s.ck.broken(ai, on, false); why != "" {
			if r.why == "" {
				r.why = why
			}
			continue
		}
		if s.onPat[ai][pt.Day] < 0 {
			r.free, r.pat = true, pi
			return r
		}
		r.busy = true
	}
	return r
}

// probe tries the agents of a pool on the shifts that reach slots [a, b)
// and names the cause that keeps them off; more is the change that would
// close it when agents are what is missing. A free agent is CauseSearch,
// or CauseWeights (with weight, the weight to raise) when the search
// converged.
func (s *state) probe(a, b int32, inPool func(*compiled.AgentInfo) bool, who, more string, converged bool, weight string) (Cause, string, string) {
	p := s.p
	g := &p.G
	when := describe(g, int(a), int(b))
	reach := reachOf(p, a, b)
	var pool, avail, free, busy int
	rules := map[string]int{}
	on := make([]int32, len(g.Dates))
	for ai := range p.Agents {
		if !inPool(&p.Agents[ai]) {
			continue
		}
		pool++
		r := s.tryAgent(ai, reach, a, b, on)
		switch {
		case !r.avail:
		case r.free:
			avail++
			free++
		case r.busy:
			avail++
			busy++
		default:
			avail++
			if r.why != "" {
				rules[r.why]++
			}
		}
	}
	switch {
	case pool == 0:
		return CauseSkill, fmt.Sprintf("no agent is among the %s", who), more + " " + when
	case avail == 0:
		return CauseAvailability, fmt.Sprintf("none of the %d %s is available %s", pool, who, when), more + " available " + when
	case free > 0 && converged:
		return CauseWeights, fmt.Sprintf("%d of the %d %s could take a shift %s, but under the weights it costs more than the gap it closes", free, pool, who, when),
			"raise " + weight
	case free > 0:
		return CauseSearch, fmt.Sprintf("%d of the %d %s could take a shift %s; the search ended before it found one", free, pool, who, when),
			"a longer time limit"
	case busy > 0:
		return CauseAgents, fmt.Sprintf("the %d %s who could work %s are on other shifts that day", busy, who, when), more + " " + when
	}
	rule, n := "", 0
	for r, c := range rules {
		if c > n || (c == n && r < rule) {
			rule, n = r, c
		}
	}
	return CauseRules, fmt.Sprintf("the %d %s available %s would break a rule (%s for %d of them)", avail, who, when, ruleWords[rule], n),
		more + " " + when + ", or relax " + ruleWords[rule]
}

// ruleWords names an agent rule as a planner says it.
var ruleWords = map[string]string{
	"max_daily": "hours a day", "min_rest": "rest between shifts", "max_consecutive_days": "consecutive days",
	"max_weekly": "hours a week", "days_off": "days off a week", "two_day_weekend": "two days off in a row",
	"weekly_rest": "weekly rest", "overtime_day": "overtime a day", "overtime_month": "overtime a month", "availability": "availability",
}

// noTemplate explains slots [a, b) that no candidate shift reaches: at
// the plan's edges, shifts of the day before the first or running past
// the last are not in the plan; elsewhere no template has such a shift.
func noTemplate(p *compiled.Problem, a, b int) (Cause, string, string) {
	g := &p.G
	when := describe(g, a, b)
	perDay := int(24 * time.Hour / g.Iv)
	reachedOn := func(shift int) bool {
		for t := a + shift; t < b+shift; t++ {
			if t < 0 || t >= g.N || len(p.BySlot[t]) == 0 {
				return false
			}
		}
		return true
	}
	first, last := g.Dates[0], g.Dates[len(g.Dates)-1]
	switch day := g.Dates[g.DayOf[a]]; {
	case day == first && reachedOn(perDay):
		return CauseNoTemplate, fmt.Sprintf("no shift in the plan reaches %s: the shifts that cover these hours start the day before the plan's first day", when),
			fmt.Sprintf("start the plan on %s, or a template starting at 00:00", first.AddDays(-1))
	case day == last && reachedOn(-perDay):
		return CauseNoTemplate, fmt.Sprintf("no shift in the plan reaches %s: the shifts that cover these hours would run past the plan's last day", when),
			fmt.Sprintf("end the plan on %s", last.AddDays(1))
	}
	from := g.TimeOf(a)
	length := time.Duration(b-a) * g.Iv
	shortest := 24 * time.Hour
	for _, t := range p.M.Templates {
		if !t.IsSplit() {
			shortest = min(shortest, t.MinLength)
		}
	}
	if shortest < 24*time.Hour {
		length = max(length, shortest)
	}
	return CauseNoTemplate, fmt.Sprintf("no shift template reaches %s", when),
		fmt.Sprintf("a template starting %s (%s-%s) covers %s", from.Format("15:04"), from.Format("15:04"), from.Add(length).Format("15:04"), when)
}

// describe is slots [a, b) as a planner reads them: "Thu 11-13 07:00-23:00"
// (the end's own date when it falls on a later day).
func describe(g *grid.Grid, a, b int) string {
	from, to := g.TimeOf(a), g.TimeOf(b)
	end := to.Format("15:04")
	if civil.DateOf(to) != civil.DateOf(from) && !(to.Hour() == 0 && to.Minute() == 0 && civil.DateOf(to.Add(-time.Minute)) == civil.DateOf(from)) {
		end = to.Format("Mon 01-02 15:04")
	} else if to.Hour() == 0 && to.Minute() == 0 {
		end = "24:00"
	}
	return from.Format("Mon 01-02 15:04") + "-" + end
}

// SortStretches orders stretches by start, then skill.
func SortStretches(xs []ShortStretch) {
	sort.SliceStable(xs, func(i, j int) bool {
		if !xs[i].Start.Equal(xs[j].Start) {
			return xs[i].Start.Before(xs[j].Start)
		}
		return xs[i].Skill < xs[j].Skill
	})
}
