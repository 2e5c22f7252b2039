package roster

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/grid"
)

// Evaluation is what a roster does against its model, computed exactly
// and apart from the solver: coverage per interval and skill, the lead
// and veteran checks, hours and fairness per agent, every rule broken,
// cost, and the lower bound on staffed hours.
type Evaluation struct {
	Start    time.Time
	Interval time.Duration

	Skills    []SkillCoverage
	Intervals []IntervalCheck
	// Unmet lists every interval and skill below requirement.
	Unmet []UnmetInterval
	// Extra estimates the agents that would close the shortfall.
	Extra  []ExtraAgents
	Agents []AgentSummary
	// Violations lists every hard rule the roster breaks; a roster from
	// Solve has none.
	Violations []Violation
	// RuleGaps are the stretches where the lead or veteran rule is not
	// met (leads or veterans missing). They are apart from the shortfall:
	// the solver staffs the demand first and reports what the team's
	// leads and veterans cannot cover.
	RuleGaps []RuleGap
	// LeadGapHours and VeteranGapHours are the lead-hours and
	// veteran-hours missing in all (the RuleGaps' Hours summed per rule).
	LeadGapHours, VeteranGapHours float64
	Reserve                       []ReserveCheck
	// ReserveShort is the reserve places left empty over all blocks.
	ReserveShort int

	// Agent-hours below and above requirement, summed over skills.
	ShortageHours, ExcessHours float64
	// StaffedHours is the time agents are rostered (blocks, breaks
	// included); PaidHours leaves out unpaid breaks; OnQueueHours all
	// breaks and lead duty.
	StaffedHours, PaidHours, OnQueueHours float64
	Cost                                  float64
	// MinHoursShort is the hours below agents' weekly minimums.
	MinHoursShort float64
	// Spreads are standard deviations across all agents of hours (scaled
	// to a 40-hour week), night hours, weekend days and peak hours.
	HoursSpread, NightSpread, WeekendSpread, PeakSpread float64
	// LowerBoundHours is a lower bound on the staffed hours of any roster
	// that covers the requirement and honours the agents' weekly minimums
	// (see package bound; Solve attaches it, Evaluate leaves it zero: see
	// SetLowerBound), and GapPercent the roster's staffed hours above it,
	// in percent of the bound.
	LowerBoundHours float64
	GapPercent      float64
}

// SkillCoverage is one skill's requirement and agents on the queue per
// interval (breaks excluded).
type SkillCoverage struct {
	Skill                               string
	Required, OnDuty, Shortfall, Excess []int
}

// IntervalCheck is the lead and veteran check of one interval. Present
// counts everyone on shift, breaks included; LeadsNeeded is
// ceil(others / PerAgents); VeteransNeeded ceil(Share × Present) at peaks.
type IntervalCheck struct {
	Start                       time.Time
	Present, Leads, LeadsNeeded int
	Veterans, VeteransNeeded    int
	Peak                        bool
}

// UnmetInterval is an interval and skill below requirement.
type UnmetInterval struct {
	Start                       time.Time
	Skill                       string
	Required, OnDuty, Shortfall int
}

// ExtraAgents is how many more agents of a tier and skill would close the
// shortfall: the largest day's shortfall in shifts, scaled up by the days
// an agent works a week. It is an estimate, not a proof.
type ExtraAgents struct {
	Skill   string // "" for leads and veterans
	Tier    Tier
	CanLead bool
	Agents  int
}

// AgentSummary is one agent's share of the roster.
type AgentSummary struct {
	ID          string
	Shifts      int
	Hours       float64 // paid working hours
	Staffed     float64 // hours on shift, breaks included
	NightHours  float64
	WeekendDays int
	PeakHours   float64
	Cost        float64
	WeekHours   []float64
	// MinHoursShort is the hours below the weekly minimum, all weeks.
	MinHoursShort float64
	Reserve       int
}

// RuleGap is a stretch of one day where a rule about who is on duty is
// not met: Rule is "leads" (LeadRule) or "veterans" (VeteranRule); Hours
// the lead- or veteran-hours missing over [Start, End), Most the most
// missing at once.
type RuleGap struct {
	Rule       string
	Start, End time.Time
	Hours      float64
	Most       int
}

// Violation is a hard rule broken.
type Violation struct {
	Rule    string
	AgentID string // "" for interval checks
	Time    time.Time
	Detail  string
}

func (v Violation) String() string {
	who := v.AgentID
	if who == "" {
		who = "-"
	}
	return fmt.Sprintf("%s %s %s: %s", v.Rule, who, v.Time.Format("2006-01-02 15:04"), v.Detail)
}

// ReserveCheck is one reserve block: the agents it needs and has.
type ReserveCheck struct {
	Start, End time.Time
	Needed     int
	Agents     []string
}

// ErrBadRoster is the cause of every RosterError: the roster given to
// Evaluate is invalid data (exit code 3).
var ErrBadRoster = diag.New(diag.InvalidData, "roster does not fit the model")

// RosterError places a roster that cannot be evaluated: an unknown agent,
// skill or rule, or times off the interval grid or outside the horizon.
// Shift is the index in Roster.Shifts (Reserve in Roster.Reserve; -1 when
// not about one).
type RosterError struct {
	Shift, Reserve int
	AgentID        string
	Err            error
}

func (e *RosterError) Error() string {
	where := ""
	switch {
	case e.Shift >= 0:
		where = fmt.Sprintf("shift %d", e.Shift+1)
	case e.Reserve >= 0:
		where = fmt.Sprintf("reserve duty %d", e.Reserve+1)
	}
	if e.AgentID != "" {
		where += " (" + e.AgentID + ")"
	}
	return "roster: " + where + ": " + e.Err.Error()
}

