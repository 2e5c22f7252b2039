package roster

import (
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/grid"
)

// reserveBlock is one block of a day that needs a reserve squad.
type reserveBlock struct {
	Day        int
	S, E       int // slots
	Start, End time.Time
	Count      int
}

// ReserveBlocks lists the blocks of the horizon with any requirement and
// the reserve each needs (ReserveRule).
func ReserveBlocks(m *Model, g *grid.Grid) []reserveBlock {
	r := m.Reserve
	if !r.enabled() {
		return nil
	}
	var out []reserveBlock
	per := int(24 * time.Hour / r.Block)
	bm := int(r.Block / time.Minute)
	for d, date := range g.Dates {
		for j := range per {
			from, to := date.At(civil.Clock(j*bm), g.Loc), date.At(civil.Clock((j+1)*bm), g.Loc)
			s, e := g.SlotsInside(from, to)
			if s >= e {
				continue
			}
			any, gap := false, 0
			for t := s; t < e; t++ {
				sum := 0
				for _, sk := range m.Demand.Skills {
					any = any || sk.Required[t] > 0
					if sk.Upper != nil {
						sum += max(0, sk.Upper[t]-sk.Required[t])
					}
				}
				gap = max(gap, sum)
			}
			if !any {
				continue
			}
			n := r.Agents
			if r.FromGap {
				n = max(n, gap)
			}
			if n > 0 {
				out = append(out, reserveBlock{d, s, e, g.TimeOf(s), g.TimeOf(e), n})
			}
		}
	}
	return out
}
