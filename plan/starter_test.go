package plan

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
)

// TestInitWritesNoLiveConfig: values from the exports reach the plan as
// quoted YAML strings and one-line comments (issue 14: an issue type with
// a line break became a live issue_types key; "Q4 export #2.csv" was cut
// at the #).
func TestInitWritesNoLiveConfig(t *testing.T) {
	season, _ := forecast.ParseRange("2026-11-20..2026-12-06")
	hostile := "x\nissue_types: {returns: {handle_time: 1s}}\n#"
	inf := Starter{
		TZ:     "UTC",
		Season: season,
		Files: []importers.FileReport{
			{Path: "Q4 export #2.csv", Format: "zendesk-csv", FormatTitle: "Zendesk"},
			{Path: "tickets, 2025.csv", Format: "zendesk-csv", FormatTitle: "Zendesk"},
			{Path: "true", Format: "zendesk-csv", FormatTitle: "Zendesk"},
		},
		Types: []string{"returns", hostile},
	}
	text := inf.YAML("")
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("the plan does not parse: %v\n%s", err, text)
	}
	if _, ok := doc["issue_types"]; ok {
		t.Errorf("an issue type's text became plan config:\n%s", text)
	}
	hist, _ := doc["history"].([]any)
	var files []any
	for _, h := range hist {
		files = append(files, h.(map[string]any)["file"])
	}
	want := []any{"Q4 export #2.csv", "tickets, 2025.csv", "true"}
	if len(files) != len(want) {
		t.Fatalf("history files %v, want %v", files, want)
	}
	for i := range want {
		if files[i] != want[i] {
			t.Errorf("history file %d: %#v, want %#v", i, files[i], want[i])
		}
	}
}