func (e *RosterError) Unwrap() []error { return []error{ErrBadRoster, e.Err} }

// Objective is the roster's weighted cost under w, the figure the solver
// minimises.
func (e *Evaluation) Objective(w Weights) float64 {
	return w.Shortage*e.ShortageHours + w.Excess*e.ExcessHours + w.LeadGap*e.LeadGapHours + w.VeteranGap*e.VeteranGapHours +
		w.Staffed*e.StaffedHours + w.Cost*e.Cost + w.MinHours*e.MinHoursShort +
		w.HoursSpread*e.HoursSpread + w.NightSpread*e.NightSpread + w.WeekendSpread*e.WeekendSpread + w.PeakSpread*e.PeakSpread
}

// evShift is a shift read back into the evaluation's terms.
type evShift struct {
	idx    int
	agent  int
	skill  int // -1 lead duty
	day    civil.Date
	dayIdx int
	sh     *Shift
	first  time.Time
	last   time.Time
	worked time.Duration // paid: blocks less unpaid breaks
}

// Evaluate reports what roster r does against model m. It works from the
// roster's times alone, with its own checks of every rule, so that it
// also judges rosters made by hand or by another tool. It returns an error
// only when the roster cannot be read against the model (see RosterError).
// It leaves LowerBoundHours and GapPercent zero: the bound is the one
// costly figure, computed apart (package bound) and attached with
// SetLowerBound.
//
// Its stages: read every shift against the model and count it (readShift,
// checkShift, countShift), then coverage, the lead and veteran checks, the
// agents' figures and rules, the reserve and the extra agents a gap asks
// for.
func Evaluate(m *Model, r *Roster) (*Evaluation, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	e := newEvaluator(m)
	var shifts []evShift
	for i := range r.Shifts {
		es, err := e.readShift(i, &r.Shifts[i])
		if err != nil {
			return nil, err
		}
		e.checkShift(&es)
		e.countShift(&es)
		shifts = append(shifts, es)
	}
	e.coverage()
	e.leadsAndVeterans()
	byAgent := e.agents(shifts)
	ev := e.ev
	if err := evaluateReserve(m, &e.g, r, ev, e.agentIdx, byAgent, e.viol); err != nil {
		return nil, err
	}
	ev.Extra = extraAgents(m, &e.g, ev, e.present, e.leads, e.vets, e.peak)
	sort.SliceStable(ev.Violations, func(i, j int) bool { return ev.Violations[i].Time.Before(ev.Violations[j].Time) })
	return ev, nil
}

// SetLowerBound attaches a lower bound on the staffed hours of any roster
// of the model (boundHours, from package bound): LowerBoundHours, and
// GapPercent, the staffed hours above it in percent of it (0 when the
// bound is 0).
func (e *Evaluation) SetLowerBound(boundHours float64) {
	e.LowerBoundHours = boundHours
	e.GapPercent = 0
	if boundHours > 0 {
		e.GapPercent = 100 * (e.StaffedHours - boundHours) / boundHours
	}
}

// evaluator holds what the stages of evaluate share: the model on its
// grid, the look-ups by name, and the counts per slot.
type evaluator struct {
	m    *Model
	g    grid.Grid
	loc  *time.Location
	iv   time.Duration
	n    int
	ev   *Evaluation
	peak []bool
	// night marks the slots of the rules' night.
	night []bool
	// leadsOff: leads do not count toward coverage.
	leadsOff bool

	agentIdx, skillIdx, tmplIdx, ruleIdx map[string]int

	onDuty [][]int // per skill and slot: on the queue, breaks excluded
	// present, leads and vets are on site per slot, breaks included.
	present, leads, vets []int
}

func newEvaluator(m *Model) *evaluator {
	g := grid.New(m.Demand.Start, m.Demand.Interval, m.Demand.Intervals(), m.Rules.WeekStart)
	e := &evaluator{m: m, g: g, loc: g.Loc, iv: m.Demand.Interval, n: g.N,
		ev:       &Evaluation{Start: m.Demand.Start, Interval: m.Demand.Interval},
		leadsOff: m.Leads.ExcludeFromCoverage && m.Leads.PerAgents > 0,
		agentIdx: map[string]int{}, skillIdx: map[string]int{}, tmplIdx: map[string]int{}, ruleIdx: map[string]int{}}
	e.peak, e.night = PeakSlots(m, &e.g), NightSlots(m, &e.g)
	for i, a := range m.Agents {
		e.agentIdx[a.ID] = i
	}
	for k, s := range m.Demand.Skills {
		e.skillIdx[s.Skill] = k
	}
	for i, t := range m.Templates {
		e.tmplIdx[t.Name] = i
	}
	for i, b := range m.Breaks {
		e.ruleIdx[b.Name] = i
	}
	e.onDuty = make([][]int, len(m.Demand.Skills))
	for k := range e.onDuty {
		e.onDuty[k] = make([]int, e.n)
	}
	e.present, e.leads, e.vets = make([]int, e.n), make([]int, e.n), make([]int, e.n)
	return e
}

// viol records a rule broken by agent at t.
func (e *evaluator) viol(rule string, agent string, t time.Time, format string, a ...any) {
	e.ev.Violations = append(e.ev.Violations, Violation{rule, agent, t.In(e.loc), fmt.Sprintf(format, a...)})
}

// slot is the interval t starts, when t is on the grid of the horizon.
func (e *evaluator) slot(t time.Time) (int, bool) {
	d := t.Sub(e.m.Demand.Start)
	if d%e.iv != 0 || d < 0 || d > time.Duration(e.n)*e.iv {
		return 0, false
	}
	return int(d / e.iv), true
}

