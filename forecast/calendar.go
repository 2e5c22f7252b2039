package forecast

import (
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// YearAgo maps a day to last year's day that plays its part, as Align
// does for a season: within window days of an event, the same offset from
// last year's event; otherwise 364 days back (the same weekday). Days are
// midnight UTC (the models' convention); the result is too.
func YearAgo(events []Event, window int) func(time.Time) time.Time {
	if window < 0 {
		window = 0
	}
	return func(t time.Time) time.Time {
		d := civil.DateOf(t)
		a := Align(Range{d, d}, events, window)[0]
		return a.Source.Midnight(time.UTC)
	}
}

// ModelCalendar is the calendar the forecasting models align years with
// (see models.Calendar).
func ModelCalendar(events []Event, window int) models.Calendar {
	if len(events) == 0 {
		return models.Calendar{}
	}
	return models.Calendar{YearAgo: YearAgo(events, window)}
}

// eventOutlierZ is how far, in robust standard deviations of the ordinary
// days, an event day's departure must lie to count as seen: 4, so that
// among a few years of days an ordinary one passes for an event about
// never (a normal exceeds 4 standard deviations once in 16,000 draws),
// while a real peak (Black Friday at twice a normal day) lies tens of
// them away.
const eventOutlierZ = 4

// SeenEvents keeps the events the series shows: an event is kept when, in
// some year of the series, its day (or, on a weekly series, its week)
// departs from the local level by more than eventOutlierZ robust standard
// deviations of such departures over all the series' days (weeks). The
// local level of a day is the median of the same weekday 1 to 3 weeks
// either side (a median, so that a neighbouring event does not move it);
// of a week, the median of the 1 to 3 weeks either side. The departure is
// (value - level) / sqrt(level), the difference in units of Poisson noise,
// so that quiet and busy weekdays compare; the robust standard deviation
// is 1.4826 x the median absolute departure (a normal's MAD). An
// operating weekday missing from a daily series between observed days
// (the team was closed) counts as seen too. The departure must also be
// twice the median departure of the three days (weeks) either side (see
// standsOut).
//
// Events a series does not react to would only shift its weekdays when
// aligned on (Double 11 for a shop in Ohio), so a backtest aligns on the
// events SeenEvents keeps. Intraday series are summed per day; a monthly
// series keeps no event (a month holds its events whatever their day).
func SeenEvents(series []models.Point, events []Event) []Event {
	if len(series) == 0 || len(events) == 0 {
		return nil
	}
	cad := models.DetectCadence(series)
	if cad == models.CadenceMonthly {
		return nil
	}
	totals := map[civil.Date]float64{}
	for _, p := range series {
		totals[civil.DateOf(p.T)] += p.V
	}
	step := 1
	if cad == models.CadenceWeekly {
		step = 7
	}
	days := sortedDates(totals)
	first, last := days[0], days[len(days)-1]
	// operating weekdays: seen at least half as often as the most seen
	var wdCount [7]int
	for _, d := range days {
		wdCount[d.Weekday()]++
	}
	most := 0
	for _, n := range wdCount {
		most = max(most, n)
	}
	operating := func(d civil.Date) bool { n := wdCount[d.Weekday()]; return n > 0 && 2*n >= most }

	// departure of the period starting on d from its local level
	departure := func(d civil.Date) (float64, bool) {
		v, ok := totals[d]
		if !ok || v <= 0 {
			return 0, false
		}
		var near []float64
		for w := 1; w <= 3; w++ {
			for _, s := range []int{-1, 1} {
				if x, ok := totals[d.AddDays(s*7*w)]; ok {
					near = append(near, x)
				}
			}
		}
		if len(near) < 2 {
			return 0, false
		}
		sort.Float64s(near)
		level := models.SampleQuantile(near, 0.5)
		if level <= 0 {
			return 0, false
		}
		return (v - level) / math.Sqrt(level), true
	}
	var devs []float64
	for _, d := range days {
		if x, ok := departure(d); ok {
			devs = append(devs, math.Abs(x))
		}
	}
	if len(devs) < 10 {
		return nil
	}
	sort.Float64s(devs)
	sd := 1.4826 * models.SampleQuantile(devs, 0.5)
	if sd <= 0 {
		return nil
	}
	var out []Event
	for _, e := range events {
		if eventSeen(e, first, last, step, totals, operating, departure, sd) {
			out = append(out, e)
		}
	}
	return out
}

// eventSeen checks each year's occurrence of e (see SeenEvents).
func eventSeen(e Event, first, last civil.Date, step int, totals map[civil.Date]float64, operating func(civil.Date) bool,
	departure func(civil.Date) (float64, bool), sd float64) bool {
	for y := first.Year; y <= last.Year; y++ {
		d, ok := e.On(y)
		if !ok || d.Before(first) || d.After(last) {
			continue
		}
		candidates := []civil.Date{d}
		if step == 7 {
			// the week holding the event: dated by its first day (the
			// latest date at or before the event) or by its last (the
			// first date after it)
			candidates = candidates[:0]
			for i := 0; i < 7; i++ {
				if _, ok := totals[d.AddDays(-i)]; ok {
					candidates = append(candidates, d.AddDays(-i))
					break
				}
			}
			for i := 1; i < 7; i++ {
				if _, ok := totals[d.AddDays(i)]; ok {
					candidates = append(candidates, d.AddDays(i))
					break
				}
			}
		} else if _, ok := totals[d]; !ok && operating(d) {
			return true // closed on an operating weekday
		}
		for _, c := range candidates {
			if x, ok := departure(c); ok && math.Abs(x) > eventOutlierZ*sd && standsOut(c, x, step, departure) {
				return true
			}
		}
	}
	return false
}

// standsOut reports whether the departure x of the period d is at least
// twice the median departure of the three periods either side: an event
// is a day (or week) of its own, not a stretch of a trend that happens to
// hold its date (the days of a December ramp all depart from the weeks
// around them; Double 12 among them is no event of the series).
func standsOut(d civil.Date, x float64, step int, departure func(civil.Date) (float64, bool)) bool {
	var near []float64
	for i := 1; i <= 3; i++ {
		for _, s := range []int{-1, 1} {
			if y, ok := departure(d.AddDays(s * i * step)); ok {
				near = append(near, math.Abs(y))
			}
		}
	}
	if len(near) == 0 {
		return true
	}
	sort.Float64s(near)
	return math.Abs(x) >= 2*models.SampleQuantile(near, 0.5)
}

// eventMargin is how many days beyond a window its events may lie and
// still be aligned on (an event just after it pulls days before it).
const eventMargin = 10

// WindowEvents are the events a forecast of the window w is aligned on
// when none are named: the built-in events within eventMargin days of it
// that the history shows (SeenEvents).
func WindowEvents(history []models.Point, w Range) []Event {
	return SeenEvents(history, EventsNear(w, eventMargin))
}
