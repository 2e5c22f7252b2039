package schedulecmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// The requirement curve as a European spreadsheet saves it (issue 12): a
// BOM, semicolons, D-M-YYYY H:MM times, decimal commas. schedule reads it
// as import would and gives the plan of the original file.
func TestCurveAsSpreadsheetSavesIt(t *testing.T) {
	data, err := os.ReadFile("testdata/req.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var b strings.Builder
	b.WriteString("\ufeffStart;Required\r\n")
	for _, line := range lines[1:] {
		start, req, _ := strings.Cut(line, ",")
		at, err := time.Parse("2006-01-02 15:04", start)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(at.Format("2-1-2006 15:04") + ";" + strings.Replace(req, ".", ",", 1) + "\r\n")
	}
	path := filepath.Join(t.TempDir(), "req_eu.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	runOn := func(req string) string {
		ios, _, stdout, stderr := iostreams.Test()
		opts := &Options{IO: ios, Requirements: req, Shifts: "testdata/shifts.yaml", TimeLimit: time.Minute, Seed: 1,
			JSON: true, Mode: ModeRequirements, MaxEvaluations: 5000}
		if err := run(opts); err != nil {
			t.Fatalf("%s: %v\n%s", req, err, stderr)
		}
		return stdout.String()
	}
	if got, want := runOn(path), runOn("testdata/req.csv"); got != want {
		t.Errorf("the spreadsheet's curve gives\n%s\nthe original\n%s", got, want)
	}
}