// readShift reads shift i against the model: its agent, skill, blocks and
// breaks must be known and on the grid (else a *RosterError), and its
// paid time is counted.
func (e *evaluator) readShift(i int, sh *Shift) (evShift, error) {
	fail := func(format string, a ...any) error {
		return &RosterError{Shift: i, Reserve: -1, AgentID: sh.AgentID, Err: fmt.Errorf(format, a...)}
	}
	a, ok := e.agentIdx[sh.AgentID]
	if !ok {
		return evShift{}, fail("unknown agent")
	}
	k := -1
	if sh.Skill != "" {
		if k, ok = e.skillIdx[sh.Skill]; !ok {
			return evShift{}, fail("unknown skill %q", sh.Skill)
		}
	}
	if len(sh.Blocks) == 0 {
		return evShift{}, fail("no blocks")
	}
	es := evShift{idx: i, agent: a, skill: k, sh: sh, first: sh.Blocks[0].Start, last: sh.Blocks[len(sh.Blocks)-1].End}
	for j, b := range sh.Blocks {
		s, ok1 := e.slot(b.Start)
		end, ok2 := e.slot(b.End)
		if !ok1 || !ok2 || end <= s {
			return evShift{}, fail("block %d (%s to %s) is not a stretch of whole intervals inside the horizon", j+1,
				b.Start.In(e.loc).Format(time.RFC3339), b.End.In(e.loc).Format(time.RFC3339))
		}
		if j > 0 && b.Start.Before(sh.Blocks[j-1].End) {
			return evShift{}, fail("block %d starts before block %d ends", j+1, j)
		}
		es.worked += b.End.Sub(b.Start)
	}
	for j, br := range sh.Breaks {
		if _, ok := e.ruleIdx[br.Rule]; !ok {
			return evShift{}, fail("break %d: unknown break rule %q", j+1, br.Rule)
		}
		s, ok1 := e.slot(br.Start)
		end, ok2 := e.slot(br.End)
		if !ok1 || !ok2 || end <= s {
			return evShift{}, fail("break %d is not a stretch of whole intervals inside the horizon", j+1)
		}
		if !br.Paid {
			es.worked -= br.End.Sub(br.Start)
		}
	}
	return es, nil
}

// checkShift records the rules one shift breaks on its own: its skill,
// its template, its breaks and the agent's availability; it sets the
// shift's day.
func (e *evaluator) checkShift(es *evShift) {
	m, sh := e.m, es.sh
	agent := &m.Agents[es.agent]
	switch k := es.skill; {
	case k < 0 && !e.leadsOff:
		e.viol("skill", agent.ID, es.first, "no skill given, and leads count toward coverage")
	case k < 0 && !agent.CanLead:
		e.viol("skill", agent.ID, es.first, "lead duty, but the agent cannot lead")
	case k >= 0 && !agent.HasSkill(sh.Skill):
		e.viol("skill", agent.ID, es.first, "works %s without the skill", sh.Skill)
	}
	es.day = checkTemplate(m, sh, e.tmplIdx, e.loc, func(format string, a ...any) { e.viol("template", agent.ID, es.first, format, a...) })
	es.dayIdx = es.day.Sub(e.g.Dates[0])
	checkBreaks(m, sh, e.ruleIdx, func(rule string, t time.Time, format string, a ...any) { e.viol(rule, agent.ID, t, format, a...) })
	checkAvailability(agent, sh, e.loc, e.iv, func(t time.Time, format string, a ...any) { e.viol("availability", agent.ID, t, format, a...) })
}

// countShift adds the shift to presence (breaks included) and coverage
// (breaks excluded).
func (e *evaluator) countShift(es *evShift) {
	sh, k := es.sh, es.skill
	agent := &e.m.Agents[es.agent]
	for _, b := range sh.Blocks {
		s, _ := e.slot(b.Start)
		end, _ := e.slot(b.End)
		for t := s; t < end; t++ {
			e.present[t]++
			if agent.CanLead && (!e.leadsOff || k < 0) {
				e.leads[t]++
			}
			if agent.IsVeteran() {
				e.vets[t]++
			}
			if k >= 0 {
				e.onDuty[k][t]++
			}
		}
	}
	if k < 0 {
		return
	}
	taken := map[int]bool{}
	for _, br := range sh.Breaks {
		s, _ := e.slot(br.Start)
		end, _ := e.slot(br.End)
		for t := s; t < end; t++ {
			inBlock := false
			for _, b := range sh.Blocks {
				inBlock = inBlock || (!e.g.TimeOf(t).Before(b.Start) && e.g.TimeOf(t).Before(b.End))
			}
			if inBlock && !taken[t] { // a break outside its block or overlapping another is reported, not counted twice
				e.onDuty[k][t]--
				taken[t] = true
			}
		}
	}
}

// coverage compares the agents on the queue with the requirement, per
// skill and interval.
func (e *evaluator) coverage() {
	ev := e.ev
	ivh := e.iv.Hours()
	for k, s := range e.m.Demand.Skills {
		onDuty := e.onDuty[k]
		sc := SkillCoverage{Skill: s.Skill, Required: append([]int(nil), s.Required...), OnDuty: onDuty,
			Shortfall: make([]int, e.n), Excess: make([]int, e.n)}
		for t := range e.n {
			d := onDuty[t] - s.Required[t]
			if d < 0 {
				sc.Shortfall[t] = -d
				ev.ShortageHours += float64(-d) * ivh
				ev.Unmet = append(ev.Unmet, UnmetInterval{e.g.TimeOf(t), s.Skill, s.Required[t], onDuty[t], -d})
			} else {
				sc.Excess[t] = d
				ev.ExcessHours += float64(d) * ivh
			}
			ev.OnQueueHours += float64(onDuty[t]) * ivh
		}
		ev.Skills = append(ev.Skills, sc)
	}
	sort.SliceStable(ev.Unmet, func(i, j int) bool { return ev.Unmet[i].Start.Before(ev.Unmet[j].Start) })
}

