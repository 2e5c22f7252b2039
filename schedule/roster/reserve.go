package roster

import (
	"sort"
)

// reserveSquad puts agents on call for every block. An agent on call must
// be able to work the block if called: available, off shift with the
// minimum rest on both sides, within their weekly hours with all their
// duties counted, and on call at most once a day. Being on call is not
// work, so days off and consecutive days do not count it. Veterans and
// regulars go first, then whoever has the fewest duties and hours.
func reserveSquad(s *state) []ReserveDuty {
	p := s.p
	blocks := reserveBlocks(p.m, &p.g)
	if len(blocks) == 0 {
		return nil
	}
	na := len(p.agents)
	duties := make([]int, na)
	dutyDay := make([]map[int]bool, na)
	dutyWeekMin := make([]int32, na*len(p.g.weeks))
	restSlots := int32((p.minRestMin + p.g.ivMin - 1) / p.g.ivMin)
	var out []ReserveDuty
	type cand struct {
		a     int
		score float64
	}
	var cands []cand
	for _, b := range blocks {
		cands = cands[:0]
		w := p.g.weekOf[b.day]
		lenMin := int32((b.e - b.s) * p.g.ivMin)
		for a := range na {
			ai := &p.agents[a]
			if len(ai.skills) == 0 && !ai.canLead {
				continue
			}
			if dutyDay[a][b.day] || ai.avail[b.e]-ai.avail[b.s] != int32(b.e-b.s) || lenMin > ai.maxDailyMin {
				continue
			}
			if s.weekMin[a*len(p.g.weeks)+w]+dutyWeekMin[a*len(p.g.weeks)+w]+lenMin > ai.maxWeeklyMin {
				continue
			}
			clash := false
			for d := max(b.day-2, 0); d <= min(b.day+2, len(p.g.dates)-1) && !clash; d++ {
				if i := s.on[a][d]; i >= 0 {
					pt := &p.pats[s.asg[i].pat]
					clash = !(pt.end+restSlots <= int32(b.s) || int32(b.e)+restSlots <= pt.first)
				}
			}
			if clash {
				continue
			}
			tierRank := 1.0
			if t := p.m.Agents[a].tier(); t == TierVeteran || t == TierRegular {
				tierRank = 0
			}
			cands = append(cands, cand{a, tierRank*1000 + float64(duties[a])*10 + float64(s.workedMin[a])/60/ai.fte})
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].score < cands[j].score })
		for i := 0; i < b.count && i < len(cands); i++ {
			a := cands[i].a
			duties[a]++
			if dutyDay[a] == nil {
				dutyDay[a] = map[int]bool{}
			}
			dutyDay[a][b.day] = true
			dutyWeekMin[a*len(p.g.weeks)+w] += lenMin
			out = append(out, ReserveDuty{p.m.Agents[a].ID, b.start, b.end})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].AgentID < out[j].AgentID
	})
	return out
}
