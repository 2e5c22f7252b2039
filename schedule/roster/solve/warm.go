package solve

import (
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
)

// load puts the shifts of roster r into an empty state: a warm start from
// an earlier roster, or a roster saved during the solve put back. A shift
// is kept when its agent is in the model, works a skill the agent has (or
// lead duty, when leads are off the queue), matches a candidate shift of
// this model (same blocks) and keeps the agent's rules with the shifts
// kept before it; its breaks are kept when they are the pattern's, else
// placed anew. Shifts are taken in the roster's order, so an agent's first
// shifts win. It returns how many shifts were kept and left out.
func (s *state) load(r *roster.Roster) (kept, dropped int) {
	p := s.p
	g := &p.G
	agentIdx := make(map[string]int, len(p.M.Agents))
	for i, a := range p.M.Agents {
		agentIdx[a.ID] = i
	}
	byKey := make(map[string]int32, len(p.Pats))
	for i := range p.Pats {
		byKey[blocksKey(p.Pats[i].Blocks)] = int32(i)
	}
	var blocks []compiled.Span
	for si := range r.Shifts {
		sh := &r.Shifts[si]
		a, ok := agentIdx[sh.AgentID]
		if !ok {
			dropped++
			continue
		}
		k := int16(-1)
		if sh.Skill != "" {
			kk, ok := p.Skill[sh.Skill]
			if !ok || !p.Agents[a].HasSkill(kk) {
				dropped++
				continue
			}
			k = int16(kk)
		} else if !p.LeadsOff || !p.Agents[a].CanLead {
			dropped++
			continue
		}
		blocks = blocks[:0]
		onGrid := true
		for _, b := range sh.Blocks {
			bs, ok1 := g.SlotOf(b.Start)
			be, ok2 := g.SlotOf(b.End)
			if !ok1 || !ok2 {
				onGrid = false
				break
			}
			blocks = append(blocks, compiled.Span{S: int32(bs), E: int32(be)})
		}
		pi, ok := byKey[blocksKey(blocks)]
		if !onGrid || !ok {
			dropped++
			continue
		}
		pt := &p.Pats[pi]
		if s.on[a][pt.Day] >= 0 || !p.Agents[a].AvailableFor(pt) {
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
func blocksKey(blocks []compiled.Span) string {
	key := make([]byte, 0, 8*len(blocks))
	for _, b := range blocks {
		key = append(key, byte(b.S), byte(b.S>>8), byte(b.S>>16), byte(b.S>>24), byte(b.E), byte(b.E>>8), byte(b.E>>16), byte(b.E>>24))
	}
	return string(key)
}

// matchBreaks maps a shift's breaks onto the pattern's needs: each need
// takes a break of its rule starting inside its window; nil when one is
// missing or two overlap (the caller then places them anew).
func (s *state) matchBreaks(pt *compiled.Pattern, brs []roster.Break) []int32 {
	if len(pt.Needs) == 0 {
		return nil
	}
	p := s.p
	out := make([]int32, len(pt.Needs))
	used := make([]bool, len(brs))
	for i, n := range pt.Needs {
		found := false
		for j, br := range brs {
			if used[j] || br.Rule != p.M.Breaks[n.Rule].Name {
				continue
			}
			t, ok := p.G.SlotOf(br.Start)
			if !ok || int32(t) < n.Lo || int32(t) > n.Hi || br.End.Sub(br.Start) != time.Duration(n.Dur)*p.G.Iv {
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
			if out[i] < out[j]+pt.Needs[j].Dur && out[j] < out[i]+pt.Needs[i].Dur {
				return nil
			}
		}
	}
	return out
}

// snapshot is a roster kept during a solve with what ranks it.
type snapshot struct {
	roster     roster.Roster
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
