package shiftdesign

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/schedule/internal/coverlp"
)

// ErrUncoverable means a covering model has an interval with a positive
// requirement that no column covers (its LP has no solution).
var ErrUncoverable = errors.New("an interval with a requirement is covered by no shift")

// ErrInvalidCover is the cause of every CoverError.
var ErrInvalidCover = errors.New("invalid covering model")

// CoverError reports a field of a CoverModel out of its domain (Index is
// the interval or column, -1 for the whole field).
type CoverError struct {
	Field string
	Index int
	Want  string
	Err   error // ErrInvalidCover or ErrUncoverable
}

func (e *CoverError) Error() string {
	f := e.Field
	if e.Index >= 0 {
		f = fmt.Sprintf("%s[%d]", e.Field, e.Index)
	}
	return fmt.Sprintf("shiftdesign: cover %s: %s: %v", f, e.Want, e.Err)
}

func (e *CoverError) Unwrap() error { return e.Err }

// CoverModel is a covering linear program:
//
//	minimise Σ_j Cost_j·x_j  subject to  Σ_{j covers k} x_j ≥ Required_k for every interval k,
//	                                     0 ≤ x_j ≤ Max_j (no upper bound when Max_j = 0).
//
// A column is a shift (on a day) and x_j the agents working it; with Cost
// the shift's hours the optimum is the least staffed hours that cover the
// requirement, a lower bound for any roster built from the same columns.
// Requirements may be fractional (several skills summed, forecasts).
type CoverModel struct {
	Required []float64
	Columns  []CoverColumn
}

// CoverColumn is one column: the intervals a unit covers (indices into
// Required, each at most once, in any order), its cost and its cap.
type CoverColumn struct {
	Intervals []int
	Cost      float64
	Max       float64
}

// IntervalColumn is the column of a shift covering length intervals from
// start, wrapping past the end of a horizon of n intervals (a cyclic week);
// call it only with 0 < length ≤ n.
func IntervalColumn(start, length, n int, cost float64) CoverColumn {
	c := CoverColumn{Intervals: make([]int, length), Cost: cost}
	for j := range c.Intervals {
		c.Intervals[j] = (start + j) % n
	}
	return c
}

// Bound is the value of a lower bound and how it was obtained.
type Bound struct {
	Value float64
	// Exact is true when Value is the LP optimum (to 1e-9 relative); false
	// for a valid but possibly weaker Lagrangian bound.
	Exact bool
	// Method: "flow" (the columns are intervals of consecutive, possibly
	// wrapping, intervals: min-cost flow, with a one-dimensional Lagrangian
	// search when every cut is crossed), "simplex" (the revised simplex of
	// package coverlp, small general models) or "subgradient" (large
	// general models).
	Method string
}

// Limits of the general simplex path; larger non-interval models get the
// subgradient bound.
const (
	simplexMaxRows = 150
	simplexMaxCols = 3000
)

