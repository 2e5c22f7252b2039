package solve

import (
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/place"
)

// assignment is one shift of a named agent in the solver: a candidate
// pattern, the skill it works (-1: lead duty, off the queue) and the start
// slot of each of the pattern's breaks.
type assignment struct {
	agent int32
	pat   int32
	skill int16
	alive bool
	brk   []int32
}

// state is a roster under construction with everything the objective
// needs, kept up to date incrementally: coverage per skill and interval,
// presence, leads and veterans on site and the leads and veterans missing
// (the lead and veteran rules are soft: a gap is priced, never a reason
// to leave demand unstaffed), hours per agent and week, and the fairness
// sums. Changes go through add, remove and setBreaks, which
// journal their inverse so that a rejected move is rolled back exactly.
type state struct {
	p  *compiled.Problem
	w  roster.Weights
	ck *agentChecker
	pl place.Placer

	cov     [][]int32
	present []int32
	leads   []int32
	vets    []int32

	on    [][]int32 // agent -> day -> assignment, -1 none
	onPat [][]int32 // agent -> day -> pattern, -1 none (what agentChecker reads)
	asg   []assignment
	dead  []int32

	// objective components
	shortSlots, excessSlots int64
	// leadGap and vetGap are the leads and veterans missing, summed over
	// slots (IntervalCheck's Leads < LeadsNeeded, Veterans < VeteransNeeded).
	leadGap, vetGap       int64
	staffedSlots          int64
	cost                  float64
	minShort              int64 // minutes below weekly minimums
	weekMin               []int32
	workedMin             []int32
	nightSlots, peakSlots []int32
	weekendDays           []int32
	fair                  [4]roster.Spread

	journal  []jop
	changedA []int32
	brkBuf   []int32
	ivh      float64
}

type jopKind uint8

const (
	jAdd jopKind = iota
	jRemove
	jBreaks
)

type jop struct {
	kind jopKind
	idx  int32
	old  []int32
}

func newState(p *compiled.Problem, w roster.Weights) *state {
	s := &state{p: p, w: w, ck: newAgentChecker(p), ivh: float64(p.G.IvMin) / 60}
	n := p.G.N
	s.cov = make([][]int32, p.NSkills)
	for k := range s.cov {
		s.cov[k] = make([]int32, n)
		for _, r := range p.Req[k] {
			s.shortSlots += int64(r)
		}
	}
	s.present = make([]int32, n)
	s.leads = make([]int32, n)
	s.vets = make([]int32, n)
	na, nd, nw := len(p.Agents), len(p.G.Dates), len(p.G.Weeks)
	s.on = make([][]int32, na)
	s.onPat = make([][]int32, na)
	for a := range s.on {
		s.on[a] = make([]int32, nd)
		s.onPat[a] = make([]int32, nd)
		for d := range s.on[a] {
			s.on[a][d] = -1
			s.onPat[a][d] = -1
		}
	}
	s.weekMin = make([]int32, na*nw)
	s.workedMin = make([]int32, na)
	s.nightSlots = make([]int32, na)
	s.peakSlots = make([]int32, na)
	s.weekendDays = make([]int32, na)
	for i := range s.fair {
		s.fair[i].N = float64(na)
	}
	for a := range p.Agents {
		for w := range p.G.Weeks {
			s.minShort += int64(s.minWeek(a, w))
		}
	}
	return s
}

// minWeek is the agent's minimum for week w, pro rata for a week the
// horizon covers in part.
func (s *state) minWeek(a, w int) int32 {
	wk := s.p.G.Weeks[w]
	return s.p.Agents[a].MinWeeklyMin * int32(wk.Days) / 7
}

// objective is the weighted sum of the soft terms (see Weights).
func (s *state) objective() float64 {
	w := &s.w
	return w.Shortage*float64(s.shortSlots)*s.ivh + w.Excess*float64(s.excessSlots)*s.ivh +
		w.LeadGap*float64(s.leadGap)*s.ivh + w.VeteranGap*float64(s.vetGap)*s.ivh +
		w.Staffed*float64(s.staffedSlots)*s.ivh +
		w.Cost*s.cost + w.MinHours*float64(s.minShort)/60 +
		w.HoursSpread*s.fair[0].Sd() + w.NightSpread*s.fair[1].Sd() +
		w.WeekendSpread*s.fair[2].Sd() + w.PeakSpread*s.fair[3].Sd()
}

