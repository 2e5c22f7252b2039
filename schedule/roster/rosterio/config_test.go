package rosterio

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// pe is a ParseError with its cause as text, for comparing whole errors.
type pe struct {
	File         string
	Line, Column int
	Field, Err   string
}

// problemsOf are a file's problems: the one *ParseError, or every
// *ParseError of the diag.List; ok is false for any other error.
func problemsOf(err error) (list []*ParseError, ok bool) {
	if p, single := err.(*ParseError); single {
		return []*ParseError{p}, true
	}
	l, multi := err.(interface{ Unwrap() []error })
	if !multi {
		return nil, false
	}
	for _, e := range l.Unwrap() {
		p, isPE := e.(*ParseError)
		if !isPE {
			return nil, false
		}
		list = append(list, p)
	}
	return list, len(list) > 0
}

func parseErrs(t *testing.T, err error) []pe {
	t.Helper()
	pes, ok := problemsOf(err)
	if !ok {
		t.Fatalf("err = %v (%T), want *ParseError or a diag.List of them", err, err)
	}
	if !errors.Is(err, ErrInvalidFile) {
		t.Errorf("err does not unwrap to ErrInvalidFile")
	}
	var out []pe
	for _, e := range pes {
		out = append(out, pe{e.File, e.Line, e.Column, e.Field, e.Err.Error()})
	}
	return out
}

