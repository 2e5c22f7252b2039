package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
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

// writeBook writes m to a temporary workbook and opens it with excelize.
func writeBook(t *testing.T, m *report.Model) (*excelize.File, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plan.xlsx")
	if err := writeFile(p, m); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, p
}

func raw(t *testing.T, f *excelize.File, sheet, c string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, c, err)
	}
	return v
}

func rawNum(t *testing.T, f *excelize.File, sheet, c string) float64 {
	t.Helper()
	s := raw(t, f, sheet, c)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q: not a number", sheet, c, s)
	}
	return v
}

// styleOf is a cell's style.
func styleOf(t *testing.T, f *excelize.File, sheet, c string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// numFmtOf is the custom number format of a cell's style.
func numFmtOf(t *testing.T, f *excelize.File, sheet, c string) string {
	t.Helper()
	st := styleOf(t, f, sheet, c)
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func fillOf(t *testing.T, f *excelize.File, sheet, c string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
}

// rowOf finds the row whose column A reads label, after row from.
func rowOf(t *testing.T, f *excelize.File, sheet, label string, from int) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := from; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q", sheet, label)
	return 0
}

// isTime checks that a cell holds a number whose format shows a time or a
// date, as Excel needs to treat it as one.
func isTime(t *testing.T, f *excelize.File, sheet, c, want string) float64 {
	t.Helper()
	typ, err := f.GetCellType(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s!%s: cell type %v, want a number", sheet, c, typ)
	}
	if nf := numFmtOf(t, f, sheet, c); !strings.Contains(nf, want) {
		t.Errorf("%s!%s: number format %q, want one with %q", sheet, c, nf, want)
	}
	return rawNum(t, f, sheet, c)
}

func TestWorkbookSheets(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"Summary", "Groups", "Roster", "Timeline 27 Nov", "Timeline 28 Nov", "Coverage", "Forecast", "Staffing", "Agents", "Scenarios"}},
		{"zh", []string{"汇总", "坐席组", "排班表", "时间线 11月27日", "时间线 11月28日", "覆盖", "预测", "人力需求", "坐席", "方案对比"}},
	}
	for _, tc := range tests {
		f, _ := writeBook(t, reporttest.Model(t, tc.lang))
		if got := f.GetSheetList(); !slices.Equal(got, tc.want) {
			t.Errorf("%s: sheets %q, want %q", tc.lang, got, tc.want)
		}
	}
}

func TestWorkbookSummary(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, _ := writeBook(t, m)
	const s = "Summary"
	if got := raw(t, f, s, "A1"); got != m.Title {
		t.Errorf("A1 = %q, want the title", got)
	}
	// Totals equal the model's; the contacts also equal a hand count:
	// 5 ordinary days x 900 + 2 peak days x 1,980.
	if m.Totals.Contacts != 5*900+2*1980 {
		t.Fatalf("test model: contacts %v", m.Totals.Contacts)
	}
	for _, tc := range []struct {
		label string
		want  float64
	}{
		{"Contacts", m.Totals.Contacts},
		{"Required agent-hours", m.Totals.RequiredHours},
		{"Scheduled agent-hours", m.Totals.ScheduledHours},
		{"Scheduled / required", m.Totals.ScheduledHours / m.Totals.RequiredHours},
		{"Cost", m.Totals.Cost},
	} {
		r := rowOf(t, f, s, tc.label, 0)
		if got := rawNum(t, f, s, "B"+strconv.Itoa(r)); !reporttest.Near(got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.label, got, tc.want)
		}
	}
	// Season dates are dates: 2026-11-23 is serial 46349 (2026-01-01 is 46023).
	r := rowOf(t, f, s, "First day", 0)
	if got := isTime(t, f, s, "B"+strconv.Itoa(r), "yyyy"); got != 46349 {
		t.Errorf("first day serial %v, want 46349", got)
	}
	r = rowOf(t, f, s, "phone", 0)
	if got := rawNum(t, f, s, "B"+strconv.Itoa(r)); got != 0.812 {
		t.Errorf("phone SL %v", got)
	}
	r = rowOf(t, f, s, "Shrinkage", 0)
	if got := rawNum(t, f, s, "B"+strconv.Itoa(r)); got != 0.3 || numFmtOf(t, f, s, "B"+strconv.Itoa(r)) != xlPercentFmt {
		t.Errorf("shrinkage %v as %q", got, numFmtOf(t, f, s, "B"+strconv.Itoa(r)))
	}
	r = rowOf(t, f, s, "New", 0)
	if got := rawNum(t, f, s, "B"+strconv.Itoa(r)); got != 5 {
		t.Errorf("new hires %v", got)
	}
	// The warning that looks like a DDE formula stays text.
	r = rowOf(t, f, s, m.Warnings[1], 0)
	if typ, _ := f.GetCellType(s, "A"+strconv.Itoa(r)); typ != excelize.CellTypeSharedString {
		t.Errorf("warning cell type %v", typ)
	}
	// By-day table: Black Friday (serial 46353) has 1,980 contacts.
	hdr := rowOf(t, f, s, "Date", 0)
	found := false
	for r := hdr + 1; r <= hdr+7; r++ {
		if rawNum(t, f, s, "A"+strconv.Itoa(r)) == 46353 {
			found = true
			if got := rawNum(t, f, s, "B"+strconv.Itoa(r)); got != 1980 {
				t.Errorf("Black Friday contacts %v, want 1980", got)
			}
		}
	}
	if !found {
		t.Error("no Black Friday row in the daily table")
	}
}

