package forecastcmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// runCmd runs the command on argv and returns stdout, stderr and the error.
func runCmd(t *testing.T, argv ...string) (string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	cmd := NewCmdForecast(ios, nil)
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

// An orders file as a travel agency's system writes it (issue 12): a BOM,
// semicolons, D-M-YYYY dates without padding, thousands with a dot, the
// orders in a column named total_reservations. forecast --orders reads it
// with no other flag and forecasts as from the plain file.
func TestOrdersAsSpreadsheetSavesIt(t *testing.T) {
	dir := t.TempDir()
	var hist, plain, eu strings.Builder
	hist.WriteString("date,count,channel,issue_type\n")
	plain.WriteString("date,orders\n")
	eu.WriteString("\ufeffdate;total_reservations;cancellations\r\n")
	day := time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)
	for d := day; d.Before(time.Date(2025, 12, 10, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		orders := 1000 + 37*int(d.Weekday()) + d.YearDay()%11
		if d.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
			fmt.Fprintf(&hist, "%s,%d,email,order_status\n", d.Format(time.DateOnly), orders/10)
		}
		fmt.Fprintf(&plain, "%s,%d\n", d.Format(time.DateOnly), orders)
		fmt.Fprintf(&eu, "%s;%d.%03d;%d\r\n", d.Format("2-1-2006"), orders/1000, orders%1000, orders/50)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	history := write("history.csv", hist.String())
	base := []string{history, "--tz", "UTC", "--season", "2025-11-20..2025-12-06", "--json"}
	want, _, err := runCmd(t, append(base, "--orders", write("orders.csv", plain.String()))...)
	if err != nil {
		t.Fatal(err)
	}
	got, errOut, err := runCmd(t, append(base, "--orders", write("orders_eu.csv", eu.String()))...)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if got != want || !strings.Contains(got, `"ratios"`) {
		t.Errorf("the spreadsheet's orders give\n%.2000s\nthe plain file\n%.2000s", got, want)
	}
	// A file whose orders column cannot be told: the error lists the
	// columns and the names accepted, exit 3.
	_, _, err = runCmd(t, append(base, "--orders", write("bad.csv", "day;web;app\r\n1-11-2025;3;4\r\n"))...)
	if err == nil || !strings.Contains(err.Error(), `"web" and "app" could each be it; name it with --orders-col`) {
		t.Errorf("ambiguous orders column: %v", err)
	}
}