// LowerBound returns the optimum of the covering LP (or a valid lower bound
// of it, see Bound). Columns that are runs of consecutive intervals (an
// interval matrix, wrapping allowed) are solved as a network flow: after
// differencing consecutive rows, a column from a to b is an arc a→b and the
// surplus of interval k an arc k+1→k (Veinott and Wagner, "Optimal capacity
// scheduling", Operations Research 10, 1962). When every cut of the cycle is
// crossed by some column, the level at one interval is a single side
// constraint, dualised with a multiplier λ ≥ 0: L(λ) = λ·r_k + min-cost flow
// with the costs of the columns covering k lowered by λ and k's surplus
// raised by λ is a lower bound for every λ, and its maximum (a concave
// piecewise-linear function of one variable, maximised by cutting planes)
// is the LP optimum by strong duality.
func LowerBound(m CoverModel) (Bound, error) {
	n := len(m.Required)
	if n == 0 {
		return Bound{}, &CoverError{"Required", -1, "at least one interval", ErrInvalidCover}
	}
	for k, r := range m.Required {
		if math.IsNaN(r) || math.IsInf(r, 0) || r < 0 || r > 1e9 {
			return Bound{}, &CoverError{"Required", k, "a finite requirement in [0, 1e9]", ErrInvalidCover}
		}
	}
	covered := make([]bool, n)
	for j, c := range m.Columns {
		if math.IsNaN(c.Cost) || math.IsInf(c.Cost, 0) || c.Cost < 0 || c.Cost > 1e12 {
			return Bound{}, &CoverError{"Columns.Cost", j, "a finite cost in [0, 1e12]", ErrInvalidCover}
		}
		if math.IsNaN(c.Max) || math.IsInf(c.Max, 0) || c.Max < 0 {
			return Bound{}, &CoverError{"Columns.Max", j, "a finite cap >= 0 (0: none)", ErrInvalidCover}
		}
		seen := map[int]bool{}
		for _, k := range c.Intervals {
			if k < 0 || k >= n || seen[k] {
				return Bound{}, &CoverError{"Columns.Intervals", j, fmt.Sprintf("distinct intervals in 0..%d", n-1), ErrInvalidCover}
			}
			seen[k] = true
			covered[k] = true
		}
	}
	// Check the capped coverage too: Σ of caps may fall short.
	capCover := make([]float64, n)
	for _, c := range m.Columns {
		for _, k := range c.Intervals {
			if c.Max == 0 {
				capCover[k] = math.Inf(1)
			} else {
				capCover[k] += c.Max
			}
		}
	}
	for k, r := range m.Required {
		if r > 0 && (!covered[k] || capCover[k] < r-1e-9) {
			return Bound{}, &CoverError{"Required", k, "columns able to cover it", ErrUncoverable}
		}
	}
	if runs, ok := intervalRuns(m, n); ok {
		return flowBound(m, runs, n)
	}
	if n <= simplexMaxRows && len(m.Columns) <= simplexMaxCols {
		return revisedBound(m, n), nil
	}
	return subgradientBound(m, n), nil
}

// run is a column as a start and a length on the cycle of intervals.
type run struct{ start, length int }

// intervalRuns returns each column as a run of consecutive intervals
// (wrapping allowed), or false if one is not.
func intervalRuns(m CoverModel, n int) ([]run, bool) {
	runs := make([]run, len(m.Columns))
	for j, c := range m.Columns {
		l := len(c.Intervals)
		if l == 0 {
			runs[j] = run{0, 0}
			continue
		}
		ks := append([]int(nil), c.Intervals...)
		sort.Ints(ks)
		// A run on the cycle has at most one gap between sorted neighbours
		// (counting the wrap from the last to the first).
		gaps, start := 0, ks[0]
		for i := 0; i < l; i++ {
			next := ks[(i+1)%l]
			if i == l-1 {
				next += n
			}
			if next != ks[i]+1 {
				gaps++
				start = ks[(i+1)%l]
			}
		}
		if l == n {
			gaps, start = 1, 0
		}
		if gaps != 1 {
			return nil, false
		}
		runs[j] = run{start, l}
	}
	return runs, true
}

// flowBound solves the covering LP of interval columns by min-cost flow.
func flowBound(m CoverModel, runs []run, n int) (Bound, error) {
	// Find a cut (a boundary between two intervals) no run crosses.
	diff := make([]int, n+1)
	for _, r := range runs {
		if r.length < 2 {
			continue
		}
		if r.length >= n {
			diff[0]++
			diff[n]--
			continue
		}
		lo := (r.start + 1) % n
		hi := lo + r.length - 1
		if hi <= n {
			diff[lo]++
			diff[hi]--
		} else {
			diff[lo]++
			diff[n]--
			diff[0]++
			diff[hi-n]--
		}
	}
	cut, best, acc := 0, math.MaxInt, 0
	for q := 0; q < n; q++ {
		acc += diff[q]
		if acc < best {
			best, cut = acc, q
		}
	}
	cf := &coverFlow{m: m, runs: runs, n: n, cut: cut}
	if best == 0 {
		v, _, ok := cf.solve(0, false)
		if !ok {
			return Bound{}, &CoverError{"Required", -1, "columns able to cover it", ErrUncoverable}
		}
		return Bound{v, true, "flow"}, nil
	}
	return cf.lagrangian()
}

