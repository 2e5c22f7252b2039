package importers

import (
	"math"
	"strconv"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
)

// The typed path of typed readers (Parquet): numbers and instants reach
// the contact without being written as text and parsed again (issue 15:
// that round trip was half of a Parquet import). A value goes typed only
// where the result is the text path's by construction: an instant the
// date parser takes (1970-2100, adjusted to UTC) is that instant in the
// file's zone; a whole or decimal number of a duration or count column is
// the number the text parser reads from its shortest text. Anything else
// (a negative duration, a NaN, a time outside those years) is written as
// the reader would write it and goes through the text parser, so its
// message is the text path's. Strings, dates, zone-less timestamps and
// decimals stay text. TestParquetTypedLikeText compares both paths.

// wantTyped asks a typed reader for typed values: an instant for a column
// only the date fields read, a number for one only the duration and count
// fields read, nothing for a column the engine does not read (no field,
// or tags and subject without issue-type rules), text for the rest.
// Formats with hooks that read the raw row (SkipRow, Row) read text.
func (e *engine) wantTyped() {
	t, ok := e.r.(table.Typed)
	if !ok || e.b.SkipRow != nil || e.b.Row != nil {
		return
	}
	n := len(e.h.Raw)
	used, text := make([]bool, n), make([]bool, n)
	for f := Field(0); f < numFields; f++ {
		if !e.reads(f) {
			continue
		}
		for _, i := range e.b.Columns[f] {
			if i >= n {
				continue
			}
			used[i] = true
			if !acceptsCell(f, t.ColumnKind(i)) {
				text[i] = true
			}
		}
	}
	want := make([]table.CellKind, n)
	for i := range want {
		switch {
		case !used[i]:
			want[i] = table.CellSkipped
		case text[i]:
			want[i] = table.CellText
		default:
			want[i] = t.ColumnKind(i)
		}
	}
	t.Want(want)
}

// reads reports whether the engine reads field f's columns: the tags and
// the subject feed the issue-type rules only.
func (e *engine) reads(f Field) bool {
	switch f {
	case FieldTags:
		return e.opts.Rules != nil
	case FieldSubject:
		return e.opts.Rules != nil && e.opts.Rules.usesSubject()
	}
	return true
}

// acceptsCell reports whether field f reads a cell of kind k typed.
func acceptsCell(f Field, k table.CellKind) bool {
	switch k {
	case table.CellInstant:
		return f.isDate()
	case table.CellInt, table.CellFloat:
		return f == FieldHandle || f == FieldFirstResponseMinutes || f == FieldCount
	}
	return false
}

// typedCell returns field f's first value when it is a typed cell, and
// its column; ok is false when the first value is text, or there is none
// (then get finds the same value, or none).
func (e *engine) typedCell(fields []string, f Field) (cell table.Cell, col int, ok bool) {
	for _, i := range e.b.Columns[f] {
		if i >= len(fields) {
			continue
		}
		switch c := e.cells[i]; c.Kind {
		case table.CellInstant, table.CellInt, table.CellFloat:
			return c, i, true
		case table.CellText:
			if CleanValue(fields[i]) != "" {
				return table.Cell{}, i, false
			}
		}
	}
	return table.Cell{}, -1, false
}

// cellText is a number cell as the reader writes it as text.
func cellText(c table.Cell) string {
	if c.Kind == table.CellFloat {
		return strconv.FormatFloat(c.Float(), 'f', -1, 64)
	}
	return strconv.FormatInt(c.Int, 10)
}

// typedDate is an instant cell in the file's zone: what the date parser
// makes of its text (an instant with Z, shown in the column's zone).
func (e *engine) typedDate(c table.Cell) (dates.Result, bool) {
	if c.Kind != table.CellInstant {
		return dates.Result{}, false
	}
	return dates.Result{Time: time.Unix(0, c.Int).In(e.loc), Zoned: true}, true
}

// unitSeconds is the seconds of a duration unit (dates.ReadDuration's).
func unitSeconds(u dates.Unit) (float64, bool) {
	switch u {
	case dates.Seconds:
		return 1, true
	case dates.Minutes:
		return 60, true
	case dates.Hours:
		return 3600, true
	case dates.Days:
		return 86400, true
	}
	return 0, false
}

// typedDuration is a number cell's duration in seconds when
// dates.ReadDuration reads the same from its text: whole numbers of up
// to 15 digits (its fast path: the number times the unit) and decimals
// from 1e-6 to 1e15 (their shortest text parses back to the same float).
// Not XLSX, so never an Excel day fraction.
func typedDuration(c table.Cell, unit dates.Unit) (float64, bool) {
	per, ok := unitSeconds(unit)
	if !ok {
		return 0, false
	}
	switch c.Kind {
	case table.CellInt:
		if c.Int >= 0 && c.Int < 1e15 {
			return float64(c.Int) * per, true
		}
	case table.CellFloat:
		v := c.Float()
		if v == 0 && !math.Signbit(v) || v >= 1e-6 && v < 1e15 {
			return v * per, true
		}
	}
	return 0, false
}

// typedCount is a number cell's count when parseCount reads the same
// from its text: a whole number from 0 to 1e12.
func typedCount(c table.Cell) (int, bool) {
	switch c.Kind {
	case table.CellInt:
		if c.Int >= 0 && c.Int <= 1e12 {
			return int(c.Int), true
		}
	case table.CellFloat:
		if v := c.Float(); v >= 0 && v == float64(int64(v)) && v <= 1e12 {
			return int(v), true
		}
	}
	return 0, false
}
