package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
	"github.com/peakstaff/peakstaff/staffing/policy"
)

// hardeningPlan writes a plan of season + body next to an (unreadable)
// history file and returns its path.
func hardeningPlan(t *testing.T, season, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "calls.csv"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "plan.yaml")
	text := "season:\n  start: 2026-11-20\n  end: 2026-12-06\n  time_zone: UTC\n" + season + "history:\n  - file: calls.csv\n" + body
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadErr loads the plan and returns its error with the directory cut
// from file names.
func loadErr(t *testing.T, path string) (string, error) {
	t.Helper()
	_, err := LoadPlan(path)
	if err == nil {
		return "", nil
	}
	return strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), ""), err
}

// rules are inline roster rules that work; team is a team under them.
const (
	rules = "  rules:\n    preset: eu\n    templates:\n" +
		"      - {name: day, earliest_start: \"08:00\", latest_start: \"10:00\", min_length: 8h, max_length: 8h, step: 30m}\n"
	team = "team:\n" + rules + "  size:\n"
)

// TestPlanRefusesSilentDefaults: values the plan used to change, accept
// without a word, or find wrong only after the import and the forecast
// ran (issue 14) are errors when it is loaded, each with the plan's
// file:line:column and key, exit code 3.
func TestPlanRefusesSilentDefaults(t *testing.T) {
	for _, tt := range []struct{ name, season, body, want string }{
		{"interval 0m became 30m", "  interval: 0m\n", "",
			`plan.yaml:5:13: season.interval: "0m": expected an interval such as 15m, 30m or 60m (leave the key out for 30m)`},
		{"time zone Local", "", "", ""},
		{"channel fax", "", "channels:\n  fax: {deadline: 8h}\n",
			`plan.yaml:8:3: channels.fax: unknown channel "fax": expected one of phone, chat, email, messaging, social, other`},
		{"channel fax in a scenario", "", "scenarios:\n  - name: s\n    channels:\n      fax: {deadline: 8h}\n",
			`plan.yaml:10:7: scenarios[0].channels.fax: unknown channel "fax": expected one of phone, chat, email, messaging, social, other`},
		{"4.5 veterans became 4", "", team + "    veteran: 4.5\n    regular: 3\n",
			`plan.yaml:13:14: team.size.veteran: "4.5": expected a whole number`},
		{"a team of nobody", "", team + "    veteran: 0\n    regular: 0\n",
			"plan.yaml:12:3: team.size: every tier has 0 agents: give at least one agent, or an agents file"},
		{"concurrency 0 became the default", "", "channels:\n  chat: {concurrency: 0}\n",
			"plan.yaml:8:23: channels.chat.concurrency: expected 1 to 4 contacts at once"},
		{"concurrency 8 passed the plan's 1 to 10", "", "channels:\n  chat: {concurrency: 8}\n",
			"plan.yaml:8:23: channels.chat.concurrency: expected 1 to 4 contacts at once"},
		{"deadline 0h", "", "channels:\n  email: {deadline: 0h}\n",
			"plan.yaml:8:21: channels.email.deadline: expected a business-time deadline above 0 and at most 8784h (366 days), such as 24h"},
		{"shrinkage 100%", "", "shrinkage: 100%\n",
			"plan.yaml:7:12: shrinkage: expected a share of at least 0% and below 100%, such as 30%"},
		{"bad hours", "", "channels:\n  email: {hours: \"mon-fri 9-17\"}\n",
			`plan.yaml:8:18: channels.email.hours: window "9-17": want HH:MM-HH:MM with from < to <= 24:00`},
		{"a break longer than its shift", "", "team:\n  size: {regular: 3}\n" + rules +
			"    breaks:\n      - {name: long, duration: 9h, from: 0h, required_above: 1h}\n",
			"plan.yaml:12:9: team.rules.templates[0]: a 8h block cannot hold its breaks inside their windows"},
		{"a lead rule without leads", "", "team:\n  size: {regular: 3}\n" + rules + "    leads: {per_agents: 8}\n",
			"plan.yaml:13:13: team.rules.leads.per_agents: a lead per 8 agents is required, but no agent can lead"},
		{"a template longer than any agent's day", "", "team:\n  rules:\n    preset: eu\n    templates:\n" +
			"      - {name: double, earliest_start: \"08:00\", latest_start: \"10:00\", min_length: 12h, max_length: 12h, step: 30m}\n  size: {regular: 3}\n",
			"plan.yaml:11:72: team.rules.templates[0].min_length: its shortest shift is 11h30m paid, longer than any agent may work in a day (max_hours_day, at most 10h): no shift of it can be worked"},
		{"a misspelt team key", "", team + "    regular: 3\n" + "  rules_typo: 1\n", "plan.yaml:14:3: team.rules_typo: unknown key; the keys of team are agents, size, rules, costs, onboarding_days, hire_tier, time_limit, seed"},
		{"growth 0 became the measured growth", "", "forecast: {growth: 0}\n",
			`plan.yaml:7:20: forecast.growth: "0": expected a factor above 0 and at most 100, such as 1.2 (20% more contacts than last year)`},
		{"time limit 0s became the default", "", team + "    regular: 3\n  time_limit: 0s\n",
			`plan.yaml:14:15: team.time_limit: "0s": expected a time above 0 and at most 24h, such as 15s or 2m (leave the key out for a limit that grows with the team)`},
		{"a negative cost", "", team + "    regular: 3\n  costs: {regular: -5}\n",
			`plan.yaml:14:20: team.costs.regular: "-5": expected a cost per paid hour of 0 or more`},
		{"an issue type's handle time of 0", "", "issue_types:\n  gift_card: {handle_time: 0s}\n",
			"plan.yaml:8:28: issue_types.gift_card.handle_time: expected a handle time above 0 and at most 24h, such as 180s"},
		{"a team without rules", "", "team:\n  size: {regular: 3}\n",
			"plan.yaml:7:1: team: the team needs roster rules with shift templates"},
	} {
		if tt.name == "time zone Local" {
			continue // below: the season is replaced
		}
		got, err := loadErr(t, hardeningPlan(t, tt.season, tt.body))
		if diag.ExitCode(err) != diag.ExitInvalidData || !strings.HasPrefix(got, tt.want) || strings.Count(got, "\n") > 0 {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	path := hardeningPlan(t, "", "")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(data), "UTC", "Local", 1)), 0o644)
	if got, _ := loadErr(t, path); got != `plan.yaml:4:14: season.time_zone: "Local": not a time zone name such as Europe/Berlin` {
		t.Errorf("time zone Local: %s", got)
	}
	// no interval key is still 30 minutes; no time limit 0, the roster's
	// default (roster.DefaultTimeLimit, which grows with the team)
	p, err := LoadPlan(hardeningPlan(t, "", team+"    regular: 3\n"))
	if err != nil || time.Duration(p.Season.Interval) != 30*time.Minute || p.Team.TimeLimit != 0 {
		t.Errorf("defaults: %v", err)
	}
}

