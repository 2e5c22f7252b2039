package models

import (
	"math"
	"sort"
	"time"
)

// Calendar effects: two patterns of contact volume that weekday models miss
// and that support teams know well.
//
//   - Carry-over after a closure: the first open day after a public holiday
//     (or any operating weekday the team was closed) receives the contacts
//     the closed day could not. Closed days are the operating weekdays
//     absent from the history, and, in the future, those absent from the
//     timestamps asked for between the first and last day asked for.
//   - Position in the month: billing cycles and paydays raise the first
//     (or last) business days of a month. Position is the count of
//     operating weekdays from the month's start (1, 2, ...) in the first
//     half of the month and from its end (-1, -2, ...) in the second.
//
// Both are multiplicative factors estimated from the history alone, as the
// mean ratio of a day's total to a local baseline (the mean of the same
// weekday in the three weeks on either side, itself corrected for the
// effects, by three rounds of backfitting), shrunk toward no effect by
// empirical Bayes: each position's mean ratio m with standard error se is
// multiplied by τ²/(τ² + se²), τ² being the spread of the position means
// beyond their noise (method of moments). The carry-over factor is shrunk
// by max(0, 1 - se²/m²). So a history without month pattern or closures
// leaves the forecasts unchanged.
type calendarEffects struct {
	ops      [7]bool
	first    int // first and last key of the history
	last     int
	present  map[int]bool
	future   map[int]bool // day keys asked for after the history
	fromKey  int          // range of the days asked for
	toKey    int
	post     float64 // carry-over factor - 1
	position map[int]float64
	posCache map[int]int // monthPosition by key
}

// baselineWeeks is the half-width of the local baseline, in weeks.
const baselineWeeks = 3

// estimateCalendar estimates the effects from a daily grid.
func estimateCalendar(dg *grid) *calendarEffects {
	c := &calendarEffects{ops: dg.weekdays, present: map[int]bool{}, position: map[int]float64{}, posCache: map[int]int{}}
	if len(dg.days) == 0 {
		return c
	}
	c.first, c.last = dg.days[0].key, dg.lastKey()
	y := map[int]float64{}
	var keys []int
	for _, d := range dg.days {
		if dg.weekdays[d.wd] && !math.IsNaN(d.v[0]) {
			c.present[d.key] = true
			y[d.key] = d.v[0]
			keys = append(keys, d.key)
		}
	}
	for range 3 {
		c.backfit(keys, y)
	}
	return c
}

// factor is the multiplicative effect on the day key.
func (c *calendarEffects) factor(key int) float64 {
	f := 1 + c.position[c.monthPosition(key)]
	if c.afterClosure(key) {
		f *= 1 + c.post
	}
	return f
}

// closed reports whether an operating weekday was (or will be) closed.
func (c *calendarEffects) closed(key int) bool {
	if !c.ops[weekdayOfKey(key)] {
		return false
	}
	if key >= c.first && key <= c.last {
		return !c.present[key]
	}
	if key > c.last && c.future != nil && key >= c.fromKey && key <= c.toKey {
		return !c.future[key]
	}
	return false
}

// afterClosure reports whether the operating weekday before key is closed.
func (c *calendarEffects) afterClosure(key int) bool {
	for k := key - 1; k > key-8; k-- {
		if c.ops[weekdayOfKey(k)] {
			return c.closed(k)
		}
	}
	return false
}

// monthPosition is +i for the i-th operating weekday of the month when it
// is in the first half of the month's operating weekdays, -j for the j-th
// from the end otherwise.
func (c *calendarEffects) monthPosition(key int) int {
	if p, ok := c.posCache[key]; ok {
		return p
	}
	p := c.computePosition(key)
	c.posCache[key] = p
	return p
}

func (c *calendarEffects) computePosition(key int) int {
	t := time.Unix(int64(key)*86400, 0).UTC()
	y, m, d := t.Date()
	firstKey := key - (d - 1)
	n := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	i, total := 0, 0
	for k := firstKey; k < firstKey+n; k++ {
		if c.ops[weekdayOfKey(k)] {
			total++
			if k <= key {
				i++
			}
		}
	}
	j := total - i + 1
	if i <= j {
		return i
	}
	return -j
}

