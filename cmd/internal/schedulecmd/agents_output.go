package schedulecmd

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
)

// AgentReport is the JSON output of named-agent mode (fields in the help).
type AgentReport struct {
	Objective       float64              `json:"objective"`
	ShortageMinutes float64              `json:"shortage_minutes"`
	ExcessMinutes   float64              `json:"excess_minutes"`
	DistinctShifts  int                  `json:"distinct_shifts"`
	Shifts          int                  `json:"shifts"`
	StaffedHours    float64              `json:"staffed_hours"`
	LowerBoundHours *float64             `json:"lower_bound_hours"`
	GapPercent      *float64             `json:"gap_percent"`
	UnmetIntervals  []AgentUnmetInterval `json:"unmet_intervals"`
	Violations      []ViolationEntry     `json:"violations"`
	// The lead and veteran rules are met where the team allows; what they
	// miss is here, apart from the shortfall (lead- and veteran-hours).
	LeadGapHours    float64        `json:"lead_gap_hours"`
	VeteranGapHours float64        `json:"veteran_gap_hours"`
	RuleGaps        []RuleGapEntry `json:"rule_gaps"`
	Agents          []AgentEntry   `json:"agents"`
	Reserve         []ReserveEntry `json:"reserve"`
	Search          SearchEntry    `json:"search"`
}

// SearchEntry is how the roster search ended and what that says about
// its gaps (roster.Search, roster.Verdict).
type SearchEntry struct {
	Verdict              string       `json:"verdict"`
	StoppedBy            string       `json:"stopped_by"`
	Converged            bool         `json:"converged"`
	Moves                int          `json:"moves"`
	Budget               int          `json:"budget"`
	Seconds              float64      `json:"seconds"`
	TimeLimitSeconds     float64      `json:"time_limit_seconds"`
	ProvenShortfallHours float64      `json:"proven_shortfall_hours"`
	Trend                []TrendPoint `json:"trend"`
}

// TrendPoint is the shortfall after some moves of the search.
type TrendPoint struct {
	Seconds        float64 `json:"seconds"`
	Moves          int     `json:"moves"`
	ShortfallHours float64 `json:"shortfall_hours"`
}

// AgentUnmetInterval is an interval and skill with fewer agents on duty
// than required.
type AgentUnmetInterval struct {
	Start     string `json:"start"`
	Skill     string `json:"skill"`
	Required  int    `json:"required"`
	OnDuty    int    `json:"on_duty"`
	Shortfall int    `json:"shortfall"`
}

// RuleGapEntry is a stretch of one day with leads or veterans missing.
type RuleGapEntry struct {
	Rule  string  `json:"rule"`
	Start string  `json:"start"`
	End   string  `json:"end"`
	Hours float64 `json:"hours"`
	Most  int     `json:"most_missing"`
}

// ViolationEntry is a rule the roster breaks.
type ViolationEntry struct {
	Rule    string `json:"rule"`
	AgentID string `json:"agent_id"`
	Time    string `json:"time"`
	Detail  string `json:"detail"`
}

// AgentEntry is one agent with their shifts, by start.
type AgentEntry struct {
	ID     string       `json:"id"`
	Name   string       `json:"name"`
	Tier   string       `json:"tier"`
	Shifts []ShiftEntry `json:"shifts"`
}

// ShiftEntry is one shift: from the start of its first block to the end of
// its last; Blocks lists the blocks of a split shift.
type ShiftEntry struct {
	Start    string       `json:"start"`
	End      string       `json:"end"`
	Skill    string       `json:"skill"`
	Template string       `json:"template"`
	Blocks   []SpanEntry  `json:"blocks,omitempty"`
	Breaks   []BreakEntry `json:"breaks"`
}

// SpanEntry is a stretch of time.
type SpanEntry struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// BreakEntry is a break inside a shift.
type BreakEntry struct {
	Start string `json:"start"`
	End   string `json:"end"`
	Name  string `json:"name"`
	Paid  bool   `json:"paid"`
}

// ReserveEntry is an agent on call for a block.
type ReserveEntry struct {
	ID    string `json:"id"`
	Start string `json:"start"`
	End   string `json:"end"`
}

func (s *AgentSolution) loc() *time.Location { return s.Inputs.Model.Demand.Start.Location() }

