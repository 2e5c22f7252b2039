package solve

import (
	"math"
	"sort"

	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
)

// maxShortenSteps bounds the template steps addShortening takes off an
// agent's week: a week of 7 shifts, each a few steps above its minimum.
const maxShortenSteps = 24

// maxShortenTries is how many of the shifts that pay on their own
// addShortening completes by shortening the week: the best few, so that a
// pass over a large team with many short stretches costs about what
// tryAgent's look at every shift in reach costs.
const maxShortenTries = 3

// addShortening is the final passes' compound move for an agent whom
// only the weekly hours keep off a stretch: a shift of reach on a free
// day, and the agent's other shifts of that week shortened a template
// step at a time (at the start or the end, never below the template's
// shortest), the cheapest step first, until the week fits. Kept when it
// lowers the objective and every rule holds: four 9-hour shifts then
// become five of 8.5 hours where the fifth closes more shortfall than the
// four lose. A single move cannot find this, since shortening a shift
// alone raises the objective. The shifts of reach and skills that lower
// the objective on their own (the weekly hours aside) are tried, the
// maxShortenTries best, and the one that lowers it most once the week
// fits is kept; on is scratch of one entry per day. Deterministic: no
// randomness, ties go to the first tried.
func (s *state) addShortening(a int, reach []int32, skills []int16, on []int32) bool {
	p := s.p
	info := &p.Agents[a]
	before := s.objective()
	type try struct {
		pi    int32
		k     int16
		delta float64
	}
	var tries []try
	for _, pi := range reach {
		pt := &p.Pats[pi]
		if s.onPat[a][pt.Day] >= 0 || !info.AvailableFor(pt) {
			continue
		}
		copy(on, s.onPat[a])
		on[pt.Day] = pi
		if s.ck.broken(a, on, false) != "max_weekly" {
			continue // free already, or kept off by another rule
		}
		for _, k := range skills {
			s.begin()
			s.add(a, pi, k, nil)
			if d := s.objective() - before; d < -1e-9 {
				tries = append(tries, try{pi, k, d})
			}
			s.rollback()
		}
	}
	sort.SliceStable(tries, func(i, j int) bool { return tries[i].delta < tries[j].delta })
	best, bestPi, bestK := before-1e-9, int32(-1), int16(-2)
	for _, tr := range tries[:min(len(tries), maxShortenTries)] {
		s.begin()
		s.add(a, tr.pi, tr.k, nil)
		if s.shortenWeek(a, p.Pats[tr.pi].Day) && s.feasible() {
			if obj := s.objective(); obj < best {
				best, bestPi, bestK = obj, tr.pi, tr.k
			}
		}
		s.rollback()
	}
	if bestPi < 0 {
		return false
	}
	s.begin()
	s.add(a, bestPi, bestK, nil)
	s.shortenWeek(a, p.Pats[bestPi].Day)
	s.commit()
	return true
}

// shortenWeek shortens agent a's shifts of the week of day d, other than
// the one on d, a step at a time, each time the step that raises the
// objective least, until the agent's rules hold; false when a rule other
// than the weekly hours is broken or no step is left.
func (s *state) shortenWeek(a int, d int32) bool {
	p := s.p
	w := p.G.Weeks[p.G.WeekOf[d]]
	for range maxShortenSteps {
		switch s.ck.broken(a, s.onPat[a], false) {
		case "":
			return true
		case "max_weekly":
		default:
			return false
		}
		bestObj, bestI, bestPat := math.Inf(1), int32(-1), int32(-1)
		for dd := int32(w.FirstDay); dd < int32(w.FirstDay+w.Days); dd++ {
			i := s.on[a][dd]
			if i < 0 || dd == d {
				continue
			}
			for _, np := range shorterOf(p, s.asg[i].pat) {
				mark := len(s.journal)
				s.remove(i)
				s.add(a, np, s.asg[i].skill, nil)
				obj := s.objective()
				s.rollbackTo(mark)
				if obj < bestObj {
					bestObj, bestI, bestPat = obj, i, np
				}
			}
		}
		if bestI < 0 {
			return false
		}
		s.remove(bestI)
		s.add(a, bestPat, s.asg[bestI].skill, nil)
	}
	return false
}

// shorterOf is the plain template's shifts one step shorter than pattern
// pi on its day: the same start, one step earlier end; one step later
// start, the same end. A split shift or one at its template's shortest
// has none.
func shorterOf(p *compiled.Problem, pi int32) []int32 {
	pt := &p.Pats[pi]
	if pt.Si < 0 || pt.Li == 0 {
		return nil
	}
	var out []int32
	for _, ds := range [2]int16{0, 1} {
		if q, ok := p.Plain[compiled.PlainKey{Day: pt.Day, Tmpl: pt.Tmpl, Si: pt.Si + ds, Li: pt.Li - 1}]; ok && p.Pats[q].WorkedMin < pt.WorkedMin {
			out = append(out, q)
		}
	}
	return out
}
