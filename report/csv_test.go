package report_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

func TestRosterCSV(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := reporttest.Model(t, lang)
		p := filepath.Join(t.TempDir(), "roster.csv")
		if err := report.WriteRosterCSV(m, p, false, nil); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(p)
		if lang == "zh" != bytes.HasPrefix(data, []byte("\uFEFF")) {
			t.Errorf("%s: byte-order mark present = %v", lang, !(lang == "zh"))
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1+reporttest.ShiftCount(m) {
			t.Errorf("%s: %d rows, want a header and %d shifts", lang, len(recs), reporttest.ShiftCount(m))
		}
		if lang != "en" {
			continue
		}
		if strings.Join(recs[1], "|") != "A001|Agent 1|Veteran|Orders|2026-11-23|2026-11-23 07:00|2026-11-23 15:30|8.00|09:00-09:15 paid; 11:00-11:30 unpaid|yes|" {
			t.Errorf("first row %q", recs[1])
		}
		names := map[string]bool{}
		teams := map[string]bool{}
		for _, r := range recs[1:] {
			names[r[1]] = true
			teams[r[3]] = true
		}
		for _, n := range []string{"'" + reporttest.FormulaName, "'+1 555 0100", "'-Dash", "王小明"} {
			if !names[n] {
				t.Errorf("name %q not in the CSV", n)
			}
		}
		if !teams["'@Tmall"] || teams["@Tmall"] {
			t.Error("team @Tmall not neutralised")
		}
	}
}

// TestRosterCSVFile: the roster CSV is written atomically, refuses to
// overwrite without force and never overwrites an input; an invalid model
// fails before any file is touched.
func TestRosterCSVFile(t *testing.T) {
	m := reporttest.Model(t, "en")
	dir := t.TempDir()
	input := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(input, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	if err := report.WriteRosterCSV(m, out, false, []string{input}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(out)
	if err := report.WriteRosterCSV(m, out, false, nil); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("overwrite without force gave %v", err)
	}
	after, _ := os.ReadFile(out)
	if !bytes.Equal(before, after) {
		t.Error("refused write still changed the file")
	}
	if err := report.WriteRosterCSV(m, out, true, nil); err != nil {
		t.Errorf("overwrite with force: %v", err)
	}
	if err := report.WriteRosterCSV(m, input, true, []string{input}); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("writing over an input gave %v", err)
	}
	bad := *m
	bad.Lang = "fr"
	if err := report.WriteRosterCSV(&bad, filepath.Join(dir, "bad.csv"), false, nil); !errors.Is(err, report.ErrInvalidModel) {
		t.Errorf("invalid model gave %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.csv")); err == nil {
		t.Error("an invalid model left a file")
	}
	if got, _ := os.ReadFile(input); string(got) != "keep me" {
		t.Error("input changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestRosterCSVRepeatedHour: a shift that starts in the hour the clocks
// go back carries its UTC offset.
func TestRosterCSVRepeatedHour(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, ny)
	start := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC) // 01:30 EDT
	m := &report.Model{Title: "dst", Season: report.DateRange{Start: day, End: day}, Loc: ny, Interval: 30 * time.Minute,
		Agents: []report.Agent{{ID: "a", Name: "A", Shifts: []report.Shift{{Start: start, End: start.Add(4 * time.Hour)}}}}}
	p := filepath.Join(t.TempDir(), "roster.csv")
	if err := report.WriteRosterCSV(m, p, false, nil); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(p)
	if !strings.Contains(string(csv), "2026-11-01 01:30 (-04:00),2026-11-01 04:30,") {
		t.Errorf("roster CSV:\n%s", csv)
	}
}

// TestRosterCSVReserveHours: a reserve duty is on call, not paid work: its
// row has no Hours (its Reserve column says so, start and end give the
// duty), and the Hours column sums to the scheduled agent-hours (tester
// C, finding 2: each reserve row said 4.00, the column summed above the
// scheduled hours).
func TestRosterCSVReserveHours(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := reporttest.Model(t, lang)
		var b bytes.Buffer
		if err := report.WriteRoster(&b, m.Agents, lang, m.Loc); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		yes := map[string]string{"en": "yes", "zh": "是"}[lang]
		sum, reserve := 0.0, 0
		for _, r := range recs[1:] {
			if r[10] == yes {
				reserve++
				if r[7] != "" {
					t.Errorf("%s: reserve row %q has hours %q", lang, r, r[7])
				}
				continue
			}
			h, err := strconv.ParseFloat(r[7], 64)
			if err != nil {
				t.Fatalf("%s: row %q: hours %v", lang, r, err)
			}
			sum += h
		}
		if reserve == 0 {
			t.Fatalf("%s: the model has no reserve duty", lang)
		}
		if math.Abs(sum-m.Totals.ScheduledHours) > 0.005*float64(len(recs)) {
			t.Errorf("%s: Hours sum to %v, the scheduled agent-hours are %v", lang, sum, m.Totals.ScheduledHours)
		}
	}
}
