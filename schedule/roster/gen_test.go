package roster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// instance describes a generated test or benchmark instance.
type instance struct {
	agents   int
	days     int
	interval time.Duration
	skills   int
	peak     float64 // requirement at the daily peak per skill
	seed     uint64
	preset   string // "", "eu" or "cn"
	leads    int    // LeadRule.PerAgents
	share    float64
	topK     int
	reserve  int
	split    bool // split template on the first day
	avail    bool // restricted availability for some agents
	minHours bool
	night    bool // a night template (21:00-00:00 starts) so that all hours can be covered
	start    time.Time
}

// demandCurve is a support day: closed 00-06 (at a low level), a morning
// ramp, a lunch dip, a peak around 20:00 and an evening tail, scaled so
// that its maximum is peak; weekends are lighter, a named day heavier.
func demandCurve(hour float64, weekday time.Weekday, peak float64) float64 {
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

func (in instance) model() *Model {
	rnd := rand.New(rand.NewPCG(in.seed, 7))
	start := in.start
	if start.IsZero() {
		start = time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC) // a Monday
	}
	n := int(time.Duration(in.days) * 24 * time.Hour / in.interval)
	skills := []string{"voice", "chat", "email"}[:in.skills]
	m := &Model{Demand: Demand{Start: start, Interval: in.interval}}
	for k, name := range skills {
		sd := SkillDemand{Skill: name, Required: make([]int, n), Upper: make([]int, n)}
		scale := in.peak * (1 - 0.25*float64(k))
		for t := range n {
			ts := start.Add(time.Duration(t) * in.interval)
			h := float64(ts.Hour()) + float64(ts.Minute())/60
			v := demandCurve(h, ts.Weekday(), scale) * (0.95 + 0.1*rnd.Float64())
			sd.Required[t] = int(math.Round(v))
			sd.Upper[t] = int(math.Round(v * 1.15))
		}
		m.Demand.Skills = append(m.Demand.Skills, sd)
	}
	if in.night {
		// the roster starts with the first day's morning: the night before
		// belongs to the previous roster
		for k := range m.Demand.Skills {
			for t := 0; t < int(6*time.Hour/in.interval); t++ {
				m.Demand.Skills[k].Required[t], m.Demand.Skills[k].Upper[t] = 0, 0
			}
		}
	}
	step := max(30*time.Minute, in.interval)
	m.Templates = []ShiftTemplate{
		{Name: "day", EarliestStart: 6 * 60, LatestStart: 14 * 60, MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: step},
		{Name: "late", EarliestStart: 14 * 60, LatestStart: 18 * 60, MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: step},
		{Name: "short", EarliestStart: 7 * 60, LatestStart: 20 * 60, MinLength: 4 * time.Hour, MaxLength: 5 * time.Hour, Step: step},
	}
	if in.night {
		m.Templates = append(m.Templates, ShiftTemplate{Name: "night", EarliestStart: 21 * 60, LatestStart: 0,
			MinLength: 6 * time.Hour, MaxLength: 9 * time.Hour, Step: step})
	}
	if in.split {
		m.Templates = append(m.Templates, ShiftTemplate{Name: "peak-split",
			Blocks:    []ClockSpan{{0, 2 * 60}, {9 * 60, 12 * 60}, {14 * 60, 17 * 60}, {19 * 60, 22 * 60}, {23 * 60, 24 * 60}},
			MinBlocks: 2, MaxBlocks: 3, MinBlockRest: 2 * time.Hour, Dates: []civil.Date{civil.DateOf(start)}})
	}
	m.Breaks = []BreakRule{
		{Name: "coffee", Duration: 15 * time.Minute, From: 90 * time.Minute, To: 4 * time.Hour, Paid: true, RequiredAbove: 5 * time.Hour},
		{Name: "lunch", Duration: 30 * time.Minute, From: 3 * time.Hour, BeforeEnd: 2 * time.Hour, RequiredAbove: 6 * time.Hour},
	}
	if in.interval > 15*time.Minute {
		for i := range m.Breaks {
			m.Breaks[i].Duration = in.interval
			m.Breaks[i].From = m.Breaks[i].From.Round(in.interval)
			m.Breaks[i].To = m.Breaks[i].To.Round(in.interval)
		}
	}
	switch in.preset {
	case "":
		m.Rules = Rules{MinRest: 11 * time.Hour, DaysOffPerWeek: 2, MaxConsecutiveDays: 6, MaxWeekly: 45 * time.Hour,
			MaxDaily: 10 * time.Hour, WeekStart: time.Monday, Night: ClockSpan{22 * 60, 6 * 60}}
	default:
		r, _, err := Preset(in.preset)
		if err != nil {
			panic(err)
		}
		m.Rules = r
	}
	m.Leads = LeadRule{PerAgents: in.leads}
	m.Veterans = VeteranRule{Share: in.share, TopK: in.topK}
	if in.reserve > 0 {
		m.Reserve = ReserveRule{Agents: in.reserve, Block: 4 * time.Hour}
	}
	tiers := []Tier{TierRegular, TierRegular, TierNew, TierAllHands, TierOutsourced}
	for i := range in.agents {
		a := Agent{ID: fmt.Sprintf("A%03d", i+1), Name: fmt.Sprintf("Agent %d", i+1), HourlyCost: 20 + float64(rnd.IntN(10))}
		switch {
		case i%6 == 0:
			a.Tier, a.CanLead = TierVeteran, true
		case i%6 == 1:
			a.Tier = TierVeteran
		default:
			a.Tier = tiers[rnd.IntN(len(tiers))]
		}
		// skills: everyone the first, most two, some all
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
		if in.minHours && rnd.Float64() < 0.3 {
			a.MinWeekly = 16 * time.Hour
		}
		if in.avail && rnd.Float64() < 0.3 {
			a.Available = []Window{{Days: []time.Weekday{1, 2, 3, 4, 5}, Span: ClockSpan{8 * 60, 20 * 60}}, {Days: []time.Weekday{6}, Span: ClockSpan{10 * 60, 16 * 60}}}
		}
		if in.avail && rnd.Float64() < 0.1 {
			a.DaysOff = []civil.Date{civil.DateOf(start).AddDays(rnd.IntN(in.days))}
		}
		m.Agents = append(m.Agents, a)
	}
	return m
}
