package schedulecmd

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // --tz in tests must not depend on the machine's zoneinfo

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
)

// The team and rules are the repository's examples (testdata/roster). The
// requirement testdata/agents_req.csv was written by
// require.WriteRequirementsCSV for voice (Erlang A), chat (2 at a time)
// and email (4h deadline) on 2025-11-10 and 11 at 15 minutes, +08:00;
// agents_curve.csv is its agents_fractional summed per interval, as
// start,required.
const (
	teamAgents = "../../../testdata/roster/agents.csv"
	teamRules  = "../../../testdata/roster/rules.yaml"
	staffReq   = "testdata/agents_req.csv"
	curveReq   = "testdata/agents_curve.csv"
	fewAgents  = "testdata/agents_few.csv"
	// busyReq is agents_curve.csv with 30% more required, rounded up: the
	// team covers it, but not with its first roster, so that a search
	// cut short leaves gaps it could close.
	busyReq = "testdata/agents_busy.csv"
)

// agentBudget bounds the search by moves, so that the roster is the same
// on any machine (the time limit is far away).
const agentBudget = 30_000

func TestAgentArgvToOptions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "roster.csv")
	tests := []struct {
		argv string
		want Options
	}{
		{"--requirements r.csv --agents a.csv --rules rules.yaml",
			Options{Requirements: "r.csv", Agents: "a.csv", Rules: "rules.yaml", Seed: 1, Mode: ModeAgents}},
		{"--rules rules.yaml --agents a.csv --requirements r.csv --tz Asia/Shanghai --time-limit 30s --seed 9 --json --force --out " + out,
			Options{Requirements: "r.csv", Agents: "a.csv", Rules: "rules.yaml", TZ: "Asia/Shanghai", TimeLimit: 30 * time.Second, Seed: 9,
				JSON: true, Force: true, Out: out, Mode: ModeAgents}},
	}
	for _, tt := range tests {
		got, err := parse(t, tt.argv)
		if err != nil {
			t.Errorf("%s: %v", tt.argv, err)
			continue
		}
		got.IO, got.ctx = nil, nil // the context is the command's, not a flag
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.argv, *got, tt.want)
		}
	}
}

func TestAgentBadFlags(t *testing.T) {
	existing := filepath.Join(t.TempDir(), "roster.csv")
	os.WriteFile(existing, []byte("x"), 0o644)
	tests := []struct{ argv, msg string }{
		{"--requirements r.csv --agents a.csv", "--rules: expected the rules YAML with --agents"},
		{"--requirements r.csv --rules rules.yaml", "--agents: expected the agents CSV with --rules"},
		{"--agents a.csv --rules rules.yaml", "--requirements: expected the requirement CSV (of peakstaff staff/plan, or start,required)"},
		{"--requirements r.csv --shifts s.yaml --agents a.csv --rules rules.yaml",
			"--shifts and --agents: choose requirements-file mode (--shifts) or named agents (--agents, --rules)"},
		{"--requirements r.csv --agents a.csv --rules rules.yaml --tz Mars/Olympus", "--tz Mars/Olympus: expected a time zone such as Europe/Berlin or UTC"},
		{"--requirements r.csv --shifts s.yaml --tz UTC", "--tz: only with --agents and --rules (requirements-file mode reads wall-clock times)"},
		{"--requirements r.csv --agents a.csv --rules rules.yaml --out a.csv", "output a.csv is also an input; choose another path"},
		{"--requirements r.csv --agents a.csv --rules rules.yaml --out " + existing, "output " + existing + " already exists; use --force to overwrite it"},
		{"--requirements r.csv --agents a.csv --rules rules.yaml --time-limit -1s", "--time-limit -1s: expected a duration > 0 such as 10s"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv)
		var ue *diag.UsageError
		if !errors.As(err, &ue) || err.Error() != tt.msg {
			t.Errorf("%s: error %v, want usage error %q", tt.argv, err, tt.msg)
		}
	}
}