func TestWorkbookRoster(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, _ := writeBook(t, m)
	const s = "Roster"
	if got := raw(t, f, s, "A1"); got != "Name" {
		t.Errorf("A1 = %q", got)
	}
	if got := isTime(t, f, s, "F1", "mmm"); got != 46349 {
		t.Errorf("F1 (first day) = %v, want 46349", got)
	}
	// Agent 1 is a lead: Monday 07:00-15:30 marked L, 6 shifts of 8 paid hours.
	if got := raw(t, f, s, "F2"); got != "07:00-15:30 L" {
		t.Errorf("F2 = %q", got)
	}
	if got := raw(t, f, s, "E2"); got != "Lead" {
		t.Errorf("E2 = %q", got)
	}
	if got := fillOf(t, f, s, "F2"); got != report.TierFill(report.TierVeteran) {
		t.Errorf("F2 fill %q, want veteran %q", got, report.TierFill(report.TierVeteran))
	}
	if got := rawNum(t, f, s, "M2"); got != 48 {
		t.Errorf("hours of agent 1 = %v, want 48", got)
	}
	// A name that looks like a formula is a string, not a formula.
	if got := raw(t, f, s, "A3"); got != reporttest.FormulaName {
		t.Errorf("A3 = %q", got)
	}
	if typ, _ := f.GetCellType(s, "A3"); typ != excelize.CellTypeSharedString {
		t.Errorf("A3 type %v, want a shared string", typ)
	}
	if fo, _ := f.GetCellFormula(s, "A3"); fo != "" {
		t.Errorf("A3 has formula %q", fo)
	}
	// Agents on shift: 10 of 40 are off on Monday and 2 only on call;
	// nobody is off on Black Friday, 2 are only on call. The agents on call
	// are a row apart: those 2, and on Friday a veteran after the shift.
	r := rowOf(t, f, s, "Agents on shift", 0)
	if got := rawNum(t, f, s, "F"+strconv.Itoa(r)); got != 28 {
		t.Errorf("on shift Monday = %v, want 28", got)
	}
	if got := rawNum(t, f, s, "J"+strconv.Itoa(r)); got != 38 {
		t.Errorf("on shift Friday = %v, want 38", got)
	}
	r = rowOf(t, f, s, "Agents on call (reserve)", 0)
	if got := rawNum(t, f, s, "F"+strconv.Itoa(r)); got != 2 {
		t.Errorf("on call Monday = %v, want 2", got)
	}
	if got := rawNum(t, f, s, "J"+strconv.Itoa(r)); got != 3 {
		t.Errorf("on call Friday = %v, want 3", got)
	}
	if got := raw(t, f, s, "N1"); got != "On call (hours)" {
		t.Errorf("N1 = %q, want the on-call column", got)
	}
	// Printable: frozen header row and name column, landscape, one page wide.
	panes, err := f.GetPanes(s)
	if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v", panes, err)
	}
	pl, err := f.GetPageLayout(s)
	if err != nil || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout %v %v %v, %v", *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight, err)
	}
	props, err := f.GetSheetProps(s)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page not set: %v", err)
	}
	hf, err := f.GetHeaderFooter(s)
	if err != nil || hf == nil {
		t.Fatalf("no header/footer: %v", err)
	}
	if !strings.Contains(hf.OddHeader, "BFCM 2026 && more") || !strings.Contains(hf.OddHeader, "Mon 23 Nov 2026 – Sun 29 Nov 2026") {
		t.Errorf("header %q", hf.OddHeader)
	}
	if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
		t.Errorf("footer %q has no page number", hf.OddFooter)
	}
	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == s {
			titles = dn.RefersTo
		}
	}
	if titles != "'Roster'!$A:$A,'Roster'!$1:$1" {
		t.Errorf("print titles %q", titles)
	}
	if w, _ := f.GetColWidth(s, "A"); w < float64(len(reporttest.FormulaName)) {
		t.Errorf("name column %v wide, narrower than the longest name", w)
	}
}

