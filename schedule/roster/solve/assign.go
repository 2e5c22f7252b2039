package solve

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
)

// assigner gives the constructed shifts to named agents, day by day in
// time order, so that every rule about past days is settled when a day is
// filled. Within a day, leads go first (enough of them for every shift of
// the day), then veterans for the peak intervals, then everyone else;
// each assignment is checked against every hard rule and a shift nobody
// can take is dropped (the local search may bring it back differently).
type assigner struct {
	s    *state
	rnd  *rand.Rand
	byK  [][]int32 // agents per skill
	lead []int32
	vet  []int32
	pend []int32 // presence of the day's shifts not yet assigned
	cand []scored
	// the pools of the day being filled (per skill, then leads and
	// veterans) without the agents already on a shift that day (busy):
	// each shift scans the agents still free, not the whole team
	dayK            []dayPool
	dayLead, dayVet dayPool
	busy            []bool
}

// dayPool is a pool of agents and those of it still free on day.
type dayPool struct {
	all, free []int32
	day       int
}

// freeOn is the pool's agents not yet on a shift on day d, in the pool's
// order.
func (as *assigner) freeOn(dp *dayPool, d int) []int32 {
	if dp.day != d {
		dp.free, dp.day = append(dp.free[:0], dp.all...), d
	}
	j := 0
	for _, a := range dp.free {
		if !as.busy[a] {
			dp.free[j] = a
			j++
		}
	}
	dp.free = dp.free[:j]
	return dp.free
}

type scored struct {
	a     int32
	score float64
}

func newAssigner(s *state, rnd *rand.Rand) *assigner {
	p := s.p
	as := &assigner{s: s, rnd: rnd, byK: make([][]int32, p.NSkills), pend: make([]int32, p.G.N)}
	for a, ai := range p.Agents {
		for _, k := range ai.Skills {
			as.byK[k] = append(as.byK[k], int32(a))
		}
		if ai.CanLead {
			as.lead = append(as.lead, int32(a))
		}
		if ai.Vet {
			as.vet = append(as.vet, int32(a))
		}
	}
	as.dayK = make([]dayPool, p.NSkills)
	for k := range as.dayK {
		as.dayK[k] = dayPool{all: as.byK[k], day: -1}
	}
	as.dayLead, as.dayVet = dayPool{all: as.lead, day: -1}, dayPool{all: as.vet, day: -1}
	as.busy = make([]bool, len(p.Agents))
	return as
}

// score ranks agents for a shift, lowest first: fewest hours for their
// contract, then fewest weekends and nights, then cost; agents short of
// their weekly minimum come first.
func (as *assigner) score(a int, pt *compiled.Pattern) float64 {
	s := as.s
	ai := &s.p.Agents[a]
	v := float64(s.workedMin[a]) / 60 / ai.Fte
	if pt.Weekend {
		v += 4 * float64(s.weekendDays[a])
	}
	if pt.NightSlots > 0 {
		v += 0.5 * float64(s.nightSlots[a]) * s.ivh
	}
	v += s.w.Cost * ai.CostPerMin * float64(pt.WorkedMin) * 10
	w := s.p.G.WeekOf[pt.Day]
	if s.weekMin[a*len(s.p.G.Weeks)+w] < s.minWeek(a, w) {
		v -= 50
	}
	return v + as.rnd.Float64()*0.01
}

// try puts agent a on pattern pi (skill k) if every hard rule allows it.
func (as *assigner) try(a int, pi int32, k int16) bool {
	s := as.s
	pt := &s.p.Pats[pi]
	ai := &s.p.Agents[a]
	if s.on[a][pt.Day] >= 0 || !ai.AvailableFor(pt) || (k >= 0 && !ai.HasSkill(int(k))) || (k < 0 && !ai.CanLead) {
		return false
	}
	s.begin()
	s.add(a, pi, k, nil)
	if !s.feasible() {
		s.rollback()
		return false
	}
	s.commit()
	as.busy[a] = true
	return true
}