func (s *state) fairValues(a int) [4]float64 {
	ivh := s.ivh
	return [4]float64{
		float64(s.workedMin[a]) / 60 / s.p.Agents[a].Fte,
		float64(s.nightSlots[a]) * ivh,
		float64(s.weekendDays[a]),
		float64(s.peakSlots[a]) * ivh,
	}
}

// resync recomputes the fairness sums from scratch, against drift.
func (s *state) resync() {
	for i := range s.fair {
		s.fair[i].S1, s.fair[i].S2 = 0, 0
	}
	for a := range s.p.Agents {
		v := s.fairValues(a)
		for i := range v {
			s.fair[i].S1 += v[i]
			s.fair[i].S2 += v[i] * v[i]
		}
	}
}

// isLead reports whether agent a counts as a lead on a shift of skill k.
func (s *state) isLead(a int, k int16) bool {
	return s.p.Agents[a].CanLead && (!s.p.LeadsOff || k < 0)
}

func (s *state) covInc(k int, t int32) {
	c := &s.cov[k][t]
	if *c < s.p.Req[k][t] {
		s.shortSlots--
	} else {
		s.excessSlots++
	}
	*c++
}

func (s *state) covDec(k int, t int32) {
	c := &s.cov[k][t]
	*c--
	if *c < s.p.Req[k][t] {
		s.shortSlots++
	} else {
		s.excessSlots--
	}
}

// agentDelta adds (sign +1) or removes (-1) a pattern's figures to an
// agent's hours, week, fairness and cost.
func (s *state) agentDelta(a int, pt *compiled.Pattern, sign int32) {
	old := s.fairValues(a)
	ai := &s.p.Agents[a]
	w := s.p.G.WeekOf[pt.Day]
	i := a*len(s.p.G.Weeks) + w
	before := max(0, s.minWeek(a, w)-s.weekMin[i])
	s.weekMin[i] += sign * pt.WorkedMin
	after := max(0, s.minWeek(a, w)-s.weekMin[i])
	s.minShort += int64(after - before)
	s.workedMin[a] += sign * pt.WorkedMin
	s.staffedSlots += int64(sign * pt.Staffed)
	s.nightSlots[a] += sign * pt.NightSlots
	s.peakSlots[a] += sign * pt.PeakSlots
	if pt.Weekend {
		s.weekendDays[a] += sign
	}
	s.cost += float64(sign) * float64(pt.WorkedMin) * ai.CostPerMin
	nw := s.fairValues(a)
	for j := range nw {
		s.fair[j].Change(old[j], nw[j])
	}
}

// presence adds or removes an assignment's presence on site, and keeps
// the leads and veterans missing up to date.
func (s *state) presence(as *assignment, sign int32) {
	p := s.p
	pt := &p.Pats[as.pat]
	lead := s.isLead(int(as.agent), as.skill)
	vet := p.Agents[as.agent].Vet
	for _, b := range pt.Blocks {
		for t := b.S; t < b.E; t++ {
			if p.LeadN > 0 {
				s.leadGap -= int64(s.leadShort(t))
			}
			peak := p.Share > 0 && p.Peak[t]
			if peak {
				s.vetGap -= int64(s.vetShort(t))
			}
			s.present[t] += sign
			if lead {
				s.leads[t] += sign
			}
			if vet {
				s.vets[t] += sign
			}
			if p.LeadN > 0 {
				s.leadGap += int64(s.leadShort(t))
			}
			if peak {
				s.vetGap += int64(s.vetShort(t))
			}
		}
	}
}

// leadShort is the leads missing at slot t: a lead per leadN others on
// site, rounded up.
func (s *state) leadShort(t int32) int32 {
	n := int32(s.p.LeadN)
	need := (s.present[t] - s.leads[t] + n - 1) / n
	return max(0, need-s.leads[t])
}

// vetShort is the veterans missing at peak slot t: ceil(share × present).
func (s *state) vetShort(t int32) int32 {
	return max(0, s.p.VetNeed(s.present[t])-s.vets[t])
}

