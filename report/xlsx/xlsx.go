// Package xlsx writes the plan's Excel workbook from a report.Model. It is
// the one package that uses excelize to write.
package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/peakstaff/peakstaff/report"
)

// Write writes the workbook of the plan to w: Summary, Groups, Roster, one
// Timeline per peak day, Coverage, Forecast, Staffing, Agents and
// Scenarios, each only when the model has its data. The workbook is built
// in memory and written at the end; an invalid model is a
// *report.ModelError and nothing is written.
func Write(w io.Writer, m *report.Model) error {
	rv, err := report.NewView(m)
	if err != nil {
		return err
	}
	return (&view{rv}).write(w)
}

// view is the prepared model with the workbook's own helpers.
type view struct{ *report.View }

// write builds the workbook in memory and writes it to w.
func (v *view) write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{v: v, f: f, styles: map[sty]int{}, cond: map[string]int{}}
	lang := "en-US"
	if v.Lang == "zh" {
		lang = "zh-CN"
	}
	b.fail(f.SetDocProps(&excelize.DocProperties{
		Title:    report.CleanText(v.Model.Title),
		Creator:  "peakstaff",
		Language: lang,
		Created:  v.Model.Generated.UTC().Format(time.RFC3339),
	}))
	b.summarySheet()
	b.groupsSheet()
	b.whyShortSheet()
	b.rosterSheet()
	for _, d := range v.PeakDays() {
		b.timelineSheet(d)
	}
	b.coverageSheet()
	b.forecastSheet()
	b.staffingSheet()
	b.agentsSheet()
	b.scenariosSheet()
	if b.err != nil {
		return fmt.Errorf("report: building the workbook: %w", b.err)
	}
	// Summary, the first sheet, is already the active one. SetActiveSheet
	// would re-parse every sheet, the stream-written one too (a second).
	textAxes(f)
	_, err := f.WriteTo(w)
	return err
}

// textAxes turns the category axis of every chart into a text axis.
// excelize always asks for an automatic axis, and spreadsheets make an
// automatic axis over date-formatted cells a date axis with one slot per
// day, which piles all the intervals of a day onto one point.
func textAxes(f *excelize.File) {
	f.Pkg.Range(func(k, val any) bool {
		name, _ := k.(string)
		data, ok := val.([]byte)
		if ok && strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml") {
			f.Pkg.Store(name, bytes.ReplaceAll(data, []byte(`<auto val="1">`), []byte(`<auto val="0">`)))
		}
		return true
	})
}

func (b *book) summarySheet() {
	v := b.v
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.summary"), true)
	s.label(1, 1, v.Model.Title, b.style(styTitle))
	r := 3
	s.str(1, r, L("season.start"), b.style(styBold))
	s.when(2, r, v.Days[0], xlDateFmt(v.Lang), sty{hAlign: "left"})
	r++
	s.str(1, r, L("season.end"), b.style(styBold))
	s.when(2, r, v.Days[len(v.Days)-1], xlDateFmt(v.Lang), sty{hAlign: "left"})
	r++
	s.str(1, r, L("generated"), b.style(styBold))
	s.when(2, r, v.Model.Generated, xlDateTimeFmt(v.Lang), sty{hAlign: "left"})
	r += 2

	tot := v.Model.Totals
	s.str(1, r, L("totals"), b.style(stySect))
	r++
	for _, h := range v.Headlines() {
		s.str(1, r, L(h.Key), 0)
		if h.Note != "" {
			s.label(2, r, h.Note, 0)
			r++
			continue
		}
		s.num(2, r, h.Value, headlineFmt(h))
		if h.Unit != "" {
			s.str(3, r, h.Unit, 0)
		}
		r++
	}
	r++

	if len(tot.ServiceLevel) > 0 {
		s.str(1, r, L("expected_sl"), b.style(stySect))
		r++
		s.header(1, r, L("channel"), L("service_level"))
		r++
		for _, ch := range report.SortedKeys(tot.ServiceLevel) {
			s.str(1, r, ch, 0)
			s.num(2, r, tot.ServiceLevel[ch], xlPercentFmt)
			r++
		}
		r++
	}
	if tiers := report.HireTiers(tot.Hires, tot.HireBy); len(tiers) > 0 {
		s.str(1, r, L("hires"), b.style(stySect))
		r++
		s.header(1, r, L("tier"), L("hires"), L("hire_by"))
		r++
		for _, t := range tiers {
			s.str(1, r, report.TierLabel(v.Lang, t), 0)
			if n, ok := tot.Hires[t]; ok {
				s.num(2, r, float64(n), xlIntFmt)
			}
			s.when(3, r, tot.HireBy[t], xlDateFmt(v.Lang), sty{})
			r++
		}
		r++
	}
	if len(v.Model.Assumptions) > 0 {
		s.str(1, r, L("assumptions"), b.style(stySect))
		r++
		s.header(1, r, L("label"), L("value"))
		r++
		for _, kv := range v.Model.Assumptions {
			s.para(1, 1, r, kv.Label, sty{vAlign: "bottom"})
			b.kvCell(s, 2, r, kv)
			r++
		}
		r++
	}
	if len(v.Model.Warnings) > 0 {
		s.str(1, r, L("warnings"), b.style(stySect))
		r++
		for _, w := range v.Model.Warnings {
			s.para(1, summaryLastCol, r, w, sty{})
			r++
		}
		r++
	}
	days := v.Daily()
	if len(v.Model.Coverage) > 0 || len(v.Model.ForecastDays) > 0 {
		s.str(1, r, L("by_day"), b.style(stySect))
		r++
		cols := v.DayColumns()
		for i, k := range cols {
			s.header(1+i, r, L(k))
		}
		r++
		for _, d := range days {
			s.when(1, r, d.Date, xlDateFmt(v.Lang), sty{hAlign: "left"})
			for i, k := range cols[1:] {
				s.num(2+i, r, d.Figure(k), dayFmt[k])
			}
			r++
		}
	}
	// Column A holds the labels (not the title or the warnings, which span
	// the table): as wide as they are, up to summaryLabelWidth; a longer
	// label wraps onto a second line. The figures of the daily table get
	// narrow columns under wrapped titles, so the sheet prints readably.
	s.widths[1] = max(s.widths[1], 16)
	s.caps[1] = summaryLabelWidth
	for col := 3; col <= summaryLastCol; col++ {
		s.caps[col] = summaryFigureWidth
	}
	s.finish()
	s.printSetup(false, "", "")
}