// best tries the agents of pool free on the shift's day in order of
// score, at most limit of them; it returns the agent taken or -1.
func (as *assigner) best(pool *dayPool, pi int32, k int16, limit int) int {
	s := as.s
	pt := &s.p.Pats[pi]
	as.cand = as.cand[:0]
	skilled := k >= 0 && pool == &as.dayK[k] // every agent of the pool has k
	for _, a := range as.freeOn(pool, int(pt.Day)) {
		ai := &s.p.Agents[a]
		if !ai.AvailableFor(pt) || (k >= 0 && !skilled && !ai.HasSkill(int(k))) {
			continue
		}
		as.cand = append(as.cand, scored{a, as.score(int(a), pt)})
	}
	for _, c := range lowest(as.cand, limit) {
		if as.try(int(c.a), pi, k) {
			return int(c.a)
		}
	}
	return -1
}

func (as *assigner) run(shifts []anon) (dropped int) {
	s := as.s
	p := s.p
	byDay := make([][]anon, len(p.G.Dates))
	for _, x := range shifts {
		d := p.Pats[x.pat].Day
		byDay[d] = append(byDay[d], x)
	}
	for d, list := range byDay {
		clear(as.busy)
		done := make([]bool, len(list))
		lo, hi := int32(p.G.N), int32(0)
		for _, x := range list {
			pt := &p.Pats[x.pat]
			as.addPend(pt, 1)
			lo, hi = min(lo, pt.First), max(hi, pt.End)
		}
		for _, pi := range p.ByDay[d] {
			lo, hi = min(lo, p.Pats[pi].First), max(hi, p.Pats[pi].End)
		}
		if p.LeadN > 0 {
			as.squad(d, list, done, lo, hi, true)
		}
		if p.Share > 0 {
			as.squad(d, list, done, lo, hi, false)
		}
		// everyone else: scarce skills and long shifts first
		order := make([]int, 0, len(list))
		for i := range list {
			if !done[i] {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(i, j int) bool {
			x, y := list[order[i]], list[order[j]]
			if nx, ny := len(as.byK[x.skill]), len(as.byK[y.skill]); nx != ny {
				return nx < ny
			}
			return p.Pats[x.pat].Staffed > p.Pats[y.pat].Staffed
		})
		for _, i := range order {
			x := list[i]
			as.addPend(&p.Pats[x.pat], -1)
			if as.best(&as.dayK[x.skill], x.pat, x.skill, 60) < 0 {
				dropped++
			}
		}
	}
	return dropped
}

func (as *assigner) addPend(pt *compiled.Pattern, sign int32) {
	for _, b := range pt.Blocks {
		for t := b.S; t < b.E; t++ {
			as.pend[t] += sign
		}
	}
}

// squad staffs the leads (leads true) or the peak veterans of day d.
// It first hands the day's pending shifts that cover the most missing
// intervals to leads or veterans; when none can, it adds a shift for one.
func (as *assigner) squad(d int, list []anon, done []bool, lo, hi int32, leads bool) {
	s := as.s
	p := s.p
	pool := &as.dayVet
	if leads {
		pool = &as.dayLead
	}
	if len(pool.all) == 0 {
		return
	}
	deficit := func(t int32) bool {
		P := s.present[t] + as.pend[t]
		if leads {
			need := (int(P) + p.LeadN) / (p.LeadN + 1) // ceil(P/(N+1))
			return int(s.leads[t]) < need
		}
		if !p.Peak[t] {
			return false
		}
		need := int(math.Ceil(p.Share*float64(P) - 1e-9))
		return int(s.vets[t]) < need
	}
	value := func(pt *compiled.Pattern) int {
		v := 0
		for _, b := range pt.Blocks {
			for t := max(b.S, lo); t < min(b.E, hi); t++ {
				if deficit(t) {
					v++
				}
			}
		}
		return v
	}
	// The pending shift that covers the most missing intervals, found
	// lazily: handing a shift to a lead or veteran leaves the day's
	// presence as it is and only closes deficits, so a value can only
	// fall and a heap of stale values finds the same shift as a full scan
	// (ties to the first in the list). Adding a shift raises presence, so
	// the heap is rebuilt after one.
	tried := make([]bool, len(list))
	var h squadHeap
	stale := true
	for range 4 * len(pool.all) {
		bestI := -1
		if !(leads && p.LeadsOff) {
			if stale {
				h = h[:0]
				for i, x := range list {
					if !done[i] && !tried[i] {
						if v := value(&p.Pats[x.pat]); v > 0 {
							h = append(h, squadItem{int32(v), int32(i)})
						}
					}
				}
				heap.Init(&h)
				stale = false
			}
			for len(h) > 0 {
				top := h[0]
				v := int32(value(&p.Pats[list[top.i].pat]))
				if v == top.v {
					heap.Pop(&h)
					bestI = int(top.i)
					break
				}
				if v == 0 {
					heap.Pop(&h)
				} else {
					h[0].v = v
					heap.Fix(&h, 0)
				}
			}
		}
		if bestI >= 0 {
			x := list[bestI]
			tried[bestI] = true
			as.addPend(&p.Pats[x.pat], -1)
			if as.best(pool, x.pat, x.skill, 40) >= 0 {
				done[bestI] = true
			} else {
				as.addPend(&p.Pats[x.pat], 1)
			}
			continue
		}
		// no pending shift helps: add one for a lead or veteran
		bestP, bestR := int32(-1), 0.0
		for _, pi := range p.ByDay[d] {
			pt := &p.Pats[pi]
			if v := value(pt); v > 0 {
				if r := float64(v) / float64(pt.Staffed); r > bestR {
					bestP, bestR = pi, r
				}
			}
		}
		if bestP < 0 {
			return
		}
		if !as.addFor(pool, bestP, leads && p.LeadsOff) {
			return
		}
		stale = true
	}
}

// squadItem is a pending shift of the day (index i in the day's list)
// and the missing intervals it covers, v; squadHeap orders them by v,
// then by index, as the scan of the list did.
type squadItem struct{ v, i int32 }

type squadHeap []squadItem

func (h squadHeap) Len() int { return len(h) }
func (h squadHeap) Less(a, b int) bool {
	if h[a].v != h[b].v {
		return h[a].v > h[b].v
	}
	return h[a].i < h[b].i
}
func (h squadHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *squadHeap) Push(x any)   { *h = append(*h, x.(squadItem)) }
func (h *squadHeap) Pop() any {
	o := *h
	x := o[len(o)-1]
	*h = o[:len(o)-1]
	return x
}

// addFor adds a new shift on pattern pi for the best agent of pool, on
// lead duty or on the agent's skill with the most open requirement.
func (as *assigner) addFor(pool *dayPool, pi int32, duty bool) bool {
	s := as.s
	pt := &s.p.Pats[pi]
	as.cand = as.cand[:0]
	for _, a := range as.freeOn(pool, int(pt.Day)) {
		if s.p.Agents[a].AvailableFor(pt) {
			as.cand = append(as.cand, scored{a, as.score(int(a), pt)})
		}
	}
	for _, c := range lowest(as.cand, 40) {
		k := int16(-1)
		if !duty {
			k = as.openSkill(int(c.a), pt)
			if k < 0 {
				continue
			}
		}
		if as.try(int(c.a), pi, k) {
			return true
		}
	}
	return false
}

// openSkill is the agent's skill with the most open requirement over the
// pattern (-1 when the agent has no skill).
func (as *assigner) openSkill(a int, pt *compiled.Pattern) int16 {
	s := as.s
	best, bestV := int16(-1), math.MinInt
	for _, k := range s.p.Agents[a].Skills {
		v := 0
		for _, b := range pt.Blocks {
			for t := b.S; t < b.E; t++ {
				v += int(s.p.Req[k][t] - s.cov[k][t])
			}
		}
		if v > bestV {
			best, bestV = k, v
		}
	}
	return best
}

// lowest reorders cand so that its first limit entries are the lowest
// scores in ascending order, and returns them: a bounded max-heap, so a
// pool of n agents costs n log(limit), not the n log(n) of sorting it
// whole for every shift (the assign stage of a 10,000-agent team).
func lowest(cand []scored, limit int) []scored {
	if limit >= len(cand) {
		sort.Slice(cand, func(i, j int) bool { return cand[i].score < cand[j].score })
		return cand
	}
	h := cand[:limit] // max-heap on score: h[0] is the worst kept
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= limit {
				return
			}
			if r := l + 1; r < limit && h[r].score > h[l].score {
				l = r
			}
			if h[i].score >= h[l].score {
				return
			}
			h[i], h[l] = h[l], h[i]
			i = l
		}
	}
	for i := limit/2 - 1; i >= 0; i-- {
		down(i)
	}
	for j := limit; j < len(cand); j++ {
		if cand[j].score < h[0].score {
			h[0], cand[j] = cand[j], h[0]
			down(0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return h[i].score < h[j].score })
	return h
}
