package roster

import (
	"sort"
	"time"
)

// need is one break a work block must take: rule index, length in slots
// and the allowed start slots lo..hi (inclusive).
type need struct {
	rule   int16
	block  int8
	paid   bool
	dur    int32
	lo, hi int32
}

// blockNeeds lists the breaks of a block [s, e) (slots of ivMin minutes);
// ok is false when a rule applies but its window cannot hold it.
func blockNeeds(rules []BreakRule, ivMin int, block int, s, e int32) ([]need, bool) {
	var out []need
	lenMin := time.Duration(int(e-s)*ivMin) * time.Minute
	iv := time.Duration(ivMin) * time.Minute
	for r, b := range rules {
		if lenMin <= b.RequiredAbove {
			continue
		}
		dur := int32(b.Duration / iv)
		lo := s + int32(b.From/iv)
		endBy := e - int32(b.BeforeEnd/iv)
		if b.To > 0 {
			endBy = min(endBy, s+int32(b.To/iv))
		}
		hi := endBy - dur
		if hi < lo {
			return nil, false
		}
		out = append(out, need{rule: int16(r), block: int8(block), paid: b.Paid, dur: dur, lo: lo, hi: hi})
	}
	return out, true
}

// placer chooses break starts. Its scratch space is reused between calls
// because the local search places breaks millions of times.
type placer struct {
	cost   [][]float64 // per need, per position lo..hi
	order  [][]int32   // positions sorted by cost
	sufMin []float64
	cur    []int32
	best   []int32
	bestV  float64
	needs  []need
}

// place chooses a start for every need minimising the summed cost of the
// slots the breaks take, no two overlapping; w(t) is the cost of taking
// slot t off the queue. It is exact (depth-first search with a bound) and
// writes the starts into out. ok is false when the needs cannot all fit.
func (pl *placer) place(needs []need, w func(t int32) float64, out []int32) (float64, bool) {
	switch len(needs) {
	case 0:
		return 0, true
	case 1:
		n := needs[0]
		best, bestP := 0.0, int32(-1)
		var run float64
		for t := n.lo; t < n.lo+n.dur; t++ {
			run += w(t)
		}
		for p := n.lo; ; p++ {
			if bestP < 0 || run < best {
				best, bestP = run, p
			}
			if p == n.hi {
				break
			}
			run += w(p+n.dur) - w(p)
		}
		out[0] = bestP
		return best, true
	}
	if len(needs) == 2 {
		return pl.placeTwo(needs, w, out)
	}
	k := len(needs)
	pl.needs = needs
	for len(pl.cost) < k {
		pl.cost = append(pl.cost, nil)
		pl.order = append(pl.order, nil)
	}
	pl.sufMin = append(pl.sufMin[:0], make([]float64, k+1)...)
	pl.cur = append(pl.cur[:0], make([]int32, k)...)
	pl.best = append(pl.best[:0], make([]int32, k)...)
	for i, n := range needs {
		m := int(n.hi - n.lo + 1)
		c := pl.cost[i][:0]
		var run float64
		for t := n.lo; t < n.lo+n.dur; t++ {
			run += w(t)
		}
		for p := n.lo; ; p++ {
			c = append(c, run)
			if p == n.hi {
				break
			}
			run += w(p+n.dur) - w(p)
		}
		pl.cost[i] = c
		o := pl.order[i][:0]
		for j := range m {
			o = append(o, int32(j))
		}
		sort.SliceStable(o, func(a, b int) bool { return c[o[a]] < c[o[b]] })
		pl.order[i] = o
	}
	for i := k - 1; i >= 0; i-- {
		pl.sufMin[i] = pl.sufMin[i+1] + pl.cost[i][pl.order[i][0]]
	}
	pl.bestV = 0
	found := pl.dfs(0, 0, false)
	if !found {
		return 0, false
	}
	copy(out, pl.best)
	return pl.bestV, true
}

