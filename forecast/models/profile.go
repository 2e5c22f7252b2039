package models

import (
	"math"
	"sort"
	"time"
)

// dailyGrid is the series summed per day (itself when already daily). A
// day with some operating slots missing is scaled up by operating slots /
// present operating slots; a day with fewer than half of them is left out,
// since its total would be a guess.
func (g *grid) dailyGrid() *grid {
	if g.slots == 1 {
		return g
	}
	if g.daily == nil {
		g.daily = g.sumDays()
	}
	return g.daily
}

func (g *grid) sumDays() *grid {
	used := g.slotsPerDay()
	d := &grid{step: Day, slots: 1, byKey: map[int]int{}, weekdays: g.weekdays, slotUsed: []bool{true}, memo: newGridMemo(),
		tm: g.tm, yearAgo: g.yearAgo}
	for _, day := range g.days {
		sum, n := 0.0, 0
		for s, x := range day.v {
			if g.slotUsed[s] && !math.IsNaN(x) {
				sum += x
				n++
			}
		}
		if used == 0 || 2*n < used {
			continue
		}
		d.byKey[day.key] = len(d.days)
		d.days = append(d.days, gridDay{key: day.key, wd: day.wd, v: []float64{sum * float64(used) / float64(n)}})
	}
	return d
}

// profile is the share of a day's contacts falling in each slot, per
// weekday; shares of the operating slots sum to 1.
type profile [7][]float64

// profileSpec says how a profile is estimated: from the last `weeks` weeks,
// mixing the weekday's own shape with the shape of all operating weekdays
// (pool = 0: own only, 1: pooled only), then smoothing each slot with its
// neighbours by a triangular kernel of half-width `halfWidth` slots.
type profileSpec struct {
	weeks     int
	pool      float64
	halfWidth int
}

// profileSpecs are the estimates compared on the history itself; see
// chooseProfile.
func profileSpecs() []profileSpec {
	var out []profileSpec
	for _, w := range []int{4, 8, 16} {
		for _, p := range []float64{0, 0.5, 1} {
			for _, h := range []int{0, 1, 2, 3} {
				out = append(out, profileSpec{w, p, h})
			}
		}
	}
	return out
}

// gridMemo caches, per family of grids (a grid, its prefixes and its
// copies rescaled day by day), the day shares and the chosen profile of
// each prefix: both are unchanged by multiplying a whole day by a factor.
//
// calendar holds the calendar effects estimated on a prefix of the raw
// series (only calendarAdjusted.fit estimates them, and never on a
// rescaled copy).
type gridMemo struct {
	shares   map[int][]float64 // by day key; nil entry = day unusable
	profile  map[int]profileFit
	calendar map[int]*calendarEffects
	sources  map[int][]int // last year's candidate days by day key (see yearSources)
}

type profileFit struct {
	spec profileSpec
	p    profile
}

func newGridMemo() *gridMemo {
	return &gridMemo{shares: map[int][]float64{}, profile: map[int]profileFit{}, calendar: map[int]*calendarEffects{}, sources: map[int][]int{}}
}

// dayShares is one day's shares per slot (NaN where the slot is missing),
// or nil when fewer than 90% of the operating slots are present.
func (g *grid) dayShares(d gridDay) []float64 {
	if sh, ok := g.memo.shares[d.key]; ok {
		return sh
	}
	sh := g.computeShares(d)
	g.memo.shares[d.key] = sh
	return sh
}

func (g *grid) computeShares(d gridDay) []float64 {
	used, n, sum := 0, 0, 0.0
	for s, x := range d.v {
		if !g.slotUsed[s] {
			continue
		}
		used++
		if !math.IsNaN(x) {
			n++
			sum += x
		}
	}
	if used == 0 || 10*n < 9*used || sum <= 0 {
		return nil
	}
	out := make([]float64, len(d.v))
	for s, x := range d.v {
		if g.slotUsed[s] && !math.IsNaN(x) {
			out[s] = x / sum
		} else {
			out[s] = math.NaN()
		}
	}
	return out
}

// shareSums are the summed shares of the days in a window, per weekday
// (own) and over all operating weekdays (pool), with their counts.
type shareSums struct {
	own, ownN   [7][]float64
	pool, poolN []float64
}

// sumShares sums the shares of the days in the `weeks` weeks before key.
func sumShares(g *grid, weeks, beforeKey int) shareSums {
	var ss shareSums
	ss.pool = make([]float64, g.slots)
	ss.poolN = make([]float64, g.slots)
	n := sort.Search(len(g.days), func(i int) bool { return g.days[i].key >= beforeKey })
	from := beforeKey - 7*weeks
	for i := n - 1; i >= 0 && g.days[i].key >= from; i-- {
		d := g.days[i]
		if !g.weekdays[d.wd] {
			continue
		}
		sh := g.dayShares(d)
		if sh == nil {
			continue
		}
		if ss.own[d.wd] == nil {
			ss.own[d.wd] = make([]float64, g.slots)
			ss.ownN[d.wd] = make([]float64, g.slots)
		}
		for s, x := range sh {
			if !math.IsNaN(x) {
				ss.own[d.wd][s] += x
				ss.ownN[d.wd][s]++
				ss.pool[s] += x
				ss.poolN[s]++
			}
		}
	}
	return ss
}