// backfit re-estimates both effects once, given the current ones.
func (c *calendarEffects) backfit(keys []int, y map[int]float64) {
	// Each day's ratio to its baseline, weighted by the baseline: a day of
	// 2 contacts against 0.5 expected says less than 2,000 against 500.
	type obs struct{ r, w float64 }
	ratio := make(map[int]obs, len(keys))
	for _, key := range keys {
		base, n := 0.0, 0
		for w := -baselineWeeks; w <= baselineWeeks; w++ {
			k := key + 7*w
			if w == 0 {
				continue
			}
			if x, ok := y[k]; ok {
				base += x / c.factor(k)
				n++
			}
		}
		if n < 2 || base <= 0 {
			continue
		}
		base /= float64(n)
		ratio[key] = obs{y[key] / base, base}
	}
	var post, all wstats
	groups := map[int]*wstats{}
	var positions []int
	for _, key := range keys {
		o, ok := ratio[key]
		if !ok {
			continue
		}
		pos := c.monthPosition(key)
		if c.afterClosure(key) {
			// The carry-over, once the month effect is removed.
			post.add(o.r/(1+c.position[pos])-1, o.w)
			continue
		}
		if groups[pos] == nil {
			groups[pos] = &wstats{}
			positions = append(positions, pos)
		}
		groups[pos].add(o.r-1, o.w)
		all.add(o.r-1, o.w)
	}
	c.post = 0
	if post.n >= 2 {
		m, se2 := post.mean(), post.variance()*post.sumW2/(post.sumW*post.sumW)
		if m != 0 {
			c.post = m * max(0, 1-se2/(m*m))
		}
	}
	// Position effects: empirical Bayes toward 0.
	noise := all.variance()
	sort.Ints(positions)
	var means, ses []float64
	var used []int
	for _, pos := range positions {
		g := groups[pos]
		if g.n < 2 {
			continue
		}
		used = append(used, pos)
		means = append(means, g.mean())
		ses = append(ses, noise*g.sumW2/(g.sumW*g.sumW))
	}
	c.position = map[int]float64{}
	if len(means) < 3 {
		return
	}
	tau2 := 0.0
	for i := range means {
		tau2 += means[i]*means[i] - ses[i]
	}
	tau2 /= float64(len(means))
	if tau2 <= 0 {
		return
	}
	for i, pos := range used {
		c.position[pos] = means[i] * tau2 / (tau2 + ses[i])
	}
}

// wstats accumulates a weighted mean and variance.
type wstats struct {
	n                int
	sumW, sumW2, sum float64
	xs, ws           []float64
}

func (s *wstats) add(x, w float64) {
	s.n++
	s.sumW += w
	s.sumW2 += w * w
	s.sum += w * x
	s.xs = append(s.xs, x)
	s.ws = append(s.ws, w)
}

func (s *wstats) mean() float64 { return s.sum / s.sumW }

// variance is the weighted variance of the values around their weighted
// mean (0 for fewer than two values).
func (s *wstats) variance() float64 {
	if s.n < 2 {
		return 0
	}
	m, v := s.mean(), 0.0
	for i, x := range s.xs {
		v += s.ws[i] * (x - m) * (x - m)
	}
	return v / s.sumW * float64(s.n) / float64(s.n-1)
}

// calendarAdjusted fits its inner model on the history divided by the
// calendar factors of each day and multiplies the inner forecasts by the
// factors of the days forecast.
type calendarAdjusted struct {
	label string
	inner forecaster
	cal   *calendarEffects
	// lastKey and lastFactor cache the factor of the day predicted last:
	// cells come day by day.
	lastKey    int
	lastFactor float64
}

func (c *calendarAdjusted) name() string { return c.label }

func (c *calendarAdjusted) fit(g *grid) error {
	if len(g.days) == 0 {
		return ErrShortHistory
	}
	last := g.lastKey()
	cal, ok := g.memo.calendar[last]
	if !ok {
		cal = estimateCalendar(g.dailyGrid())
		g.memo.calendar[last] = cal
	}
	own := *cal // setFuture must not reach other users of the memo
	c.cal = &own
	adj := *g
	adj.daily = nil // recomputed from the adjusted values
	adj.days = make([]gridDay, len(g.days))
	for i, d := range g.days {
		f := c.cal.factor(d.key)
		v := make([]float64, len(d.v))
		for s, x := range d.v {
			v[s] = x / f
		}
		adj.days[i] = gridDay{key: d.key, wd: d.wd, v: v}
	}
	return c.inner.fit(&adj)
}

func (c *calendarAdjusted) predict(key int, wd time.Weekday, slot int) float64 {
	if key != c.lastKey || c.lastFactor == 0 {
		c.lastKey, c.lastFactor = key, c.cal.factor(key)
	}
	return c.inner.predict(key, wd, slot) * c.lastFactor
}

// setFuture tells which days after the history are asked for, so that the
// operating weekdays between them that are not asked for count as closed.
func (c *calendarAdjusted) setFuture(days map[int]bool) {
	c.cal.future = days
	c.lastFactor = 0
	c.cal.fromKey, c.cal.toKey = math.MaxInt, math.MinInt
	for k := range days {
		c.cal.fromKey = min(c.cal.fromKey, k)
		c.cal.toKey = max(c.cal.toKey, k)
	}
	if s, ok := c.inner.(futureAware); ok {
		s.setFuture(days)
	}
}

// withCalendar adds calendar effects to a forecaster. A profiled model
// gets them on its day totals only: the profile's shares are the same
// either way, and the daily series is far smaller.
func withCalendar(f forecaster) forecaster {
	if p, ok := f.(*profiled); ok {
		p.day = withCalendar(p.day)
		return p
	}
	return &calendarAdjusted{label: "cal:" + f.name(), inner: f}
}

// futureAware forecasters learn the days asked for before predicting.
type futureAware interface{ setFuture(days map[int]bool) }
