package rosterio

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"go.yaml.in/yaml/v3"
)

// TestReadRulesAllAtOnce: a rules file's problems come back together,
// each at its line (issue 14: the check stopped at the first), and a
// break longer than its shift fails when the file is read, not when the
// solver meets it.
func TestReadRulesAllAtOnce(t *testing.T) {
	tmpl := func(name, length string) string {
		return "  - {name: " + name + ", earliest_start: \"08:00\", latest_start: \"10:00\", min_length: " + length + ", max_length: " + length + ", step: 30m}\n"
	}
	for _, tc := range []struct {
		name, in string
		want     []pe
	}{
		{"every item at fault", "limits: {days_off_per_week: 9, max_consecutive_days: -1}\ntemplates:\n" + tmpl("day", "0h") + tmpl("day", "8h") +
			"breaks:\n  - {name: b, duration: 0m, from: 2h}\n  - {name: c, duration: 30m, from: 2h, to: 2h}\n", []pe{
			{"rules.yaml", 1, 10, "limits.days_off_per_week", "9: want 0 to 7"},
			{"rules.yaml", 1, 32, "limits.max_consecutive_days", "-1 is negative"},
			{"rules.yaml", 3, 65, "templates[0].min_length", "0s to 0s: want 0 < min <= max <= 24h"},
			{"rules.yaml", 4, 6, "templates[1].name", "used twice"},
			{"rules.yaml", 6, 15, "breaks[0].duration", "0s: want a positive multiple of the 1m interval"},
			{"rules.yaml", 7, 40, "breaks[1].to", "the window 2h to 2h is shorter than the break"},
		}},
		{"a break longer than its shift", "templates:\n" + tmpl("short", "4h") + tmpl("long", "9h") +
			"breaks:\n  - {name: rest, duration: 5h, from: 0h, required_above: 3h}\n", []pe{
			{"rules.yaml", 2, 5, "templates[0]", "a 4h block cannot hold its breaks inside their windows"},
		}},
		{"a template longer than the day", "limits: {max_hours_day: 8}\ntemplates:\n" + tmpl("day", "8h") + tmpl("double", "16h") + tmpl("long", "9h"), []pe{
			{"rules.yaml", 4, 68, "templates[1].min_length", "its shortest shift is 16h paid, longer than limits.max_hours_day (8h): no shift of it can be worked"},
			{"rules.yaml", 5, 66, "templates[2].min_length", "its shortest shift is 9h paid, longer than limits.max_hours_day (8h): no shift of it can be worked"},
		}},
	} {
		_, err := ReadRules(strings.NewReader(tc.in), "rules.yaml")
		if got := parseErrs(t, err); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

// TestReadRulesNode: rules inline in another file are placed at their
// own lines in it and named under their key.
func TestReadRulesNode(t *testing.T) {
	plan := `season: {start: 2026-11-20}
team:
  size: {regular: 3}
  rules:                        # inline
    preset: eu
    limits: {max_hours_day: 8}
    templates:
      - {name: day, earliest_start: "08:00", latest_start: "10:00", min_length: 8h, max_length: 8h, step: 30m}
      - name: long
        earliest_start: "08:00"
        latest_start: "09:00"
        min_length: 10h
        max_length: 10h
        step: 1h
`
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(plan), &root); err != nil {
		t.Fatal(err)
	}
	rules := root.Content[0].Content[3].Content[3]
	_, err := ReadRulesNode(rules, "plan.yaml", "team.rules")
	want := []pe{{"plan.yaml", 12, 9, "team.rules.templates[1].min_length",
		"its shortest shift is 9h30m paid, longer than limits.max_hours_day (8h): no shift of it can be worked"}}
	if got := parseErrs(t, err); !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// a decoding problem, and one Position finds once the interval is known
	bad := strings.Replace(strings.Replace(plan, "min_length: 10h", "min_length: 7h", 1), "max_length: 10h", "max_length: 7h\n        colour: red", 1)
	if err := yaml.Unmarshal([]byte(bad), &root); err != nil {
		t.Fatal(err)
	}
	_, err = ReadRulesNode(root.Content[0].Content[3].Content[3], "plan.yaml", "team.rules")
	want = []pe{{"plan.yaml", 14, 9, "team.rules.templates[1].colour", "unknown key"}}
	if got := parseErrs(t, err); !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	ok := strings.Replace(strings.Replace(plan, "min_length: 10h", "min_length: 7h", 1), "max_length: 10h", "max_length: 7h", 1)
	ok = strings.Replace(ok, "step: 1h", "step: 10m", 1)
	if err := yaml.Unmarshal([]byte(ok), &root); err != nil {
		t.Fatal(err)
	}
	rf, err := ReadRulesNode(root.Content[0].Content[3].Content[3], "plan.yaml", "team.rules")
	if err != nil {
		t.Fatal(err)
	}
	m := rf.Model([]roster.Agent{{ID: "a"}}, roster.Demand{Start: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Interval: 30 * time.Minute,
		Skills: []roster.SkillDemand{{Skill: "all", Required: make([]int, 48)}}})
	var p *ParseError
	if err := rf.Position(m.Validate()); !errors.As(err, &p) || p.File != "plan.yaml" || p.Line != 14 || p.Field != "team.rules.templates[1].step" {
		t.Errorf("Position = %v, want plan.yaml:14 team.rules.templates[1].step", err)
	}
}
