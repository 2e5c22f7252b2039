package models

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ReadOptions choose the columns of a series file. Empty fields are
// detected: the time column is the first whose first value parses as a
// time, the value column the first numeric column after it. A column is
// named by its header (case-insensitive) or by its 1-based number.
type ReadOptions struct {
	TimeColumn  string
	ValueColumn string
	// DateOrder forces the day/month order of numeric dates
	// (dates.OrderUnknown: learn it from the column).
	DateOrder dates.Order
	// Warn, when set, receives what the file did not say and was assumed
	// (the day/month order of its times).
	Warn func(msg string)
}

// Causes of the errors of ReadCSV; all wrap ErrInvalidSeries.
var (
	ErrBadTime      = fmt.Errorf("%w: expected a time such as 2003-10-06, 2003-10-06 07:05[:00] or RFC 3339", ErrInvalidSeries)
	ErrBadNumber    = fmt.Errorf("%w: expected a number", ErrInvalidSeries)
	ErrNoColumn     = fmt.Errorf("%w: column not found", ErrInvalidSeries)
	ErrBadCSV       = fmt.Errorf("%w: malformed CSV", ErrInvalidSeries)
	ErrMissingField = fmt.Errorf("%w: line has too few fields", ErrInvalidSeries)
)

// maxReadErrors bounds the bad lines reported at once.
const maxReadErrors = 10

// timeLayouts are tried in order by ParseTime.
var timeLayouts = []string{
	"2006-01-02",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
}

// ParseTime reads YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (also with T) or RFC
// 3339. Times without a zone are wall-clock times, returned in UTC.
// dateOnly reports a plain date, which callers may read as the whole day.
func ParseTime(s string) (t time.Time, dateOnly bool, err error) {
	s = strings.TrimSpace(s)
	for i, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, i == 0, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%q: %w", s, ErrBadTime)
}

// missingValue reports the cells read as "no value recorded": a gap in
// the series, never zero.
func missingValue(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "NA", "N/A", "NAN", "NULL":
		return true
	}
	return false
}

