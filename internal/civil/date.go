package civil

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day without a zone: the planner thinks in local days
// of the plan's time zone. Rules speak of days (days off, closed dates,
// peak dates) rather than instants, so that a day stays the same day
// whatever the interval grid. The zero Date is "unset".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads YYYY-MM-DD (surrounding spaces ignored). A day that the
// month does not have (2025-02-30) is an error.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in code and tests; it panics on a bad
// literal (a programmer error).
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String writes YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// IsZero reports whether d is the zero Date (unset).
func (d Date) IsZero() bool { return d == Date{} }

// utc is d at midnight UTC, for day arithmetic free of DST.
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays is d moved by n days (earlier when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// Sub is the number of days from e to d: d.Sub(e) = 1 when d is the day
// after e.
func (d Date) Sub(e Date) int { return int(d.utc().Sub(e.utc()).Hours() / 24) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Sub(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Sub(e) > 0 }

// Weekday is d's day of the week.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// At is the wall-clock time c on day d in loc. A clock of 24:00 is the
// next day's midnight; time.Date normalizes it, and places a time inside
// the hour a DST change skips where it places any such time.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, loc)
}

// Midnight is the start of day d in loc: d.At(0, loc).
func (d Date) Midnight(loc *time.Location) time.Time { return d.At(0, loc) }
