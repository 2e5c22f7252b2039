package importers

import (
	"errors"
	"fmt"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// Sentinel causes. Every error about the content of a file wraps
// ErrInvalidData, so the command layer maps it to exit code 3.
var (
	ErrInvalidData   = diag.New(diag.InvalidData, "invalid input data")
	ErrUnknownFormat = fmt.Errorf("%w: unknown file format", ErrInvalidData)
	ErrMissingColumn = fmt.Errorf("%w: missing column", ErrInvalidData)
	ErrMissingValue  = fmt.Errorf("%w: missing value", ErrInvalidData)
	ErrBadValue      = fmt.Errorf("%w: bad value", ErrInvalidData)
	ErrFieldCount    = fmt.Errorf("%w: wrong number of fields", ErrInvalidData)
	ErrMalformed     = fmt.Errorf("%w: malformed file", ErrInvalidData)
	ErrBadRows       = fmt.Errorf("%w: rows were rejected", ErrInvalidData)
)

// RowError is a problem with one value (or one whole row) of a file.
type RowError struct {
	File   string
	Line   int    // 1-based line of the record (sheet row for XLSX)
	Column string // column label: 1-based number for CSV, letter for XLSX; empty for whole-row errors
	Field  string // the header name of the column, or the logical field
	// Rejected is true when the row was not kept (its created time is bad or
	// missing, or the row is malformed); false when only this field was left
	// empty and the contact kept.
	Rejected bool
	Err      error
}

func (e *RowError) Error() string {
	pos := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Column != "" {
		pos += ":" + e.Column
	}
	field := ""
	if e.Field != "" {
		field = fmt.Sprintf(" (%s)", e.Field)
	}
	return fmt.Sprintf("%s%s: %v", pos, field, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// Reason is a short label for the kind of problem, used to count rejected
// rows by reason in the summary.
func (e *RowError) Reason() string {
	var r interface{ Reason() string }
	if errors.As(e.Err, &r) {
		return r.Reason()
	}
	switch {
	case errors.Is(e.Err, ErrMissingValue):
		return "missing " + e.Field
	case errors.Is(e.Err, ErrFieldCount):
		return "wrong number of fields"
	case errors.Is(e.Err, ErrMalformed):
		return "malformed record"
	}
	if e.Field != "" {
		return "bad " + e.Field
	}
	return "bad row"
}
