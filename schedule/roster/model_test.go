package roster

import (
	"errors"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(*Model)
		section string
		index   int
		field   string
	}{
		{"interval", func(m *Model) { m.Demand.Interval = 7 * time.Minute }, "demand", -1, "interval"},
		{"start off grid", func(m *Model) { m.Demand.Start = m.Demand.Start.Add(10 * time.Minute) }, "demand", -1, "start"},
		{"ragged skills", func(m *Model) {
			m.Demand.Skills = append(m.Demand.Skills, SkillDemand{Skill: "mail", Required: []int{1}})
		}, "demand", 1, "required"},
		{"negative requirement", func(m *Model) { m.Demand.Skills[0].Required[3] = -1 }, "demand", 0, "required[3]"},
		{"template step", func(m *Model) { m.Templates[0].Step = 20 * time.Minute }, "template", 0, "step"},
		{"template lengths", func(m *Model) { m.Templates[0].MinLength = 10 * time.Hour }, "template", 0, "min_length"},
		{"template start grid", func(m *Model) { m.Templates[0].EarliestStart = 8*60 + 10 }, "template", 0, "earliest_start"},
		{"template twice", func(m *Model) { m.Templates = append(m.Templates, m.Templates[0]) }, "template", 1, "name"},
		{"split blocks out of order", func(m *Model) {
			m.Templates = append(m.Templates, ShiftTemplate{Name: "s", Blocks: []ClockSpan{{600, 720}, {0, 120}}, MinBlocks: 2, MaxBlocks: 2})
		}, "template", 1, "blocks[1]"},
		{"split block count", func(m *Model) {
			m.Templates = append(m.Templates, ShiftTemplate{Name: "s", Blocks: []ClockSpan{{0, 120}, {600, 720}}, MinBlocks: 2, MaxBlocks: 3})
		}, "template", 1, "min_blocks"},
		{"break off grid", func(m *Model) { m.Breaks[0].Duration = 20 * time.Minute }, "break", 0, "duration"},
		{"break window too short", func(m *Model) { m.Breaks[0].To = 2 * time.Hour }, "break", 0, "to"},
		{"break does not fit", func(m *Model) { m.Breaks[0].BeforeEnd = 5 * time.Hour }, "template", 0, ""},
		{"agent id", func(m *Model) { m.Agents[1].ID = "" }, "agent", 1, "id"},
		{"agent twice", func(m *Model) { m.Agents[2].ID = m.Agents[0].ID }, "agent", 2, "id"},
		{"agent tier", func(m *Model) { m.Agents[0].Tier = "boss" }, "agent", 0, "tier"},
		{"lead not veteran", func(m *Model) { m.Agents[1].CanLead = true }, "agent", 1, "can_lead"},
		{"agent hours", func(m *Model) { m.Agents[1].MinWeekly, m.Agents[1].MaxWeekly = 30*time.Hour, 20*time.Hour }, "agent", 1, "min_hours_week"},
		{"agent cost", func(m *Model) { m.Agents[1].HourlyCost = -1 }, "agent", 1, "hourly_cost"},
		{"rules rest", func(m *Model) { m.Rules.MinRest = -time.Hour }, "rules", -1, "rest.between_shifts"},
		{"rules days off", func(m *Model) { m.Rules.DaysOffPerWeek = 8 }, "rules", -1, "limits.days_off_per_week"},
		{"two-day weekend", func(m *Model) { m.Rules.DaysOffPerWeek, m.Rules.TwoDayWeekend = 1, true }, "rules", -1, "limits.two_day_weekend"},
		{"overtime half set", func(m *Model) { m.Rules.Overtime.StandardDay = 8 * time.Hour }, "rules", -1, "overtime"},
		{"break above without a break", func(m *Model) { m.Rules.BreakAbove, m.Breaks[0].RequiredAbove = 6*time.Hour, 7*time.Hour },
			"rules", -1, "limits.break_above"},
		{"leads without leads", func(m *Model) { m.Leads.PerAgents = 5; m.Agents[0].CanLead = false }, "leads", -1, "per_agents"},
		{"veteran share", func(m *Model) { m.Veterans.Share = 1.5 }, "veterans", -1, "share"},
		{"veterans without veterans", func(m *Model) {
			m.Veterans = VeteranRule{Share: 0.2, TopK: 3}
			m.Agents[0].Tier, m.Agents[0].CanLead = TierRegular, false
		}, "veterans", -1, "share"},
		{"reserve block", func(m *Model) { m.Reserve = ReserveRule{Agents: 1, Block: 5 * time.Hour} }, "reserve", -1, "block"},
		{"weekly hours below every shift", func(m *Model) { m.Rules.MaxWeekly = time.Hour }, "rules", -1, "limits.max_hours_week"},
		{"daily hours below every shift", func(m *Model) { m.Rules.MaxDaily = 5*time.Hour + 30*time.Minute }, "rules", -1, "limits.max_hours_day"},
		{"overtime day below every shift", func(m *Model) {
			m.Rules.MaxDaily = 0
			m.Rules.Overtime = Overtime{StandardDay: 4 * time.Hour, StandardWeek: 40 * time.Hour, MaxDay: time.Hour}
		}, "rules", -1, "overtime.max_day"},
		{"reserve gap without upper", func(m *Model) { m.Reserve = ReserveRule{FromGap: true, Block: 4 * time.Hour} }, "reserve", -1, "from_gap"},
	}
	if err := evalModel().Validate(); err != nil {
		t.Fatalf("base model: %v", err)
	}
	// the shortest shift (6h, its break paid) fits a 6h limit exactly
	m := evalModel()
	m.Rules.MaxDaily, m.Rules.MaxWeekly = 6*time.Hour, 6*time.Hour
	if err := m.Validate(); err != nil {
		t.Errorf("6h limits: %v", err)
	}
	for _, tc := range tests {
		m := evalModel()
		tc.mutate(m)
		err := m.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidModel) {
			t.Errorf("%s: err = %v, want a ValidationError", tc.name, err)
			continue
		}
		if ve.Section != tc.section || ve.Index != tc.index || ve.Field != tc.field {
			t.Errorf("%s: got %s %d %s (%v), want %s %d %s", tc.name, ve.Section, ve.Index, ve.Field, err, tc.section, tc.index, tc.field)
		}
	}
}