// The Summary sheet's layout: column A holds labels up to
// summaryLabelWidth wide, the figures of the daily table columns up to
// summaryFigureWidth; warnings and text values span to summaryLastCol,
// the daily table's last column.
const (
	summaryLabelWidth  = 40
	summaryFigureWidth = 12
	summaryLastCol     = 8
)

// dayFmt is the number format of each figure of the daily table.
var dayFmt = map[string]string{"contacts": xlIntFmt, "peak_required": xlIntFmt, "peak_on_queue": xlIntFmt,
	"on_queue_at_peak": xlIntFmt, "shortfall": xlFloat1Fmt, "short_intervals": xlIntFmt, "expected_sl": xlPercentFmt}

// headlineFmt is the number format of a headline figure in the workbook.
func headlineFmt(h report.Headline) string {
	switch {
	case h.Percent:
		return xlPercentFmt
	case h.SheetDec == 1:
		return xlFloat1Fmt
	case h.SheetDec >= 2:
		return xlFloat2Fmt
	}
	return xlIntFmt
}

// kvCell writes an assumption's value as a number, date or text.
func (b *book) kvCell(s *sheet, col, row int, kv report.KV) {
	v := b.v
	unit := report.CleanText(kv.Unit)
	switch x := kv.Value.(type) {
	case float64:
		if unit == "%" {
			s.num(col, row, x, xlPercentFmt)
			return
		}
		s.num(col, row, x, "#,##0.###")
	case float32:
		b.kvCell(s, col, row, report.KV{Label: kv.Label, Value: float64(x), Unit: kv.Unit})
		return
	case int:
		if unit == "%" {
			s.num(col, row, float64(x), xlPercentFmt)
			return
		}
		s.num(col, row, float64(x), xlIntFmt)
	case int64:
		s.num(col, row, float64(x), xlIntFmt)
	case time.Time:
		lt := x.In(v.Loc)
		if lt.Hour() == 0 && lt.Minute() == 0 && lt.Second() == 0 {
			s.when(col, row, x, xlDateFmt(v.Lang), sty{hAlign: "left"})
		} else {
			s.when(col, row, x, xlDateTimeFmt(v.Lang), sty{hAlign: "left"})
		}
		return
	case time.Duration:
		s.num(col, row, x.Seconds(), "#,##0.###")
		unit = "s"
	case string:
		b.kvText(s, col, row, x, unit)
		return
	case nil:
	default:
		b.kvText(s, col, row, fmt.Sprint(x), unit)
		return
	}
	if unit != "" && unit != "%" {
		s.str(col+1, row, unit, 0)
	}
}

// kvText writes an assumption's text value across the value columns of
// the Summary sheet, wrapped, so a long one neither widens column B nor
// runs off the printed page.
func (b *book) kvText(s *sheet, col, row int, text, unit string) {
	if unit != "" && unit != "%" {
		text += " " + unit
	}
	s.para(col, summaryLastCol, row, text, sty{hAlign: "left"})
}