// coverage adds or removes an assignment's coverage (breaks excluded).
func (s *state) coverage(as *assignment, sign int32) {
	if as.skill < 0 {
		return
	}
	pt := &s.p.Pats[as.pat]
	k := int(as.skill)
	for _, b := range pt.Blocks {
		for t := b.S; t < b.E; t++ {
			if sign > 0 {
				s.covInc(k, t)
			} else {
				s.covDec(k, t)
			}
		}
	}
	for i, n := range pt.Needs {
		for t := as.brk[i]; t < as.brk[i]+n.Dur; t++ {
			if sign > 0 {
				s.covDec(k, t)
			} else {
				s.covInc(k, t)
			}
		}
	}
}

// breakLoss is the objective change of taking one agent of skill k off
// the queue at t, with a small pull towards the interval with the most
// agents above requirement so that breaks stagger.
func (s *state) breakLoss(k int, t int32) float64 {
	c, r := s.cov[k][t], s.p.Req[k][t]
	base := -s.w.Excess * s.ivh
	if c <= r {
		base = s.w.Shortage * s.ivh
	}
	return base - 1e-6*float64(c-r)
}

// bestBreaks places the breaks of an assignment whose blocks already
// count in coverage (its breaks not yet taken out) at the least loss.
func (s *state) bestBreaks(as *assignment, out []int32) {
	pt := &s.p.Pats[as.pat]
	if len(pt.Needs) == 0 {
		return
	}
	if as.skill < 0 {
		// lead duty: spread breaks by the leads on site
		s.pl.Place(pt.Needs, func(t int32) float64 { return -float64(s.leads[t]) }, out)
		return
	}
	k := int(as.skill)
	s.pl.Place(pt.Needs, func(t int32) float64 { return s.breakLoss(k, t) }, out)
}

// add puts agent a on pattern pi working skill k, with the best breaks
// (or the given ones), and returns the assignment index.
func (s *state) add(a int, pi int32, k int16, brk []int32) int32 {
	var idx int32
	if n := len(s.dead); n > 0 {
		idx = s.dead[n-1]
		s.dead = s.dead[:n-1]
	} else {
		s.asg = append(s.asg, assignment{})
		idx = int32(len(s.asg) - 1)
	}
	as := &s.asg[idx]
	pt := &s.p.Pats[pi]
	as.agent, as.pat, as.skill, as.alive = int32(a), pi, k, true
	as.brk = append(as.brk[:0], make([]int32, len(pt.Needs))...)
	s.presence(as, 1)
	if k >= 0 {
		for _, b := range pt.Blocks {
			for t := b.S; t < b.E; t++ {
				s.covInc(int(k), t)
			}
		}
	}
	if brk != nil {
		copy(as.brk, brk)
	} else {
		s.bestBreaks(as, as.brk)
	}
	if k >= 0 {
		for i, n := range pt.Needs {
			for t := as.brk[i]; t < as.brk[i]+n.Dur; t++ {
				s.covDec(int(k), t)
			}
		}
	}
	s.on[a][pt.Day] = idx
	s.onPat[a][pt.Day] = pi
	s.agentDelta(a, pt, 1)
	s.changedA = append(s.changedA, int32(a))
	s.journal = append(s.journal, jop{kind: jAdd, idx: idx})
	return idx
}

// remove takes an assignment off the roster.
func (s *state) remove(idx int32) {
	as := &s.asg[idx]
	pt := &s.p.Pats[as.pat]
	s.presence(as, -1)
	s.coverage(as, -1)
	s.on[as.agent][pt.Day] = -1
	s.onPat[as.agent][pt.Day] = -1
	s.agentDelta(int(as.agent), pt, -1)
	as.alive = false
	s.changedA = append(s.changedA, as.agent)
	s.journal = append(s.journal, jop{kind: jRemove, idx: idx})
}

// revive puts a removed assignment back exactly as it was.
func (s *state) revive(idx int32) {
	as := &s.asg[idx]
	pt := &s.p.Pats[as.pat]
	as.alive = true
	s.presence(as, 1)
	s.coverage(as, 1)
	s.on[as.agent][pt.Day] = idx
	s.onPat[as.agent][pt.Day] = as.pat
	s.agentDelta(int(as.agent), pt, 1)
}

