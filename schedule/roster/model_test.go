package roster_test

import (
	"errors"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(*roster.Model)
		section string
		index   int
		field   string
	}{
		{"interval", func(m *roster.Model) { m.Demand.Interval = 7 * time.Minute }, "demand", -1, "interval"},
		{"start off grid", func(m *roster.Model) { m.Demand.Start = m.Demand.Start.Add(10 * time.Minute) }, "demand", -1, "start"},
		{"ragged skills", func(m *roster.Model) {
			m.Demand.Skills = append(m.Demand.Skills, roster.SkillDemand{Skill: "mail", Required: []int{1}})
		}, "demand", 1, "required"},
		{"negative requirement", func(m *roster.Model) { m.Demand.Skills[0].Required[3] = -1 }, "demand", 0, "required[3]"},
		{"template step", func(m *roster.Model) { m.Templates[0].Step = 20 * time.Minute }, "template", 0, "step"},
		{"template lengths", func(m *roster.Model) { m.Templates[0].MinLength = 10 * time.Hour }, "template", 0, "min_length"},
		{"template start grid", func(m *roster.Model) { m.Templates[0].EarliestStart = 8*60 + 10 }, "template", 0, "earliest_start"},
		{"template twice", func(m *roster.Model) { m.Templates = append(m.Templates, m.Templates[0]) }, "template", 1, "name"},
		{"split blocks out of order", func(m *roster.Model) {
			m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "s", Blocks: []roster.ClockSpan{{600, 720}, {0, 120}}, MinBlocks: 2, MaxBlocks: 2})
		}, "template", 1, "blocks[1]"},
		{"split block count", func(m *roster.Model) {
			m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "s", Blocks: []roster.ClockSpan{{0, 120}, {600, 720}}, MinBlocks: 2, MaxBlocks: 3})
		}, "template", 1, "min_blocks"},
		{"break off grid", func(m *roster.Model) { m.Breaks[0].Duration = 20 * time.Minute }, "break", 0, "duration"},
		{"break window too short", func(m *roster.Model) { m.Breaks[0].To = 2 * time.Hour }, "break", 0, "to"},
		{"break does not fit", func(m *roster.Model) { m.Breaks[0].BeforeEnd = 5 * time.Hour }, "template", 0, ""},
		{"agent id", func(m *roster.Model) { m.Agents[1].ID = "" }, "agent", 1, "id"},
		{"agent twice", func(m *roster.Model) { m.Agents[2].ID = m.Agents[0].ID }, "agent", 2, "id"},
		{"agent tier", func(m *roster.Model) { m.Agents[0].Tier = "boss" }, "agent", 0, "tier"},
		{"lead not veteran", func(m *roster.Model) { m.Agents[1].CanLead = true }, "agent", 1, "can_lead"},
		{"agent hours", func(m *roster.Model) { m.Agents[1].MinWeekly, m.Agents[1].MaxWeekly = 30*time.Hour, 20*time.Hour }, "agent", 1, "min_hours_week"},
		{"agent cost", func(m *roster.Model) { m.Agents[1].HourlyCost = -1 }, "agent", 1, "hourly_cost"},
		{"rules rest", func(m *roster.Model) { m.Rules.MinRest = -time.Hour }, "rules", -1, "rest.between_shifts"},
		{"rules days off", func(m *roster.Model) { m.Rules.DaysOffPerWeek = 8 }, "rules", -1, "limits.days_off_per_week"},
		{"two-day weekend", func(m *roster.Model) { m.Rules.DaysOffPerWeek, m.Rules.TwoDayWeekend = 1, true }, "rules", -1, "limits.two_day_weekend"},
		{"overtime half set", func(m *roster.Model) { m.Rules.Overtime.StandardDay = 8 * time.Hour }, "rules", -1, "overtime"},
		{"break above without a break", func(m *roster.Model) { m.Rules.BreakAbove, m.Breaks[0].RequiredAbove = 6*time.Hour, 7*time.Hour },
			"rules", -1, "limits.break_above"},
		{"leads without leads", func(m *roster.Model) { m.Leads.PerAgents = 5; m.Agents[0].CanLead = false }, "leads", -1, "per_agents"},
		{"veteran share", func(m *roster.Model) { m.Veterans.Share = 1.5 }, "veterans", -1, "share"},
		{"veterans without veterans", func(m *roster.Model) {
			m.Veterans = roster.VeteranRule{Share: 0.2, TopK: 3}
			m.Agents[0].Tier, m.Agents[0].CanLead = roster.TierRegular, false
		}, "veterans", -1, "share"},
		{"reserve block", func(m *roster.Model) { m.Reserve = roster.ReserveRule{Agents: 1, Block: 5 * time.Hour} }, "reserve", -1, "block"},
		{"weekly hours below every shift", func(m *roster.Model) { m.Rules.MaxWeekly = time.Hour }, "rules", -1, "limits.max_hours_week"},
		{"daily hours below every shift", func(m *roster.Model) { m.Rules.MaxDaily = 5*time.Hour + 30*time.Minute }, "rules", -1, "limits.max_hours_day"},
		{"overtime day below every shift", func(m *roster.Model) {
			m.Rules.MaxDaily = 0
			m.Rules.Overtime = roster.Overtime{StandardDay: 4 * time.Hour, StandardWeek: 40 * time.Hour, MaxDay: time.Hour}
		}, "rules", -1, "overtime.max_day"},
		{"reserve gap without upper", func(m *roster.Model) { m.Reserve = roster.ReserveRule{FromGap: true, Block: 4 * time.Hour} }, "reserve", -1, "from_gap"},
	}
	if err := rostertest.EvalModel().Validate(); err != nil {
		t.Fatalf("base model: %v", err)
	}
	// the shortest shift (6h, its break paid) fits a 6h limit exactly
	m := rostertest.EvalModel()
	m.Rules.MaxDaily, m.Rules.MaxWeekly = 6*time.Hour, 6*time.Hour
	if err := m.Validate(); err != nil {
		t.Errorf("6h limits: %v", err)
	}
	for _, tc := range tests {
		m := rostertest.EvalModel()
		tc.mutate(m)
		err := m.Validate()
		var ve *roster.ValidationError
		if !errors.As(err, &ve) || !errors.Is(err, roster.ErrInvalidModel) {
			t.Errorf("%s: err = %v, want a ValidationError", tc.name, err)
			continue
		}
		if ve.Section != tc.section || ve.Index != tc.index || ve.Field != tc.field {
			t.Errorf("%s: got %s %d %s (%v), want %s %d %s", tc.name, ve.Section, ve.Index, ve.Field, err, tc.section, tc.index, tc.field)
		}
	}
}