// runAgents runs named-agent mode in process.
func runAgents(t *testing.T, req, agents string, tty, asJSON bool, out, tz string) (string, string, error) {
	t.Helper()
	ios, _, stdout, stderr := iostreams.Test()
	ios.SetStdoutTTY(tty)
	opts := &Options{IO: ios, Requirements: req, Agents: agents, Rules: teamRules, TZ: tz, TimeLimit: time.Minute, Seed: 1,
		JSON: asJSON, Out: out, Mode: ModeAgents, MaxEvaluations: agentBudget}
	err := run(opts)
	return stdout.String(), stderr.String(), err
}

const fromGapWarning = "warning: ../../../testdata/roster/rules.yaml: reserve.from_gap needs an upper (P90) requirement, which testdata/agents_req.csv does not have: the reserve is reserve.agents (1) per block\n"

// TestAgentOutput locks the whole output on a terminal and piped, and the
// JSON (numbers within 1e-6).
func TestAgentOutput(t *testing.T) {
	for _, tt := range []struct {
		name      string
		tty, json bool
	}{{"roster_tty.golden", true, false}, {"roster_tsv.golden", false, false}, {"roster_json.golden", false, true}} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := runAgents(t, staffReq, teamAgents, tt.tty, tt.json, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if stderr != fromGapWarning {
				t.Errorf("stderr %q", stderr)
			}
			if tt.json {
				goldenJSON(t, tt.name, stdout)
			} else {
				golden(t, tt.name, stdout)
			}
		})
	}
}

// goldenJSON compares JSON with the golden file, numbers within a
// tolerance (float sums may differ in the last bits across platforms).
func goldenJSON(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	maskSeconds(g)
	maskSeconds(w)
	if diff := jsonDiff("", g, w, 1e-6); diff != "" {
		t.Errorf("%s differs: %s", name, diff)
	}
}

// maskSeconds zeroes every "seconds" field (the search's wall time,
// which no two runs share) in decoded JSON.
func maskSeconds(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "seconds" {
				x[k] = 0.0
			} else {
				maskSeconds(e)
			}
		}
	case []any:
		for _, e := range x {
			maskSeconds(e)
		}
	}
}

// jsonDiff is the first difference between two decoded JSON values.
func jsonDiff(at string, got, want any, tol float64) string {
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > tol*max(1, math.Abs(w)) {
			return fmt.Sprintf("%s = %v, want %v", at, got, w)
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s = %v, want %v", at, got, w)
		}
		for k := range w {
			if d := jsonDiff(at+"."+k, g[k], w[k], tol); d != "" {
				return d
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: %d items, want %d", at, len(g), len(w))
		}
		for i := range w {
			if d := jsonDiff(fmt.Sprintf("%s[%d]", at, i), g[i], w[i], tol); d != "" {
				return d
			}
		}
	default:
		if !reflect.DeepEqual(got, want) {
			return fmt.Sprintf("%s = %v, want %v", at, got, w)
		}
	}
	return ""
}

// readStaffAgents reads the agents column of a requirements CSV on its
// own: skill -> interval start -> agents.
func readStaffAgents(t *testing.T, path string) map[string]map[time.Time]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[time.Time]int{}
	for _, r := range rows[1:] {
		ts, _ := time.Parse(time.RFC3339, r[0])
		n, _ := strconv.Atoi(r[5])
		if out[r[1]] == nil {
			out[r[1]] = map[time.Time]int{}
		}
		out[r[1]][ts.UTC()] = n
	}
	return out
}

