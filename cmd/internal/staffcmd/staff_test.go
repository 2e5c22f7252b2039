package staffcmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/schedule/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	demandFile = "../../../testdata/staff/demand.csv"
	policyPath = "../../../testdata/staff/policy.yaml"
)

// parse runs the command's flag validation on argv and returns the options
// it would run with.
func parse(t *testing.T, argv []string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdStaff(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return got, err
}

// run executes staffRun on the options argv parses to and returns stdout,
// stderr and the error.
func run(t *testing.T, argv []string, tty bool, stdin string) (string, string, error) {
	t.Helper()
	opts, err := parse(t, argv)
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(argv, " "), err)
	}
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	ios.SetStdoutTTY(tty)
	opts.IO = ios
	err = staffRun(opts)
	return out.String(), errOut.String(), err
}

func TestArgvToOptions(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		argv     []string
		demand   string
		loc      *time.Location
		interval time.Duration
		flags    flagSettings
	}{
		{[]string{"d.csv"}, "d.csv", nil, 0, flagSettings{}},
		{[]string{"-", "--tz", "Europe/Berlin", "--interval", "15m", "--shrinkage", "30%", "--shrinkage", "email=40%", "--clear-by-end"}, "-", berlin, 15 * time.Minute,
			flagSettings{"": {"shrinkage": {"30%", "--shrinkage"}, "clear_by_end": {"true", "--clear-by-end"}}, "email": {"shrinkage": {"40%", "--shrinkage"}}}},
		{[]string{"d.csv", "--kind", "social=live", "--target", "phone=90/30s", "--hours", "mon-fri 08:00-18:00", "--closed", "email=2025-12-25,2025-12-26", "--min-agents", "1"}, "d.csv", nil, 0,
			flagSettings{"social": {"kind": {"live", "--kind"}}, "phone": {"target": {"90/30s", "--target"}},
				"": {"hours": {"mon-fri 08:00-18:00", "--hours"}, "min_agents": {"1", "--min-agents"}}, "email": {"closed": {"2025-12-25,2025-12-26", "--closed"}}}},
	}
	for _, tt := range tests {
		opts, err := parse(t, tt.argv)
		if err != nil {
			t.Errorf("%v: %v", tt.argv, err)
			continue
		}
		if opts.Demand != tt.demand || opts.Location.String() != tt.loc.String() || opts.IntervalLength != tt.interval || !reflect.DeepEqual(opts.Flags, tt.flags) {
			t.Errorf("%v:\n got %s %v %v %v\nwant %s %v %v %v", tt.argv, opts.Demand, opts.Location, opts.IntervalLength, opts.Flags,
				tt.demand, tt.loc, tt.interval, tt.flags)
		}
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		argv []string
		msg  string
	}{
		{[]string{"d.csv", "--tz", "Mars/Olympus"}, "--tz Mars/Olympus: expected a time zone such as Europe/Berlin or UTC"},
		{[]string{"d.csv", "--interval", "7s5"}, "--interval 7s5: expected a length such as 15m or 30m, at most 24h"},
		{[]string{"d.csv", "--shrinkage", "130%"}, "--shrinkage 130%: expected a fraction between 0 and 1 such as 0.85, or a percentage such as 85%"},
		{[]string{"d.csv", "--shrinkage", "email=1"}, "--shrinkage email=1: expected a fraction below 1 such as 0.3 or 30%"},
		{[]string{"d.csv", "--target", "80"}, "--target 80: expected PERCENT/TIME such as 80/20s"},
		{[]string{"d.csv", "--kind", "email=tickets"}, "--kind email=tickets: expected live, chat or deferred"},
		{[]string{"d.csv", "--kind", "=live"}, "--kind =live: expected [CHANNEL=]VALUE"},
		{[]string{"d.csv", "--concurrency", "chat=5"}, "--concurrency chat=5: expected 1 to 4 contacts at once"},
		{[]string{"d.csv", "--deadline", "0"}, "--deadline 0: expected a duration > 0 such as 30s, 5m or 24h"},
		{[]string{"d.csv", "--hours", "weekdays 9-5"}, `--hours weekdays 9-5: days "weekdays": want mon, tue, ..., a range such as mon-fri, or daily`},
		{[]string{"d.csv", "--closed", "2025-13-01"}, `--closed 2025-13-01: date "2025-13-01": want YYYY-MM-DD`},
		{[]string{"d.csv", "--min-agents", "-1"}, "--min-agents -1: expected a whole number of agents, 0 to 20000"},
		{[]string{"d.csv", "--block", "25h"}, "--block 25h: expected at most 24h (0: one level per day)"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv)
		if err == nil || err.Error() != tt.msg || cmdutil.ExitCode(err) != cmdutil.ExitUsage {
			t.Errorf("%v:\n got %v (exit %d)\nwant %s", tt.argv, err, cmdutil.ExitCode(err), tt.msg)
		}
	}
	if _, err := parse(t, []string{}); err == nil {
		t.Error("no demand file: accepted")
	}
}