// coverFlow builds the flow network of interval columns on the cycle of n
// intervals rotated so that interval cut comes first.
type coverFlow struct {
	m    CoverModel
	runs []run
	n    int
	cut  int
	g    mcf
}

// solve computes L(λ): λ·r at the side interval (the first after the cut)
// plus the min-cost circulation with the side-interval prices. With side
// false it is the plain line flow (no column crosses the cut). It returns
// the value, the level of the side interval in the optimal flow, and false
// on infeasibility or a negative cycle (λ too large).
func (cf *coverFlow) solve(lambda float64, side bool) (float64, float64, bool) {
	n := cf.n
	g := &cf.g
	req := func(pos int) float64 { return cf.m.Required[(pos+cf.cut)%n] }
	// Node pos is the boundary before interval pos (after the rotation).
	// On the cycle node n is node 0; on the line it is a last node that
	// absorbs the final level.
	nodes, node := n+1, func(pos int) int { return pos }
	if side {
		nodes, node = n, func(pos int) int { return pos % n }
	}
	g.reset(nodes)
	for pos := 0; pos < n; pos++ {
		prev := 0.0
		if pos > 0 || side {
			prev = req((pos - 1 + n) % n)
		}
		g.supply[pos] += req(pos) - prev
	}
	if !side {
		g.supply[n] -= req(n - 1)
	}
	// Surplus arcs: interval pos lies between boundaries pos and pos+1;
	// surplus flows backwards, free except at the side interval.
	surplusSide := -1
	for pos := 0; pos < n; pos++ {
		c := 0.0
		if side && pos == 0 {
			c = lambda
		}
		a := g.addArc(node(pos+1), node(pos), flowInf, c)
		if pos == 0 {
			surplusSide = a
		}
	}
	type colArc struct {
		arc     int
		covers0 bool
	}
	arcs := make([]colArc, 0, len(cf.runs))
	constant, extraLevel := 0.0, 0.0
	if side {
		constant = lambda * req(0)
	}
	negative := false
	for j, r := range cf.runs {
		if r.length == 0 {
			continue
		}
		col := cf.m.Columns[j]
		capacity := flowInf
		if col.Max > 0 {
			capacity = col.Max
		}
		a := (r.start - cf.cut + n) % n
		b := a + r.length
		covers0 := a == 0 || b > n
		cost := col.Cost
		if side && covers0 {
			cost -= lambda
		}
		if r.length >= n {
			// Covers every interval: a uniform level, not an arc. Only on
			// the cycle (it crosses every cut).
			if cost < 0 {
				if col.Max == 0 {
					return 0, 0, false
				}
				constant += cost * col.Max
				extraLevel += col.Max
			}
			continue
		}
		if cost < 0 {
			negative = true
		}
		arcs = append(arcs, colArc{g.addArc(node(a), node(b), capacity, cost), covers0})
	}
	cost, routed, _ := g.solve(negative, math.Inf(1))
	if !routed || math.IsInf(cost, -1) {
		return 0, 0, false
	}
	level := extraLevel - g.flow[surplusSide]
	for _, ca := range arcs {
		if ca.covers0 {
			level += g.flow[ca.arc]
		}
	}
	return cost + constant, level, true
}

// lagrangian maximises L(λ) over λ ≥ 0 by one-dimensional cutting planes:
// the slope of L at λ is r_side − level(λ); the next trial is where the
// tangent lines at the two ends of the bracket meet, and the search stops
// when L there reaches the lines' value (the breakpoint is the maximum).
func (cf *coverFlow) lagrangian() (Bound, error) {
	b, err := cf.maximise()
	// λ is not a round number: take off the rounding L(λ) may carry so that
	// the bound never exceeds the optimum.
	b.Value = math.Max(0, b.Value-1e-9*math.Max(1, math.Abs(b.Value)))
	return b, err
}

