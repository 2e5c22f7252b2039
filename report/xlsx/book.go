package xlsx

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peakstaff/peakstaff/report"
	"github.com/xuri/excelize/v2"
)

// book wraps an excelize file with a sticky error (the first failure is kept
// and later calls do nothing, as bufio.Writer does), a style cache and
// per-sheet column widths, so the sheet builders read as layouts.
type book struct {
	v      *view
	f      *excelize.File
	err    error
	styles map[sty]int
	cond   map[string]int
}

func (b *book) fail(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// sty is a cell style in the few terms the report uses; comparable, so it
// keys the style cache.
type sty struct {
	numFmt    string
	bold      bool
	italic    bool
	size      float64
	fill      string // RGB hex, "" for none
	fontColor string
	hAlign    string
	vAlign    string
	wrap      bool
	rotate    int
	indent    int    // characters of space before left-aligned text
	border    string // "", "grid" (thin grey), "lead" (thick dark)
}

func (b *book) style(s sty) int {
	if id, ok := b.styles[s]; ok {
		return id
	}
	st := &excelize.Style{}
	if s.numFmt != "" {
		nf := s.numFmt
		st.CustomNumFmt = &nf
	}
	if s.bold || s.italic || s.size != 0 || s.fontColor != "" {
		// Without a family LibreOffice falls back to a serif font.
		size := s.size
		if size == 0 {
			size = 11
		}
		st.Font = &excelize.Font{Family: "Calibri", Bold: s.bold, Italic: s.italic, Size: size, Color: s.fontColor}
	}
	if s.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.fill}}
	}
	if s.hAlign != "" || s.vAlign != "" || s.wrap || s.rotate != 0 || s.indent != 0 {
		st.Alignment = &excelize.Alignment{Horizontal: s.hAlign, Vertical: s.vAlign, WrapText: s.wrap, TextRotation: s.rotate, Indent: s.indent}
	}
	switch s.border {
	case "grid":
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "BFBFBF", Style: 1})
		}
	case "lead":
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "1F1F1F", Style: 2})
		}
	}
	id, err := b.f.NewStyle(st)
	b.fail(err)
	b.styles[s] = id
	return id
}

// condStyle is a fill-and-font style for conditional formats.
func (b *book) condStyle(fill, font string) *int {
	key := fill + "/" + font
	if id, ok := b.cond[key]; ok {
		return &id
	}
	id, err := b.f.NewConditionalStyle(&excelize.Style{
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
		Font: &excelize.Font{Color: font},
	})
	b.fail(err)
	b.cond[key] = id
	return &id
}

// Common styles.
var (
	styTitle  = sty{bold: true, size: 14}
	stySect   = sty{bold: true, size: 12}
	styHeader = sty{bold: true, fill: "D9E1F2", border: "grid", vAlign: "center", wrap: true}
	styBold   = sty{bold: true}
)

func (b *book) numSty(numFmt string) int { return b.style(sty{numFmt: numFmt}) }

// colName is the column letter(s) of a 1-based column index.
func colName(c int) string {
	var buf [8]byte
	i := len(buf)
	for c > 0 && i > 0 {
		c--
		i--
		buf[i] = byte('A' + c%26)
		c /= 26
	}
	return string(buf[i:])
}

// cell is the A1 name of a 1-based column and row.
func cell(c, r int) string { return colName(c) + strconv.Itoa(r) }

// quoteSheet quotes a sheet name for a reference: 'Name'!A1.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// absRange is 'Sheet'!$A$1:$B$9.
func absRange(sheet string, c1, r1, c2, r2 int) string {
	return quoteSheet(sheet) + "!$" + colName(c1) + "$" + strconv.Itoa(r1) + ":$" + colName(c2) + "$" + strconv.Itoa(r2)
}

