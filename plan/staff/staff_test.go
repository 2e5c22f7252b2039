package staff_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan/staff"
	"github.com/peakstaff/peakstaff/staffing/policy"
	"github.com/peakstaff/peakstaff/staffing/require"
)

const (
	demandFile = "../../testdata/staff/demand.csv"
	policyFile = "../../testdata/staff/policy.yaml"
)

func write(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// settings builds layers of CHANNEL ("" for every channel), key, value.
func settings(t *testing.T, sets ...[3]string) staff.Layers {
	t.Helper()
	out := staff.Layers{Channels: map[string]policy.Settings{}}
	for _, st := range sets {
		s := out.All
		if st[0] != "" {
			s = out.Channels[st[0]]
		}
		if err := s.Set(st[1], st[2], policy.Source{Flag: "--" + policy.FlagName(st[1]) + " " + st[2]}); err != nil {
			t.Fatal(err)
		}
		if st[0] == "" {
			out.All = s
		} else {
			out.Channels[st[0]] = s
		}
	}
	return out
}

// TestComputeExample: the example demand and policy give one requirement
// per channel, each with the file's policy, and one group of them all.
func TestComputeExample(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var warnings []string
	plan, err := staff.Compute(staff.Options{Demand: demandFile, PolicyFile: policyFile, Location: berlin,
		Settings: settings(t, [3]string{"social", "kind", "live"}), Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Requirements) != 3 || len(plan.Groups) != 1 {
		t.Fatalf("%d requirements, %d groups; want 3 and 1", len(plan.Requirements), len(plan.Groups))
	}
	kinds := map[string]require.Kind{}
	for _, r := range plan.Requirements {
		kinds[r.Channel] = r.Kind
		if r.Policy.Shrinkage != 0.3 || r.PeakAgents <= 0 {
			t.Errorf("%s: shrinkage %v, peak %d", r.Channel, r.Policy.Shrinkage, r.PeakAgents)
		}
	}
	if kinds["phone"] != require.KindLive || kinds["chat"] != require.KindChat || kinds["email"] != require.KindDeferred {
		t.Errorf("kinds %v", kinds)
	}
	if len(warnings) != 1 || warnings[0] != `channel "social" has policy settings but no demand` {
		t.Errorf("warnings %q", warnings)
	}
}

// TestComputeStdin: Demand - reads Stdin, named stdin in errors; the
// demand's and the policy file's problems come back together, exit 3.
func TestComputeStdin(t *testing.T) {
	pol := write(t, "p.yaml", "channels:\n  chat: {concurrency: 8}\n")
	in := "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,-1\n2025-11-28T09:30:00Z,phone,3\n"
	_, err := staff.Compute(staff.Options{Demand: "-", Stdin: strings.NewReader(in), PolicyFile: pol})
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Fatalf("exit %d: %v", diag.ExitCode(err), err)
	}
	for _, want := range []string{`stdin:2:3: contacts: bad value`, pol + ":2:23: channels.chat.concurrency: expected 1 to 4 contacts at once"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error has no %q:\n%v", want, err)
		}
	}
}

// TestComputeErrorClasses: each kind of problem has its class.
func TestComputeErrorClasses(t *testing.T) {
	good := "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,email,40,600\n2025-11-28T09:30:00Z,email,0,600\n"
	tests := []struct {
		name string
		opts staff.Options
		exit int
		msg  string
	}{
		{"a missing demand file", staff.Options{Demand: filepath.Join(t.TempDir(), "none.csv")}, diag.ExitError, "no such file"},
		{"a bad setting alone", staff.Options{Demand: "-", Stdin: strings.NewReader(good), Settings: settings(t, [3]string{"email", "concurrency", "2"})},
			diag.ExitUsage, "only chat handles several contacts at once"},
		{"a big policy file", staff.Options{Demand: "-", Stdin: strings.NewReader(good), PolicyFile: write(t, "big.yaml", "#"+strings.Repeat("x", 256<<10))},
			diag.ExitInvalidData, "big.yaml: the file is larger than 256 KiB"},
		{"no agent serves the channel", staff.Options{Demand: "-", Stdin: strings.NewReader(good), AgentsFile: write(t, "agents.csv", "id,skills\nP1,phone\n")},
			diag.ExitInvalidData, "no agent serves email"},
	}
	for _, tt := range tests {
		_, err := staff.Compute(tt.opts)
		if diag.ExitCode(err) != tt.exit || err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: exit %d, %v; want exit %d, %q", tt.name, diag.ExitCode(err), err, tt.exit, tt.msg)
		}
	}
}

