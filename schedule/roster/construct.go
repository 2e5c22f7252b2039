package roster

import (
	"container/heap"
)

// anon is a shift not yet given to anyone: a candidate pattern and the
// skill it works.
type anon struct {
	pat   int32
	skill int16
}

type gainItem struct {
	rate  float64
	pat   int32
	skill int16
}

type gainHeap []gainItem

func (h gainHeap) Len() int { return len(h) }
func (h gainHeap) Less(i, j int) bool {
	if h[i].rate != h[j].rate {
		return h[i].rate > h[j].rate
	}
	if h[i].pat != h[j].pat {
		return h[i].pat < h[j].pat
	}
	return h[i].skill < h[j].skill
}
func (h gainHeap) Swap(i, j int)        { h[i], h[j] = h[j], h[i] }
func (h *gainHeap) Push(x any)          { *h = append(*h, x.(gainItem)) }
func (h *gainHeap) Pop() any            { o := *h; x := o[len(o)-1]; *h = o[:len(o)-1]; return x }
func (h gainHeap) top() gainItem        { return h[0] }
func (h gainHeap) empty() bool          { return len(h) == 0 }
func (h *gainHeap) pushItem(x gainItem) { heap.Push(h, x) }
func (h *gainHeap) popItem() gainItem   { return heap.Pop(h).(gainItem) }

// construct is the greedy stage: it picks, again and again, the shift and
// skill with the largest objective gain per staffed hour against the
// requirement still open, and stops when no shift gains. Gains only fall
// as coverage grows, so a lazy heap finds the best pick without
// re-pricing every candidate (the classic greedy for set multicover).
// Shifts per day and skill are capped by the agents who could work them.
func construct(p *problem, w Weights) []anon {
	g := &p.g
	ivh := float64(g.ivMin) / 60
	res := make([][]int32, p.nSkills)
	for k := range res {
		res[k] = append([]int32(nil), p.req[k]...)
	}
	nd := len(g.dates)
	// capacity: agents who may work each skill on each day
	capDay := make([]int, nd)
	capSkill := make([][]int, nd)
	for d := range capSkill {
		capSkill[d] = make([]int, p.nSkills)
	}
	workShare := 1.0
	if p.m.Rules.DaysOffPerWeek > 0 {
		workShare = float64(7-p.m.Rules.DaysOffPerWeek) / 7
	}
	for _, ai := range p.agents {
		if len(ai.skills) == 0 {
			continue
		}
		for d := range nd {
			from, to := max(g.dayStart[d], 0), min(g.dayStart[d+1], g.n)
			if ai.avail[to]-ai.avail[from] == 0 {
				continue
			}
			capDay[d]++
			for _, k := range ai.skills {
				capSkill[d][k]++
			}
		}
	}
	for d := range capDay {
		capDay[d] = int(float64(capDay[d])*workShare + 0.999)
	}
	usedDay := make([]int, nd)
	usedSkill := make([][]int, nd)
	for d := range usedSkill {
		usedSkill[d] = make([]int, p.nSkills)
	}
	canWork := make([]bool, p.nSkills)
	for _, ai := range p.agents {
		for _, k := range ai.skills {
			canWork[k] = true
		}
	}

	const dayCharge = 8.0 // hours
	var pl placer
	brk := make([]int32, 16)
	lam := w.Excess / max(w.Shortage, 1e-9)
	gain := func(pi int32, k int) float64 {
		pt := &p.pats[pi]
		r := res[k]
		val := func(t int32) float64 {
			if r[t] > 0 {
				return 1
			}
			return -lam
		}
		var sum float64
		for _, b := range pt.blocks {
			for t := b.s; t < b.e; t++ {
				sum += val(t)
			}
		}
		if len(pt.needs) > 0 {
			if len(brk) < len(pt.needs) {
				brk = make([]int32, len(pt.needs))
			}
			loss, _ := pl.place(pt.needs, val, brk)
			sum -= loss
		}
		// An agent works one shift a day: as the day's shifts approach the
		// agents who could work them, each shift is charged for the day it
		// takes, which favours long shifts over many short ones.
		u := float64(usedDay[pt.day]) / float64(max(capDay[pt.day], 1))
		return sum / (float64(pt.staffed)*ivh + dayCharge*u*u)
	}
	h := &gainHeap{}
	for pi := range p.pats {
		for k := range p.nSkills {
			if !canWork[k] {
				continue
			}
			if r := gain(int32(pi), k); r > 0 {
				*h = append(*h, gainItem{r, int32(pi), int16(k)})
			}
		}
	}
	heap.Init(h)
	var out []anon
	for !h.empty() {
		it := h.popItem()
		pt := &p.pats[it.pat]
		d := int(pt.day)
		if usedDay[d] >= capDay[d] || usedSkill[d][it.skill] >= capSkill[d][it.skill] {
			continue
		}
		r := gain(it.pat, int(it.skill))
		if r <= 0 {
			continue
		}
		if !h.empty() && r < h.top().rate-1e-12 {
			it.rate = r
			h.pushItem(it)
			continue
		}
		out = append(out, anon{it.pat, it.skill})
		usedDay[d]++
		usedSkill[d][it.skill]++
		rk := res[it.skill]
		// take the breaks where they hurt least, as assign will
		if len(pt.needs) > 0 {
			pl.place(pt.needs, func(t int32) float64 {
				if rk[t] > 0 {
					return 1
				}
				return -lam
			}, brk)
		}
		for _, b := range pt.blocks {
			for t := b.s; t < b.e; t++ {
				rk[t]--
			}
		}
		for i, n := range pt.needs {
			for t := brk[i]; t < brk[i]+n.dur; t++ {
				rk[t]++
			}
		}
		it.rate = r
		h.pushItem(it)
	}
	return out
}