func TestReadAgentsCSV(t *testing.T) {
	in := "\ufeffID,Name,Tier,Skills,Max_Hours_Week,Availability,Days_Off,Hourly_Cost,Can_Lead,Min_Hours_Week\n" +
		"v1,Li Na,veteran,voice;chat,40,,,32.5,yes,30\n" +
		"\n" +
		"r1,\"Weber, Anna\",,chat|email,37h30m,\"mon-fri 08:00-20:00; sat 10:00-16:00\",\"sun;2025-11-13\",,no,\n" +
		"a1,Gao,all-hands,chat,20,22:00-02:00,,,,\n"
	got, err := ReadAgentsCSV(strings.NewReader(in), "agents.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []roster.Agent{
		{ID: "v1", Name: "Li Na", Tier: roster.TierVeteran, Skills: []string{"voice", "chat"}, MinWeekly: 30 * time.Hour, MaxWeekly: 40 * time.Hour,
			HourlyCost: 32.5, CanLead: true},
		{ID: "r1", Name: "Weber, Anna", Skills: []string{"chat", "email"}, MaxWeekly: 37*time.Hour + 30*time.Minute,
			Available:   []roster.Window{{Days: []time.Weekday{1, 2, 3, 4, 5}, Span: roster.ClockSpan{From: 8 * 60, To: 20 * 60}}, {Days: []time.Weekday{6}, Span: roster.ClockSpan{From: 10 * 60, To: 16 * 60}}},
			WeekdaysOff: []time.Weekday{time.Sunday}, DaysOff: []civil.Date{{Year: 2025, Month: 11, Day: 13}}},
		{ID: "a1", Name: "Gao", Tier: roster.TierAllHands, Skills: []string{"chat"}, MaxWeekly: 20 * time.Hour,
			Available: []roster.Window{{Span: roster.ClockSpan{From: 22 * 60, To: 2 * 60}}}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d agents, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Name != w.Name || g.Tier != w.Tier || !slices.Equal(g.Skills, w.Skills) || g.MinWeekly != w.MinWeekly ||
			g.MaxWeekly != w.MaxWeekly || g.HourlyCost != w.HourlyCost || g.CanLead != w.CanLead ||
			!slices.Equal(g.WeekdaysOff, w.WeekdaysOff) || !slices.Equal(g.DaysOff, w.DaysOff) || len(g.Available) != len(w.Available) {
			t.Errorf("agent %d = %+v\nwant %+v", i, g, w)
			continue
		}
		for j := range w.Available {
			if !slices.Equal(g.Available[j].Days, w.Available[j].Days) || g.Available[j].Span != w.Available[j].Span {
				t.Errorf("agent %d window %d = %+v, want %+v", i, j, g.Available[j], w.Available[j])
			}
		}
	}
}

func TestReadAgentsCSVErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []pe
	}{
		{"empty", "", []pe{{"agents.csv", 0, 0, "",
			"empty file: want a header naming the columns id,name,tier,skills,team,min_hours_week,max_hours_week,max_hours_day,availability,days_off,hourly_cost,can_lead"}}},
		{"unknown column", "id,nme\n", []pe{{"agents.csv", 1, 4, "nme",
			"unknown column (known: id, name, tier, skills, team, min_hours_week, max_hours_week, max_hours_day, availability, days_off, hourly_cost, can_lead)"}}},
		{"no id column", "name\nX\n", []pe{{"agents.csv", 1, 0, "id", "missing column"}}},
		{"column twice", "id,name,Name\n", []pe{{"agents.csv", 1, 9, "name", "column given twice"}}},
		{"bad rows, all reported in order",
			"id,tier,max_hours_week,can_lead,availability,days_off\na,boss,40,yes,,\nb,regular,x,maybe,mon-fri 8-20,2025-13-01\n",
			[]pe{
				{"agents.csv", 2, 3, "tier", `"boss": want veteran, regular, new, all-hands or outsourced`},
				{"agents.csv", 3, 11, "max_hours_week", `"x": want hours (37.5) or a duration (37h30m)`},
				{"agents.csv", 3, 13, "can_lead", `"maybe": want yes or no`},
				{"agents.csv", 3, 19, "availability", `time of day "8": want HH:MM`},
				{"agents.csv", 3, 32, "days_off", `"2025-13-01": want a day of the week or a date YYYY-MM-DD`},
			}},
		{"lead not veteran", "id,tier,can_lead\nx,regular,yes\n", []pe{{"agents.csv", 2, 11, "can_lead", "a lead must be a veteran (tier regular)"}}},
		{"min above max", "id,min_hours_week,max_hours_week\nx,30,20\n", []pe{{"agents.csv", 2, 3, "min_hours_week", "30h is above the maximum 20h"}}},
		{"duplicate id", "id,skills\nx,voice\nx,chat\n", []pe{{"agents.csv", 3, 1, "id", `"x" already on line 2`}}},
		{"bad quote", "id,name\nx,\"bad\"quote\n", []pe{{"agents.csv", 2, 7, "", `extraneous or missing " in quoted-field`}}},
		{"no agents", "id,name\n", []pe{{"agents.csv", 0, 0, "", "no agents"}}},
	}
	for _, tc := range tests {
		_, err := ReadAgentsCSV(strings.NewReader(tc.in), "agents.csv")
		if got := parseErrs(t, err); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
	// more bad rows than are collected
	var b strings.Builder
	b.WriteString("id,tier\n")
	for range MaxParseErrors + 5 {
		b.WriteString("x,boss\n")
	}
	_, err := ReadAgentsCSV(strings.NewReader(b.String()), "a.csv")
	pes, _ := problemsOf(err)
	stopped, _ := err.(interface{ Truncated() bool })
	if len(pes) != MaxParseErrors || stopped == nil || !stopped.Truncated() ||
		!strings.HasSuffix(err.Error(), fmt.Sprintf("\n(stopped after %d errors)", MaxParseErrors)) {
		t.Errorf("many bad rows: %v", err)
	}
}

