package shiftdesign

import (
	"math"
	"sort"
)

// setSolver is the "model -> solve" stage for a fixed set of distinct
// shifts: it finds how many agents work each shift on each day at least
// cost (shortage, excess and agent-shifts; the distinct-shift term is
// constant for the set).
//
// Shifts are intervals of slots, so after differencing consecutive coverage
// rows the problem is a min-cost flow on a line (Di Gaspero, Gärtner, Kortsarz,
// Musliu, Schaerf, Slany, "The minimum shift design problem", Annals of OR
// 155, 2007): one node per time point where a shift starts or ends, an arc
// per (shift, day) from its start to its end, and per segment between two
// points arcs that add phantom agents (shortage) or remove agents (excess)
// at the segment's convex piecewise-linear deviation cost.
//
// A cyclic horizon is cut at the time point crossed by the fewest
// (shift, day) pairs. With none the flow is exact. Otherwise the crossing
// pairs are first split into a head and a tail with independent flows (a
// relaxation: a lower bound for the set), and when head and tail disagree
// their agents are fixed and improved one agent at a time, each trial an
// exact flow of the remaining line.
type setSolver struct {
	p      *problem
	g      mcf
	inst   []instance
	cross  []int     // indices into inst of the pairs crossing the cut
	fixed  []float64 // agents fixed on each crossing pair (fixed mode)
	rr     []float64 // requirement on the unrolled line, minus fixed coverage
	mark   []int32   // position -> node, or -1
	diff   []int
	vals   []float64
	bps    []int
	arcOf  []int // per inst (free or tail): arc index; -1 if none
	headOf []int // per inst crossing: head arc in split mode
	cut    int
	evals  int // flows solved (a work counter for budgets)
	moves  map[int][][]int8
}

// instance is a shift started on one day, placed on the unrolled line.
type instance struct {
	set, day int     // index in the set, day
	a, b     int     // start and end position after the cut (b may exceed n)
	capacity float64 // flowInf when uncapacitated
}

func newSetSolver(p *problem) *setSolver {
	return &setSolver{
		p:    p,
		rr:   make([]float64, p.n),
		mark: make([]int32, p.n+1),
		diff: make([]int, p.n+1),
	}
}

// solve returns the least cost of the set (without the distinct-shift term)
// and the agents per set member and day in x (x[i][d]); exact for
// non-cyclic horizons and for cuts no pair crosses, a local optimum over
// the crossing pairs otherwise. It stops early, returning a lower bound
// with worse == true and x unset, as soon as the cost is sure to reach
// stopAt (the caller's cost to beat).
func (s *setSolver) solve(set []int, x [][]int, stopAt float64) (cost float64, worse bool) {
	p := s.p
	s.inst = s.inst[:0]
	for i, ci := range set {
		c := &p.cands[ci]
		for d := 0; d < p.days; d++ {
			if !c.allowed(d) {
				continue
			}
			k := float64(c.cap[d])
			if c.cap[d] == unlimited {
				k = flowInf
			}
			s.inst = append(s.inst, instance{set: i, day: d, a: p.instanceStart(c, d), b: c.length, capacity: k})
		}
	}
	s.chooseCut()
	n := p.n
	s.cross = s.cross[:0]
	for j := range s.inst {
		in := &s.inst[j]
		in.a = (in.a - s.cut + n) % n
		in.b += in.a
		if in.b > n {
			if p.cyclic {
				s.cross = append(s.cross, j)
			} else {
				in.b = n
			}
		}
	}
	for i := range x {
		clear(x[i])
	}
	if len(s.cross) == 0 {
		cost, worse = s.flow(false, stopAt)
		if !worse {
			s.collect(x, false)
		}
		return cost, worse
	}
	bound, worse := s.flow(false, stopAt) // split relaxation
	if worse {
		return bound, true
	}
	// Fixed mode. Starts: the rounded mean of head and tail, the heads,
	// the tails; then a descent over steps of -1, 0 or +1 agent on every
	// crossing pair at once (the cost is convex in the agents fixed, but
	// not separable: single-pair steps alone can stall).
	k := len(s.cross)
	s.fixed = resizeF(s.fixed, k)
	agree := true
	starts := make([][]float64, 3)
	for i := range starts {
		starts[i] = make([]float64, k)
	}
	for i, j := range s.cross {
		h, t := s.g.flow[s.headOf[j]], s.g.flow[s.arcOf[j]]
		if math.Abs(h-t) > flowEps {
			agree = false
		}
		c := s.inst[j].capacity
		starts[0][i] = math.Min(math.Round((h+t)/2), c)
		starts[1][i] = math.Min(math.Round(h), c)
		starts[2][i] = math.Min(math.Round(t), c)
	}
	if agree {
		s.collect(x, false)
		return bound, false
	}
	best := math.Inf(1)
	bestF := make([]float64, k)
	for _, st := range starts {
		copy(s.fixed, st)
		if c, w := s.flow(true, best); !w && c < best-1e-9 {
			best = c
			copy(bestF, st)
		}
	}
	if s.moves == nil {
		s.moves = map[int][][]int8{}
	}
	moves, ok := s.moves[k]
	if !ok {
		moves = crossMoves(k)
		s.moves[k] = moves
	}
	for improved := true; improved && best > bound+1e-9; {
		improved = false
		for _, mv := range moves {
			for best > bound+1e-9 {
				ok := true
				for i := range s.fixed {
					v := bestF[i] + float64(mv[i])
					if v < 0 || v > s.inst[s.cross[i]].capacity {
						ok = false
						break
					}
					s.fixed[i] = v
				}
				if !ok {
					break
				}
				c, w := s.flow(true, best)
				if w || c >= best-1e-9 {
					break
				}
				best, improved = c, true
				copy(bestF, s.fixed)
			}
		}
	}
	copy(s.fixed, bestF)
	s.flow(true, math.Inf(1))
	s.collect(x, true)
	return best, false
}