// TestAgentJSONRecomputes rebuilds the coverage from the JSON roster
// alone (every shift's blocks less its breaks, per skill and 15 minutes)
// and checks it against the requirement file read independently: the
// shortage, the excess and the unmet intervals the report gives, every
// agent working only skills they have, and reserve agents off shift.
func TestAgentJSONRecomputes(t *testing.T) {
	stdout, _, err := runAgents(t, staffReq, teamAgents, false, true, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var r AgentReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	req := readStaffAgents(t, staffReq)
	skills := map[string][]string{}
	f, _ := os.Open(teamAgents)
	rows, _ := csv.NewReader(f).ReadAll()
	f.Close()
	for _, row := range rows[1:] {
		skills[row[0]] = strings.Split(row[3], ";")
	}
	parse := func(s string) time.Time {
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return ts.UTC()
	}
	const step = 15 * time.Minute
	onDuty := map[string]map[time.Time]int{}
	onShift := map[string][][2]time.Time{}
	shifts := 0
	for _, a := range r.Agents {
		for _, sh := range a.Shifts {
			shifts++
			if !strings.Contains(";"+strings.Join(skills[a.ID], ";")+";", ";"+sh.Skill+";") {
				t.Errorf("%s works %s without the skill", a.ID, sh.Skill)
			}
			blocks := sh.Blocks
			if len(blocks) == 0 {
				blocks = []SpanEntry{{sh.Start, sh.End}}
			}
			if onDuty[sh.Skill] == nil {
				onDuty[sh.Skill] = map[time.Time]int{}
			}
			for _, b := range blocks {
				onShift[a.ID] = append(onShift[a.ID], [2]time.Time{parse(b.Start), parse(b.End)})
				for ts := parse(b.Start); ts.Before(parse(b.End)); ts = ts.Add(step) {
					onDuty[sh.Skill][ts]++
				}
			}
			for _, br := range sh.Breaks {
				for ts := parse(br.Start); ts.Before(parse(br.End)); ts = ts.Add(step) {
					onDuty[sh.Skill][ts]--
				}
			}
		}
	}
	short, excess, unmet := 0.0, 0.0, 0
	for skill, byTime := range req {
		for ts, need := range byTime {
			d := onDuty[skill][ts] - need
			if d < 0 {
				short += float64(-d) * 15
				unmet++
			} else {
				excess += float64(d) * 15
			}
		}
	}
	if short != r.ShortageMinutes || excess != r.ExcessMinutes || unmet != len(r.UnmetIntervals) || shifts != r.Shifts {
		t.Errorf("recomputed shortage %v, excess %v, %d unmet, %d shifts; report %v, %v, %d, %d",
			short, excess, unmet, shifts, r.ShortageMinutes, r.ExcessMinutes, len(r.UnmetIntervals), r.Shifts)
	}
	if len(r.Reserve) == 0 {
		t.Error("no reserve on call")
	}
	for _, d := range r.Reserve {
		s, e := parse(d.Start), parse(d.End)
		for _, sp := range onShift[d.ID] {
			if sp[0].Before(e) && s.Before(sp[1]) {
				t.Errorf("%s on call %s-%s while on shift %v-%v", d.ID, d.Start, d.End, sp[0], sp[1])
			}
		}
	}
	if len(r.Agents) != len(rows)-1 || len(r.Violations) != 0 || r.LowerBoundHours == nil || *r.LowerBoundHours > r.StaffedHours {
		t.Errorf("%d agents, violations %v, bound %v, staffed %v", len(r.Agents), r.Violations, r.LowerBoundHours, r.StaffedHours)
	}
}

// TestAgentRepeatable: the same seed and budget give the same roster.
func TestAgentRepeatable(t *testing.T) {
	a, _, err1 := runAgents(t, staffReq, teamAgents, false, false, "", "")
	b, _, err2 := runAgents(t, staffReq, teamAgents, false, false, "", "")
	if err1 != nil || err2 != nil || a != b {
		t.Errorf("two runs differ (errors %v, %v)", err1, err2)
	}
}

// TestAgentOutCSV writes --out and reads it back: the golden file, the
// layout of plan's roster.csv (report.WriteRoster), and one row per shift
// block and reserve duty of the JSON.
func TestAgentOutCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.csv")
	stdout, _, err := runAgents(t, staffReq, teamAgents, false, true, path, "")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "roster_out.golden", string(data))
	var r AgentReport
	json.Unmarshal([]byte(stdout), &r)
	rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Agent ID", "Name", "Tier", "Team", "Date", "Start", "End", "Hours", "Breaks", "Lead", "Reserve"}
	if !reflect.DeepEqual(rows[0], want) || len(rows)-1 != rosterLines(r) {
		t.Errorf("header %v, %d rows for %d shift blocks and reserve duties", rows[0], len(rows)-1, rosterLines(r))
	}
}