func TestReadRules(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "..", "testdata", "roster", "rules.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rf, err := ReadRules(f, "rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	wantRules := roster.Rules{Preset: "eu", MinRest: 11 * time.Hour, MinBlockRest: 2 * time.Hour, WeeklyRest: 24 * time.Hour,
		MaxConsecutiveDays: 6, DaysOffPerWeek: 2, TwoDayWeekend: true, MaxDaily: 10 * time.Hour, MaxWeekly: 40 * time.Hour,
		WeekStart: time.Monday, BreakAbove: 6 * time.Hour, Night: roster.ClockSpan{From: 22 * 60, To: 6 * 60}}
	if rf.Rules != wantRules {
		t.Errorf("rules = %+v\nwant %+v", rf.Rules, wantRules)
	}
	if len(rf.Templates) != 4 || rf.Templates[0].Name != "early" || rf.Templates[0].EarliestStart != 7*60 ||
		rf.Templates[0].MaxLength != 9*time.Hour || rf.Templates[0].Step != 30*time.Minute || len(rf.Templates[2].Days) != 7 {
		t.Errorf("templates = %+v", rf.Templates)
	}
	split := rf.Templates[3]
	if !split.IsSplit() || len(split.Blocks) != 5 || split.Blocks[4] != (roster.ClockSpan{From: 22 * 60, To: 24 * 60}) || split.MinBlocks != 2 ||
		split.MaxBlocks != 3 || split.MinBlockRest != 2*time.Hour || !slices.Equal(split.Dates, []civil.Date{{Year: 2025, Month: 11, Day: 11}}) {
		t.Errorf("split template = %+v", split)
	}
	wantBreaks := []roster.BreakRule{
		{Name: "coffee", Duration: 15 * time.Minute, From: 2 * time.Hour, To: 4 * time.Hour, Paid: true, RequiredAbove: 5 * time.Hour},
		{Name: "lunch", Duration: 30 * time.Minute, From: 3 * time.Hour, BeforeEnd: 2 * time.Hour, RequiredAbove: 6 * time.Hour},
	}
	if !slices.Equal(rf.Breaks, wantBreaks) {
		t.Errorf("breaks = %+v", rf.Breaks)
	}
	if rf.Leads != (roster.LeadRule{PerAgents: 8}) || rf.Veterans.Share != 0.25 || rf.Veterans.TopK != 4 || len(rf.Veterans.Windows) != 3 ||
		rf.Veterans.Windows[2].Span != (roster.ClockSpan{From: 23 * 60, To: 24 * 60}) || rf.Reserve != (roster.ReserveRule{Agents: 1, FromGap: true, Block: 4 * time.Hour}) {
		t.Errorf("leads %+v veterans %+v reserve %+v", rf.Leads, rf.Veterans, rf.Reserve)
	}
	if rf.Weights != roster.DefaultWeights() {
		t.Errorf("weights = %+v, want the defaults the file spells out", rf.Weights)
	}

	// a preset alone brings its break; the file's keys override it
	rf, err = ReadRules(strings.NewReader("preset: eu\nlimits: {max_hours_week: 40}\ntemplates:\n  - {name: d, earliest_start: \"08:00\", latest_start: \"08:00\", min_length: 8h, max_length: 8h, step: 1h}\n"), "r.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if rf.Rules.MaxWeekly != 40*time.Hour || rf.Rules.MinRest != 11*time.Hour || len(rf.Breaks) != 1 || rf.Breaks[0].Name != "rest" {
		t.Errorf("preset with override: %+v %+v", rf.Rules, rf.Breaks)
	}
}