func TestWorkbookTimeline(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, _ := writeBook(t, m)
	const s = "Timeline 27 Nov"
	// 48 half-hour columns from C: C2 is 00:00 on 27 Nov (serial 46353).
	if got := isTime(t, f, s, "C2", "hh:mm"); got != 46353 {
		t.Errorf("C2 = %v", got)
	}
	if got := isTime(t, f, s, "AX2", "hh:mm"); !reporttest.Near(got, 46353+47.0/48) {
		t.Errorf("AX2 = %v", got)
	}
	if got := raw(t, f, s, "AY2"); got != "" {
		t.Errorf("AY2 = %q: more than 48 intervals", got)
	}
	cov := map[int64]report.CoverageInterval{}
	for _, c := range m.Coverage {
		cov[c.Start.Unix()] = c
	}
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, m.Loc)
	for _, k := range []int{0, 20, 28, 47} {
		c := cov[day.Add(time.Duration(k)*30*time.Minute).Unix()]
		col := colName(3 + k)
		if got := rawNum(t, f, s, col+"3"); got != c.Required {
			t.Errorf("required %s3 = %v, want %v", col, got, c.Required)
		}
		if got := rawNum(t, f, s, col+"4"); got != c.Scheduled {
			t.Errorf("scheduled %s4 = %v, want %v", col, got, c.Scheduled)
		}
		if got := rawNum(t, f, s, col+"5"); got != c.Scheduled-c.Required {
			t.Errorf("gap %s5 = %v", col, got)
		}
	}
	cf, err := f.GetConditionalFormats(s)
	if err != nil || len(cf["C5:AX5"]) != 2 {
		t.Errorf("gap conditional formats %v, %v", cf, err)
	}
	// Agent 1 leads 12:00-20:30 with breaks at 14:00 and 16:00.
	r := rowOf(t, f, s, "Agent 1", 5)
	rs := strconv.Itoa(r)
	at := func(h, min int) string { return colName(3+h*2+min/30) + rs }
	for _, tc := range []struct {
		cell, text, fill string
	}{
		{at(11, 30), "", ""},
		{at(12, 0), "L", stateFill[stLead]},
		{at(12, 30), "", stateFill[stLead]},
		{at(14, 0), "B", stateFill[stBreak]},
		{at(16, 0), "B", stateFill[stBreak]},
		{at(20, 0), "", stateFill[stLead]},
		{at(20, 30), "", ""},
	} {
		if got := raw(t, f, s, tc.cell); got != tc.text {
			t.Errorf("%s = %q, want %q", tc.cell, got, tc.text)
		}
		if got := fillOf(t, f, s, tc.cell); got != tc.fill {
			t.Errorf("%s fill %q, want %q", tc.cell, got, tc.fill)
		}
	}
	panes, _ := f.GetPanes(s)
	if !panes.Freeze || panes.XSplit != 2 || panes.YSplit != 5 {
		t.Errorf("timeline panes %+v", panes)
	}
}

