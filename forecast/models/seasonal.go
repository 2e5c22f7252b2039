package models

import (
	"fmt"
	"math"
	"time"
)

// Calendar is what the models know of a series' calendar beyond its
// dates: which day of last year plays the part of a day this year.
type Calendar struct {
	// YearAgo maps a day (midnight UTC) to the day of the year before
	// that plays its part: last year's Black Friday for this year's, the
	// same weekday 364 days back for an ordinary day. nil means 364 days
	// back everywhere. The forecast package builds it from its events
	// (forecast.YearAgo).
	YearAgo func(day time.Time) time.Time
}

// calendared is a model that aligns days year over year.
type calendared interface{ SetCalendar(Calendar) }

// yearAgoKeys adapts a Calendar to grid keys of a daily or weekly grid.
func (c Calendar) yearAgoKeys() func(int) int {
	if c.YearAgo == nil {
		return nil
	}
	return func(key int) int {
		return dateKey(c.YearAgo(time.Unix(int64(key)*86400, 0).UTC()))
	}
}

// yearSources lists the days of the year before that may stand for day
// key, best first:
//   - daily: the event-aligned day (Calendar), then 364 days back (the
//     same weekday) and the same weekday one or two weeks either side;
//   - weekly: the week shifted by the multiple of 7 days nearest to the
//     event alignment of most of the week's days (a week is dated by its
//     first day), then 52 and 53 weeks back, then 51;
//   - monthly: 12 months back, then 24.
//
// A source after the history's last day (a horizon beyond a year) is
// moved back by whole years.
func (g *grid) yearSources(key int) []int {
	if s, ok := g.memo.sources[key]; ok {
		return s
	}
	var out []int
	add := func(k int) {
		for _, x := range out {
			if x == k {
				return
			}
		}
		out = append(out, k)
	}
	switch g.tm.cadence {
	case CadenceMonthly:
		add(key - 84)
		add(key - 168)
	case CadenceWeekly:
		add(key - g.weekShift(key))
		for _, off := range []int{364, 371, 357} {
			add(key - off)
		}
	default:
		if g.yearAgo != nil {
			add(g.yearAgo(key))
		}
		for _, off := range []int{364, 371, 357, 378, 350} {
			add(key - off)
		}
	}
	g.memo.sources[key] = out
	return out
}

// weekShift is the year shift, in days and a multiple of 7, of the week
// dated key: the shift most of its days have under the event alignment,
// rounded to whole weeks (364 without a Calendar, and on a tie).
func (g *grid) weekShift(key int) int {
	if g.yearAgo == nil {
		return 364
	}
	count := map[int]int{}
	for d := key; d < key+7; d++ {
		count[wholeWeeks(d-g.yearAgo(d))]++
	}
	return majorityShift(count)
}

// wholeWeeks rounds a number of days to the nearest multiple of 7.
func wholeWeeks(days int) int { return int(math.Round(float64(days)/7)) * 7 }

// majorityShift is the shift counted most often; 364 on a tie with it,
// the smaller shift on other ties.
func majorityShift(count map[int]int) int {
	best, n := 364, count[364]
	for s, c := range count {
		if c > n || c == n && s != 364 && best != 364 && s < best {
			best, n = s, c
		}
	}
	return best
}

// valueAt is the grid's value at (key, slot), false when the day or slot
// is missing or after the last day.
func (g *grid) valueAt(key, slot int) (float64, bool) {
	i, ok := g.byKey[key]
	if !ok || i >= len(g.days) || g.days[i].key != key {
		return 0, false
	}
	x := g.days[i].v[slot]
	return x, !math.IsNaN(x)
}

// yearValue is last year's value standing for (key, slot): the first of
// yearSources present in the history, moved back by whole years while
// after its last day.
func (g *grid) yearValue(key, slot int) (float64, int, bool) {
	last := g.lastKey()
	year := g.tm.yearDays()
	for _, k := range g.yearSources(key) {
		for k > last {
			k -= year
		}
		if x, ok := g.valueAt(k, slot); ok {
			return x, k, true
		}
	}
	return 0, 0, false
}

// yearOverYear is the yearly naive forecast aligned on the events: the
// value of last year's day that plays the part of the day forecast (see
// yearSources), at the same slot; when last year has none, the seasonal
// naive forecast. It needs a history of at least a year.
type yearOverYear struct {
	g      *grid
	naive  sNaive
	strict bool // in a backtest: NaN instead of the seasonal naive fallback
}

// strictAware forecasters forecast NaN, in a backtest, where their own
// method has no answer (instead of a fallback), so that they are scored
// only where they are themselves.
// setStrict reports whether it applies.
type strictAware interface{ setStrict() bool }

func (y *yearOverYear) setStrict() bool { y.strict = true; return true }
func (y *yoyGrowth) setStrict() bool    { y.yoy.strict = true; return true }
func (n named) setStrict() bool {
	s, ok := n.forecaster.(strictAware)
	return ok && s.setStrict()
}

func (p *profiled) setStrict() bool {
	s, ok := p.day.(strictAware)
	return ok && s.setStrict()
}

// setStrict makes every strict-capable part strict: a NaN of one part
// makes the mean NaN, so the combination is scored where all its parts
// are.
func (c *combination) setStrict() bool {
	any := false
	for _, p := range c.parts {
		if s, ok := p.(strictAware); ok && s.setStrict() {
			any = true
		}
	}
	return any
}

func (y *yearOverYear) name() string { return NameYoY }

