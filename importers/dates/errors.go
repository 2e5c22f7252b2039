package dates

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel causes; every error of this package unwraps to one of them so
// callers can count rejected values by kind.
var (
	ErrBadDate        = errors.New("not a date") // unparseable value
	ErrAmbiguousOrder = errors.New("ambiguous day/month order")
	ErrBadDuration    = errors.New("not a duration")
	// ErrBracket is a categorical duration such as Zendesk Explore's
	// "1-8 hrs", ">24 hrs" or "No replies": it has no single value, and
	// inventing one (a midpoint) would bias every average built on it.
	ErrBracket = errors.New("a bracket, not a duration")
	// ErrBadOrder is a --date-order value ParseOrder does not know.
	ErrBadOrder = errors.New("not a date order")
)

// ValueError is a rejected value: the text itself (the position is the
// caller's, who knows the line and column) and what was expected instead.
type ValueError struct {
	Value    string
	Expected string
	Err      error // one of the sentinels above
}

func (e *ValueError) Error() string {
	if e.Expected == "" {
		return strconv.Quote(e.Value) + ": " + e.errText()
	}
	return strconv.Quote(e.Value) + ": " + e.errText() + " (expected " + e.Expected + ")"
}

func (e *ValueError) errText() string {
	if e.Err == nil {
		return "bad value"
	}
	return e.Err.Error()
}

func (e *ValueError) Unwrap() error { return e.Err }

// OrderConflictError says a column holds values that prove day-first and
// values that prove month-first, naming the first example of each, so the
// user can see which rows come from which system.
type OrderConflictError struct {
	DayFirstLine    int
	DayFirstValue   string
	MonthFirstLine  int
	MonthFirstValue string
}

func (e *OrderConflictError) Error() string {
	return fmt.Sprintf("line %d has %s (day first) and line %d has %s (month first)",
		e.DayFirstLine, e.DayFirstValue, e.MonthFirstLine, e.MonthFirstValue)
}

// Unwrap makes a conflict count as an ambiguous order.
func (e *OrderConflictError) Unwrap() error { return ErrAmbiguousOrder }
