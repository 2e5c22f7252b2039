// Package rostertest generates roster models for the tests and
// benchmarks of the roster packages: seeded random instances with a daily
// demand curve, and a small hand-made model with its shifts.
package rostertest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// Instance describes a generated test or benchmark instance.
type Instance struct {
	Agents   int
	Days     int
	Interval time.Duration
	Skills   int
	Peak     float64 // requirement at the daily peak per skill
	Seed     uint64
	Preset   string // "", "eu" or "cn"
	Leads    int    // LeadRule.PerAgents
	Share    float64
	TopK     int
	Reserve  int
	Split    bool // split template on the first day
	Avail    bool // restricted availability for some agents
	MinHours bool
	Night    bool // a night template (21:00-00:00 starts) so that all hours can be covered
	Start    time.Time
}

// DemandCurve is a support day: closed 00-06 (at a low level), a morning
// ramp, a lunch dip, a peak around 20:00 and an evening tail, scaled so
// that its maximum is peak; weekends are lighter, a named day heavier.
func DemandCurve(hour float64, weekday time.Weekday, peak float64) float64 {
	base := 0.08
	if hour >= 7 && hour < 24 {
		base = 0.35 + 0.45*math.Exp(-sq((hour-11)/2.2)) + 0.25*math.Exp(-sq((hour-15.5)/2.5)) + 0.75*math.Exp(-sq((hour-20.5)/1.6))
	}
	if weekday == time.Saturday || weekday == time.Sunday {
		base *= 0.75
	}
	return peak * min(base, 1)
}

func sq(x float64) float64 { return x * x }

func (in Instance) Model() *roster.Model {
	rnd := rand.New(rand.NewPCG(in.Seed, 7))
	start := in.Start
	if start.IsZero() {
		start = time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC) // a Monday
	}
	n := int(time.Duration(in.Days) * 24 * time.Hour / in.Interval)
	skills := []string{"voice", "chat", "email"}[:in.Skills]
	m := &roster.Model{Demand: roster.Demand{Start: start, Interval: in.Interval}}
	for k, name := range skills {
		sd := roster.SkillDemand{Skill: name, Required: make([]int, n), Upper: make([]int, n)}
		scale := in.Peak * (1 - 0.25*float64(k))
		for t := range n {
			ts := start.Add(time.Duration(t) * in.Interval)
			h := float64(ts.Hour()) + float64(ts.Minute())/60
			v := DemandCurve(h, ts.Weekday(), scale) * (0.95 + 0.1*rnd.Float64())
			sd.Required[t] = int(math.Round(v))
			sd.Upper[t] = int(math.Round(v * 1.15))
		}
		m.Demand.Skills = append(m.Demand.Skills, sd)
	}
	if in.Night {
		// the roster starts with the first day's morning: the night before
		// belongs to the previous roster
		for k := range m.Demand.Skills {
			for t := 0; t < int(6*time.Hour/in.Interval); t++ {
				m.Demand.Skills[k].Required[t], m.Demand.Skills[k].Upper[t] = 0, 0
			}
		}
	}
	step := max(30*time.Minute, in.Interval)
	m.Templates = []roster.ShiftTemplate{
		{Name: "day", EarliestStart: 6 * 60, LatestStart: 14 * 60, MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: step},
		{Name: "late", EarliestStart: 14 * 60, LatestStart: 18 * 60, MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: step},
		{Name: "short", EarliestStart: 7 * 60, LatestStart: 20 * 60, MinLength: 4 * time.Hour, MaxLength: 5 * time.Hour, Step: step},
	}
	if in.Night {
		m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "night", EarliestStart: 21 * 60, LatestStart: 0,
			MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: step})
	}
	if in.Split {
		m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "peak-split",
			Blocks:    []roster.ClockSpan{{From: 0, To: 2 * 60}, {From: 9 * 60, To: 12 * 60}, {From: 14 * 60, To: 17 * 60}, {From: 19 * 60, To: 22 * 60}, {From: 23 * 60, To: 24 * 60}},
			MinBlocks: 2, MaxBlocks: 3, MinBlockRest: 2 * time.Hour, Dates: []civil.Date{civil.DateOf(start)}})
	}
	m.Breaks = []roster.BreakRule{
		{Name: "coffee", Duration: 15 * time.Minute, From: 90 * time.Minute, To: 4 * time.Hour, Paid: true, RequiredAbove: 5 * time.Hour},
		{Name: "lunch", Duration: 30 * time.Minute, From: 3 * time.Hour, BeforeEnd: 2 * time.Hour, RequiredAbove: 6 * time.Hour},
	}
	if in.Interval > 15*time.Minute {
		for i := range m.Breaks {
			m.Breaks[i].Duration = in.Interval
			m.Breaks[i].From = m.Breaks[i].From.Round(in.Interval)
			m.Breaks[i].To = m.Breaks[i].To.Round(in.Interval)
		}
	}
	switch in.Preset {
	case "":
		m.Rules = roster.Rules{MinRest: 11 * time.Hour, DaysOffPerWeek: 2, MaxConsecutiveDays: 6, MaxWeekly: 45 * time.Hour,
			MaxDaily: 10 * time.Hour, WeekStart: time.Monday, Night: roster.ClockSpan{From: 22 * 60, To: 6 * 60}}
	default:
		r, _, err := roster.Preset(in.Preset)
		if err != nil {
			panic(err)
		}
		m.Rules = r
	}
	m.Leads = roster.LeadRule{PerAgents: in.Leads}
	m.Veterans = roster.VeteranRule{Share: in.Share, TopK: in.TopK}
	if in.Reserve > 0 {
		m.Reserve = roster.ReserveRule{Agents: in.Reserve, Block: 4 * time.Hour}
	}
	tiers := []roster.Tier{roster.TierRegular, roster.TierRegular, roster.TierNew, roster.TierAllHands, roster.TierOutsourced}
	for i := range in.Agents {
		a := roster.Agent{ID: fmt.Sprintf("A%03d", i+1), Name: fmt.Sprintf("Agent %d", i+1), HourlyCost: 20 + float64(rnd.IntN(10))}
		switch {
		case i%6 == 0:
			a.Tier, a.CanLead = roster.TierVeteran, true
		case i%6 == 1:
			a.Tier = roster.TierVeteran
		default:
			a.Tier = tiers[rnd.IntN(len(tiers))]
		}
		// Skills: everyone the first, most two, some all
		a.Skills = []string{skills[i%len(skills)]}
		for _, s := range skills {
			if s != a.Skills[0] && rnd.Float64() < 0.45 {
				a.Skills = append(a.Skills, s)
			}
		}
		a.MaxWeekly = 40 * time.Hour
		if rnd.Float64() < 0.15 {
			a.MaxWeekly = 24 * time.Hour
		}
		if in.MinHours && rnd.Float64() < 0.3 {
			a.MinWeekly = 16 * time.Hour
		}
		if in.Avail && rnd.Float64() < 0.3 {
			a.Available = []roster.Window{{Days: []time.Weekday{1, 2, 3, 4, 5}, Span: roster.ClockSpan{From: 8 * 60, To: 20 * 60}}, {Days: []time.Weekday{6}, Span: roster.ClockSpan{From: 10 * 60, To: 16 * 60}}}
		}
		if in.Avail && rnd.Float64() < 0.1 {
			a.DaysOff = []civil.Date{civil.DateOf(start).AddDays(rnd.IntN(in.Days))}
		}
		m.Agents = append(m.Agents, a)
	}
	return m
}
