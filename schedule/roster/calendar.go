package roster

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day in the demand's time zone. Rules speak of days
// (days off, peak dates, template dates) rather than instants, so that a
// day off stays the same day whatever the interval grid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// At is the wall-clock time c on day d in loc. Clocks past 24:00 fall on
// the next day, which is how start windows that cross midnight are written.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, int(c)/60, int(c)%60, 0, 0, loc)
}

// Weekday is d's day of the week.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// AddDays is d moved by n days.
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Clock is a wall-clock time of day in minutes after midnight, 0 to 1440
// (24:00 ends a day).
type Clock int

// ParseClock reads HH:MM (00:00 to 24:00).
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, fmt.Errorf("time of day %q: want HH:MM between 00:00 and 24:00", s)
	}
	return Clock(hh*60 + mm), nil
}

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// ClockSpan is a stretch of the day from From to To. To <= From crosses
// midnight (22:00-06:00); 00:00-24:00 is the whole day.
type ClockSpan struct {
	From, To Clock
}

// ParseClockSpan reads HH:MM-HH:MM.
func ParseClockSpan(s string) (ClockSpan, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return ClockSpan{}, fmt.Errorf("time span %q: want HH:MM-HH:MM", s)
	}
	from, err := ParseClock(a)
	if err != nil {
		return ClockSpan{}, err
	}
	to, err := ParseClock(b)
	if err != nil {
		return ClockSpan{}, err
	}
	if from == to && !(from == 0 && to == 0) {
		return ClockSpan{}, fmt.Errorf("time span %q is empty", s)
	}
	if from == 0 && to == 0 {
		to = 24 * 60
	}
	return ClockSpan{from, to}, nil
}

func (s ClockSpan) String() string { return s.From.String() + "-" + s.To.String() }

// IsZero reports whether the span is unset.
func (s ClockSpan) IsZero() bool { return s == ClockSpan{} }

// Minutes is the span's length; a span crossing midnight wraps.
func (s ClockSpan) Minutes() int {
	if s.To > s.From {
		return int(s.To - s.From)
	}
	return int(s.To) + 24*60 - int(s.From)
}

// end is To as minutes after the day's midnight, past 1440 when the span
// crosses midnight.
func (s ClockSpan) end() int { return int(s.From) + s.Minutes() }

// weekdayNames are the accepted spellings of days of the week.
var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday, "mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tuesday": time.Tuesday, "wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thursday": time.Thursday, "fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseWeekday reads a day name (mon, Monday, ...).
func ParseWeekday(s string) (time.Weekday, error) {
	w, ok := weekdayNames[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return 0, fmt.Errorf("day %q: want mon, tue, wed, thu, fri, sat or sun", s)
	}
	return w, nil
}

// parseWeekdays reads "mon-fri", "sat,sun" or "mon,wed-fri" (ranges wrap:
// "fri-mon" is Friday to Monday).
func parseWeekdays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	seen := [7]bool{}
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		a, b, isRange := strings.Cut(part, "-")
		from, err := ParseWeekday(a)
		if err != nil {
			return nil, err
		}
		to := from
		if isRange {
			if to, err = ParseWeekday(b); err != nil {
				return nil, err
			}
		}
		for d := from; ; d = (d + 1) % 7 {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
			if d == to {
				break
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("days %q: none given", s)
	}
	return out, nil
}

func hasWeekday(days []time.Weekday, w time.Weekday) bool {
	for _, d := range days {
		if d == w {
			return true
		}
	}
	return false
}

func hasDate(dates []Date, d Date) bool {
	for _, x := range dates {
		if x == d {
			return true
		}
	}
	return false
}