// golden compares output with testdata/name: TSV cell by cell (numbers
// within 0.015: printed to 2 decimals) and JSON value by value (within
// 0.00015: 4 decimals), since the last digit may differ across platforms;
// a terminal table byte for byte.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var same bool
	switch filepath.Ext(name) {
	case ".json":
		var x, y any
		same = json.Unmarshal([]byte(got), &x) == nil && json.Unmarshal(want, &y) == nil && valuesEqual(x, y, 0.00015)
	case ".tsv":
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		same = len(g) == len(w)
		for i := 0; same && i < len(g); i++ {
			gc, wc := strings.Split(g[i], "\t"), strings.Split(w[i], "\t")
			same = len(gc) == len(wc)
			for j := 0; same && j < len(gc); j++ {
				same = valuesEqual(cell(gc[j]), cell(wc[j]), 0.015)
			}
		}
	default:
		same = got == string(want)
	}
	if !same {
		t.Errorf("%s differs (go test -update rewrites it):\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

// cell is a TSV field as a number when it is one.
func cell(s string) any {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return x
	}
	return s
}

func valuesEqual(x, y any, tol float64) bool {
	switch x := x.(type) {
	case float64:
		y, ok := y.(float64)
		return ok && math.Abs(x-y) <= tol
	case []any:
		y, ok := y.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !valuesEqual(x[i], y[i], tol) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := y.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if !valuesEqual(v, y[k], tol) {
				return false
			}
		}
		return true
	}
	return x == y
}

// The example demand and policy, locked by golden files: TSV when piped,
// a table on a terminal, JSON.
func TestOutputGolden(t *testing.T) {
	base := []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath}
	for _, tt := range []struct {
		name  string
		extra []string
		tty   bool
	}{
		{"staff.tsv", nil, false},
		{"staff.txt", nil, true},
		{"staff.json", []string{"--json"}, false},
	} {
		out, errOut, err := run(t, append(append([]string{}, base...), tt.extra...), tt.tty, "")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, tt.name, out)
		if errOut != "note: email: 57.25 items waiting at the end of the horizon, 0 late\n" {
			t.Errorf("stderr %q", errOut)
		}
	}
}

// Figures of the golden output checked against their definitions: the
// "all" rows add up the channels, agent-hours are agents × 0.5 h, averages
// are agent-hours over staffed hours.
func TestOutputConsistent(t *testing.T) {
	out, _, err := run(t, []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath, "--json", "--out", filepath.Join(t.TempDir(), "r.csv")}, false, "")
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	sum := map[string]float64{}
	for _, d := range res.Days {
		if d.Channel != require.AllChannels {
			sum[d.Date] += d.AgentHours
			continue
		}
		if math.Abs(sum[d.Date]-d.AgentHours) > 1e-9 {
			t.Errorf("%s: all = %v agent-hours, channels add to %v", d.Date, d.AgentHours, sum[d.Date])
		}
	}
	if len(res.Channels) != 3 || res.Channels[2].Late == nil || *res.Channels[2].Late != 0 || res.Channels[0].Late != nil {
		t.Errorf("channels %+v", res.Channels)
	}
}