func TestWorkbookTables(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, p := writeBook(t, m)

	rows, _ := f.GetRows("Coverage")
	if len(rows) != len(m.Coverage)+1 {
		t.Errorf("coverage rows %d, want %d", len(rows), len(m.Coverage)+1)
	}
	if got := isTime(t, f, "Coverage", "A2", "hh:mm"); got != 46349 {
		t.Errorf("coverage A2 = %v", got)
	}
	if got := rawNum(t, f, "Coverage", "B2"); got != m.Coverage[0].Required {
		t.Errorf("coverage B2 = %v", got)
	}

	rows, _ = f.GetRows("Staffing")
	if len(rows) != len(m.Staffing)+1 {
		t.Errorf("staffing rows %d, want %d", len(rows), len(m.Staffing)+1)
	}
	st := m.Staffing[0]
	if got := rawNum(t, f, "Staffing", "F2"); got != float64(st.Agents) {
		t.Errorf("staffing agents %v", got)
	}
	if got := rawNum(t, f, "Staffing", "I2"); !reporttest.Near(got, st.ServiceLevel) {
		t.Errorf("staffing SL %v, want %v", got, st.ServiceLevel)
	}
	if got := raw(t, f, "Staffing", "M2"); got != "service level" {
		t.Errorf("binding %q", got)
	}
	if pl, _ := f.GetPageLayout("Staffing"); *pl.FitToWidth != 1 {
		t.Error("staffing (stream-written) lost its print settings")
	}

	// Forecast: the issue type that looks like a formula stays text.
	r := rowOf(t, f, "Forecast", "Date", 20)
	for rr := r + 1; rr < r+10; rr++ {
		if raw(t, f, "Forecast", "C"+strconv.Itoa(rr)) == "=SUM(A1:A9)" {
			if fo, _ := f.GetCellFormula("Forecast", "C"+strconv.Itoa(rr)); fo != "" {
				t.Errorf("issue type became formula %q", fo)
			}
			r = -1
			break
		}
	}
	if r != -1 {
		t.Error("formula-like issue type not found")
	}

	// Agents: agent 1 worked 6 shifts of 8 paid hours in ISO week 48.
	hdr, _ := f.GetRows("Agents")
	col := slices.Index(hdr[0], "Total hours")
	wk := slices.Index(hdr[0], "2026-W48")
	if col < 0 || wk < 0 {
		t.Fatalf("agents header %q", hdr[0])
	}
	if got := rawNum(t, f, "Agents", colName(col+1)+"2"); got != 48 {
		t.Errorf("agent 1 total hours %v, want 48", got)
	}
	if got := rawNum(t, f, "Agents", colName(wk+1)+"2"); got != 48 {
		t.Errorf("agent 1 week 48 hours %v, want 48", got)
	}

	// Scenarios: "+20% volume" is a name, not a formula.
	if got := raw(t, f, "Scenarios", "C1"); got != "+20% volume" {
		t.Errorf("scenario name %q", got)
	}
	if got := rawNum(t, f, "Scenarios", "B2"); got != m.Totals.Contacts {
		t.Errorf("base scenario contacts %v", got)
	}

	// Native charts: one on Coverage (two lines), two on Forecast.
	if got := chartsOf(t, p, "Coverage"); len(got) != 1 || strings.Count(got[0], "<ser>") != 2 {
		t.Errorf("coverage charts %d", len(got))
	} else if !strings.Contains(got[0], "<lineChart>") || !strings.Contains(got[0], `<auto val="0">`) {
		t.Error("coverage chart is not a line chart on a text axis")
	}
	if got := chartsOf(t, p, "Forecast"); len(got) != 2 {
		t.Errorf("forecast charts %d, want 2", len(got))
	}
}