// leadsAndVeterans checks the lead and veteran rules interval by interval
// and cuts what is missing into rule gaps.
func (e *evaluator) leadsAndVeterans() {
	m, ev := e.m, e.ev
	share := 0.0
	if m.Veterans.TopK > 0 || len(m.Veterans.Windows) > 0 {
		share = m.Veterans.Share
	}
	leadMissing, vetMissing := make([]int, e.n), make([]int, e.n)
	for t := range e.n {
		ic := IntervalCheck{Start: e.g.TimeOf(t), Present: e.present[t], Leads: e.leads[t], Veterans: e.vets[t], Peak: e.peak[t] && share > 0}
		if N := m.Leads.PerAgents; N > 0 {
			ic.LeadsNeeded = (e.present[t] - e.leads[t] + N - 1) / N
			leadMissing[t] = max(0, ic.LeadsNeeded-ic.Leads)
		}
		if ic.Peak {
			ic.VeteransNeeded = int(math.Ceil(share*float64(e.present[t]) - 1e-9))
			vetMissing[t] = max(0, ic.VeteransNeeded-ic.Veterans)
		}
		ev.Intervals = append(ev.Intervals, ic)
	}
	ev.RuleGaps = append(RuleGaps("leads", leadMissing, &e.g), RuleGaps("veterans", vetMissing, &e.g)...)
	sort.SliceStable(ev.RuleGaps, func(i, j int) bool { return ev.RuleGaps[i].Start.Before(ev.RuleGaps[j].Start) })
	for _, rg := range ev.RuleGaps {
		if rg.Rule == "leads" {
			ev.LeadGapHours += rg.Hours
		} else {
			ev.VeteranGapHours += rg.Hours
		}
	}
}

// agents sums each agent's shifts (hours, nights, weekends, peak hours,
// weeks, cost, contract hours missing), checks the agent's own rules, and
// returns the shifts per agent by start.
func (e *evaluator) agents(shifts []evShift) [][]evShift {
	m, ev := e.m, e.ev
	byAgent := make([][]evShift, len(m.Agents))
	for _, es := range shifts {
		byAgent[es.agent] = append(byAgent[es.agent], es)
	}
	var hoursX, nightX, weekendX, peakX []float64
	for a := range m.Agents {
		agent := &m.Agents[a]
		list := byAgent[a]
		sort.SliceStable(list, func(i, j int) bool { return list[i].first.Before(list[j].first) })
		sum := e.agentSummary(agent, list)
		checkAgentRules(m, &e.g, agent, list, func(rule string, t time.Time, format string, x ...any) { e.viol(rule, agent.ID, t, format, x...) })
		ev.StaffedHours += sum.Staffed
		ev.PaidHours += sum.Hours
		ev.Cost += sum.Cost
		ev.MinHoursShort += sum.MinHoursShort
		hoursX = append(hoursX, sum.Hours/fteOf(agent, &m.Rules))
		nightX = append(nightX, sum.NightHours)
		weekendX = append(weekendX, float64(sum.WeekendDays))
		peakX = append(peakX, sum.PeakHours)
		ev.Agents = append(ev.Agents, sum)
	}
	ev.HoursSpread, ev.NightSpread, ev.WeekendSpread, ev.PeakSpread = stdDev(hoursX), stdDev(nightX), stdDev(weekendX), stdDev(peakX)
	return byAgent
}

// agentSummary is the figures of one agent's shifts (by start).
func (e *evaluator) agentSummary(agent *Agent, list []evShift) AgentSummary {
	g := &e.g
	ivh := e.iv.Hours()
	sum := AgentSummary{ID: agent.ID, Shifts: len(list), WeekHours: make([]float64, len(g.Weeks))}
	for _, es := range list {
		sum.Hours += es.worked.Hours()
		for _, b := range es.sh.Blocks {
			sum.Staffed += b.End.Sub(b.Start).Hours()
			s, _ := e.slot(b.Start)
			end, _ := e.slot(b.End)
			for t := s; t < end; t++ {
				if e.night[t] {
					sum.NightHours += ivh
				}
				if e.peak[t] {
					sum.PeakHours += ivh
				}
			}
		}
		if wd := es.day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			sum.WeekendDays++
		}
		if es.dayIdx >= 0 && es.dayIdx < len(g.Dates) {
			sum.WeekHours[g.WeekOf[es.dayIdx]] += es.worked.Hours()
		}
	}
	sum.Cost = sum.Hours * agent.HourlyCost
	for w, wk := range g.Weeks {
		minMin := int64(agent.MinWeekly/time.Minute) * int64(wk.Days) / 7
		workedMin := int64(math.Round(sum.WeekHours[w] * 60))
		sum.MinHoursShort += float64(max(0, minMin-workedMin)) / 60
	}
	return sum
}

// RuleGaps cuts the slots missing someone into stretches of consecutive
// slots within one day.
func RuleGaps(rule string, missing []int, g *grid.Grid) []RuleGap {
	var out []RuleGap
	ivh := g.Iv.Hours()
	for t := 0; t < len(missing); {
		if missing[t] == 0 {
			t++
			continue
		}
		rg := RuleGap{Rule: rule, Start: g.TimeOf(t)}
		day := g.DayOf[t]
		for ; t < len(missing) && missing[t] > 0 && g.DayOf[t] == day; t++ {
			rg.Hours += float64(missing[t]) * ivh
			rg.Most = max(rg.Most, missing[t])
		}
		rg.End = g.TimeOf(t)
		out = append(out, rg)
	}
	return out
}