// profileOf mixes and smooths summed shares as spec says.
func profileOf(g *grid, ss shareSums, spec profileSpec) profile {
	var p profile
	pooled := averaged(ss.pool, ss.poolN)
	for wd := range 7 {
		if !g.weekdays[wd] {
			continue
		}
		shape := pooled
		if ss.own[wd] != nil && spec.pool < 1 {
			o := averaged(ss.own[wd], ss.ownN[wd])
			shape = make([]float64, g.slots)
			for s := range shape {
				shape[s] = spec.pool*pooled[s] + (1-spec.pool)*o[s]
			}
		}
		p[wd] = smoothProfile(shape, g.slotUsed, spec.halfWidth)
	}
	return p
}

// estimateProfile estimates the profile from the days before key.
func estimateProfile(g *grid, spec profileSpec, beforeKey int) profile {
	return profileOf(g, sumShares(g, spec.weeks, beforeKey), spec)
}

// averaged divides sums by counts (0 where the count is 0).
func averaged(sum, n []float64) []float64 {
	out := make([]float64, len(sum))
	for i := range sum {
		if n[i] > 0 {
			out[i] = sum[i] / n[i]
		}
	}
	return out
}

// smoothProfile averages each operating slot with its operating neighbours
// within halfWidth, weights halfWidth+1-|distance|, and rescales the shares
// to sum to 1.
func smoothProfile(shape []float64, used []bool, halfWidth int) []float64 {
	out := make([]float64, len(shape))
	total := 0.0
	for s := range shape {
		if !used[s] {
			continue
		}
		if halfWidth == 0 {
			out[s] = shape[s]
			total += out[s]
			continue
		}
		var sum, wsum float64
		for j := -halfWidth; j <= halfWidth; j++ {
			t := s + j
			if t < 0 || t >= len(shape) || !used[t] {
				continue
			}
			w := float64(halfWidth + 1 - abs(j))
			sum += w * shape[t]
			wsum += w
		}
		out[s] = sum / wsum
		total += out[s]
	}
	if total > 0 {
		for s := range out {
			out[s] /= total
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// fittedProfile is the profile for forecasting after the grid's last day,
// estimated as chooseProfile decides (memoised per prefix).
func fittedProfile(g *grid) profileFit {
	last := g.lastKey()
	if pf, ok := g.memo.profile[last]; ok {
		return pf
	}
	spec := chooseProfile(g)
	pf := profileFit{spec: spec, p: estimateProfile(g, spec, last+1)}
	g.memo.profile[last] = pf
	return pf
}

// chooseProfile picks the profileSpec whose profiles, estimated before each
// of the history's last four weeks, best split those weeks' actual day
// totals into slots (lowest sum of absolute slot errors). The profile is
// judged apart from the day level, which other models forecast.
func chooseProfile(g *grid) profileSpec {
	specs := profileSpecs()
	cuts := weeklyCuts(g, 7, 4)
	if len(cuts) == 0 {
		return profileSpec{weeks: 4, pool: 0.5, halfWidth: 1}
	}
	errs := make([]float64, len(specs))
	for _, c := range cuts {
		sums := map[int]shareSums{}
		for i, spec := range specs {
			ss, ok := sums[spec.weeks]
			if !ok {
				ss = sumShares(g, spec.weeks, c)
				sums[spec.weeks] = ss
			}
			errs[i] += profileError(g, profileOf(g, ss, spec), c, c+7)
		}
	}
	best := 0
	for i := range specs {
		if errs[i] < errs[best] {
			best = i
		}
	}
	return specs[best]
}

// profileError sums |y - total x share| over the days [from, to).
func profileError(g *grid, p profile, from, to int) float64 {
	e := 0.0
	i := sort.Search(len(g.days), func(i int) bool { return g.days[i].key >= from })
	for ; i < len(g.days) && g.days[i].key < to; i++ {
		d := g.days[i]
		if p[d.wd] == nil {
			continue
		}
		total, n := d.total()
		if n == 0 {
			continue
		}
		for s, y := range d.v {
			if !math.IsNaN(y) && g.slotUsed[s] {
				e += math.Abs(y - total*p[d.wd][s])
			}
		}
	}
	return e
}

// profiled forecasts a day's total with a daily model and splits it into
// slots with a profile estimated from recent weeks (see chooseProfile). On
// a daily series it is the daily model alone.
type profiled struct {
	label string
	day   forecaster
	prof  profile
	spec  profileSpec
	intra bool
}

func (p *profiled) name() string { return p.label }

func (p *profiled) fit(g *grid) error {
	p.intra = g.slots > 1
	if !p.intra {
		return p.day.fit(g)
	}
	dg := g.dailyGrid()
	if len(dg.days) == 0 {
		return ErrShortHistory
	}
	if err := p.day.fit(dg); err != nil {
		return err
	}
	pf := fittedProfile(g)
	p.spec, p.prof = pf.spec, pf.p
	return nil
}

func (p *profiled) predict(key int, wd time.Weekday, slot int) float64 {
	if !p.intra {
		return p.day.predict(key, wd, 0)
	}
	if p.prof[wd] == nil {
		return 0
	}
	return p.day.predict(key, wd, 0) * p.prof[wd][slot]
}

func (p *profiled) setFuture(days map[int]bool) {
	if s, ok := p.day.(futureAware); ok {
		s.setFuture(days)
	}
}

// hwDay is holt-winters as a daily forecaster.
type hwDay struct{ h holtWinters }

func (h *hwDay) name() string { return NameHoltWinters }

func (h *hwDay) fit(g *grid) error { return h.h.fitSeq(seqOf(g)) }

func (h *hwDay) predict(key int, wd time.Weekday, _ int) float64 { return h.h.predictDay(key, wd) }

func newHoltWintersProfile() forecaster {
	return &profiled{label: NameHoltWinters, day: &hwDay{}}
}
