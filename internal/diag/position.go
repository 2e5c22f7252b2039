package diag

import (
	"errors"
	"fmt"
	"strings"
)

// Error is an error placed in an input file: file:line:column: field:
// message. Line and Column are 1-based; 0 leaves them out. Every reader of
// peakstaff returns its errors in this shape.
type Error struct {
	File   string
	Line   int
	Column int
	Field  string // the column, key or setting, in the file's own words
	Err    error
}

func (e *Error) Error() string { return Format(e.File, e.Line, e.Column, e.Field, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// At returns an Error placed at file:line:column.
func At(file string, line, column int, field string, err error) *Error {
	return &Error{File: file, Line: line, Column: column, Field: field, Err: err}
}

// Format writes file[:line[:column]]: [field: ]message. Line and column are
// 1-based; 0 leaves them out (an error of the whole file or row).
func Format(file string, line, column int, field string, err error) string {
	var b strings.Builder
	b.WriteString(file)
	if line > 0 {
		fmt.Fprintf(&b, ":%d", line)
		if column > 0 {
			fmt.Fprintf(&b, ":%d", column)
		}
	}
	b.WriteString(": ")
	if field != "" {
		b.WriteString(field + ": ")
	}
	if err != nil {
		b.WriteString(err.Error())
	}
	return b.String()
}

// DefaultMax is how many errors a List keeps unless told otherwise.
const DefaultMax = 20

// List collects the errors of one input, up to Max of them, so a reader
// reports every problem at once. Its zero value keeps DefaultMax.
type List struct {
	Max       int
	errs      []error
	truncated bool
}

// Add appends err (nil is ignored) and reports whether the list still has
// room, so readers can stop early.
func (l *List) Add(err error) bool {
	if err == nil {
		return !l.Full()
	}
	if l.Full() {
		l.truncated = true
		return false
	}
	l.errs = append(l.errs, err)
	return !l.Full()
}

// Full reports whether the list holds its maximum.
func (l *List) Full() bool {
	max := l.Max
	if max <= 0 {
		max = DefaultMax
	}
	return len(l.errs) >= max
}

// Len is the number of errors kept.
func (l *List) Len() int { return len(l.errs) }

// Errs returns the errors kept.
func (l *List) Errs() []error { return l.errs }

// Truncate marks that more errors were found than were kept.
func (l *List) Truncate() { l.truncated = true }

// Err returns nil for an empty list, the error itself for one, and the
// list otherwise.
func (l *List) Err() error {
	switch {
	case len(l.errs) == 0:
		return nil
	case len(l.errs) == 1 && !l.truncated:
		return l.errs[0]
	}
	return &listError{errs: l.errs, truncated: l.truncated, max: len(l.errs)}
}

type listError struct {
	errs      []error
	truncated bool
	max       int
}

func (e *listError) Error() string {
	msgs := make([]string, 0, len(e.errs)+1)
	for _, err := range e.errs {
		msgs = append(msgs, err.Error())
	}
	return JoinMessages(msgs, e.truncated, e.max)
}

func (e *listError) Unwrap() []error { return e.errs }

// Truncated reports whether more errors were found than the list kept, for
// a caller that takes the list apart and reports its errors with others.
func (e *listError) Truncated() bool { return e.truncated }

// Class is the class of the first error that has one.
func (e *listError) Class() Class {
	for _, err := range e.errs {
		var c Classed
		if errors.As(err, &c) {
			return c.Class()
		}
	}
	return Failure
}

// JoinMessages joins messages one per line and notes when reading stopped
// after max of them.
func JoinMessages(msgs []string, truncated bool, max int) string {
	if truncated {
		msgs = append(msgs, fmt.Sprintf("(stopped after %d errors)", max))
	}
	return strings.Join(msgs, "\n")
}