// chartsOf returns the chart parts drawn on a sheet, read from the package:
// workbook -> sheet -> drawing -> chart relationships.
func chartsOf(t *testing.T, file, sheet string) []string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(name string) string {
		fh, err := zr.Open(name)
		if err != nil {
			return ""
		}
		defer fh.Close()
		b, _ := io.ReadAll(fh)
		return string(b)
	}
	rels := func(part string) map[string]string {
		out := map[string]string{}
		dir, base := path.Split(part)
		re := regexp.MustCompile(`<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"|<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"`)
		for _, m := range re.FindAllStringSubmatch(read(dir+"_rels/"+base+".rels"), -1) {
			id, target := m[1], m[2]
			if id == "" {
				id, target = m[4], m[3]
			}
			if strings.HasPrefix(target, "/") {
				out[id] = strings.TrimPrefix(target, "/")
			} else {
				out[id] = path.Clean(dir + target)
			}
		}
		return out
	}
	wb := read("xl/workbook.xml")
	m := regexp.MustCompile(`<sheet [^>]*name="` + regexp.QuoteMeta(sheet) + `"[^>]*r:id="([^"]+)"`).FindStringSubmatch(wb)
	if m == nil {
		t.Fatalf("sheet %q not in workbook.xml", sheet)
	}
	sheetPart := rels("xl/workbook.xml")[m[1]]
	var charts []string
	for _, target := range rels(sheetPart) {
		if !strings.Contains(target, "drawings/") {
			continue
		}
		for _, c := range rels(target) {
			if strings.Contains(c, "charts/") {
				charts = append(charts, read(c))
			}
		}
	}
	return charts
}

func TestWorkbookEmptySections(t *testing.T) {
	m := reporttest.Model(t, "en")
	only := &report.Model{Title: "Forecast only", Season: m.Season, Loc: m.Loc, Interval: m.Interval, ForecastDays: m.ForecastDays}
	f, _ := writeBook(t, only)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Summary", "Forecast"}) {
		t.Errorf("sheets %q", got)
	}
	// Totals the run did not compute (zero) are left out, not shown as 0.
	rows, _ := f.GetRows("Summary")
	for _, r := range rows {
		if len(r) > 0 && (r[0] == "Cost" || r[0] == "Scheduled agent-hours" || r[0] == "Required agent-hours") {
			t.Errorf("summary shows %q for a run without it", r[0])
		}
	}
	bare := &report.Model{Title: "Nothing yet", Season: m.Season}
	f, _ = writeBook(t, bare)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Summary"}) {
		t.Errorf("sheets %q", got)
	}
	// Peak days without agents give no empty timeline.
	peaks := &report.Model{Title: "x", Season: m.Season, Loc: m.Loc, Interval: m.Interval, PeakDays: m.PeakDays, Coverage: m.Coverage}
	f, _ = writeBook(t, peaks)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Summary", "Coverage"}) {
		t.Errorf("sheets %q", got)
	}
}

// TestScenarioRowsNotComputed: a figure no scenario has (zero in all) is
// no row, in the workbook and in the HTML report.
func TestScenarioRowsNotComputed(t *testing.T) {
	m := reporttest.Model(t, "en")
	for i := range m.Scenarios {
		m.Scenarios[i].Cost, m.Scenarios[i].SimulatedServiceLevel, m.Scenarios[i].HireBy = 0, 0, nil
	}
	f, _ := writeBook(t, m)
	rows, _ := f.GetRows("Scenarios")
	var labels []string
	for _, r := range rows {
		labels = append(labels, r[0])
	}
	want := []string{"Scenario", "Contacts", "Workload (hours)", "Peak required", "Average required", "Scheduled agent-hours",
		"Expected service level", "Abandon rate (simulated)", "Short intervals", "Hires: New", "Hires: Outsourced"}
	if !slices.Equal(labels, want) {
		t.Errorf("scenario rows %q, want %q", labels, want)
	}
	var page strings.Builder
	if err := html.Write(&page, m); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "<td class=\"t\">Simulated service level</td>") {
		t.Error("HTML shows an uncomputed scenario row")
	}
}

