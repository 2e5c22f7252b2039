// Package grid maps a roster horizon's instants to interval indexes
// (slots) and to the calendar: local dates, weeks and months.
package grid

import (
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Grid maps the horizon's instants to interval indexes ("slots") and to
// the calendar: local dates, weeks and months. Slot t is the interval
// [start + t·iv, start + (t+1)·iv). Indexes outside [0, n) are allowed as
// "virtual" slots for week boundaries that fall outside the horizon.
type Grid struct {
	start time.Time
	Loc   *time.Location
	Iv    time.Duration
	IvMin int
	N     int

	Dates    []civil.Date
	DayOf    []int32 // slot -> date index
	DayStart []int   // date index -> virtual slot of local midnight
	WeekOf   []int   // date index -> week index
	Weeks    []Week
	MonthOf  []int // date index -> month index
	NMonths  int
}

type Week struct {
	FirstDay, Days int // date indexes of the week inside the horizon
	Full           bool
	Start, End     int // virtual slots of the week's first and last-plus-one midnight
}

func New(start time.Time, interval time.Duration, n int, weekStart time.Weekday) Grid {
	g := Grid{start: start, Loc: start.Location(), Iv: interval, IvMin: int(interval / time.Minute), N: n}
	g.DayOf = make([]int32, g.N)
	for t := range g.N {
		date := civil.DateOf(g.TimeOf(t))
		if len(g.Dates) == 0 || g.Dates[len(g.Dates)-1] != date {
			g.Dates = append(g.Dates, date)
		}
		g.DayOf[t] = int32(len(g.Dates) - 1)
	}
	g.DayStart = make([]int, len(g.Dates)+1)
	for i := range g.DayStart {
		g.DayStart[i] = g.virtualSlot(g.Dates[0].AddDays(i).At(0, g.Loc))
	}
	g.WeekOf = make([]int, len(g.Dates))
	g.MonthOf = make([]int, len(g.Dates))
	for i, date := range g.Dates {
		back := (int(date.Weekday()) - int(weekStart) + 7) % 7
		if i == 0 || back == 0 {
			first := date.AddDays(-back)
			g.Weeks = append(g.Weeks, Week{FirstDay: i,
				Start: g.virtualSlot(first.At(0, g.Loc)), End: g.virtualSlot(first.AddDays(7).At(0, g.Loc))})
		}
		w := len(g.Weeks) - 1
		g.WeekOf[i] = w
		g.Weeks[w].Days++
		if i > 0 && (date.Month != g.Dates[i-1].Month || date.Year != g.Dates[i-1].Year) {
			g.NMonths++
		}
		g.MonthOf[i] = g.NMonths
	}
	g.NMonths++
	for i := range g.Weeks {
		g.Weeks[i].Full = g.Weeks[i].Days == 7
	}
	return g
}

func (g *Grid) TimeOf(t int) time.Time { return g.start.Add(time.Duration(t) * g.Iv).In(g.Loc) }

// SlotOf is the slot starting at t; ok is false off the grid or outside
// the horizon.
func (g *Grid) SlotOf(t time.Time) (int, bool) {
	d := t.Sub(g.start)
	if d%g.Iv != 0 {
		return 0, false
	}
	s := int(d / g.Iv)
	return s, s >= 0 && s <= g.N
}

// virtualSlot is the (possibly fractional, rounded down) slot of t,
// outside the horizon too.
func (g *Grid) virtualSlot(t time.Time) int {
	d := t.Sub(g.start)
	s := d / g.Iv
	if d < 0 && d%g.Iv != 0 {
		s--
	}
	return int(s)
}

// slotsCovering returns the first and end slot of the whole intervals
// inside [from, to), clipped to the horizon.
func (g *Grid) SlotsInside(from, to time.Time) (int, int) {
	a := from.Sub(g.start)
	s := int(a / g.Iv)
	if a > 0 && a%g.Iv != 0 {
		s++
	}
	if a < 0 {
		s = int(a / g.Iv) // rounds toward zero, i.e. up for negatives
	}
	e := g.virtualSlot(to)
	return max(s, 0), min(e, g.N)
}