func (s *AgentSolution) stamp(t time.Time) string { return t.In(s.loc()).Format(time.RFC3339) }

// shiftsByAgent lists each agent's shifts by start, agents in file order.
func (s *AgentSolution) shiftsByAgent() [][]*roster.Shift {
	m := s.Inputs.Model
	idx := map[string]int{}
	for i, a := range m.Agents {
		idx[a.ID] = i
	}
	out := make([][]*roster.Shift, len(m.Agents))
	for i := range s.Result.Roster.Shifts {
		sh := &s.Result.Roster.Shifts[i]
		if a, ok := idx[sh.AgentID]; ok {
			out[a] = append(out[a], sh)
		}
	}
	for _, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Blocks[0].Start.Before(list[j].Blocks[0].Start) })
	}
	return out
}

// shiftPattern is a shift's start times of day and lengths, the identity
// of a distinct shift.
func (s *AgentSolution) shiftPattern(sh *roster.Shift) string {
	var b strings.Builder
	for _, bl := range sh.Blocks {
		fmt.Fprintf(&b, "%s+%v;", bl.Start.In(s.loc()).Format("15:04"), bl.End.Sub(bl.Start))
	}
	return b.String()
}

// DistinctShifts counts the shift patterns used on any day.
func (s *AgentSolution) DistinctShifts() int {
	seen := map[string]bool{}
	for i := range s.Result.Roster.Shifts {
		seen[s.shiftPattern(&s.Result.Roster.Shifts[i])] = true
	}
	return len(seen)
}

// Report gathers the JSON output.
func (s *AgentSolution) Report() AgentReport {
	ev := s.Result.Evaluation
	m := s.Inputs.Model
	r := AgentReport{
		Objective:       round4(ev.Objective(s.Inputs.Weights)),
		ShortageMinutes: round4(ev.ShortageHours * 60),
		ExcessMinutes:   round4(ev.ExcessHours * 60),
		DistinctShifts:  s.DistinctShifts(),
		Shifts:          len(s.Result.Roster.Shifts),
		StaffedHours:    round4(ev.StaffedHours),
		UnmetIntervals:  []AgentUnmetInterval{},
		Violations:      []ViolationEntry{},
		LeadGapHours:    round4(ev.LeadGapHours),
		VeteranGapHours: round4(ev.VeteranGapHours),
		RuleGaps:        []RuleGapEntry{},
		Agents:          []AgentEntry{},
		Reserve:         []ReserveEntry{},
	}
	if ev.LowerBoundHours > 0 {
		lb, gap := round4(ev.LowerBoundHours), round4(ev.GapPercent)
		r.LowerBoundHours, r.GapPercent = &lb, &gap
	}
	for _, u := range ev.Unmet {
		r.UnmetIntervals = append(r.UnmetIntervals, AgentUnmetInterval{s.stamp(u.Start), u.Skill, u.Required, u.OnDuty, u.Shortfall})
	}
	for _, v := range ev.Violations {
		r.Violations = append(r.Violations, ViolationEntry{v.Rule, v.AgentID, s.stamp(v.Time), v.Detail})
	}
	for _, g := range ev.RuleGaps {
		r.RuleGaps = append(r.RuleGaps, RuleGapEntry{g.Rule, s.stamp(g.Start), s.stamp(g.End), round4(g.Hours), g.Most})
	}
	paid := map[string]bool{}
	for _, b := range m.Breaks {
		paid[b.Name] = b.Paid
	}
	for i, list := range s.shiftsByAgent() {
		a := &m.Agents[i]
		e := AgentEntry{ID: a.ID, Name: a.Name, Tier: tierName(a.Tier), Shifts: []ShiftEntry{}}
		for _, sh := range list {
			se := ShiftEntry{Start: s.stamp(sh.Blocks[0].Start), End: s.stamp(sh.Blocks[len(sh.Blocks)-1].End),
				Skill: sh.Skill, Template: sh.Template, Breaks: []BreakEntry{}}
			if len(sh.Blocks) > 1 {
				for _, b := range sh.Blocks {
					se.Blocks = append(se.Blocks, SpanEntry{s.stamp(b.Start), s.stamp(b.End)})
				}
			}
			for _, b := range sh.Breaks {
				se.Breaks = append(se.Breaks, BreakEntry{s.stamp(b.Start), s.stamp(b.End), b.Rule, paid[b.Rule]})
			}
			e.Shifts = append(e.Shifts, se)
		}
		r.Agents = append(r.Agents, e)
	}
	for _, d := range s.reserveDuties() {
		r.Reserve = append(r.Reserve, ReserveEntry{d.AgentID, s.stamp(d.Start), s.stamp(d.End)})
	}
	r.Search = s.searchEntry()
	return r
}