func TestWorkbookChineseLabels(t *testing.T) {
	m := reporttest.Model(t, "zh")
	f, _ := writeBook(t, m)
	for _, tc := range []struct{ sheet, cell, want string }{
		{"排班表", "A1", "姓名"},
		{"排班表", "C2", "资深"},
		{"覆盖", "B1", "在线需求"},
		{"人力需求", "M2", "服务水平"},
		{"方案对比", "A2", "进线量"},
	} {
		if got := raw(t, f, tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
	if nf := numFmtOf(t, f, "排班表", "F1"); !strings.Contains(nf, `"月"`) {
		t.Errorf("zh day header format %q", nf)
	}
	hf, _ := f.GetHeaderFooter("排班表")
	if hf == nil || !strings.Contains(hf.OddFooter, "第 &P 页") {
		t.Errorf("zh footer %+v", hf)
	}
	if pl, _ := f.GetPageLayout("排班表"); *pl.Size != 9 {
		t.Errorf("zh paper size %d, want A4 (9)", *pl.Size)
	}
}

func TestWorkbookNonFinite(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Totals.Cost = math.NaN()
	m.Coverage[0].Required = math.Inf(1)
	m.Staffing[0].ServiceLevel = math.NaN()
	m.Agents[0].Name = "bad\x00byte\xff"
	m.Staffing[0].Channel = "=1+1" // the stream writer's inline strings are no formulas either
	f, _ := writeBook(t, m)
	if typ, _ := f.GetCellType("Staffing", "B2"); typ != excelize.CellTypeInlineString {
		t.Errorf("stream-written channel has type %v", typ)
	}
	if fo, _ := f.GetCellFormula("Staffing", "B2"); fo != "" || raw(t, f, "Staffing", "B2") != "=1+1" {
		t.Errorf("stream-written channel became formula %q", fo)
	}
	r := rowOf(t, f, "Summary", "Cost", 0)
	if got := raw(t, f, "Summary", "B"+strconv.Itoa(r)); got != "" {
		t.Errorf("NaN cost written as %q", got)
	}
	if got := raw(t, f, "Coverage", "B2"); got != "" {
		t.Errorf("Inf written as %q", got)
	}
	if got := raw(t, f, "Roster", "A2"); got != "badbyte" {
		t.Errorf("control bytes kept: %q", got)
	}
}

// TestSerial compares with serials Excel shows for these dates (Format
// Cells > Number): 1900-03-01 is 61, 2026-01-01 is 46023; the wall clock
// in the model's zone is what counts.
func TestSerial(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		t    time.Time
		loc  *time.Location
		want float64
	}{
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), time.UTC, 61},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC, 46023},
		{time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC), time.UTC, 46023.75},
		{time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC), ny, 46353 + 7.0/24}, // 07:00 EST
		{time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), ny, 46204 + 8.0/24},   // 08:00 EDT
	}
	for _, tc := range tests {
		if got := serial(tc.t, tc.loc); !reporttest.Near(got, tc.want) {
			t.Errorf("serial(%v in %v) = %v, want %v", tc.t, tc.loc, got, tc.want)
		}
	}
}