// ReadCSV reads a series file; file names the input in errors. The file
// is read as peakstaff import reads exports (package sheet): CSV with any
// of , ; tab |, a byte-order mark or none, XLSX, decimal commas; times in
// any form import reads (2003-10-06, 6-10-2003 7:05, 10/06/2003, RFC
// 3339), the day/month order learnt from the whole column (or
// opt.DateOrder). Empty and NA values are gaps and are skipped. Every bad
// line is reported (up to 10, in a diag.List) as a *diag.Error wrapping
// ErrInvalidSeries.
func ReadCSV(r io.Reader, file string, opt ReadOptions) ([]Point, error) {
	sh, err := sheet.Read(r, file, table.Options{})
	if err != nil {
		if errors.Is(err, table.ErrEmptyFile) {
			return nil, &diag.Error{File: file, Line: 1, Err: fmt.Errorf("%w: the file is empty; expected a header row and data", ErrEmpty)}
		}
		return nil, &diag.Error{File: file, Line: 1, Err: fmt.Errorf("%w: %v", ErrBadCSV, err)}
	}
	errs := diag.List{Max: maxReadErrors}
	for _, b := range sh.Bad {
		errs.Add(&diag.Error{File: file, Line: b.Line, Err: fmt.Errorf("%w: %v", ErrBadCSV, b.Err)})
	}
	header := sh.Header
	if len(sh.Rows) == 0 {
		if err := errs.Err(); err != nil {
			return nil, err
		}
		return nil, &diag.Error{File: file, Line: sh.HeaderLine + 1, Err: fmt.Errorf("%w: the file has a header but no data rows", ErrEmpty)}
	}
	tc, err := pickColumn(sh, opt.TimeColumn, "--time-col", "times", sh.DateLike, 0)
	if err != nil {
		return nil, &diag.Error{File: file, Line: sh.HeaderLine, Err: err}
	}
	vc, err := pickColumn(sh, opt.ValueColumn, "--value-col", "numbers", func(v string) bool { return sh.Numeric(v) }, tc+1, tc)
	if err != nil {
		return nil, &diag.Error{File: file, Line: sh.HeaderLine, Err: err}
	}
	times, _ := sh.ParseTimes(tc, sheet.TimeOptions{Location: time.UTC, Order: opt.DateOrder})
	if opt.Warn != nil {
		for _, w := range times.Warnings {
			opt.Warn(file + ": " + w)
		}
	}
	pts := make([]Point, 0, len(sh.Rows))
	seen := make(map[int64]int, len(sh.Rows))
	for i, row := range sh.Rows {
		line := row.Line
		if sh.Short(i, max(tc, vc)) {
			errs.Add(&diag.Error{File: file, Line: line, Err: fmt.Errorf("%w: %d fields, the header has %d", ErrMissingField, len(row.Fields), len(header))})
			continue
		}
		if e := times.Err[i]; e != nil {
			// The reading layer's message says what it expected; it
			// counts as ErrBadTime without printing that one.
			errs.Add(&diag.Error{File: file, Line: line, Column: tc + 1, Field: header[tc], Err: diag.Also(e.Err, ErrBadTime)})
			continue
		}
		t := sheet.WallClock(times.Values[i])
		raw := sh.Cell(i, vc)
		if missingValue(raw) {
			continue
		}
		v, err := sh.Number(raw)
		if err != nil {
			errs.Add(&diag.Error{File: file, Line: line, Column: vc + 1, Field: header[vc], Err: fmt.Errorf("%q: %w", raw, ErrBadNumber)})
			continue
		}
		if prev, dup := seen[t.UnixNano()]; dup {
			errs.Add(&diag.Error{File: file, Line: line, Column: tc + 1, Field: header[tc], Err: fmt.Errorf("%w (first on line %d)", ErrDuplicateTime, prev)})
			continue
		}
		seen[t.UnixNano()] = line
		pts = append(pts, Point{T: t, V: v})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(pts) == 0 {
		return nil, &diag.Error{File: file, Line: sh.Rows[0].Line, Column: vc + 1, Field: header[vc], Err: fmt.Errorf("%w: every value is empty", ErrEmpty)}
	}
	return pts, nil
}

// pickColumn resolves a column given by name or number, or detects the
// first column from `from` on whose values ok accepts (then the first
// before it), never one in skip.
func pickColumn(sh *sheet.Sheet, given, flag, what string, ok func(string) bool, from int, skip ...int) (int, error) {
	if given != "" {
		c, err := sh.Find(sheet.Want{Name: what, Flag: flag, Given: given})
		if err != nil {
			msg := err.Error()
			var de *diag.Error
			if errors.As(err, &de) {
				msg = strings.TrimPrefix(de.Err.Error(), sheet.ErrNoColumn.Error()+": ")
			}
			return 0, fmt.Errorf("%w: %s", ErrNoColumn, msg)
		}
		return c, nil
	}
	n := len(sh.Header)
	for k := 0; k < n; k++ {
		i := (from + k) % n
		if slices.Contains(skip, i) {
			continue
		}
		if sniff(sh, i, ok) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%w: no column of %s among %s; name it with %s", ErrNoColumn, what, sh.Columns(), flag)
}

// sniffRows is how many data rows column detection looks at.
const sniffRows = 10

// sniff reports whether at least half of the non-empty cells of column c
// in the first rows pass ok, and at least one does: one typo in the first
// rows is then reported at its line instead of hiding the column.
func sniff(sh *sheet.Sheet, c int, ok func(string) bool) bool {
	good, bad := 0, 0
	for i := 0; i < len(sh.Rows) && i < sniffRows; i++ {
		v := sh.Cell(i, c)
		if sh.Short(i, c) || missingValue(v) {
			continue
		}
		if ok(v) {
			good++
		} else {
			bad++
		}
	}
	return good > 0 && good >= bad
}
