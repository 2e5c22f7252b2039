package models

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Model is a forecasting method: Fit learns from a history, then Predict
// forecasts exactly the timestamps asked for, in their order. Gaps in the
// history (holidays, nights, weekends absent from the data) are missing
// data, never zeros. A time of day or weekday the history never has is
// forecast as 0: the team does not work then.
type Model interface {
	Name() string
	Fit(history []Point) error
	Predict(at []time.Time) ([]float64, error)
}

// Model names accepted by New.
const (
	NameAuto          = "auto"
	NameWeekdayMean   = "weekday-mean"
	NameSNaive        = "snaive"
	NameHoltWinters   = "holt-winters"
	NameYoY           = "yoy"
	NameWeekdayMedian = "weekday-median"
	NameDayProfile    = "day-profile"
	NameYoYGrowth     = "yoy-growth"
	NameWeekdayShare  = "weekday-share"
)

// Names lists the models New knows, auto first.
func Names() []string {
	return []string{NameAuto, NameWeekdayMean, NameSNaive, NameHoltWinters, NameYoY, NameYoYGrowth, NameWeekdayMedian, NameDayProfile, NameWeekdayShare}
}

// New returns the model of that name, unfitted. Besides Names, it accepts
// the candidate names auto reports (see Auto), such as "weekday-mean:4"
// (k fixed), "day-profile:6" or "cal:holt-winters" (with calendar effects).
func New(name string) (Model, error) {
	if name == NameAuto {
		return NewAuto(), nil
	}
	f, err := newForecaster(name)
	if err != nil {
		return nil, err
	}
	return wrap(f), nil
}

// newForecaster parses [cal:]base[:k] and mean(a, b, ...).
func newForecaster(name string) (forecaster, error) {
	bad := fmt.Errorf("%w %q: expected one of %s, or a candidate such as weekday-mean:4, day-profile:6, cal:holt-winters, mean(weekday-mean:4, cal:holt-winters)", ErrUnknownModel, name, strings.Join(Names(), ", "))
	if inner, ok := strings.CutPrefix(name, "mean("); ok {
		inner, ok = strings.CutSuffix(inner, ")")
		parts, balanced := splitTop(inner)
		if !ok || !balanced || len(parts) < 2 {
			return nil, bad
		}
		f, err := buildCandidate(parts)
		if err != nil {
			return nil, bad
		}
		return f, nil
	}
	if day, ok := strings.CutPrefix(name, profilePrefix); ok {
		f, err := newForecaster(day)
		if err != nil {
			return nil, bad
		}
		return named{&profiled{label: name, day: f}, name}, nil
	}
	rest, cal := strings.CutPrefix(name, "cal:")
	base, kText, hasK := strings.Cut(rest, ":")
	k := 0
	if hasK {
		n, err := strconv.Atoi(kText)
		if err != nil || n < 1 || n > 52 {
			return nil, bad
		}
		k = n
	}
	var f forecaster
	switch base {
	case NameWeekdayMean:
		f = &weekdayAgg{k: k}
	case NameWeekdayMedian:
		f = &weekdayAgg{median: true, k: k}
	case NameDayProfile:
		f = &profiled{label: NameDayProfile, day: &weekdayAgg{k: k}}
	case NameWeekdayShare:
		if k == 0 {
			k = 4
		}
		f = &profiled{label: NameWeekdayShare, day: &weekdayShare{k: k}}
	case NameSNaive, NameHoltWinters, NameYoY, NameYoYGrowth:
		if hasK {
			return nil, bad
		}
		switch base {
		case NameSNaive:
			f = &sNaive{}
		case NameHoltWinters:
			f = newHoltWintersProfile()
		case NameYoYGrowth:
			f = &yoyGrowth{}
		default:
			f = &yearOverYear{}
		}
	default:
		return nil, bad
	}
	if cal {
		f = withCalendar(f)
	}
	return named{f, name}, nil
}

// profilePrefix names a daily model whose day totals are split into slots
// by the intraday profile (see profiled): profile:mean(a, b).
const profilePrefix = "profile:"

// splitTop splits a list at its top-level commas (not inside
// parentheses), trimming spaces; false when the parentheses do not
// balance.
func splitTop(s string) ([]string, bool) {
	var parts []string
	depth, from := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return nil, false
			}
		case ',':
			if depth == 0 {
				parts = append(parts, strings.TrimSpace(s[from:i]))
				from = i + 1
			}
		}
	}
	parts = append(parts, strings.TrimSpace(s[from:]))
	return parts, depth == 0
}

// named gives a forecaster the name it was asked by.
type named struct {
	forecaster
	label string
}

func (n named) name() string { return n.label }

func (n named) setFuture(days map[int]bool) {
	if fa, ok := n.forecaster.(futureAware); ok {
		fa.setFuture(days)
	}
}

