package staffcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The demand file as a European spreadsheet saves it (issue 12): a BOM,
// semicolons, local D-M-YYYY H:MM times, handle times with a decimal
// comma, the count column named volume. staff reads it as import would,
// and gives the plan of the original file.
func TestDemandAsSpreadsheetSavesIt(t *testing.T) {
	data, err := os.ReadFile(demandFile)
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var b strings.Builder
	b.WriteString("\ufeffInterval;Channel;Skill;Volume;AHT\r\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		at, err := time.Parse(time.RFC3339, f[0])
		if err != nil {
			t.Fatal(err)
		}
		local := at.In(berlin).Format("2-1-2006 15:04")
		b.WriteString(strings.Join([]string{local, f[1], f[2], f[3], f[4] + ",0"}, ";") + "\r\n")
	}
	path := filepath.Join(t.TempDir(), "demand_eu.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _, err := run(t, []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath}, false, "")
	if err != nil {
		t.Fatal(err)
	}
	got, errOut, err := run(t, []string{path, "--tz", "Europe/Berlin", "--policy", policyPath}, false, "")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if got != want {
		t.Errorf("the spreadsheet's file gives\n%s\nthe original\n%s", got, want)
	}
}

// A demand whose dates never tell day and month apart (1-12-2025 to
// 2-12-2025): read month-first with a warning, or as --date-order says.
func TestDemandDateOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ambiguous.csv")
	var b strings.Builder
	b.WriteString("interval;channel;contacts;aht_seconds\n")
	for _, day := range []string{"1-12-2025", "2-12-2025"} {
		for h := 9; h < 11; h++ {
			b.WriteString(day + " " + time.Date(0, 1, 1, h, 0, 0, 0, time.UTC).Format("15:04") + ";phone;20;180\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := run(t, []string{path, "--tz", "UTC"}, false, "")
	if err != nil || !strings.Contains(errOut, `column "interval": no value tells day and month apart; read as month-first (set the order with --date-order)`) || !strings.Contains(out, "2025-01-12") {
		t.Errorf("no order given: %v\n%s\n%s", err, errOut, out)
	}
	out, errOut, err = run(t, []string{path, "--tz", "UTC", "--date-order", "dmy"}, false, "")
	if err != nil || strings.Contains(errOut, "day and month") || !strings.Contains(out, "2025-12-01") || !strings.Contains(out, "2025-12-02") {
		t.Errorf("--date-order dmy: %v\n%s\n%s", err, errOut, out)
	}
}
