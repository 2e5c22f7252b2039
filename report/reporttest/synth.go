// Package reporttest builds the plausible plans that the writers' tests
// and the sample generator render: every writer is tested on the same
// model, so their outputs can be compared figure by figure.
package reporttest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/report"
)

// FormulaName is an agent name that a spreadsheet would run if it were
// written as a formula.
const FormulaName = `=HYPERLINK("https://evil.example/x","click")`

// Opts shape a synthetic plan.
type Opts struct {
	Agents   int
	Days     int
	Interval time.Duration
	Start    time.Time // local midnight of the first day
	Peaks    int       // peak days, from the fifth day on
	Lang     string
}

// synth holds what the stages of Build share.
type synth struct {
	o     Opts
	m     *report.Model
	rng   *rand.Rand
	chans []string
	share []float64 // of the contacts per channel
	aht   []float64 // seconds per channel
}

// Build makes a plausible plan: 3 channels, a roster with breaks, leads,
// reserves, a split and a night shift, coverage computed from the roster,
// and forecast, staffing and fairness figures that agree with it. The same
// options give the same model.
func Build(o Opts) (*report.Model, error) {
	s := &synth{o: o, rng: rand.New(rand.NewPCG(7, uint64(o.Agents))),
		chans: []string{"phone", "chat", "email"}, share: []float64{0.5, 0.3, 0.2}, aht: []float64{300, 420, 600}}
	s.m = &report.Model{
		Title:     "Northwind Outfitters — BFCM 2026 & more",
		Lang:      o.Lang,
		Season:    report.DateRange{Start: o.Start, End: o.Start.AddDate(0, 0, o.Days-1)},
		Loc:       o.Start.Location(),
		Interval:  o.Interval,
		Generated: time.Date(2026, 10, 1, 9, 30, 0, 0, o.Start.Location()),
		Currency:  "USD",
	}
	for p := 0; p < o.Peaks; p++ {
		s.m.PeakDays = append(s.m.PeakDays, s.day(min(4+p, o.Days-1)).Add(13*time.Hour))
	}
	for i := 0; i < o.Agents; i++ {
		s.m.Agents = append(s.m.Agents, s.agent(i))
	}
	s.forecast()
	for d := 0; d < o.Days; d++ {
		s.intervals(d)
	}
	if o.Peaks > 1 {
		s.onePeakIntraday()
	}
	s.fairness()
	s.headlines()
	AddGroups(s.m)
	s.m.Totals.Cost = s.m.Totals.ScheduledHours * 25
	s.assumptions()
	if err := s.m.Validate(); err != nil {
		return nil, err
	}
	return s.m, nil
}

func (s *synth) day(i int) time.Time { return s.o.Start.AddDate(0, 0, i) }

func (s *synth) isPeak(d time.Time) bool {
	for _, p := range s.m.PeakDays {
		if p.Year() == d.Year() && p.YearDay() == d.YearDay() {
			return true
		}
	}
	return false
}

// perDay are the contacts of a day, all channels.
func (s *synth) perDay(d time.Time) float64 {
	f := 1.0
	if s.isPeak(d) {
		f = 2.2
	}
	return 900 * float64(s.o.Agents) / 40 * f
}

// agent is the i-th agent with its shifts: the first few have names a
// spreadsheet would run or that need a wide column.
func (s *synth) agent(i int) report.Agent {
	tiers := []string{report.TierVeteran, report.TierRegular, report.TierRegular, report.TierNew, report.TierAllHands, report.TierOutsourced, report.TierRegular, report.TierVeteran}
	starts := []int{7, 8, 9, 10, 12, 14}
	a := report.Agent{
		ID:   fmt.Sprintf("A%03d", i+1),
		Name: fmt.Sprintf("Agent %d", i+1),
		Tier: tiers[i%len(tiers)],
		Team: []string{"Orders", "Returns", "@Tmall"}[i%3],
	}
	switch i {
	case 0:
		a.Lead = true
	case 1:
		a.Name = FormulaName
	case 2:
		a.Name = "+1 555 0100"
	case 3:
		a.Name = "-Dash"
	case 4:
		a.Name = "王小明"
	case 5:
		a.Lead = true
	}
	onCall := i >= s.o.Agents-2 // on the reserve list only: on call, never on shift
	if onCall || i == 8 {
		a.Reserve = true
	}
	for d := 0; d < s.o.Days; d++ {
		if (d+i)%7 >= 5 && !s.isPeak(s.day(d)) {
			continue // two days off a week, none on peak days
		}
		h := starts[(i+d)%len(starts)]
		st := s.day(d).Add(time.Duration(h) * time.Hour)
		switch {
		case i == 6 && d%2 == 0: // split shift
			a.Shifts = append(a.Shifts,
				report.Shift{Start: st, End: st.Add(4 * time.Hour)},
				report.Shift{Start: st.Add(8 * time.Hour), End: st.Add(12 * time.Hour)})
			continue
		case onCall: // a 4-hour reserve duty
			a.Shifts = append(a.Shifts, report.Shift{Start: st, End: st.Add(4 * time.Hour), Reserve: true})
			continue
		case i == 7: // night shift
			st = s.day(d).Add(22 * time.Hour)
		}
		sh := report.Shift{Start: st, End: st.Add(8*time.Hour + 30*time.Minute), Lead: a.Lead}
		sh.Breaks = []report.Break{
			{Start: st.Add(2 * time.Hour), End: st.Add(2*time.Hour + 15*time.Minute), Paid: true},
			{Start: st.Add(4 * time.Hour), End: st.Add(4*time.Hour + 30*time.Minute)},
		}
		a.Shifts = append(a.Shifts, sh)
		if i == 8 && s.isPeak(s.day(d)) { // a veteran on call after the shift
			a.Shifts = append(a.Shifts, report.Shift{Start: st.Add(9 * time.Hour), End: st.Add(13 * time.Hour), Reserve: true})
		}
	}
	return a
}