// TestPresets checks the labour presets against the EU working-time
// directive (2003/88/EC) and the PRC Labour Law (articles 36, 38, 41), and
// that rosters under them keep the documented limits.
func TestPresets(t *testing.T) {
	eu, euBreaks, err := Preset("eu")
	if err != nil {
		t.Fatal(err)
	}
	wantEU := Rules{Preset: "eu", MinRest: 11 * time.Hour, WeeklyRest: 24 * time.Hour, DaysOffPerWeek: 1, MaxConsecutiveDays: 6,
		MaxWeekly: 48 * time.Hour, BreakAbove: 6 * time.Hour, WeekStart: time.Monday, Night: ClockSpan{22 * 60, 6 * 60}}
	if eu != wantEU {
		t.Errorf("eu = %+v\nwant %+v", eu, wantEU)
	}
	if len(euBreaks) != 1 || euBreaks[0].RequiredAbove != 6*time.Hour || euBreaks[0].Duration != 30*time.Minute {
		t.Errorf("eu break = %+v, want a 30-minute break above 6h", euBreaks)
	}
	cn, cnBreaks, err := Preset("cn")
	if err != nil {
		t.Fatal(err)
	}
	wantCN := Rules{Preset: "cn", DaysOffPerWeek: 1, MaxDaily: 11 * time.Hour, WeekStart: time.Monday, Night: ClockSpan{22 * 60, 6 * 60},
		Overtime: Overtime{StandardDay: 8 * time.Hour, StandardWeek: 40 * time.Hour, MaxDay: 3 * time.Hour, MaxMonth: 36 * time.Hour}}
	if cn != wantCN || cnBreaks != nil {
		t.Errorf("cn = %+v %v\nwant %+v", cn, cnBreaks, wantCN)
	}
	if _, _, err := Preset("us"); !errors.Is(err, ErrUnknownPreset) {
		t.Errorf("us: err = %v", err)
	}

	// rosters: eu under a demand that would use long weeks; cn under one
	// that needs overtime
	for _, preset := range []string{"eu", "cn"} {
		in := instance{agents: 18, days: 14, interval: 30 * time.Minute, skills: 1, peak: 9, seed: 8, preset: preset, night: true}
		m := in.model()
		if preset == "eu" {
			m.Breaks = euBreaks
		}
		for i := range m.Agents {
			m.Agents[i].MaxWeekly = 0 // only the preset limits
		}
		m.Templates = append(m.Templates, ShiftTemplate{Name: "long", EarliestStart: 7 * 60, LatestStart: 10 * 60,
			MinLength: 10 * time.Hour, MaxLength: 12 * time.Hour, Step: time.Hour})
		res := solveOK(t, m, Options{Seed: 2, Iterations: 60_000}, true)
		byAgentWeek := map[string]map[int]time.Duration{}
		byAgentMonth := map[string]map[time.Month]time.Duration{}
		days := map[string]map[int]bool{}
		for _, sh := range res.Roster.Shifts {
			worked := time.Duration(0)
			for _, b := range sh.Blocks {
				worked += b.End.Sub(b.Start)
				if preset == "eu" && b.End.Sub(b.Start) > 6*time.Hour && len(sh.Breaks) == 0 {
					t.Errorf("eu: %s works %v without a break", sh.AgentID, b.End.Sub(b.Start))
				}
			}
			for _, br := range sh.Breaks {
				if !br.Paid {
					worked -= br.End.Sub(br.Start)
				}
			}
			d := int(sh.Blocks[0].Start.Sub(m.Demand.Start).Hours() / 24)
			if byAgentWeek[sh.AgentID] == nil {
				byAgentWeek[sh.AgentID], byAgentMonth[sh.AgentID], days[sh.AgentID] = map[int]time.Duration{}, map[time.Month]time.Duration{}, map[int]bool{}
			}
			byAgentWeek[sh.AgentID][d/7] += worked
			days[sh.AgentID][d] = true
			if preset == "cn" {
				if worked > 11*time.Hour {
					t.Errorf("cn: %s works %v in a day", sh.AgentID, worked)
				}
				byAgentMonth[sh.AgentID][sh.Blocks[0].Start.Month()] += max(0, worked-8*time.Hour)
			}
		}
		for id, weeks := range byAgentWeek {
			for w, h := range weeks {
				if preset == "eu" && h > 48*time.Hour {
					t.Errorf("eu: %s works %v in week %d", id, h, w)
				}
				off := 0
				for d := w * 7; d < w*7+7; d++ {
					if !days[id][d] {
						off++
					}
				}
				if off < 1 {
					t.Errorf("%s: %s has no day off in week %d", preset, id, w)
				}
			}
			for mo, ot := range byAgentMonth[id] {
				// daily overtime alone is a lower bound on the month's overtime
				if ot > 36*time.Hour {
					t.Errorf("cn: %s has %v of overtime in %v", id, ot, mo)
				}
			}
		}
	}
}
