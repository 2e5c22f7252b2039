package table

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/xuri/excelize/v2"
)

// rawCells keeps cell values unformatted: dates stay Excel serial numbers
// ("45988.5") that the caller parses exactly, instead of text in
// whatever display format the author chose.
var rawCells = excelize.Options{RawCellValue: true}

// xlsxReader streams the rows of one worksheet.
type xlsxReader struct {
	name       string
	f          *excelize.File
	rows       *excelize.Rows
	info       Info
	header     []string
	headerLine int
	rowNum     int      // row number of the row last read
	pad        []string // reused to pad short rows to the header width

	pending          []bufferedRecord // rows read while looking for the header; end holds the blank rows before each
	blankAfterWindow int              // blank rows read after the last buffered one
	blank            int
	blankPending     int
	done             bool
	closers          closers

	// date1904: the workbook counts days from 1904-01-01 (older Mac
	// Excel); its date cells are moved to the 1900 system callers read.
	date1904   bool
	dateStyles map[int]bool // style ID -> its number format shows a date
}

// excelizeCall runs fn and turns a panic inside excelize into an error:
// a damaged workbook must not crash the import.
func excelizeCall(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: damaged: %v", ErrWorkbook, p)
		}
	}()
	return fn()
}

func newXLSXReader(name string, src io.Reader, opts Options, x *expansion, cl closers) (*xlsxReader, error) {
	r := &xlsxReader{name: name, info: Info{Kind: XLSX}, closers: cl}
	unzip := x.cap()
	err := excelizeCall(func() error {
		f, err := excelize.OpenReader(src, excelize.Options{UnzipSizeLimit: unzip, UnzipXMLSizeLimit: min(unzip, 16<<20)})
		if err != nil {
			return fmt.Errorf("%w: %w", ErrWorkbook, err)
		}
		r.f = f
		if err := r.readDateSystem(); err != nil {
			return err
		}
		return r.chooseSheet(opts.Sheet)
	})
	if err == nil {
		err = excelizeCall(r.findHeader)
	}
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// chooseSheet opens the named sheet, or the first one with data (and
// warns about the others, which the user may have meant).
func (r *xlsxReader) chooseSheet(want string) error {
	sheets := r.f.GetSheetList()
	if want != "" {
		for _, pass := range []func(a, b string) bool{
			func(a, b string) bool { return a == b }, strings.EqualFold,
		} {
			for _, s := range sheets {
				if pass(s, want) {
					return r.openSheet(s)
				}
			}
		}
		return fmt.Errorf("%w: no sheet %q in the workbook: it has %s", ErrBadOption, want, quoteList(sheets))
	}
	var withData []string
	for _, s := range sheets {
		if r.sheetHasData(s) {
			withData = append(withData, s)
		}
	}
	if len(withData) == 0 {
		return ErrEmptyFile
	}
	if len(withData) > 1 {
		r.info.Warnings = append(r.info.Warnings, fmt.Sprintf("sheet %q read; the workbook also has %s (use --sheet)", withData[0], quoteList(withData[1:])))
	}
	return r.openSheet(withData[0])
}

func (r *xlsxReader) openSheet(s string) error {
	rows, err := r.f.Rows(s)
	if err != nil {
		return fmt.Errorf("%w: sheet %q: %w", ErrWorkbook, s, err)
	}
	r.rows, r.info.Sheet = rows, s
	return nil
}

func (r *xlsxReader) sheetHasData(s string) bool {
	rows, err := r.f.Rows(s)
	if err != nil {
		return false
	}
	defer rows.Close()
	for rows.Next() {
		cols, err := rows.Columns(rawCells)
		if err != nil {
			return false
		}
		if !blankFields(cols) {
			return true
		}
	}
	return false
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// readRow reads the next row as is (nil cells for a missing row).
func (r *xlsxReader) readRow() (bufferedRecord, error) {
	if r.done || !r.rows.Next() {
		r.done = true
		if err := r.rows.Error(); err != nil {
			r.rows = nil
			return bufferedRecord{}, &diag.Error{File: r.name, Line: r.rowNum + 1, Err: err}
		}
		return bufferedRecord{}, io.EOF
	}
	r.rowNum++
	cols, err := r.rows.Columns(rawCells)
	if err == nil && r.date1904 {
		err = r.to1900(cols)
	}
	if err != nil {
		pe := &diag.Error{File: r.name, Line: r.rowNum, Err: err}
		return bufferedRecord{line: r.rowNum, end: r.rowNum, err: pe}, pe
	}
	return bufferedRecord{line: r.rowNum, end: r.rowNum, fields: cols, blank: blankFields(cols)}, nil
}

// days1904 is the 1900-system serial of 1904-01-01, day 0 of the 1904
// system (ECMA-376 Part 1, 18.17.4.1).
const days1904 = 1462

// readDateSystem notes a workbook in the 1904 date system, which the
// user hears about: its dates are converted.
func (r *xlsxReader) readDateSystem() error {
	props, err := r.f.GetWorkbookProps()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrWorkbook, err)
	}
	if props.Date1904 != nil && *props.Date1904 {
		r.date1904, r.dateStyles = true, map[int]bool{}
		r.info.Warnings = append(r.info.Warnings, "the workbook uses the 1904 date system (older Mac Excel): its date cells were read in that system")
	}
	return nil
}

