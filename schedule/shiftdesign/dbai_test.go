package shiftdesign_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/testkit"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// dataDir returns the folder of the Shift Design Problem benchmark (DBAI,
// TU Wien, project Rota, DataSet1: http://www.dbai.tuwien.ac.at/proj/Rota/;
// Musliu, Schaerf and Slany, "Local search for shift design", EJOR 153(1),
// 2004), kept beside the repository in ../shared/data/scheduling/shift-design
// (testkit.SharedData: a skip on a clone without it, a failure in CI).
func dataDir(tb testing.TB) string {
	tb.Helper()
	return testkit.SharedData(tb, "data/scheduling/shift-design")
}

func readInstance(t testing.TB, name string) *shiftdesign.Instance {
	t.Helper()
	path := filepath.Join(dataDir(t), "DataSet1", name+".txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := shiftdesign.ReadInstance(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestReferenceFitness scores every file's reference solution with Evaluate:
// it must reproduce the stated fitness exactly, which checks the evaluator
// against the published objective (SOURCE.md).
func TestReferenceFitness(t *testing.T) {
	for _, bk := range bestKnown(t) {
		t.Run(bk.name, func(t *testing.T) {
			inst := readInstance(t, bk.name)
			if !inst.HasFitness {
				t.Fatal("no stated fitness")
			}
			ev, err := shiftdesign.Evaluate(&inst.Model, inst.Reference)
			if err != nil {
				t.Fatal(err)
			}
			if ev.Objective != inst.Fitness {
				t.Errorf("objective %v, file states %v", ev.Objective, inst.Fitness)
			}
			if !ev.Feasible() {
				t.Errorf("violations: %v", ev.Violations)
			}
			if ev.ShortageMinutes != 0 || ev.ExcessMinutes != 0 {
				t.Errorf("deviation %v/%v, want 0", ev.ShortageMinutes, ev.ExcessMinutes)
			}
		})
	}
}

// TestReadInstanceTiny reads a small file in the DBAI format (Latin-1,
// CRLF) and checks every field.
func TestReadInstanceTiny(t *testing.T) {
	f, err := os.Open("testdata/tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := shiftdesign.ReadInstance(f, "tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	req := make([]float64, 24)
	for k := 5; k <= 20; k++ {
		req[k] = 1
	}
	want := shiftdesign.Model{
		Interval: time.Hour, Required: req, Cyclic: true, FirstWeekday: time.Monday,
		Templates: []shiftdesign.Template{
			// 6:00 +60 -60, 480 +60 -60: starts 05:00..07:00, 7..9 hours.
			{Name: "Frühschicht", EarliestStart: 5 * time.Hour, LatestStart: 7 * time.Hour, MinLength: 7 * time.Hour, MaxLength: 9 * time.Hour, Step: time.Hour},
			{Name: "Spätschicht", EarliestStart: 13 * time.Hour, LatestStart: 13 * time.Hour, MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour},
		},
		Weights: shiftdesign.Weights{Shortage: 1, Excess: 1, DistinctShifts: 60},
	}
	if !reflect.DeepEqual(inst.Model, want) {
		t.Errorf("model\n got %+v\nwant %+v", inst.Model, want)
	}
	ref := shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{
		{Start: 5 * time.Hour, Length: 8 * time.Hour, Agents: []int{1}},
		{Start: 13 * time.Hour, Length: 8 * time.Hour, Agents: []int{1}},
	}}
	if !reflect.DeepEqual(inst.Reference, ref) || !inst.HasFitness || inst.Fitness != 120 {
		t.Errorf("reference %+v fitness %v %v", inst.Reference, inst.Fitness, inst.HasFitness)
	}
	if inst.DutiesPerWeek != [2]float64{3, 5} || inst.AverageHours != 38.5 {
		t.Errorf("duties %v hours %v", inst.DutiesPerWeek, inst.AverageHours)
	}
	ev, err := shiftdesign.Evaluate(&inst.Model, inst.Reference)
	if err != nil || ev.Objective != 120 {
		t.Errorf("reference scores %v (%v), want 120", ev, err)
	}
}

// TestReadInstanceErrors: each broken file names the line at fault.
func TestReadInstanceErrors(t *testing.T) {
	base, err := os.ReadFile("testdata/tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to string
		line           int
		msg            string
	}{
		{"interval", "#MinuteInterval:\r\n60", "#MinuteInterval:\r\n7", 2, "interval 7 minutes does not divide a day"},
		{"interval text", "#MinuteInterval:\r\n60", "#MinuteInterval:\r\nhour", 2, `#MinuteInterval:: "hour" is not an integer`},
		{"missing block", "#DaysPerCycle:", "#DaysPer:", 0, `no "#DaysPerCycle:" block`},
		{"cyclic", "yes or no\r\nyes", "yes or no\r\nmaybe", 8, `cyclic flag "maybe": want yes or no`},
		{"requirement", "\r\n0 0 0 0 0 1", "\r\n0 0 x 0 0 1", 11, `requirement "x": want a non-negative integer`},
		{"count", "1 1 1 1 0 0 0\r\n", "1 1 1 1 0 0\r\n", 11, "23 requirements: want 24 (days × 1440 / interval)"},
		{"template fields", "13:0 0 0 480 0 0 *", "13:0 0 480 0 0 *", 19, "shift template: 8 fields: want Abbr Name Start +Min -Min Length +Min -Min Days"},
		{"template clock", "13:0 0 0 480", "13h 0 0 480", 19, `shift template: time "13h": want H:M`},
		{"template days", "480 0 0 *", "480 0 0 Mo", 19, `shift template: days "Mo": only * (every day) is supported`},
		{"weight", "#Overcover:\r\n1", "#Overcover:\r\none", 32, `#Overcover:: "one" is not a number`},
		{"fitness", "# 120", "# lots", 41, `fitness "lots" is not a number`},
		{"solution", "# 2:  13:0    480       1", "# 2:  13:0    480", 46, `solution line: want "# <n>: H:M <length> <1 agent counts>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(base, []byte(tt.from)) {
				t.Fatalf("fixture lacks %q", tt.from)
			}
			data := bytes.Replace(base, []byte(tt.from), []byte(tt.to), 1)
			_, err := shiftdesign.ReadInstance(bytes.NewReader(data), "f.txt")
			var ie *diag.Error
			if !errors.As(err, &ie) || !errors.Is(err, shiftdesign.ErrInvalidInstance) || diag.ExitCode(err) != diag.ExitInvalidData {
				t.Fatalf("error %v, want a *diag.Error of invalid data", err)
			}
			if ie.File != "f.txt" || ie.Line != tt.line || ie.Err.Error() != tt.msg {
				t.Errorf("got %s:%d: %q, want line %d: %q", ie.File, ie.Line, ie.Err, tt.line, tt.msg)
			}
		})
	}
}
