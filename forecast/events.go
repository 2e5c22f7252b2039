package forecast

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Range is an inclusive span of days.
type Range struct{ Start, End civil.Date }

// ParseRange reads START..END (both YYYY-MM-DD, inclusive).
func ParseRange(s string) (Range, error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return Range{}, fmt.Errorf("%q: expected START..END, e.g. 2026-11-20..2026-12-06", s)
	}
	start, err := civil.ParseDate(a)
	if err != nil {
		return Range{}, err
	}
	end, err := civil.ParseDate(b)
	if err != nil {
		return Range{}, err
	}
	if end.Before(start) {
		return Range{}, fmt.Errorf("%q: the end is before the start", s)
	}
	return Range{start, end}, nil
}

// Days is the number of days in the range.
func (r Range) Days() int { return r.End.Sub(r.Start) + 1 }

// Contains reports whether d lies in the range.
func (r Range) Contains(d civil.Date) bool { return !d.Before(r.Start) && !d.After(r.End) }

func (r Range) String() string { return r.Start.String() + ".." + r.End.String() }

// Event is a day that moves demand and is aligned year over year on its own
// date, not on the 364-day lag: Black Friday last year is compared with Black
// Friday this year although they fall on different dates.
type Event struct {
	Name string
	// On gives the event's date in a year; ok is false when the event has no
	// date that year (a custom event the plan does not date).
	On func(year int) (civil.Date, bool)
}

// BlackFriday is the day after the fourth Thursday of November.
func BlackFriday(year int) civil.Date {
	first := civil.Date{Year: year, Month: time.November, Day: 1}
	// days to the first Thursday
	off := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
	return first.AddDays(off + 21 + 1)
}

// CyberMonday is the Monday after Black Friday.
func CyberMonday(year int) civil.Date { return BlackFriday(year).AddDays(3) }

// ThanksgivingUS is the fourth Thursday of November.
func ThanksgivingUS(year int) civil.Date { return BlackFriday(year).AddDays(-1) }

// chineseNewYear lists the first day of the lunar year (春节), which no
// served Go module computes. Source: Hong Kong Observatory Gregorian-lunar
// conversion tables.
var chineseNewYear = map[int]string{
	2010: "2010-02-14", 2011: "2011-02-03", 2012: "2012-01-23", 2013: "2013-02-10", 2014: "2014-01-31",
	2015: "2015-02-19", 2016: "2016-02-08", 2017: "2017-01-28", 2018: "2018-02-16", 2019: "2019-02-05",
	2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10",
	2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13",
	2030: "2030-02-03", 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19",
	2035: "2035-02-08",
}

// ChineseNewYear returns the first day of the lunar year, for 2010-2035.
func ChineseNewYear(year int) (civil.Date, bool) {
	s, ok := chineseNewYear[year]
	if !ok {
		return civil.Date{}, false
	}
	return civil.MustDate(s), true
}

func fixed(m time.Month, day int) func(int) (civil.Date, bool) {
	return func(y int) (civil.Date, bool) { return civil.Date{Year: y, Month: m, Day: day}, true }
}

// BuiltinEvents are the season's events the planner knows by name.
var BuiltinEvents = []Event{
	{Name: "black-friday", On: func(y int) (civil.Date, bool) { return BlackFriday(y), true }},
	{Name: "cyber-monday", On: func(y int) (civil.Date, bool) { return CyberMonday(y), true }},
	{Name: "thanksgiving", On: func(y int) (civil.Date, bool) { return ThanksgivingUS(y), true }},
	{Name: "double-11", On: fixed(time.November, 11)},
	{Name: "618", On: fixed(time.June, 18)},
	{Name: "double-12", On: fixed(time.December, 12)},
	{Name: "christmas", On: fixed(time.December, 25)},
	{Name: "chinese-new-year", On: ChineseNewYear},
}

var eventAliases = map[string]string{
	"bf": "black-friday", "blackfriday": "black-friday", "cm": "cyber-monday", "cybermonday": "cyber-monday",
	"11.11": "double-11", "11-11": "double-11", "d11": "double-11", "singles-day": "double-11", "双11": "double-11", "双十一": "double-11",
	"6.18": "618", "6-18": "618", "12.12": "double-12", "12-12": "double-12", "双12": "double-12", "双十二": "double-12",
	"xmas": "christmas", "cny": "chinese-new-year", "spring-festival": "chinese-new-year", "春节": "chinese-new-year",
	"bfcm": "black-friday",
}

