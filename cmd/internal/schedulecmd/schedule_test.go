package schedulecmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// parse runs the command's flag validation on argv and returns the options
// it would run with.
func parse(t *testing.T, argv string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdSchedule(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(strings.Fields(argv))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return got, err
}

func TestArgvToOptions(t *testing.T) {
	tests := []struct {
		argv string
		want Options
	}{
		{"--requirements r.csv --shifts s.yaml",
			Options{Requirements: "r.csv", Shifts: "s.yaml", Seed: 1, Mode: ModeRequirements}},
		{"--requirements r.csv --shifts s.yaml --time-limit 2m --seed 7 --json --out " + filepath.Join(t.TempDir(), "p.csv"),
			Options{Requirements: "r.csv", Shifts: "s.yaml", TimeLimit: 2 * time.Minute, Seed: 7, JSON: true, Mode: ModeRequirements}},
	}
	for _, tt := range tests {
		got, err := parse(t, tt.argv)
		if err != nil {
			t.Errorf("%s: %v", tt.argv, err)
			continue
		}
		got.IO, got.Out, got.ctx = nil, "", nil // the context is the command's, not a flag
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.argv, *got, tt.want)
		}
	}
}

func TestBadFlags(t *testing.T) {
	existing := filepath.Join(t.TempDir(), "plan.csv")
	os.WriteFile(existing, []byte("x"), 0o644)
	tests := []struct{ argv, msg string }{
		{"--shifts s.yaml", "--requirements: expected the requirement CSV (start,required)"},
		{"--requirements r.csv", "--shifts: expected the shift templates YAML with --requirements"},
		{"--requirements r.csv --shifts s.yaml --time-limit 0s", "--time-limit 0s: expected a duration > 0 such as 10s"},
		{"--requirements r.csv --shifts s.yaml --out r.csv", "output r.csv is also an input; choose another path"},
		{"--requirements r.csv --shifts s.yaml --out " + existing, "output " + existing + " already exists; use --force to overwrite it"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv)
		var ue *diag.UsageError
		if !errors.As(err, &ue) || err.Error() != tt.msg {
			t.Errorf("%s: error %v, want usage error %q", tt.argv, err, tt.msg)
		}
	}
}

// runOpts runs requirements-file mode on the fixtures with a fixed budget
// (the fixture has 5 candidate shifts: every set is scored, so the result
// is the optimum on any machine).
func runOpts(t *testing.T, shifts string, tty, asJSON bool, out string) (string, string, error) {
	t.Helper()
	ios, _, stdout, stderr := iostreams.Test()
	ios.SetStdoutTTY(tty)
	opts := &Options{IO: ios, Requirements: "testdata/req.csv", Shifts: shifts, TimeLimit: time.Minute, Seed: 1,
		JSON: asJSON, Out: out, Mode: ModeRequirements, MaxEvaluations: 5000}
	err := run(opts)
	return stdout.String(), stderr.String(), err
}

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
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestOutput locks the whole output, terminal and piped, and the JSON.
func TestOutput(t *testing.T) {
	for _, tt := range []struct {
		name      string
		tty, json bool
	}{{"plan_tty.golden", true, false}, {"plan_tsv.golden", false, false}, {"plan_json.golden", false, true}} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := runOpts(t, "testdata/shifts.yaml", tt.tty, tt.json, "")
			if err != nil {
				t.Fatal(err)
			}
			if stderr != "" {
				t.Errorf("stderr %q", stderr)
			}
			golden(t, tt.name, stdout)
		})
	}
}

// TestJSONRecomputes checks that the JSON plan reproduces its own
// objective: coverage rebuilt from shift_plan against req.csv.
func TestJSONRecomputes(t *testing.T) {
	stdout, _, err := runOpts(t, "testdata/shifts.yaml", false, true, "")
	if err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	req := []float64{}
	data, _ := os.ReadFile("testdata/req.csv")
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		var v float64
		_, val, _ := strings.Cut(line, ",")
		json.Unmarshal([]byte(val), &v)
		req = append(req, v)
	}
	cov := make([]float64, len(req))
	for _, e := range r.ShiftPlan {
		var hh, mm int
		if _, err := fmtSscanf(e.Start, &hh, &mm); err != nil {
			t.Fatal(err)
		}
		for d, a := range e.AgentsPerDay {
			for k := 0; k < e.LengthMinutes/60; k++ {
				cov[(d*24+hh+k)%len(req)] += float64(a) // hourly, cyclic
			}
		}
	}
	short, over := 0.0, 0.0
	for k := range req {
		if cov[k] < req[k] {
			short += (req[k] - cov[k]) * 60
		} else {
			over += (cov[k] - req[k]) * 60
		}
	}
	obj := short + over + 60*float64(len(r.ShiftPlan))
	if short != r.ShortageMinutes || over != r.ExcessMinutes || obj != r.Objective {
		t.Errorf("recomputed short %v over %v objective %v; report %v %v %v", short, over, obj, r.ShortageMinutes, r.ExcessMinutes, r.Objective)
	}
}

// TestOutCSV writes --out and reads it back.
func TestOutCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.csv")
	if _, _, err := runOpts(t, "testdata/shifts.yaml", false, false, path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "plan_out.golden", string(got))
}