func (s *AgentSolution) searchEntry() SearchEntry {
	sr := &s.Result.Search
	e := SearchEntry{Verdict: string(s.Result.Verdict), StoppedBy: string(sr.Stop), Converged: sr.Converged(), Moves: sr.Moves,
		Budget: sr.Budget, Seconds: round4(sr.Elapsed.Seconds()), TimeLimitSeconds: round4(s.Limit.Seconds()),
		ProvenShortfallHours: round4(sr.Bound.Hours), Trend: []TrendPoint{}}
	for _, p := range sr.Trace {
		e.Trend = append(e.Trend, TrendPoint{round4(p.Elapsed.Seconds()), p.Moves, round4(p.ShortageHours)})
	}
	return e
}

// searchLine says in a line how the search ended.
func (s *AgentSolution) searchLine() string {
	sr := &s.Result.Search
	switch sr.Stop {
	case solve.StopConverged:
		return fmt.Sprintf("search converged after %d moves (budget %d), the final pass added %d shifts", sr.Moves, sr.Budget, sr.Repairs)
	case solve.StopTimeLimit:
		return fmt.Sprintf("search ended by the time limit (%v) after %d of its %d moves, before it converged", civil.FormatDuration(s.Limit), sr.Moves, sr.Budget)
	}
	return fmt.Sprintf("search ended (%s) after %d moves, before it converged", sr.Stop, sr.Moves)
}

// reserveDuties are the reserve by start, then agent in file order.
func (s *AgentSolution) reserveDuties() []roster.ReserveDuty {
	idx := map[string]int{}
	for i, a := range s.Inputs.Model.Agents {
		idx[a.ID] = i
	}
	out := append([]roster.ReserveDuty(nil), s.Result.Roster.Reserve...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return idx[out[i].AgentID] < idx[out[j].AgentID]
	})
	return out
}

// AgentDay is one day of the roster against the requirement.
type AgentDay struct {
	Date time.Time // local midnight
	// Shifts starting on the day.
	Shifts int
	// Peaks over the day's intervals of the requirement and of the agents
	// on duty (breaks excluded), all skills together.
	RequiredPeak, ScheduledPeak int
	ShortfallHours, ExcessHours float64
	// Intervals where leads or veterans (at peaks) fall short, and the
	// day's peak intervals.
	LeadShort, VeteranShort, Peaks int
}

// Days sums the evaluation per local day of the horizon.
func (s *AgentSolution) Days() []AgentDay {
	ev := s.Result.Evaluation
	loc := s.loc()
	ivH := ev.Interval.Hours()
	var days []AgentDay
	at := map[civil.Date]int{}
	for t, ic := range ev.Intervals {
		d := civil.DateOf(ic.Start.In(loc))
		k, ok := at[d]
		if !ok {
			k = len(days)
			at[d] = k
			days = append(days, AgentDay{Date: d.At(0, loc)})
		}
		day := &days[k]
		req, on := 0, 0
		for _, sc := range ev.Skills {
			req += sc.Required[t]
			on += sc.OnDuty[t]
			day.ShortfallHours += float64(sc.Shortfall[t]) * ivH
			day.ExcessHours += float64(sc.Excess[t]) * ivH
		}
		day.RequiredPeak = max(day.RequiredPeak, req)
		day.ScheduledPeak = max(day.ScheduledPeak, on)
		if ic.Leads < ic.LeadsNeeded {
			day.LeadShort++
		}
		if ic.Peak {
			day.Peaks++
			if ic.Veterans < ic.VeteransNeeded {
				day.VeteranShort++
			}
		}
	}
	for i := range s.Result.Roster.Shifts {
		d := civil.DateOf(s.Result.Roster.Shifts[i].Blocks[0].Start.In(loc))
		if k, ok := at[d]; ok {
			days[k].Shifts++
		}
	}
	return days
}

// span is a stretch as HH:MM-HH:MM in the roster's zone.
func (s *AgentSolution) span(a, b time.Time) string {
	return a.In(s.loc()).Format("15:04") + "-" + b.In(s.loc()).Format("15:04")
}

