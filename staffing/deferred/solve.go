package deferred

import (
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Options tune Solve.
type Options struct {
	// Block is the length of the stretches of a day that share one
	// staffing level in stage 1, counted from local midnight (4h gives
	// 00-04, 04-08, ...). 0 gives one level per open day.
	Block time.Duration
	// NoShave stops after stage 1: every interval of a block keeps the
	// block's level, idle time included.
	NoShave bool
}

// Staffing is the plan Solve returns and its evaluation.
type Staffing struct {
	// Agents per interval (fractional agent-equivalents: 0.5 is one agent
	// half of the interval), 0 while closed.
	Agents []float64
	// Rounded is Agents rounded up, a whole-agent plan that is at least
	// as good.
	Rounded []int
	// Block is the stage-1 block of each interval (-1 when closed) and
	// Levels the level of each block.
	Block  []int
	Levels []float64
	Evaluation
}

// Solve returns the smallest level staffing that handles every item by its
// deadline, first in, first out, in two stages.
//
// Stage 1, level blocks. Each open day (or Options.Block of it) gets one
// staffing level, chosen lexicographically min-max: the highest block level
// is as low as any plan constant per block allows; with it fixed, the next
// highest is as low as possible, and so on. This spreads a peak over the
// blocks before it (work may be done early, never before it arrives) and
// never raises a block without lowering a higher one, so it is also
// Pareto-minimal among block plans: no block can go lower unless another
// goes higher. It does not minimize the sum of the levels: 8 h of work
// arriving at Monday 16:00-17:00, due 8 business hours later, is met by
// levels (0, 1) for Monday and Tuesday (sum 1: all work on Tuesday, at the
// deadline) or (8/9, 8/9) (sum 16/9, a lower peak), and Solve returns the
// latter; after stage 2 both plans take the same 8 agent-hours. It is
// computed by water-filling: the smallest common level
// L of the open blocks is found, the blocks of a deadline window that L
// makes tight are fixed at L, and the rest is solved again. L is found
// exactly, not by bisection: every window [s, e] (s a time the queue is
// empty, e an item's deadline) needs capacity(s, e) >= work arriving in
// [s, item], which bounds L from below; raising L to the largest bound of
// the current schedule's windows and simulating again converges in a few
// steps (the fallback is bisection).
//
// Stage 2, shaving. An interval whose queue is empty at its end and whose
// agents were partly idle is lowered to the least staffing that still
// handles the same work in it by every deadline. The queue at every
// interval's end is unchanged, so no other interval is affected and the
// order of shaving does not matter. Work is never pushed into a later
// interval: that would lower total hours a little but turn a level plan
// into a spiky one (the classic "procrastinating" plan that lets work pile
// up to its deadline).
//
// Items already overdue at Start, and (with ClearByEnd) items arriving
// after the horizon's last open moment, cannot be on time: they are handled
// first in, first out like the others but set no requirement; they are
// reported in OverdueAtStart and Unservable, and the latter make Solve
// return an *InfeasibleError with the plan.
func Solve(w Workload, opts Options) (Staffing, error) {
	if err := w.Validate(); err != nil {
		return Staffing{}, err
	}
	if opts.Block < 0 || opts.Block > 24*time.Hour {
		return Staffing{}, &InputError{"Options.Block", -1, civil.FormatDuration(opts.Block), "between 0 (one level per day) and 24h"}
	}
	m := newModel(&w)
	block, nb := m.blocks(opts.Block)
	levels := m.waterFill(block, nb)

	agents := make([]float64, m.n)
	for i, b := range block {
		if b >= 0 {
			agents[i] = levels[b]
		}
	}
	var r run
	rate := m.rates(agents)
	m.simulate(rate, &r)
	if !opts.NoShave {
		shaved := m.shave(agents, rate, &r)
		var rs run
		m.simulate(m.rates(shaved), &rs)
		ev := m.evaluate(shaved, &rs)
		// Shaving keeps every deadline by construction; this guards the
		// plan against round-off all the same.
		if ev.Late <= m.overdueItems+m.unservableItems+m.lateTol() {
			agents, r = shaved, rs
		}
	}
	st := Staffing{Agents: agents, Rounded: make([]int, m.n), Block: block, Levels: levels}
	for i, a := range agents {
		st.Rounded[i] = int(math.Ceil(a - 1e-9))
	}
	st.Evaluation = m.evaluate(agents, &r)
	if m.unservableItems > 0 {
		return st, &InfeasibleError{Items: m.unservableItems, First: w.Start.Add(time.Duration(m.firstUnservable) * w.Interval)}
	}
	return st, nil
}

// blocks assigns each open interval to its block: the local date of its
// start and, with a block length, the slot of the day it starts in.
func (m *model) blocks(length time.Duration) ([]int, int) {
	type key struct {
		d    civil.Date
		slot int64
	}
	ids := map[key]int{}
	block := make([]int, m.n)
	loc := m.w.loc()
	for i := range block {
		block[i] = -1
		if m.open[i] == 0 {
			continue
		}
		t := m.w.Start.Add(time.Duration(i) * m.w.Interval).In(loc)
		k := key{d: civil.DateOf(t)}
		if length > 0 {
			h, mi, s := t.Clock()
			k.slot = int64(time.Duration(h)*time.Hour+time.Duration(mi)*time.Minute+time.Duration(s)*time.Second) / int64(length)
		}
		id, ok := ids[k]
		if !ok {
			id = len(ids)
			ids[k] = id
		}
		block[i] = id
	}
	return block, len(ids)
}

// window is a deadline constraint: the work arriving from s (a time the
// queue is empty) up to some item, work, must be handled by that item's
// deadline e. Any staffing needs capacity(s, e) >= work.
type window struct{ s, e, work float64 }

// capacityIndex answers capacity(s, e) for the fixed blocks and the open
// time of the unfixed ones, by prefix sums over intervals.
type capacityIndex struct {
	m        *model
	fixRate  []float64 // work-seconds per business second, 0 if unfixed
	unfixed  []bool
	pfix     []float64 // fixed capacity before interval i
	punfixed []float64 // unfixed open seconds before interval i
}

func (m *model) newCapacityIndex() *capacityIndex {
	return &capacityIndex{m: m, fixRate: make([]float64, m.n), unfixed: make([]bool, m.n),
		pfix: make([]float64, m.n+1), punfixed: make([]float64, m.n+1)}
}

func (c *capacityIndex) rebuild() {
	for i := 0; i < c.m.n; i++ {
		c.pfix[i+1] = c.pfix[i] + c.fixRate[i]*c.m.open[i]
		c.punfixed[i+1] = c.punfixed[i]
		if c.unfixed[i] {
			c.punfixed[i+1] += c.m.open[i]
		}
	}
}

// at returns the fixed capacity and the unfixed open time before business
// time t.
func (c *capacityIndex) at(t float64) (fix, unfixed float64) {
	m := c.m
	i := sort.Search(m.n, func(i int) bool { return m.start[i+1] > t })
	if i == m.n {
		return c.pfix[m.n], c.punfixed[m.n]
	}
	into := min(max(t-m.start[i], 0), m.open[i])
	fix = c.pfix[i] + c.fixRate[i]*into
	unfixed = c.punfixed[i]
	if c.unfixed[i] {
		unfixed += into
	}
	return fix, unfixed
}

// bound is the least common level of the unfixed blocks that window w
// allows, and whether w involves them at all.
func (c *capacityIndex) bound(w window) (float64, bool) {
	f0, u0 := c.at(w.s)
	f1, u1 := c.at(w.e)
	h := u1 - u0
	if h <= 1e-9 {
		return 0, false
	}
	return (w.work - (f1 - f0)) / (c.m.occ * h), true
}

// checkResult is what one simulation says about a level.
type checkResult struct {
	feasible bool
	best     float64 // the largest lower bound on the level from any window
	bestWin  window
	found    bool
}

// check walks the schedule r: it reports whether every item that sets a
// requirement is on time, and the largest lower bound on the common level
// of the unfixed blocks given by the windows of r's busy periods. A late
// item's window gives a bound above the current level, so raising the
// level to the best bound makes progress.
func (m *model) check(r *run, ci *capacityIndex) checkResult {
	res := checkResult{feasible: true}
	consider := func(w window) {
		if b, ok := ci.bound(w); ok && (!res.found || b > res.best) {
			res.best, res.bestWin, res.found = b, w, true
		}
	}
	m.walk(r, func(k, j int, x0, x1 float64) {
		p := &m.pieces[k]
		if p.exempt != exemptNone {
			return
		}
		xs := m.dueSplit(p, x0, x1)
		var s, sY float64
		if j < 0 {
			if x1-x0 <= m.epsQ {
				return
			}
			s, sY = r.bp, r.bpY
		} else {
			s, sY = r.sp[j].bp, r.sp[j].bpY
		}
		point := func(x float64, atEnd bool) {
			e := p.arrival(x) + m.deadline
			if atEnd {
				e = m.end
			}
			if j < 0 || departure(p, &r.sp[j], x)-e > timeTol {
				res.feasible = false
			}
			consider(window{s: s, e: e, work: x - sY})
		}
		if xs > x0 {
			point(x0, false)
			point(xs, false)
		}
		if m.w.ClearByEnd && x1 > xs {
			point(xs, true)
			point(x1, true)
		}
	})
	return res
}

// minLevel finds the least common level of the unfixed blocks that keeps
// every deadline, with the window that makes it tight (none when the
// level is 0).
func (m *model) minLevel(ci *capacityIndex, rate []float64, r *run) (float64, window, bool) {
	try := func(L float64) checkResult {
		for i := range rate {
			rate[i] = ci.fixRate[i]
			if ci.unfixed[i] {
				rate[i] = L * m.occ
			}
		}
		m.simulate(rate, r)
		return m.check(r, ci)
	}
	L := 0.0
	var win window
	exact := false
	for iter := 0; iter < 60; iter++ {
		c := try(L)
		if c.feasible {
			if L == 0 {
				return 0, window{}, false
			}
			if !exact && c.found {
				win = c.bestWin
			}
			return L, win, true
		}
		if c.found && c.best > L*(1+1e-12) {
			L, win, exact = c.best, c.bestWin, true
			continue
		}
		L, exact = L*(1+1e-9)+1e-12, false // round-off: nudge
	}
	// Fallback: bisection between an infeasible and a feasible level.
	lo, hi := L, math.Max(2*L, 1e-6)
	for k := 0; k < 200 && !try(hi).feasible; k++ {
		lo, hi = hi, 2*hi
	}
	for k := 0; k < 100 && hi-lo > 1e-12*hi; k++ {
		mid := (lo + hi) / 2
		if try(mid).feasible {
			hi = mid
		} else {
			lo = mid
		}
	}
	c := try(hi)
	return hi, c.bestWin, c.found
}

// waterFill computes the stage-1 block levels.
func (m *model) waterFill(block []int, nb int) []float64 {
	levels := make([]float64, nb)
	fixed := make([]bool, nb)
	remaining := nb
	ci := m.newCapacityIndex()
	rate := make([]float64, m.n)
	var r run
	for remaining > 0 {
		for i, b := range block {
			ci.unfixed[i] = b >= 0 && !fixed[b]
			ci.fixRate[i] = 0
			if b >= 0 && fixed[b] {
				ci.fixRate[i] = levels[b] * m.occ
			}
		}
		ci.rebuild()
		L, win, tight := m.minLevel(ci, rate, &r)
		fixedNow := 0
		if tight {
			for i, b := range block {
				if b < 0 || fixed[b] {
					continue
				}
				if lo, hi := m.start[i], m.start[i]+m.open[i]; min(hi, win.e)-max(lo, win.s) > 0 {
					levels[b], fixed[b] = L, true
					fixedNow++
				}
			}
		}
		if fixedNow == 0 { // level 0, or no tight window found: the rest shares L
			for b := range levels {
				if !fixed[b] {
					levels[b], fixed[b] = L, true
					fixedNow++
				}
			}
		}
		remaining -= fixedNow
	}
	return levels
}

// shave lowers the agents of each interval whose queue is empty at its end
// to the least that handles the same work in it by every deadline (see
// Solve). r is the simulation of agents.
func (m *model) shave(agents, rate []float64, r *run) []float64 {
	out := append([]float64(nil), agents...)
	cur := itemCursor{m: m}
	for i := 0; i < m.n; i++ {
		T := m.open[i]
		if T == 0 || r.queue[i] > m.epsQ {
			continue
		}
		y0 := 0.0
		if i > 0 {
			y0 = r.served[i-1]
		}
		y1 := r.served[i]
		done := y1 - y0
		if rate[i]*T <= done*(1+1e-12) {
			continue
		}
		need := done / T
		// Items handled in the interval, head first: item x leaves at
		// start + (x - y0)/rate, which must not pass its deadline.
		b0, b1 := m.start[i], m.start[i]+T
		cur.at(y0)
		for k := cur.k; k < len(m.pieces); k++ {
			p := &m.pieces[k]
			if p.x0 >= y1 {
				break
			}
			if p.work <= 0 || p.exempt != exemptNone || p.x0+p.work <= y0 {
				continue
			}
			x0, x1 := max(p.x0, y0), min(p.x0+p.work, y1)
			xs := m.dueSplit(p, x0, x1)
			ratio := func(x, e float64) {
				if e < b1 && e > b0 {
					need = max(need, (x-y0)/(e-b0))
				}
			}
			if xs > x0 {
				ratio(x0, p.arrival(x0)+m.deadline)
				ratio(xs, p.arrival(xs)+m.deadline)
			}
			if m.w.ClearByEnd && x1 > xs {
				ratio(x1, m.end)
			}
		}
		if need < rate[i] {
			out[i] = need / m.occ
		}
	}
	return out
}
