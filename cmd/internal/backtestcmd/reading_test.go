package backtestcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The series as a European spreadsheet saves it (issue 12): a BOM,
// semicolons, D-M-YYYY dates without padding. backtest reads it as
// import would and scores it as the original.
func TestSeriesAsSpreadsheetSavesIt(t *testing.T) {
	data, err := os.ReadFile("testdata/daily.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var b strings.Builder
	b.WriteString("\ufeffDay;Contacts;Weekday\r\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		d, err := time.Parse(time.DateOnly, f[0])
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(d.Format("2-1-2006") + ";" + f[1] + ";" + f[2] + "\r\n")
	}
	path := filepath.Join(t.TempDir(), "daily_eu.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := run(t, split+" --model weekday-mean:4 --json", false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(t, "--series "+path+" --train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --model weekday-mean:4 --json", false)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("the spreadsheet's series scores\n%s\nthe original\n%s", got, want)
	}
}
