package plan

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Model is the report model of the result and its scenarios, generated at
// now: everything the workbook, the HTML report and the calendars show
// comes from here.
func (r *Result) Model(now time.Time) *report.Model { return buildModel(r, r.Scenarios, now) }

// buildModel fills the report model from a run.
func buildModel(run *Result, scenarios []pipeline.Summary, now time.Time) *report.Model {
	p := run.Plan
	loc := p.Season.Location
	m := &report.Model{
		Title:     p.Name,
		Lang:      p.Lang,
		Season:    report.DateRange{Start: p.Season.Range.Start.Midnight(loc), End: p.Season.Range.End.Midnight(loc)},
		Loc:       loc,
		Interval:  time.Duration(p.Season.Interval),
		Generated: now,
		Warnings:  append([]string(nil), run.Warnings...),
	}
	if m.Title == "" {
		m.Title = "peakstaff plan " + p.Season.Range.String()
	}
	res := run.Forecast

	// Forecast per day, channel and issue type.
	for _, d := range res.Days {
		m.ForecastDays = append(m.ForecastDays, report.ForecastDay{
			Date: d.Date.Midnight(loc), Channel: d.Key.Channel, IssueType: d.Key.IssueType,
			P10: d.Band.P10, P50: d.Band.P50, P90: d.Band.P90, AHTSeconds: d.AHT, Event: d.EventLabel(),
		})
		m.Totals.Contacts += d.Band.P50
	}
	m.Totals.Contacts = math.Round(m.Totals.Contacts) // whole contacts, as every output shows them

	// The peak day's intraday curve per channel.
	peak := peakDay(res)
	for _, s := range res.Slots {
		if civil.DateOf(s.Start.In(loc)) == peak {
			m.Intraday = appendValue(m.Intraday, s.Start, s.Key.Channel, s.Band.P50)
		}
	}

	// Staffing per interval and channel, and the expected service level.
	m.Totals.ServiceLevel = map[string]float64{}
	dayRequired := map[civil.Date]int{}
	for _, r := range run.Staffing.Plan.Requirements {
		var slWeighted, contacts float64
		onTime := deferredOnTime(&r)
		// without a patience there is no abandon rate (Erlang C), as in
		// requirements.csv: NaN is left blank, not 0%
		noAbandon := r.Policy.PatienceSeconds <= 0
		for _, iv := range r.Intervals {
			if r.Kind == "deferred" && iv.Contacts > 0 {
				iv.ServiceLevel = onTime
			}
			m.Staffing = append(m.Staffing, report.StaffInterval{
				Start: iv.Start, Channel: r.Channel, Contacts: round1(iv.Contacts), AHTSeconds: round1(iv.AHTSeconds),
				TrafficErlangs: iv.TrafficErlangs, Agents: iv.Agents, AgentsFractional: iv.AgentsFractional,
				Scheduled: iv.Scheduled, ServiceLevel: iv.ServiceLevel, ASASeconds: iv.ASASeconds,
				Occupancy: iv.Occupancy, PAbandon: iv.PAbandon, Binding: iv.Binding, Deferred: r.Kind == require.KindDeferred,
			})
			if noAbandon {
				m.Staffing[len(m.Staffing)-1].PAbandon = math.NaN()
			}
			if iv.Contacts > 0 && r.Kind != "deferred" {
				slWeighted += iv.ServiceLevel * iv.Contacts
				contacts += iv.Contacts
			}
		}
		if contacts > 0 {
			m.Totals.ServiceLevel[r.Channel] = slWeighted / contacts
		}
	}
	addGroups(m, run.Staffing.Plan.Groups)
	for _, c := range run.Sim {
		m.Simulated = append(m.Simulated, simulated(c))
	}
	for _, c := range run.Staffing.Plan.Combined {
		d := civil.DateOf(c.Start.In(loc))
		dayRequired[d] = max(dayRequired[d], c.Scheduled)
		// the roster covers the agents on the queue; Scheduled is unknown
		// until a roster is built (NaN: left blank)
		m.Coverage = append(m.Coverage, report.CoverageInterval{Start: c.Start, Required: float64(c.Agents), Scheduled: math.NaN(),
			ToSchedule: float64(c.Scheduled)})
	}
	m.PeakDays = topDays(dayRequired, 5, loc)

	if run.Schedule != nil {
		addRoster(m, run)
	}
	m.Assumptions = assumptions(run)
	for _, s := range scenarios {
		sc := report.Scenario{
			Name: s.Name, Contacts: s.Contacts, WorkloadHours: s.WorkloadHours,
			PeakRequired: s.PeakRequired, AvgRequired: s.AvgRequired, ScheduledHours: s.ScheduledHours,
			Cost: s.Cost, ServiceLevel: math.NaN(), SimulatedServiceLevel: s.SimulatedServiceLevel,
			AbandonRate: s.AbandonRate, ShortfallHours: s.ShortfallHours, ShortIntervals: s.ShortIntervals, Hires: s.Hires,
			RequiredHours: s.RequiredHours,
			HireBy:        map[string]time.Time{},
		}
		if s.ServiceLevel != nil {
			sc.ServiceLevel = *s.ServiceLevel
		}
		for t, d := range s.HireBy {
			if day, err := time.ParseInLocation("2006-01-02", d, loc); err == nil {
				sc.HireBy[t] = day
			}
		}
		m.Scenarios = append(m.Scenarios, sc)
	}
	return m
}