func (cf *coverFlow) maximise() (Bound, error) {
	r0 := cf.m.Required[cf.cut]
	type pt struct{ lambda, value, slope float64 }
	eval := func(l float64) (pt, bool) {
		v, level, ok := cf.solve(l, true)
		return pt{l, v, r0 - level}, ok
	}
	lo, ok := eval(0)
	if !ok {
		return Bound{}, &CoverError{"Required", -1, "columns able to cover it", ErrUncoverable}
	}
	best := lo.value
	if lo.slope <= 1e-9 {
		return Bound{math.Max(0, best), true, "flow"}, nil
	}
	// Bracket: grow λ until the slope turns negative or a negative cycle
	// shows that λ passed the cost of covering the cycle once.
	scale := 1.0
	for _, c := range cf.m.Columns {
		scale = math.Max(scale, c.Cost)
	}
	var hi pt
	hiLine := false
	hiL := scale
	for i := 0; i < 60; i++ {
		p, ok := eval(hiL)
		if !ok {
			break
		}
		best = math.Max(best, p.value)
		if p.slope < -1e-9 {
			hi, hiLine = p, true
			break
		}
		if math.Abs(p.slope) <= 1e-9 {
			return Bound{math.Max(0, best), true, "flow"}, nil
		}
		lo = p
		hiL *= 2
	}
	if !hiLine {
		hi = pt{lambda: hiL}
	}
	for i := 0; i < 200; i++ {
		var l float64
		if hiLine {
			// Intersection of the tangents at lo and hi.
			den := lo.slope - hi.slope
			l = (hi.value - lo.value + lo.slope*lo.lambda - hi.slope*hi.lambda) / den
			if !(l > lo.lambda && l < hi.lambda) {
				l = (lo.lambda + hi.lambda) / 2
			}
		} else {
			l = (lo.lambda + hi.lambda) / 2
		}
		p, ok := eval(l)
		if !ok {
			hi, hiLine = pt{lambda: l}, false
			continue
		}
		best = math.Max(best, p.value)
		tol := 1e-9 * math.Max(1, math.Abs(p.value))
		if hiLine {
			top := lo.value + lo.slope*(l-lo.lambda)
			if p.value >= top-tol {
				return Bound{math.Max(0, best), true, "flow"}, nil
			}
		}
		if math.Abs(p.slope) <= 1e-9 {
			return Bound{math.Max(0, best), true, "flow"}, nil
		}
		if p.slope > 0 {
			lo = p
		} else {
			hi, hiLine = p, true
		}
		if hi.lambda-lo.lambda <= 1e-12*math.Max(1, hi.lambda) {
			break
		}
	}
	return Bound{math.Max(0, best), false, "flow"}, nil
}

// revisedBound solves a small general covering LP with the revised
// simplex of package coverlp: a covering row per interval, and a capacity
// row x_j ≤ Max_j per capped column.
func revisedBound(m CoverModel, n int) Bound {
	p := coverlp.Problem{Required: m.Required}
	cols := make([]coverlp.Column, 0, len(m.Columns))
	maxCost := 0.0
	for j, c := range m.Columns {
		if len(c.Intervals) == 0 {
			continue
		}
		rows := make([]int32, len(c.Intervals), len(c.Intervals)+1)
		for i, k := range c.Intervals {
			rows[i] = int32(k)
		}
		if c.Max > 0 {
			rows = append(rows, int32(n+len(p.Capacity)))
			p.Capacity = append(p.Capacity, c.Max)
		}
		cols = append(cols, coverlp.Column{Rows: rows, Cost: c.Cost, ID: j})
		maxCost = math.Max(maxCost, c.Cost)
	}
	p.BigM = 100 * (maxCost + 1)
	var s coverlp.Solver
	res := s.Solve(p, coverlp.Columns(cols))
	if !res.Optimal || res.Artificial > 1e-9 {
		return subgradientBound(m, n)
	}
	return Bound{math.Max(0, res.Objective), true, "simplex"}
}