// sheet is one worksheet being laid out; widths collects the widest text
// per column so columns fit their content, hard the widest number or date
// (which cannot wrap: a narrower column shows "###"), caps the widest a
// column of wrapping text gets, and wraps the text whose rows must grow.
type sheet struct {
	b      *book
	name   string
	widths map[int]int
	hard   map[int]int
	caps   map[int]float64
	fixed  map[int]bool
	wraps  []wrapped
}

// wrapped is text that wraps within columns c1..c2 of a row.
type wrapped struct {
	c1, c2, row int
	text        string
}

func (b *book) newSheet(name string, first bool) *sheet {
	name = b.uniqueSheetName(name)
	if first {
		b.fail(b.f.SetSheetName(b.f.GetSheetName(0), name))
	} else {
		_, err := b.f.NewSheet(name)
		b.fail(err)
	}
	return newSheetLayout(b, name)
}

func newSheetLayout(b *book, name string) *sheet {
	return &sheet{b: b, name: name, widths: map[int]int{}, hard: map[int]int{}, caps: map[int]float64{}, fixed: map[int]bool{}}
}

// uniqueSheetName drops the characters sheet names may not hold, keeps 31
// characters and adds " (2)" on a clash.
func (b *book) uniqueSheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, report.CleanText(name))
	name = strings.Trim(name, "'")
	if name == "" {
		name = "Sheet"
	}
	trim := func(s string, n int) string {
		r := []rune(s)
		if len(r) > n {
			r = r[:n]
		}
		return string(r)
	}
	base := trim(name, 31)
	cand := base
	for i := 2; ; i++ {
		if idx, _ := b.f.GetSheetIndex(cand); idx < 0 {
			return cand
		}
		suffix := " (" + strconv.Itoa(i) + ")"
		cand = trim(base, 31-len(suffix)) + suffix
	}
}

func (s *sheet) fit(col int, text string) {
	if s.fixed[col] {
		return
	}
	w := 0
	for _, line := range strings.Split(text, "\n") {
		w = max(w, report.TextWidth(line))
	}
	s.widths[col] = max(s.widths[col], w)
}

// fitHard widens col for a number or a date, which cannot wrap.
func (s *sheet) fitHard(col int, text string) {
	if !s.fixed[col] {
		s.hard[col] = max(s.hard[col], report.TextWidth(text))
	}
}

// str writes text as a string cell: a shared string is never evaluated, so
// "=HYPERLINK(...)" from an export stays text.
func (s *sheet) str(col, row int, text string, st int) {
	if s.b.err != nil {
		return
	}
	text = report.CleanText(text)
	c := cell(col, row)
	if text != "" {
		s.b.fail(s.b.f.SetCellStr(s.name, c, text))
	}
	if st != 0 {
		s.b.fail(s.b.f.SetCellStyle(s.name, c, c, st))
	}
	s.fit(col, text)
}

// label writes text that may overflow into the empty cells to its right
// (titles, warnings), so it does not widen its column.
func (s *sheet) label(col, row int, text string, st int) {
	fixed := s.fixed[col]
	s.fixed[col] = true
	s.str(col, row, text, st)
	s.fixed[col] = fixed
}

// num writes a number; NaN and infinities leave the cell blank.
func (s *sheet) num(col, row int, v float64, numFmt string) {
	if s.b.err != nil {
		return
	}
	c := cell(col, row)
	if report.Finite(v) {
		s.b.fail(s.b.f.SetCellFloat(s.name, c, v, -1, 64))
		s.fitHard(col, report.FmtNum(v, decimals(numFmt))+" ")
	}
	if numFmt != "" {
		st := s.b.numSty(numFmt)
		s.b.fail(s.b.f.SetCellStyle(s.name, c, c, st))
	}
}

// decimals guesses how many decimals a number format shows, for widths.
func decimals(numFmt string) int {
	if i := strings.IndexByte(numFmt, '.'); i >= 0 {
		return strings.Count(numFmt[i:], "0")
	}
	return 0
}