func (y *yearOverYear) fit(g *grid) error {
	if !y.strict {
		if err := needYear(g, NameYoY); err != nil {
			return err
		}
	}
	y.g = g
	return y.naive.fit(g)
}

// needYear checks that the grid spans a year.
func needYear(g *grid, model string) error {
	if span := g.lastKey() - g.days[0].key + 1; span < g.tm.yearDays() {
		return fmt.Errorf("%w: %s needs a year of history, got %s", ErrShortHistory, model, g.spanText(span))
	}
	return nil
}

// spanText says how long span grid days are in the series' own periods.
func (g *grid) spanText(span int) string {
	switch g.tm.cadence {
	case CadenceMonthly:
		return fmt.Sprintf("%d months", (span+6)/7)
	case CadenceWeekly:
		return fmt.Sprintf("%d weeks", (span+6)/7)
	}
	return fmt.Sprintf("%d days", span)
}

func (y *yearOverYear) predict(key int, wd time.Weekday, slot int) float64 {
	if x, _, ok := y.g.yearValue(key, slot); ok {
		return x
	}
	if y.strict {
		return math.NaN()
	}
	return y.naive.predict(key, wd, slot)
}

// yoyGrowth is the yearly naive forecast times the growth of the level:
//
//	ŷ(d) = y(s(d)) × G,  G = Σ y(t) / Σ y(s(t))
//
// with s(d) last year's day standing for d (yearSources) and t running
// over the days of the last growthDays of the history that have a source
// (day totals on an intraday series). It keeps last year's shape around
// the events and this year's level. It needs a year of history, and the
// growth window's days paired with last year's over two weeks at least.
type yoyGrowth struct {
	yoy    yearOverYear
	growth float64
}

func (y *yoyGrowth) name() string { return NameYoYGrowth }

// growthDays is the window the growth is measured on: the last 8 weeks,
// or 3 months of a monthly series.
func growthDays(g *grid) int {
	if g.tm.cadence == CadenceMonthly {
		return 3 * 7
	}
	return 8 * 7
}

func (y *yoyGrowth) fit(g *grid) error {
	if err := y.yoy.fit(g); err != nil {
		return err
	}
	dg := g.dailyGrid()
	last := dg.lastKey()
	from := last - growthDays(dg) + 1
	var now, before float64
	lo, hi := math.MaxInt, math.MinInt
	for i := len(dg.days) - 1; i >= 0 && dg.days[i].key >= from; i-- {
		d := dg.days[i]
		x := d.v[0]
		if !dg.weekdays[d.wd] || math.IsNaN(x) {
			continue
		}
		if src, _, ok := dg.yearValue(d.key, 0); ok {
			now += x
			before += src
			lo, hi = min(lo, d.key), max(hi, d.key)
		}
	}
	if hi-lo+7 < 14 || before <= 0 {
		return fmt.Errorf("%w: %s: the last %s have no counterpart a year earlier", ErrShortHistory, NameYoYGrowth, dg.spanText(growthDays(dg)))
	}
	y.growth = now / before
	return nil
}

func (y *yoyGrowth) predict(key int, wd time.Weekday, slot int) float64 {
	return y.yoy.predict(key, wd, slot) * y.growth
}

// weekdayShare forecasts a day as the recent level times its weekday's
// share of the week:
//
//	ŷ(d) = L × w(wd(d)),  w(j) = mean of weekday j / mean of all operating
//	days over the last shareWeeks weeks,  L = Σ y(t) / Σ w(wd(t)) over the
//	operating days t of the last k weeks.
//
// The weekday pattern is estimated on half a year, the level on k weeks:
// on a noisy series (a few tickets a day) the pattern of 26 weeks is far
// steadier than k weeks of each weekday alone, and the level still
// follows the recent weeks.
type weekdayShare struct {
	k     int
	share [7]float64
	level float64
}

// shareWeeks is the window of the weekday pattern.
const shareWeeks = 26

func (w *weekdayShare) name() string { return fmt.Sprintf("%s:%d", NameWeekdayShare, w.k) }

func (w *weekdayShare) fit(g *grid) error {
	if len(g.days) == 0 {
		return ErrShortHistory
	}
	last := g.lastKey()
	var sum [7]float64
	var n [7]int
	all, allN := 0.0, 0
	for i := len(g.days) - 1; i >= 0 && g.days[i].key > last-7*shareWeeks; i-- {
		d := g.days[i]
		if x := d.v[0]; g.weekdays[d.wd] && !math.IsNaN(x) {
			sum[d.wd] += x
			n[d.wd]++
			all += x
			allN++
		}
	}
	if allN == 0 || all <= 0 {
		return fmt.Errorf("%w: %s: no contacts in the last %d weeks", ErrShortHistory, w.name(), shareWeeks)
	}
	overall := all / float64(allN)
	for wd := range 7 {
		if n[wd] > 0 {
			w.share[wd] = sum[wd] / float64(n[wd]) / overall
		}
	}
	var num, den float64
	for i := len(g.days) - 1; i >= 0 && g.days[i].key > last-7*w.k; i-- {
		d := g.days[i]
		if x := d.v[0]; g.weekdays[d.wd] && !math.IsNaN(x) {
			num += x
			den += w.share[d.wd]
		}
	}
	if den <= 0 {
		return fmt.Errorf("%w: %s: no operating day in the last %d weeks", ErrShortHistory, w.name(), w.k)
	}
	w.level = num / den
	return nil
}

func (w *weekdayShare) predict(_ int, wd time.Weekday, _ int) float64 {
	return w.level * w.share[wd]
}