// TestResolvePrecedence: defaults < file defaults < settings for every
// channel < the file's channel < settings for that channel.
func TestResolvePrecedence(t *testing.T) {
	file, err := staff.ReadPolicyFile(write(t, "p.yaml", "defaults: {shrinkage: 10%, min_agents: 1}\nchannels:\n  email: {shrinkage: 30%, deadline: 4h}\n"))
	if err != nil {
		t.Fatal(err)
	}
	layers := settings(t, [3]string{"", "shrinkage", "20%"}, [3]string{"phone", "shrinkage", "25%"}, [3]string{"email", "deadline", "2h"}, [3]string{"", "min_agents", "3"})
	pols, err := staff.Resolve([]string{"email", "phone", "chat"}, file, layers)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		channel   string
		shrinkage float64
		deadline  time.Duration
		min       int
		kind      require.Kind
	}{
		{"email", 0.3, 2 * time.Hour, 3, require.KindDeferred},
		{"phone", 0.25, 0, 3, require.KindLive},
		{"chat", 0.2, 0, 3, require.KindChat},
	} {
		pol := pols[tt.channel]
		if pol.Shrinkage != tt.shrinkage || pol.Deadline != tt.deadline || pol.MinAgents != tt.min || pol.Kind != tt.kind {
			t.Errorf("%s: %+v", tt.channel, pol)
		}
	}
	if got := staff.Unused(file, layers, map[string]bool{"email": true}); len(got) != 1 || got[0] != "phone" {
		t.Errorf("unused %q, want phone", got)
	}
}

// TestTeamGroups: one group per distinct skill set; no file, no groups.
func TestTeamGroups(t *testing.T) {
	groups, err := staff.TeamGroups(write(t, "agents.csv", "id,skills\nP1,phone\nP2,phone\nB1,phone;chat;email\n"), []string{"phone", "chat", "email"})
	if err != nil || len(groups) != 2 || groups[0].Name != "phone" || groups[1].Name != "phone+chat+email" {
		t.Errorf("groups %+v, %v", groups, err)
	}
	if groups, err := staff.TeamGroups("", []string{"phone"}); groups != nil || err != nil {
		t.Errorf("no file: %+v, %v", groups, err)
	}
	_, err = staff.TeamGroups(write(t, "bad.csv", "id,skills\nP1,\n"), []string{"phone"})
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("a bad agents file: exit %d, %v", diag.ExitCode(err), err)
	}
}

// TestLate: deferred work answered after its deadline is exit 4, named
// per channel; none late is nil.
func TestLate(t *testing.T) {
	plan := require.Plan{Requirements: []require.Requirement{
		{Channel: "phone", Kind: require.KindLive},
		{Channel: "email", Skill: "vip", Kind: require.KindDeferred, Late: 2.504},
	}}
	err := staff.Late(plan)
	if diag.ExitCode(err) != diag.ExitInfeasible || err.Error() != "deferred work cannot be answered within its deadline: email/vip: 2.5 items" {
		t.Errorf("exit %d: %v", diag.ExitCode(err), err)
	}
	plan.Requirements[1].Late = 0.004
	if err := staff.Late(plan); err != nil {
		t.Errorf("0.004 late: %v", err)
	}
}