// paidHours is a shift's blocks less its unpaid breaks.
func (s *AgentSolution) paidHours(sh *roster.Shift) float64 {
	paid := map[string]bool{}
	for _, b := range s.Inputs.Model.Breaks {
		paid[b.Name] = b.Paid
	}
	var d time.Duration
	for _, b := range sh.Blocks {
		d += b.End.Sub(b.Start)
	}
	for _, b := range sh.Breaks {
		if !paid[b.Rule] {
			d -= b.End.Sub(b.Start)
		}
	}
	return d.Hours()
}

// RosterColumns is the header of the roster table printed (TSV when
// piped); --out writes report.WriteRoster's layout.
var RosterColumns = []string{"agent_id", "name", "tier", "duty", "skill", "template", "date", "start", "end", "blocks", "breaks", "paid_hours"}

// rosterRows are one row per shift (agents in file order, shifts by start)
// and then per reserve duty (by start).
func (s *AgentSolution) rosterRows() [][]string {
	m := s.Inputs.Model
	loc := s.loc()
	paid := map[string]bool{}
	for _, b := range m.Breaks {
		paid[b.Name] = b.Paid
	}
	agent := map[string]*roster.Agent{}
	for i := range m.Agents {
		agent[m.Agents[i].ID] = &m.Agents[i]
	}
	var rows [][]string
	for i, list := range s.shiftsByAgent() {
		a := &m.Agents[i]
		for _, sh := range list {
			var blocks, breaks []string
			for _, b := range sh.Blocks {
				blocks = append(blocks, s.span(b.Start, b.End))
			}
			for _, b := range sh.Breaks {
				kind := "unpaid"
				if paid[b.Rule] {
					kind = "paid"
				}
				breaks = append(breaks, s.span(b.Start, b.End)+" "+b.Rule+" "+kind)
			}
			first, last := sh.Blocks[0].Start, sh.Blocks[len(sh.Blocks)-1].End
			rows = append(rows, []string{a.ID, a.Name, tierName(a.Tier), "shift", sh.Skill, sh.Template,
				first.In(loc).Format("2006-01-02"), s.stamp(first), s.stamp(last),
				strings.Join(blocks, " "), strings.Join(breaks, "; "), num(s.paidHours(sh))})
		}
	}
	for _, d := range s.reserveDuties() {
		a := agent[d.AgentID]
		name, tier := "", ""
		if a != nil {
			name, tier = a.Name, tierName(a.Tier)
		}
		rows = append(rows, []string{d.AgentID, name, tier, "reserve", "", "", d.Start.In(loc).Format("2006-01-02"),
			s.stamp(d.Start), s.stamp(d.End), s.span(d.Start, d.End), "", ""})
	}
	return rows
}

// WriteCSV writes the roster in the one layout of roster.csv, that of
// peakstaff plan (report.WriteRoster): one row per shift block and
// reserve duty, local times of the roster's zone, formulas neutralised.
func (s *AgentSolution) WriteCSV(w io.Writer) error {
	return report.WriteRoster(w, report.RosterAgents(s.Inputs.Model, &s.Result.Roster), "en", s.loc())
}

// zoneName names the roster's zone: its name, or its UTC offset for a zone
// read from the offsets of a requirements CSV.
func (s *AgentSolution) zoneName() string {
	start := s.Inputs.Model.Demand.Start
	if n := s.loc().String(); n != "" && n != "Local" {
		return n
	}
	return "UTC" + start.Format("-07:00")
}

