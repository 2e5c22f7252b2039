package roster

import (
	"slices"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/grid"
)

// PeakSlots marks the intervals where the veteran share applies: the TopK
// of each day by total requirement (ties to the earlier interval; only
// intervals with some requirement) and the rule's windows.
func PeakSlots(m *Model, g *grid.Grid) []bool {
	peak := make([]bool, g.N)
	v := m.Veterans
	if v.Share <= 0 {
		return peak
	}
	if v.TopK > 0 {
		total := make([]int, g.N)
		for _, s := range m.Demand.Skills {
			for t, x := range s.Required {
				total[t] += x
			}
		}
		for d := range g.Dates {
			var idx []int
			for t := max(g.DayStart[d], 0); t < min(g.DayStart[d+1], g.N); t++ {
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
		for d := -1; d < len(g.Dates); d++ {
			date := g.Dates[0].AddDays(d)
			if len(w.Dates) > 0 && !slices.Contains(w.Dates, date) {
				continue
			}
			a, b := g.SlotsInside(date.At(w.Span.From, g.Loc), date.At(civil.Clock(w.Span.End()), g.Loc))
			for t := a; t < b; t++ {
				peak[t] = true
			}
		}
	}
	return peak
}

// NightSlots marks the intervals inside the rules' night window.
func NightSlots(m *Model, g *grid.Grid) []bool {
	night := make([]bool, g.N)
	s := m.Rules.Night
	if s.IsZero() {
		return night
	}
	for d := -1; d < len(g.Dates); d++ {
		date := g.Dates[0].AddDays(d)
		a, b := g.SlotsInside(date.At(s.From, g.Loc), date.At(civil.Clock(s.End()), g.Loc))
		for t := a; t < b; t++ {
			night[t] = true
		}
	}
	return night
}

// AvailableSlots marks the intervals an agent can work: inside one of
// their windows (any time without windows), not on a day off.
func AvailableSlots(a *Agent, g *grid.Grid) []bool {
	av := make([]bool, g.N)
	if len(a.Available) == 0 {
		for t := range av {
			av[t] = true
		}
	} else {
		for _, w := range a.Available {
			for d := -1; d < len(g.Dates); d++ {
				date := g.Dates[0].AddDays(d)
				if len(w.Days) > 0 && !slices.Contains(w.Days, date.Weekday()) {
					continue
				}
				x, y := g.SlotsInside(date.At(w.Span.From, g.Loc), date.At(civil.Clock(w.Span.End()), g.Loc))
				for t := x; t < y; t++ {
					av[t] = true
				}
			}
		}
	}
	for t := range av {
		date := g.Dates[g.DayOf[t]]
		if slices.Contains(a.DaysOff, date) || slices.Contains(a.WeekdaysOff, date.Weekday()) {
			av[t] = false
		}
	}
	return av
}