// to1900 moves the date cells of the row just read from the 1904 to the
// 1900 system, adding days1904 to their serials. A cell is a date when it
// holds a number and its number format shows a day or a year; times of
// day and durations are the same in both systems and stay as they are.
// excelize gives the styles only from the whole sheet in memory, which
// only 1904 workbooks pay for.
func (r *xlsxReader) to1900(cols []string) error {
	for i, v := range cols {
		if v == "" || !isSerial(v) {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(i+1, r.rowNum)
		if err != nil {
			return err
		}
		if t, err := r.f.GetCellType(r.info.Sheet, cell); err != nil || (t != excelize.CellTypeUnset && t != excelize.CellTypeNumber) {
			continue
		}
		id, err := r.f.GetCellStyle(r.info.Sheet, cell)
		if err != nil {
			return err
		}
		date, ok := r.dateStyles[id]
		if !ok {
			st, err := r.f.GetStyle(id)
			date = err == nil && isDateFormat(st)
			r.dateStyles[id] = date
		}
		if date {
			cols[i] = addDays(v, days1904)
		}
	}
	return nil
}

// isSerial reports a plain non-negative number, as raw cells hold them.
func isSerial(v string) bool {
	f, err := strconv.ParseFloat(v, 64)
	return err == nil && f >= 0
}

// addDays adds whole days to a serial written as a decimal, keeping the
// fraction's digits as they are (no binary rounding of the time of day).
func addDays(v string, days int) string {
	whole, frac, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(whole)
	if err != nil || strings.ContainsAny(v, "eE") {
		f, _ := strconv.ParseFloat(v, 64)
		return strconv.FormatFloat(f+float64(days), 'f', -1, 64)
	}
	if frac == "" {
		return strconv.Itoa(n + days)
	}
	return strconv.Itoa(n+days) + "." + frac
}

// builtinDateFormats are the built-in number formats that show a date
// (ECMA-376 Part 1, 18.8.30; 27-31, 36, 50-54 and 57-58 are the East
// Asian dates, 32-35 and 55-56 their times of day).
var builtinDateFormats = map[int]bool{14: true, 15: true, 16: true, 17: true, 22: true,
	27: true, 28: true, 29: true, 30: true, 31: true, 36: true,
	50: true, 51: true, 52: true, 53: true, 54: true, 57: true, 58: true}

// isDateFormat reports a number format that shows a day or a year: in a
// custom code, a d or y outside quoted text, escapes and [brackets].
func isDateFormat(st *excelize.Style) bool {
	if st.CustomNumFmt == nil {
		return builtinDateFormats[st.NumFmt]
	}
	code := *st.CustomNumFmt
	for i := 0; i < len(code); i++ {
		switch c := code[i] | 0x20; {
		case code[i] == '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case code[i] == '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			}
		case code[i] == '\\':
			i++
		case c == 'd' || c == 'y':
			return true
		}
	}
	return false
}

