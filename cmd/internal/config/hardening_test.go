package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPlanRefusesSilentDefaults: values the plan used to change or
// accept without a word (issue 14) are errors with their line and key.
func TestPlanRefusesSilentDefaults(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "calls.csv"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	history := "history:\n  - file: calls.csv\n"
	season := func(extra string) string {
		return "season:\n  start: 2026-11-20\n  end: 2026-12-06\n  time_zone: UTC\n" + extra + history
	}
	team := "team:\n  rules: {preset: eu}\n  size:\n"
	for _, tt := range []struct{ name, yaml, want string }{
		{"interval 0m became 30m", season("  interval: 0m\n"), "line 5: season.interval: 0"},
		{"time zone Local", strings.Replace(season(""), "UTC", "Local", 1), `line 4: season.time_zone: "Local"`},
		{"channel fax", season("") + "channels:\n  fax: {deadline: 8h}\n", `channels: unknown channel "fax"`},
		{"channel fax in a scenario", season("") + "scenarios:\n  - name: s\n    channels:\n      fax: {deadline: 8h}\n", `scenarios[0].channels: unknown channel "fax"`},
		{"4.5 veterans became 4", season("") + team + "    veteran: 4.5\n", `team.size.veteran: veteran: "4.5": expected a whole number`},
		{"a team of nobody", season("") + team + "    veteran: 0\n    regular: 0\n", "team.size: every tier has 0 agents"},
	} {
		path := filepath.Join(dir, "plan.yaml")
		if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadPlan(path)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	// no interval key is still 30 minutes
	path := filepath.Join(dir, "plan.yaml")
	os.WriteFile(path, []byte(season("")), 0o644)
	if p, err := LoadPlan(path); err != nil || time.Duration(p.Season.Interval) != 30*time.Minute {
		t.Errorf("no interval: %v", err)
	}
}