// TestPlanErrorsAtOnce: every problem of a plan in one run, in line
// order, across the plan's own keys, the channels' settings and the
// inline roster rules (the plan check used to stop at the first).
func TestPlanErrorsAtOnce(t *testing.T) {
	path := hardeningPlan(t, "  interval: 7m\n", `lang: fr
shrinkage: 100%
forecast:
  quantile: 1.5
  colour: blue
channels:
  chat: {concurrency: 8}
team:
  size: {regular: 3, boss: 2}
  rules:
    preset: eu
    templates:
      - {name: day, earliest_start: "08:00", latest_start: "10:00", min_length: 0h, max_length: 8h, step: 30m}
scenarios:
  - name: a
    hires: {new: 2.5}
  - name: a
`)
	got, err := loadErr(t, path)
	want := `plan.yaml:5:13: season.interval: interval 7m: expected whole minutes dividing an hour, such as 15m, 30m or 60m
plan.yaml:8:7: lang: "fr": expected en or zh
plan.yaml:9:12: shrinkage: expected a share of at least 0% and below 100%, such as 30%
plan.yaml:11:13: forecast.quantile: "1.5": expected a quantile above 0 and below 1, such as 0.5 or 0.9
plan.yaml:12:3: forecast.colour: unknown key; the keys of forecast are events, event_window, growth, quantile, orders, handle_time_uplift, intraday, week_shape
plan.yaml:14:23: channels.chat.concurrency: expected 1 to 4 contacts at once
plan.yaml:16:22: team.size.boss: not a tier; the tiers are veteran, regular, new, all-hands, outsourced
plan.yaml:20:69: team.rules.templates[0].min_length: 0s to 8h: want 0 < min <= max <= 24h
plan.yaml:23:18: scenarios[0].hires.new: "2.5": expected a whole number
plan.yaml:24:11: scenarios[1].name: two scenarios are named "a"`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var multi interface{ Unwrap() []error }
	var first *diag.Error
	if !errors.As(err, &multi) || len(multi.Unwrap()) != 10 || !errors.As(err, &first) || first.Field != "season.interval" ||
		diag.ExitCode(err) != diag.ExitInvalidData || !errors.Is(err, policy.ErrInvalid) || !errors.Is(err, rosterio.ErrInvalidFile) {
		t.Errorf("err %T: want a list of 10 (the first at season.interval) that unwraps to the policy's and the rules' sentinels, exit 3", err)
	}
}

// TestPlanRulesFile: a rules file the plan names is read with the plan,
// its problems at its own lines.
func TestPlanRulesFile(t *testing.T) {
	path := hardeningPlan(t, "", "team:\n  rules: rules.yaml\n  size: {regular: 3}\n")
	rulesFile := "preset: eu\ntemplates:\n  - {name: day, earliest_start: \"08:00\", latest_start: \"10:00\", min_length: 4h, max_length: 4h, step: 30m}\n" +
		"breaks:\n  - {name: long, duration: 5h, from: 0h, required_above: 3h}\n"
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "rules.yaml"), []byte(rulesFile), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := loadErr(t, path)
	if want := "rules.yaml:3:5: templates[0]: a 4h block cannot hold its breaks inside their windows"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestConfigFileCaps: a plan, or a rules file it names, larger than any
// real one is refused before it is parsed (a 50 MB plan exhausted a 1 GB
// address space in the YAML parser), exit 3.
func TestConfigFileCaps(t *testing.T) {
	path := hardeningPlan(t, "", "name: \""+strings.Repeat("x", MaxConfigBytes)+"\"\n")
	if got, err := loadErr(t, path); diag.ExitCode(err) != diag.ExitInvalidData || got != "plan.yaml: the file is larger than 256 KiB, more than such a file ever holds: is it the right file?" {
		t.Errorf("a big plan: %s", got)
	}
	path = hardeningPlan(t, "", "team:\n  rules: rules.yaml\n  size: {regular: 3}\n")
	big := "templates: []\n#" + strings.Repeat("x", MaxConfigBytes) + "\n"
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "rules.yaml"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := loadErr(t, path); diag.ExitCode(err) != diag.ExitInvalidData || !strings.HasPrefix(got, "rules.yaml: the file is larger than 256 KiB") {
		t.Errorf("a big rules file: %s", got)
	}
}