// TestRepeatedHourCoverage: a plan over the night the clocks go back
// shows the repeated hour's intervals with their UTC offset in the
// Coverage sheet.
func TestRepeatedHourCoverage(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, ny)
	m := &report.Model{Title: "dst", Season: report.DateRange{Start: day, End: day}, Loc: ny, Interval: 30 * time.Minute}
	for t0 := day; t0.Before(day.AddDate(0, 0, 1)); t0 = t0.Add(30 * time.Minute) {
		m.Coverage = append(m.Coverage, report.CoverageInterval{Start: t0, Required: 1, Scheduled: 1})
	}
	if len(m.Coverage) != 50 { // a 25-hour day
		t.Fatalf("%d intervals", len(m.Coverage))
	}
	start := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC) // 01:30 EDT
	m.Agents = []report.Agent{{ID: "a", Name: "A", Shifts: []report.Shift{{Start: start, End: start.Add(4 * time.Hour)}}}}
	f, _ := writeBook(t, m)
	rows, err := f.GetRows("Coverage")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][4] != "UTC offset" {
		t.Fatalf("header %q", rows[0])
	}
	var at0130 []string
	for _, r := range rows[1:] {
		if strings.HasSuffix(r[0], "01:30") {
			at0130 = append(at0130, r[4])
		}
	}
	if strings.Join(at0130, ",") != "-04:00,-05:00" {
		t.Errorf("01:30 rows carry offsets %q, want -04:00 then -05:00", at0130)
	}
}

func TestSheetText(t *testing.T) {
	tests := []struct{ got, want string }{
		{hfText("A & B", 10), "A && B"},
		{hfText("abcdefghijkl", 5), "abcd…"},
		{colName(1) + colName(26) + colName(27) + colName(52) + colName(703), "AZAAAZAAA"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: %q, want %q", i, tc.got, tc.want)
		}
	}
}

// writeFile writes the workbook of m to path.
func writeFile(path string, m *report.Model) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// TestWriteInvalid: an invalid model is a *report.ModelError and nothing
// is written.
func TestWriteInvalid(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Lang = "fr"
	var b bytes.Buffer
	if err := Write(&b, m); !errors.Is(err, report.ErrInvalidModel) || b.Len() != 0 {
		t.Errorf("invalid model: %v, %d bytes written", err, b.Len())
	}
}

// TestWorkbookRosterHoursWorked: the Roster sheet's hours of an agent are
// the hours worked, as the Agents sheet's total and the Summary's
// scheduled agent-hours count them; reserve duty is on call, in a column
// of its own (tester C, finding 2: a reserve block added 4 hours).
func TestWorkbookRosterHoursWorked(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, _ := writeBook(t, m)
	roster, err := f.GetRows("Roster")
	if err != nil {
		t.Fatal(err)
	}
	agents, err := f.GetRows("Agents")
	if err != nil {
		t.Fatal(err)
	}
	hours, onCall := slices.Index(roster[0], "Hours"), slices.Index(roster[0], "On call (hours)")
	total := slices.Index(agents[0], "Total hours")
	if hours < 0 || onCall < 0 || total < 0 {
		t.Fatalf("roster header %q, agents header %q", roster[0], agents[0])
	}
	worked := map[string]float64{} // the Agents sheet's total, by ID
	for i := 1; i < len(agents); i++ {
		worked[agents[i][1]] = rawNum(t, f, "Agents", colName(total+1)+strconv.Itoa(i+1))
	}
	sum, called := 0.0, 0
	for i, a := range m.Agents {
		r := strconv.Itoa(i + 2)
		if roster[i+1][1] != a.ID {
			t.Fatalf("Roster row %s is %q, want %s", r, roster[i+1][1], a.ID)
		}
		h, oc := rawNum(t, f, "Roster", colName(hours+1)+r), rawNum(t, f, "Roster", colName(onCall+1)+r)
		if math.Abs(h-worked[a.ID]) > 1e-9 {
			t.Errorf("%s: %v hours on the Roster sheet, %v on the Agents sheet", a.ID, h, worked[a.ID])
		}
		want := 0.0
		for _, sh := range a.Shifts {
			if sh.Reserve {
				want += sh.End.Sub(sh.Start).Hours()
			}
		}
		if oc != want {
			t.Errorf("%s: %v hours on call, want %v", a.ID, oc, want)
		}
		if oc > 0 {
			called++
		}
		sum += h
	}
	if called != 3 {
		t.Errorf("%d agents with hours on call, want 3", called)
	}
	if math.Abs(sum-m.Totals.ScheduledHours) > 1e-6 {
		t.Errorf("the Roster sheet's hours sum to %v, the scheduled agent-hours are %v", sum, m.Totals.ScheduledHours)
	}
}