// numSt writes a number with an explicit style.
func (s *sheet) numSt(col, row int, v float64, st int) {
	if s.b.err != nil {
		return
	}
	c := cell(col, row)
	if report.Finite(v) {
		s.b.fail(s.b.f.SetCellFloat(s.name, c, v, -1, 64))
		s.fitHard(col, report.FmtNum(v, 1))
	}
	if st != 0 {
		s.b.fail(s.b.f.SetCellStyle(s.name, c, c, st))
	}
}

// when writes t as an Excel date/time serial of its wall clock in the
// model's zone with the given format; a zero time leaves the cell blank.
func (s *sheet) when(col, row int, t time.Time, numFmt string, extra sty) {
	if s.b.err != nil {
		return
	}
	c := cell(col, row)
	extra.numFmt = numFmt
	st := s.b.style(extra)
	if !t.IsZero() {
		s.b.fail(s.b.f.SetCellFloat(s.name, c, serial(t, s.b.v.Loc), -1, 64))
		s.fitHard(col, approxDateText(numFmt, s.b.v.Lang, t.In(s.b.v.Loc)))
	}
	s.b.fail(s.b.f.SetCellStyle(s.name, c, c, st))
}

// approxDateText is about as wide as the spreadsheet's rendering of t.
func approxDateText(numFmt, lang string, t time.Time) string {
	switch {
	case numFmt == xlTimeFmt:
		return "00:00"
	case strings.Contains(numFmt, "hh:mm"):
		return report.FmtDateTime(lang, t)
	case strings.Contains(numFmt, "yyyy"):
		return report.FmtDate(lang, t)
	default:
		return report.FmtDay(lang, t)
	}
}

func (s *sheet) styleRange(c1, r1, c2, r2, st int) {
	if s.b.err != nil || st == 0 {
		return
	}
	s.b.fail(s.b.f.SetCellStyle(s.name, cell(c1, r1), cell(c2, r2), st))
}

// header writes a row of column titles from column col on; a title wider
// than its (capped) column wraps and the row grows.
func (s *sheet) header(col, row int, titles ...string) {
	st := s.b.style(styHeader)
	for i, t := range titles {
		s.str(col+i, row, t, st)
		s.wraps = append(s.wraps, wrapped{col + i, col + i, row, report.CleanText(t)})
	}
}

// para writes text that wraps within columns c1..c2 of row, merged when
// c2 > c1 (a single column still widens up to its cap); finish makes the
// row tall enough for every line, so nothing is cut when printed.
func (s *sheet) para(c1, c2, row int, text string, st sty) {
	st.wrap = true
	if st.vAlign == "" {
		st.vAlign = "top"
	}
	id := s.b.style(st)
	if c2 > c1 {
		s.label(c1, row, text, id)
		s.styleRange(c1, row, c2, row, id)
		s.b.fail(s.b.f.MergeCell(s.name, cell(c1, row), cell(c2, row)))
	} else {
		s.str(c1, row, text, id)
	}
	s.wraps = append(s.wraps, wrapped{c1, c2, row, report.CleanText(text)})
}

// finish sets the fitted column widths (a little padding, 6 to 60
// characters, no wider than a column's cap but never narrower than its
// numbers and dates), then the heights of the rows whose text wraps.
func (s *sheet) finish() {
	cols := map[int]bool{}
	for col := range s.widths {
		cols[col] = true
	}
	for col := range s.hard {
		cols[col] = true
	}
	for col := range cols {
		if s.fixed[col] {
			continue
		}
		width := float64(s.widths[col]) + 2
		if c, ok := s.caps[col]; ok {
			width = math.Min(width, c)
		}
		width = math.Max(width, float64(s.hard[col])+2)
		width = math.Min(60, math.Max(6, width))
		s.b.fail(s.b.f.SetColWidth(s.name, colName(col), colName(col), width))
	}
	s.rowHeights()
}