// deferredOnTime is the service level a deferred channel's intervals
// show: the share of its items handled within the deadline in the plan.
// A channel staffed on its own has its evaluation; in a group plan the
// channel's late items over its contacts (the group plan does not place
// them in intervals).
func deferredOnTime(r *require.Requirement) float64 {
	if r.Deferred != nil {
		return 1 - r.Deferred.LateShare
	}
	items := 0.0
	for _, iv := range r.Intervals {
		items += iv.Contacts
	}
	if items <= 0 {
		return 1
	}
	return math.Max(0, 1-r.Late/items)
}

// addGroups puts the staffing groups in the model with the figures the
// terminal and plan --json show (summarizeGroups), and makes the season's
// required hours their sum: the groups are what gets staffed, and a
// group's paid hours take its agents' shrinkage, which a per-channel sum
// would not when its channels' shrinkages differ.
func addGroups(m *report.Model, groups []require.GroupRequirement) {
	total := 0.0
	for i, s := range summarizeGroups(groups) {
		g := report.Group{Name: s.Group, Channels: s.Channels, RequiredHours: s.RequiredHours, AgentHours: s.AgentHours, PeakRequired: s.PeakRequired}
		for _, o := range groups[i].Outcomes {
			ch := o.Channel
			g.ByChannel = append(g.ByChannel, report.GroupChannel{Channel: ch, Deferred: o.Kind == require.KindDeferred, Share: s.Shares[ch],
				ClosedContacts: s.Closed[ch], Lost: s.Lost[ch], Callbacks: s.Callbacks[ch], Late: s.Late[ch]})
		}
		m.Groups = append(m.Groups, g)
		total += groups[i].ScheduledHours
	}
	m.Totals.RequiredHours = round1(total)
}

// simulated is one channel's simulated service rounded as plan --json
// shows it: service level and abandon rate to 0.1 percentage point, ASA to
// 0.1 s, the share within the deadline to 0.01 percentage point (a few
// late items in thousands still show).
func simulated(c pipeline.SimCheck) report.SimulatedService {
	s := report.SimulatedService{Channel: c.Channel, Callback: c.Callback, Group: c.Group, Live: c.Live, FromRoster: c.FromRoster}
	if c.Live {
		s.ServiceLevel, s.TargetServiceLevel, s.AnswerSeconds = round3(c.ServiceLevel), c.TargetSL, c.AnswerSeconds
		s.AbandonRate, s.ASASeconds = round3(c.AbandonRate), round1(c.ASASeconds)
	} else {
		s.OnTimeShare, s.Late = math.Round(c.OnTimeShare*10000)/10000, c.Late
	}
	return s
}

func appendValue(vs []report.IntervalValue, t time.Time, channel string, v float64) []report.IntervalValue {
	for i := range vs {
		if vs[i].Channel == channel && vs[i].Start.Equal(t) {
			vs[i].Value += v
			return vs
		}
	}
	return append(vs, report.IntervalValue{Start: t, Channel: channel, Value: v})
}

// peakDay is the day with the most contacts.
func peakDay(res *forecast.Result) civil.Date {
	var best civil.Date
	bestV := -1.0
	for _, t := range res.Totals() {
		if t.Band.P50 > bestV {
			best, bestV = t.Date, t.Band.P50
		}
	}
	return best
}