// kill undoes an add.
func (s *state) kill(idx int32) {
	as := &s.asg[idx]
	pt := &s.p.Pats[as.pat]
	s.presence(as, -1)
	s.coverage(as, -1)
	s.on[as.agent][pt.Day] = -1
	s.onPat[as.agent][pt.Day] = -1
	s.agentDelta(int(as.agent), pt, -1)
	as.alive = false
	s.dead = append(s.dead, idx)
}

// setBreaks moves an assignment's breaks.
func (s *state) setBreaks(idx int32, brk []int32) {
	as := &s.asg[idx]
	old := append([]int32(nil), as.brk...)
	s.moveBreaks(as, brk)
	s.journal = append(s.journal, jop{kind: jBreaks, idx: idx, old: old})
}

func (s *state) moveBreaks(as *assignment, brk []int32) {
	pt := &s.p.Pats[as.pat]
	if as.skill >= 0 {
		k := int(as.skill)
		for i, n := range pt.Needs {
			for t := as.brk[i]; t < as.brk[i]+n.Dur; t++ {
				s.covInc(k, t)
			}
		}
		for i, n := range pt.Needs {
			for t := brk[i]; t < brk[i]+n.Dur; t++ {
				s.covDec(k, t)
			}
		}
	}
	copy(as.brk, brk)
}

// rebreak re-places an assignment's breaks at the least loss.
func (s *state) rebreak(idx int32) {
	as := &s.asg[idx]
	pt := &s.p.Pats[as.pat]
	if len(pt.Needs) == 0 {
		return
	}
	old := append([]int32(nil), as.brk...)
	if as.skill >= 0 {
		k := int(as.skill)
		for i, n := range pt.Needs {
			for t := as.brk[i]; t < as.brk[i]+n.Dur; t++ {
				s.covInc(k, t)
			}
		}
	}
	s.brkBuf = append(s.brkBuf[:0], make([]int32, len(pt.Needs))...)
	s.bestBreaks(as, s.brkBuf)
	copy(as.brk, s.brkBuf)
	if as.skill >= 0 {
		k := int(as.skill)
		for i, n := range pt.Needs {
			for t := as.brk[i]; t < as.brk[i]+n.Dur; t++ {
				s.covDec(k, t)
			}
		}
	}
	s.journal = append(s.journal, jop{kind: jBreaks, idx: idx, old: old})
}

// begin starts a move.
func (s *state) begin() {
	s.journal = s.journal[:0]
	s.changedA = s.changedA[:0]
}

// feasible checks the hard rules the last changes can have broken: the
// changed agents' own rules (the lead and veteran rules are priced, not
// checked).
func (s *state) feasible() bool {
	for _, j := range s.journal {
		if j.kind == jAdd {
			as := &s.asg[j.idx]
			if !s.p.Agents[as.agent].AvailableFor(&s.p.Pats[as.pat]) {
				return false
			}
		}
	}
	for _, a := range s.changedA {
		if !s.ck.check(int(a), s.onPat[a], false) {
			return false
		}
	}
	return true
}

// rollback undoes the journal of the current move.
func (s *state) rollback() { s.rollbackTo(0) }

// rollbackTo undoes the current move's changes after the first mark
// entries of its journal, keeping those.
func (s *state) rollbackTo(mark int) {
	for i := len(s.journal) - 1; i >= mark; i-- {
		j := s.journal[i]
		switch j.kind {
		case jAdd:
			s.kill(j.idx)
		case jRemove:
			s.revive(j.idx)
		case jBreaks:
			s.moveBreaks(&s.asg[j.idx], j.old)
		}
	}
	s.journal = s.journal[:mark]
}

// commit keeps the current move.
func (s *state) commit() {
	for _, j := range s.journal {
		if j.kind == jRemove && !s.asg[j.idx].alive {
			s.dead = append(s.dead, j.idx)
		}
	}
	s.journal = s.journal[:0]
}

// shiftCount is the number of assignments alive.
func (s *state) shiftCount() int { return len(s.asg) - len(s.dead) }