// TestPresets checks the labour presets against the EU working-time
// directive (2003/88/EC) and the PRC Labour Law (articles 36, 38, 41);
// TestPresetRosters (package solve) checks the rosters under them.
func TestPresets(t *testing.T) {
	eu, euBreaks, err := roster.Preset("eu")
	if err != nil {
		t.Fatal(err)
	}
	wantEU := roster.Rules{Preset: "eu", MinRest: 11 * time.Hour, WeeklyRest: 24 * time.Hour, DaysOffPerWeek: 1, MaxConsecutiveDays: 6,
		MaxWeekly: 48 * time.Hour, BreakAbove: 6 * time.Hour, WeekStart: time.Monday, Night: roster.ClockSpan{22 * 60, 6 * 60}}
	if eu != wantEU {
		t.Errorf("eu = %+v\nwant %+v", eu, wantEU)
	}
	if len(euBreaks) != 1 || euBreaks[0].RequiredAbove != 6*time.Hour || euBreaks[0].Duration != 30*time.Minute {
		t.Errorf("eu break = %+v, want a 30-minute break above 6h", euBreaks)
	}
	cn, cnBreaks, err := roster.Preset("cn")
	if err != nil {
		t.Fatal(err)
	}
	wantCN := roster.Rules{Preset: "cn", DaysOffPerWeek: 1, MaxDaily: 11 * time.Hour, WeekStart: time.Monday, Night: roster.ClockSpan{22 * 60, 6 * 60},
		Overtime: roster.Overtime{StandardDay: 8 * time.Hour, StandardWeek: 40 * time.Hour, MaxDay: 3 * time.Hour, MaxMonth: 36 * time.Hour}}
	if cn != wantCN || cnBreaks != nil {
		t.Errorf("cn = %+v %v\nwant %+v", cn, cnBreaks, wantCN)
	}
	if _, _, err := roster.Preset("us"); !errors.Is(err, roster.ErrUnknownPreset) {
		t.Errorf("us: err = %v", err)
	}
}
