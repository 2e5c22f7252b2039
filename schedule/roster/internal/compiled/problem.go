// Package compiled is a roster.Model compiled to slots: the candidate
// shifts of every day and which of them cover each interval, the problem
// that both the solver (package solve) and the bounds (package bound)
// work on. roster.Evaluate does not use it, so that it checks rosters
// independently of this compilation.
package compiled

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/grid"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/place"
)

// Problem is a Model compiled to slots: the candidate shifts of every
// day (stage "candidates") and which of them cover each interval (stage
// "coverage index"). The solver and the lower bound work on it; Evaluate
// does not, so that it checks rosters independently of this compilation.
type Problem struct {
	M       *roster.Model
	G       grid.Grid
	NSkills int
	Skill   map[string]int
	Req     [][]int32 // [skill][slot]
	upper   [][]int32
	Peak    []bool
	night   []bool
	Agents  []AgentInfo
	Pats    []Pattern
	BySlot  [][]int32 // patterns whose blocks cover the slot
	ByDay   [][]int32
	Plain   map[PlainKey]int32

	MinRestMin   int
	LeadN        int
	LeadsOff     bool // leads do not cover (LeadRule.ExcludeFromCoverage)
	Share        float64
	vetNeedOf    []int32 // veterans needed at a peak by agents on site
	MaxConsec    int
	WeeklyRestMn int
}

type Span struct{ S, E int32 }

// Pattern is one candidate shift: its day, template and blocks, the
// breaks it must take, and figures that do not depend on who works it.
type Pattern struct {
	Day, Tmpl  int32
	Blocks     []Span
	First, End int32
	Staffed    int32 // slots in blocks
	Needs      []place.Need
	WorkedMin  int32 // paid working minutes: blocks less unpaid breaks
	Si, Li     int16 // start and length index of a plain template; -1 for split
	NightSlots int32
	PeakSlots  int32
	Weekend    bool
}

type PlainKey struct {
	Day, Tmpl int32
	Si, Li    int16
}

type AgentInfo struct {
	Skills       []int16
	Avail        []int32 // prefix counts of available slots
	MaxDailyMin  int32
	MaxWeeklyMin int32
	MinWeeklyMin int32
	CostPerMin   float64
	CanLead, Vet bool
	// Always: available in every slot (no windows, no days off), so
	// availableFor needs no look-up in avail
	Always bool
	Fte    float64 // weekly capacity / 40h, to compare hours fairly
}

func Compile(m *roster.Model) (*Problem, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	p := &Problem{M: m, G: grid.New(m.Demand.Start, m.Demand.Interval, m.Demand.Intervals(), m.Rules.WeekStart)}
	g := &p.G
	p.NSkills = len(m.Demand.Skills)
	p.Skill = map[string]int{}
	for k, s := range m.Demand.Skills {
		p.Skill[s.Skill] = k
		r := make([]int32, g.N)
		for t, x := range s.Required {
			r[t] = int32(x)
		}
		p.Req = append(p.Req, r)
		u := make([]int32, g.N)
		if s.Upper != nil {
			for t, x := range s.Upper {
				u[t] = int32(x)
			}
		} else {
			copy(u, r)
		}
		p.upper = append(p.upper, u)
	}
	p.Peak = roster.PeakSlots(m, g)
	p.night = roster.NightSlots(m, g)
	p.MinRestMin = int(m.Rules.MinRest / time.Minute)
	p.WeeklyRestMn = int(m.Rules.WeeklyRest / time.Minute)
	p.MaxConsec = m.Rules.MaxConsecutiveDays
	p.LeadN = m.Leads.PerAgents
	p.LeadsOff = m.Leads.ExcludeFromCoverage && p.LeadN > 0
	if m.Veterans.TopK > 0 || len(m.Veterans.Windows) > 0 {
		p.Share = m.Veterans.Share
	}
	for i := range m.Agents {
		p.Agents = append(p.Agents, p.agentInfo(&m.Agents[i]))
	}
	p.vetNeedOf = make([]int32, len(m.Agents)+1)
	for n := range p.vetNeedOf {
		p.vetNeedOf[n] = int32(math.Ceil(p.Share*float64(n) - 1e-9))
	}
	if err := p.candidates(); err != nil {
		return nil, err
	}
	p.BySlot = make([][]int32, g.N)
	p.ByDay = make([][]int32, len(g.Dates))
	for i := range p.Pats {
		pt := &p.Pats[i]
		p.ByDay[pt.Day] = append(p.ByDay[pt.Day], int32(i))
		for _, b := range pt.Blocks {
			for t := b.S; t < b.E; t++ {
				p.BySlot[t] = append(p.BySlot[t], int32(i))
			}
		}
	}
	return p, nil
}

