package roster

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// problem is a Model compiled to slots: the candidate shifts of every
// day (stage "candidates") and which of them cover each interval (stage
// "coverage index"). The solver and the lower bound work on it; Evaluate
// does not, so that it checks rosters independently of this compilation.
type problem struct {
	m       *Model
	g       grid
	nSkills int
	skill   map[string]int
	req     [][]int32 // [skill][slot]
	upper   [][]int32
	peak    []bool
	night   []bool
	agents  []agentInfo
	pats    []pattern
	bySlot  [][]int32 // patterns whose blocks cover the slot
	byDay   [][]int32
	plain   map[plainKey]int32

	minRestMin   int
	leadN        int
	leadsOff     bool // leads do not cover (LeadRule.ExcludeFromCoverage)
	share        float64
	vetNeedOf    []int32 // veterans needed at a peak by agents on site
	maxConsec    int
	weeklyRestMn int
}

type span struct{ s, e int32 }

// pattern is one candidate shift: its day, template and blocks, the
// breaks it must take, and figures that do not depend on who works it.
type pattern struct {
	day, tmpl  int32
	blocks     []span
	first, end int32
	staffed    int32 // slots in blocks
	needs      []need
	workedMin  int32 // paid working minutes: blocks less unpaid breaks
	si, li     int16 // start and length index of a plain template; -1 for split
	nightSlots int32
	peakSlots  int32
	weekend    bool
}

type plainKey struct {
	day, tmpl int32
	si, li    int16
}

type agentInfo struct {
	skills       []int16
	avail        []int32 // prefix counts of available slots
	maxDailyMin  int32
	maxWeeklyMin int32
	minWeeklyMin int32
	costPerMin   float64
	canLead, vet bool
	// always: available in every slot (no windows, no days off), so
	// availableFor needs no look-up in avail
	always bool
	fte    float64 // weekly capacity / 40h, to compare hours fairly
}

func compile(m *Model) (*problem, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	p := &problem{m: m, g: newGrid(&m.Demand, m.Rules.WeekStart)}
	g := &p.g
	p.nSkills = len(m.Demand.Skills)
	p.skill = map[string]int{}
	for k, s := range m.Demand.Skills {
		p.skill[s.Skill] = k
		r := make([]int32, g.n)
		for t, x := range s.Required {
			r[t] = int32(x)
		}
		p.req = append(p.req, r)
		u := make([]int32, g.n)
		if s.Upper != nil {
			for t, x := range s.Upper {
				u[t] = int32(x)
			}
		} else {
			copy(u, r)
		}
		p.upper = append(p.upper, u)
	}
	p.peak = peakSlots(m, g)
	p.night = nightSlots(m, g)
	p.minRestMin = int(m.Rules.MinRest / time.Minute)
	p.weeklyRestMn = int(m.Rules.WeeklyRest / time.Minute)
	p.maxConsec = m.Rules.MaxConsecutiveDays
	p.leadN = m.Leads.PerAgents
	p.leadsOff = m.Leads.ExcludeFromCoverage && p.leadN > 0
	if m.Veterans.TopK > 0 || len(m.Veterans.Windows) > 0 {
		p.share = m.Veterans.Share
	}
	for i := range m.Agents {
		p.agents = append(p.agents, p.agentInfo(&m.Agents[i]))
	}
	p.vetNeedOf = make([]int32, len(m.Agents)+1)
	for n := range p.vetNeedOf {
		p.vetNeedOf[n] = int32(math.Ceil(p.share*float64(n) - 1e-9))
	}
	if err := p.candidates(); err != nil {
		return nil, err
	}
	p.bySlot = make([][]int32, g.n)
	p.byDay = make([][]int32, len(g.dates))
	for i := range p.pats {
		pt := &p.pats[i]
		p.byDay[pt.day] = append(p.byDay[pt.day], int32(i))
		for _, b := range pt.blocks {
			for t := b.s; t < b.e; t++ {
				p.bySlot[t] = append(p.bySlot[t], int32(i))
			}
		}
	}
	return p, nil
}

// vetNeed is the veterans a peak interval with present agents on site
// needs: ceil(Share × present).
func (p *problem) vetNeed(present int32) int32 {
	if int(present) < len(p.vetNeedOf) {
		return p.vetNeedOf[present]
	}
	return int32(math.Ceil(p.share*float64(present) - 1e-9))
}

func capMin(own, rule time.Duration) int32 {
	c := int64(math.MaxInt32)
	if own > 0 {
		c = int64(own / time.Minute)
	}
	if rule > 0 {
		c = min(c, int64(rule/time.Minute))
	}
	return int32(c)
}

func (p *problem) agentInfo(a *Agent) agentInfo {
	r := &p.m.Rules
	ai := agentInfo{
		maxDailyMin:  capMin(a.MaxDaily, r.MaxDaily),
		maxWeeklyMin: capMin(a.MaxWeekly, r.MaxWeekly),
		minWeeklyMin: int32(a.MinWeekly / time.Minute),
		costPerMin:   a.HourlyCost / 60,
		canLead:      a.CanLead,
		vet:          a.IsVeteran(),
	}
	for _, s := range a.Skills {
		if k, ok := p.skill[s]; ok {
			ai.skills = append(ai.skills, int16(k))
		}
	}
	week := 40.0 * 60
	if ai.maxWeeklyMin < math.MaxInt32 {
		week = float64(ai.maxWeeklyMin)
	}
	ai.fte = max(week/(40*60), 0.05)
	av := availableSlots(a, &p.g)
	ai.avail = make([]int32, len(av)+1)
	for t, ok := range av {
		ai.avail[t+1] = ai.avail[t]
		if ok {
			ai.avail[t+1]++
		}
	}
	ai.always = int(ai.avail[len(av)]) == len(av)
	return ai
}