// placeTwo is place for two breaks: every pair of positions, which for
// windows of a few dozen slots is faster than searching.
func (pl *placer) placeTwo(needs []need, w func(t int32) float64, out []int32) (float64, bool) {
	for len(pl.cost) < 2 {
		pl.cost = append(pl.cost, nil)
	}
	for i, n := range needs {
		c := pl.cost[i][:0]
		var run float64
		for t := n.lo; t < n.lo+n.dur; t++ {
			run += w(t)
		}
		for p := n.lo; ; p++ {
			c = append(c, run)
			if p == n.hi {
				break
			}
			run += w(p+n.dur) - w(p)
		}
		pl.cost[i] = c
	}
	a, b := needs[0], needs[1]
	best, found := 0.0, false
	for i, ca := range pl.cost[0] {
		p := a.lo + int32(i)
		for j, cb := range pl.cost[1] {
			q := b.lo + int32(j)
			if p < q+b.dur && q < p+a.dur {
				continue
			}
			if v := ca + cb; !found || v < best {
				best, found = v, true
				out[0], out[1] = p, q
			}
		}
	}
	return best, found
}

func (pl *placer) dfs(i int, acc float64, found bool) bool {
	if found && acc+pl.sufMin[i] >= pl.bestV {
		return found
	}
	if i == len(pl.needs) {
		pl.bestV = acc
		copy(pl.best, pl.cur)
		return true
	}
	n := pl.needs[i]
	for _, j := range pl.order[i] {
		p := n.lo + j
		c := pl.cost[i][j]
		if found && acc+c+pl.sufMin[i+1] >= pl.bestV {
			break // positions are sorted by cost: none further can do better
		}
		clash := false
		for q := 0; q < i; q++ {
			o := pl.needs[q]
			if p < pl.cur[q]+o.dur && pl.cur[q] < p+n.dur {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		pl.cur[i] = p
		found = pl.dfs(i+1, acc+c, found) || found
	}
	return found
}

// templateLengths lists the block lengths (in slots) a template produces.
func templateLengths(t *ShiftTemplate, iv time.Duration) []int32 {
	var out []int32
	if t.IsSplit() {
		for _, b := range t.Blocks {
			out = append(out, int32(time.Duration(b.Minutes())*time.Minute/iv))
		}
		return out
	}
	for l := t.MinLength; l <= t.MaxLength; l += t.Step {
		out = append(out, int32(l/iv))
	}
	return out
}

// checkBreaksFit reports a template length whose blocks cannot hold
// their breaks, so that the problem surfaces as a model error rather than
// as shifts that silently never appear.
func checkBreaksFit(m *Model) error {
	iv := m.Demand.Interval
	ivMin := int(iv / time.Minute)
	for i := range m.Templates {
		t := &m.Templates[i]
		for _, l := range templateLengths(t, iv) {
			needs, ok := blockNeeds(m.Breaks, ivMin, 0, 0, l)
			if ok {
				ok = fits(needs)
			}
			if !ok {
				return verr("template", i, t.Name, "breaks",
					"a %v block cannot hold its breaks inside their windows", time.Duration(l)*iv)
			}
			if m.Rules.BreakAbove > 0 && time.Duration(l)*iv > m.Rules.BreakAbove && len(needs) == 0 {
				return verr("template", i, t.Name, "breaks", "a %v block gets no break, but the %s rules require one above %v",
					time.Duration(l)*iv, m.Rules.Preset, m.Rules.BreakAbove)
			}
		}
	}
	return nil
}

// fits reports whether the needs can all be placed without overlap. For a
// fixed order, placing each break as early as its window and the previous
// break allow is feasible if any placement in that order is; so trying
// every order is exact (the rules of a block are few; beyond seven the
// exact search of placer decides).
func fits(needs []need) bool {
	k := len(needs)
	if k > 7 {
		var pl placer
		out := make([]int32, k)
		_, ok := pl.place(needs, func(int32) float64 { return 0 }, out)
		return ok
	}
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	var try func(i int) bool
	try = func(i int) bool {
		if i == k {
			// earliest placement in this order, each after the previous
			var busy []span
			for _, j := range order {
				n := needs[j]
				p := n.lo
				for moved := true; moved; {
					moved = false
					for _, b := range busy {
						if p < b.e && b.s < p+n.dur {
							p, moved = b.e, true
						}
					}
				}
				if p > n.hi {
					return false
				}
				busy = append(busy, span{p, p + n.dur})
			}
			return true
		}
		for j := i; j < k; j++ {
			order[i], order[j] = order[j], order[i]
			if try(i + 1) {
				return true
			}
			order[i], order[j] = order[j], order[i]
		}
		return false
	}
	return try(0)
}
