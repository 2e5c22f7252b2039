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
// Diag places it and words it as every reader does (file:line:column:
// field: cause; errors.As finds it as a *diag.Error); the two facts beside
// it are read by the import's summary, and are why RowError is more than
// a diag.Error.
type RowError struct {
	// Diag: Line is the record's 1-based line (XLSX: sheet row), Column
	// the 1-based column (0 for whole-row errors), Field the column's
	// header or the logical field.
	Diag diag.Error
	// ColumnLabel is the column as the user's tool names it: its number
	// for text, its letter for XLSX; "" for whole-row errors. import
	// --json reports it.
	ColumnLabel string
	// Rejected is true when the row was not kept (its created time is bad or
	// missing, or the row is malformed); false when only this field was left
	// empty and the contact kept. The summary counts and labels the two
	// apart.
	Rejected bool
}

func (e *RowError) Error() string { return e.Diag.Error() }
func (e *RowError) Unwrap() error { return &e.Diag }

// Reason is a short label for the kind of problem, used to count rejected
// rows by reason in the summary.
func (e *RowError) Reason() string {
	var r interface{ Reason() string }
	if errors.As(e.Diag.Err, &r) {
		return r.Reason()
	}
	switch {
	case errors.Is(e.Diag.Err, ErrMissingValue):
		return "missing " + e.Diag.Field
	case errors.Is(e.Diag.Err, ErrFieldCount):
		return "wrong number of fields"
	case errors.Is(e.Diag.Err, ErrMalformed):
		return "malformed record"
	}
	if e.Diag.Field != "" {
		return "bad " + e.Diag.Field
	}
	return "bad row"
}
