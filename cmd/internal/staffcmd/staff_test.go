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

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/testkit"
	"github.com/peakstaff/peakstaff/plan/staff"
	"github.com/peakstaff/peakstaff/staffing/policy"
	"github.com/peakstaff/peakstaff/staffing/require"
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

// layers builds the flag layers argv should parse to: CHANNEL (or "" for
// every channel), key, value and the flag as given.
func layers(t *testing.T, sets ...[4]string) staff.Layers {
	t.Helper()
	out := staff.Layers{Channels: map[string]policy.Settings{}}
	for _, st := range sets {
		s := out.All
		if st[0] != "" {
			s = out.Channels[st[0]]
		}
		if err := s.Set(st[1], st[2], policy.Source{Flag: st[3]}); err != nil {
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

func TestArgvToOptions(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		argv     []string
		demand   string
		loc      *time.Location
		interval time.Duration
		flags    staff.Layers
	}{
		{[]string{"d.csv"}, "d.csv", nil, 0, layers(t)},
		{[]string{"-", "--tz", "Europe/Berlin", "--interval", "15m", "--shrinkage", "30%", "--shrinkage", "email=40%", "--clear-by-end"}, "-", berlin, 15 * time.Minute,
			layers(t, [4]string{"", "shrinkage", "30%", "--shrinkage 30%"}, [4]string{"email", "shrinkage", "40%", "--shrinkage email=40%"},
				[4]string{"", "clear_by_end", "true", "--clear-by-end"})},
		{[]string{"d.csv", "--kind", "social=live", "--service-level", "phone=90/30s", "--hours", "mon-fri 08:00-18:00", "--closed-dates", "email=2025-12-25,2025-12-26",
			"--min-agents", "1", "--closed", "phone=lost", "--callback-deadline", "4h", "--handle-time", "email=6m"}, "d.csv", nil, 0,
			layers(t, [4]string{"social", "kind", "live", "--kind social=live"}, [4]string{"phone", "service_level", "90/30s", "--service-level phone=90/30s"},
				[4]string{"", "hours", "mon-fri 08:00-18:00", "--hours mon-fri 08:00-18:00"},
				[4]string{"email", "closed_dates", "2025-12-25,2025-12-26", "--closed-dates email=2025-12-25,2025-12-26"},
				[4]string{"phone", "closed", "lost", "--closed phone=lost"}, [4]string{"", "callback_deadline", "4h", "--callback-deadline 4h"},
				[4]string{"email", "handle_time", "6m", "--handle-time email=6m"}, [4]string{"", "min_agents", "1", "--min-agents 1"})},
	}
	for _, tt := range tests {
		opts, err := parse(t, tt.argv)
		if err != nil {
			t.Errorf("%v: %v", tt.argv, err)
			continue
		}
		if opts.Demand != tt.demand || opts.Location.String() != tt.loc.String() || opts.IntervalLength != tt.interval || !reflect.DeepEqual(opts.Flags, tt.flags) {
			t.Errorf("%v:\n got %s %v %v %+v\nwant %s %v %v %+v", tt.argv, opts.Demand, opts.Location, opts.IntervalLength, opts.Flags,
				tt.demand, tt.loc, tt.interval, tt.flags)
		}
	}
}

// Bad flags are usage errors, every one of them in one message.
func TestBadFlags(t *testing.T) {
	tests := []struct {
		argv []string
		msg  string
	}{
		{[]string{"d.csv", "--tz", "Mars/Olympus"}, "--tz Mars/Olympus: expected a time zone such as Europe/Berlin or UTC"},
		{[]string{"d.csv", "--interval", "7s5"}, "--interval 7s5: expected a length such as 15m or 30m, at most 24h"},
		{[]string{"d.csv", "--shrinkage", "130%"}, "--shrinkage 130%: expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%"},
		{[]string{"d.csv", "--shrinkage", "email=1"}, "--shrinkage email=1: expected a share of at least 0% and below 100%, such as 30%"},
		{[]string{"d.csv", "--service-level", "80"}, "--service-level 80: expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds)"},
		{[]string{"d.csv", "--service-level", "phone=100/20s"}, "--service-level phone=100/20s: the share answered must be above 0% and below 100%, such as 80/20s"},
		{[]string{"d.csv", "--kind", "email=tickets"}, "--kind email=tickets: expected live, chat or deferred"},
		{[]string{"d.csv", "--kind", "=live"}, "--kind =live: expected [CHANNEL=]VALUE"},
		{[]string{"d.csv", "--concurrency", "chat=5"}, "--concurrency chat=5: expected 1 to 4 contacts at once"},
		{[]string{"d.csv", "--concurrency", "chat=0"}, "--concurrency chat=0: expected 1 to 4 contacts at once"},
		{[]string{"d.csv", "--deadline", "0"}, "--deadline 0: expected a business-time deadline above 0 and at most 8784h (366 days), such as 24h"},
		{[]string{"d.csv", "--hours", "weekdays 9-5"}, `--hours weekdays 9-5: days "weekdays": want mon, tue, ..., a range such as mon-fri, or daily`},
		{[]string{"d.csv", "--closed-dates", "2025-13-01"}, `--closed-dates 2025-13-01: date "2025-13-01": want YYYY-MM-DD`},
		{[]string{"d.csv", "--closed", "maybe"}, "--closed maybe: expected callback or lost"},
		{[]string{"d.csv", "--callback-deadline", "phone=0s"}, "--callback-deadline phone=0s: expected a business-time deadline above 0 and at most 8784h (366 days), such as 24h"},
		{[]string{"d.csv", "--min-agents", "-1"}, "--min-agents -1: expected a whole number of 0 or more, such as 2"},
		{[]string{"d.csv", "--min-agents", "4.5"}, "--min-agents 4.5: expected a whole number of 0 or more, such as 2"},
		{[]string{"d.csv", "--handle-time", "0"}, "--handle-time 0: expected a handle time above 0 and at most 24h, such as 180s"},
		{[]string{"d.csv", "--block", "25h"}, "--block 25h: expected at most 24h (0: one level per day)"},
		// The old flags name the new ones.
		{[]string{"d.csv", "--target", "phone=80/20s"}, "--target phone=80/20s: --target is now called --service-level"},
		{[]string{"d.csv", "--aht", "180s"}, "--aht 180s: --aht is now called --handle-time"},
		{[]string{"d.csv", "--closed", "email=2025-12-25"}, "--closed email=2025-12-25: closed dates are now given as --closed-dates; --closed takes callback or lost (what becomes of contacts arriving while the channel is closed)"},
		// Every bad flag at once.
		{[]string{"d.csv", "--shrinkage", "2", "--patience", "soon"}, "--patience soon: expected a duration such as 20s, 3m or 24h (a bare number is seconds)\n" +
			"--shrinkage 2: expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv)
		if err == nil || err.Error() != tt.msg || diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%v:\n got %v (exit %d)\nwant %s", tt.argv, err, diag.ExitCode(err), tt.msg)
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
		same = json.Unmarshal([]byte(got), &x) == nil && json.Unmarshal(want, &y) == nil && testkit.ValuesEqual(x, y, 0.00015)
	case ".tsv":
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		same = len(g) == len(w)
		for i := 0; same && i < len(g); i++ {
			gc, wc := strings.Split(g[i], "\t"), strings.Split(w[i], "\t")
			same = len(gc) == len(wc)
			for j := 0; same && j < len(gc); j++ {
				same = testkit.ValuesEqual(cell(gc[j]), cell(wc[j]), 0.015)
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
		if errOut != "note: email: 1.83 items waiting at the end of the horizon, 0 late\n" {
			t.Errorf("stderr %q", errOut)
		}
	}
}

// Figures of the golden output checked against their definitions: the
// channels' agent-hours (their shares of the group's whole agents) add up
// to the "all" rows' agent-hours (the group's whole agents).
func TestOutputConsistent(t *testing.T) {
	out, _, err := run(t, []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath, "--json", "--out", filepath.Join(t.TempDir(), "r.csv")}, false, "")
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	all, shares := 0.0, 0.0
	for _, d := range res.Days {
		if d.Channel == require.AllChannels {
			all += d.AgentHours
		}
	}
	for _, c := range res.Channels {
		shares += c.AgentHours
	}
	if all == 0 || math.Abs(all-shares) > 0.01 {
		t.Errorf("all = %v agent-hours, the channels' shares add to %v", all, shares)
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
	if first[0] != "2025-11-28T07:00:00+01:00" || first[1] != "phone" || first[3] != "20" || first[4] != "180" || first[13] != "" || first[14] != "all" || first[15] == "" {
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
	if _, _, err := run(t, argv, false, ""); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("overwrite without --force: %v", err)
	}
	if _, _, err := run(t, append(argv, "--force"), false, ""); err != nil {
		t.Errorf("--force: %v", err)
	}
	if _, _, err := run(t, []string{demandFile, "--tz", "UTC", "--out", demandFile, "--force"}, false, ""); diag.ExitCode(err) != diag.ExitUsage {
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
		{"bad demand row", []string{"-"}, "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,-1\n", diag.ExitInvalidData,
			`stdin:2:3: contacts: bad value: "-1": want a number of contacts >= 0`},
		{"naive time without --tz", []string{"-"}, "interval,channel,contacts\n2025-11-28 09:00,phone,1\n", diag.ExitInvalidData, "no UTC offset: give the time zone"},
		{"unknown policy key", []string{demand, "--policy", write("p1.yaml", "channels:\n  phone:\n    kind: live\n    sla: 80/20s\n")}, "", diag.ExitInvalidData,
			"p1.yaml:4:5: channels.phone.sla: unknown key; the keys are kind, service_level, asa, max_occupancy, patience, max_abandon, concurrency, deadline, hours, closed_dates, closed, callback_deadline, shrinkage, handle_time, min_agents, block, clear_by_end"},
		{"old policy keys", []string{demand, "--policy", write("p5.yaml", "defaults:\n  aht: 3m\nchannels:\n  phone: {target: 80/20s}\n  email:\n    closed: [2025-12-25]\n")}, "", diag.ExitInvalidData,
			"p5.yaml:2:3: defaults.aht: aht is now called handle_time\n" + dir + "/p5.yaml:4:11: channels.phone.target: target is now called service_level\n" +
				dir + "/p5.yaml:6:13: channels.email.closed: closed dates are now given as closed_dates; closed takes callback or lost (what becomes of contacts arriving while the channel is closed)"},
		{"bad policy value", []string{demand, "--policy", write("p2.yaml", "defaults:\n  shrinkage: 30%\nchannels:\n  email:\n    deadline: soon\n")}, "", diag.ExitInvalidData,
			`p2.yaml:5:15: channels.email.deadline: expected a duration such as 20s, 3m or 24h (a bare number is seconds)`},
		{"abandon without patience in the file", []string{demand, "--policy", write("p3.yaml", "channels:\n  phone:\n    max_abandon: 5%\n")}, "", diag.ExitInvalidData,
			"p3.yaml:3:18: channels.phone.max_abandon: phone needs a patience (the mean time before callers hang up): without one nobody abandons"},
		{"abandon without patience as a flag", []string{demand, "--max-abandon", "phone=5%"}, "", diag.ExitUsage,
			"--max-abandon phone=5%: phone needs a patience (the mean time before callers hang up): without one nobody abandons"},
		{"concurrency for every channel", []string{demand, "--concurrency", "2"}, "", diag.ExitUsage,
			"--concurrency 2: phone is a live channel: only chat handles several contacts at once\n--concurrency 2: email is a deferred channel: only chat handles several contacts at once"},
		{"empty policy", []string{demand, "--policy", write("p4.yaml", "")}, "", diag.ExitInvalidData, "the file is empty"},
		// 9,000 calls in 3 minutes at 40% occupancy: 22,500 agents.
		{"infeasible targets", []string{"-", "--max-occupancy", "40%"}, "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,9000,180\n2025-11-28T09:03:00Z,phone,1,180\n",
			diag.ExitInfeasible, "require: phone interval 0 (2025-11-28T09:00:00Z): no staffing level meets the targets"},
	}
	for _, tt := range tests {
		out, _, err := run(t, tt.argv, false, tt.stdin)
		if diag.ExitCode(err) != tt.code || err == nil || !strings.Contains(err.Error(), tt.errHas) {
			t.Errorf("%s: exit %d, %v\nwant exit %d, %q", tt.name, diag.ExitCode(err), err, tt.code, tt.errHas)
		}
		if out != "" && tt.code != diag.ExitInfeasible {
			t.Errorf("%s: stdout %q", tt.name, out)
		}
	}
}

// Deferred work that arrives after the last opening stays in the ending
// backlog: noted on stderr, the plan printed and written.
func TestEndingBacklog(t *testing.T) {
	in := "interval,channel,contacts,aht_seconds\n" +
		"2025-11-28T16:00:00Z,email,4,600\n2025-11-28T17:00:00Z,email,3,600\n2025-11-28T18:00:00Z,email,2,600\n"
	out := filepath.Join(t.TempDir(), "r.csv")
	stdout, stderr, err := run(t, []string{"-", "--hours", "daily 08:00-18:00", "--deadline", "1h", "--out", out}, false, in)
	if err != nil {
		t.Errorf("exit %d: %v", diag.ExitCode(err), err)
	}
	if !strings.HasPrefix(stdout, "date\tchannel\t") || stderr != "note: email: 2 items waiting at the end of the horizon, 0 late\n" {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("--out not written: %v", err)
	}
}

// Deferred work answered after its deadline is exit code 4, with the plan.
func TestLateIsInfeasible(t *testing.T) {
	plan := require.Plan{Requirements: []require.Requirement{
		{Channel: "phone", Kind: require.KindLive, ClosedContacts: 3, Lost: 1, Callbacks: 2},
		{Channel: "email", Kind: require.KindDeferred, Late: 2.5, EndBacklog: 1},
	}}
	var notes strings.Builder
	err := noteOutcomes(&notes, plan)
	if diag.ExitCode(err) != diag.ExitInfeasible || err.Error() != "deferred work cannot be answered within its deadline: email: 2.5 items" {
		t.Errorf("exit %d: %v", diag.ExitCode(err), err)
	}
	want := "note: phone: 3 contacts arrived while closed: 1 lost, 2 called back after the opening\n" +
		"note: email: 1 items waiting at the end of the horizon, 2.5 late\n"
	if notes.String() != want {
		t.Errorf("notes %q, want %q", notes.String(), want)
	}
}

func TestUnusedChannelWarning(t *testing.T) {
	in := "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,10,180\n2025-11-28T09:30:00Z,phone,10,180\n"
	_, stderr, err := run(t, []string{"-", "--deadline", "emial=8h"}, false, in)
	if err != nil || stderr != "warning: channel \"emial\" has policy settings but no demand\n" {
		t.Errorf("%v, stderr %q", err, stderr)
	}
}

// --agents: the team's skill sets make the staffing groups (phone
// specialists and agents who serve every channel); the groups' paid hours
// add up to the "all" rows', and a channel nobody serves is invalid data.
func TestAgentsMakeGroups(t *testing.T) {
	dir := t.TempDir()
	team := filepath.Join(dir, "agents.csv")
	if err := os.WriteFile(team, []byte("id,skills\nP1,phone\nP2,phone\nB1,phone;chat;email\nB2,phone;chat;email\nB3,phone;chat;email\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath, "--agents", team, "--json"}, false, "")
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) != 2 || res.Groups[0].Group != "phone" || res.Groups[1].Group != "phone+chat+email" {
		t.Fatalf("groups %+v", res.Groups)
	}
	groups, all := 0.0, 0.0
	for _, g := range res.Groups {
		groups += g.ScheduledHours
	}
	for _, d := range res.Days {
		if d.Channel == require.AllChannels {
			all += d.ScheduledHours
		}
	}
	if math.Abs(groups-all) > 0.01 {
		t.Errorf("groups' paid hours %v, the all rows' %v", groups, all)
	}
	only := filepath.Join(dir, "phone.csv")
	if err := os.WriteFile(only, []byte("id,skills\nP1,phone\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, []string{demandFile, "--tz", "Europe/Berlin", "--agents", only}, false, "")
	if code := diag.ExitCode(err); code != 3 || !strings.Contains(err.Error(), "no agent serves chat, email") {
		t.Errorf("a team without chat and email agents: exit %d, %v", code, err)
	}
}