// forecast is the daily forecast per channel and issue type.
func (s *synth) forecast() {
	types := []string{"Order status", "Returns", "=SUM(A1:A9)"}
	for d := 0; d < s.o.Days; d++ {
		for c, ch := range s.chans {
			for k, it := range types {
				p50 := math.Round(s.perDay(s.day(d)) * s.share[c] * []float64{0.6, 0.3, 0.1}[k])
				fd := report.ForecastDay{Date: s.day(d), Channel: ch, IssueType: it, P10: math.Round(p50 * 0.85), P50: p50, P90: math.Round(p50 * 1.2), AHTSeconds: s.aht[c]}
				if s.isPeak(s.day(d)) {
					fd.Event = "Black Friday"
				}
				s.m.ForecastDays = append(s.m.ForecastDays, fd)
				s.m.Totals.Contacts += p50
			}
		}
	}
}

// shape is the intraday profile: a day bump between 8:00 and 22:00.
func shape(t time.Time) float64 {
	h := float64(t.Hour()) + float64(t.Minute())/60
	return math.Max(0.05, math.Exp(-(h-14)*(h-14)/18))
}

// onQueue counts the agents on the queue (on shift, not on reserve, not on
// a break) at the middle of the interval that starts at t.
func (s *synth) onQueue(t time.Time) float64 {
	n := 0.0
	mid := t.Add(s.o.Interval / 2)
	for _, a := range s.m.Agents {
		for _, sh := range a.Shifts {
			if sh.Reserve || mid.Before(sh.Start) || !mid.Before(sh.End) {
				continue
			}
			onBreak := false
			for _, b := range sh.Breaks {
				if !mid.Before(b.Start) && mid.Before(b.End) {
					onBreak = true
				}
			}
			if !onBreak {
				n++
			}
		}
	}
	return n
}

// intervals adds day d's staffing per channel, intraday profile (peak
// days) and coverage against the roster.
func (s *synth) intervals(d int) {
	var slots []time.Time
	for t := s.day(d); t.Before(s.day(d + 1)); t = t.Add(s.o.Interval) {
		slots = append(slots, t)
	}
	total := 0.0
	for _, t := range slots {
		total += shape(t)
	}
	for _, t := range slots {
		scheduled := s.onQueue(t)
		required := 0.0
		for c, ch := range s.chans {
			contacts := s.perDay(s.day(d)) * s.share[c] * shape(t) / total
			aht := s.aht[c]
			traffic := contacts * aht / s.o.Interval.Seconds()
			agents := int(math.Ceil(traffic + 2*math.Sqrt(traffic)))
			if traffic == 0 {
				agents = 0
			}
			required += float64(agents)
			s.m.Staffing = append(s.m.Staffing, report.StaffInterval{
				Start: t, Channel: ch, Contacts: contacts, AHTSeconds: aht, TrafficErlangs: traffic,
				Agents: agents, AgentsFractional: math.Max(0, float64(agents)-0.4), Scheduled: int(math.Ceil(float64(agents) / 0.7)),
				ServiceLevel: 0.8 + 0.1*s.rng.Float64(), ASASeconds: 10 + 20*s.rng.Float64(), Occupancy: traffic / math.Max(1, float64(agents)),
				PAbandon: 0.02 * s.rng.Float64(), Binding: "service_level",
			})
			if s.isPeak(s.day(d)) {
				s.m.Intraday = append(s.m.Intraday, report.IntervalValue{Start: t, Channel: ch, Value: contacts})
			}
		}
		// two groups: the second is short by one more agent than the
		// totals show whenever the first has one to spare
		short := math.Max(0, required-scheduled)
		if scheduled > required && int(t.Unix()/int64(s.o.Interval.Seconds()))%7 == 0 {
			short = 1
		}
		s.m.Coverage = append(s.m.Coverage, report.CoverageInterval{Start: t, Required: required, Scheduled: scheduled, Short: short,
			ToSchedule: math.Ceil(required / 0.7)})
		s.m.Totals.RequiredHours += required * s.o.Interval.Hours()
	}
}

