package roster

import (
	"time"
)

// load puts the shifts of roster r into an empty state: a warm start from
// an earlier roster, or a roster saved during the solve put back. A shift
// is kept when its agent is in the model, works a skill the agent has (or
// lead duty, when leads are off the queue), matches a candidate shift of
// this model (same blocks) and keeps the agent's rules with the shifts
// kept before it; its breaks are kept when they are the pattern's, else
// placed anew. Shifts are taken in the roster's order, so an agent's first
// shifts win. It returns how many shifts were kept and left out.
func (s *state) load(r *Roster) (kept, dropped int) {
	p := s.p
	g := &p.g
	agentIdx := make(map[string]int, len(p.m.Agents))
	for i, a := range p.m.Agents {
		agentIdx[a.ID] = i
	}
	byKey := make(map[string]int32, len(p.pats))
	for i := range p.pats {
		byKey[blocksKey(p.pats[i].blocks)] = int32(i)
	}
	var blocks []span
	for si := range r.Shifts {
		sh := &r.Shifts[si]
		a, ok := agentIdx[sh.AgentID]
		if !ok {
			dropped++
			continue
		}
		k := int16(-1)
		if sh.Skill != "" {
			kk, ok := p.skill[sh.Skill]
			if !ok || !p.agents[a].hasSkill(kk) {
				dropped++
				continue
			}
			k = int16(kk)
		} else if !p.leadsOff || !p.agents[a].canLead {
			dropped++
			continue
		}
		blocks = blocks[:0]
		onGrid := true
		for _, b := range sh.Blocks {
			bs, ok1 := g.slotOf(b.Start)
			be, ok2 := g.slotOf(b.End)
			if !ok1 || !ok2 {
				onGrid = false
				break
			}
			blocks = append(blocks, span{int32(bs), int32(be)})
		}
		pi, ok := byKey[blocksKey(blocks)]
		if !onGrid || !ok {
			dropped++
			continue
		}
		pt := &p.pats[pi]
		if s.on[a][pt.day] >= 0 || !p.agents[a].availableFor(pt) {
			dropped++
			continue
		}
		s.begin()
		s.add(a, pi, k, s.matchBreaks(pt, sh.Breaks))
		if !s.ck.check(a, s.onPat[a], false) {
			s.rollback()
			dropped++
			continue
		}
		s.commit()
		kept++
	}
	s.resync()
	return kept, dropped
}

// blocksKey identifies a candidate shift by its blocks' slots.
func blocksKey(blocks []span) string {
	key := make([]byte, 0, 8*len(blocks))
	for _, b := range blocks {
		key = append(key, byte(b.s), byte(b.s>>8), byte(b.s>>16), byte(b.s>>24), byte(b.e), byte(b.e>>8), byte(b.e>>16), byte(b.e>>24))
	}
	return string(key)
}

// matchBreaks maps a shift's breaks onto the pattern's needs: each need
// takes a break of its rule starting inside its window; nil when one is
// missing or two overlap (the caller then places them anew).
func (s *state) matchBreaks(pt *pattern, brs []Break) []int32 {
	if len(pt.needs) == 0 {
		return nil
	}
	p := s.p
	out := make([]int32, len(pt.needs))
	used := make([]bool, len(brs))
	for i, n := range pt.needs {
		found := false
		for j, br := range brs {
			if used[j] || br.Rule != p.m.Breaks[n.rule].Name {
				continue
			}
			t, ok := p.g.slotOf(br.Start)
			if !ok || int32(t) < n.lo || int32(t) > n.hi || br.End.Sub(br.Start) != time.Duration(n.dur)*p.g.iv {
				continue
			}
			out[i], used[j], found = int32(t), true, true
			break
		}
		if !found {
			return nil
		}
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[i] < out[j]+pt.needs[j].dur && out[j] < out[i]+pt.needs[i].dur {
				return nil
			}
		}
	}
	return out
}

// snapshot is a roster kept during a solve with what ranks it.
type snapshot struct {
	roster     Roster
	shortSlots int64
	objective  float64
}

func (s *state) snapshot() snapshot {
	s.resync()
	return snapshot{roster: s.roster(), shortSlots: s.shortSlots, objective: s.objective()}
}

// beats reports whether snapshot b is better than the state: less
// shortfall, or the same shortfall at a lower objective. Ranking by
// shortfall first is what makes more resources never worse: a warm start
// kept as it is has the shortfall it had.
func (b snapshot) beats(s *state) bool {
	if s.shortSlots != b.shortSlots {
		return b.shortSlots < s.shortSlots
	}
	return b.objective < s.objective()-1e-9
}