func (b *book) rosterSheet() {
	v := b.v
	if len(v.Model.Agents) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.roster"), false)
	const firstDay = 6
	s.header(1, 1, L("name"), L("id"), L("tier"), L("team"), L("role"))
	peak := map[int]bool{}
	for _, d := range v.PeakDays() {
		if i := v.DayIndex(d); i >= 0 {
			peak[i] = true
		}
	}
	for i, d := range v.Days {
		h := styHeader
		h.numFmt, h.hAlign = xlDayHeaderFmt(v.Lang), "center"
		switch {
		case peak[i]:
			h.fill = "F4B183"
		case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
			h.fill = "FFE699"
		}
		s.when(firstDay+i, 1, d, h.numFmt, h)
	}
	// Hours are the hours worked, as on the Agents sheet; reserve duty is
	// on call, not paid work: its hours and agents are shown apart.
	hoursCol, reserve := firstDay+len(v.Days), v.HasReserve()
	s.header(hoursCol, 1, L("hours"))
	if reserve {
		s.header(hoursCol+1, 1, L("on_call"))
	}
	onShift, onCall := make([]int, len(v.Days)), make([]int, len(v.Days))
	grid := b.style(sty{border: "grid"})
	for ai, a := range v.Model.Agents {
		r := ai + 2
		s.str(1, r, a.Name, grid)
		s.str(2, r, a.ID, grid)
		s.str(3, r, report.TierLabel(v.Lang, a.Tier), b.style(sty{border: "grid", fill: report.TierFill(a.Tier)}))
		s.str(4, r, a.Team, grid)
		s.str(5, r, v.RoleText(a), grid)
		texts := make([][]string, len(v.Days))
		lead := make([]bool, len(v.Days))
		res, work := make([]bool, len(v.Days)), make([]bool, len(v.Days))
		for _, sh := range v.Shifts[ai] {
			i := v.DayIndex(sh.Start)
			if i < 0 {
				continue
			}
			t := v.ShiftText(sh)
			if sh.Lead {
				t += " " + L("mark.lead")
				lead[i] = true
			}
			if sh.Reserve {
				t += " " + L("mark.res")
				res[i] = true
			} else {
				work[i] = true
			}
			texts[i] = append(texts[i], t)
		}
		for i := range v.Days {
			if len(texts[i]) == 0 {
				s.styleRange(firstDay+i, r, firstDay+i, r, grid)
				continue
			}
			if work[i] {
				onShift[i]++
			}
			if res[i] {
				onCall[i]++
			}
			st := sty{fill: report.TierFill(a.Tier), border: "grid", hAlign: "center"}
			if lead[i] {
				st.bold, st.border = true, "lead"
			}
			if res[i] {
				st.italic, st.fontColor = true, "595959"
			}
			s.str(firstDay+i, r, strings.Join(texts[i], " / "), b.style(st))
		}
		s.num(hoursCol, r, report.TotalHours(v.Shifts[ai]), xlFloat1Fmt)
		if reserve {
			s.num(hoursCol+1, r, report.TotalOnCallHours(v.Shifts[ai]), xlFloat1Fmt)
		}
	}
	r := len(v.Model.Agents) + 2
	count := b.style(sty{bold: true, hAlign: "center", numFmt: xlIntFmt})
	s.str(1, r, L("on_shift"), b.style(styBold))
	for i, n := range onShift {
		s.numSt(firstDay+i, r, float64(n), count)
	}
	if reserve {
		r++
		s.str(1, r, L("on_call_n"), b.style(styBold))
		for i, n := range onCall {
			s.numSt(firstDay+i, r, float64(n), count)
		}
	}
	// Legend: one coloured cell per tier, then the markers.
	r += 2
	s.str(1, r, L("legend"), b.style(styBold))
	for _, t := range v.TierOrder() {
		r++
		s.str(1, r, report.TierLabel(v.Lang, t), b.style(sty{fill: report.TierFill(t), border: "grid"}))
	}
	r++
	s.str(1, r, L("legend.lead"), b.style(sty{bold: true, border: "lead"}))
	r++
	s.str(1, r, L("legend.res"), b.style(sty{italic: true, fontColor: "595959", border: "grid"}))
	s.finish()
	b.fail(b.f.SetRowHeight(s.name, 1, 30))
	s.freeze(1, 1)
	s.printSetup(true, "$1:$1", "$A:$A")
}

// Timeline states of an agent in one interval, lowest precedence first.
const (
	stOff uint8 = iota
	stDuty
	stReserve
	stLead
	stBreak
)

var stateFill = [...]string{stDuty: "74C476", stReserve: "BCBDDC", stLead: "6BAED6", stBreak: "FFD54F"}

// dayStates gives an agent's state per interval of a day: on duty where a
// shift overlaps the interval, break where a break overlaps it.
func (v *view) dayStates(shifts []report.Shift, slots []time.Time, state []uint8) bool {
	clear(state)
	hit := false
	if len(slots) == 0 {
		return false
	}
	start, end := slots[0], slots[len(slots)-1].Add(v.Model.Interval)
	mark := func(from, to time.Time, st uint8) {
		if !to.After(start) || !from.Before(end) {
			return
		}
		lo := int(from.Sub(start) / v.Model.Interval)
		hi := int((to.Sub(start) + v.Model.Interval - 1) / v.Model.Interval)
		lo, hi = max(lo, 0), min(hi, len(state))
		for k := lo; k < hi; k++ {
			state[k] = max(state[k], st)
		}
		hit = hit || hi > lo
	}
	for _, s := range shifts {
		st := stDuty
		switch {
		case s.Lead:
			st = stLead
		case s.Reserve:
			st = stReserve
		}
		mark(s.Start, s.End, st)
		for _, br := range s.Breaks {
			mark(br.Start, br.End, stBreak)
		}
	}
	return hit
}