// TestAgentCurve: start,required is one skill "all" that every agent
// works (no agent lists it), fractions rounded up; --tz places the
// wall-clock times.
func TestAgentCurve(t *testing.T) {
	stdout, stderr, err := runAgents(t, curveReq, teamAgents, false, true, "", "Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "reserve.from_gap") {
		t.Errorf("stderr %q", stderr)
	}
	var r AgentReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	workers := 0
	for _, a := range r.Agents {
		if len(a.Shifts) > 0 {
			workers++
		}
		for _, sh := range a.Shifts {
			if sh.Skill != rosterio.CurveSkill || !strings.HasSuffix(sh.Start, "+08:00") {
				t.Errorf("%s: shift %+v", a.ID, sh)
			}
		}
	}
	if workers < 10 || r.Shifts == 0 {
		t.Errorf("%d agents work %d shifts", workers, r.Shifts)
	}
	in, err := loadTeam(curveReq, teamAgents, teamRules, time.UTC, dates.OrderUnknown)
	if err != nil {
		t.Fatal(err)
	}
	sd := in.Model.Demand.Skills[0]
	// 2025-11-10 08:00 needs 3.61 agents: 4; the horizon is two days.
	if in.Format != rosterio.FormatCurve || sd.Skill != "all" || len(sd.Required) != 2*96 || sd.Required[32] != 4 || in.Model.Demand.Start.Location() != time.UTC {
		t.Errorf("demand %s %s %d intervals, 08:00 %d", in.Format, sd.Skill, len(sd.Required), sd.Required[32])
	}
}

// TestAgentUndecided: a search the time limit ends before it converges
// with gaps no bound proves says so, and exits 5, not 4; the same team
// with the default limit covers the requirement and exits 0.
func TestAgentUndecided(t *testing.T) {
	for _, tt := range []struct {
		limit   time.Duration
		code    int
		verdict string
		stop    string
		stderr  string
	}{
		{time.Nanosecond, diag.ExitUndecided, "undecided", "time_limit", "note: the time limit (1ns) ended the search after 0 of its 200000 moves, before it converged: 3.25 agent-hours short; not proven: a longer --time-limit may close the gaps\n"},
		{0, diag.ExitOK, "covered", "converged", ""},
	} {
		ios, _, stdout, stderr := iostreams.Test()
		err := run(&Options{IO: ios, Requirements: busyReq, Agents: teamAgents, Rules: teamRules, TimeLimit: tt.limit, Seed: 1, JSON: true, Mode: ModeAgents})
		if code := diag.ExitCode(err); code != tt.code || (tt.code == diag.ExitUndecided) != errors.Is(err, solve.ErrUndecided) || errors.Is(err, solve.ErrInfeasible) {
			t.Errorf("limit %v: exit %d (%v), want %d", tt.limit, code, err, tt.code)
		}
		var r AgentReport
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if r.Search.Verdict != tt.verdict || r.Search.StoppedBy != tt.stop || r.Search.Converged != (tt.stop == "converged") ||
			r.Search.ProvenShortfallHours != 0 || len(r.Search.Trend) == 0 {
			t.Errorf("limit %v: search %+v, want %s, %s", tt.limit, r.Search, tt.verdict, tt.stop)
		}
		if got := strings.TrimPrefix(stderr.String(), "warning: "+teamRules); !strings.HasSuffix(got, tt.stderr) || (tt.stderr == "" && strings.Contains(got, "note:")) {
			t.Errorf("limit %v: stderr %q, want it to end with %q", tt.limit, stderr, tt.stderr)
		}
	}
}

