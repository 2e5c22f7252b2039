package xlsx

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/html"
	"github.com/peakstaff/peakstaff/report/reporttest"
	"github.com/xuri/excelize/v2"
)

// TestWhyShortPrints: the text columns of the Why short sheet have widths
// of their own, wrap, and their rows are tall enough for the wrapped
// lines, so the sheet prints without cut or overlapping text (tester C,
// finding 1: Cause, What binds and the fix kept the default 8.4
// characters and one line).
func TestWhyShortPrints(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := reporttest.Model(t, lang)
		start := m.Season.Start.Add(8 * time.Hour)
		m.WhyShort = []report.ShortStretch{{Start: start, End: start.Add(8 * time.Hour), Group: "all", AgentHours: 22, Most: 5,
			Cause:  "agents",
			Detail: "the 6 agents with all who could work Mon 11-30 08:00-16:00 are on other shifts that day",
			Fix:    "5 more agent(s) with all Mon 11-30 08:00-16:00", HiresCanClose: true}}
		m.RuleGaps = []report.RuleGap{{Start: start, End: start.Add(time.Hour), Rule: "veterans", Hours: 1, Most: 1, Cause: "agents",
			Detail: "the 3 veterans who could work Wed 11-11 00:00-00:30 are on other shifts that day", Fix: "1 more veteran(s) Wed 11-11 00:00-00:30"}}
		f, _ := writeBook(t, m)
		s := report.T(lang, "sheet.why_short")
		total := 0.0
		for c := 1; c <= 10; c++ {
			w, err := f.GetColWidth(s, colName(c))
			if err != nil {
				t.Fatal(err)
			}
			total += w
		}
		// About 150 characters: one landscape page wide at ~90% or more.
		if total > 165 {
			t.Errorf("%s: the columns are %.0f characters wide, want at most 165", lang, total)
		}
		for _, row := range []int{4, 9} { // the stretch and the rule gap
			h, err := f.GetRowHeight(s, row)
			if err != nil {
				t.Fatal(err)
			}
			for c, key := range map[int]string{7: "cause", 8: "detail", 9: "fix"} {
				text := raw(t, f, s, cell(c, row))
				w, _ := f.GetColWidth(s, colName(c))
				if w < min(float64(report.TextWidth(text))+2, whyWidths[c]) {
					t.Errorf("%s: column %s (%s) is %.1f wide: narrower than its text %q", lang, colName(c), key, w, text)
				}
				if lines := wrapLines(text, w); h < float64(lines)*15 {
					t.Errorf("%s!%s: row %.0f pt high for %d lines of %q", s, cell(c, row), h, lines, text)
				}
				if !wraps(t, f, s, cell(c, row)) {
					t.Errorf("%s!%s (%s) does not wrap", s, cell(c, row), key)
				}
			}
		}
		// The header's long titles wrap in a taller row.
		if h, _ := f.GetRowHeight(s, 3); h < 30 {
			t.Errorf("%s: header row %.0f pt high, want two lines at least", lang, h)
		}
	}
}

// TestSummaryLabelsWrap: an assumption's label longer than column A wraps
// in a taller row rather than being cut (tester C, finding 1: "AHT phone /
// gift_card (the plan's issue_types.gift_card.handle_t"), and a long text
// value or warning spans the table instead of widening column B.
func TestSummaryLabelsWrap(t *testing.T) {
	m := reporttest.Model(t, "en")
	long := "AHT phone / gift_card (the plan's issue_types.gift_card.handle_time)"
	m.Assumptions = append(m.Assumptions, report.KV{Label: long, Value: 540.0, Unit: "s"},
		report.KV{Label: "Forecast bands", Value: "last season (2025-11-21..2025-12-07) replayed from the season before, " + strings.Repeat("and more words to wrap ", 4)})
	m.Warnings = append(m.Warnings, strings.Repeat("a long warning ", 15))
	f, _ := writeBook(t, m)
	const s = "Summary"
	wA, _ := f.GetColWidth(s, "A")
	wB, _ := f.GetColWidth(s, "B")
	if wA > summaryLabelWidth || wB > 30 {
		t.Errorf("columns A and B are %.1f and %.1f wide, want at most %d and 30", wA, wB, summaryLabelWidth)
	}
	rows, err := f.GetRows(s)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for i, row := range rows {
		if len(row) == 0 {
			continue
		}
		r := i + 1
		switch {
		case row[0] == long, row[0] == m.Warnings[len(m.Warnings)-1], len(row) > 1 && strings.HasPrefix(row[1], "last season"):
			found++
			c := "A"
			if row[0] != long && !strings.HasPrefix(row[0], "a long") {
				c = "B"
			}
			h, _ := f.GetRowHeight(s, r)
			if h < 30 || !wraps(t, f, s, c+strconv.Itoa(r)) {
				t.Errorf("%s%d %q: %.0f pt high, wraps %v: want two lines or more", c, r, row, h, wraps(t, f, s, c+strconv.Itoa(r)))
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the 3 long texts", found)
	}
}

func wraps(t *testing.T, f *excelize.File, sheet, c string) bool {
	t.Helper()
	st := styleOf(t, f, sheet, c)
	return st.Alignment != nil && st.Alignment.WrapText
}

// TestWrapLines counts the lines of wrapped text.
func TestWrapLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"two words", 6, 2},
		{"a\nb", 20, 2},
		{strings.Repeat("x", 25), 11, 3}, // one long word breaks anywhere
		{"可弥补缺口的最小改动", 11, 2},            // 20 wide: no spaces, breaks anywhere
		{"the 6 agents with all who could work Mon 11-30 08:00-16:00 are on other shifts that day", 40, 2},
	}
	for _, tc := range tests {
		if got := wrapLines(tc.text, tc.width); got != tc.want {
			t.Errorf("wrapLines(%q, %g) = %d, want %d", tc.text, tc.width, got, tc.want)
		}
	}
}

