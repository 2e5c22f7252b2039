package solve

import (
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// explainModel is one day of 1-hour intervals from 2025-11-11 (a
// Tuesday), a day template 08:00-10:00 starts of 8 hours, and the given
// agents and requirement of voice per hour.
func explainModel(req map[int]int, agents ...roster.Agent) *roster.Model {
	r := make([]int, 48)
	for h, n := range req {
		r[h] = n
	}
	return &roster.Model{
		Demand:    roster.Demand{Start: time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC), Interval: time.Hour, Skills: []roster.SkillDemand{{Skill: "voice", Required: r}}},
		Templates: []roster.ShiftTemplate{{Name: "day", EarliestStart: 8 * 60, LatestStart: 10 * 60, MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour}},
		Agents:    agents,
	}
}

// dayShift is agent id on day 0 or 1 from h to h+8, working voice.
func dayShift(id string, day, h int) roster.Shift {
	at := time.Date(2025, 11, 11+day, h, 0, 0, 0, time.UTC)
	return roster.Shift{AgentID: id, Skill: "voice", Template: "day", Blocks: []roster.Span{{Start: at, End: at.Add(8 * time.Hour)}}}
}

// TestExplain: each cause on a case built for it, checked in Cause's
// order, with the stretch, its hours and the fix.
func TestExplain(t *testing.T) {
	voice := func(id string) roster.Agent { return roster.Agent{ID: id, Skills: []string{"voice"}} }
	tests := []struct {
		name   string
		m      *roster.Model
		shifts []roster.Shift
		want   []ShortStretch // Detail and Fix: substrings
	}{
		{"no template", explainModel(map[int]int{2: 1, 3: 1}, voice("a")), nil,
			[]ShortStretch{{Skill: "voice", Start: time.Date(2025, 11, 11, 2, 0, 0, 0, time.UTC), End: time.Date(2025, 11, 11, 4, 0, 0, 0, time.UTC),
				AgentHours: 2, Most: 1, Cause: CauseNoTemplate, Detail: "no shift template reaches Tue 11-11 02:00-04:00", Fix: "a template starting 02:00"}}},
		{"skill", explainModel(map[int]int{9: 1}, roster.Agent{ID: "a", Skills: []string{"email"}}), nil,
			[]ShortStretch{{Skill: "voice", AgentHours: 1, Most: 1, Cause: CauseSkill, Fix: "1 more agent(s) with voice"}}},
		{"availability", explainModel(map[int]int{9: 1}, roster.Agent{ID: "a", Skills: []string{"voice"}, DaysOff: []civil.Date{{Year: 2025, Month: 11, Day: 11}}}), nil,
			[]ShortStretch{{Skill: "voice", AgentHours: 1, Most: 1, Cause: CauseAvailability, Detail: "none of the 1 agents with voice is available"}}},
		{"agents", explainModel(map[int]int{9: 3, 10: 3}, voice("a"), voice("b")), []roster.Shift{dayShift("a", 0, 8), dayShift("b", 0, 9)},
			[]ShortStretch{{Skill: "voice", AgentHours: 2, Most: 1, Cause: CauseAgents, Detail: "the 2 agents with voice who could work", Fix: "1 more agent(s) with voice Tue 11-11 09:00-11:00"}}},
		{"search", explainModel(map[int]int{9: 1}, voice("a")), nil,
			[]ShortStretch{{Skill: "voice", AgentHours: 1, Most: 1, Cause: CauseSearch, Fix: "a longer time limit"}}},
	}
	// rules: 8 hours a week at most, worked on day 0, short on day 1
	rules := explainModel(map[int]int{9: 1, 33: 1}, roster.Agent{ID: "a", Skills: []string{"voice"}, MaxWeekly: 8 * time.Hour})
	tests = append(tests, struct {
		name   string
		m      *roster.Model
		shifts []roster.Shift
		want   []ShortStretch
	}{"rules", rules, []roster.Shift{dayShift("a", 0, 8)},
		[]ShortStretch{{Skill: "voice", AgentHours: 1, Most: 1, Cause: CauseRules, Detail: "hours a week for 1 of them", Fix: "or relax hours a week"}}})
	for _, tc := range tests {
		x, err := Explain(tc.m, &Result{Roster: roster.Roster{Shifts: tc.shifts}})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(x.Shortfall) != len(tc.want) {
			t.Fatalf("%s: %d stretches %+v, want %d", tc.name, len(x.Shortfall), x.Shortfall, len(tc.want))
		}
		for i, got := range x.Shortfall {
			w := tc.want[i]
			if got.Skill != w.Skill || got.AgentHours != w.AgentHours || got.Most != w.Most || got.Cause != w.Cause ||
				!strings.Contains(got.Detail, w.Detail) || !strings.Contains(got.Fix, w.Fix) ||
				(!w.Start.IsZero() && (!got.Start.Equal(w.Start) || !got.End.Equal(w.End))) {
				t.Errorf("%s: got %+v\nwant %+v", tc.name, got, w)
			}
		}
		noTpl, search := x.UnclosableHours()
		if (tc.name == "no template") != (noTpl > 0) || (tc.name == "search") != (search > 0) {
			t.Errorf("%s: unclosable %.1f h (no template), %.1f h (search)", tc.name, noTpl, search)
		}
	}
}

// TestExplainPlanEdges: hours before the first shift of the plan's
// first day and after the last one are reached by shifts of the days
// outside the plan; the fix moves the plan's edge.
func TestExplainPlanEdges(t *testing.T) {
	m := explainModel(map[int]int{2: 1, 46: 1}, roster.Agent{ID: "a", Skills: []string{"voice"}})
	m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "night", EarliestStart: 22 * 60, LatestStart: 22 * 60, MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour})
	x, err := Explain(m, &Result{})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Shortfall) != 2 {
		t.Fatalf("stretches %+v, want 2", x.Shortfall)
	}
	if s := x.Shortfall[0]; s.Cause != CauseNoTemplate || !strings.Contains(s.Fix, "start the plan on 2025-11-10") {
		t.Errorf("first day: %+v", s)
	}
	// 22:00 on the last day: a night shift from 22:00 would end the next
	// day, after the plan
	if s := x.Shortfall[1]; s.Cause != CauseNoTemplate || !strings.Contains(s.Fix, "end the plan on 2025-11-13") {
		t.Errorf("last day: %+v", s)
	}
}

// TestExplainRuleGaps: a lead per agent, the only lead off that day: the
// lead gap is told apart from the shortfall, and its cause is the lead's
// availability.
func TestExplainRuleGaps(t *testing.T) {
	m := explainModel(map[int]int{9: 1}, roster.Agent{ID: "lead", Tier: roster.TierVeteran, CanLead: true, Skills: []string{"voice"}, DaysOff: []civil.Date{{Year: 2025, Month: 11, Day: 11}}},
		roster.Agent{ID: "b", Skills: []string{"voice"}})
	m.Leads = roster.LeadRule{PerAgents: 1}
	x, err := Explain(m, &Result{Roster: roster.Roster{Shifts: []roster.Shift{dayShift("b", 0, 8)}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Shortfall) != 0 {
		t.Errorf("shortfall %+v, want none", x.Shortfall)
	}
	if len(x.RuleGaps) != 1 || x.RuleGaps[0].Rule != "leads" || x.RuleGaps[0].Hours != 8 || x.RuleGaps[0].Cause != CauseAvailability ||
		!strings.Contains(x.RuleGaps[0].Detail, "none of the 1 leads is available") {
		t.Errorf("rule gaps %+v, want 8 lead-hours, the lead not available", x.RuleGaps)
	}
}