func TestReadRulesErrors(t *testing.T) {
	tmpl := "templates:\n  - {name: a, earliest_start: \"08:00\", latest_start: \"09:00\", min_length: 8h, max_length: 8h, step: 1h}\n"
	tests := []struct {
		name, in string
		want     []pe
	}{
		{"empty", "", []pe{{"rules.yaml", 0, 0, "", "empty file"}}},
		{"unknown key", "presett: eu\n", []pe{{"rules.yaml", 1, 1, "presett", "unknown key"}}},
		{"unknown key in a template", "templates:\n  - name: a\n    lenght: 8h\n", []pe{{"rules.yaml", 3, 5, "templates[0].lenght", "unknown key"}}},
		{"bad durations, all reported", "rest:\n  between_shifts: 11x\n  weekly: -3h\nlimits:\n  max_hours_week: lots\n", []pe{
			{"rules.yaml", 2, 19, "rest.between_shifts", `"11x": want a duration such as 30m or 8h`},
			{"rules.yaml", 3, 11, "rest.weekly", `"-3h": want a duration such as 30m or 8h`},
			{"rules.yaml", 5, 19, "limits.max_hours_week", `"lots": want hours (37.5) or a duration (37h30m)`},
		}},
		{"bad time of day", "templates:\n  - name: a\n    earliest_start: \"25:00\"\n", []pe{{"rules.yaml", 3, 21, "templates[0].earliest_start",
			`time of day "25:00": want HH:MM between 00:00 and 24:00`}}},
		{"bad days", "templates:\n  - name: a\n    days: [mon, funday]\n", nil},
		{"unknown preset", "preset: us\n", []pe{{"rules.yaml", 1, 1, "preset", `unknown labour preset "us" (known: eu, cn)`}}},
		{"lengths the wrong way round", "templates:\n  - name: a\n    earliest_start: \"08:00\"\n    latest_start: \"09:00\"\n    min_length: 9h\n    max_length: 8h\n    step: 1h\n",
			[]pe{{"rules.yaml", 5, 5, "templates[0].min_length", "9h to 8h: want 0 < min <= max <= 24h"}}},
		{"rule conflict", tmpl + "limits:\n  two_day_weekend: true\n", []pe{{"rules.yaml", 4, 3, "limits.two_day_weekend", "needs days_off_per_week of at least 2"}}},
		{"break window", tmpl + "breaks:\n  - {name: b, duration: 30m, from: 2h, to: 2h}\n", []pe{{"rules.yaml", 4, 40, "breaks[0].to", "the window 2h to 2h is shorter than the break"}}},
		{"no templates", "preset: cn\n", []pe{{"rules.yaml", 0, 0, "templates", "no shift templates"}}},
		{"not a mapping", "- a\n- b\n", []pe{{"rules.yaml", 1, 1, "", "cannot unmarshal !!seq into a mapping of keys"}}},
		// a syntax error keeps the YAML package's message, its line included
		{"syntax", "templates: [\n", []pe{{"rules.yaml", 0, 0, "", "yaml: line 1: did not find expected node content"}}},
		{"negative weight", tmpl + "weights: {shortage: -1}\n", []pe{{"rules.yaml", 3, 11, "weights.shortage", "-1: want a finite weight >= 0"}}},
		{"weekly hours below every shift", tmpl + "limits: {max_hours_week: 1}\n", []pe{{"rules.yaml", 3, 10, "limits.max_hours_week",
			"1h is shorter than every shift the templates allow (the shortest is 8h paid): nobody could work"}}},
	}
	for _, tc := range tests {
		_, err := ReadRules(strings.NewReader(tc.in), "rules.yaml")
		got := parseErrs(t, err)
		if tc.want == nil { // only the position is pinned
			if len(got) != 1 || got[0].Line != 3 || got[0].Field != "templates[0].days" {
				t.Errorf("%s: got %+v", tc.name, got)
			}
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

// TestRulesFilePosition: a template that only the demand's interval
// shows to be wrong is still placed at its line in the rules file.
func TestRulesFilePosition(t *testing.T) {
	in := "templates:\n  - name: a\n    earliest_start: \"08:00\"\n    latest_start: \"09:00\"\n    min_length: 8h\n    max_length: 8h\n    step: 10m\n"
	rf, err := ReadRules(strings.NewReader(in), "rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := rf.Model([]roster.Agent{{ID: "x", Skills: []string{"chat"}}}, roster.Demand{Start: time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC),
		Interval: 15 * time.Minute, Skills: []roster.SkillDemand{{Skill: "chat", Required: make([]int, 96)}}})
	err = rf.Position(m.Validate())
	var p *ParseError
	if !errors.As(err, &p) || p.Line != 7 || p.Column != 5 || p.Field != "templates[0].step" {
		t.Errorf("err = %v, want rules.yaml:7:5 templates[0].step", err)
	}
}

// TestDocRulesExample keeps the rules.yaml shown in doc.go readable.
func TestDocRulesExample(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var yaml []string
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "//\tpreset: eu") {
			in = true
		}
		if in {
			if !strings.HasPrefix(line, "//\t") {
				break
			}
			yaml = append(yaml, strings.TrimPrefix(line, "//\t"))
		}
	}
	if len(yaml) < 20 {
		t.Fatalf("found %d lines of the example", len(yaml))
	}
	rf, err := ReadRules(strings.NewReader(strings.Join(yaml, "\n")), "doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(rf.Templates) != 2 || len(rf.Breaks) != 2 || rf.Leads.PerAgents != 8 || rf.Reserve.Block != 4*time.Hour {
		t.Errorf("doc example read as %+v", rf)
	}
}