// --out is read back cell by cell against the plan.
func TestOutFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "requirements.csv")
	argv := []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath, "--out", out}
	if _, _, err := run(t, argv, false, ""); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], require.RequirementColumns) {
		t.Fatalf("header %v", rows[0])
	}
	// Fri 07:00 to Sat 20:30 in half hours: 76 intervals × 3 channels.
	if len(rows) != 1+76*3 {
		t.Errorf("%d rows", len(rows))
	}
	first := rows[1]
	if first[0] != "2025-11-28T07:00:00+01:00" || first[1] != "phone" || first[3] != "20" || first[4] != "180" || first[12] == "" || first[13] != "" {
		t.Errorf("first row %v", first)
	}
	// Night intervals: no phone contacts, outside opening hours: 0 agents.
	for _, r := range rows[1:] {
		if r[0] == "2025-11-29T03:00:00+01:00" && r[1] == "phone" && (r[3] != "0" || r[5] != "0") {
			t.Errorf("night row %v", r)
		}
		if r[1] == "email" && (r[8] != "" || r[13] == "") {
			t.Errorf("email row %v", r)
		}
	}
	// A second run refuses to overwrite; --force does; an input is never an output.
	if _, _, err := run(t, argv, false, ""); cmdutil.ExitCode(err) != cmdutil.ExitUsage {
		t.Errorf("overwrite without --force: %v", err)
	}
	if _, _, err := run(t, append(argv, "--force"), false, ""); err != nil {
		t.Errorf("--force: %v", err)
	}
	if _, _, err := run(t, []string{demandFile, "--tz", "UTC", "--out", demandFile, "--force"}, false, ""); cmdutil.ExitCode(err) != cmdutil.ExitUsage {
		t.Errorf("--out the demand file: %v", err)
	}
}

func TestDataErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	demand := write("d.csv", "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,100,180\n2025-11-28T09:30:00Z,email,10,360\n2025-11-28T10:00:00Z,email,0,360\n2025-11-28T10:30:00Z,phone,5,180\n")
	tests := []struct {
		name   string
		argv   []string
		stdin  string
		code   int
		errHas string
	}{
		{"bad demand row", []string{"-"}, "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,-1\n", cmdutil.ExitInvalidData,
			`stdin:2:28: contacts: bad value: "-1": want a number of contacts >= 0`},
		{"naive time without --tz", []string{"-"}, "interval,channel,contacts\n2025-11-28 09:00,phone,1\n", cmdutil.ExitInvalidData, "no UTC offset: give the time zone"},
		{"unknown policy key", []string{demand, "--policy", write("p1.yaml", "channels:\n  phone:\n    kind: live\n    sla: 80/20s\n")}, "", cmdutil.ExitInvalidData,
			"p1.yaml:4: invalid input data: invalid policy file: field sla not found (see peakstaff staff --help)"},
		{"bad policy value", []string{demand, "--policy", write("p2.yaml", "defaults:\n  shrinkage: 30%\nchannels:\n  email:\n    deadline: soon\n")}, "", cmdutil.ExitInvalidData,
			`p2.yaml:5: invalid input data: invalid policy file: deadline "soon": expected a duration such as 20s, 3m or 24h (a bare number is seconds)`},
		{"abandon without patience in the file", []string{demand, "--policy", write("p3.yaml", "channels:\n  phone:\n    max_abandon: 5%\n")}, "", cmdutil.ExitInvalidData,
			"p3.yaml:3: invalid input data: invalid policy file: max_abandon needs a patience: without one nobody abandons"},
		{"abandon without patience as a flag", []string{demand, "--max-abandon", "phone=5%"}, "", cmdutil.ExitUsage,
			"--max-abandon: max_abandon needs a patience: without one nobody abandons"},
		{"empty policy", []string{demand, "--policy", write("p4.yaml", "")}, "", cmdutil.ExitInvalidData, "the file is empty"},
		// 9,000 calls in 3 minutes at 40% occupancy: 22,500 agents.
		{"infeasible targets", []string{"-", "--max-occupancy", "40%"}, "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,9000,180\n2025-11-28T09:03:00Z,phone,1,180\n",
			cmdutil.ExitInfeasible, "require: phone interval 0 (2025-11-28T09:00:00Z): no staffing level meets the targets"},
	}
	for _, tt := range tests {
		out, _, err := run(t, tt.argv, false, tt.stdin)
		if cmdutil.ExitCode(err) != tt.code || err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: exit %d, %v\nwant exit %d, %q", tt.name, cmdutil.ExitCode(err), err, tt.code, tt.errHas)
		}
		if out != "" && tt.code != cmdutil.ExitInfeasible {
			t.Errorf("%s: stdout %q", tt.name, out)
		}
	}
}

