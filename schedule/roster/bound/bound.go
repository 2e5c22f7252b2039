package bound

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/schedule/internal/coverlp"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/place"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// Bound is a lower bound on the staffed hours of any roster that covers
// the requirement.
type Bound struct {
	// Hours is the largest of the bounds below.
	Hours float64
	// BreaksHours is this package's day-by-day LP with break placements;
	// CoverHours the whole-horizon covering LP without breaks (package
	// shiftdesign). Both are valid; neither dominates: breaks raise the
	// first, shifts crossing midnight weaken it.
	BreaksHours, CoverHours float64
	PerSkill                []float64 // of BreaksHours
	// UncoverableHours is requirement (agent-hours) no shift template can
	// reach; it is left out of the bound.
	UncoverableHours float64
	// ContractHours are the paid hours the agents' weekly minimums ask
	// for (pro rata in a week the horizon covers in part): a roster that
	// honours them staffs at least that much, whatever the requirement.
	ContractHours float64
}

// LowerBound bounds the staffed hours (shift lengths, breaks included) of
// any roster covering the requirement and giving every agent their weekly
// minimum from below. It takes the largest of the contract hours (paid
// hours are at most staffed hours) and two linear relaxations of the
// covering model. The first is
// shiftdesign.LowerBound over the whole horizon, breaks left out. The
// second, this package's, counts breaks: minimise Σ hours(s)·x(s) subject to
// Σ_s cover(s, t)·x(s) >= required(t) for every interval t and skill,
// x >= 0, where the columns s are the templates' shifts with every
// placement of their breaks (a break takes its agent off the queue).
// Agents, their limits and the lead and veteran rules are dropped, which
// only lowers the optimum, so the bound holds for every roster.
//
// The program is solved day by day and skill by skill (for intervals of
// 7.5 minutes or more; finer grids take the first bound alone): a shift that
// crosses midnight is cut into its two days' pieces, each priced at its
// own hours with its breaks free to fall into the other piece (again a
// relaxation). Each piece is a covering LP with one row per interval,
// solved by a revised simplex (Dantzig's rule, Bland's rule after a run of
// degenerate pivots; Chvátal, Linear Programming, 1983, ch. 7) whose
// columns are generated on demand (package coverlp): pricing a shift finds its best break
// placement exactly. The bound reported is not the simplex's objective
// but a certificate from LP duality: the final duals u, clipped at zero,
// scaled by 1/ρ where ρ is the largest ratio of covered dual to hours
// over all shifts, are dual feasible, so Σ required·u/ρ is a lower bound
// whatever the rounding inside the simplex.
func LowerBound(m *roster.Model) (Bound, error) {
	p, err := compiled.Compile(m)
	if err != nil {
		return Bound{}, err
	}
	return lowerBound(p), nil
}

// maxLPRows bounds the rows of a day LP (a day of 7.5-minute intervals):
// the dense basis inverse costs rows² a pivot. Finer grids take the
// covering bound alone.
const maxLPRows = 192

func lowerBound(p *compiled.Problem) Bound {
	b := Bound{PerSkill: make([]float64, p.NSkills)}
	lp := newCoverLP(p)
	for d := range p.G.Dates {
		if int(24*time.Hour/p.G.Iv) > maxLPRows {
			break
		}
		for k := range p.NSkills {
			v, unc := lp.solveDay(d, k)
			b.PerSkill[k] += v
			b.BreaksHours += v
			b.UncoverableHours += unc
		}
	}
	b.CoverHours = coverBound(p)
	for _, ai := range p.Agents {
		for _, wk := range p.G.Weeks {
			b.ContractHours += float64(ai.MinWeeklyMin*int32(wk.Days)/7) / 60 // as state.minWeek
		}
	}
	b.Hours = max(b.BreaksHours, b.CoverHours, b.ContractHours)
	return b
}

// coverBound is the covering LP of each skill over the whole horizon with
// the candidate shifts as columns and breaks left out (so each shift
// covers all its blocks), solved by shiftdesign.LowerBound: exactly, by
// min-cost flow, when every shift is one block. Intervals no shift reaches
// are left out, as in the day-by-day bound. It returns 0 if shiftdesign
// declines the model; the day-by-day bound stands alone then.
func coverBound(p *compiled.Problem) float64 {
	ivh := float64(p.G.IvMin) / 60
	cols := make([]shiftdesign.CoverColumn, len(p.Pats))
	for i := range p.Pats {
		pt := &p.Pats[i]
		iv := make([]int, 0, pt.Staffed)
		for _, b := range pt.Blocks {
			for s := b.S; s < b.E; s++ {
				iv = append(iv, int(s))
			}
		}
		cols[i] = shiftdesign.CoverColumn{Intervals: iv, Cost: float64(pt.Staffed) * ivh}
	}
	var total float64
	for k := range p.NSkills {
		cm := shiftdesign.CoverModel{Required: make([]float64, p.G.N), Columns: cols}
		any := false
		for s := range p.G.N {
			if len(p.BySlot[s]) > 0 && p.Req[k][s] > 0 {
				cm.Required[s] = float64(p.Req[k][s])
				any = true
			}
		}
		if !any {
			continue
		}
		b, err := shiftdesign.LowerBound(cm)
		if err != nil {
			return 0
		}
		total += b.Value
	}
	return total
}

