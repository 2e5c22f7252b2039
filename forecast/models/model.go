package models

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
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
)

// Names lists the models New knows, auto first.
func Names() []string {
	return []string{NameAuto, NameWeekdayMean, NameSNaive, NameHoltWinters, NameYoY, NameWeekdayMedian, NameDayProfile}
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
		if !ok || strings.ContainsAny(inner, "()") {
			return nil, bad
		}
		parts := strings.Split(inner, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) < 2 {
			return nil, bad
		}
		f, err := buildCandidate(parts)
		if err != nil {
			return nil, bad
		}
		return f, nil
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
	case NameSNaive, NameHoltWinters, NameYoY:
		if hasK {
			return nil, bad
		}
		switch base {
		case NameSNaive:
			f = &sNaive{}
		case NameHoltWinters:
			f = newHoltWintersProfile()
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
	f        forecaster
	g        *grid
	nonNeg   bool // the history has no negative value: forecasts are clipped at 0
	lastTime time.Time
}

func wrap(f forecaster) *gridModel { return &gridModel{f: f} }

func (m *gridModel) Name() string { return m.f.name() }

func (m *gridModel) Fit(history []Point) error {
	g, err := gridOf(history)
	if err != nil {
		return err
	}
	return m.fitGrid(g)
}

func (m *gridModel) fitGrid(g *grid) error {
	m.g = g
	m.nonNeg = true
	for _, d := range g.days {
		for _, x := range d.v {
			if x < 0 {
				m.nonNeg = false
			}
		}
	}
	return m.f.fit(g)
}

// gridOf validates a history and lays it out on its inferred step.
func gridOf(history []Point) (*grid, error) {
	step, err := InferStep(history)
	if err != nil {
		return nil, err
	}
	return newGrid(history, step)
}

func (m *gridModel) Predict(at []time.Time) ([]float64, error) {
	if m.g == nil {
		return nil, fmt.Errorf("%s: Predict before Fit", m.Name())
	}
	if fa, ok := m.f.(futureAware); ok {
		fa.setFuture(futureDays(m.g, at))
	}
	out := make([]float64, len(at))
	for i, t := range at {
		v, err := m.predictAt(t)
		if err != nil {
			return nil, &PointError{Index: i, T: t, Err: err}
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
			return 0, fmt.Errorf("%w of %v from %s", ErrOffGrid, m.g.step, secondsClock(m.g.firstSec))
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

// weekdayAgg forecasts each weekday (and slot of the day) by the mean, or
// the median, of its last k values in the history. The median ignores one
// holiday-hit or outage-hit week. k = 0 chooses k (from {2, 3, 4, 6, 8} for
// the mean, {3, 5, 7, 9} for the median) by the lowest WAPE of one-week-
// ahead forecasts made at each of the history's last weeks (up to 8), so
// the data decide how much recency matters.
type weekdayAgg struct {
	median bool
	k      int // as asked; 0 = choose
	chosen int
	table  [7][]float64
}

var (
	weekdayMeanKs   = []int{2, 3, 4, 6, 8}
	weekdayMedianKs = []int{3, 5, 7, 9}
)

func (w *weekdayAgg) name() string {
	if w.median {
		return NameWeekdayMedian
	}
	return NameWeekdayMean
}

func (w *weekdayAgg) fit(g *grid) error {
	agg, ks := mean, weekdayMeanKs
	if w.median {
		agg, ks = median, weekdayMedianKs
	}
	w.chosen = w.k
	if w.k == 0 {
		w.chosen = chooseK(g, ks, agg)
	}
	w.table = weekdayTables(g, agg, []int{w.chosen})[0]
	return nil
}

func (w *weekdayAgg) predict(_ int, wd time.Weekday, slot int) float64 { return w.table[wd][slot] }

// weekdayTables applies agg to the last k values of every (weekday,
// operating slot), for each k of ks, scanning the days backwards once per
// weekday.
func weekdayTables(g *grid, agg func([]float64) float64, ks []int) [][7][]float64 {
	maxK := slices.Max(ks)
	out := make([][7][]float64, len(ks))
	for wd := range 7 {
		if !g.weekdays[wd] {
			continue
		}
		vals := make([][]float64, g.slots)
		need := 0
		for s := range g.slots {
			if g.slotUsed[s] {
				need++
				vals[s] = make([]float64, 0, maxK)
			}
		}
		for i := len(g.days) - 1; i >= 0 && need > 0; i-- {
			d := g.days[i]
			if d.wd != time.Weekday(wd) {
				continue
			}
			for s, x := range d.v {
				if !g.slotUsed[s] || math.IsNaN(x) || len(vals[s]) >= maxK {
					continue
				}
				vals[s] = append(vals[s], x)
				if len(vals[s]) == maxK {
					need--
				}
			}
		}
		for i, k := range ks {
			t := make([]float64, g.slots)
			for s, xs := range vals {
				if n := min(k, len(xs)); n > 0 {
					t[s] = agg(xs[:n])
				}
			}
			out[i][wd] = t
		}
	}
	return out
}

// chooseK backtests the k of a weekday model one week ahead at the last
// weeks of the history and returns the k with the lowest WAPE (the first
// on ties). With less than three weeks of history it returns the middle
// candidate.
func chooseK(g *grid, ks []int, agg func([]float64) float64) int {
	cuts := weeklyCuts(g, 7, 8)
	if len(cuts) == 0 {
		return ks[len(ks)/2]
	}
	absE := make([]float64, len(ks))
	absA := 0.0
	for _, c := range cuts {
		tables := weekdayTables(g.prefix(c), agg, ks)
		i := sort.Search(len(g.days), func(i int) bool { return g.days[i].key >= c })
		for ; i < len(g.days) && g.days[i].key < c+7; i++ {
			d := g.days[i]
			if !g.weekdays[d.wd] {
				continue
			}
			for s, a := range d.v {
				if math.IsNaN(a) || !g.slotUsed[s] {
					continue
				}
				absA += math.Abs(a)
				for j := range ks {
					absE[j] += math.Abs(a - tables[j][d.wd][s])
				}
			}
		}
	}
	best := len(ks) / 2
	if absA == 0 {
		return ks[best]
	}
	for j := range ks {
		if absE[j] < absE[best] || absE[j] == absE[best] && j < best {
			best = j
		}
	}
	return ks[best]
}

// weeklyCuts returns up to n cut days (calendar keys, exclusive end of the
// training part) one week apart, the last horizonDays before the end of the
// history, each leaving at least two weeks of training.
func weeklyCuts(g *grid, horizonDays, n int) []int {
	first, last := g.days[0].key, g.lastKey()
	var cuts []int
	for c := last + 1 - horizonDays; len(cuts) < n && c-first >= 14; c -= 7 {
		cuts = append(cuts, c)
	}
	return cuts
}

// prefix is the grid of the days before key (a view sharing the values).
func (g *grid) prefix(key int) *grid {
	n := sort.Search(len(g.days), func(i int) bool { return g.days[i].key >= key })
	p := *g
	p.days = g.days[:n]
	if g.slots > 1 {
		p.daily = g.dailyGrid().prefix(key)
	}
	return &p
}

// sNaive forecasts the value one week earlier at the same slot; when that
// is missing or not yet observed, the same slot further weeks back.
type sNaive struct{ g *grid }

func (n *sNaive) name() string { return NameSNaive }

func (n *sNaive) fit(g *grid) error { n.g = g; return nil }

func (n *sNaive) predict(key int, _ time.Weekday, slot int) float64 {
	first, last := n.g.days[0].key, n.g.lastKey()
	k := key - 7
	if k > last {
		k -= (k - last + 6) / 7 * 7 // the latest same weekday in the history
	}
	for ; k >= first; k -= 7 {
		if i, ok := n.g.byKey[k]; ok && i < len(n.g.days) && n.g.days[i].key == k {
			if x := n.g.days[i].v[slot]; !math.IsNaN(x) {
				return x
			}
		}
	}
	return 0
}

// yearOverYear forecasts the value 364 days earlier (52 weeks, so weekdays
// align), at the same slot. When that day is missing it takes the nearest
// same weekday within two weeks of it, and failing that the seasonal naive
// forecast. It needs a history of at least 364 days.
type yearOverYear struct {
	g     *grid
	naive sNaive
}

func (y *yearOverYear) name() string { return NameYoY }

func (y *yearOverYear) fit(g *grid) error {
	if span := g.lastKey() - g.days[0].key + 1; span < 364 {
		return fmt.Errorf("%w: %s needs a year of history (364 days), got %d days", ErrShortHistory, NameYoY, span)
	}
	y.g = g
	return y.naive.fit(g)
}

func (y *yearOverYear) predict(key int, wd time.Weekday, slot int) float64 {
	last := y.g.lastKey()
	for _, off := range []int{364, 371, 357, 378, 350} {
		k := key - off
		if k > last {
			continue
		}
		if i, ok := y.g.byKey[k]; ok && i < len(y.g.days) && y.g.days[i].key == k {
			if x := y.g.days[i].v[slot]; !math.IsNaN(x) {
				return x
			}
		}
	}
	return y.naive.predict(key, wd, slot)
}

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