// timelineSheet is one peak day: the coverage per interval, then one row
// per agent on duty with their state in each interval.
func (b *book) timelineSheet(day time.Time) {
	v := b.v
	if len(v.Model.Agents) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	var name string
	if v.Lang == "zh" {
		name = fmt.Sprintf("%s %d月%d日", L("sheet.timeline"), int(day.Month()), day.Day())
	} else {
		name = fmt.Sprintf("%s %d %s", L("sheet.timeline"), day.Day(), day.Format("Jan"))
	}
	s := b.newSheet(name, false)
	slots := v.Intervals(day)
	const first, top = 3, 6 // first interval column, first agent row
	last := first + len(slots) - 1

	b.timelineHeader(s, day, slots, first)
	b.timelineCoverage(s, slots, first)
	b.timelineAgents(s, slots, first, top)
	width := 3.0
	if v.Model.Interval < 30*time.Minute {
		width = 2.6
	}
	b.fail(b.f.SetColWidth(s.name, colName(first), colName(last), width))
	s.finish()
	s.freeze(2, top-1)
	s.printSetup(true, "$2:$5", "$A:$B")
}

// timelineHeader writes a timeline's title, its legend of states and a
// column per interval (the time, with its UTC offset in a repeated hour).
func (b *book) timelineHeader(s *sheet, day time.Time, slots []time.Time, first int) {
	v := b.v
	L := func(k string) string { return report.T(v.Lang, k) }
	last := first + len(slots) - 1
	s.label(1, 1, L("sheet.timeline")+" — "+report.FmtDate(v.Lang, day), b.style(stySect))
	legend := []struct {
		st  uint8
		key string
	}{{stDuty, "on_duty"}, {stBreak, "break"}, {stLead, "lead"}, {stReserve, "reserve"}}
	for i, l := range legend {
		c := first + 4 + i*8
		if c+1 > last {
			break
		}
		s.label(c, 1, b.stateMark(l.st), b.style(sty{fill: stateFill[l.st], hAlign: "center", size: 8}))
		s.label(c+1, 1, L(l.key), 0)
	}

	s.header(1, 2, L("name"), L("tier"))
	hdr := styHeader
	hdr.rotate, hdr.hAlign, hdr.wrap, hdr.size = 90, "center", false, 8
	for k, t := range slots {
		s.fixed[first+k] = true
		if report.Repeated(t, v.Loc) {
			s.str(first+k, 2, v.Clock(t), b.style(hdr))
			continue
		}
		s.when(first+k, 2, t, xlTimeFmt, hdr)
	}
	b.fail(b.f.SetRowHeight(s.name, 2, 34))
}

// timelineCoverage writes the required, scheduled and gap rows under the
// header, gaps coloured red when short and green otherwise.
func (b *book) timelineCoverage(s *sheet, slots []time.Time, first int) {
	v := b.v
	L := func(k string) string { return report.T(v.Lang, k) }
	last := first + len(slots) - 1
	cov := make(map[int64]report.CoverageInterval, len(v.Model.Coverage))
	for _, c := range v.Model.Coverage {
		cov[c.Start.Unix()] = c
	}
	bold := b.style(sty{bold: true, border: "grid"})
	s.str(1, 3, L("required"), bold)
	s.str(1, 4, L("scheduled"), bold)
	s.str(1, 5, L("gap"), bold)
	numSt := b.style(sty{size: 8, hAlign: "center", numFmt: "0", border: "grid"})
	for k, t := range slots {
		c, ok := cov[t.Unix()]
		if !ok {
			continue
		}
		s.numSt(first+k, 3, c.Required, numSt)
		s.numSt(first+k, 4, c.Scheduled, numSt)
		s.numSt(first+k, 5, c.Gap(), numSt)
	}
	gapRange := cell(first, 5) + ":" + cell(last, 5)
	b.fail(b.f.SetConditionalFormat(s.name, gapRange, []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "<", Value: "0", Format: b.condStyle("F8696B", "000000")},
		{Type: "cell", Criteria: ">=", Value: "0", Format: b.condStyle("C6EFCE", "006100")},
	}))
}

// timelineAgents writes one row per agent who works the day, by the start
// of their first shift on it, each interval filled with the agent's state.
func (b *book) timelineAgents(s *sheet, slots []time.Time, first, top int) {
	v := b.v
	// Agents who work this day, by the start of their first shift on it.
	type row struct {
		ai    int
		first time.Time
		state []uint8
	}
	var rows []row
	for ai := range v.Model.Agents {
		state := make([]uint8, len(slots))
		if !v.dayStates(v.Shifts[ai], slots, state) {
			continue
		}
		var f time.Time
		for _, sh := range v.Shifts[ai] {
			if sh.End.After(slots[0]) {
				f = sh.Start
				break
			}
		}
		rows = append(rows, row{ai, f, state})
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.first.Compare(b.first) })
	var stStyle [stBreak + 1]int
	for st := stDuty; st <= stBreak; st++ {
		x := sty{fill: stateFill[st], hAlign: "center", size: 8}
		if st == stLead {
			x.fontColor = "FFFFFF"
		}
		stStyle[st] = b.style(x)
	}
	for i, rw := range rows {
		r := top + i
		a := v.Model.Agents[rw.ai]
		s.str(1, r, a.Name, 0)
		s.str(2, r, report.TierLabel(v.Lang, a.Tier), b.style(sty{fill: report.TierFill(a.Tier)}))
		// One style call per run of equal states keeps 500 x 96 cells fast.
		for k := 0; k < len(rw.state); {
			j := k
			for j < len(rw.state) && rw.state[j] == rw.state[k] {
				j++
			}
			if st := rw.state[k]; st != stOff {
				s.styleRange(first+k, r, first+j-1, r, stStyle[st])
				if st != stDuty {
					s.str(first+k, r, b.stateMark(st), 0)
				}
			}
			k = j
		}
	}
}