// EventByName finds a built-in event by name or alias.
func EventByName(name string) (Event, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if a, ok := eventAliases[key]; ok {
		key = a
	}
	for _, e := range BuiltinEvents {
		if e.Name == key {
			return e, nil
		}
	}
	var names []string
	for _, e := range BuiltinEvents {
		names = append(names, e.Name)
	}
	return Event{}, fmt.Errorf("unknown event %q: expected one of %s, or NAME=YYYY-MM-DD,YYYY-MM-DD for a custom event", name, strings.Join(names, ", "))
}

// CustomEvent is an event the plan dates year by year (a store anniversary
// sale, a product launch).
func CustomEvent(name string, dates []civil.Date) Event {
	byYear := map[int]civil.Date{}
	for _, d := range dates {
		byYear[d.Year] = d
	}
	return Event{Name: name, On: func(y int) (civil.Date, bool) { d, ok := byYear[y]; return d, ok }}
}

// ParseEvent reads a built-in name, or NAME=DATE[,DATE...] for a custom event
// with one date per year.
func ParseEvent(s string) (Event, error) {
	name, list, ok := strings.Cut(s, "=")
	if !ok {
		return EventByName(s)
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return Event{}, fmt.Errorf("%q: the custom event has no name", s)
	}
	var ds []civil.Date
	for _, p := range strings.Split(list, ",") {
		d, err := civil.ParseDate(p)
		if err != nil {
			return Event{}, fmt.Errorf("event %s: %w", name, err)
		}
		ds = append(ds, d)
	}
	return CustomEvent(name, ds), nil
}

// Alignment maps a day of the season to the day of an earlier year that
// plays its part.
type Alignment struct {
	Target civil.Date
	Source civil.Date
	Event  string // the event the day is aligned on; "" for the 364-day lag
	Offset int    // days from the event (Target - event date)
}

// Align maps each day of the target range to last year's day: a day within
// window days of an event is aligned on that event (nearest event wins,
// the coming one on a tie); every other day takes the day 364 days
// earlier, which keeps the weekday. Double 11 is on the same date every year
// but not the same weekday, so its neighbours follow the event, not the lag.
//
// An event that keeps its weekday from one year to the next (Black
// Friday, 364 or 371 days after the last) is followed weekdayEventWindow
// days either side when window > 0: in a year when it moved 371 days,
// the days just outside a 3-day window would otherwise take, 364 days
// back, last year's event itself (the Friday before Black Friday 2024 was
// Black Friday 2023 less 364 days). Following it further keeps weekdays
// and moves the seam to calm days two weeks away.
func Align(target Range, events []Event, window int) []Alignment {
	out := make([]Alignment, 0, target.Days())
	for d := target.Start; !d.After(target.End); d = d.AddDays(1) {
		a := Alignment{Target: d, Source: d.AddDays(-364)}
		best := math.MaxInt
		for _, e := range events {
			ev, ok := e.On(d.Year)
			if !ok {
				continue
			}
			prev, ok := e.On(d.Year - 1)
			if !ok {
				continue
			}
			off := d.Sub(ev)
			w := window
			if w > 0 && ev.Sub(prev)%7 == 0 {
				w = max(w, weekdayEventWindow)
			}
			// nearest event wins; on a tie the coming one (pre-sales build up
			// demand, the aftermath of the earlier event has faded)
			if abs(off) > w {
				continue
			}
			if abs(off) < best || (abs(off) == best && off < 0) {
				best = abs(off)
				a.Event, a.Offset = e.Name, off
				a.Source = prev.AddDays(off)
			}
		}
		out = append(out, a)
	}
	return out
}

// weekdayEventWindow is how many days either side of an event that keeps
// its weekday year over year follow it (see Align).
const weekdayEventWindow = 14

// EventDays lists, for a range, the dates of the events that fall in it.
func EventDays(r Range, events []Event) map[civil.Date]string {
	out := map[civil.Date]string{}
	for y := r.Start.Year; y <= r.End.Year; y++ {
		for _, e := range events {
			if d, ok := e.On(y); ok && r.Contains(d) {
				out[d] = e.Name
			}
		}
	}
	return out
}

// sortedDates returns the keys in order.
func sortedDates[V any](m map[civil.Date]V) []civil.Date {
	out := make([]civil.Date, 0, len(m))
	for d := range m {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// EventsNear lists the built-in events whose date falls in the range or
// within margin days of it: the events a season is aligned on when the
// plan names none.
func EventsNear(r Range, margin int) []Event {
	wide := Range{Start: r.Start.AddDays(-margin), End: r.End.AddDays(margin)}
	seen := map[string]bool{}
	for _, name := range EventDays(wide, BuiltinEvents) {
		seen[name] = true
	}
	var out []Event
	for _, ev := range BuiltinEvents {
		if seen[ev.Name] {
			out = append(out, ev)
		}
	}
	return out
}
