package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// formulaName is an agent name that a spreadsheet would run if it were
// written as a formula.
const formulaName = `=HYPERLINK("https://evil.example/x","click")`

type synthOpts struct {
	agents   int
	days     int
	interval time.Duration
	start    time.Time // local midnight of the first day
	peaks    int       // peak days, from the fifth day on
	lang     string
}

// synthModel builds a plausible plan: 3 channels, a roster with breaks,
// leads, reserves, a split and a night shift, coverage computed from the
// roster, and forecast, staffing and fairness figures that agree with it.
func synthModel(t testing.TB, o synthOpts) *Model {
	t.Helper()
	loc := o.start.Location()
	rng := rand.New(rand.NewPCG(7, uint64(o.agents)))
	m := &Model{
		Title:     "Northwind Outfitters — BFCM 2026 & more",
		Lang:      o.lang,
		Season:    DateRange{o.start, o.start.AddDate(0, 0, o.days-1)},
		Loc:       loc,
		Interval:  o.interval,
		Generated: time.Date(2026, 10, 1, 9, 30, 0, 0, loc),
		Currency:  "USD",
	}
	day := func(i int) time.Time { return o.start.AddDate(0, 0, i) }
	for p := 0; p < o.peaks; p++ {
		m.PeakDays = append(m.PeakDays, day(min(4+p, o.days-1)).Add(13*time.Hour))
	}
	isPeak := func(d time.Time) bool {
		for _, p := range m.PeakDays {
			if p.Year() == d.Year() && p.YearDay() == d.YearDay() {
				return true
			}
		}
		return false
	}
	tiers := []string{TierVeteran, TierRegular, TierRegular, TierNew, TierAllHands, TierOutsourced, TierRegular, TierVeteran}
	starts := []int{7, 8, 9, 10, 12, 14}
	for i := 0; i < o.agents; i++ {
		a := Agent{
			ID:   fmt.Sprintf("A%03d", i+1),
			Name: fmt.Sprintf("Agent %d", i+1),
			Tier: tiers[i%len(tiers)],
			Team: []string{"Orders", "Returns", "@Tmall"}[i%3],
		}
		switch i {
		case 0:
			a.Lead = true
		case 1:
			a.Name = formulaName
		case 2:
			a.Name = "+1 555 0100"
		case 3:
			a.Name = "-Dash"
		case 4:
			a.Name = "王小明"
		case 5:
			a.Lead = true
		}
		if i >= o.agents-2 {
			a.Reserve = true
		}
		for d := 0; d < o.days; d++ {
			if (d+i)%7 >= 5 && !isPeak(day(d)) {
				continue // two days off a week, none on peak days
			}
			h := starts[(i+d)%len(starts)]
			st := day(d).Add(time.Duration(h) * time.Hour)
			switch {
			case i == 6 && d%2 == 0: // split shift
				a.Shifts = append(a.Shifts,
					Shift{Start: st, End: st.Add(4 * time.Hour)},
					Shift{Start: st.Add(8 * time.Hour), End: st.Add(12 * time.Hour)})
				continue
			case i == 7: // night shift
				st = day(d).Add(22 * time.Hour)
			}
			s := Shift{Start: st, End: st.Add(8*time.Hour + 30*time.Minute), Lead: a.Lead, Reserve: a.Reserve}
			s.Breaks = []Break{
				{Start: st.Add(2 * time.Hour), End: st.Add(2*time.Hour + 15*time.Minute), Paid: true},
				{Start: st.Add(4 * time.Hour), End: st.Add(4*time.Hour + 30*time.Minute)},
			}
			a.Shifts = append(a.Shifts, s)
		}
		m.Agents = append(m.Agents, a)
	}

	chans := []string{"phone", "chat", "email"}
	types := []string{"Order status", "Returns", "=SUM(A1:A9)"}
	share := []float64{0.5, 0.3, 0.2}
	perDay := func(d time.Time) float64 {
		f := 1.0
		if isPeak(d) {
			f = 2.2
		}
		return 900 * float64(o.agents) / 40 * f
	}
	for d := 0; d < o.days; d++ {
		for c, ch := range chans {
			for k, it := range types {
				p50 := math.Round(perDay(day(d)) * share[c] * []float64{0.6, 0.3, 0.1}[k])
				fd := ForecastDay{Date: day(d), Channel: ch, IssueType: it, P10: math.Round(p50 * 0.85), P50: p50, P90: math.Round(p50 * 1.2), AHTSeconds: []float64{300, 420, 600}[c]}
				if isPeak(day(d)) {
					fd.Event = "Black Friday"
				}
				m.ForecastDays = append(m.ForecastDays, fd)
				m.Totals.Contacts += p50
			}
		}
	}
	// Intraday shape: a day bump between 8:00 and 22:00.
	shape := func(t time.Time) float64 {
		h := float64(t.Hour()) + float64(t.Minute())/60
		return math.Max(0.05, math.Exp(-(h-14)*(h-14)/18))
	}
	for d := 0; d < o.days; d++ {
		var slots []time.Time
		for t := day(d); t.Before(day(d + 1)); t = t.Add(o.interval) {
			slots = append(slots, t)
		}
		total := 0.0
		for _, t := range slots {
			total += shape(t)
		}
		for _, t := range slots {
			scheduled := 0.0
			mid := t.Add(o.interval / 2)
			for _, a := range m.Agents {
				for _, s := range a.Shifts {
					if s.Reserve || mid.Before(s.Start) || !mid.Before(s.End) {
						continue
					}
					onBreak := false
					for _, b := range s.Breaks {
						if !mid.Before(b.Start) && mid.Before(b.End) {
							onBreak = true
						}
					}
					if !onBreak {
						scheduled++
					}
				}
			}
			required := 0.0
			for c, ch := range chans {
				contacts := perDay(day(d)) * share[c] * shape(t) / total
				aht := []float64{300, 420, 600}[c]
				traffic := contacts * aht / o.interval.Seconds()
				agents := int(math.Ceil(traffic + 2*math.Sqrt(traffic)))
				if traffic == 0 {
					agents = 0
				}
				required += float64(agents)
				m.Staffing = append(m.Staffing, StaffInterval{
					Start: t, Channel: ch, Contacts: contacts, AHTSeconds: aht, TrafficErlangs: traffic,
					Agents: agents, AgentsFractional: math.Max(0, float64(agents)-0.4), Scheduled: int(math.Ceil(float64(agents) / 0.7)),
					ServiceLevel: 0.8 + 0.1*rng.Float64(), ASASeconds: 10 + 20*rng.Float64(), Occupancy: traffic / math.Max(1, float64(agents)),
					PAbandon: 0.02 * rng.Float64(), Binding: "service_level",
				})
				if isPeak(day(d)) {
					m.Intraday = append(m.Intraday, IntervalValue{Start: t, Channel: ch, Value: contacts})
				}
			}
			// two groups: the second is short by one more agent than the
			// totals show whenever the first has one to spare
			short := math.Max(0, required-scheduled)
			if scheduled > required && int(t.Unix()/int64(o.interval.Seconds()))%7 == 0 {
				short = 1
			}
			m.Coverage = append(m.Coverage, CoverageInterval{Start: t, Required: required, Scheduled: scheduled, Short: short,
				ToSchedule: math.Ceil(required / 0.7)})
			m.Totals.RequiredHours += required * o.interval.Hours()
		}
	}
	if o.peaks > 1 {
		// Intraday is the profile of one peak day only.
		first := m.PeakDays[0]
		var keep []IntervalValue
		for _, iv := range m.Intraday {
			if iv.Start.YearDay() == first.YearDay() {
				keep = append(keep, iv)
			}
		}
		m.Intraday = keep
	}
	for _, a := range m.Agents {
		st := AgentStat{ID: a.ID, HoursPerWeek: map[string]float64{}}
		for _, s := range a.Shifts {
			y, w := s.Start.ISOWeek()
			st.HoursPerWeek[fmt.Sprintf("%d-W%02d", y, w)] += s.Hours()
			m.Totals.ScheduledHours += s.Hours()
			if s.Start.Hour() >= 20 || s.Start.Hour() < 6 {
				st.Nights++
			}
			if wd := s.Start.Weekday(); wd == time.Saturday || wd == time.Sunday {
				st.Weekends++
			}
			if isPeak(s.Start) {
				st.PeakBlocks += int(s.End.Sub(s.Start) / o.interval)
			}
		}
		m.AgentStats = append(m.AgentStats, st)
	}
	m.Totals.ServiceLevel = map[string]float64{"phone": 0.812, "chat": 0.853, "email": 0.97}
	addSynthGroups(m)
	m.Totals.Cost = m.Totals.ScheduledHours * 25
	m.Totals.Hires = map[string]int{TierNew: 5, TierOutsourced: 3}
	m.Totals.HireBy = map[string]time.Time{TierNew: o.start.AddDate(0, 0, -42), TierOutsourced: o.start.AddDate(0, 0, -14)}
	m.Assumptions = []KV{
		{Label: "Service level target", Value: 0.8, Unit: "%"},
		{Label: "Answer within", Value: 20, Unit: "s"},
		{Label: "Shrinkage", Value: 0.3, Unit: "%"},
		{Label: "AHT Order status", Value: 300.0, Unit: "s"},
		{Label: "Growth vs last year", Value: 0.12, Unit: "%"},
		{Label: "Forecast model", Value: "event-aligned year over year"},
		{Label: "History from", Value: time.Date(2024, 1, 1, 0, 0, 0, 0, loc)},
	}
	m.Warnings = []string{"Cyber Monday is outside the season: extend it to plan for it.", "=cmd|' /C calc'!A0"}
	m.Scenarios = []Scenario{
		{Name: "Base", Contacts: m.Totals.Contacts, WorkloadHours: 1234.5, PeakRequired: 30, AvgRequired: 12.5, ScheduledHours: m.Totals.ScheduledHours, Cost: m.Totals.Cost, ServiceLevel: 0.82, SimulatedServiceLevel: 0.8, AbandonRate: 0.03, ShortIntervals: 12, Hires: map[string]int{TierNew: 5}, HireBy: map[string]time.Time{TierNew: o.start.AddDate(0, 0, -42)}},
		{Name: "+20% volume", Contacts: m.Totals.Contacts * 1.2, WorkloadHours: 1481.4, PeakRequired: 36, AvgRequired: 15, ScheduledHours: m.Totals.ScheduledHours, Cost: m.Totals.Cost, ServiceLevel: 0.7, SimulatedServiceLevel: 0.68, AbandonRate: 0.06, ShortIntervals: 40, Hires: map[string]int{TierNew: 9, TierOutsourced: 4}},
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	return m
}

// testModel is the model of most tests: 40 agents, 7 days, 30-minute
// intervals, two peak days (Black Friday and the Saturday after).
func testModel(t testing.TB, lang string) *Model {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	return synthModel(t, synthOpts{agents: 40, days: 7, interval: 30 * time.Minute,
		start: time.Date(2026, 11, 23, 0, 0, 0, 0, ny), peaks: 2, lang: lang})
}

func shiftCount(m *Model) int {
	n := 0
	for _, a := range m.Agents {
		n += len(a.Shifts)
	}
	return n
}

// addSynthGroups gives the model two staffing groups, phone specialists and
// a blended group, whose paid hours add up to the season's (as the plan
// command makes them), and their simulated service: the specialists' phone
// below its target, callbacks of closed hours a little late.
func addSynthGroups(m *Model) {
	r1 := func(x float64) float64 { return math.Round(x*10) / 10 }
	phone := r1(0.3 * m.Totals.RequiredHours)
	blended := r1(m.Totals.RequiredHours - phone)
	m.Totals.RequiredHours = phone + blended
	m.Groups = []Group{
		{Name: "phone", Channels: []string{"phone"}, RequiredHours: phone, AgentHours: r1(0.7 * phone), PeakRequired: 9,
			ByChannel: []GroupChannel{{Channel: "phone", Share: 1, ClosedContacts: 42.4, Callbacks: 42.4, Late: 1.2}}},
		{Name: "phone+chat+email", Channels: []string{"phone", "chat", "email"}, RequiredHours: blended, AgentHours: r1(0.7 * blended), PeakRequired: 21,
			ByChannel: []GroupChannel{
				{Channel: "phone", Share: 0.251, ClosedContacts: 10.6, Lost: 10.6},
				{Channel: "chat", Share: 0.347},
				{Channel: "email", Deferred: true, Share: 0.402, Late: 3.5},
			}},
	}
	m.Simulated = []SimulatedService{
		{Channel: "phone", Group: "phone", Live: true, FromRoster: true, ServiceLevel: 0.764, TargetServiceLevel: 0.8, AnswerSeconds: 20, AbandonRate: 0.031, ASASeconds: 18.4},
		{Channel: "phone (closed hours)", Group: "phone", FromRoster: true, OnTimeShare: 0.9876, Late: 2},
		{Channel: "phone", Group: "phone+chat+email", Live: true, FromRoster: true, ServiceLevel: 0.853, TargetServiceLevel: 0.8, AnswerSeconds: 20, AbandonRate: 0.012, ASASeconds: 9.5},
		{Channel: "chat", Group: "phone+chat+email", Live: true, FromRoster: true, ServiceLevel: 0.912, TargetServiceLevel: 0.8, AnswerSeconds: 60, ASASeconds: 21.7},
		{Channel: "email", Group: "phone+chat+email", FromRoster: true, OnTimeShare: 1},
	}
}