// stateMark is the letter printed in a timeline cell, so the sheet reads in
// black and white too.
func (b *book) stateMark(st uint8) string {
	switch st {
	case stBreak:
		return report.T(b.v.Lang, "mark.brk")
	case stLead:
		return report.T(b.v.Lang, "mark.lead")
	case stReserve:
		return report.T(b.v.Lang, "mark.res")
	}
	return ""
}

func (b *book) coverageSheet() {
	v := b.v
	if len(v.Model.Coverage) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.coverage"), false)
	s.header(1, 1, L("start"), L("required"), L("scheduled"), L("gap"))
	offsets := v.HasRepeated()
	if offsets {
		// the hour a daylight-saving change repeats shows twice: the
		// offset tells the two apart
		s.header(5, 1, L("utc_offset"))
	}
	cov := slices.Clone(v.Model.Coverage)
	slices.SortStableFunc(cov, func(a, b report.CoverageInterval) int { return a.Start.Compare(b.Start) })
	dt := xlDateTimeFmt(v.Lang)
	for i, c := range cov {
		r := i + 2
		s.when(1, r, c.Start, dt, sty{})
		s.num(2, r, c.Required, "0.0")
		s.num(3, r, c.Scheduled, "0.0")
		s.num(4, r, c.Gap(), "0.0")
		if offsets {
			s.str(5, r, c.Start.In(v.Loc).Format("-07:00"), 0)
		}
	}
	n := len(cov) + 1
	b.fail(b.f.SetConditionalFormat(s.name, fmt.Sprintf("D2:D%d", n), []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: "<", Value: "0", Format: b.condStyle("F8696B", "000000")},
	}))
	perDay := max(1, int(24*time.Hour/max(v.Model.Interval, time.Minute)))
	b.fail(b.f.AddChart(s.name, "F2", &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{
			{Name: quoteSheet(s.name) + "!$B$1", Categories: absRange(s.name, 1, 2, 1, n), Values: absRange(s.name, 2, 2, 2, n), Marker: excelize.ChartMarker{Symbol: "none"},
				Line: excelize.LineOptions{Width: 1.5}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D62728"}}},
			{Name: quoteSheet(s.name) + "!$C$1", Categories: absRange(s.name, 1, 2, 1, n), Values: absRange(s.name, 3, 2, 3, n), Marker: excelize.ChartMarker{Symbol: "none"},
				Line: excelize.LineOptions{Width: 1.5}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F77B4"}}},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: report.CleanText(L("coverage_chart"))}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{TickLabelSkip: perDay, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "m/d"}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		Dimension: excelize.ChartDimension{Width: 960, Height: 420},
	}))
	s.finish()
	s.freeze(0, 1)
	s.printSetup(false, "$1:$1", "")
}

// forecastSheet shows the forecast: contacts per day and channel, the peak
// day per interval (each with a chart), and the detail per issue type.
func (b *book) forecastSheet() {
	v := b.v
	if len(v.Model.ForecastDays) == 0 && len(v.Model.Intraday) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.forecast"), false)
	chans := v.Channels()
	r := 1
	if len(v.Model.ForecastDays) > 0 {
		r = b.forecastDaily(s, chans, r)
	}
	if len(v.Model.Intraday) > 0 {
		r = b.forecastIntraday(s, chans, r)
	}
	if len(v.Model.ForecastDays) > 0 {
		b.forecastDetail(s, r)
	}
	s.finish()
	s.printSetup(true, "", "")
}

// forecastDaily writes the contacts per day and channel from row r, with
// their chart, and returns the next free row.
func (b *book) forecastDaily(s *sheet, chans []string, r int) int {
	v := b.v
	L := func(k string) string { return report.T(v.Lang, k) }
	s.label(1, r, L("daily_by_channel"), b.style(stySect))
	r++
	hdr := append([]string{L("date")}, chans...)
	s.header(1, r, append(hdr, L("total"))...)
	top := r + 1
	sum := make([][]float64, len(v.Days))
	for i := range sum {
		sum[i] = make([]float64, len(chans))
	}
	for _, f := range v.Model.ForecastDays {
		i := v.DayIndex(f.Date)
		if i < 0 || !report.Finite(f.P50) {
			continue
		}
		sum[i][slices.Index(chans, f.Channel)] += f.P50
	}
	for i, d := range v.Days {
		r++
		s.when(1, r, d, xlDayHeaderFmt(v.Lang), sty{hAlign: "left"})
		t := 0.0
		for c := range chans {
			s.num(2+c, r, sum[i][c], xlIntFmt)
			t += sum[i][c]
		}
		s.num(2+len(chans), r, t, xlIntFmt)
	}
	var series []excelize.ChartSeries
	for c := range chans {
		series = append(series, b.lineSeries(s.name, 2+c, top-1, top, r, report.ChartColor(c)))
	}
	b.fail(b.f.AddChart(s.name, cell(len(chans)+4, 2), &excelize.Chart{
		Type:      excelize.Line,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: report.CleanText(L("daily_by_channel"))}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "m/d"}},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
	}))
	r = max(r, top+18) + 2
	return r
}

