package solve

import (
	"container/heap"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/place"
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
func construct(p *compiled.Problem, w roster.Weights) []anon {
	c := newConstruction(p, w)
	h := &gainHeap{}
	for pi := range p.Pats {
		for k := range p.NSkills {
			if !c.canWork[k] {
				continue
			}
			if r := c.gain(int32(pi), k); r > 0 {
				*h = append(*h, gainItem{r, int32(pi), int16(k)})
			}
		}
	}
	heap.Init(h)
	var out []anon
	for !h.empty() {
		it := h.popItem()
		pt := &p.Pats[it.pat]
		d := int(pt.Day)
		if c.usedDay[d] >= c.capDay[d] || c.usedSkill[d][it.skill] >= c.capSkill[d][it.skill] {
			continue
		}
		r := c.gain(it.pat, int(it.skill))
		if r <= 0 {
			continue
		}
		if !h.empty() && r < h.top().rate-1e-12 {
			it.rate = r
			h.pushItem(it)
			continue
		}
		out = append(out, anon{it.pat, it.skill})
		c.take(pt, int(it.skill))
		it.rate = r
		h.pushItem(it)
	}
	return out
}

// construction is the state of the greedy stage: the requirement still
// open, and the shifts taken against the agents who could work them.
type construction struct {
	p   *compiled.Problem
	ivh float64
	lam float64 // excess against shortage, per agent-interval
	res [][]int32

	capDay, usedDay     []int   // per day
	capSkill, usedSkill [][]int // per day and skill
	canWork             []bool  // per skill: some agent has it

	pl  place.Placer
	brk []int32
}

func newConstruction(p *compiled.Problem, w roster.Weights) *construction {
	c := &construction{p: p, ivh: float64(p.G.IvMin) / 60, lam: w.Excess / max(w.Shortage, 1e-9), brk: make([]int32, 16)}
	c.res = make([][]int32, p.NSkills)
	for k := range c.res {
		c.res[k] = append([]int32(nil), p.Req[k]...)
	}
	c.capacity()
	nd := len(p.G.Dates)
	c.usedDay = make([]int, nd)
	c.usedSkill = make([][]int, nd)
	for d := range c.usedSkill {
		c.usedSkill[d] = make([]int, p.NSkills)
	}
	return c
}

// capacity counts the agents who may work each skill on each day, and
// the day's share of them at work (days off taken out).
func (c *construction) capacity() {
	p := c.p
	g := &p.G
	nd := len(g.Dates)
	c.capDay = make([]int, nd)
	c.capSkill = make([][]int, nd)
	for d := range c.capSkill {
		c.capSkill[d] = make([]int, p.NSkills)
	}
	workShare := 1.0
	if p.M.Rules.DaysOffPerWeek > 0 {
		workShare = float64(7-p.M.Rules.DaysOffPerWeek) / 7
	}
	for _, ai := range p.Agents {
		if len(ai.Skills) == 0 {
			continue
		}
		for d := range nd {
			from, to := max(g.DayStart[d], 0), min(g.DayStart[d+1], g.N)
			if ai.Avail[to]-ai.Avail[from] == 0 {
				continue
			}
			c.capDay[d]++
			for _, k := range ai.Skills {
				c.capSkill[d][k]++
			}
		}
	}
	for d := range c.capDay {
		c.capDay[d] = int(float64(c.capDay[d])*workShare + 0.999)
	}
	c.canWork = make([]bool, p.NSkills)
	for _, ai := range p.Agents {
		for _, k := range ai.Skills {
			c.canWork[k] = true
		}
	}
}

// dayCharge is the hours a shift is charged for the day it takes, at
// full use of the day's agents.
const dayCharge = 8.0

// value is the worth of covering an interval: 1 while requirement is
// open, the excess's cost otherwise.
func (c *construction) value(r []int32) func(t int32) float64 {
	return func(t int32) float64 {
		if r[t] > 0 {
			return 1
		}
		return -c.lam
	}
}

// gain is the objective gain per charged hour of pattern pi on skill k.
func (c *construction) gain(pi int32, k int) float64 {
	pt := &c.p.Pats[pi]
	val := c.value(c.res[k])
	var sum float64
	for _, b := range pt.Blocks {
		for t := b.S; t < b.E; t++ {
			sum += val(t)
		}
	}
	if len(pt.Needs) > 0 {
		if len(c.brk) < len(pt.Needs) {
			c.brk = make([]int32, len(pt.Needs))
		}
		loss, _ := c.pl.Place(pt.Needs, val, c.brk)
		sum -= loss
	}
	// An agent works one shift a day: as the day's shifts approach the
	// agents who could work them, each shift is charged for the day it
	// takes, which favours long shifts over many short ones.
	u := float64(c.usedDay[pt.Day]) / float64(max(c.capDay[pt.Day], 1))
	return sum / (float64(pt.Staffed)*c.ivh + dayCharge*u*u)
}

// take counts pattern pt on skill k: its day, and the requirement it
// covers with its breaks where they hurt least, as assign will place them.
func (c *construction) take(pt *compiled.Pattern, k int) {
	d := int(pt.Day)
	c.usedDay[d]++
	c.usedSkill[d][k]++
	rk := c.res[k]
	if len(pt.Needs) > 0 {
		c.pl.Place(pt.Needs, c.value(rk), c.brk)
	}
	for _, b := range pt.Blocks {
		for t := b.S; t < b.E; t++ {
			rk[t]--
		}
	}
	for i, n := range pt.Needs {
		for t := c.brk[i]; t < c.brk[i]+n.Dur; t++ {
			rk[t]++
		}
	}
}