// coverLP holds the working arrays of the day LPs.
type coverLP struct {
	p    *compiled.Problem
	ivh  float64
	pl   place.Placer
	brk  []int32
	rows []int32 // row -> slot
	row  []int32 // slot -> row or -1
	r    []float64
	cand []int32 // patterns with a piece in the day
	lo   int32
	hi   int32
	u    []float64 // dual per slot of the day (0 off rows)
	pre  []float64 // prefix sums of u over the day's slots

	solver coverlp.Solver
	offset int // where partial pricing resumes in cand
}

func newCoverLP(p *compiled.Problem) *coverLP {
	lp := &coverLP{p: p, ivh: float64(p.G.IvMin) / 60, row: make([]int32, p.G.N)}
	for i := range lp.row {
		lp.row[i] = -1
	}
	return lp
}

// piece is the part of pattern pi inside [lp.lo, lp.hi), its cost and
// whether it lies wholly inside.
func (lp *coverLP) pieceCost(pt *compiled.Pattern) (float64, bool) {
	n := int32(0)
	whole := true
	for _, b := range pt.Blocks {
		s, e := max(b.S, lp.lo), min(b.E, lp.hi)
		if s < e {
			n += e - s
		}
		if s != b.S || e != b.E {
			whole = false
		}
	}
	return float64(n) * lp.ivh, whole
}

func (lp *coverLP) sumU(s, e int32) float64 { return lp.pre[e-lp.lo] - lp.pre[s-lp.lo] }

// value is the largest dual a pattern's piece covers over its break
// placements (for a piece, an upper bound: each break independently at its
// cheapest inside position or, if it may fall outside, nowhere). It
// writes the chosen break starts into lp.brk (-1: outside the piece).
func (lp *coverLP) value(pt *compiled.Pattern, whole bool) float64 {
	var v float64
	for _, b := range pt.Blocks {
		s, e := max(b.S, lp.lo), min(b.E, lp.hi)
		if s < e {
			v += lp.sumU(s, e)
		}
	}
	if len(pt.Needs) == 0 {
		return v
	}
	if len(lp.brk) < len(pt.Needs) {
		lp.brk = make([]int32, len(pt.Needs))
	}
	w := func(t int32) float64 { return lp.u[t-lp.lo] }
	if whole {
		loss, _ := lp.pl.Place(pt.Needs, w, lp.brk)
		return v - loss
	}
	for i, n := range pt.Needs {
		best, bestP := math.Inf(1), int32(-1)
		if n.Lo < lp.lo || n.Hi+n.Dur > lp.hi {
			best = 0 // the break may fall outside the piece
		}
		for q := max(n.Lo, lp.lo); q <= n.Hi && q+n.Dur <= lp.hi; q++ {
			if c := lp.sumU(q, q+n.Dur); c < best {
				best, bestP = c, q
			}
		}
		if math.IsInf(best, 1) {
			best = 0
		}
		lp.brk[i] = bestP
		v -= best
	}
	return v
}

// column builds the rows a pattern piece covers with the breaks in lp.brk.
func (lp *coverLP) column(pi int32, cost float64) coverlp.Column {
	pt := &lp.p.Pats[pi]
	var cov []int32
	for _, b := range pt.Blocks {
		for t := max(b.S, lp.lo); t < min(b.E, lp.hi); t++ {
			off := false
			for i, n := range pt.Needs {
				if lp.brk[i] >= 0 && t >= lp.brk[i] && t < lp.brk[i]+n.Dur {
					off = true
					break
				}
			}
			if !off && lp.row[t] >= 0 {
				cov = append(cov, lp.row[t])
			}
		}
	}
	return coverlp.Column{Rows: cov, Cost: cost, ID: int(pi)}
}