// Deferred work that cannot be on time: the plan is printed and written,
// the exit code is 4.
func TestInfeasibleDeferred(t *testing.T) {
	in := "interval,channel,contacts,aht_seconds\n" +
		"2025-11-28T16:00:00Z,email,4,600\n2025-11-28T17:00:00Z,email,3,600\n2025-11-28T18:00:00Z,email,2,600\n"
	out := filepath.Join(t.TempDir(), "r.csv")
	stdout, stderr, err := run(t, []string{"-", "--hours", "daily 08:00-18:00", "--clear-by-end", "--out", out}, false, in)
	if cmdutil.ExitCode(err) != cmdutil.ExitInfeasible || !strings.Contains(err.Error(), "2 items arriving from 2025-11-28T18:00:00Z cannot be handled") {
		t.Errorf("exit %d: %v", cmdutil.ExitCode(err), err)
	}
	if !strings.HasPrefix(stdout, "date\tchannel\t") || !strings.Contains(stderr, "note: email: 2 items waiting at the end of the horizon, 2 late") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("--out not written: %v", err)
	}
}

func TestUnusedChannelWarning(t *testing.T) {
	in := "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,10,180\n2025-11-28T09:30:00Z,phone,10,180\n"
	_, stderr, err := run(t, []string{"-", "--deadline", "emial=8h"}, false, in)
	if err != nil || stderr != "warning: channel \"emial\" has policy settings but no demand\n" {
		t.Errorf("%v, stderr %q", err, stderr)
	}
}

// Precedence: file defaults < flags for all < the file's channel < flags
// for that channel.
func TestPolicyPrecedence(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.yaml")
	os.WriteFile(p, []byte("defaults: {shrinkage: 10%, min_agents: 1}\nchannels:\n  email: {shrinkage: 30%, deadline: 4h}\n"), 0o644)
	opts, err := parse(t, []string{"x.csv", "--shrinkage", "20%", "--shrinkage", "phone=25%", "--deadline", "email=2h", "--min-agents", "3"})
	if err != nil {
		t.Fatal(err)
	}
	ps := policySources{flags: opts.Flags}
	if err := ps.load(p); err != nil {
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
		{"phone", 0.25, 24 * time.Hour, 3, require.KindLive},
		{"chat", 0.2, 24 * time.Hour, 3, require.KindChat},
	} {
		pol, err := ps.policy(tt.channel)
		if err != nil || pol.Shrinkage != tt.shrinkage || pol.Deadline != tt.deadline || pol.MinAgents != tt.min || pol.Kind != tt.kind {
			t.Errorf("%s: %+v, %v", tt.channel, pol, err)
		}
	}
}