// fteOf is an agent's weekly capacity over 40 hours (at least 0.05), by
// which hours are scaled before their spread is taken.
func fteOf(a *Agent, r *Rules) float64 {
	week := time.Duration(0)
	if a.MaxWeekly > 0 {
		week = a.MaxWeekly
	}
	if r.MaxWeekly > 0 && (week == 0 || r.MaxWeekly < week) {
		week = r.MaxWeekly
	}
	if week == 0 {
		return 1
	}
	return max(float64(week/time.Minute)/(40*60), 0.05)
}

// wallMinutes is the wall-clock minutes from day's midnight to t, past
// 1440 when t falls on a later day.
func wallMinutes(day civil.Date, t time.Time) int {
	d := civil.DateOf(t)
	return d.Sub(day)*24*60 + t.Hour()*60 + t.Minute()
}

// checkTemplate checks a shift against its template and returns the day
// the shift belongs to (the start's date, or the day before for a start
// window that crosses midnight).
func checkTemplate(m *Model, sh *Shift, tmplIdx map[string]int, loc *time.Location, viol func(string, ...any)) civil.Date {
	start := sh.Blocks[0].Start.In(loc)
	day := civil.DateOf(start)
	ti, ok := tmplIdx[sh.Template]
	if !ok {
		viol("unknown template %q", sh.Template)
		return day
	}
	t := &m.Templates[ti]
	for _, d := range []civil.Date{day, day.AddDays(-1)} {
		if !t.AppliesOn(d) {
			continue
		}
		if t.IsSplit() {
			if matchSplit(m, t, d, sh, loc) {
				return d
			}
			continue
		}
		if len(sh.Blocks) != 1 {
			continue
		}
		c := wallMinutes(d, start)
		last := int(t.LatestStart)
		if t.LatestStart < t.EarliestStart {
			last += 24 * 60
		}
		stepMin := int(t.Step / time.Minute)
		l := sh.Blocks[0].End.Sub(sh.Blocks[0].Start)
		if c >= int(t.EarliestStart) && c <= last && (c-int(t.EarliestStart))%stepMin == 0 &&
			l >= t.MinLength && l <= t.MaxLength && (l-t.MinLength)%t.Step == 0 {
			return d
		}
	}
	viol("the shift %s is not one template %s allows", describeBlocks(sh.Blocks, loc), t.Name)
	return day
}

func describeBlocks(bs []Span, loc *time.Location) string {
	s := ""
	for i, b := range bs {
		if i > 0 {
			s += ", "
		}
		s += b.Start.In(loc).Format("2006-01-02 15:04") + "-" + b.End.In(loc).Format("15:04")
	}
	return s
}

func matchSplit(m *Model, t *ShiftTemplate, d civil.Date, sh *Shift, loc *time.Location) bool {
	if len(sh.Blocks) < t.MinBlocks || len(sh.Blocks) > t.MaxBlocks {
		return false
	}
	rest := max(t.MinBlockRest, m.Rules.MinBlockRest)
	j := 0
	for i, b := range sh.Blocks {
		found := false
		for ; j < len(t.Blocks); j++ {
			tb := t.Blocks[j]
			if b.Start.Equal(d.At(tb.From, loc)) && b.End.Equal(d.At(civil.Clock(tb.End()), loc)) {
				found = true
				j++
				break
			}
		}
		if !found {
			return false
		}
		if i > 0 && b.Start.Sub(sh.Blocks[i-1].End) < rest {
			return false
		}
	}
	return true
}

// checkBreaks checks a shift's breaks block by block: every rule that
// applies taken once inside its window, no other break, none overlapping.
func checkBreaks(m *Model, sh *Shift, ruleIdx map[string]int, viol func(string, time.Time, string, ...any)) {
	used := make([]bool, len(sh.Breaks))
	for bi, b := range sh.Blocks {
		l := b.End.Sub(b.Start)
		for _, rule := range m.Breaks {
			if l <= rule.RequiredAbove {
				continue
			}
			found := -1
			for j, br := range sh.Breaks {
				if !used[j] && br.Rule == rule.Name && !br.Start.Before(b.Start) && !br.End.After(b.End) {
					found = j
					break
				}
			}
			if found < 0 {
				viol("breaks", b.Start, "block %d (%v) has no %s break", bi+1, civil.FormatDuration(l), rule.Name)
				continue
			}
			used[found] = true
			br := sh.Breaks[found]
			lo := b.Start.Add(rule.From)
			hi := b.End.Add(-rule.BeforeEnd)
			if rule.To > 0 && b.Start.Add(rule.To).Before(hi) {
				hi = b.Start.Add(rule.To)
			}
			switch {
			case br.End.Sub(br.Start) != rule.Duration:
				viol("breaks", br.Start, "%s break lasts %v, the rule says %v", rule.Name, civil.FormatDuration(br.End.Sub(br.Start)), civil.FormatDuration(rule.Duration))
			case br.Start.Before(lo) || br.End.After(hi):
				viol("breaks", br.Start, "%s break outside its window %s-%s", rule.Name, lo.Format("15:04"), hi.Format("15:04"))
			case br.Paid != rule.Paid:
				viol("breaks", br.Start, "%s break marked paid=%v, the rule says %v", rule.Name, br.Paid, rule.Paid)
			}
		}
	}
	for j, br := range sh.Breaks {
		if !used[j] {
			viol("breaks", br.Start, "%s break is not required in its block (or lies outside every block)", br.Rule)
		}
		for q := j + 1; q < len(sh.Breaks); q++ {
			o := sh.Breaks[q]
			if br.Start.Before(o.End) && o.Start.Before(br.End) {
				viol("breaks", br.Start, "%s and %s breaks overlap", br.Rule, o.Rule)
			}
		}
	}
}