// subgradientBound is the Lagrangian bound of the covering constraints:
// for y ≥ 0, L(y) = Σ_k r_k·y_k + Σ_j U_j·min(0, c_j − Σ_{k∈j} y_k) is at
// most the LP optimum, where U_j bounds x_j in some optimal solution (its
// cap, or the largest requirement it covers: more agents than that on a
// column never help). y is improved by projected subgradient steps with
// Polyak's step size towards the best feasible cost seen; any y gives a
// valid bound, so the best L found is returned.
func subgradientBound(m CoverModel, n int) Bound {
	u := make([]float64, len(m.Columns))
	for j, c := range m.Columns {
		for _, k := range c.Intervals {
			u[j] = math.Max(u[j], m.Required[k])
		}
		if c.Max > 0 {
			u[j] = math.Min(u[j], c.Max)
		}
	}
	// An upper bound for Polyak's rule: a greedy cover.
	upper := greedyCoverCost(m, n)
	y := make([]float64, n)
	grad := make([]float64, n)
	best := 0.0
	theta := 2.0
	stall := 0
	deadline := time.Now().Add(2 * time.Second)
	for it := 0; it < 5000 && time.Now().Before(deadline); it++ {
		val := 0.0
		for k := range y {
			val += m.Required[k] * y[k]
			grad[k] = m.Required[k]
		}
		for j, c := range m.Columns {
			s := c.Cost
			for _, k := range c.Intervals {
				s -= y[k]
			}
			if s < 0 {
				val += u[j] * s
				for _, k := range c.Intervals {
					grad[k] -= u[j]
				}
			}
		}
		if val > best+1e-12 {
			best, stall = val, 0
		} else if stall++; stall > 30 {
			theta, stall = theta/2, 0
		}
		norm := 0.0
		for _, gk := range grad {
			norm += gk * gk
		}
		if norm < 1e-18 || theta < 1e-6 {
			break
		}
		step := theta * math.Max(upper-val, 1e-9) / norm
		for k := range y {
			y[k] = math.Max(0, y[k]+step*grad[k])
		}
	}
	return Bound{best, false, "subgradient"}
}

// greedyCoverCost is the cost of a simple feasible cover: repeatedly the
// column with the least cost per unit of unmet requirement it covers.
func greedyCoverCost(m CoverModel, n int) float64 {
	rest := append([]float64(nil), m.Required...)
	used := make([]float64, len(m.Columns))
	total := 0.0
	for iter := 0; iter < 100000; iter++ {
		bestJ, bestRatio := -1, math.Inf(1)
		for j, c := range m.Columns {
			if c.Max > 0 && used[j] >= c.Max {
				continue
			}
			gain := 0.0
			for _, k := range c.Intervals {
				gain += math.Min(1, math.Max(0, rest[k]))
			}
			if gain > 1e-12 {
				if r := c.Cost / gain; r < bestRatio {
					bestJ, bestRatio = j, r
				}
			}
		}
		if bestJ < 0 {
			break
		}
		used[bestJ]++
		total += m.Columns[bestJ].Cost
		for _, k := range m.Columns[bestJ].Intervals {
			rest[k]--
		}
	}
	return total
}

// LowerBoundHours is the least staffed hours that cover the model's
// requirement with its candidate shifts (the covering LP, see LowerBound):
// a lower bound on the staffed hours of every plan with no shortage.
// Intervals no candidate shift can cover are left out, and the caps of
// templates are ignored (the bound stays valid, only weaker).
func LowerBoundHours(m *Model) (float64, error) {
	p, err := compile(m)
	if err != nil {
		return 0, err
	}
	// Work on the requirement grid when every shift fits it, else on the
	// finer slot grid.
	cm := CoverModel{Required: append([]float64(nil), p.req...)}
	covered := make([]bool, p.n)
	for ci := range p.cands {
		c := &p.cands[ci]
		hours := float64(c.length*p.slotMin) / 60
		for d := 0; d < p.days; d++ {
			if !c.allowed(d) {
				continue
			}
			s := p.instanceStart(c, d)
			l := c.length
			if !p.cyclic && s+l > p.n {
				l = p.n - s
			}
			col := IntervalColumn(s, l, p.n, hours)
			for _, k := range col.Intervals {
				covered[k] = true
			}
			cm.Columns = append(cm.Columns, col)
		}
	}
	for k := range cm.Required {
		if !covered[k] {
			cm.Required[k] = 0
		}
	}
	b, err := LowerBound(cm)
	if err != nil {
		return 0, err
	}
	return b.Value, nil
}
