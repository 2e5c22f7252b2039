package deferred

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Window is one stretch of opening time within a day, as local wall-clock
// offsets from midnight: From is inclusive, To exclusive, 0 <= From < To <=
// 24h. A window past midnight is written as two (22:00-24:00, 00:00-02:00 of
// the next weekday), so that each date's hours read on their own.
type Window struct {
	From, To time.Duration
}

func (w Window) String() string { return clock(w.From) + "-" + clock(w.To) }

func clock(d time.Duration) string {
	m := int(d / time.Minute)
	s := fmt.Sprintf("%02d:%02d", m/60, m%60)
	if rest := d % time.Minute; rest != 0 {
		s += fmt.Sprintf(":%02d", int(rest/time.Second))
	}
	return s
}

// OpeningHours are the times agents work and the deadline clock runs.
// Weekly is indexed by time.Weekday (Sunday = 0); a weekday without windows
// is closed. Closed lists dates (holidays) closed whatever their weekday.
type OpeningHours struct {
	Weekly [7][]Window
	Closed []civil.Date
}

// AlwaysOpen returns 24/7 opening hours: business time is clock time.
func AlwaysOpen() OpeningHours {
	var h OpeningHours
	for d := range h.Weekly {
		h.Weekly[d] = []Window{{0, 24 * time.Hour}}
	}
	return h
}

// IsZero reports whether no window and no closed date is set, which
// callers may take as "not given".
func (h OpeningHours) IsZero() bool {
	for _, ws := range h.Weekly {
		if len(ws) > 0 {
			return false
		}
	}
	return len(h.Closed) == 0
}

// Validate checks every window and that the week has some opening time.
// Windows of a weekday may be given in any order but must not overlap.
func (h OpeningHours) Validate() error {
	any := false
	for d, ws := range h.Weekly {
		sorted := append([]Window(nil), ws...)
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].From < sorted[j].From })
		for i, w := range sorted {
			field := fmt.Sprintf("Hours.Weekly[%s]", time.Weekday(d))
			if w.From < 0 || w.To > 24*time.Hour || w.From >= w.To {
				return &InputError{Field: field, Index: -1, Value: w.String(), Want: "a window 00:00 <= from < to <= 24:00"}
			}
			if i > 0 && w.From < sorted[i-1].To {
				return &InputError{Field: field, Index: -1, Value: sorted[i-1].String() + "," + w.String(), Want: "windows that do not overlap"}
			}
			any = true
		}
	}
	if !any {
		return &InputError{Field: "Hours.Weekly", Index: -1, Value: "no window", Want: "at least one opening window in the week"}
	}
	for i, c := range h.Closed {
		t := time.Date(c.Year, c.Month, c.Day, 0, 0, 0, 0, time.UTC)
		if civil.DateOf(t) != c || c.Year < 1 || c.Year > 9999 {
			return &InputError{Field: "Hours.Closed", Index: i, Value: c.String(), Want: "a valid date"}
		}
	}
	return nil
}

// ParseWindows reads opening windows such as "08:00-20:00" or
// "08:00-12:00,13:00-17:30"; "closed" or "" is no window, and 24:00 ends a
// window at midnight.
func ParseWindows(s string) ([]Window, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "closed") {
		return nil, nil
	}
	var out []Window
	for _, part := range strings.Split(s, ",") {
		from, to, ok := strings.Cut(strings.TrimSpace(part), "-")
		if !ok {
			return nil, fmt.Errorf("window %q: want HH:MM-HH:MM", part)
		}
		f, err1 := civil.ParseClock(from)
		t, err2 := civil.ParseClock(to)
		if err1 != nil || err2 != nil || f >= t {
			return nil, fmt.Errorf("window %q: want HH:MM-HH:MM with from < to <= 24:00", strings.TrimSpace(part))
		}
		out = append(out, Window{f.Duration(), t.Duration()})
	}
	return out, nil
}

// period is an open stretch of absolute time, as offsets from the plan's
// start.
type period struct{ from, to time.Duration }