// forecaster is a model working on the grid of a history: fit sees the
// whole grid, predict one cell (calendar day key, weekday, slot of the day)
// after the history's last day.
type forecaster interface {
	name() string
	fit(g *grid) error
	predict(key int, wd time.Weekday, slot int) float64
}

// gridModel adapts a forecaster to Model: it infers the step, lays out the
// grid, and maps timestamps to cells.
type gridModel struct {
	f      forecaster
	g      *grid
	cal    Calendar
	nonNeg bool // the history has no negative value: forecasts are clipped at 0
}

// SetCalendar tells the model which days of last year play the part of
// the days it forecasts (before Fit).
func (m *gridModel) SetCalendar(c Calendar) { m.cal = c }

func wrap(f forecaster) *gridModel { return &gridModel{f: f} }

func (m *gridModel) Name() string { return m.f.name() }

func (m *gridModel) Fit(history []Point) error {
	g, err := gridFor(history, m.cal)
	if err != nil {
		return err
	}
	return m.fitGrid(g)
}

func (m *gridModel) fitGrid(g *grid) error {
	m.g = g
	m.nonNeg = g.nonNegative()
	return m.f.fit(g)
}

// nonNegative reports whether the history has no negative value; its
// forecasts are then clipped at 0 (contacts are counts).
func (g *grid) nonNegative() bool {
	for _, d := range g.days {
		for _, x := range d.v {
			if x < 0 {
				return false
			}
		}
	}
	return true
}

// gridOf validates a history and lays it out on its inferred step.
func gridOf(history []Point) (*grid, error) {
	step, err := InferStep(history)
	if err != nil {
		return nil, err
	}
	return newGrid(history, step)
}

// gridFor lays a history out as the models see it: a monthly series as
// weeks (see monthsAsWeeks), with the calendar's year alignment on a
// daily or weekly one.
func gridFor(history []Point, cal Calendar) (*grid, error) {
	if len(history) == 0 {
		return nil, ErrEmpty
	}
	if err := validate(history); err != nil {
		return nil, err
	}
	tm := newTimeMap(history)
	g, err := gridOf(tm.points(history))
	if err != nil {
		return nil, err
	}
	if tm.cadence == CadenceMonthly {
		g.tm = tm
	} else {
		g.yearAgo = cal.yearAgoKeys()
	}
	return g, nil
}

func (m *gridModel) Predict(at []time.Time) ([]float64, error) {
	if m.g == nil {
		return nil, fmt.Errorf("%s: Predict before Fit", m.Name())
	}
	asked := at
	at = m.g.tm.times(at)
	if fa, ok := m.f.(futureAware); ok {
		fa.setFuture(futureDays(m.g, at))
	}
	out := make([]float64, len(at))
	for i, t := range at {
		v, err := m.predictAt(t)
		if err != nil {
			return nil, &PointError{Index: i, T: asked[i], Err: err}
		}
		out[i] = v
	}
	return out, nil
}

func (m *gridModel) predictAt(t time.Time) (float64, error) {
	key := dateKey(t)
	wd := weekdayOfKey(key)
	if m.g.step < Day {
		off := clockSeconds(t) - m.g.firstSec
		stepSec := int(m.g.step / time.Second)
		if off%stepSec != 0 || t.Nanosecond() != 0 {
			return 0, fmt.Errorf("%w of %v from %s", ErrOffGrid, civil.FormatDuration(m.g.step), secondsClock(m.g.firstSec))
		}
	}
	if !m.g.operating(t) {
		return 0, nil
	}
	slot, _ := m.g.slotOf(t)
	v := m.f.predict(key, wd, slot)
	if !finite(v) {
		v = 0
	}
	if m.nonNeg && v < 0 {
		v = 0
	}
	return v, nil
}

// operating reports whether the history has the weekday and slot of t.
func (g *grid) operating(t time.Time) bool {
	slot, ok := g.slotOf(t)
	return ok && g.weekdays[weekdayOfKey(dateKey(t))] && g.slotUsed[slot]
}

// futureDays is the set of calendar days after the history that at asks for.
func futureDays(g *grid, at []time.Time) map[int]bool {
	last := g.lastKey()
	days := map[int]bool{}
	for _, t := range at {
		if k := dateKey(t); k > last {
			days[k] = true
		}
	}
	return days
}

// lastKey is the calendar key of the history's last day.
func (g *grid) lastKey() int { return g.days[len(g.days)-1].key }

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// median of xs (not modified); small inputs are sorted on the stack.
func median(xs []float64) float64 {
	var buf [16]float64
	var s []float64
	if len(xs) <= len(buf) {
		s = buf[:len(xs)]
		copy(s, xs)
		for i := 1; i < len(s); i++ {
			for j := i; j > 0 && s[j] < s[j-1]; j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
	} else {
		s = append([]float64(nil), xs...)
		sort.Float64s(s)
	}
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
