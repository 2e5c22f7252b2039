package roster

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Tier is an agent's experience class. Veterans take the peaks and lead
// squads; the others are counted alike for coverage.
type Tier string

// The tiers of a peak-season team: veterans, regulars, newcomers, staff
// of other departments who help out (all-hands) and outsourced agents.
const (
	TierVeteran    Tier = "veteran"
	TierRegular    Tier = "regular"
	TierNew        Tier = "new"
	TierAllHands   Tier = "all-hands" // staff lent by other departments
	TierOutsourced Tier = "outsourced"
)

// Tiers lists the valid tiers.
var Tiers = []Tier{TierVeteran, TierRegular, TierNew, TierAllHands, TierOutsourced}

// Agent is one named person who can be rostered. Zero limits mean the
// agent has no limit of their own (the Rules still apply).
type Agent struct {
	ID, Name string
	Tier     Tier // "" is TierRegular
	// Skills are the demand skills (channels) the agent may work; one
	// shift works one skill.
	Skills []string
	Team   string
	// MinWeekly is a contract minimum: missing hours are penalised, not
	// forbidden, because an empty roster must stay legal.
	MinWeekly, MaxWeekly, MaxDaily time.Duration
	// Available are the times the agent can work; none means any time.
	Available []Window
	// DaysOff are dates and WeekdaysOff days of the week with no work.
	DaysOff     []civil.Date
	WeekdaysOff []time.Weekday
	HourlyCost  float64 // per paid hour
	// CanLead marks a veteran who may lead a squad (LeadRule).
	CanLead bool
}

// TierOrRegular is the agent's tier, TierRegular when none is set.
func (a *Agent) TierOrRegular() Tier {
	if a.Tier == "" {
		return TierRegular
	}
	return a.Tier
}

// IsVeteran reports whether the agent counts as a veteran at the peaks.
func (a *Agent) IsVeteran() bool { return a.TierOrRegular() == TierVeteran }

// HasSkill reports whether the agent may work skill.
func (a *Agent) HasSkill(skill string) bool {
	for _, s := range a.Skills {
		if s == skill {
			return true
		}
	}
	return false
}

// Window is a recurring stretch of availability: Span on the given days
// of the week (all days when Days is empty). A span crossing midnight
// belongs to the day it starts on.
type Window struct {
	Days []time.Weekday
	Span ClockSpan
}

// ShiftTemplate is a family of shifts. A plain template allows every
// start from EarliestStart to LatestStart and every length from MinLength
// to MaxLength, both in Step. A split template (Blocks set) is for peak
// days when nobody can keep the pace all day: a shift takes MinBlocks to
// MaxBlocks of the day's Blocks, with at least MinBlockRest between two.
type ShiftTemplate struct {
	Name string
	// Plain templates. LatestStart before EarliestStart crosses midnight
	// (21:00 to 00:00 is written 21:00, 00:00).
	EarliestStart, LatestStart civil.Clock
	MinLength, MaxLength       time.Duration
	Step                       time.Duration
	// Split templates.
	Blocks               []ClockSpan
	MinBlocks, MaxBlocks int
	MinBlockRest         time.Duration
	// The template applies on a date when its weekday is in Days (any
	// when empty), it is in Dates (any when empty) and not in ExceptDates.
	Days        []time.Weekday
	Dates       []civil.Date
	ExceptDates []civil.Date
}

// IsSplit reports whether t is a split template.
func (t *ShiftTemplate) IsSplit() bool { return len(t.Blocks) > 0 }

func (t *ShiftTemplate) AppliesOn(d civil.Date) bool {
	if len(t.Days) > 0 && !slices.Contains(t.Days, d.Weekday()) {
		return false
	}
	if len(t.Dates) > 0 && !slices.Contains(t.Dates, d) {
		return false
	}
	return !slices.Contains(t.ExceptDates, d)
}

// BreakRule is a break every work block longer than RequiredAbove takes,
// inside a window measured from the block's start and end. A split
// shift's rest between blocks is its break, so rules apply per block.
type BreakRule struct {
	Name     string
	Duration time.Duration
	// From is the earliest start after the block starts; To (0: none) the
	// latest end after the block starts; BeforeEnd how long before the
	// block's end the break must be over. "A 15-minute break between +2h
	// and +4h" is From 2h, To 4h; "a meal at least 3h from both ends" is
	// From 3h, BeforeEnd 3h.
	From, To, BeforeEnd time.Duration
	Paid                bool
	RequiredAbove       time.Duration
}

