package roster

import (
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// reserveBlock is one block of a day that needs a reserve squad.
type reserveBlock struct {
	day        int
	s, e       int // slots
	start, end time.Time
	count      int
}

// reserveBlocks lists the blocks of the horizon with any requirement and
// the reserve each needs (ReserveRule).
func reserveBlocks(m *Model, g *grid) []reserveBlock {
	r := m.Reserve
	if !r.enabled() {
		return nil
	}
	var out []reserveBlock
	per := int(24 * time.Hour / r.Block)
	bm := int(r.Block / time.Minute)
	for d, date := range g.dates {
		for j := range per {
			from, to := date.At(civil.Clock(j*bm), g.loc), date.At(civil.Clock((j+1)*bm), g.loc)
			s, e := g.slotsInside(from, to)
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
				out = append(out, reserveBlock{d, s, e, g.timeOf(s), g.timeOf(e), n})
			}
		}
	}
	return out
}
