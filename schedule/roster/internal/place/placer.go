// Package place chooses the start of the breaks a shift's blocks must
// take (an exact search with a bound), for the solver and the bound.
package place

import "sort"

// Need is one break a work block must take: rule index, length in slots
// and the allowed start slots lo..hi (inclusive).
type Need struct {
	Rule   int16
	Block  int8
	Paid   bool
	Dur    int32
	Lo, Hi int32
}

// Placer chooses break starts. Its scratch space is reused between calls
// because the local search places breaks millions of times.
type Placer struct {
	cost   [][]float64 // per need, per position lo..hi
	order  [][]int32   // positions sorted by cost
	sufMin []float64
	cur    []int32
	best   []int32
	bestV  float64
	needs  []Need
}

// Place chooses a start for every need minimising the summed cost of the
// slots the breaks take, no two overlapping; w(t) is the cost of taking
// slot t off the queue. It is exact (depth-first search with a bound) and
// writes the starts into out. ok is false when the needs cannot all fit.
func (pl *Placer) Place(needs []Need, w func(t int32) float64, out []int32) (float64, bool) {
	switch len(needs) {
	case 0:
		return 0, true
	case 1:
		n := needs[0]
		best, bestP := 0.0, int32(-1)
		var run float64
		for t := n.Lo; t < n.Lo+n.Dur; t++ {
			run += w(t)
		}
		for p := n.Lo; ; p++ {
			if bestP < 0 || run < best {
				best, bestP = run, p
			}
			if p == n.Hi {
				break
			}
			run += w(p+n.Dur) - w(p)
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
		m := int(n.Hi - n.Lo + 1)
		c := pl.cost[i][:0]
		var run float64
		for t := n.Lo; t < n.Lo+n.Dur; t++ {
			run += w(t)
		}
		for p := n.Lo; ; p++ {
			c = append(c, run)
			if p == n.Hi {
				break
			}
			run += w(p+n.Dur) - w(p)
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
func (pl *Placer) placeTwo(needs []Need, w func(t int32) float64, out []int32) (float64, bool) {
	for len(pl.cost) < 2 {
		pl.cost = append(pl.cost, nil)
	}
	for i, n := range needs {
		c := pl.cost[i][:0]
		var run float64
		for t := n.Lo; t < n.Lo+n.Dur; t++ {
			run += w(t)
		}
		for p := n.Lo; ; p++ {
			c = append(c, run)
			if p == n.Hi {
				break
			}
			run += w(p+n.Dur) - w(p)
		}
		pl.cost[i] = c
	}
	a, b := needs[0], needs[1]
	best, found := 0.0, false
	for i, ca := range pl.cost[0] {
		p := a.Lo + int32(i)
		for j, cb := range pl.cost[1] {
			q := b.Lo + int32(j)
			if p < q+b.Dur && q < p+a.Dur {
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

func (pl *Placer) dfs(i int, acc float64, found bool) bool {
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
		p := n.Lo + j
		c := pl.cost[i][j]
		if found && acc+c+pl.sufMin[i+1] >= pl.bestV {
			break // positions are sorted by cost: none further can do better
		}
		clash := false
		for q := 0; q < i; q++ {
			o := pl.needs[q]
			if p < pl.cur[q]+o.Dur && pl.cur[q] < p+n.Dur {
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
