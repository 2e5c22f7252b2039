package solve

import (
	"context"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// maxFinalPasses bounds the final passes of one search; each pass but
// the last adds shifts, so this is reached only by a roster that keeps
// improving, which then counts as not converged.
const maxFinalPasses = 50

// converge runs the final passes of a search whose descent stalled: a
// pass over the short stretches and rule gaps (repairPass), the breaks
// re-placed after every pass that added a shift, until a pass adds none
// (StopConverged). The time limit or the context can end it first.
func (s *state) converge(ctx context.Context, deadline time.Time) (Stop, int) {
	stop := func() Stop {
		switch {
		case ctx.Err() != nil:
			return StopInterrupted
		case !deadline.IsZero() && !time.Now().Before(deadline):
			return StopTimeLimit
		}
		return stalled
	}
	added := 0
	for range maxFinalPasses {
		n, end := s.repairPass(stop)
		added += n
		if end != stalled {
			return end, added
		}
		if n == 0 {
			return StopConverged, added
		}
		placeAllBreaks(s)
		s.resync()
	}
	return StopMoveLimit, added
}

// repairPass tries, for every stretch where a skill is short and every
// rule gap (cut as Explain cuts them), every agent of the stretch's pool
// who is free to take a shift there (the first such shift, as Explain
// finds it: tryAgent), and adds that shift when it lowers the objective;
// failing that, for an agent whom only the weekly hours keep off the
// stretch, a shift there with their other shifts of that week shortened
// to fit (addShortening). So a converged roster leaves no stretch that
// Explain would call CauseSearch. It returns the shifts added, and
// stalled or why it was cut short.
func (s *state) repairPass(stop func() Stop) (int, Stop) {
	p := s.p
	g := &p.G
	on := make([]int32, len(g.Dates))
	added := 0
	short := make([]int, g.N)
	for k := range p.NSkills {
		for t := range g.N {
			short[t] = max(0, int(p.Req[k][t]-s.cov[k][t]))
		}
		var runs [][2]int32
		shortRuns(p, short, func(a, b int, reach bool) {
			if reach {
				runs = append(runs, [2]int32{int32(a), int32(b)})
			}
		})

		skill := []int16{int16(k)}
		for _, r := range runs {
			if end := stop(); end != stalled {
				return added, end
			}
			reach := reachOf(p, r[0], r[1])
			for a := range p.Agents {
				if !p.Agents[a].HasSkill(k) {
					continue
				}
				if tr := s.tryAgent(a, reach, r[0], r[1], on); tr.free && s.addIfBetter(a, tr.pat, skill) || s.addShortening(a, reach, skill, on) {
					added++
				}
			}
		}
	}
	leadMissing, vetMissing := make([]int, g.N), make([]int, g.N)
	for t := range int32(g.N) {
		if p.LeadN > 0 {
			leadMissing[t] = int(s.leadShort(t))
		}
		if p.Share > 0 && p.Peak[t] {
			vetMissing[t] = int(s.vetShort(t))
		}
	}
	gaps := append(roster.RuleGaps("leads", leadMissing, g), roster.RuleGaps("veterans", vetMissing, g)...)
	for _, rg := range gaps {
		if end := stop(); end != stalled {
			return added, end
		}
		a, ok1 := g.SlotOf(rg.Start)
		b, ok2 := g.SlotOf(rg.End)
		if !ok1 || !ok2 {
			continue
		}
		reach := reachOf(p, int32(a), int32(b))
		for ai := range p.Agents {
			info := &p.Agents[ai]
			if (rg.Rule == "leads" && !info.CanLead) || (rg.Rule == "veterans" && !info.Vet) {
				continue
			}
			tr := s.tryAgent(ai, reach, int32(a), int32(b), on)
			skills := info.Skills
			if p.LeadsOff && info.CanLead {
				skills = append([]int16{-1}, skills...) // lead duty, off the queue
			}
			if tr.free && s.addIfBetter(ai, tr.pat, skills) || s.addShortening(ai, reach, skills, on) {
				added++
			}
		}
	}
	return added, stalled
}

// addIfBetter adds agent a on pattern pi working the one of skills (-1:
// lead duty) that lowers the objective most, if any does and every rule
// holds.
func (s *state) addIfBetter(a int, pi int32, skills []int16) bool {
	before := s.objective()
	best, bestK := before-1e-9, int16(-2)
	for _, k := range skills {
		s.begin()
		s.add(a, pi, k, nil)
		if s.feasible() {
			if obj := s.objective(); obj < best {
				best, bestK = obj, k
			}
		}
		s.rollback()
	}
	if bestK == -2 {
		return false
	}
	s.begin()
	s.add(a, pi, bestK, nil)
	s.commit()
	return true
}