func (r *xlsxReader) findHeader() error {
	var recs []bufferedRecord
	nonBlank := 0
	for nonBlank < headerWindow {
		rec, err := r.readRow()
		if err == io.EOF {
			break
		}
		if err != nil && rec.err == nil {
			return err
		}
		if rec.blank {
			continue
		}
		recs = append(recs, rec)
		nonBlank++
	}
	rows := make([][]string, len(recs))
	for i, rec := range recs {
		rows[i] = rec.fields
	}
	if countErrors(recs) == len(recs) {
		if len(recs) > 0 {
			return recs[0].err
		}
		return ErrEmptyFile
	}
	h := findHeader(rows)
	if h < 0 {
		return ErrNoHeader
	}
	r.header = rows[h]
	trimBOM(r.header)
	r.headerLine = recs[h].line
	if r.headerLine > 1 && h > 0 {
		r.info.Warnings = append(r.info.Warnings, titleWarning("row", r.headerLine))
	}
	r.pending = recs[h+1:]
	// blank rows between the header and the buffered rows
	prev := r.headerLine
	for i := range r.pending {
		r.pending[i].end = r.pending[i].line - prev - 1 // reused as the gap before
		prev = r.pending[i].line
	}
	r.blankAfterWindow = r.rowNum - prev
	return nil
}

func (r *xlsxReader) Next() (Row, error) {
	for len(r.pending) > 0 {
		rec := r.pending[0]
		r.pending = r.pending[1:]
		r.blank += r.blankPending + rec.end
		r.blankPending = 0
		if rec.err != nil {
			return Row{}, rec.err
		}
		return Row{Line: rec.line, Fields: r.shape(rec.fields)}, nil
	}
	if r.blankAfterWindow > 0 {
		r.blankPending += r.blankAfterWindow
		r.blankAfterWindow = 0
	}
	if r.rows == nil {
		return Row{}, io.EOF
	}
	for {
		var rec bufferedRecord
		err := excelizeCall(func() error {
			var err error
			rec, err = r.readRow()
			return err
		})
		if err == io.EOF {
			return Row{}, io.EOF
		}
		if err != nil {
			r.blank += r.blankPending
			r.blankPending = 0
			if _, ok := err.(*diag.Error); !ok {
				r.done = true
				err = &diag.Error{File: r.name, Line: r.rowNum, Err: err}
			}
			return Row{}, err
		}
		if rec.blank {
			r.blankPending++
			continue
		}
		r.blank += r.blankPending
		r.blankPending = 0
		return Row{Line: rec.line, Fields: r.shape(rec.fields)}, nil
	}
}

// shape pads a row to the header width (excelize omits trailing empty
// cells) and drops empty cells beyond it; non-empty extra cells are kept
// so the caller can report the row as wider than its header.
func (r *xlsxReader) shape(cols []string) []string {
	w := len(r.header)
	switch {
	case len(cols) < w:
		r.pad = append(r.pad[:0], cols...)
		for len(r.pad) < w {
			r.pad = append(r.pad, "")
		}
		return r.pad
	case len(cols) > w && blankFields(cols[w:]):
		return cols[:w]
	}
	return cols
}

func (r *xlsxReader) Header() []string { return r.header }
func (r *xlsxReader) HeaderLine() int  { return r.headerLine }
func (r *xlsxReader) Info() Info       { return r.info }
func (r *xlsxReader) Blank() int       { return r.blank }

// Column gives the spreadsheet's column letters ("A", "AB").
func (r *xlsxReader) Column(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return name
}

func (r *xlsxReader) Close() error {
	first := excelizeCall(func() error {
		var first error
		if r.rows != nil {
			first = r.rows.Close()
			r.rows = nil
		}
		if r.f != nil {
			if err := r.f.Close(); err != nil && first == nil {
				first = err
			}
			r.f = nil
		}
		return first
	})
	if err := r.closers.Close(); err != nil && first == nil {
		first = err
	}
	return first
}