// checkAvailability checks every interval of the shift against the
// agent's windows and days off.
func checkAvailability(a *Agent, sh *Shift, loc *time.Location, iv time.Duration, viol func(time.Time, string, ...any)) {
	for _, b := range sh.Blocks {
		for t := b.Start; t.Before(b.End); t = t.Add(iv) {
			lt := t.In(loc)
			date := civil.DateOf(lt)
			if slices.Contains(a.DaysOff, date) || slices.Contains(a.WeekdaysOff, date.Weekday()) {
				viol(t, "works on a day off (%s)", date)
				break
			}
			if len(a.Available) == 0 {
				continue
			}
			ok := false
			for _, w := range a.Available {
				for _, d := range []civil.Date{date, date.AddDays(-1)} {
					if len(w.Days) > 0 && !slices.Contains(w.Days, d.Weekday()) {
						continue
					}
					from, to := d.At(w.Span.From, loc), d.At(civil.Clock(w.Span.End()), loc)
					if !t.Before(from) && !t.Add(iv).After(to) {
						ok = true
					}
				}
			}
			if !ok {
				viol(t, "works outside their availability at %s", lt.Format("2006-01-02 15:04"))
				break
			}
		}
	}
}

// checkAgentRules checks rest, limits, days off and overtime over one
// agent's shifts (sorted by start): shift by shift, the run of days, then
// week by week and month by month.
func checkAgentRules(m *Model, g *grid.Grid, a *Agent, list []evShift, viol func(string, time.Time, string, ...any)) {
	ac := agentCheck{r: &m.Rules, g: g, list: list, viol: viol}
	ac.limits(a)
	ac.shifts()
	ac.consecutiveDays()
	monthOT := map[[2]int]time.Duration{}
	for _, wk := range g.Weeks {
		ac.week(wk, monthOT)
	}
	ac.monthOvertime(monthOT)
}

// agentCheck is one agent's shifts as checkAgentRules goes through them.
type agentCheck struct {
	r                   *Rules
	g                   *grid.Grid
	list                []evShift
	viol                func(string, time.Time, string, ...any)
	maxDaily, maxWeekly time.Duration // the agent's own or the rules', the lower
	workedOn            []time.Duration
	worksOn             []bool
}

// limits takes the lower of the agent's and the rules' daily and weekly
// hours (0: none).
func (ac *agentCheck) limits(a *Agent) {
	r := ac.r
	ac.maxDaily = a.MaxDaily
	if r.MaxDaily > 0 && (ac.maxDaily == 0 || r.MaxDaily < ac.maxDaily) {
		ac.maxDaily = r.MaxDaily
	}
	ac.maxWeekly = a.MaxWeekly
	if r.MaxWeekly > 0 && (ac.maxWeekly == 0 || r.MaxWeekly < ac.maxWeekly) {
		ac.maxWeekly = r.MaxWeekly
	}
}

// shifts checks each shift and its neighbour: hours a day, overlaps,
// rest, one shift a day, rest between blocks; it sums the days worked.
func (ac *agentCheck) shifts() {
	r, g, list, viol := ac.r, ac.g, ac.list, ac.viol
	nd := len(g.Dates)
	ac.workedOn = make([]time.Duration, nd)
	ac.worksOn = make([]bool, nd)
	for i, es := range list {
		if ac.maxDaily > 0 && es.worked > ac.maxDaily {
			viol("max_daily", es.first, "works %v on %s, at most %v", civil.FormatDuration(es.worked), es.day, civil.FormatDuration(ac.maxDaily))
		}
		if i > 0 {
			prev := list[i-1]
			gap := es.first.Sub(prev.last)
			if gap < 0 {
				viol("overlap", es.first, "overlaps the shift ending %s", prev.last.In(g.Loc).Format("2006-01-02 15:04"))
			} else if gap < r.MinRest {
				viol("min_rest", es.first, "rests %v after the shift ending %s, at least %v", civil.FormatDuration(gap), prev.last.In(g.Loc).Format("2006-01-02 15:04"), civil.FormatDuration(r.MinRest))
			}
			if prev.day == es.day {
				viol("one_shift_per_day", es.first, "a second shift on %s", es.day)
			}
		}
		for j := 1; j < len(es.sh.Blocks); j++ {
			if gap := es.sh.Blocks[j].Start.Sub(es.sh.Blocks[j-1].End); gap < r.MinBlockRest {
				viol("block_rest", es.sh.Blocks[j].Start, "rests %v between blocks, at least %v", civil.FormatDuration(gap), civil.FormatDuration(r.MinBlockRest))
			}
		}
		if es.dayIdx >= 0 && es.dayIdx < nd {
			ac.workedOn[es.dayIdx] += es.worked
			ac.worksOn[es.dayIdx] = true
		}
	}
}

// consecutiveDays checks the longest run of days worked.
func (ac *agentCheck) consecutiveDays() {
	r, g := ac.r, ac.g
	if r.MaxConsecutiveDays <= 0 {
		return
	}
	run := 0
	for d := range len(g.Dates) {
		if !ac.worksOn[d] {
			run = 0
			continue
		}
		run++
		if run == r.MaxConsecutiveDays+1 {
			ac.viol("max_consecutive_days", g.Dates[d].At(0, g.Loc), "works %d days in a row, at most %d", run, r.MaxConsecutiveDays)
		}
	}
}

