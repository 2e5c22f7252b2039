package models

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// ReadOptions choose the columns of a series file. Empty fields are
// detected: the time column is the first whose first value parses as a
// time, the value column the first numeric column after it. A column is
// named by its header (case-insensitive) or by its 1-based number.
type ReadOptions struct {
	TimeColumn  string
	ValueColumn string
}

// ReadError is a problem at one place of a series file. Line is 1-based;
// Column is the 1-based field number (0 for a whole-line error).
type ReadError struct {
	File   string
	Line   int
	Column int
	Field  string // header of the column
	Err    error
}

func (e *ReadError) Error() string {
	pos := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Column > 0 {
		pos += fmt.Sprintf(":%d", e.Column)
	}
	if e.Field != "" {
		pos += fmt.Sprintf(" (%s)", e.Field)
	}
	return pos + ": " + e.Err.Error()
}

func (e *ReadError) Unwrap() error { return e.Err }

// Causes of ReadError; all wrap ErrInvalidSeries.
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

// ReadCSV reads a series from a CSV file with a header row; file names the
// input in errors. The delimiter (comma, semicolon or tab) is sniffed from
// the header. Empty and NA values are gaps and are skipped. Every bad line
// is reported (up to 10) as a *ReadError joined with errors.Join, each
// wrapping ErrInvalidSeries.
func ReadCSV(r io.Reader, file string, opt ReadOptions) ([]Point, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4096)
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	wrapCSV := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return &ReadError{File: file, Line: pe.Line, Column: 0, Err: fmt.Errorf("%w: %v", ErrBadCSV, pe.Err)}
		}
		return &ReadError{File: file, Line: 1, Err: fmt.Errorf("%w: %v", ErrBadCSV, err)}
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ReadError{File: file, Line: 1, Err: fmt.Errorf("%w: the file is empty; expected a header row and data", ErrEmpty)}
	}
	if err != nil {
		return nil, wrapCSV(err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	var rows [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, wrapCSV(err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	if len(rows) == 0 {
		return nil, &ReadError{File: file, Line: 2, Err: fmt.Errorf("%w: the file has a header but no data rows", ErrEmpty)}
	}
	tc, err := pickColumn(header, opt.TimeColumn, "--time-col", func(c int) bool { return timeColumn(rows, c) }, 0)
	if err != nil {
		return nil, &ReadError{File: file, Line: 1, Err: err}
	}
	vc, err := pickColumn(header, opt.ValueColumn, "--value-col", func(c int) bool { return c != tc && numericColumn(rows, c) }, tc+1)
	if err != nil {
		return nil, &ReadError{File: file, Line: 1, Err: err}
	}
	var errs []error
	bad := 0
	report := func(e *ReadError) {
		bad++
		if len(errs) < maxReadErrors {
			errs = append(errs, e)
		}
	}
	pts := make([]Point, 0, len(rows))
	seen := make(map[int64]int, len(rows))
	for i, rec := range rows {
		line := lines[i]
		if len(rec) <= max(tc, vc) {
			report(&ReadError{File: file, Line: line, Err: fmt.Errorf("%w: %d fields, the header has %d", ErrMissingField, len(rec), len(header))})
			continue
		}
		t, _, err := ParseTime(rec[tc])
		if err != nil {
			report(&ReadError{File: file, Line: line, Column: tc + 1, Field: header[tc], Err: err})
			continue
		}
		if missingValue(rec[vc]) {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[vc]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			report(&ReadError{File: file, Line: line, Column: vc + 1, Field: header[vc], Err: fmt.Errorf("%q: %w", rec[vc], ErrBadNumber)})
			continue
		}
		if prev, dup := seen[t.UnixNano()]; dup {
			report(&ReadError{File: file, Line: line, Column: tc + 1, Field: header[tc], Err: fmt.Errorf("%w (first on line %d)", ErrDuplicateTime, prev)})
			continue
		}
		seen[t.UnixNano()] = line
		pts = append(pts, Point{T: t, V: v})
	}
	if bad > len(errs) {
		errs = append(errs, fmt.Errorf("%s: %d more bad lines", file, bad-len(errs)))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(pts) == 0 {
		return nil, &ReadError{File: file, Line: 2, Column: vc + 1, Field: header[vc], Err: fmt.Errorf("%w: every value is empty", ErrEmpty)}
	}
	return pts, nil
}

// sniffDelimiter picks the most frequent of comma, semicolon and tab on the
// first line.
func sniffDelimiter(head []byte) rune {
	first, _, _ := bytes.Cut(head, []byte("\n"))
	best, bestN := ',', bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(first, []byte(string(c))); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

// pickColumn resolves a column given by name or number, or detects the
// first column from `from` on that ok accepts (then the first before it).
func pickColumn(header []string, given, flag string, ok func(int) bool, from int) (int, error) {
	if given != "" {
		for i, h := range header {
			if strings.EqualFold(h, strings.TrimSpace(given)) {
				return i, nil
			}
		}
		if n, err := strconv.Atoi(given); err == nil && n >= 1 && n <= len(header) {
			return n - 1, nil
		}
		return 0, fmt.Errorf("%w: %s %q: expected one of %s or a number 1..%d", ErrNoColumn, flag, given, strings.Join(header, ", "), len(header))
	}
	for i := from; i < len(header); i++ {
		if ok(i) {
			return i, nil
		}
	}
	for i := 0; i < from && i < len(header); i++ {
		if ok(i) {
			return i, nil
		}
	}
	what := "times"
	if flag == "--value-col" {
		what = "numbers"
	}
	return 0, fmt.Errorf("%w: no column of %s among %s; name it with %s", ErrNoColumn, what, strings.Join(header, ", "), flag)
}

// sniffRows is how many data rows column detection looks at.
const sniffRows = 10

func timeColumn(rows [][]string, c int) bool {
	return sniff(rows, c, func(s string) bool { _, _, err := ParseTime(s); return err == nil })
}

func numericColumn(rows [][]string, c int) bool {
	return sniff(rows, c, func(s string) bool {
		_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return err == nil
	})
}

// sniff reports whether at least half of the non-empty cells of column c
// in the first rows pass ok, and at least one does: one typo in the first
// rows is then reported at its line instead of hiding the column.
func sniff(rows [][]string, c int, ok func(string) bool) bool {
	good, bad := 0, 0
	for i := 0; i < len(rows) && i < sniffRows; i++ {
		if c >= len(rows[i]) || missingValue(rows[i][c]) {
			continue
		}
		if ok(rows[i][c]) {
			good++
		} else {
			bad++
		}
	}
	return good > 0 && good >= bad
}