// TestAgentInfeasible: four agents cannot cover two days; the roster is
// still printed and written, the unmet intervals listed, the extra agents
// estimated on stderr, and the error maps to exit code 4.
func TestAgentInfeasible(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.csv")
	stdout, stderr, err := runAgents(t, staffReq, fewAgents, false, true, path, "")
	if diag.ExitCode(err) != diag.ExitInfeasible || !errors.Is(err, solve.ErrInfeasible) {
		t.Fatalf("error %v, want exit 4", err)
	}
	var r AgentReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.UnmetIntervals) == 0 || r.Shifts == 0 || r.ShortageMinutes <= 0 {
		t.Errorf("unmet %d, shifts %d, shortage %v", len(r.UnmetIntervals), r.Shifts, r.ShortageMinutes)
	}
	u := r.UnmetIntervals[0]
	if u.Shortfall != u.Required-u.OnDuty || u.Shortfall <= 0 {
		t.Errorf("unmet interval %+v", u)
	}
	if !strings.Contains(stderr, "note: to close the gap, about ") || !strings.Contains(stderr, "more regular agents for ") {
		t.Errorf("stderr %q", stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("--out not written: %v", err)
	}
	if n := strings.Count(string(data), "\n") - 1; n != rosterLines(r) {
		t.Errorf("--out has %d rows, want %d", n, rosterLines(r))
	}
	// On a terminal the shortfall is in the day table and the last line.
	tty, _, _ := runAgents(t, staffReq, fewAgents, true, false, "", "")
	if !strings.Contains(tty, "interval-skill pairs short by") {
		t.Errorf("terminal output:\n%s", tty)
	}
}

// TestAgentBadFiles: every problem in an input file is reported with its
// position and maps to exit code 3, with nothing on stdout.
func TestAgentBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	rules, err := os.ReadFile(teamRules)
	if err != nil {
		t.Fatal(err)
	}
	// Berlin leaves summer time at 03:00 on 2025-10-26: 02:00-03:00 comes twice.
	var dst strings.Builder
	dst.WriteString("start,required\n")
	for h := range 48 {
		fmt.Fprintf(&dst, "2025-10-%02d %02d:00,1\n", 25+h/24, h%24)
	}
	tests := []struct {
		name, req, agents, rules, tz, msg string
	}{
		{"req header", write("h.csv", "time,agents\n2025-11-10 00:00,1\n"), teamAgents, teamRules, "",
			`h.csv:1: header "time,agents": want the requirements of peakstaff staff or plan (interval,channel,skill,...,agents,...) or start,required`},
		{"req agents", write("a.csv", "interval,channel,agents\n2025-11-10T00:00:00+08:00,voice,1\n2025-11-10T00:15:00+08:00,voice,many\n"), teamAgents, teamRules, "",
			`a.csv:3:3: agents: bad value: "many": want a whole number of agents >= 0`},
		{"req hole", write("g.csv", "interval,channel,agents\n2025-11-10T00:00:00+08:00,voice,1\n2025-11-10T00:15:00+08:00,voice,1\n2025-11-10T01:00:00+08:00,voice,1\n"), teamAgents, teamRules, "",
			"g.csv:4:1: interval: start off the interval grid: voice: 2025-11-10T01:00:00+08:00 follows 2025-11-10T00:15:00+08:00; every interval of a series must be listed (2025-11-10T00:30:00+08:00 is missing)"},
		{"req off midnight grid", write("m.csv", "interval,channel,agents\n2025-11-10T00:10:00+08:00,voice,1\n2025-11-10T00:25:00+08:00,voice,1\n"), teamAgents, teamRules, "",
			"m.csv: interval: the first interval starts at 00:10, not on the 15m grid from midnight"},
		{"curve value", write("c.csv", "start,required\n2025-11-10 00:00,1\n2025-11-10 00:15,x\n"), teamAgents, teamRules, "",
			`c.csv:3:2: required: "x": want a number of agents in [0, 1e7]`},
		{"curve daylight saving", write("d.csv", dst.String()), teamAgents, teamRules, "Europe/Berlin",
			"d.csv:29:1: start: 2025-10-26 03:00: Europe/Berlin changes its UTC offset here, and rows of wall-clock time then no longer follow each other by 1h; give the curve in a zone without the change (--tz UTC) or use the requirements CSV of peakstaff staff, whose times carry their offset"},
		{"agents tier", staffReq, write("t.csv", "id,tier\nV01,veteran\nX,boss\n"), teamRules, "",
			`t.csv:3:3: tier: "boss": want veteran, regular, new, all-hands or outsourced`},
		{"rules key", staffReq, teamAgents, write("k.yaml", "preset: eu\ncolour: red\n"), "",
			"k.yaml:2:1: colour: unknown key"},
		{"rules off the grid", write("hourly.csv", "start,required\n2025-11-10 00:00,1\n2025-11-10 01:00,1\n"), teamAgents, teamRules, "",
			"rules.yaml:27:5: templates[0].step: 30m: want a positive multiple of the 1h interval"},
		{"rules leads without leaders", staffReq, write("n.csv", "id,tier,skills\nR01,regular,voice\n"), write("l.yaml", string(rules)), "",
			"l.yaml:63:3: leads.per_agents: a lead per 8 agents is required, but no agent can lead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			err := run(&Options{IO: ios, Requirements: tt.req, Agents: tt.agents, Rules: tt.rules, TZ: tt.tz, TimeLimit: time.Second, Mode: ModeAgents})
			if err == nil {
				t.Fatal("no error")
			}
			msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			msg = strings.ReplaceAll(msg, "../../../testdata/roster/", "")
			if !strings.HasPrefix(msg, tt.msg) {
				t.Errorf("error\n %q\nwant it to start with\n %q", msg, tt.msg)
			}
			if diag.ExitCode(err) != diag.ExitInvalidData {
				t.Errorf("exit code %d, want 3", diag.ExitCode(err))
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q", stdout)
			}
		})
	}
}