// topDays are the n days with the highest peak requirement, in date order.
func topDays(req map[civil.Date]int, n int, loc *time.Location) []time.Time {
	days := make([]civil.Date, 0, len(req))
	for d := range req {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool {
		if req[days[i]] != req[days[j]] {
			return req[days[i]] > req[days[j]]
		}
		return days[i].Before(days[j])
	})
	if len(days) > n {
		days = days[:n]
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	out := make([]time.Time, len(days))
	for i, d := range days {
		out[i] = d.Midnight(loc)
	}
	return out
}

func assumptions(run *Result) []report.KV {
	p := run.Plan
	res := run.Forecast
	L := func(key string, a ...any) string {
		if len(a) == 0 {
			return report.T(p.Lang, key)
		}
		return fmt.Sprintf(report.T(p.Lang, key), a...)
	}
	kv := []report.KV{
		{Label: L("asm.season"), Value: p.Season.Range.String()},
		{Label: L("asm.time_zone"), Value: p.Season.TimeZone},
		{Label: L("asm.interval"), Value: L("asm.minutes", time.Duration(p.Season.Interval).Minutes())},
		// contacts, not rows: a row of an aggregated series stands for its count
		{Label: L("asm.history"), Value: run.Set.Summarize().Contacts},
	}
	switch g := res.Growth; {
	case g.Given:
		kv = append(kv, report.KV{Label: L("asm.growth_given"), Value: math.Round(g.Factor*1000) / 1000})
	case g.Measured:
		kv = append(kv, report.KV{Label: L("asm.growth_measured", g.From, g.To), Value: math.Round(g.Factor*1000) / 1000})
	}
	kv = append(kv, report.KV{Label: L("asm.quantile"), Value: p.Forecast.Quantile})
	kv = append(kv, report.KV{Label: L("asm.bands"), Value: res.Bands.Method})
	for _, r := range run.Staffing.Plan.Requirements {
		pol := r.Policy
		switch string(r.Kind) {
		case "deferred":
			kv = append(kv, report.KV{Label: L("asm.deadline", r.Channel), Value: pol.Deadline.Hours(), Unit: "h"})
		default:
			kv = append(kv, report.KV{Label: L("asm.sl", r.Channel), Value: pol.Targets.ServiceLevel, Unit: "%"})
			kv = append(kv, report.KV{Label: L("asm.answer", r.Channel), Value: pol.Targets.AnswerSeconds, Unit: "s"})
			if pol.Concurrency > 1 {
				kv = append(kv, report.KV{Label: L("asm.concurrency", r.Channel), Value: pol.Concurrency})
			}
			if pol.PatienceSeconds > 0 {
				kv = append(kv, report.KV{Label: L("asm.patience", r.Channel), Value: pol.PatienceSeconds, Unit: "s"})
			}
		}
		kv = append(kv, report.KV{Label: L("asm.shrinkage", r.Channel), Value: pol.Shrinkage, Unit: "%"})
	}
	for _, a := range res.AHT {
		// the handle time staffing used: the plan's override of the issue
		// type, else the history's at the peak
		if it, ok := p.IssueTypes[a.Key.IssueType]; ok && it.HandleTime != nil {
			kv = append(kv, report.KV{Label: L("asm.aht_plan", a.Key.Channel, a.Key.IssueType, a.Key.IssueType),
				Value: round1(time.Duration(*it.HandleTime).Seconds()), Unit: "s"})
			continue
		}
		v := a.Season
		if v == 0 {
			v = a.Normal
		}
		if v > 0 {
			kv = append(kv, report.KV{Label: L("asm.aht_peak", a.Key.Channel, a.Key.IssueType, a.Uplift), Value: round1(v), Unit: "s"})
		}
	}
	return kv
}

// addRoster puts the roster in the model: agents and their shifts, the
// scheduled agents per interval, hours, cost and the hires to make.
func addRoster(m *report.Model, run *Result) {
	sch := run.Schedule
	res := sch.Result
	ev := res.Evaluation
	byAgent := map[string]int{}
	for _, a := range report.RosterAgents(sch.Model, &res.Roster) {
		byAgent[a.ID] = len(m.Agents)
		m.Agents = append(m.Agents, a)
	}
	for i := range m.Agents {
		sort.Slice(m.Agents[i].Shifts, func(a, b int) bool { return m.Agents[i].Shifts[a].Start.Before(m.Agents[i].Shifts[b].Start) })
	}
	if ev == nil {
		return
	}
	// on the queue per interval, all groups together, breaks excluded;
	// the shortfall group by group
	onDuty, short := map[int64]float64{}, map[int64]float64{}
	for _, sc := range ev.Skills {
		for k, v := range sc.OnDuty {
			key := ev.Start.Add(time.Duration(k) * ev.Interval).Unix()
			onDuty[key] += float64(v)
			short[key] += float64(sc.Shortfall[k])
		}
	}
	for i := range m.Coverage {
		key := m.Coverage[i].Start.Unix()
		m.Coverage[i].Scheduled = onDuty[key]
		m.Coverage[i].Short = short[key]
	}
	m.Totals.ScheduledHours = ev.PaidHours
	m.Totals.Roster = rosterTotals(run)
	m.WhyShort, m.RuleGaps = whyShort(sch)
	m.Totals.Cost = ev.Cost
	m.Totals.Hires = sch.Hires
	m.Totals.HireBy = sch.HireBy
	for _, a := range ev.Agents {
		st := report.AgentStat{ID: a.ID, HoursPerWeek: map[string]float64{}, Weekends: a.WeekendDays}
		for w, h := range a.WeekHours {
			st.HoursPerWeek[fmt.Sprintf("week %d", w+1)] = h
		}
		st.PeakBlocks = int(math.Round(a.PeakHours * float64(time.Hour) / float64(ev.Interval)))
		if i, ok := byAgent[a.ID]; ok {
			for _, sh := range m.Agents[i].Shifts {
				h := sh.End.In(m.Loc).Hour()
				if !sh.Reserve && (sh.Start.In(m.Loc).Hour() < 6 || h >= 22 || sh.End.In(m.Loc).Day() != sh.Start.In(m.Loc).Day()) {
					st.Nights++
				}
			}
		}
		m.AgentStats = append(m.AgentStats, st)
	}
}

// rosterTotals are the roster's figures, one definition for the workbook,
// the report, the terminal and plan --json (README, "Figures"): the
// shortfall in agent-hours summed over the staffing groups, the intervals
// in which some group is short, the rule gaps, staffed hours against the
// lower bound, and the hires' re-solved shortfall.
func rosterTotals(run *Result) *report.RosterTotals {
	sch := run.Schedule
	ev := sch.Result.Evaluation
	short := map[int64]bool{}
	for _, u := range ev.Unmet {
		short[u.Start.Unix()] = true
	}
	rt := &report.RosterTotals{ShortfallHours: round1(ev.ShortageHours), ShortIntervals: len(short),
		LeadGapHours: round1(ev.LeadGapHours), VeteranGapHours: round1(ev.VeteranGapHours),
		StaffedHours: round1(ev.StaffedHours), LowerBoundHours: round1(ev.LowerBoundHours), AboveBound: math.Round(ev.GapPercent*10) / 1000}
	if hp := sch.HirePlan; hp != nil {
		rt.HiresChecked = true
		rt.ShortfallWithHires, rt.UnclosableHours = round1(hp.After.ShortageHours), round1(hp.After.UnclosableHours)
	}
	return rt
}

// whyShort are the roster's short stretches and rule gaps with their
// causes, as every output lists them.
func whyShort(sch *pipeline.Schedule) ([]report.ShortStretch, []report.RuleGap) {
	x := sch.Explanation
	if x == nil {
		return nil, nil
	}
	var why []report.ShortStretch
	var gaps []report.RuleGap
	for _, st := range x.Shortfall {
		why = append(why, report.ShortStretch{Start: st.Start, End: st.End, Group: st.Skill, AgentHours: st.AgentHours,
			Most: st.Most, Cause: string(st.Cause), Detail: st.Detail, Fix: st.Fix, HiresCanClose: st.Cause.HiresCanClose()})
	}
	for _, g := range x.RuleGaps {
		gaps = append(gaps, report.RuleGap{Start: g.Start, End: g.End, Rule: g.Rule, Hours: g.Hours, Most: g.Most,
			Cause: string(g.Cause), Detail: g.Detail, Fix: g.Fix})
	}
	return why, gaps
}
