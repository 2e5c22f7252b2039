package roster

import (
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// grid maps the horizon's instants to interval indexes ("slots") and to
// the calendar: local dates, weeks and months. Slot t is the interval
// [start + t·iv, start + (t+1)·iv). Indexes outside [0, n) are allowed as
// "virtual" slots for week boundaries that fall outside the horizon.
type grid struct {
	start time.Time
	loc   *time.Location
	iv    time.Duration
	ivMin int
	n     int

	dates    []civil.Date
	dayOf    []int32 // slot -> date index
	dayStart []int   // date index -> virtual slot of local midnight
	weekOf   []int   // date index -> week index
	weeks    []week
	monthOf  []int // date index -> month index
	nMonths  int
}

type week struct {
	firstDay, days int // date indexes of the week inside the horizon
	full           bool
	start, end     int // virtual slots of the week's first and last-plus-one midnight
}

func newGrid(d *Demand, weekStart time.Weekday) grid {
	g := grid{start: d.Start, loc: d.Start.Location(), iv: d.Interval, ivMin: int(d.Interval / time.Minute), n: d.Intervals()}
	g.dayOf = make([]int32, g.n)
	for t := range g.n {
		date := civil.DateOf(g.timeOf(t))
		if len(g.dates) == 0 || g.dates[len(g.dates)-1] != date {
			g.dates = append(g.dates, date)
		}
		g.dayOf[t] = int32(len(g.dates) - 1)
	}
	g.dayStart = make([]int, len(g.dates)+1)
	for i := range g.dayStart {
		g.dayStart[i] = g.virtualSlot(g.dates[0].AddDays(i).At(0, g.loc))
	}
	g.weekOf = make([]int, len(g.dates))
	g.monthOf = make([]int, len(g.dates))
	for i, date := range g.dates {
		back := (int(date.Weekday()) - int(weekStart) + 7) % 7
		if i == 0 || back == 0 {
			first := date.AddDays(-back)
			g.weeks = append(g.weeks, week{firstDay: i,
				start: g.virtualSlot(first.At(0, g.loc)), end: g.virtualSlot(first.AddDays(7).At(0, g.loc))})
		}
		w := len(g.weeks) - 1
		g.weekOf[i] = w
		g.weeks[w].days++
		if i > 0 && (date.Month != g.dates[i-1].Month || date.Year != g.dates[i-1].Year) {
			g.nMonths++
		}
		g.monthOf[i] = g.nMonths
	}
	g.nMonths++
	for i := range g.weeks {
		g.weeks[i].full = g.weeks[i].days == 7
	}
	return g
}

func (g *grid) timeOf(t int) time.Time { return g.start.Add(time.Duration(t) * g.iv).In(g.loc) }

// slotOf is the slot starting at t; ok is false off the grid or outside
// the horizon.
func (g *grid) slotOf(t time.Time) (int, bool) {
	d := t.Sub(g.start)
	if d%g.iv != 0 {
		return 0, false
	}
	s := int(d / g.iv)
	return s, s >= 0 && s <= g.n
}

// virtualSlot is the (possibly fractional, rounded down) slot of t,
// outside the horizon too.
func (g *grid) virtualSlot(t time.Time) int {
	d := t.Sub(g.start)
	s := d / g.iv
	if d < 0 && d%g.iv != 0 {
		s--
	}
	return int(s)
}

// slotsCovering returns the first and end slot of the whole intervals
// inside [from, to), clipped to the horizon.
func (g *grid) slotsInside(from, to time.Time) (int, int) {
	a := from.Sub(g.start)
	s := int(a / g.iv)
	if a > 0 && a%g.iv != 0 {
		s++
	}
	if a < 0 {
		s = int(a / g.iv) // rounds toward zero, i.e. up for negatives
	}
	e := g.virtualSlot(to)
	return max(s, 0), min(e, g.n)
}

// peakSlots marks the intervals where the veteran share applies: the TopK
// of each day by total requirement (ties to the earlier interval; only
// intervals with some requirement) and the rule's windows.
func peakSlots(m *Model, g *grid) []bool {
	peak := make([]bool, g.n)
	v := m.Veterans
	if v.Share <= 0 {
		return peak
	}
	if v.TopK > 0 {
		total := make([]int, g.n)
		for _, s := range m.Demand.Skills {
			for t, x := range s.Required {
				total[t] += x
			}
		}
		for d := range g.dates {
			var idx []int
			for t := max(g.dayStart[d], 0); t < min(g.dayStart[d+1], g.n); t++ {
				if total[t] > 0 {
					idx = append(idx, t)
				}
			}
			// selection of the k largest, stable by time
			for k := 0; k < v.TopK && k < len(idx); k++ {
				best := k
				for j := k + 1; j < len(idx); j++ {
					if total[idx[j]] > total[idx[best]] || (total[idx[j]] == total[idx[best]] && idx[j] < idx[best]) {
						best = j
					}
				}
				idx[k], idx[best] = idx[best], idx[k]
				peak[idx[k]] = true
			}
		}
	}
	for _, w := range v.Windows {
		for d := -1; d < len(g.dates); d++ {
			date := g.dates[0].AddDays(d)
			if len(w.Dates) > 0 && !hasDate(w.Dates, date) {
				continue
			}
			a, b := g.slotsInside(date.At(w.Span.From, g.loc), date.At(civil.Clock(w.Span.end()), g.loc))
			for t := a; t < b; t++ {
				peak[t] = true
			}
		}
	}
	return peak
}

// nightSlots marks the intervals inside the rules' night window.
func nightSlots(m *Model, g *grid) []bool {
	night := make([]bool, g.n)
	s := m.Rules.Night
	if s.IsZero() {
		return night
	}
	for d := -1; d < len(g.dates); d++ {
		date := g.dates[0].AddDays(d)
		a, b := g.slotsInside(date.At(s.From, g.loc), date.At(civil.Clock(s.end()), g.loc))
		for t := a; t < b; t++ {
			night[t] = true
		}
	}
	return night
}

// availableSlots marks the intervals an agent can work: inside one of
// their windows (any time without windows), not on a day off.
func availableSlots(a *Agent, g *grid) []bool {
	av := make([]bool, g.n)
	if len(a.Available) == 0 {
		for t := range av {
			av[t] = true
		}
	} else {
		for _, w := range a.Available {
			for d := -1; d < len(g.dates); d++ {
				date := g.dates[0].AddDays(d)
				if len(w.Days) > 0 && !hasWeekday(w.Days, date.Weekday()) {
					continue
				}
				x, y := g.slotsInside(date.At(w.Span.From, g.loc), date.At(civil.Clock(w.Span.end()), g.loc))
				for t := x; t < y; t++ {
					av[t] = true
				}
			}
		}
	}
	for t := range av {
		date := g.dates[g.dayOf[t]]
		if hasDate(a.DaysOff, date) || hasWeekday(a.WeekdaysOff, date.Weekday()) {
			av[t] = false
		}
	}
	return av
}