// TestNoRosterNoShortfall: the Summary's daily table of a plan with no
// team has no roster columns (tester C, finding 5: "Shortfall 0.0 /
// Short intervals 0" every day).
func TestNoRosterNoShortfall(t *testing.T) {
	for _, roster := range []bool{true, false} {
		m := reporttest.Model(t, "en")
		if !roster {
			reporttest.NoRoster(m)
		}
		f, _ := writeBook(t, m)
		rows, err := f.GetRows("Summary")
		if err != nil {
			t.Fatal(err)
		}
		var header []string
		for _, row := range rows {
			if len(row) > 1 && row[0] == "Date" {
				header = row
			}
		}
		has := slices.Contains(header, "Shortfall (agent-hours)") || slices.Contains(header, "Short intervals") || slices.Contains(header, "On the queue at that peak")
		if has != roster || !slices.Contains(header, "Peak required on the queue") {
			t.Errorf("roster %v: daily header %q", roster, header)
		}
	}
}

// TestStaffingDeferredBlank: the Staffing sheet leaves service level, ASA
// and abandon rate blank for deferred work, as requirements.csv does
// (tester C, finding 11: email and social showed 0% or 100%).
func TestStaffingDeferredBlank(t *testing.T) {
	m := reporttest.Model(t, "en")
	start := m.Staffing[0].Start
	m.Staffing = append(m.Staffing,
		report.StaffInterval{Start: start, Channel: "letters", Deferred: true, ServiceLevel: 0},
		report.StaffInterval{Start: start, Channel: "social", Deferred: true, Contacts: 2, ServiceLevel: 1, ASASeconds: 0, PAbandon: 0})
	f, _ := writeBook(t, m)
	rows, err := f.GetRows("Staffing", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, row := range rows {
		if len(row) < 2 || (row[1] != "letters" && row[1] != "social") {
			continue
		}
		seen++
		for _, c := range []int{8, 9, 11} { // service level, ASA, abandon rate
			if c < len(row) && row[c] != "" {
				t.Errorf("%s: column %d is %q, want blank", row[1], c+1, row[c])
			}
		}
	}
	if seen != 2 {
		t.Errorf("%d deferred rows, want 2", seen)
	}
}

// TestAboveBoundShort: a short roster's staffed hours are not compared
// with the bound (which holds for rosters that cover the requirement):
// the Summary and the report say why instead of "-29.0%" (tester C,
// finding 15).
func TestAboveBoundShort(t *testing.T) {
	for _, short := range []float64{0, 78} {
		m := reporttest.Model(t, "en")
		m.Totals.Roster = &report.RosterTotals{ShortfallHours: short, ShortIntervals: 44, StaffedHours: 480, LowerBoundHours: 677, AboveBound: 480.0/677 - 1}
		f, _ := writeBook(t, m)
		rows, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, row := range rows {
			if len(row) > 1 && row[0] == "Above the bound" {
				got = row[1]
			}
		}
		page := string(writeHTML(t, m))
		if short > 0 {
			if !strings.Contains(got, "the roster is short") || !strings.Contains(page, "the roster is short") {
				t.Errorf("short roster: Above the bound %q in the workbook; in the report %v", got, strings.Contains(page, "the roster is short"))
			}
			continue
		}
		if v, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(v-(480.0/677-1)) > 1e-9 {
			t.Errorf("covering roster: Above the bound %q", got)
		}
	}
}

// writeHTML is the HTML report of m.
func writeHTML(t *testing.T, m *report.Model) []byte {
	t.Helper()
	var page bytes.Buffer
	if err := html.Write(&page, m); err != nil {
		t.Fatal(err)
	}
	return page.Bytes()
}

// TestScenarioRequiredHours: the Scenarios sheet and the report's table
// have the required agent-hours the terminal and compare show (tester C,
// finding 9).
func TestScenarioRequiredHours(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Scenarios[0].RequiredHours, m.Scenarios[1].RequiredHours = 1582.1, 1894.3
	f, _ := writeBook(t, m)
	rows, err := f.GetRows("Scenarios", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows {
		if len(row) > 0 && row[0] == "Required agent-hours" {
			got = row[1:]
		}
	}
	if !slices.Equal(got, []string{"1582.1", "1894.3"}) {
		t.Errorf("Required agent-hours row %q", got)
	}
	if page := string(writeHTML(t, m)); !strings.Contains(page, "<td class=\"t\">Required agent-hours</td><td>1,582.1</td><td>1,894.3</td>") {
		t.Error("the report's Scenarios table lacks the required agent-hours")
	}
}