// rowHeights makes every row with wrapped text tall enough for its lines:
// spreadsheets do not grow a row for wrapped text by themselves (printed,
// the lines overlap and are cut).
func (s *sheet) rowHeights() {
	lines := map[int]int{}
	for _, w := range s.wraps {
		width := 0.0
		for c := w.c1; c <= w.c2; c++ {
			cw, err := s.b.f.GetColWidth(s.name, colName(c))
			s.b.fail(err)
			width += cw
		}
		lines[w.row] = max(lines[w.row], wrapLines(w.text, width))
	}
	line := 15.0 // points per line of 11-point Calibri
	if s.b.v.Lang == "zh" {
		line = 17 // CJK fonts set their lines further apart
	}
	for row, n := range lines {
		if n > 1 {
			s.b.fail(s.b.f.SetRowHeight(s.name, row, float64(n)*line+3))
		}
	}
}

// wrapLines is about how many lines text takes in a column width
// characters wide (the width of a digit): words wrap at spaces, a word
// wider than the column (or Chinese text, which has no spaces) breaks
// anywhere. Letters are a little narrower than digits and a space half
// of one; where it is wrong it counts a line too many, which costs a
// little space, not a cut line.
func wrapLines(text string, width float64) int {
	room := max(1, width-1)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n++
		used := 0.0
		for _, word := range strings.Fields(para) {
			w := textWidth(word)
			switch {
			case used == 0:
			case used+0.5+w <= room:
				used += 0.5 + w
				continue
			default:
				n++
			}
			for w > room { // a word longer than a line
				n++
				w -= room
			}
			used = w
		}
	}
	return max(1, n)
}

// textWidth is the printed width of s in digit widths: 2 for a wide
// (Chinese) character, 0.9 for any other.
func textWidth(s string) float64 {
	wide := report.TextWidth(s) - utf8.RuneCountInString(s)
	return float64(wide)*2 + float64(utf8.RuneCountInString(s)-wide)*0.9
}

// printSetup makes the sheet print as a manager expects: orientation, one
// page wide (as many tall as needed), repeated title rows and columns, and
// a header and footer with the plan's title, season and page number.
func (s *sheet) printSetup(landscape bool, titleRows, titleCols string) {
	b := s.b
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	one, zero := 1, 0
	layout := &excelize.PageLayoutOptions{Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}
	if b.v.Lang == "zh" {
		a4 := 9
		layout.Size = &a4
	}
	b.fail(b.f.SetPageLayout(s.name, layout))
	yes := true
	b.fail(b.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &yes}))
	// Every margin must be given: excelize writes the ones left out as 0,
	// which puts the header and footer off the printable area.
	side, tb, hf := 0.4, 0.75, 0.3
	b.fail(b.f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf}))
	var refs []string
	if titleCols != "" {
		refs = append(refs, quoteSheet(s.name)+"!"+titleCols)
	}
	if titleRows != "" {
		refs = append(refs, quoteSheet(s.name)+"!"+titleRows)
	}
	if len(refs) > 0 {
		b.fail(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: strings.Join(refs, ","), Scope: s.name}))
	}
	b.fail(b.f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"" + hfText(b.v.Model.Title, 100) + "&R" + hfText(b.v.SeasonText(), 60),
		OddFooter: "&L" + hfText(s.name, 40) + "&C" + report.T(b.v.Lang, "page") + "&R" + hfText(report.FmtDateTime(b.v.Lang, b.v.Model.Generated.In(b.v.Loc)), 40),
	}))
}

// hfText escapes text for a header or footer ("&" starts a code there) and
// keeps it short: the whole header may hold 255 characters.
func hfText(s string, n int) string {
	r := []rune(strings.ReplaceAll(report.CleanText(s), "\n", " "))
	if len(r) > n {
		r = append(r[:n-1], '…')
	}
	return strings.ReplaceAll(string(r), "&", "&&")
}

// freeze keeps the first cols columns and rows rows in view.
func (s *sheet) freeze(cols, rows int) {
	if cols == 0 && rows == 0 {
		return
	}
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	tl := cell(cols+1, rows+1)
	s.b.fail(s.b.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: tl, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: pane}},
	}))
}