// Print writes the roster for people (terminal) or scripts (TSV).
func (s *AgentSolution) Print(ios *iostreams.IOStreams) error {
	if !ios.IsStdoutTTY() {
		t := term.NewTable(ios, RosterColumns...)
		for _, r := range s.rosterRows() {
			row := make([]any, len(r))
			for i, v := range r {
				row[i] = v
			}
			t.Row(row...)
		}
		return t.Render()
	}
	r := s.Report()
	m := s.Inputs.Model
	ev := s.Result.Evaluation
	loc := s.loc()
	w := ios.Out
	var skills []string
	for _, sk := range m.Demand.Skills {
		skills = append(skills, sk.Skill)
	}
	last := m.Demand.Start.Add(time.Duration(m.Demand.Intervals()-1) * m.Demand.Interval).In(loc)
	fmt.Fprintf(w, "roster %s to %s (%s), %s intervals, %d agents, skills %s\n",
		m.Demand.Start.Format("2006-01-02"), last.Format("2006-01-02"), s.zoneName(), civil.FormatDuration(m.Demand.Interval), len(m.Agents), strings.Join(skills, ", "))
	fmt.Fprintf(w, "objective %s: shortage %s and excess %s agent-minutes, %d agent-shifts, %d distinct shifts\n",
		num(r.Objective), num(r.ShortageMinutes), num(r.ExcessMinutes), r.Shifts, r.DistinctShifts)
	if r.LowerBoundHours != nil {
		fmt.Fprintf(w, "staffed %s hours; lower bound %s hours, gap %s%%\n", num(r.StaffedHours), num(*r.LowerBoundHours),
			strconv.FormatFloat(*r.GapPercent, 'f', 2, 64))
	} else {
		fmt.Fprintf(w, "staffed %s hours; no requirement to bound\n", num(r.StaffedHours))
	}
	switch n := len(r.Violations); {
	case n > 0:
		fmt.Fprintf(w, "%d rules broken (see --json violations), first: %s\n", n, ev.Violations[0])
	case len(r.RuleGaps) > 0:
		fmt.Fprintf(w, "every agent's rules kept; the lead and veteran rules miss %s lead-hours and %s veteran-hours in %d stretches (see --json rule_gaps)\n",
			num(r.LeadGapHours), num(r.VeteranGapHours), len(r.RuleGaps))
	default:
		fmt.Fprintln(w, "every rule kept")
	}
	fmt.Fprintln(w, s.searchLine())
	fmt.Fprintln(w)

	check := func(on bool, short int) string {
		switch {
		case !on:
			return "-"
		case short == 0:
			return "ok"
		}
		return fmt.Sprintf("%d short", short)
	}
	days := term.NewTable(ios, "day", "shifts", "required_peak", "scheduled_peak", "shortfall_hours", "excess_hours", "leads", "veterans")
	for _, d := range s.Days() {
		days.Row(d.Date.Format("Mon 01-02"), d.Shifts, d.RequiredPeak, d.ScheduledPeak, num(d.ShortfallHours), num(d.ExcessHours),
			check(m.Leads.PerAgents > 0, d.LeadShort), check(d.Peaks > 0, d.VeteranShort))
	}
	if err := days.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w)

	agents := term.NewTable(ios, "agent", "name", "tier", "day", "shift", "skill", "breaks", "paid_hours")
	for i, list := range s.shiftsByAgent() {
		a := &m.Agents[i]
		if len(list) == 0 {
			agents.Row(a.ID, a.Name, tierName(a.Tier), "-", "no shifts", "", "", 0)
			continue
		}
		for j, sh := range list {
			id, name, tier := a.ID, a.Name, tierName(a.Tier)
			if j > 0 {
				id, name, tier = "", "", ""
			}
			var blocks, breaks []string
			for _, b := range sh.Blocks {
				blocks = append(blocks, s.span(b.Start, b.End))
			}
			for _, b := range sh.Breaks {
				breaks = append(breaks, s.span(b.Start, b.End))
			}
			agents.Row(id, name, tier, sh.Blocks[0].Start.In(loc).Format("Mon 01-02"), strings.Join(blocks, " "), sh.Skill,
				strings.Join(breaks, " "), num(s.paidHours(sh)))
		}
	}
	if err := agents.Render(); err != nil {
		return err
	}
	if len(ev.Reserve) > 0 {
		fmt.Fprintln(w)
		res := term.NewTable(ios, "day", "reserve", "needed", "on_call")
		for _, c := range ev.Reserve {
			res.Row(c.Start.In(loc).Format("Mon 01-02"), s.span(c.Start, c.End), c.Needed, strings.Join(c.Agents, " "))
		}
		if err := res.Render(); err != nil {
			return err
		}
	}
	if n := len(r.UnmetIntervals); n > 0 {
		u := r.UnmetIntervals[0]
		fmt.Fprintf(w, "\n%d interval-skill pairs short by %s agent-hours in total (see --json unmet_intervals), first %s at %s\n",
			n, num(r.ShortageMinutes/60), u.Skill, u.Start)
	}
	return nil
}