// Week checks a week's hours, days off, two-day weekend, weekly rest and
// daily overtime, and adds its overtime to its months.
func (ac *agentCheck) week(wk grid.Week, monthOT map[[2]int]time.Duration) {
	r, g, viol := ac.r, ac.g, ac.viol
	nd := len(g.Dates)
	var sum time.Duration
	off := 0
	for d := wk.FirstDay; d < wk.FirstDay+wk.Days; d++ {
		sum += ac.workedOn[d]
		if !ac.worksOn[d] {
			off++
		}
	}
	weekStart := g.Dates[wk.FirstDay].At(0, g.Loc)
	if ac.maxWeekly > 0 && sum > ac.maxWeekly {
		viol("max_weekly", weekStart, "works %v in the week, at most %v", civil.FormatDuration(sum), civil.FormatDuration(ac.maxWeekly))
	}
	if need := r.DaysOffPerWeek * wk.Days / 7; off < need {
		viol("days_off", weekStart, "%d days off in the week, at least %d", off, need)
	}
	if r.TwoDayWeekend && wk.Full {
		pair := false
		for d := wk.FirstDay; d < wk.FirstDay+7; d++ {
			pair = pair || (!ac.worksOn[d] && (d+1 >= nd || !ac.worksOn[d+1]))
		}
		if !pair {
			viol("two_day_weekend", weekStart, "no two consecutive days off in the week")
		}
	}
	if r.WeeklyRest > 0 {
		if best := ac.longestRest(wk); best < r.WeeklyRest {
			viol("weekly_rest", weekStart, "longest rest in the week %v, at least %v", civil.FormatDuration(best), civil.FormatDuration(r.WeeklyRest))
		}
	}
	ot := r.Overtime
	if !ot.Enabled() {
		return
	}
	var regular time.Duration
	for d := wk.FirstDay; d < wk.FirstDay+wk.Days; d++ {
		h := ac.workedOn[d]
		if h == 0 {
			continue
		}
		reg := min(h, ot.StandardDay, max(0, ot.StandardWeek-regular))
		regular += reg
		if ot.MaxDay > 0 && h-reg > ot.MaxDay {
			viol("overtime_day", g.Dates[d].At(0, g.Loc), "%v of overtime on %s, at most %v", civil.FormatDuration(h-reg), g.Dates[d], civil.FormatDuration(ot.MaxDay))
		}
		date := g.Dates[d]
		monthOT[[2]int{date.Year, int(date.Month)}] += h - reg
	}
}

// longestRest is the longest time off in the calendar week (from
// Rules.WeekStart) that holds the week wk's first day.
func (ac *agentCheck) longestRest(wk grid.Week) time.Duration {
	g := ac.g
	first := g.Dates[wk.FirstDay]
	ws := first.AddDays(-((int(first.Weekday()) - int(ac.r.WeekStart) + 7) % 7)).At(0, g.Loc)
	we := civil.DateOf(ws).AddDays(7).At(0, g.Loc)
	cursor := ws
	var best time.Duration
	for _, es := range ac.list {
		if !es.last.After(ws) || !es.first.Before(we) {
			continue
		}
		if gap := es.first.Sub(cursor); gap > best {
			best = gap
		}
		if es.last.After(cursor) {
			cursor = es.last
		}
	}
	if gap := we.Sub(cursor); gap > best {
		best = gap
	}
	return best
}

// monthOvertime checks the overtime of each month, in month order.
func (ac *agentCheck) monthOvertime(monthOT map[[2]int]time.Duration) {
	ot := ac.r.Overtime
	if !ot.Enabled() || ot.MaxMonth <= 0 {
		return
	}
	keys := make([][2]int, 0, len(monthOT))
	for k := range monthOT {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]*12+keys[i][1] < keys[j][0]*12+keys[j][1] })
	for _, k := range keys {
		if monthOT[k] > ot.MaxMonth {
			ac.viol("overtime_month", time.Date(k[0], time.Month(k[1]), 1, 0, 0, 0, 0, ac.g.Loc), "%v of overtime in %04d-%02d, at most %v", civil.FormatDuration(monthOT[k]), k[0], k[1], civil.FormatDuration(ot.MaxMonth))
		}
	}
}