// FuzzAgentRequirement: whatever the requirement file holds, loading it
// with the example team either works or fails with an input error (exit
// code 3), never a panic.
func FuzzAgentRequirement(f *testing.F) {
	f.Add("start,required\n2025-11-10 00:00,1\n2025-11-10 00:15,2.5\n")
	f.Add("interval,channel,skill,agents\n2025-11-10T09:00:00+08:00,voice,,2\n2025-11-10T09:15:00+08:00,voice,,3\n2025-11-10T09:15:00+08:00,chat,vip,1\n")
	f.Add("interval,channel,agents\n2025-11-10T23:45:00-11:00,chat,1\n2025-11-11T00:00:00-11:00,chat,1\n")
	f.Add("interval,channel,agents,required\n")
	dir := f.TempDir()
	path := filepath.Join(dir, "req.csv")
	f.Fuzz(func(t *testing.T, in string) {
		if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := loadTeam(path, teamAgents, teamRules, nil, dates.OrderUnknown)
		if err != nil && diag.ExitCode(err) != diag.ExitInvalidData {
			t.Fatalf("error %v maps to exit %d", err, diag.ExitCode(err))
		}
	})
}

// BenchmarkAgentMode is the whole named-agent run on the example team
// (22 agents, 2 days of 15 minutes, 3 skills) with the solver's default
// move budget: read, solve, evaluate and the JSON report.
func BenchmarkAgentMode(b *testing.B) {
	opts := &Options{TimeLimit: time.Minute, Seed: 1}
	shifts := 0
	for b.Loop() {
		in, err := loadTeam(staffReq, teamAgents, teamRules, nil, dates.OrderUnknown)
		if err != nil {
			b.Fatal(err)
		}
		sol, err := SolveAgents(context.Background(), in, opts, nil)
		if err != nil {
			b.Fatal(err)
		}
		shifts += sol.Report().Shifts
	}
	b.ReportMetric(float64(shifts)/b.Elapsed().Seconds(), "shifts/s")
}