// forecastIntraday writes the peak day's contacts per interval and channel
// from row r, with their chart, and returns the next free row.
func (b *book) forecastIntraday(s *sheet, chans []string, r int) int {
	v := b.v
	L := func(k string) string { return report.T(v.Lang, k) }
	times := []time.Time{}
	idx := map[int64]int{}
	for _, iv := range v.Model.Intraday {
		if _, ok := idx[iv.Start.Unix()]; !ok {
			idx[iv.Start.Unix()] = len(times)
			times = append(times, iv.Start)
		}
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i, t := range times {
		idx[t.Unix()] = i
	}
	vals := make([][]float64, len(times))
	for i := range vals {
		vals[i] = make([]float64, len(chans))
	}
	for _, iv := range v.Model.Intraday {
		if report.Finite(iv.Value) {
			vals[idx[iv.Start.Unix()]][slices.Index(chans, iv.Channel)] += iv.Value
		}
	}
	s.label(1, r, L("intraday")+" — "+report.FmtDate(v.Lang, v.Day(times[0])), b.style(stySect))
	r++
	hdr := append([]string{L("time")}, chans...)
	s.header(1, r, append(hdr, L("total"))...)
	top := r + 1
	for i, t := range times {
		r++
		s.when(1, r, t, xlTimeFmt, sty{hAlign: "left"})
		tot := 0.0
		for c := range chans {
			s.num(2+c, r, vals[i][c], "0.0")
			tot += vals[i][c]
		}
		s.num(2+len(chans), r, tot, "0.0")
	}
	var series []excelize.ChartSeries
	for c := range chans {
		series = append(series, b.lineSeries(s.name, 2+c, top-1, top, r, report.ChartColor(c)))
	}
	b.fail(b.f.AddChart(s.name, cell(len(chans)+4, top-1), &excelize.Chart{
		Type:      excelize.Line,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: report.CleanText(L("intraday"))}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "hh:mm"}, TickLabelSkip: max(1, len(times)/12)},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
	}))
	r = max(r, top+18) + 2
	return r
}

// forecastDetail writes the forecast per day, channel and issue type from
// row r: the bands, the handle time and the event.
func (b *book) forecastDetail(s *sheet, r int) {
	v := b.v
	L := func(k string) string { return report.T(v.Lang, k) }
	s.label(1, r, L("daily_detail"), b.style(stySect))
	r++
	s.header(1, r, L("date"), L("channel"), L("issue_type"), L("p10"), L("p50"), L("p90"), L("aht_s"), L("event"))
	fd := slices.Clone(v.Model.ForecastDays)
	slices.SortStableFunc(fd, func(a, b report.ForecastDay) int { return a.Date.Compare(b.Date) })
	for _, f := range fd {
		r++
		s.when(1, r, f.Date, xlDayHeaderFmt(v.Lang), sty{hAlign: "left"})
		s.str(2, r, f.Channel, 0)
		s.str(3, r, f.IssueType, 0)
		s.num(4, r, f.P10, "#,##0.0")
		s.num(5, r, f.P50, "#,##0.0")
		s.num(6, r, f.P90, "#,##0.0")
		s.num(7, r, f.AHTSeconds, xlIntFmt)
		s.str(8, r, f.Event, 0)
	}
}

// lineSeries is one column of a table as a chart line, named by its header.
func (b *book) lineSeries(sheet string, col, hdrRow, r1, r2 int, color string) excelize.ChartSeries {
	return excelize.ChartSeries{
		Name:       quoteSheet(sheet) + "!$" + colName(col) + "$" + fmt.Sprint(hdrRow),
		Categories: absRange(sheet, 1, r1, 1, r2),
		Values:     absRange(sheet, col, r1, col, r2),
		Line:       excelize.LineOptions{Width: 1.75},
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
		Marker:     excelize.ChartMarker{Symbol: "none"},
	}
}