// evaluateReserve checks the reserve duties against the blocks that need
// them and the rules an agent on call must keep (see reserveSquad).
func evaluateReserve(m *Model, g *grid.Grid, r *Roster, ev *Evaluation, agentIdx map[string]int, byAgent [][]evShift,
	viol func(string, string, time.Time, string, ...any)) error {
	blocks := ReserveBlocks(m, g)
	type key struct{ s, e int64 }
	at := map[key]int{}
	for i, b := range blocks {
		ev.Reserve = append(ev.Reserve, ReserveCheck{Start: b.Start, End: b.End, Needed: b.Count})
		at[key{b.Start.UnixNano(), b.End.UnixNano()}] = i
	}
	dutyDays := map[string]map[civil.Date]bool{}
	duties := map[string][]Span{} // each agent's duties so far
	dutyWeek := map[string]map[int]time.Duration{}
	for i, d := range r.Reserve {
		a, ok := agentIdx[d.AgentID]
		if !ok {
			return &RosterError{Shift: -1, Reserve: i, AgentID: d.AgentID, Err: errors.New("unknown agent")}
		}
		agent := &m.Agents[a]
		bi, ok := at[key{d.Start.UnixNano(), d.End.UnixNano()}]
		if !ok {
			viol("reserve", agent.ID, d.Start, "on call %s-%s, which is no reserve block", d.Start.In(g.Loc).Format("2006-01-02 15:04"), d.End.In(g.Loc).Format("15:04"))
			continue
		}
		ev.Agents[a].Reserve++
		rc := &ev.Reserve[bi]
		rc.Agents = append(rc.Agents, agent.ID)
		day := civil.DateOf(d.Start.In(g.Loc))
		if dutyDays[agent.ID] == nil {
			dutyDays[agent.ID], dutyWeek[agent.ID] = map[civil.Date]bool{}, map[int]time.Duration{}
		}
		if dutyDays[agent.ID][day] {
			viol("reserve", agent.ID, d.Start, "on call twice on %s", day)
		}
		dutyDays[agent.ID][day] = true
		sh := Shift{Blocks: []Span{{d.Start, d.End}}}
		checkAvailability(agent, &sh, g.Loc, m.Demand.Interval, func(t time.Time, format string, x ...any) {
			viol("reserve", agent.ID, t, "on call but "+format, x...)
		})
		for _, es := range byAgent[a] {
			if es.first.Before(d.End.Add(m.Rules.MinRest)) && d.Start.Before(es.last.Add(m.Rules.MinRest)) {
				viol("reserve", agent.ID, d.Start, "on call within the minimum rest of a shift")
			}
		}
		for _, o := range duties[agent.ID] {
			// called in for both, the agent would work both
			if o.Start.Before(d.End.Add(m.Rules.MinRest)) && d.Start.Before(o.End.Add(m.Rules.MinRest)) {
				viol("reserve", agent.ID, d.Start, "on call within the minimum rest of another duty on call (%s)", o.Start.In(g.Loc).Format("2006-01-02 15:04"))
			}
		}
		duties[agent.ID] = append(duties[agent.ID], Span{d.Start, d.End})
		maxDaily, maxWeekly := TighterLimit(agent.MaxDaily, m.Rules.MaxDaily), TighterLimit(agent.MaxWeekly, m.Rules.MaxWeekly)
		if maxDaily > 0 && d.End.Sub(d.Start) > maxDaily {
			viol("reserve", agent.ID, d.Start, "on call for longer than a working day")
		}
		w := g.WeekOf[day.Sub(g.Dates[0])]
		dutyWeek[agent.ID][w] += d.End.Sub(d.Start)
		if maxWeekly > 0 && time.Duration(ev.Agents[a].WeekHours[w]*float64(time.Hour))+dutyWeek[agent.ID][w] > maxWeekly+time.Second {
			viol("reserve", agent.ID, d.Start, "shifts and duties on call exceed the weekly hours")
		}
	}
	for i := range ev.Reserve {
		ev.ReserveShort += max(0, ev.Reserve[i].Needed-len(ev.Reserve[i].Agents))
	}
	return nil
}

// TighterLimit is the tighter of two limits where 0 means none.
func TighterLimit(x, y time.Duration) time.Duration {
	if x == 0 || (y > 0 && y < x) {
		return y
	}
	return x
}

// extraAgents estimates who would close the shortfall: per skill, the
// worst day's short agent-hours in shifts of the longest template length,
// at least the worst interval's shortfall, scaled by the share of days an
// agent works; leads and veterans where they were the binding limit.
func extraAgents(m *Model, g *grid.Grid, ev *Evaluation, present, leads, vets []int, peak []bool) []ExtraAgents {
	if len(ev.Unmet) == 0 {
		return nil
	}
	var longest time.Duration
	for _, t := range m.Templates {
		if t.IsSplit() {
			for _, b := range t.Blocks {
				longest += time.Duration(b.Minutes()) * time.Minute
			}
		} else {
			longest = max(longest, t.MaxLength)
		}
	}
	longest = max(longest, time.Hour)
	workDays := 7.0
	if m.Rules.DaysOffPerWeek > 0 {
		workDays = float64(7 - m.Rules.DaysOffPerWeek)
	}
	var out []ExtraAgents
	shortAt := make([]int, g.N)
	for k, sc := range ev.Skills {
		dayShort := make([]float64, len(g.Dates))
		peakShort := 0
		for t, x := range sc.Shortfall {
			dayShort[g.DayOf[t]] += float64(x) * m.Demand.Interval.Hours()
			peakShort = max(peakShort, x)
			shortAt[t] += x
		}
		worst := 0.0
		for _, h := range dayShort {
			worst = max(worst, h)
		}
		if worst == 0 {
			continue
		}
		perDay := max(float64(peakShort), math.Ceil(worst/longest.Hours()))
		out = append(out, ExtraAgents{Skill: m.Demand.Skills[k].Skill, Tier: TierRegular, Agents: int(math.Ceil(perDay * 7 / workDays))})
	}
	leadNeed, vetNeed := 0, 0
	share := 0.0
	if m.Veterans.TopK > 0 || len(m.Veterans.Windows) > 0 {
		share = m.Veterans.Share
	}
	for t, x := range shortAt {
		if x == 0 {
			continue
		}
		if N := m.Leads.PerAgents; N > 0 && leads[t]*N-(present[t]-leads[t]) < x {
			leadNeed = max(leadNeed, (x+N-1)/N)
		}
		if share > 0 && peak[t] {
			extraVets := int(math.Ceil(share*float64(present[t]+x)-1e-9)) - vets[t]
			vetNeed = max(vetNeed, extraVets)
		}
	}
	if leadNeed > 0 {
		out = append(out, ExtraAgents{Tier: TierVeteran, CanLead: true, Agents: int(math.Ceil(float64(leadNeed) * 7 / workDays))})
	}
	if vetNeed > 0 {
		out = append(out, ExtraAgents{Tier: TierVeteran, Agents: int(math.Ceil(float64(vetNeed) * 7 / workDays))})
	}
	return out
}