// solveDay returns the certified bound for day d and skill k, and the
// agent-hours of requirement no shift reaches. Its stages: the day's rows
// (intervals with a requirement some shift reaches), the candidate pieces,
// the simplex with columns priced on demand (price), the certificate.
func (lp *coverLP) solveDay(d, k int) (float64, float64) {
	unc := lp.dayRows(d, k)
	if len(lp.rows) == 0 {
		return 0, unc
	}
	maxCost := lp.dayCandidates()
	nd := int(lp.hi - lp.lo)
	lp.u = resize(lp.u, nd)
	lp.pre = resize(lp.pre, nd+1)
	lp.offset = 0
	res := lp.solver.Solve(coverlp.Problem{Required: lp.r, BigM: 100 * (maxCost + 1)}, lp.price)
	lp.setDuals(res.Duals)
	return lp.certify(), unc
}

// dayRows sets the rows of day d for skill k: the intervals with a
// requirement, less those no shift reaches (returned as agent-hours).
func (lp *coverLP) dayRows(d, k int) float64 {
	p := lp.p
	g := &p.G
	lp.lo, lp.hi = int32(max(g.DayStart[d], 0)), int32(min(g.DayStart[d+1], g.N))
	lp.rows = lp.rows[:0]
	lp.r = lp.r[:0]
	var unc float64
	for t := lp.lo; t < lp.hi; t++ {
		lp.row[t] = -1
		if req := p.Req[k][t]; req > 0 {
			if len(p.BySlot[t]) == 0 {
				unc += float64(req) * lp.ivh
				continue
			}
			lp.row[t] = int32(len(lp.rows))
			lp.rows = append(lp.rows, t)
			lp.r = append(lp.r, float64(req))
		}
	}
	return unc
}

// dayCandidates lists the patterns with a block slot in the day and
// returns the largest cost of their pieces.
func (lp *coverLP) dayCandidates() float64 {
	p := lp.p
	lp.cand = lp.cand[:0]
	seen := map[int32]bool{}
	for t := lp.lo; t < lp.hi; t++ {
		for _, pi := range p.BySlot[t] {
			if !seen[pi] {
				seen[pi] = true
				lp.cand = append(lp.cand, pi)
			}
		}
	}
	maxCost := 0.0
	for _, pi := range lp.cand {
		c, _ := lp.pieceCost(&p.Pats[pi])
		maxCost = max(maxCost, c)
	}
	return maxCost
}

// setDuals spreads the duals of the rows over the day's slots (0 off the
// rows) with their prefix sums.
func (lp *coverLP) setDuals(u []float64) {
	clear(lp.u)
	for i, t := range lp.rows {
		lp.u[t-lp.lo] = u[i]
	}
	lp.pre[0] = 0
	for t := range lp.u {
		lp.pre[t+1] = lp.pre[t] + lp.u[t]
	}
}

// price offers the pattern piece to enter: each piece priced exactly at
// its best break placement, in chunks of 256 from where the last search
// stopped (partial pricing), all of them in order under Bland's rule.
func (lp *coverLP) price(u []float64, limit float64, bland bool) (coverlp.Column, float64, bool) {
	lp.setDuals(u)
	nc := len(lp.cand)
	chunk := 256
	if bland {
		lp.offset, chunk = 0, nc
	}
	var enter coverlp.Column
	found := false
	for scanned := 0; scanned < nc && !found; {
		end := min(scanned+chunk, nc)
		for j := scanned; j < end; j++ {
			pi := lp.cand[(lp.offset+j)%nc]
			pt := &lp.p.Pats[pi]
			cost, whole := lp.pieceCost(pt)
			if cost == 0 {
				continue
			}
			if dq := cost - lp.value(pt, whole); dq >= limit-1e-12 {
				continue
			}
			col := lp.column(pi, cost)
			// the actual column may cover less than priced (pieces)
			dq := cost
			for _, r := range col.Rows {
				dq -= u[r]
			}
			if dq < limit {
				enter, limit, found = col, dq, true
				if bland {
					break
				}
			}
		}
		scanned = end
		if found && !bland {
			lp.offset = (lp.offset + end) % nc
		}
	}
	return enter, limit, found
}

func resize(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	return x[:n]
}

// certify turns the current duals into a valid bound (see LowerBound).
func (lp *coverLP) certify() float64 {
	p := lp.p
	for t := range lp.u {
		lp.u[t] = max(lp.u[t], 0)
	}
	for t := range lp.u {
		lp.pre[t+1] = lp.pre[t] + lp.u[t]
	}
	rho := 0.0
	for _, pi := range lp.cand {
		pt := &p.Pats[pi]
		cost, whole := lp.pieceCost(pt)
		if cost == 0 {
			continue
		}
		rho = max(rho, lp.value(pt, whole)/cost)
	}
	if rho <= 0 {
		return 0
	}
	var obj float64
	for i, t := range lp.rows {
		obj += lp.r[i] * lp.u[t-lp.lo]
	}
	return obj / rho
}
