package models

import (
	"sort"
	"time"
)

// Cadence is how often a series is recorded: every day (or every few
// minutes within the day), once a week, or once a month.
type Cadence int

// Cadences of a series, as DetectCadence reads them.
const (
	CadenceDaily   Cadence = iota // one value per day, or per interval of the day
	CadenceWeekly                 // one value per week, dated by one day of it
	CadenceMonthly                // one value per calendar month
)

func (c Cadence) String() string {
	switch c {
	case CadenceWeekly:
		return "weekly"
	case CadenceMonthly:
		return "monthly"
	}
	return "daily"
}

// DetectCadence reads how often the series is recorded: monthly when it
// holds at most one point per calendar month, all at midnight, typically
// 28 to 31 days apart (the median gap); weekly when its days are 7 days
// apart (the median gap) and all fall on one weekday; daily otherwise
// (intraday series included). An empty series is daily.
func DetectCadence(series []Point) Cadence {
	if len(series) < 2 {
		return CadenceDaily
	}
	keys := make([]int, 0, len(series))
	months := map[int]bool{}
	weekdays := map[time.Weekday]bool{}
	for _, p := range series {
		if clockSeconds(p.T) != 0 || p.T.Nanosecond() != 0 {
			return CadenceDaily
		}
		keys = append(keys, dateKey(p.T))
		months[monthIndex(p.T)] = true
		weekdays[p.T.Weekday()] = true
	}
	sort.Ints(keys)
	gaps := make([]int, 0, len(keys)-1)
	for i := 1; i < len(keys); i++ {
		gaps = append(gaps, keys[i]-keys[i-1])
	}
	sort.Ints(gaps)
	med := gaps[len(gaps)/2]
	switch {
	case len(months) == len(series) && med >= 28 && med <= 31:
		return CadenceMonthly
	case med == 7 && len(weekdays) == 1:
		return CadenceWeekly
	}
	return CadenceDaily
}

// monthIndex numbers the calendar month of t (year x 12 + month - 1).
func monthIndex(t time.Time) int {
	y, m, _ := t.Date()
	return y*12 + int(m) - 1
}

// monthEpoch is the Monday that stands for month index 0 in the grid of a
// monthly series.
var monthEpoch = time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)

// monthsAsWeeks lays a monthly series out as a weekly one: month i becomes
// the Monday 7i days after monthEpoch's, so that every model working on
// weeks (the mean of the last k, the value one period earlier, smoothing)
// works on months, and a year is 12 periods (84 grid days).
func monthsAsWeeks(t time.Time) time.Time {
	return monthEpoch.AddDate(0, 0, 7*(monthIndex(t)-1970*12))
}

// weeksAsMonths is the inverse of monthsAsWeeks: the first day of the
// month a grid day stands for.
func weeksAsMonths(t time.Time) time.Time {
	i := int(t.Sub(monthEpoch).Hours()/24) / 7
	return time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, i, 0)
}

// timeMap maps the timestamps of a series to the grid the models work on:
// itself, except for a monthly series (see monthsAsWeeks).
type timeMap struct{ cadence Cadence }

func newTimeMap(series []Point) timeMap { return timeMap{cadence: DetectCadence(series)} }

func (m timeMap) point(t time.Time) time.Time {
	if m.cadence == CadenceMonthly {
		return monthsAsWeeks(t)
	}
	return t
}

func (m timeMap) points(series []Point) []Point {
	if m.cadence != CadenceMonthly {
		return series
	}
	out := make([]Point, len(series))
	for i, p := range series {
		out[i] = Point{T: monthsAsWeeks(p.T), V: p.V}
	}
	return out
}

func (m timeMap) times(at []time.Time) []time.Time {
	if m.cadence != CadenceMonthly {
		return at
	}
	out := make([]time.Time, len(at))
	for i, t := range at {
		out[i] = monthsAsWeeks(t)
	}
	return out
}

// date is the calendar day a grid key stands for (for a monthly series,
// the first day of its month).
func (m timeMap) date(key int) time.Time {
	t := time.Unix(int64(key)*86400, 0).UTC()
	if m.cadence == CadenceMonthly {
		return weeksAsMonths(t)
	}
	return t
}

// yearDays is the length of a year on the grid, in grid days: 52 weeks
// (364 days, which keeps the weekday), or 12 months for a monthly series.
func (m timeMap) yearDays() int {
	if m.cadence == CadenceMonthly {
		return 12 * 7
	}
	return 364
}
