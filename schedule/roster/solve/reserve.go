package solve

import (
	"sort"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// reserveSquad puts agents on call for every block. An agent on call must
// be able to work the block if called: available, off shift and off their
// other duties on call with the minimum rest on both sides (called in
// twice, they would work both), within their weekly hours with all their
// duties counted, and on call at most once a day. Being on call is not
// work, so days off and consecutive days do not count it. Veterans and
// regulars go first, then whoever has the fewest duties and hours.
func reserveSquad(s *state) []roster.ReserveDuty {
	p := s.p
	blocks := roster.ReserveBlocks(p.M, &p.G)
	if len(blocks) == 0 {
		return nil
	}
	na := len(p.Agents)
	duties := make([]int, na)
	dutyDay := make([]map[int]bool, na)
	dutySpans := make([][][2]int32, na) // the slots of each agent's duties
	dutyWeekMin := make([]int32, na*len(p.G.Weeks))
	restSlots := int32((p.MinRestMin + p.G.IvMin - 1) / p.G.IvMin)
	var out []roster.ReserveDuty
	type cand struct {
		a     int
		score float64
	}
	var cands []cand
	for _, b := range blocks {
		cands = cands[:0]
		w := p.G.WeekOf[b.Day]
		lenMin := int32((b.E - b.S) * p.G.IvMin)
		for a := range na {
			ai := &p.Agents[a]
			if len(ai.Skills) == 0 && !ai.CanLead {
				continue
			}
			if dutyDay[a][b.Day] || ai.Avail[b.E]-ai.Avail[b.S] != int32(b.E-b.S) || lenMin > ai.MaxDailyMin {
				continue
			}
			if s.weekMin[a*len(p.G.Weeks)+w]+dutyWeekMin[a*len(p.G.Weeks)+w]+lenMin > ai.MaxWeeklyMin {
				continue
			}
			clash := false
			for d := max(b.Day-2, 0); d <= min(b.Day+2, len(p.G.Dates)-1) && !clash; d++ {
				if i := s.on[a][d]; i >= 0 {
					pt := &p.Pats[s.asg[i].pat]
					clash = !(pt.End+restSlots <= int32(b.S) || int32(b.E)+restSlots <= pt.First)
				}
			}
			for _, d := range dutySpans[a] {
				clash = clash || !(d[1]+restSlots <= int32(b.S) || int32(b.E)+restSlots <= d[0])
			}
			if clash {
				continue
			}
			tierRank := 1.0
			if t := p.M.Agents[a].TierOrRegular(); t == roster.TierVeteran || t == roster.TierRegular {
				tierRank = 0
			}
			cands = append(cands, cand{a, tierRank*1000 + float64(duties[a])*10 + float64(s.workedMin[a])/60/ai.Fte})
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].score < cands[j].score })
		for i := 0; i < b.Count && i < len(cands); i++ {
			a := cands[i].a
			duties[a]++
			if dutyDay[a] == nil {
				dutyDay[a] = map[int]bool{}
			}
			dutyDay[a][b.Day] = true
			dutySpans[a] = append(dutySpans[a], [2]int32{int32(b.S), int32(b.E)})
			dutyWeekMin[a*len(p.G.Weeks)+w] += lenMin
			out = append(out, roster.ReserveDuty{AgentID: p.M.Agents[a].ID, Start: b.Start, End: b.End})
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