// Every problem of the model is reported at once, each at its line: an
// hourly requirement puts every 30-minute template step of the example
// rules off the grid.
func TestAgentInputsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join(dir, "hourly.csv")
	if err := os.WriteFile(req, []byte("start,required\n2025-11-10 00:00,1\n2025-11-10 01:00,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	err := run(&Options{IO: ios, Requirements: req, Agents: teamAgents, Rules: teamRules, TZ: "UTC", TimeLimit: time.Second, Mode: ModeAgents})
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	var steps int
	for _, l := range lines {
		if strings.Contains(l, "rules.yaml:") && strings.Contains(l, ".step: 30m:") {
			steps++
		}
	}
	if steps < 2 {
		t.Errorf("%d template steps reported, want every template off the grid:\n%s", steps, err)
	}
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("exit code %d, want 3", diag.ExitCode(err))
	}
}

// loadTeam reads a team's files as schedule --agents does.
func loadTeam(req, agents, rules string, loc *time.Location, order dates.Order) (*rosterio.Team, error) {
	return rosterio.ReadTeam(rosterio.TeamFiles{Requirement: req, Agents: agents, Rules: rules, Location: loc, Order: order})
}

// TestAgentInputsAllFiles: a bad requirement file does not hide the
// problems of the agents and rules files; all three are reported at once,
// each placed in its file, with exit code 3 (issue 14).
func TestAgentInputsAllFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	req := write("req.csv", "start,required\n2025-11-10 00:00,1\n2025-11-10 00:15,lots\n")
	agents := write("agents.csv", "id,tier\na1,boss\n")
	rules := write("rules.yaml", "limits:\n  max_hours_week: lots\n")
	ios, _, stdout, _ := iostreams.Test()
	err := run(&Options{IO: ios, Requirements: req, Agents: agents, Rules: rules, TZ: "UTC", TimeLimit: time.Second, Mode: ModeAgents})
	if err == nil {
		t.Fatal("no error")
	}
	msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	want := []string{
		`req.csv:3:2: required: "lots": want a number of agents in [0, 1e7]`,
		`agents.csv:2:4: tier: "boss": want veteran, regular, new, all-hands or outsourced`,
		`rules.yaml:2:19: limits.max_hours_week: "lots": want hours (37.5) or a duration (37h30m)`,
	}
	if got := strings.Split(msg, "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("error\n%s\nwant\n%s", msg, strings.Join(want, "\n"))
	}
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("exit code %d, want 3", diag.ExitCode(err))
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout %q", stdout)
	}
}

// rosterLines is the rows of --out for a report: a row per block of every
// shift (one for a shift of one block) and per reserve duty.
func rosterLines(r AgentReport) int {
	n := len(r.Reserve)
	for _, a := range r.Agents {
		for _, sh := range a.Shifts {
			n += max(1, len(sh.Blocks))
		}
	}
	return n
}

// TestAgentsInterrupted: a signal (a cancelled context) stops the search;
// the best roster it found is written whole and the run exits 130.
func TestAgentsInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ios, _, stdout, _ := iostreams.Test()
	out := filepath.Join(t.TempDir(), "roster.csv")
	opts := &Options{IO: ios, ctx: ctx, Requirements: staffReq, Agents: teamAgents, Rules: teamRules, TimeLimit: time.Minute, Seed: 1,
		Out: out, Mode: ModeAgents, MaxEvaluations: agentBudget}
	err := run(opts)
	if got := diag.ExitCode(err); got != diag.ExitInterrupted {
		t.Fatalf("exit %d (%v), want %d", got, err, diag.ExitInterrupted)
	}
	data, rerr := os.ReadFile(out)
	if rerr != nil {
		t.Fatalf("the best roster was not written: %v", rerr)
	}
	if !strings.HasPrefix(string(data), "Agent ID,") {
		t.Errorf("the roster file does not start with its header: %.40q", data)
	}
	if !strings.Contains(err.Error(), out) {
		t.Errorf("the message %q does not name %s", err, out)
	}
	if stdout.Len() == 0 {
		t.Errorf("nothing printed")
	}
}