// Rules are the labour rules and limits every roster must keep; zero
// values switch a rule off. Preset fills them for a jurisdiction.
type Rules struct {
	Preset string // the preset the rules came from, for reports
	// MinRest is the least time between the end of one shift and the
	// start of the next; MinBlockRest between two blocks of a split shift.
	MinRest, MinBlockRest time.Duration
	// WeeklyRest is an uninterrupted rest every week (EU: 24h).
	WeeklyRest         time.Duration
	MaxConsecutiveDays int
	// DaysOffPerWeek are days without a shift starting; a week the horizon
	// only partly covers needs its share, rounded down. TwoDayWeekend asks
	// for two consecutive days off in every full week (the pair may run
	// into the next week); which two rotates with the fairness of weekends.
	DaysOffPerWeek int
	TwoDayWeekend  bool
	// MaxDaily and MaxWeekly cap paid working time (breaks that are paid
	// count, unpaid ones do not).
	MaxDaily, MaxWeekly time.Duration
	// WeekStart is the first day of a week for the weekly rules (the zero
	// value is Sunday; readers and presets use Monday).
	WeekStart time.Weekday
	// BreakAbove: a block longer than this must get a break (EU: 6h).
	BreakAbove time.Duration
	Overtime   Overtime
	// Night is the stretch of the day whose hours are shared out fairly.
	Night ClockSpan
}

// Overtime caps work beyond standard hours (the Chinese rule). A day's
// hours are standard up to StandardDay and while the week has not reached
// StandardWeek; the rest is overtime, at most MaxDay on a day and MaxMonth
// in a calendar month (counted within the horizon).
type Overtime struct {
	StandardDay, StandardWeek time.Duration
	MaxDay, MaxMonth          time.Duration
}

func (o Overtime) Enabled() bool { return o.StandardDay > 0 || o.StandardWeek > 0 }

// LeadRule asks for a lead on duty (a veteran who CanLead, on shift) for
// every PerAgents other agents on duty, in every interval. A lead on a
// break is still on site, so presence is counted, not coverage.
type LeadRule struct {
	PerAgents int // 0: no rule
	// ExcludeFromCoverage takes leads off the queue: their shifts work no
	// skill (Shift.Skill is "") and only they count as leads.
	ExcludeFromCoverage bool
}

// VeteranRule asks that at least Share of the agents on duty be veterans
// in the peak intervals: the TopK intervals of each day with the highest
// total requirement, and the intervals inside Windows.
type VeteranRule struct {
	Share   float64
	TopK    int
	Windows []PeakWindow
}

// PeakWindow is a named peak stretch of the day, on the given dates (every
// day when Dates is empty); Double 11 has 00:00-02:00, 10:00-12:00 and
// 23:00-24:00.
type PeakWindow struct {
	Span  ClockSpan
	Dates []civil.Date
}

// ReserveRule keeps a rapid-response squad on call in every Block of the
// day (from local midnight) that has any requirement: Agents agents, or
// with FromGap the largest gap between the Upper and the Required demand
// in the block when that is more. Reserve agents come from the roster,
// are off shift during their block and are not counted in coverage.
type ReserveRule struct {
	Agents  int
	FromGap bool
	Block   time.Duration
}

func (r ReserveRule) enabled() bool { return r.Block > 0 && (r.Agents > 0 || r.FromGap) }

// Demand is the agents required per interval and skill. Required is what
// must be covered (breaks excluded); Upper, optional, a high quantile
// (P90) whose gap to Required sizes the reserve.
type Demand struct {
	Start    time.Time // the first interval; its location is the roster's time zone
	Interval time.Duration
	Skills   []SkillDemand
}

// SkillDemand is one skill's series.
type SkillDemand struct {
	Skill    string
	Required []int
	Upper    []int
}

// Intervals is the number of intervals of the horizon.
func (d *Demand) Intervals() int {
	if len(d.Skills) == 0 {
		return 0
	}
	return len(d.Skills[0].Required)
}

// Model is everything a roster is built from. It is plain data: the
// solver and Evaluate read it and never change it.
type Model struct {
	Agents    []Agent
	Templates []ShiftTemplate
	Breaks    []BreakRule
	Rules     Rules
	Leads     LeadRule
	Veterans  VeteranRule
	Reserve   ReserveRule
	Demand    Demand
}

// ErrInvalidModel is the cause of every ValidationError.
var ErrInvalidModel = diag.New(diag.InvalidData, "invalid roster model")

// ValidationError names the part of a model at fault: Section is agent,
// template, break, rules, leads, veterans, reserve or demand; Index its
// position in its list (-1 for a single section) and Name its name or ID.
type ValidationError struct {
	Section string
	Index   int
	Name    string
	Field   string
	Err     error
}