// TestUncoverable: with a night shift on Mondays only, nothing covers
// Tuesday 22:00-24:00 nor Monday 00:00-06:00 (where Tuesday's night would
// wrap to): the plan is still printed, the 8 intervals are listed and the
// error maps to exit code 4.
func TestUncoverable(t *testing.T) {
	stdout, _, err := runOpts(t, "testdata/shifts_monnight.yaml", false, true, "")
	if !IsUncoverable(err) || diag.ExitCode(err) != diag.ExitInfeasible {
		t.Fatalf("error %v, want the uncoverable outcome (exit 4)", err)
	}
	var r Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Uncoverable) != 8 || r.Uncoverable[0].Start != "2025-11-24 00:00" || r.LowerBoundHours != nil || len(r.ShiftPlan) == 0 {
		t.Errorf("uncoverable %+v, lower bound %v, plan %+v", r.Uncoverable, r.LowerBoundHours, r.ShiftPlan)
	}
	if len(r.UnmetIntervals) < 8 {
		t.Errorf("unmet intervals %+v", r.UnmetIntervals)
	}
}

// TestBadFiles: every problem in an input file is reported with its
// position and maps to exit code 3.
func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	goodReq := "testdata/req.csv"
	goodShifts := "testdata/shifts.yaml"
	tests := []struct {
		name, req, shifts, msg string
	}{
		{"req header", write("h.csv", "time,agents\n2025-11-24 00:00,1\n"), goodShifts,
			`h.csv:1: header "time,agents": want the columns start and required`},
		{"req value", write("v.csv", "start,required\n2025-11-24 00:00,1\n2025-11-24 01:00,lots\n"), goodShifts,
			`v.csv:3:2: required: "lots": want a number of agents in [0, 1e7]`},
		{"req spacing", write("s.csv", "start,required\n2025-11-24 00:00,1\n2025-11-24 01:00,1\n2025-11-24 03:00,1\n"), goodShifts,
			"s.csv:4:1: start: 2025-11-24 03:00: want 2025-11-24 02:00 (rows 1h apart, in time order)"},
		{"req midnight", write("m.csv", "start,required\n2025-11-24 06:00,1\n2025-11-24 07:00,1\n"), goodShifts,
			"m.csv:2:1: start: 2025-11-24 06:00: the first interval must start at 00:00"},
		// a syntax error keeps the YAML package's message, its line included
		{"yaml syntax", goodReq, write("a.yaml", "templates: [\n"), "a.yaml: yaml: line 1: did not find expected node content"},
		// both files are read: every problem at once (issue 14)
		{"both files", write("b.csv", "start,required\n2025-11-24 00:00,1\n2025-11-24 01:00,lots\n"), write("b.yaml", "cyclic: true\ncolour: red\ntemplates: []\n"),
			"b.csv:3:2: required: \"lots\": want a number of agents in [0, 1e7]\nb.yaml:2:1: colour: unknown key; want cyclic, weights or templates"},
		{"yaml key", goodReq, write("k.yaml", "cyclic: true\ncolour: red\ntemplates: []\n"),
			"k.yaml:2:1: colour: unknown key; want cyclic, weights or templates"},
		{"yaml duration", goodReq, write("d.yaml", "templates:\n  - name: a\n    earliest_start: \"06:00\"\n    min_length: 8 hours\n"),
			`d.yaml:4:17: templates[0].min_length: "8 hours": want a duration such as 8h, 7h30m or 15m`},
		{"yaml clock", goodReq, write("c.yaml", "templates:\n  - name: a\n    earliest_start: 6am\n    min_length: 8h\n"),
			`c.yaml:3:21: templates[0].earliest_start: "6am": want a time of day HH:MM such as 05:00`},
		{"yaml day", goodReq, write("w.yaml", "templates:\n  - name: a\n    earliest_start: \"06:00\"\n    min_length: 8h\n    days: [mon, funday]\n"),
			`w.yaml:5:17: templates[0].days: "funday": want mon, tue, wed, thu, fri, sat or sun`},
		{"yaml weight", goodReq, write("g.yaml", "weights: {shortage: -1}\ntemplates:\n  - name: a\n    earliest_start: \"06:00\"\n    min_length: 8h\n"),
			`g.yaml:1:21: weights.shortage: "-1": want a number >= 0`},
		{"template domain", goodReq, write("t.yaml", "templates:\n  - name: a\n    earliest_start: \"06:00\"\n    min_length: 9h\n    max_length: 8h\n"),
			"t.yaml:2:5: templates[0].max_length: 8h: want whole minutes, at least MinLength"},
		{"missing", goodReq, write("n.yaml", "templates:\n  - name: a\n    min_length: 8h\n"),
			"n.yaml:2:5: templates[0].earliest_start: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := iostreams.Test()
			err := run(&Options{IO: ios, Requirements: tt.req, Shifts: tt.shifts, TimeLimit: time.Second, Mode: ModeRequirements})
			if err == nil {
				t.Fatal("no error")
			}
			msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			if msg != tt.msg {
				t.Errorf("error\n %q\nwant\n %q", msg, tt.msg)
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

// fmtSscanf reads "HH:MM".
func fmtSscanf(s string, hh, mm *int) (int, error) { return fmt.Sscanf(s, "%d:%d", hh, mm) }
