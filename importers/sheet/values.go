package sheet

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrBadNumber: a value that is not a number.
var ErrBadNumber = diag.New(diag.InvalidData, "not a number")

// Number reads a value of the sheet as a number, with the file's decimal
// mark (DecimalComma).
func (s *Sheet) Number(v string) (float64, error) {
	if s.decimalComma {
		return Number(strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(v), ".", ""), ",", "."))
	}
	return Number(v)
}

// Numeric reports whether v reads as a number of the sheet.
func (s *Sheet) Numeric(v string) bool {
	_, err := s.Number(v)
	return err == nil
}

// DecimalComma reports a file that writes 1.234,5: values such as 12,5
// (a comma not followed by three digits) and none such as 12.5; or, in a
// semicolon-separated file, values such as 1.234 and no decimal at all,
// because spreadsheets separate fields with semicolons exactly where the
// comma is the decimal mark.
func (s *Sheet) DecimalComma() bool { return s.decimalComma }

var (
	commaDecimal = regexp.MustCompile(`^-?\d+,(\d{1,2}|\d{4,})$|^-?\d{1,3}(\.\d{3})+,\d+$`)
	dotDecimal   = regexp.MustCompile(`^-?\d+\.(\d{1,2}|\d{4,})$|^-?\d{1,3}(,\d{3})+\.\d+$`)
	dotGroups    = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+$`)
)

// learnDecimalMark looks at every cell for the evidence DecimalComma
// describes.
func (s *Sheet) learnDecimalMark() {
	comma, dot, groups := 0, 0, 0
	for _, r := range s.Rows {
		for _, f := range r.Fields {
			f = strings.TrimSpace(f)
			if f == "" || len(f) > 24 || f[len(f)-1] < '0' || f[len(f)-1] > '9' {
				continue
			}
			switch {
			case commaDecimal.MatchString(f):
				comma++
			case dotDecimal.MatchString(f):
				dot++
			case dotGroups.MatchString(f):
				groups++
			}
		}
	}
	s.decimalComma = comma > 0 && dot == 0 || comma == 0 && dot == 0 && groups > 0 && s.Info.Delimiter == ';'
}

// Number reads a number as spreadsheets in any locale write it: 1234,
// 1,234, 1.234.567, 1 234, 12,5 and 1.234,5. A comma followed by groups
// of exactly three digits (1,234 or 1,234,567) separates thousands; a
// single comma otherwise is a decimal comma (12,5); with both a comma and
// a dot, the last one is the decimal mark. A single dot is always a
// decimal point. NaN and infinities are refused.
func Number(v string) (float64, error) {
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '\t':
			return -1
		}
		return r
	}, v)
	comma, dot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	switch {
	case comma >= 0 && dot >= 0:
		if comma > dot {
			s = strings.ReplaceAll(s, ".", "")
			s = strings.Replace(s, ",", ".", 1)
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case comma >= 0:
		if thousandsGroups(s, ',') {
			s = strings.ReplaceAll(s, ",", "")
		} else if strings.Count(s, ",") == 1 {
			s = strings.Replace(s, ",", ".", 1)
		}
	case dot >= 0 && strings.Count(s, ".") > 1 && thousandsGroups(s, '.'):
		s = strings.ReplaceAll(s, ".", "")
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q: %w", v, ErrBadNumber)
	}
	return x, nil
}

// thousandsGroups reports 1,234 and 1,234,567: a leading group of 1-3
// digits (not a lone 0) and groups of exactly three after each separator.
func thousandsGroups(s string, sep byte) bool {
	s = strings.TrimPrefix(s, "-")
	parts := strings.Split(s, string(sep))
	if len(parts) < 2 || len(parts[0]) < 1 || len(parts[0]) > 3 || parts[0] == "0" {
		return false
	}
	for i, p := range parts {
		if i > 0 && len(p) != 3 {
			return false
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return false
			}
		}
	}
	return true
}

// TimeOptions say how to read a date or time column.
type TimeOptions struct {
	// Location is the zone of values without an offset (nil: UTC).
	Location *time.Location
	// Order forces or fixes the day/month order (dates.OrderUnknown:
	// learn it from the column).
	Order dates.Order
	// Hint says how the user changes the order, for warnings:
	// "--date-order", "date_order in the plan's orders entry".
	Hint string
}

// Times are the values of a date or time column, row by row.
type Times struct {
	Values []dates.Result // Time is zero where the row has an error
	OK     []bool
	Err    []*diag.Error // the row's error, nil where OK
	// Warnings say what the column's day/month order was decided from
	// when the values alone did not prove it.
	Warnings []string
}

// ParseTimes reads column c of every row with the column learning of
// package dates: the whole column decides the day/month order before any
// ambiguous value is read. Empty and unreadable values are errors at
// their cell. XLSX numbers are Excel serials.
func (s *Sheet) ParseTimes(c int, o TimeOptions) (*Times, []*diag.Error) {
	col := dates.NewColumn(dates.Options{Location: o.Location, Order: o.Order, Serial: s.Info.Kind == table.XLSX})
	t := &Times{Values: make([]dates.Result, len(s.Rows)), OK: make([]bool, len(s.Rows)), Err: make([]*diag.Error, len(s.Rows))}
	var errs []*diag.Error
	var pending []int
	for i := range s.Rows {
		v := s.Cell(i, c)
		if Missing(v) {
			t.Err[i] = s.Errorf(i, c, dates.ErrBadDate, "the value is empty; expected a date")
			errs = append(errs, t.Err[i])
			continue
		}
		r, err := col.Parse(s.Rows[i].Line, v)
		if err != nil {
			t.Err[i] = s.Errorf(i, c, err, "")
			errs = append(errs, t.Err[i])
			continue
		}
		if r.Pending {
			pending = append(pending, i)
			continue
		}
		t.Values[i], t.OK[i] = r, true
	}
	order, assumed, conflict := col.Finish()
	hint := o.Hint
	if hint == "" {
		hint = "--date-order"
	}
	name := strconv.Quote(s.Label(c))
	switch {
	case conflict != nil:
		t.Warnings = append(t.Warnings, fmt.Sprintf("column %s: %v; its ambiguous dates are rejected, not guessed (set the order with %s)", name, conflict, hint))
	case assumed && len(pending) > 0:
		t.Warnings = append(t.Warnings, fmt.Sprintf("column %s: no value tells day and month apart; read as %s (set the order with %s)", name, order, hint))
	}
	for _, i := range pending {
		r, err := col.ParsePending(s.Rows[i].Line, s.Cell(i, c))
		if err != nil {
			t.Err[i] = s.Errorf(i, c, err, "")
			errs = append(errs, t.Err[i])
			continue
		}
		t.Values[i], t.OK[i] = r, true
	}
	sortErrors(errs)
	return t, errs
}

// WallClock is a parsed value as written: a value with an offset keeps
// it (2025-11-28T09:00:00+01:00 stays 09:00 at +01:00), one without is in
// the column's zone.
func WallClock(r dates.Result) time.Time {
	if r.Zoned {
		if r.Offset == 0 {
			return r.Time.UTC()
		}
		return r.Time.In(time.FixedZone("", r.Offset))
	}
	return r.Time
}

// sortErrors orders errors by line then column (insertion sort: short and
// nearly sorted).
func sortErrors(errs []*diag.Error) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && (errs[j].Line < errs[j-1].Line || errs[j].Line == errs[j-1].Line && errs[j].Column < errs[j-1].Column); j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

// DateLike reports whether v reads as a date or time (in either day/month
// order), for finding a date column by its content.
func (s *Sheet) DateLike(v string) bool {
	_, err := dates.NewColumn(dates.Options{Serial: s.Info.Kind == table.XLSX}).Parse(0, v)
	return err == nil
}