// openPeriods lists the open stretches that overlap [from, to) (offsets from
// base), sorted and merged. Window ends are placed with time.Date in loc, so
// 08:00 is 08:00 on the wall clock also on days with a DST change; a window
// edge inside the hour a DST change skips lands where time.Date puts it.
func (h OpeningHours) openPeriods(base time.Time, loc *time.Location, from, to time.Duration) []period {
	closed := make(map[civil.Date]bool, len(h.Closed))
	for _, c := range h.Closed {
		closed[c] = true
	}
	first := base.Add(from).In(loc)
	last := base.Add(to).In(loc)
	y, m, d := first.Date()
	day := time.Date(y, m, d-1, 0, 0, 0, 0, loc) // a window of the previous date cannot reach past 24:00, but stay safe
	var out []period
	for k := 0; ; k++ {
		dy, dm, dd := day.Date()
		date := time.Date(dy, dm, dd+k, 12, 0, 0, 0, loc)
		cy, cm, cd := date.Date()
		if time.Date(cy, cm, cd, 0, 0, 0, 0, loc).After(last) {
			break
		}
		if closed[civil.Date{Year: cy, Month: cm, Day: cd}] {
			continue
		}
		for _, w := range h.Weekly[date.Weekday()] {
			ws := wallClock(cy, cm, cd, w.From, loc).Sub(base)
			we := wallClock(cy, cm, cd, w.To, loc).Sub(base)
			if we <= from || ws >= to || we <= ws {
				continue
			}
			out = append(out, period{max(ws, from), min(we, to)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].from < out[j].from })
	merged := out[:0]
	for _, p := range out {
		if n := len(merged); n > 0 && p.from <= merged[n-1].to {
			merged[n-1].to = max(merged[n-1].to, p.to)
			continue
		}
		merged = append(merged, p)
	}
	return merged
}

// wallClock is the instant of the local clock reading off after midnight
// of the given date (24:00 is the next midnight).
func wallClock(y int, m time.Month, d int, off time.Duration, loc *time.Location) time.Time {
	h := int(off / time.Hour)
	mi := int(off % time.Hour / time.Minute)
	s := int(off % time.Minute / time.Second)
	ns := int(off % time.Second)
	return time.Date(y, m, d, h, mi, s, ns, loc)
}

// OpenSeconds returns the open time inside each of n intervals of the given
// length from start, with the hours read in loc (nil: start's location).
func (h OpeningHours) OpenSeconds(start time.Time, loc *time.Location, interval time.Duration, n int) []float64 {
	if loc == nil {
		loc = start.Location()
	}
	out := make([]float64, n)
	if n <= 0 || interval <= 0 {
		return out
	}
	per := h.openPeriods(start, loc, 0, time.Duration(n)*interval)
	k := 0
	for i := range out {
		lo, hi := time.Duration(i)*interval, time.Duration(i+1)*interval
		for k < len(per) && per[k].to <= lo {
			k++
		}
		var o time.Duration
		for j := k; j < len(per) && per[j].from < hi; j++ {
			o += min(per[j].to, hi) - max(per[j].from, lo)
		}
		out[i] = o.Seconds()
	}
	return out
}

// ParseOpeningHours reads opening hours written as day groups separated by
// semicolons, each DAYS WINDOWS (see civil.ParseWeekdays and ParseWindows):
//
//	mon-fri 08:00-20:00; sat 09:00-13:00
//	daily 08:00-12:00,13:00-17:00
//	24/7
//
// Days not named are closed; a day named twice gets both groups' windows.
func ParseOpeningHours(s string) (OpeningHours, error) {
	s = strings.TrimSpace(s)
	if s == "24/7" || strings.EqualFold(s, "always") {
		return AlwaysOpen(), nil
	}
	var h OpeningHours
	for _, group := range strings.Split(s, ";") {
		group = strings.TrimSpace(group)
		if group == "" {
			continue
		}
		days, windows, ok := strings.Cut(group, " ")
		if !ok {
			return OpeningHours{}, fmt.Errorf("opening hours %q: want DAYS HH:MM-HH:MM, e.g. mon-fri 08:00-20:00", group)
		}
		ds, err := civil.ParseWeekdays(days)
		if err != nil {
			return OpeningHours{}, err
		}
		ws, err := ParseWindows(windows)
		if err != nil {
			return OpeningHours{}, err
		}
		for _, d := range ds {
			h.Weekly[d] = append(h.Weekly[d], ws...)
		}
	}
	if err := h.Validate(); err != nil {
		return OpeningHours{}, fmt.Errorf("opening hours %q: %w", s, err)
	}
	return h, nil
}
