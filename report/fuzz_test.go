package report

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// FuzzSafeCSV: the neutralised field never starts with a character a
// spreadsheet evaluates, and only an apostrophe is ever added.
func FuzzSafeCSV(f *testing.F) {
	for _, s := range []string{"", "Alice", "=1+1", "+1", "-x", "@x", "\t=x", "\r", "'=x", "\x00=x", "王"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeCSV(s)
		if _, err := strconv.ParseFloat(got, 64); err != nil && got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) {
			t.Fatalf("safeCSV(%q) = %q starts with a formula character", s, got)
		}
		clean := CleanText(s)
		if got != clean && got != "'"+clean {
			t.Fatalf("safeCSV(%q) = %q changed more than a prefix", s, got)
		}
	})
}

// FuzzICSLine: a folded, escaped line unfolds and unescapes to the cleaned
// text, and no physical line is longer than 75 octets.
func FuzzICSLine(f *testing.F) {
	for _, s := range []string{"", "a", "Break 12:00-12:30; paid, yes\\no", strings.Repeat("王", 60), "x\r\ny\nz\r", strings.Repeat("é", 80)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		iw := &icsWriter{w: &buf}
		iw.line("DESCRIPTION:" + icsText(s))
		out := buf.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatal("no CRLF")
		}
		var joined strings.Builder
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line %d has %d octets", i, len(l))
			}
			if !utf8.ValidString(l) {
				t.Fatalf("line %d splits a character: %q", i, l)
			}
			if i > 0 {
				l = strings.TrimPrefix(l, " ")
			}
			joined.WriteString(l)
		}
		val := strings.TrimPrefix(joined.String(), "DESCRIPTION:")
		unesc := strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(val)
		want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(CleanText(s))
		if unesc != want {
			t.Fatalf("round trip of %q gave %q", want, unesc)
		}
	})
}

// FuzzWorkbookText: any agent name, team and title give a workbook that
// excelize reads back, with the cleaned name as a plain string.
func FuzzWorkbookText(f *testing.F) {
	for _, s := range []string{"Alice", "=HYPERLINK(\"x\")", "", "'quoted'", "&P&N", "a\x00b", "王小明", "[Sheet]!A1", strings.Repeat("x", 300)} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, title string) {
		day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
		m := &Model{Title: title, Season: DateRange{day, day}, Interval: time.Hour, PeakDays: []time.Time{day},
			Assumptions: []KV{{Label: name, Value: name, Unit: name}}, Warnings: []string{name},
			Agents: []Agent{{ID: "a", Name: name, Team: name, Tier: name,
				Shifts: []Shift{{Start: day.Add(8 * time.Hour), End: day.Add(12 * time.Hour)}}}},
			Scenarios: []Scenario{{Name: name}},
		}
		v, err := NewView(m)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := v.writeXLSX(&buf); err != nil {
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
		want := CleanText(name)
		if len([]rune(want)) > 32767 {
			return
		}
		if got != strings.ReplaceAll(want, "\r\n", "\n") && got != want {
			t.Fatalf("name %q read back as %q", want, got)
		}
		if fo, _ := x.GetCellFormula("Roster", "A2"); fo != "" {
			t.Fatalf("name became formula %q", fo)
		}
		var html bytes.Buffer
		if err := v.writeHTML(&html); err != nil {
			t.Fatal(err)
		}
	})
}
