package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/policy"
)

// writePlan writes a plan of the given channels and scenarios next to an
// (empty) history file, and returns its path.
func writePlan(t *testing.T, tail string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "calls.csv"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "plan.yaml")
	head := "season: {start: 2026-11-20, end: 2026-12-06, time_zone: UTC}\nhistory:\n  - file: calls.csv\n"
	if err := os.WriteFile(path, []byte(head+tail), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The plan's settings go through package policy: a scenario overrides the
// keys it gives, the plan's shrinkage lies under every channel.
func TestPlanPolicies(t *testing.T) {
	p, err := LoadPlan(writePlan(t, `shrinkage: 25%
channels:
  phone: {service_level: 90/30s, patience: 3m, max_abandon: 5%}
  email: {deadline: 8h, shrinkage: 35%, handle_time: 7m}
scenarios:
  - name: tighter
    shrinkage: 20%
    channels:
      phone: {service_level: 95/15s}
      email: {shrinkage: 40%}
`))
	if err != nil {
		t.Fatal(err)
	}
	if h := p.Channels["email"].HandleTime; h == nil || time.Duration(*h) != 7*time.Minute {
		t.Errorf("email handle time %v", h)
	}
	for _, tt := range []struct {
		channel   string
		scenario  *Scenario
		shrinkage float64
		sl        float64
		patience  float64
	}{
		{"phone", nil, 0.25, 0.9, 180},
		{"phone", &p.Scenarios[0], 0.2, 0.95, 180},
		{"email", nil, 0.35, 0, 0},
		{"email", &p.Scenarios[0], 0.4, 0, 0},
		{"chat", nil, 0.25, 0.8, 0},
		{"chat", &p.Scenarios[0], 0.2, 0.8, 0},
	} {
		pol, err := policy.Resolve(tt.channel, p.PolicyLayers(tt.channel, tt.scenario)...)
		if err != nil || pol.Shrinkage != tt.shrinkage || pol.Targets.ServiceLevel != tt.sl || pol.PatienceSeconds != tt.patience {
			t.Errorf("%s (scenario %v): %+v, %v", tt.channel, tt.scenario != nil, pol, err)
		}
	}
}

// Every problem of the plan's settings at once, each with its line and
// key; exit code 3 (diag.InvalidData).
func TestPlanPolicyErrors(t *testing.T) {
	for _, tt := range []struct{ name, yaml, msg string }{
		{"values and keys", `shrinkage: 100%
channels:
  phone: {service_level: fast, target: 80/20s}
  chat: {concurrency: 0}
scenarios:
  - name: x
    shrinkage: 2
`, "plan.yaml:4:12: shrinkage: expected a share of at least 0% and below 100%, such as 30%\n" +
			"plan.yaml:6:26: channels.phone.service_level: expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds)\n" +
			"plan.yaml:6:32: channels.phone.target: target is now called service_level\n" +
			"plan.yaml:7:23: channels.chat.concurrency: expected 1 to 4 contacts at once\n" +
			"plan.yaml:10:16: scenarios[0].shrinkage: expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%"},
		{"settings that do not go together", `channels:
  email: {concurrency: 2}
scenarios:
  - name: x
    channels:
      phone: {max_abandon: 5%}
`, "plan.yaml:5:24: channels.email.concurrency: email is a deferred channel: only chat handles several contacts at once\n" +
			"plan.yaml:9:28: scenarios[0].channels.phone.max_abandon: phone needs a patience (the mean time before callers hang up): without one nobody abandons"},
	} {
		path := writePlan(t, tt.yaml)
		_, err := LoadPlan(path)
		if err == nil || diag.ExitCode(err) != diag.ExitInvalidData || !errors.Is(err, policy.ErrInvalid) {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), ""); got != tt.msg {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.msg)
		}
	}
}