// availableFor reports whether the agent can work every block of pattern.
func (ai *agentInfo) availableFor(pt *pattern) bool {
	if ai.always {
		return true
	}
	for _, b := range pt.blocks {
		if ai.avail[b.e]-ai.avail[b.s] != b.e-b.s {
			return false
		}
	}
	return true
}

func (ai *agentInfo) hasSkill(k int) bool {
	for _, s := range ai.skills {
		if int(s) == k {
			return true
		}
	}
	return false
}

// candidates generates every shift the templates allow on every day
// (stage "candidates"). A shift belongs to the day it starts on.
func (p *problem) candidates() error {
	m, g := p.m, &p.g
	seen := map[string]bool{}
	key := make([]byte, 0, 32)
	blockRest := int32(m.Rules.MinBlockRest / g.iv)
	if m.Rules.MinBlockRest%g.iv != 0 {
		blockRest++
	}
	p.plain = map[plainKey]int32{}
	slots := 0
	for d, date := range g.dates {
		for ti := range m.Templates {
			t := &m.Templates[ti]
			if !t.appliesOn(date) {
				continue
			}
			add := func(blocks []span, si, li int16) error {
				key = key[:0]
				for _, b := range blocks {
					key = append(key, byte(b.s), byte(b.s>>8), byte(b.s>>16), byte(b.e), byte(b.e>>8), byte(b.e>>16))
				}
				if seen[string(key)] {
					return nil
				}
				seen[string(key)] = true
				pt, ok := p.newPattern(int32(d), int32(ti), blocks)
				if !ok {
					return verr("template", ti, t.Name, "breaks", "a shift on %s cannot hold its breaks", date)
				}
				pt.si, pt.li = si, li
				slots += int(pt.staffed)
				if slots > maxPatternSlots {
					return verr("template", ti, t.Name, "", "the templates' shifts cover more than %d intervals in all; narrow the start windows or lengths", maxPatternSlots)
				}
				if si >= 0 {
					p.plain[plainKey{int32(d), int32(ti), si, li}] = int32(len(p.pats))
				}
				p.pats = append(p.pats, pt)
				if len(p.pats) > maxPatterns {
					return verr("template", ti, t.Name, "", "the templates allow more than %d shifts over the horizon; narrow the start windows or lengths", maxPatterns)
				}
				return nil
			}
			if !t.IsSplit() {
				last := int(t.LatestStart)
				if t.LatestStart < t.EarliestStart {
					last += 24 * 60
				}
				stepMin := int(t.Step / time.Minute)
				for si, c := 0, int(t.EarliestStart); c <= last; si, c = si+1, c+stepMin {
					s, ok := g.slotOf(date.At(civil.Clock(c), g.loc))
					if !ok || s >= g.n {
						continue
					}
					for li, l := 0, t.MinLength; l <= t.MaxLength; li, l = li+1, l+t.Step {
						e := s + int(l/g.iv)
						if e > g.n {
							break
						}
						if err := add([]span{{int32(s), int32(e)}}, int16(si), int16(li)); err != nil {
							return err
						}
					}
				}
				continue
			}
			var blocks []span
			for _, b := range t.Blocks {
				s, ok1 := g.slotOf(date.At(b.From, g.loc))
				e, ok2 := g.slotOf(date.At(civil.Clock(b.end()), g.loc))
				if !ok1 || !ok2 || s >= g.n || e <= s {
					blocks = append(blocks, span{-1, -1})
					continue
				}
				blocks = append(blocks, span{int32(s), int32(e)})
			}
			rest := max(blockRest, int32(t.MinBlockRest/g.iv))
			if t.MinBlockRest%g.iv != 0 {
				rest = max(rest, int32(t.MinBlockRest/g.iv)+1)
			}
			var chosen []span
			var rec func(from int) error
			rec = func(from int) error {
				if len(chosen) >= t.MinBlocks {
					if err := add(append([]span(nil), chosen...), -1, -1); err != nil {
						return err
					}
				}
				if len(chosen) == t.MaxBlocks {
					return nil
				}
				for j := from; j < len(blocks); j++ {
					b := blocks[j]
					if b.s < 0 || (len(chosen) > 0 && b.s-chosen[len(chosen)-1].e < rest) {
						continue
					}
					chosen = append(chosen, b)
					if err := rec(j + 1); err != nil {
						return err
					}
					chosen = chosen[:len(chosen)-1]
				}
				return nil
			}
			if err := rec(0); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *problem) newPattern(day, tmpl int32, blocks []span) (pattern, bool) {
	pt := pattern{day: day, tmpl: tmpl, blocks: blocks, first: blocks[0].s, end: blocks[len(blocks)-1].e}
	unpaid := int32(0)
	for bi, b := range blocks {
		pt.staffed += b.e - b.s
		needs, ok := blockNeeds(p.m.Breaks, p.g.ivMin, bi, b.s, b.e)
		if !ok {
			return pt, false
		}
		for _, n := range needs {
			if !n.paid {
				unpaid += n.dur
			}
		}
		pt.needs = append(pt.needs, needs...)
		for t := b.s; t < b.e; t++ {
			if p.night[t] {
				pt.nightSlots++
			}
			if p.peak[t] {
				pt.peakSlots++
			}
		}
	}
	pt.workedMin = (pt.staffed - unpaid) * int32(p.g.ivMin)
	wd := p.g.dates[day].Weekday()
	pt.weekend = wd == time.Saturday || wd == time.Sunday
	return pt, true
}