// onePeakIntraday keeps the intraday profile of the first peak day only.
func (s *synth) onePeakIntraday() {
	first := s.m.PeakDays[0]
	var keep []report.IntervalValue
	for _, iv := range s.m.Intraday {
		if iv.Start.YearDay() == first.YearDay() {
			keep = append(keep, iv)
		}
	}
	s.m.Intraday = keep
}

// fairness adds each agent's figures and the season's scheduled hours:
// shifts worked, reserve duty (on call, not paid work) left out.
func (s *synth) fairness() {
	for _, a := range s.m.Agents {
		st := report.AgentStat{ID: a.ID, HoursPerWeek: map[string]float64{}}
		for _, sh := range a.Shifts {
			if sh.Reserve {
				continue
			}
			y, w := sh.Start.ISOWeek()
			st.HoursPerWeek[fmt.Sprintf("%d-W%02d", y, w)] += sh.Hours()
			s.m.Totals.ScheduledHours += sh.Hours()
			if sh.Start.Hour() >= 20 || sh.Start.Hour() < 6 {
				st.Nights++
			}
			if wd := sh.Start.Weekday(); wd == time.Saturday || wd == time.Sunday {
				st.Weekends++
			}
			if s.isPeak(sh.Start) {
				st.PeakBlocks += int(sh.End.Sub(sh.Start) / s.o.Interval)
			}
		}
		s.m.AgentStats = append(s.m.AgentStats, st)
	}
}

// headlines sets the expected service level and the hires.
func (s *synth) headlines() {
	t := &s.m.Totals
	t.ServiceLevel = map[string]float64{"phone": 0.812, "chat": 0.853, "email": 0.97}
	t.Hires = map[string]int{report.TierNew: 5, report.TierOutsourced: 3}
	t.HireBy = map[string]time.Time{report.TierNew: s.o.Start.AddDate(0, 0, -42), report.TierOutsourced: s.o.Start.AddDate(0, 0, -14)}
}

// assumptions adds the assumptions, warnings (one a formula) and two
// scenarios.
func (s *synth) assumptions() {
	m, start := s.m, s.o.Start
	m.Assumptions = []report.KV{
		{Label: "Service level target", Value: 0.8, Unit: "%"},
		{Label: "Answer within", Value: 20, Unit: "s"},
		{Label: "Shrinkage", Value: 0.3, Unit: "%"},
		{Label: "AHT Order status", Value: 300.0, Unit: "s"},
		{Label: "Growth vs last year", Value: 0.12, Unit: "%"},
		{Label: "Forecast model", Value: "event-aligned year over year"},
		{Label: "History from", Value: time.Date(2024, 1, 1, 0, 0, 0, 0, m.Loc)},
	}
	m.Warnings = []string{"Cyber Monday is outside the season: extend it to plan for it.", "=cmd|' /C calc'!A0"}
	m.Scenarios = []report.Scenario{
		{Name: "Base", Contacts: m.Totals.Contacts, WorkloadHours: 1234.5, PeakRequired: 30, AvgRequired: 12.5, ScheduledHours: m.Totals.ScheduledHours, Cost: m.Totals.Cost, ServiceLevel: 0.82, SimulatedServiceLevel: 0.8, AbandonRate: 0.03, ShortIntervals: 12, Hires: map[string]int{report.TierNew: 5}, HireBy: map[string]time.Time{report.TierNew: start.AddDate(0, 0, -42)}},
		{Name: "+20% volume", Contacts: m.Totals.Contacts * 1.2, WorkloadHours: 1481.4, PeakRequired: 36, AvgRequired: 15, ScheduledHours: m.Totals.ScheduledHours, Cost: m.Totals.Cost, ServiceLevel: 0.7, SimulatedServiceLevel: 0.68, AbandonRate: 0.06, ShortIntervals: 40, Hires: map[string]int{report.TierNew: 9, report.TierOutsourced: 4}},
	}
}