// staffingSheet is the biggest plain table (intervals x channels), so it
// goes through the stream writer: it has no chart or conditional format
// that the stream writer would drop.
func (b *book) staffingSheet() {
	v := b.v
	if len(v.Model.Staffing) == 0 || b.err != nil {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	name := b.uniqueSheetName(L("sheet.staffing"))
	_, err := b.f.NewSheet(name)
	b.fail(err)
	// Print settings first: the stream writer copies them into the sheet
	// when it starts and flushes, and ignores later changes.
	ps := newSheetLayout(b, name)
	ps.printSetup(true, "$1:$1", "")
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		b.fail(err)
		return
	}
	titles := []string{L("start"), L("channel"), L("contacts"), L("aht_s"), L("traffic"), L("agents_req"), L("agents_frac"), L("to_schedule"), L("service_level"), L("asa_s"), L("occupancy"), L("abandon"), L("binding")}
	offsets := v.HasRepeated()
	if offsets {
		titles = append(titles, L("utc_offset"))
	}
	widths := make([]int, len(titles))
	for i, t := range titles {
		widths[i] = max(8, min(report.TextWidth(t), 16))
	}
	widths[0] = max(widths[0], report.TextWidth(report.FmtDateTime(v.Lang, v.Days[0])))
	for _, st := range v.Model.Staffing {
		widths[1] = max(widths[1], report.TextWidth(st.Channel))
		widths[12] = max(widths[12], report.TextWidth(report.BindingLabel(v.Lang, st.Binding)))
	}
	for i, w := range widths {
		b.fail(sw.SetColWidth(i+1, i+1, math.Min(40, float64(w)+2)))
	}
	b.fail(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}))
	hs := b.style(styHeader)
	row := make([]any, len(titles))
	for i, t := range titles {
		row[i] = excelize.Cell{StyleID: hs, Value: report.CleanText(t)}
	}
	b.fail(sw.SetRow("A1", row, excelize.RowOpts{Height: 30}))
	dt, n0, n1, n2, pct := b.numSty(xlDateTimeFmt(v.Lang)), b.numSty("#,##0"), b.numSty("#,##0.0"), b.numSty("0.00"), b.numSty(xlPercentFmt)
	num := func(f float64, st int) any {
		if !report.Finite(f) {
			return excelize.Cell{StyleID: st}
		}
		return excelize.Cell{StyleID: st, Value: f}
	}
	staff := slices.Clone(v.Model.Staffing)
	slices.SortStableFunc(staff, func(a, b report.StaffInterval) int { return a.Start.Compare(b.Start) })
	for i, st := range staff {
		if b.err != nil {
			break
		}
		if st.Deferred {
			// Deferred work has a deadline, not a service level, an answer
			// time or callers who hang up: blank, as in requirements.csv.
			st.ServiceLevel, st.ASASeconds, st.PAbandon = math.NaN(), math.NaN(), math.NaN()
		}
		row := []any{
			excelize.Cell{StyleID: dt, Value: serial(st.Start, v.Loc)},
			report.CleanText(st.Channel),
			num(st.Contacts, n1),
			num(st.AHTSeconds, n1),
			num(st.TrafficErlangs, n2),
			excelize.Cell{StyleID: n0, Value: st.Agents},
			num(st.AgentsFractional, n2),
			excelize.Cell{StyleID: n0, Value: st.Scheduled},
			num(st.ServiceLevel, pct),
			num(st.ASASeconds, n1),
			num(st.Occupancy, pct),
			num(st.PAbandon, pct),
			report.CleanText(report.BindingLabel(v.Lang, st.Binding)),
		}
		if offsets {
			row = append(row, st.Start.In(v.Loc).Format("-07:00"))
		}
		b.fail(sw.SetRow(cell(1, i+2), row))
	}
	b.fail(sw.Flush())
}

func (b *book) agentsSheet() {
	v := b.v
	if len(v.Model.AgentStats) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.agents"), false)
	weekSet := map[string]bool{}
	for _, st := range v.Model.AgentStats {
		for w := range st.HoursPerWeek {
			weekSet[w] = true
		}
	}
	weeks := report.SortedKeys(weekSet)
	hdr := []string{L("name"), L("id"), L("tier"), L("team"), L("role")}
	hdr = append(hdr, weeks...)
	hdr = append(hdr, L("total_hours"), L("nights"), L("weekends"), L("peak_blocks"))
	s.header(1, 1, hdr...)
	type line struct {
		a  report.Agent
		st *report.AgentStat
	}
	var lines []line
	seen := map[string]bool{}
	for _, a := range v.Model.Agents {
		if st, ok := v.Stats[a.ID]; ok {
			lines = append(lines, line{a, st})
			seen[a.ID] = true
		}
	}
	for i := range v.Model.AgentStats {
		st := &v.Model.AgentStats[i]
		if !seen[st.ID] {
			lines = append(lines, line{report.Agent{ID: st.ID}, st})
			seen[st.ID] = true
		}
	}
	tc := 6 + len(weeks) // total hours column
	for i, l := range lines {
		r := i + 2
		s.str(1, r, l.a.Name, 0)
		s.str(2, r, l.a.ID, 0)
		if l.a.Tier != "" {
			s.str(3, r, report.TierLabel(v.Lang, l.a.Tier), b.style(sty{fill: report.TierFill(l.a.Tier)}))
		}
		s.str(4, r, l.a.Team, 0)
		s.str(5, r, v.RoleText(l.a), 0)
		total := 0.0
		for w, wk := range weeks {
			h, ok := l.st.HoursPerWeek[wk]
			if !ok {
				continue
			}
			s.num(6+w, r, h, "0.0")
			if report.Finite(h) {
				total += h
			}
		}
		s.num(tc, r, total, "0.0")
		s.num(tc+1, r, float64(l.st.Nights), xlIntFmt)
		s.num(tc+2, r, float64(l.st.Weekends), xlIntFmt)
		s.num(tc+3, r, float64(l.st.PeakBlocks), xlIntFmt)
	}
	n := len(lines) + 1
	if n >= 2 {
		b.fail(b.f.SetConditionalFormat(s.name, fmt.Sprintf("%s2:%s%d", colName(tc), colName(tc), n), []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=", MinType: "min", MidType: "percentile", MaxType: "max",
			MidValue: "50", MinColor: "#F8696B", MidColor: "#FFEB84", MaxColor: "#63BE7B",
		}}))
		for c := tc + 1; c <= tc+3; c++ {
			b.fail(b.f.SetConditionalFormat(s.name, fmt.Sprintf("%s2:%s%d", colName(c), colName(c), n), []excelize.ConditionalFormatOptions{{
				Type: "data_bar", Criteria: "=", MinType: "min", MaxType: "max", BarColor: "#638EC6",
			}}))
		}
	}
	s.finish()
	s.freeze(1, 1)
	s.printSetup(true, "$1:$1", "$A:$A")
}