// VetNeed is the veterans a peak interval with present agents on site
// needs: ceil(Share × present).
func (p *Problem) VetNeed(present int32) int32 {
	if int(present) < len(p.vetNeedOf) {
		return p.vetNeedOf[present]
	}
	return int32(math.Ceil(p.Share*float64(present) - 1e-9))
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

func (p *Problem) agentInfo(a *roster.Agent) AgentInfo {
	r := &p.M.Rules
	ai := AgentInfo{
		MaxDailyMin:  capMin(a.MaxDaily, r.MaxDaily),
		MaxWeeklyMin: capMin(a.MaxWeekly, r.MaxWeekly),
		MinWeeklyMin: int32(a.MinWeekly / time.Minute),
		CostPerMin:   a.HourlyCost / 60,
		CanLead:      a.CanLead,
		Vet:          a.IsVeteran(),
	}
	for _, s := range a.Skills {
		if k, ok := p.Skill[s]; ok {
			ai.Skills = append(ai.Skills, int16(k))
		}
	}
	week := 40.0 * 60
	if ai.MaxWeeklyMin < math.MaxInt32 {
		week = float64(ai.MaxWeeklyMin)
	}
	ai.Fte = max(week/(40*60), 0.05)
	av := roster.AvailableSlots(a, &p.G)
	ai.Avail = make([]int32, len(av)+1)
	for t, ok := range av {
		ai.Avail[t+1] = ai.Avail[t]
		if ok {
			ai.Avail[t+1]++
		}
	}
	ai.Always = int(ai.Avail[len(av)]) == len(av)
	return ai
}

// AvailableFor reports whether the agent can work every block of pattern.
func (ai *AgentInfo) AvailableFor(pt *Pattern) bool {
	if ai.Always {
		return true
	}
	for _, b := range pt.Blocks {
		if ai.Avail[b.E]-ai.Avail[b.S] != b.E-b.S {
			return false
		}
	}
	return true
}

func (ai *AgentInfo) HasSkill(k int) bool {
	for _, s := range ai.Skills {
		if int(s) == k {
			return true
		}
	}
	return false
}

// candidates generates every shift the templates allow on every day
// (stage "candidates"). A shift belongs to the day it starts on.
func (p *Problem) candidates() error {
	m, g := p.M, &p.G
	seen := map[string]bool{}
	key := make([]byte, 0, 32)
	blockRest := int32(m.Rules.MinBlockRest / g.Iv)
	if m.Rules.MinBlockRest%g.Iv != 0 {
		blockRest++
	}
	p.Plain = map[PlainKey]int32{}
	slots := 0
	for d, date := range g.Dates {
		for ti := range m.Templates {
			t := &m.Templates[ti]
			if !t.AppliesOn(date) {
				continue
			}
			add := func(blocks []Span, si, li int16) error {
				key = key[:0]
				for _, b := range blocks {
					key = append(key, byte(b.S), byte(b.S>>8), byte(b.S>>16), byte(b.E), byte(b.E>>8), byte(b.E>>16))
				}
				if seen[string(key)] {
					return nil
				}
				seen[string(key)] = true
				pt, ok := p.newPattern(int32(d), int32(ti), blocks)
				if !ok {
					return roster.ValidationErrorf("template", ti, t.Name, "breaks", "a shift on %s cannot hold its breaks", date)
				}
				pt.Si, pt.Li = si, li
				slots += int(pt.Staffed)
				if slots > roster.MaxPatternSlots {
					return roster.ValidationErrorf("template", ti, t.Name, "", "the templates' shifts cover more than %d intervals in all; narrow the start windows or lengths", roster.MaxPatternSlots)
				}
				if si >= 0 {
					p.Plain[PlainKey{int32(d), int32(ti), si, li}] = int32(len(p.Pats))
				}
				p.Pats = append(p.Pats, pt)
				if len(p.Pats) > roster.MaxPatterns {
					return roster.ValidationErrorf("template", ti, t.Name, "", "the templates allow more than %d shifts over the horizon; narrow the start windows or lengths", roster.MaxPatterns)
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
					s, ok := g.SlotOf(date.At(civil.Clock(c), g.Loc))
					if !ok || s >= g.N {
						continue
					}
					for li, l := 0, t.MinLength; l <= t.MaxLength; li, l = li+1, l+t.Step {
						e := s + int(l/g.Iv)
						if e > g.N {
							break
						}
						if err := add([]Span{{int32(s), int32(e)}}, int16(si), int16(li)); err != nil {
							return err
						}
					}
				}
				continue
			}
			var blocks []Span
			for _, b := range t.Blocks {
				s, ok1 := g.SlotOf(date.At(b.From, g.Loc))
				e, ok2 := g.SlotOf(date.At(civil.Clock(b.End()), g.Loc))
				if !ok1 || !ok2 || s >= g.N || e <= s {
					blocks = append(blocks, Span{-1, -1})
					continue
				}
				blocks = append(blocks, Span{int32(s), int32(e)})
			}
			rest := max(blockRest, int32(t.MinBlockRest/g.Iv))
			if t.MinBlockRest%g.Iv != 0 {
				rest = max(rest, int32(t.MinBlockRest/g.Iv)+1)
			}
			var chosen []Span
			var rec func(from int) error
			rec = func(from int) error {
				if len(chosen) >= t.MinBlocks {
					if err := add(append([]Span(nil), chosen...), -1, -1); err != nil {
						return err
					}
				}
				if len(chosen) == t.MaxBlocks {
					return nil
				}
				for j := from; j < len(blocks); j++ {
					b := blocks[j]
					if b.S < 0 || (len(chosen) > 0 && b.S-chosen[len(chosen)-1].E < rest) {
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

func (p *Problem) newPattern(day, tmpl int32, blocks []Span) (Pattern, bool) {
	pt := Pattern{Day: day, Tmpl: tmpl, Blocks: blocks, First: blocks[0].S, End: blocks[len(blocks)-1].E}
	unpaid := int32(0)
	for bi, b := range blocks {
		pt.Staffed += b.E - b.S
		needs, ok := roster.BlockNeeds(p.M.Breaks, p.G.IvMin, bi, b.S, b.E)
		if !ok {
			return pt, false
		}
		for _, n := range needs {
			if !n.Paid {
				unpaid += n.Dur
			}
		}
		pt.Needs = append(pt.Needs, needs...)
		for t := b.S; t < b.E; t++ {
			if p.night[t] {
				pt.NightSlots++
			}
			if p.Peak[t] {
				pt.PeakSlots++
			}
		}
	}
	pt.WorkedMin = (pt.Staffed - unpaid) * int32(p.G.IvMin)
	wd := p.G.Dates[day].Weekday()
	pt.Weekend = wd == time.Saturday || wd == time.Sunday
	return pt, true
}