// crossMoves are the steps of the descent over the agents fixed on k
// crossing pairs: every vector of -1, 0, +1 but zero when k ≤ 4, else the
// single steps and the steps on two pairs.
func crossMoves(k int) [][]int8 {
	var out [][]int8
	if k <= 4 {
		total := 1
		for i := 0; i < k; i++ {
			total *= 3
		}
		for code := 0; code < total; code++ {
			mv := make([]int8, k)
			zero := true
			for i, c := 0, code; i < k; i, c = i+1, c/3 {
				mv[i] = int8(c%3) - 1
				zero = zero && mv[i] == 0
			}
			if !zero {
				out = append(out, mv)
			}
		}
		return out
	}
	for i := 0; i < k; i++ {
		for _, d := range [2]int8{1, -1} {
			mv := make([]int8, k)
			mv[i] = d
			out = append(out, mv)
			for j := i + 1; j < k; j++ {
				for _, e := range [2]int8{1, -1} {
					mv2 := make([]int8, k)
					mv2[i], mv2[j] = d, e
					out = append(out, mv2)
				}
			}
		}
	}
	return out
}

// chooseCut sets s.cut to the time point (slot boundary) crossed by the
// fewest pairs; 0 in a non-cyclic horizon.
func (s *setSolver) chooseCut() {
	p := s.p
	s.cut = 0
	if !p.cyclic {
		return
	}
	n := p.n
	clear(s.diff)
	for _, in := range s.inst {
		// A pair covering slots a..a+L-1 crosses boundaries a+1..a+L-1.
		if in.b < 2 {
			continue
		}
		lo := (in.a + 1) % n
		hi := lo + in.b - 1 // exclusive
		if hi <= n {
			s.diff[lo]++
			s.diff[hi]--
		} else {
			s.diff[lo]++
			s.diff[n]--
			s.diff[0]++
			s.diff[hi-n]--
		}
	}
	best, run := math.MaxInt, 0
	for q := 0; q < n; q++ {
		run += s.diff[q]
		if run < best {
			best, s.cut = run, q
		}
	}
}