func (e *ValidationError) Error() string {
	where := e.Section
	if e.Index >= 0 {
		where += fmt.Sprintf(" %d", e.Index+1)
	}
	if e.Name != "" {
		where += fmt.Sprintf(" (%s)", e.Name)
	}
	if e.Field != "" {
		where += ": " + e.Field
	}
	return "roster: " + where + ": " + e.Err.Error()
}

func (e *ValidationError) Unwrap() []error { return []error{ErrInvalidModel, e.Err} }

// ValidationErrorf is the ValidationError of one field of the model:
// section and index name the item (index -1 for a section of its own).
func ValidationErrorf(section string, index int, name, field, format string, a ...any) error {
	return &ValidationError{section, index, name, field, fmt.Errorf(format, a...)}
}

// MaxPatterns and MaxPatternSlots bound the candidate shifts: templates
// that allow every start and length of a long horizon would otherwise
// exhaust memory.
const (
	MaxPatterns     = 400_000
	MaxPatternSlots = 30_000_000
)

// maxHorizonDays bounds the horizon so that a bad file cannot ask for
// years of 1-minute intervals.
const maxHorizonDays = 400

// ValidationErrors are every problem of a model (or a rules file), in the
// order Validate meets them.
type ValidationErrors []*ValidationError

func (l ValidationErrors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (l ValidationErrors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// add appends the *ValidationErrors of errs (nil ones are skipped).
func (l *ValidationErrors) add(errs ...error) {
	for _, err := range errs {
		var list ValidationErrors
		var ve *ValidationError
		switch {
		case err == nil:
		case errors.As(err, &list):
			*l = append(*l, list...)
		case errors.As(err, &ve):
			*l = append(*l, ve)
		default:
			*l = append(*l, &ValidationError{"", -1, "", "", err})
		}
	}
}

// Validate checks the model and returns its first problem, a
// *ValidationError (ValidateAll returns them all).
func (m *Model) Validate() error {
	if errs := m.problems(); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// ValidateAll checks the model and returns every problem it finds, as
// ValidationErrors: every template, break and rule at fault, not the
// first alone, so that a file is mended in one pass.
func (m *Model) ValidateAll() error {
	if errs := m.problems(); len(errs) > 0 {
		return errs
	}
	return nil
}

// problems lists the model's problems, the demand's first. A demand
// whose interval is unusable is reported and the rest checked on a
// 1-minute grid.
func (m *Model) problems() ValidationErrors {
	var errs ValidationErrors
	errs.add(m.Demand.validate())
	demandOK := len(errs) == 0
	iv := m.Demand.Interval
	if len(errs) > 0 && (iv < time.Minute || iv%time.Minute != 0 || (24*time.Hour)%iv != 0) {
		iv = time.Minute
	}
	errs.add(m.Rules.problems()...)
	names := map[string]bool{}
	for i := range m.Templates {
		t := &m.Templates[i]
		errs.add(t.problems(i, iv)...)
		if names[t.Name] && t.Name != "" {
			errs.add(ValidationErrorf("template", i, t.Name, "name", "used twice"))
		}
		names[t.Name] = true
	}
	if len(m.Templates) == 0 {
		errs.add(ValidationErrorf("template", -1, "", "", "no shift templates"))
	}
	names = map[string]bool{}
	for i := range m.Breaks {
		b := &m.Breaks[i]
		errs.add(b.problems(i, iv)...)
		if names[b.Name] && b.Name != "" {
			errs.add(ValidationErrorf("break", i, b.Name, "name", "used twice"))
		}
		names[b.Name] = true
	}
	if m.Rules.BreakAbove > 0 {
		covered := false
		for _, b := range m.Breaks {
			covered = covered || b.RequiredAbove <= m.Rules.BreakAbove
		}
		if !covered {
			errs.add(ValidationErrorf("rules", -1, m.Rules.Preset, "limits.break_above",
				"blocks longer than %v need a break, but no break rule applies from there", civil.FormatDuration(m.Rules.BreakAbove)))
		}
	}
	shapes := len(errs) == 0 // the checks below read the templates' and breaks' shapes
	if shapes {
		errs.add(m.checkShiftsFitLimits()...)
	}
	if len(m.Agents) == 0 {
		errs.add(ValidationErrorf("agent", -1, "", "", "no agents"))
	}
	ids := map[string]bool{}
	leads, veterans := 0, 0
	for i := range m.Agents {
		a := &m.Agents[i]
		errs.add(a.validate(i))
		if ids[a.ID] && a.ID != "" {
			errs.add(ValidationErrorf("agent", i, a.ID, "id", "used twice"))
		}
		ids[a.ID] = true
		if a.CanLead {
			leads++
		}
		if a.IsVeteran() {
			veterans++
		}
	}
	l := m.Leads
	if l.PerAgents < 0 {
		errs.add(ValidationErrorf("leads", -1, "", "per_agents", "%d is negative", l.PerAgents))
	}
	if l.PerAgents > 0 && leads == 0 && len(m.Agents) > 0 {
		errs.add(ValidationErrorf("leads", -1, "", "per_agents", "a lead per %d agents is required, but no agent can lead", l.PerAgents))
	}
	v := m.Veterans
	if math.IsNaN(v.Share) || v.Share < 0 || v.Share > 1 {
		errs.add(ValidationErrorf("veterans", -1, "", "share", "%v: want a share between 0 and 1", v.Share))
	}
	if v.TopK < 0 {
		errs.add(ValidationErrorf("veterans", -1, "", "top_k", "%d is negative", v.TopK))
	}
	for i, w := range v.Windows {
		if err := checkSpan(w.Span, iv); err != nil {
			errs.add(ValidationErrorf("veterans", -1, "", fmt.Sprintf("windows[%d]", i), "%v", err))
		}
	}
	if v.Share > 0 && (v.TopK > 0 || len(v.Windows) > 0) && veterans == 0 && len(m.Agents) > 0 {
		errs.add(ValidationErrorf("veterans", -1, "", "share", "veterans are required at peaks, but no agent is a veteran"))
	}
	r := m.Reserve
	if r.Agents < 0 {
		errs.add(ValidationErrorf("reserve", -1, "", "agents", "%d is negative", r.Agents))
	}
	if r.Block < 0 || r.Block > 24*time.Hour || (r.Block > 0 && ((24*time.Hour)%r.Block != 0 || r.Block%iv != 0)) {
		errs.add(ValidationErrorf("reserve", -1, "", "block", "%v: want a whole number of intervals that divides 24h", civil.FormatDuration(r.Block)))
	}
	if (r.Agents > 0 || r.FromGap) && r.Block == 0 {
		errs.add(ValidationErrorf("reserve", -1, "", "block", "a reserve needs a block length"))
	}
	if r.FromGap {
		hasUpper := false
		for _, s := range m.Demand.Skills {
			hasUpper = hasUpper || s.Upper != nil
		}
		if !hasUpper {
			errs.add(ValidationErrorf("reserve", -1, "", "from_gap", "the demand has no upper series to take the gap from"))
		}
	}
	if shapes {
		errs.add(m.breaksFitEach(iv)...)
		if demandOK {
			errs.add(m.checkShiftCounts()...)
		}
	}
	return errs
}

// checkShiftCounts rejects a plain template that alone allows more
// shifts over the horizon than the solver generates (MaxPatterns), or
// shifts covering more intervals in all (MaxPatternSlots): found at the
// template when the model is checked, not when the candidates are built.
// The count leaves out the horizon's last day, so that it never exceeds
// what the solver would generate.
func (m *Model) checkShiftCounts() []error {
	d := &m.Demand
	iv := d.Interval
	days := int(time.Duration(d.Intervals())*iv/(24*time.Hour)) - 1
	first := civil.DateOf(d.Start)
	var errs []error
	for i := range m.Templates {
		t := &m.Templates[i]
		if t.IsSplit() || t.Step <= 0 {
			continue
		}
		last := t.LatestStart
		if last < t.EarliestStart {
			last += 24 * 60
		}
		starts := int(last-t.EarliestStart)/int(t.Step/time.Minute) + 1
		lengths := int((t.MaxLength-t.MinLength)/t.Step) + 1
		slots := lengths * int((t.MinLength+t.MaxLength)/(2*iv))
		on := 0
		for k := 0; k < days; k++ {
			if t.AppliesOn(first.AddDays(k)) {
				on++
			}
		}
		switch n := starts * lengths * on; {
		case n > MaxPatterns:
			errs = append(errs, ValidationErrorf("template", i, t.Name, "step", "%d starts and %d lengths a day make %d shifts over the horizon, more than %d: narrow the start window or the lengths, or take a longer step",
				starts, lengths, n, MaxPatterns))
		case starts*slots*on > MaxPatternSlots:
			errs = append(errs, ValidationErrorf("template", i, t.Name, "step", "its shifts cover more than %d intervals over the horizon: narrow the start window or the lengths, or take a longer step", MaxPatternSlots))
		}
	}
	return errs
}

// breaksFitEach is checkBreaksFit for every template on its own, so that
// each template whose blocks cannot hold their breaks is reported.
func (m *Model) breaksFitEach(iv time.Duration) []error {
	var errs []error
	for i := range m.Templates {
		one := Model{Templates: m.Templates[i : i+1], Breaks: m.Breaks, Rules: m.Rules, Demand: Demand{Interval: iv}}
		if err := checkBreaksFit(&one); err != nil {
			var ve *ValidationError
			if errors.As(err, &ve) {
				// the template at fault, not a key of it
				ve.Index, ve.Field = i, ""
			}
			errs = append(errs, err)
		}
	}
	return errs
}

// checkShiftsFitLimits rejects shift templates nobody may work: the
// shortest shift (in paid time) is longer than the day or week the rules
// allow, or than every agent's own limits allow. When no template fits
// the rules' limits the limit is at fault and named, once; otherwise each
// template that fits nobody is.
func (m *Model) checkShiftsFitLimits() []error {
	paid := make([]time.Duration, len(m.Templates))
	shortest := time.Duration(-1)
	for i := range m.Templates {
		paid[i] = m.Templates[i].shortestPaid(m.Breaks)
		if p := paid[i]; shortest < 0 || p < shortest {
			shortest = p
		}
	}
	if shortest <= 0 {
		return nil
	}
	r := &m.Rules
	for _, x := range []struct {
		field string
		limit time.Duration
	}{{"limits.max_hours_week", r.MaxWeekly}, {"limits.max_hours_day", r.MaxDaily}} {
		if x.limit > 0 && x.limit < shortest {
			return []error{ValidationErrorf("rules", -1, r.Preset, x.field, "%v is shorter than every shift the templates allow (the shortest is %v paid): nobody could work", civil.FormatDuration(x.limit), civil.FormatDuration(shortest))}
		}
	}
	o := r.Overtime
	overtimeDay := o.Enabled() && o.MaxDay > 0
	if overtimeDay && o.StandardDay+o.MaxDay < shortest {
		return []error{ValidationErrorf("rules", -1, r.Preset, "overtime.max_day", "a day of %v standard and %v overtime is shorter than every shift the templates allow (the shortest is %v paid)",
			civil.FormatDuration(o.StandardDay), civil.FormatDuration(o.MaxDay), civil.FormatDuration(shortest))}
	}
	agentDay := longestLimit(m.Agents, func(a *Agent) time.Duration { return a.MaxDaily })
	agentWeek := longestLimit(m.Agents, func(a *Agent) time.Duration { return a.MaxWeekly })
	var errs []error
	for i, p := range paid {
		t := &m.Templates[i]
		field := "min_length"
		if t.IsSplit() {
			field = "min_blocks"
		}
		fail := func(format string, a ...any) {
			errs = append(errs, ValidationErrorf("template", i, t.Name, field, "its shortest shift is %v paid, longer than "+format+": no shift of it can be worked", append([]any{civil.FormatDuration(p)}, a...)...))
		}
		switch {
		case p <= 0:
		case r.MaxDaily > 0 && p > r.MaxDaily:
			fail("limits.max_hours_day (%v)", civil.FormatDuration(r.MaxDaily))
		case r.MaxWeekly > 0 && p > r.MaxWeekly:
			fail("limits.max_hours_week (%v)", civil.FormatDuration(r.MaxWeekly))
		case overtimeDay && p > o.StandardDay+o.MaxDay:
			fail("a day of %v standard and %v overtime", civil.FormatDuration(o.StandardDay), civil.FormatDuration(o.MaxDay))
		case agentDay > 0 && p > agentDay:
			fail("any agent may work in a day (max_hours_day, at most %v)", civil.FormatDuration(agentDay))
		case agentWeek > 0 && p > agentWeek:
			fail("any agent may work in a week (max_hours_week, at most %v)", civil.FormatDuration(agentWeek))
		}
	}
	return errs
}

// longestLimit is the largest of the agents' limits: 0 (none) when an
// agent has none of its own, or there are no agents.
func longestLimit(agents []Agent, limit func(*Agent) time.Duration) time.Duration {
	var out time.Duration
	for i := range agents {
		l := limit(&agents[i])
		if l == 0 {
			return 0
		}
		out = max(out, l)
	}
	return out
}

// shortestPaid is the least paid time of a shift of the template: its
// length less the unpaid breaks it must take. For a split template, the
// MinBlocks shortest blocks.
func (t *ShiftTemplate) shortestPaid(breaks []BreakRule) time.Duration {
	paid := func(l time.Duration) time.Duration {
		for _, b := range breaks {
			if !b.Paid && l > b.RequiredAbove {
				l -= b.Duration
			}
		}
		return l
	}
	if t.IsSplit() {
		var ls []time.Duration
		for _, b := range t.Blocks {
			ls = append(ls, paid(time.Duration(b.Minutes())*time.Minute))
		}
		sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
		var sum time.Duration
		for i := 0; i < t.MinBlocks && i < len(ls); i++ {
			sum += ls[i]
		}
		return sum
	}
	best := time.Duration(-1)
	for l := t.MinLength; l <= t.MaxLength && t.Step > 0; l += t.Step {
		if p := paid(l); best < 0 || p < best {
			best = p
		}
	}
	return best
}

func (d *Demand) validate() error {
	switch {
	case d.Start.IsZero():
		return ValidationErrorf("demand", -1, "", "start", "zero time")
	case d.Interval < time.Minute || d.Interval%time.Minute != 0 || (24*time.Hour)%d.Interval != 0:
		return ValidationErrorf("demand", -1, "", "interval", "%v: want whole minutes that divide 24h", civil.FormatDuration(d.Interval))
	case d.Start.Second() != 0 || d.Start.Nanosecond() != 0 || (d.Start.Hour()*60+d.Start.Minute())%int(d.Interval/time.Minute) != 0:
		return ValidationErrorf("demand", -1, "", "start", "%s is not on the %v grid from midnight", d.Start.Format(time.RFC3339), civil.FormatDuration(d.Interval))
	case len(d.Skills) == 0:
		return ValidationErrorf("demand", -1, "", "skills", "no skills")
	}
	n := len(d.Skills[0].Required)
	if n == 0 {
		return ValidationErrorf("demand", 0, d.Skills[0].Skill, "required", "no intervals")
	}
	if time.Duration(n)*d.Interval > maxHorizonDays*24*time.Hour {
		return ValidationErrorf("demand", -1, "", "required", "%d intervals of %v is more than %d days", n, civil.FormatDuration(d.Interval), maxHorizonDays)
	}
	seen := map[string]bool{}
	for i, s := range d.Skills {
		if s.Skill == "" {
			return ValidationErrorf("demand", i, "", "skill", "empty name")
		}
		if seen[s.Skill] {
			return ValidationErrorf("demand", i, s.Skill, "skill", "listed twice")
		}
		seen[s.Skill] = true
		if len(s.Required) != n {
			return ValidationErrorf("demand", i, s.Skill, "required", "%d intervals, the first skill has %d", len(s.Required), n)
		}
		for j, x := range s.Required {
			if x < 0 {
				return ValidationErrorf("demand", i, s.Skill, fmt.Sprintf("required[%d]", j), "%d is negative", x)
			}
		}
		if s.Upper != nil {
			if len(s.Upper) != n {
				return ValidationErrorf("demand", i, s.Skill, "upper", "%d intervals, want %d", len(s.Upper), n)
			}
			for j, x := range s.Upper {
				if x < 0 {
					return ValidationErrorf("demand", i, s.Skill, fmt.Sprintf("upper[%d]", j), "%d is negative", x)
				}
			}
		}
	}
	return nil
}

// problems lists what is wrong with the rules, every rule at fault.
func (r *Rules) problems() []error {
	var errs []error
	f := func(field, format string, a ...any) {
		errs = append(errs, ValidationErrorf("rules", -1, r.Preset, field, format, a...))
	}
	for _, x := range []struct {
		name string
		d    time.Duration
	}{{"rest.between_shifts", r.MinRest}, {"rest.between_blocks", r.MinBlockRest}, {"rest.weekly", r.WeeklyRest},
		{"limits.max_hours_day", r.MaxDaily}, {"limits.max_hours_week", r.MaxWeekly}, {"limits.break_above", r.BreakAbove},
		{"overtime.standard_day", r.Overtime.StandardDay}, {"overtime.standard_week", r.Overtime.StandardWeek},
		{"overtime.max_day", r.Overtime.MaxDay}, {"overtime.max_month", r.Overtime.MaxMonth}} {
		if x.d < 0 {
			f(x.name, "%v is negative", civil.FormatDuration(x.d))
		}
	}
	if r.MinRest > 7*24*time.Hour {
		f("rest.between_shifts", "%v is more than a week", civil.FormatDuration(r.MinRest))
	}
	if r.WeeklyRest > 7*24*time.Hour {
		f("rest.weekly", "%v is more than a week", civil.FormatDuration(r.WeeklyRest))
	}
	if r.MaxDaily > 24*time.Hour {
		f("limits.max_hours_day", "%v is more than a day", civil.FormatDuration(r.MaxDaily))
	}
	if r.MaxWeekly > 7*24*time.Hour {
		f("limits.max_hours_week", "%v is more than a week", civil.FormatDuration(r.MaxWeekly))
	}
	if r.MaxConsecutiveDays < 0 {
		f("limits.max_consecutive_days", "%d is negative", r.MaxConsecutiveDays)
	}
	switch {
	case r.DaysOffPerWeek < 0 || r.DaysOffPerWeek > 7:
		f("limits.days_off_per_week", "%d: want 0 to 7", r.DaysOffPerWeek)
	case r.TwoDayWeekend && r.DaysOffPerWeek < 2:
		f("limits.two_day_weekend", "needs days_off_per_week of at least 2")
	}
	if r.WeekStart < time.Sunday || r.WeekStart > time.Saturday {
		f("week_start", "%d is not a day of the week", r.WeekStart)
	}
	if r.Overtime.Enabled() && (r.Overtime.StandardDay == 0 || r.Overtime.StandardWeek == 0) {
		f("overtime", "needs both a standard day and a standard week")
	}
	if !r.Night.IsZero() {
		if err := checkSpan(r.Night, time.Minute); err != nil {
			f("night", "%v", err)
		}
	}
	return errs
}

// checkSpan checks that a clock span is set and on the interval grid.
func checkSpan(s ClockSpan, iv time.Duration) error {
	ivm := civil.Clock(iv / time.Minute)
	switch {
	case s.From < 0 || s.From > 24*60 || s.To < 0 || s.To > 24*60:
		return fmt.Errorf("%s is outside 00:00-24:00", s)
	case s.From == s.To:
		return fmt.Errorf("%s is empty", s)
	case s.From%ivm != 0 || s.To%ivm != 0:
		return fmt.Errorf("%s is not on the %v grid", s, civil.FormatDuration(iv))
	}
	return nil
}

// problems lists what is wrong with the template, on the interval grid iv.
func (t *ShiftTemplate) problems(i int, iv time.Duration) []error {
	var errs []error
	f := func(field, format string, a ...any) {
		errs = append(errs, ValidationErrorf("template", i, t.Name, field, format, a...))
	}
	if t.Name == "" {
		f("name", "empty")
	}
	for _, d := range t.Days {
		if d < time.Sunday || d > time.Saturday {
			f("days", "%d is not a day of the week", d)
			break
		}
	}
	for _, d := range append(append([]civil.Date(nil), t.Dates...), t.ExceptDates...) {
		if d.IsZero() || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
			f("dates", "%v is not a date", d)
			break
		}
	}
	ivm := civil.Clock(iv / time.Minute)
	if t.IsSplit() {
		if t.MinLength != 0 || t.MaxLength != 0 || t.Step != 0 {
			f("blocks", "a split template takes its lengths from its blocks; drop min_length, max_length and step")
		}
		prevEnd := -1
		for j, b := range t.Blocks {
			if err := checkSpan(b, iv); err != nil {
				f(fmt.Sprintf("blocks[%d]", j), "%v", err)
				continue
			}
			if int(b.From) < prevEnd {
				f(fmt.Sprintf("blocks[%d]", j), "%s starts before the previous block ends (list blocks in order)", b)
			}
			prevEnd = b.End()
		}
		if prevEnd > 48*60 {
			f("blocks", "blocks run past the next day")
		}
		if t.MinBlocks < 1 || t.MaxBlocks < t.MinBlocks || t.MaxBlocks > len(t.Blocks) {
			f("min_blocks", "%d to %d blocks of %d: want 1 <= min <= max <= blocks", t.MinBlocks, t.MaxBlocks, len(t.Blocks))
		}
		if t.MinBlockRest < 0 {
			f("min_block_rest", "%v is negative", civil.FormatDuration(t.MinBlockRest))
		}
		return errs
	}
	lengths := t.MinLength > 0 && t.MaxLength >= t.MinLength && t.MaxLength <= 24*time.Hour
	if !lengths {
		f("min_length", "%v to %v: want 0 < min <= max <= 24h", civil.FormatDuration(t.MinLength), civil.FormatDuration(t.MaxLength))
	}
	if t.Step <= 0 || t.Step%iv != 0 {
		f("step", "%v: want a positive multiple of the %v interval", civil.FormatDuration(t.Step), civil.FormatDuration(iv))
	}
	if lengths && (t.MinLength%iv != 0 || t.MaxLength%iv != 0) {
		f("min_length", "%v to %v is not on the %v grid", civil.FormatDuration(t.MinLength), civil.FormatDuration(t.MaxLength), civil.FormatDuration(iv))
	}
	switch {
	case t.EarliestStart < 0 || t.EarliestStart > 24*60 || t.LatestStart < 0 || t.LatestStart > 24*60:
		f("earliest_start", "%s to %s is outside 00:00-24:00", t.EarliestStart, t.LatestStart)
	case t.EarliestStart%ivm != 0 || t.LatestStart%ivm != 0:
		f("earliest_start", "%s to %s is not on the %v grid", t.EarliestStart, t.LatestStart, civil.FormatDuration(iv))
	}
	return errs
}

// problems lists what is wrong with the break rule, on the interval grid iv.
func (b *BreakRule) problems(i int, iv time.Duration) []error {
	var errs []error
	f := func(field, format string, a ...any) {
		errs = append(errs, ValidationErrorf("break", i, b.Name, field, format, a...))
	}
	if b.Name == "" {
		f("name", "empty")
	}
	switch {
	case b.Duration <= 0 || b.Duration%iv != 0:
		f("duration", "%v: want a positive multiple of the %v interval", civil.FormatDuration(b.Duration), civil.FormatDuration(iv))
	case b.Duration > 24*time.Hour:
		f("duration", "%v is longer than a day", civil.FormatDuration(b.Duration))
	}
	switch {
	case b.From < 0 || b.To < 0 || b.BeforeEnd < 0 || b.RequiredAbove < 0:
		f("from", "offsets must not be negative")
	case b.From > 24*time.Hour || b.To > 24*time.Hour || b.BeforeEnd > 24*time.Hour || b.RequiredAbove > 24*time.Hour:
		f("from", "offsets above 24h")
	case b.From%iv != 0 || b.To%iv != 0 || b.BeforeEnd%iv != 0:
		f("from", "from %v, to %v, before_end %v: not on the %v grid", civil.FormatDuration(b.From), civil.FormatDuration(b.To), civil.FormatDuration(b.BeforeEnd), civil.FormatDuration(iv))
	}
	if b.To > 0 && b.To < b.From+b.Duration {
		f("to", "the window %v to %v is shorter than the break", civil.FormatDuration(b.From), civil.FormatDuration(b.To))
	}
	return errs
}

func (a *Agent) validate(i int) error {
	f := func(field, format string, x ...any) error {
		return ValidationErrorf("agent", i, a.ID, field, format, x...)
	}
	if a.ID == "" {
		return f("id", "empty")
	}
	valid := false
	for _, t := range Tiers {
		valid = valid || a.TierOrRegular() == t
	}
	if !valid {
		return f("tier", "%q: want veteran, regular, new, all-hands or outsourced", a.Tier)
	}
	seen := map[string]bool{}
	for _, s := range a.Skills {
		if s == "" {
			return f("skills", "empty skill")
		}
		if seen[s] {
			return f("skills", "%s listed twice", s)
		}
		seen[s] = true
	}
	switch {
	case a.MinWeekly < 0 || a.MaxWeekly < 0 || a.MaxDaily < 0:
		return f("max_hours_week", "hours must not be negative")
	case a.MaxWeekly > 0 && a.MinWeekly > a.MaxWeekly:
		return f("min_hours_week", "%v is above the maximum %v", civil.FormatDuration(a.MinWeekly), civil.FormatDuration(a.MaxWeekly))
	case a.MaxWeekly > 7*24*time.Hour:
		return f("max_hours_week", "%v is more than a week", civil.FormatDuration(a.MaxWeekly))
	case a.MaxDaily > 24*time.Hour:
		return f("max_hours_day", "%v is more than a day", civil.FormatDuration(a.MaxDaily))
	case math.IsNaN(a.HourlyCost) || math.IsInf(a.HourlyCost, 0) || a.HourlyCost < 0:
		return f("hourly_cost", "%v: want a finite cost >= 0", a.HourlyCost)
	case a.CanLead && !a.IsVeteran():
		return f("can_lead", "a lead must be a veteran (tier %s)", a.TierOrRegular())
	}
	for j, w := range a.Available {
		if err := checkSpan(w.Span, time.Minute); err != nil {
			return f(fmt.Sprintf("availability[%d]", j), "%v", err)
		}
		for _, d := range w.Days {
			if d < time.Sunday || d > time.Saturday {
				return f(fmt.Sprintf("availability[%d]", j), "%d is not a day of the week", d)
			}
		}
	}
	for _, d := range a.WeekdaysOff {
		if d < time.Sunday || d > time.Saturday {
			return f("days_off", "%d is not a day of the week", d)
		}
	}
	return nil
}