func (b *book) scenariosSheet() {
	v := b.v
	if len(v.Model.Scenarios) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.scenarios"), false)
	hs := b.style(styHeader)
	s.str(1, 1, L("scenario"), hs)
	for i, sc := range v.Model.Scenarios {
		s.str(2+i, 1, sc.Name, hs)
	}
	type metric struct {
		key    string
		numFmt string
		get    func(report.Scenario) float64
	}
	metrics := []metric{
		{"contacts", xlIntFmt, func(s report.Scenario) float64 { return s.Contacts }},
		{"workload_hours", xlFloat1Fmt, func(s report.Scenario) float64 { return s.WorkloadHours }},
		{"peak_required", xlIntFmt, func(s report.Scenario) float64 { return float64(s.PeakRequired) }},
		{"avg_required", xlFloat1Fmt, func(s report.Scenario) float64 { return s.AvgRequired }},
		{"required_hours", xlFloat1Fmt, func(s report.Scenario) float64 { return s.RequiredHours }},
		{"scheduled_hours", xlFloat1Fmt, func(s report.Scenario) float64 { return s.ScheduledHours }},
		{"cost", xlFloat2Fmt, func(s report.Scenario) float64 { return s.Cost }},
		{"expected_sl", xlPercentFmt, func(s report.Scenario) float64 { return s.ServiceLevel }},
		{"sim_sl", xlPercentFmt, func(s report.Scenario) float64 { return s.SimulatedServiceLevel }},
		{"abandon_rate", xlPercentFmt, func(s report.Scenario) float64 { return s.AbandonRate }},
		{"shortfall_hours", xlFloat1Fmt, func(s report.Scenario) float64 { return s.ShortfallHours }},
		{"short_intervals", xlIntFmt, func(s report.Scenario) float64 { return float64(s.ShortIntervals) }},
	}
	r := 2
	bold := b.style(styBold)
	for _, mt := range metrics {
		if !slices.ContainsFunc(v.Model.Scenarios, func(sc report.Scenario) bool { return mt.get(sc) != 0 }) {
			continue // not computed in any scenario
		}
		s.str(1, r, L(mt.key), bold)
		for i, sc := range v.Model.Scenarios {
			s.num(2+i, r, mt.get(sc), mt.numFmt)
		}
		r++
	}
	tierSet := map[string]bool{}
	for _, sc := range v.Model.Scenarios {
		for _, t := range report.HireTiers(sc.Hires, sc.HireBy) {
			tierSet[t] = true
		}
	}
	for _, t := range report.SortedKeys(tierSet) {
		if slices.ContainsFunc(v.Model.Scenarios, func(sc report.Scenario) bool { _, ok := sc.Hires[t]; return ok }) {
			s.str(1, r, fmt.Sprintf(L("hires_of"), report.TierLabel(v.Lang, t)), bold)
			for i, sc := range v.Model.Scenarios {
				if n, ok := sc.Hires[t]; ok {
					s.num(2+i, r, float64(n), xlIntFmt)
				}
			}
			r++
		}
		if slices.ContainsFunc(v.Model.Scenarios, func(sc report.Scenario) bool { return !sc.HireBy[t].IsZero() }) {
			s.str(1, r, fmt.Sprintf(L("hire_by_of"), report.TierLabel(v.Lang, t)), bold)
			for i, sc := range v.Model.Scenarios {
				s.when(2+i, r, sc.HireBy[t], xlDateFmt(v.Lang), sty{})
			}
			r++
		}
	}
	s.finish()
	s.freeze(1, 1)
	s.printSetup(true, "$1:$1", "$A:$A")
}
