package xlsx

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/html"
	"github.com/xuri/excelize/v2"
)

// FuzzWorkbookText: any agent name, team and title give a workbook that
// excelize reads back, with the cleaned name as a plain string.
func FuzzWorkbookText(f *testing.F) {
	for _, s := range []string{"Alice", "=HYPERLINK(\"x\")", "", "'quoted'", "&P&N", "a\x00b", "王小明", "[Sheet]!A1", strings.Repeat("x", 300)} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, title string) {
		day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
		m := &report.Model{Title: title, Season: report.DateRange{Start: day, End: day}, Interval: time.Hour, PeakDays: []time.Time{day},
			Assumptions: []report.KV{{Label: name, Value: name, Unit: name}}, Warnings: []string{name},
			Agents: []report.Agent{{ID: "a", Name: name, Team: name, Tier: name,
				Shifts: []report.Shift{{Start: day.Add(8 * time.Hour), End: day.Add(12 * time.Hour)}}}},
			Scenarios: []report.Scenario{{Name: name}},
		}
		var buf bytes.Buffer
		if err := Write(&buf, m); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		got, err := x.GetCellValue("Roster", "A2", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := report.CleanText(name)
		if len([]rune(want)) > 32767 {
			return
		}
		if got != strings.ReplaceAll(want, "\r\n", "\n") && got != want {
			t.Fatalf("name %q read back as %q", want, got)
		}
		if fo, _ := x.GetCellFormula("Roster", "A2"); fo != "" {
			t.Fatalf("name became formula %q", fo)
		}
		var page bytes.Buffer
		if err := html.Write(&page, m); err != nil {
			t.Fatal(err)
		}
	})
}