// AddGroups gives the model two staffing groups, phone specialists and a
// blended group, whose paid hours add up to the season's (as the plan
// command makes them), and their simulated service: the specialists' phone
// below its target, callbacks of closed hours a little late.
func AddGroups(m *report.Model) {
	r1 := func(x float64) float64 { return math.Round(x*10) / 10 }
	phone := r1(0.3 * m.Totals.RequiredHours)
	blended := r1(m.Totals.RequiredHours - phone)
	m.Totals.RequiredHours = phone + blended
	m.Groups = []report.Group{
		{Name: "phone", Channels: []string{"phone"}, RequiredHours: phone, AgentHours: r1(0.7 * phone), PeakRequired: 9,
			ByChannel: []report.GroupChannel{{Channel: "phone", Share: 1, ClosedContacts: 42.4, Callbacks: 42.4, Late: 1.2}}},
		{Name: "phone+chat+email", Channels: []string{"phone", "chat", "email"}, RequiredHours: blended, AgentHours: r1(0.7 * blended), PeakRequired: 21,
			ByChannel: []report.GroupChannel{
				{Channel: "phone", Share: 0.251, ClosedContacts: 10.6, Lost: 10.6},
				{Channel: "chat", Share: 0.347},
				{Channel: "email", Deferred: true, Share: 0.402, Late: 3.5},
			}},
	}
	m.Simulated = []report.SimulatedService{
		{Channel: "phone", Group: "phone", Live: true, FromRoster: true, ServiceLevel: 0.764, TargetServiceLevel: 0.8, AnswerSeconds: 20, AbandonRate: 0.031, ASASeconds: 18.4},
		{Channel: "phone (closed hours)", Group: "phone", FromRoster: true, OnTimeShare: 0.9876, Late: 2},
		{Channel: "phone", Group: "phone+chat+email", Live: true, FromRoster: true, ServiceLevel: 0.853, TargetServiceLevel: 0.8, AnswerSeconds: 20, AbandonRate: 0.012, ASASeconds: 9.5},
		{Channel: "chat", Group: "phone+chat+email", Live: true, FromRoster: true, ServiceLevel: 0.912, TargetServiceLevel: 0.8, AnswerSeconds: 60, ASASeconds: 21.7},
		{Channel: "email", Group: "phone+chat+email", FromRoster: true, OnTimeShare: 1},
	}
}

// NoRoster takes the roster out of m, as a plan with no team has none:
// no agents, no roster totals, nobody on the queue.
func NoRoster(m *report.Model) {
	m.Agents, m.AgentStats, m.Totals.Roster = nil, nil, nil
	m.Totals.ScheduledHours, m.Totals.Cost = 0, 0
	m.WhyShort, m.RuleGaps = nil, nil
	for i := range m.Coverage {
		m.Coverage[i].Scheduled, m.Coverage[i].Short = math.NaN(), math.NaN()
	}
}

// Synth is Build for a test: an invalid model fails it.
func Synth(t testing.TB, o Opts) *report.Model {
	t.Helper()
	m, err := Build(o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// SeasonStart is the first day of the test models' season, Monday 23
// November 2026 in New York (Black Friday is its fifth day).
func SeasonStart() (time.Time, error) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(2026, 11, 23, 0, 0, 0, 0, ny), nil
}

// StandardOpts are the options of most tests: 40 agents, 7 days, 30-minute
// intervals, two peak days (Black Friday and the Saturday after).
func StandardOpts(start time.Time, lang string) Opts {
	return Opts{Agents: 40, Days: 7, Interval: 30 * time.Minute, Start: start, Peaks: 2, Lang: lang}
}

// Model is the model of most tests (StandardOpts); it skips the test when
// the system has no zone database.
func Model(t testing.TB, lang string) *report.Model {
	start, err := SeasonStart()
	if err != nil {
		t.Skip("no zone database:", err)
	}
	return Synth(t, StandardOpts(start, lang))
}

// ShiftCount counts the shifts of every agent.
func ShiftCount(m *report.Model) int {
	n := 0
	for _, a := range m.Agents {
		n += len(a.Shifts)
	}
	return n
}

// BigOpts are the benchmarks' plan: 500 agents, a 30-day roster from 10
// November, 15-minute timelines for 5 peak days, 8,640 staffing rows.
func BigOpts(lang string) (Opts, error) {
	start, err := SeasonStart()
	if err != nil {
		return Opts{}, err
	}
	return Opts{Agents: 500, Days: 30, Interval: 15 * time.Minute, Start: start.AddDate(0, 0, -13), Peaks: 5, Lang: lang}, nil
}

// Big is the model of BigOpts; it skips when the system has no zone
// database.
func Big(t testing.TB) *report.Model {
	o, err := BigOpts("en")
	if err != nil {
		t.Skip(err)
	}
	return Synth(t, o)
}

// Near reports whether a equals b to 1e-9 relative (absolute below 1): the
// float's last bits, not a rounding.
func Near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