// flow builds and solves the line network; fixed selects fixed mode for the
// crossing pairs (else split mode). It returns the total cost, or a lower
// bound at least stopAt with worse == true.
func (s *setSolver) flow(fixed bool, stopAt float64) (float64, bool) {
	s.evals++
	p := s.p
	n := p.n
	w := p.w
	for pos := 0; pos < n; pos++ {
		k := pos + s.cut
		if k >= n {
			k -= n
		}
		s.rr[pos] = p.req[k]
	}
	for i := range s.mark {
		s.mark[i] = -1
	}
	s.mark[0], s.mark[n] = 0, 0
	constCost := 0.0
	for k, j := range s.cross {
		in := &s.inst[j]
		s.mark[in.a], s.mark[in.b-n] = 0, 0
		if fixed && s.fixed[k] > 0 {
			f := s.fixed[k]
			constCost += f * w.shift
			for pos := in.a; pos < n; pos++ {
				s.rr[pos] -= f
			}
			for pos := 0; pos < in.b-n; pos++ {
				s.rr[pos] -= f
			}
		}
	}
	for _, in := range s.inst {
		if in.b <= n {
			s.mark[in.a], s.mark[in.b] = 0, 0
		}
	}
	nodes := 0
	for pos := 0; pos <= n; pos++ {
		if s.mark[pos] >= 0 {
			s.mark[pos] = int32(nodes)
			nodes++
		}
	}
	g := &s.g
	g.reset(nodes)
	// Segments: levels, deviation arcs and supplies.
	prevLevel := 0.0
	node := 0
	for pos := 0; pos < n; {
		end := pos + 1
		for s.mark[end] < 0 {
			end++
		}
		level, c := s.segment(node, s.rr[pos:end])
		constCost += c
		g.supply[node] += level - prevLevel
		prevLevel = level
		node++
		pos = end
	}
	g.supply[node] -= prevLevel
	// Shift arcs.
	s.arcOf = resizeInt(s.arcOf, len(s.inst))
	s.headOf = resizeInt(s.headOf, len(s.inst))
	for j, in := range s.inst {
		s.arcOf[j], s.headOf[j] = -1, -1
		if in.b <= n {
			s.arcOf[j] = g.addArc(int(s.mark[in.a]), int(s.mark[in.b]), in.capacity, w.shift)
		} else if !fixed {
			s.arcOf[j] = g.addArc(int(s.mark[in.a]), int(s.mark[n]), in.capacity, w.shift/2)
			s.headOf[j] = g.addArc(0, int(s.mark[in.b-n]), in.capacity, w.shift/2)
		}
	}
	cost, _, aborted := g.solve(false, stopAt-constCost)
	return cost + constCost, aborted
}

// segment adds the deviation arcs of one segment (slots with requirement
// vals, between node and node+1) and returns the segment's base level R,
// the integer coverage of least deviation cost, and that cost g(R).
//
// With coverage c, the segment costs g(c) = Σ_k short·(r_k−c)⁺ +
// excess·(c−r_k)⁺, convex in c. Its marginal m(c) = g(c)−g(c−1) is constant
// between breakpoints ⌊r_k⌋+1 (and ⌊r_k⌋+2 for fractional r_k). The flow
// across the segment is fixed at R by the supplies; a phantom agent (arc
// node→node+1) lowers the real coverage by one at cost −m, an excess agent
// (arc node+1→node) raises it at cost m, both increasing unit by unit.
func (s *setSolver) segment(node int, vals []float64) (float64, float64) {
	w := s.p.w
	s.bps = s.bps[:0]
	s.bps = append(s.bps, 1)
	for _, v := range vals {
		f := math.Floor(v)
		if f+1 >= 1 {
			s.bps = append(s.bps, int(f)+1)
		}
		if v != f && f+2 >= 1 {
			s.bps = append(s.bps, int(f)+2)
		}
	}
	sort.Ints(s.bps)
	bps := s.bps[:1]
	for _, b := range s.bps[1:] {
		if b != bps[len(bps)-1] {
			bps = append(bps, b)
		}
	}
	marg := func(c int) float64 {
		m := 0.0
		fc := float64(c)
		for _, v := range vals {
			m += -w.short*clamp01(v-fc+1) + w.excess*clamp01(fc-v)
		}
		return m
	}
	// R: the end of the last piece with a negative marginal.
	R := 0
	for i, b := range bps {
		if marg(b) < 0 {
			if i+1 < len(bps) {
				R = bps[i+1] - 1
			} else {
				R = math.MaxInt32 // cannot happen: the last piece costs excess ≥ 0
			}
		}
	}
	g := &s.g
	for i, b := range bps {
		lo := b
		hi := math.MaxInt32
		if i+1 < len(bps) {
			hi = bps[i+1] - 1
		}
		m := marg(b)
		// Phantom units take coverage from R down: pieces below R.
		if lo <= R {
			top := min(hi, R)
			g.addArc(node, node+1, float64(top-lo+1), -m)
		}
		// Excess units raise coverage above R.
		if hi > R {
			from := max(lo, R+1)
			capacity := flowInf
			if hi != math.MaxInt32 {
				capacity = float64(hi - from + 1)
			}
			g.addArc(node+1, node, capacity, m)
		}
	}
	base := 0.0
	fr := float64(R)
	for _, v := range vals {
		base += w.short*math.Max(0, v-fr) + w.excess*math.Max(0, fr-v)
	}
	return fr, base
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func resizeInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// collect reads the agents per (set member, day) off the last flow.
func (s *setSolver) collect(x [][]int, fixed bool) {
	g := &s.g
	for j, in := range s.inst {
		if s.arcOf[j] >= 0 {
			x[in.set][in.day] = int(math.Round(g.flow[s.arcOf[j]]))
		}
	}
	if fixed {
		for k, j := range s.cross {
			in := s.inst[j]
			x[in.set][in.day] = int(s.fixed[k])
		}
	}
}
