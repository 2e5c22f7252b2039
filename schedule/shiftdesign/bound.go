package shiftdesign

import (
	"math"
	"sort"
)

// ObjectiveBound is a lower bound on the objective of every plan of m,
// from the points where the requirement changes:
//
//	bound = min over k ≥ 0 of  DistinctShifts·k + ½·Σ pen(t) over the change points t left after the 2k largest
//
// A change point t is a time of day at which the requirement of some day
// changes from the slot before to the slot at t; pen(t) = min(Shortage,
// Excess)·minutes per slot·Σ_days |r(d,t) − r(d,t−1)|. If no shift of a plan
// starts or ends at t, coverage is the same on both sides of t on every day,
// so the deviation of those two slots costs at least pen(t); a slot borders
// two change points at most, hence the ½; and a distinct shift starts and
// ends at two times of day at most. Change points no candidate shift can
// start or end at always count. The bound is weak in general and exact on
// instances such as DBAI RandomExample11, where it lets the search stop.
func ObjectiveBound(m *Model) (float64, error) {
	p, err := compile(m)
	if err != nil {
		return 0, err
	}
	return objectiveFloor(p), nil
}

func objectiveFloor(p *problem) float64 {
	w := p.w
	minDev := math.Min(w.short, w.excess)
	if minDev == 0 {
		return 0
	}
	pen := make([]float64, p.perDay)
	for k := 0; k < p.n; k++ {
		prev := k - 1
		if prev < 0 {
			if !p.cyclic {
				continue
			}
			prev = p.n - 1
		}
		pen[k%p.perDay] += minDev * math.Abs(p.req[k]-p.req[prev])
	}
	reachable := make([]bool, p.perDay)
	for _, c := range p.cands {
		reachable[c.start] = true
		reachable[(c.start+c.length)%p.perDay] = true
	}
	forced := 0.0
	var open []float64
	for t, v := range pen {
		switch {
		case v == 0:
		case !reachable[t]:
			forced += v / 2
		default:
			open = append(open, v)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(open)))
	rest := 0.0
	for _, v := range open {
		rest += v / 2
	}
	best := rest
	for k := 1; 2*k-2 < len(open); k++ {
		rest -= open[2*k-2] / 2
		if 2*k-1 < len(open) {
			rest -= open[2*k-1] / 2
		}
		best = math.Min(best, w.distinct*float64(k)+math.Max(0, rest))
	}
	return forced + best
}

// Uncoverable lists the intervals of m (indices into Required) that no
// plan can cover fully: some part of the interval is covered by no
// candidate shift, or by capped shifts whose caps add up to less than the
// requirement. Every other interval is covered when each shift works at
// its cap, so the list is empty exactly when full coverage is possible.
func Uncoverable(m *Model) ([]int, error) {
	p, err := compile(m)
	if err != nil {
		return nil, err
	}
	capacity := make([]float64, p.n)
	for ci := range p.cands {
		c := &p.cands[ci]
		for d := 0; d < p.days; d++ {
			switch {
			case !c.allowed(d):
			case c.cap[d] == unlimited:
				p.addCoverage(capacity, c, d, math.Inf(1))
			default:
				p.addCoverage(capacity, c, d, float64(c.cap[d]))
			}
		}
	}
	var out []int
	for i := range m.Required {
		for k := i * p.perIv; k < (i+1)*p.perIv; k++ {
			if capacity[k] < p.req[k]-1e-9 {
				out = append(out, i)
				break
			}
		}
	}
	return out, nil
}
