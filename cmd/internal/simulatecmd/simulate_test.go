package simulatecmd

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/testkit"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

func parse(t *testing.T, argv string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdSimulate(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(strings.Fields(argv))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return got, cmd.Execute()
}

func TestArgvToOptions(t *testing.T) {
	tests := []struct {
		argv                    string
		seed                    uint64
		reps, intervals, agents int
		handle                  sim.Handle
		cv                      float64
	}{
		{"--calls 100 --aht 180s", 1, 20, 48, -1, sim.Exponential, 1},
		{"--calls 100 --aht 180s --seed 42 --replications 5 --intervals 96 --agents 14", 42, 5, 96, 14, sim.Exponential, 1},
		{"--calls 100 --aht 180s --handle lognormal --cv 0.6 --patience 5m", 1, 20, 48, -1, sim.Lognormal, 0.6},
	}
	for _, tt := range tests {
		o, err := parse(t, tt.argv)
		if err != nil {
			t.Errorf("%s: %v", tt.argv, err)
			continue
		}
		if o.Seed != tt.seed || o.Replications != tt.reps || o.Intervals != tt.intervals || o.Plan.Agents != tt.agents || o.HandleDist != tt.handle || o.CV != tt.cv {
			t.Errorf("%s: seed %d reps %d intervals %d agents %d handle %v cv %v", tt.argv, o.Seed, o.Replications, o.Intervals, o.Plan.Agents, o.HandleDist, o.CV)
		}
		if o.Plan.Queue.TrafficErlangs != 10 || o.Plan.Targets.ServiceLevel != 0.8 {
			t.Errorf("%s: plan %+v", tt.argv, o.Plan)
		}
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct{ argv, msg string }{
		{"--calls 100 --aht 180s --blocking 0.02", "--blocking: Erlang B has no queue to simulate; use peakstaff erlang --blocking"},
		{"--calls 100 --aht 180s --handle gamma", "--handle gamma: expected exp or lognormal"},
		{"--calls 100 --aht 180s --cv 2", "--cv applies to --handle lognormal (an exponential handle time has CV 1)"},
		{"--calls 100 --aht 180s --handle lognormal --cv -1", "--cv -1: expected a coefficient of variation from 0 to 20 such as 1.0"},
		{"--calls 100 --aht 180s --handle lognormal --cv 1e308", "--cv 1e+308: expected a coefficient of variation from 0 to 20 such as 1.0"},
		{"--calls 100 --aht 180s --replications 0", "--replications 0: expected 1 to 10000 (2 or more for standard errors)"},
		{"--calls 100 --aht 180s --intervals 0", "--intervals 0: expected 1 to 35040 intervals per replication"},
		{"--calls 100 --aht 180s --target 120/20s", "--target 120/20s: the share answered must be above 0% and below 100%, such as 80/20s"},
		{"--calls 100 --aht 180s --sweep 16..10", "--sweep 16..10: FROM must not exceed TO; expected FROM..TO agents such as 10..16"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv)
		if err == nil || err.Error() != tt.msg || diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%s:\n got error %v\nwant %s (exit 2)", tt.argv, err, tt.msg)
		}
	}
}

func run(t *testing.T, argv string, tty bool) (stdout, stderr string) {
	t.Helper()
	opts, err := parse(t, argv)
	if err != nil {
		t.Fatalf("%s: %v", argv, err)
	}
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	opts.IO = ios
	if err := simulateRun(opts); err != nil {
		t.Fatalf("%s: %v", argv, err)
	}
	return out.String(), errOut.String()
}

// The simulated figures below are those of the seeds given; they change
// only if the simulator or math/rand/v2's PCG stream changes. Each sits
// within a few standard errors of the analytic figure beside it.
func TestOutput(t *testing.T) {
	tests := []struct {
		argv       string
		tty        bool
		want, note string
	}{
		{"--calls 100 --aht 180s --replications 4 --intervals 8", true, `Erlang C: 100 contacts per 30m, AHT 3m = 10 Erlangs; target 80% in 20s
4 replications x 8 intervals (+1 warm-up), seed 1, exp handle times
┌────────┬───────────────┬──────────┬───────────┬───────────┐
│ agents │    metric     │ analytic │ simulated │ std_error │
├────────┼───────────────┼──────────┼───────────┼───────────┤
│     14 │ service_level │   0.8884 │    0.8821 │    0.0267 │
│     14 │   asa_seconds │     7.84 │      8.20 │      2.78 │
│     14 │        p_wait │   0.1741 │    0.1779 │    0.0243 │
│     14 │     occupancy │   0.7143 │    0.7183 │    0.0059 │
└────────┴───────────────┴──────────┴───────────┴───────────┘
`, ""},
		{"--calls 100 --aht 180s --patience 5m --sweep 13..14 --replications 4 --intervals 8", false, `agents	metric	analytic	simulated	std_error
13	service_level	0.8582	0.8502	0.0164
13	asa_seconds	7.49	8.41	1.24
13	p_wait	0.2258	0.2351	0.0247
13	occupancy	0.7500	0.7622	0.0067
13	p_abandon	0.0250	0.0284	0.0029
14	service_level	0.9168	0.9277	0.0076
14	asa_seconds	4.20	3.60	0.35
14	p_wait	0.1453	0.1472	0.0106
14	occupancy	0.7043	0.7253	0.0075
14	p_abandon	0.0140	0.0130	0.0035
`, ""},
		{"--calls 100 --aht 180s --patience 5m --agents 14 --replications 4 --intervals 8 --json", false, `{
  "traffic_erlangs": 10,
  "agents": 14,
  "scheduled": 14,
  "replications": 4,
  "intervals": 8,
  "seed": 1,
  "handle": "exp",
  "calls": 3626,
  "analytic": {
    "service_level": 0.9167920918635468,
    "asa_seconds": 4.195123236722677,
    "p_wait": 0.14526011429636115,
    "occupancy": 0.7042973256268507,
    "p_abandon": 0.01398374412240892
  },
  "simulated": {
    "service_level": 0.9276622167028873,
    "service_level_se": 0.007641929264318975,
    "asa_seconds": 3.5999430924034135,
    "asa_seconds_se": 0.34791626532801784,
    "p_wait": 0.14715926730828935,
    "p_wait_se": 0.010565034996893477,
    "occupancy": 0.7252669540369371,
    "occupancy_se": 0.007489069919020745,
    "p_abandon": 0.013039428748835765,
    "p_abandon_se": 0.0034937564024448762
  }
}
`, ""},
		{"--calls 100 --aht 180s --handle lognormal --cv 0.5 --agents 14 --replications 2 --intervals 2", false, "", "note: the analytic figures assume exponential handle times\n"},
	}
	for _, tt := range tests {
		got, stderr := run(t, tt.argv, tt.tty)
		if stderr != tt.note {
			t.Errorf("%s: stderr %q, want %q", tt.argv, stderr, tt.note)
		}
		if tt.want == "" {
			continue
		}
		same := got == tt.want
		if strings.Contains(tt.argv, "--json") {
			same = testkit.JSONEqual(got, tt.want, jsonTol)
		}
		if !same {
			t.Errorf("%s (tty %v):\n got:\n%s\nwant:\n%s", tt.argv, tt.tty, got, tt.want)
		}
	}
}

// jsonTol is the relative tolerance on JSON numbers (platform rounding).
const jsonTol = 1e-9

// TestNoAgentsNoFiniteASA: with no agents nobody is answered, so the
// simulated ASA is null ("unstable" in the table), not 0.00 beside a service
// level of 0 (issue 14).
func TestNoAgentsNoFiniteASA(t *testing.T) {
	out, _ := run(t, "--calls 100 --aht 180s --agents 0 --replications 2 --intervals 4 --json", false)
	var c struct {
		Simulated struct {
			ASASeconds *float64 `json:"asa_seconds"`
		} `json:"simulated"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if c.Simulated.ASASeconds != nil {
		t.Errorf("simulated asa_seconds %v with no agents, want null", *c.Simulated.ASASeconds)
	}
	table, _ := run(t, "--calls 100 --aht 180s --agents 0 --replications 2 --intervals 4", false)
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, "0\tasa_seconds") && !strings.Contains(line, "unstable\tunstable") {
			t.Errorf("table row %q, want unstable", line)
		}
	}
}
