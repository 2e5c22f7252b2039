package shiftdesign

import (
	"fmt"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// unlimited is the capacity of a (shift, day) without a cap.
const unlimited = -1

// problem is a validated model compiled onto its slot grid: the first stage
// of the solve (candidate shifts) and the arithmetic shared with Evaluate.
type problem struct {
	model   *Model
	slotMin int       // minutes per slot (the grid)
	perDay  int       // slots per day
	perIv   int       // slots per requirement interval
	n       int       // slots in the horizon
	days    int       // days the horizon touches
	cyclic  bool      // the horizon wraps
	req     []float64 // requirement per slot
	cands   []cand    // distinct (start, length) pairs, by start then length
	byKey   map[[2]int]int
	w       slotWeights
}

// slotWeights are the model's weights in slot units: a slot of shortage
// costs short (Shortage × minutes per slot).
type slotWeights struct {
	short, excess, distinct, shift float64
}

// cand is a distinct shift: a start (slot of the day) and a length (slots),
// usable on some days, with a cap of agents per day.
type cand struct {
	start, length int
	template      int   // first template that produces it (for output)
	cap           []int // per day: max agents, unlimited, or 0 when not allowed
}

func (c *cand) allowed(d int) bool { return c.cap[d] != 0 }

// compile validates m and builds its candidate shifts: every start × length
// of every template, merged by (start, length), each with the days its
// templates allow.
func compile(m *Model) (*problem, error) { return compileOn(m, nil) }

// compileOn is compile on a grid that also divides every duration in extra
// (the starts and lengths of a plan being evaluated).
func compileOn(m *Model, extra []time.Duration) (*problem, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	g := m.grid()
	for _, v := range extra {
		g = time.Duration(gcd(int64(g/time.Minute), int64(v/time.Minute))) * time.Minute
	}
	p := &problem{
		model:   m,
		slotMin: int(g / time.Minute),
		perDay:  int(day / g),
		perIv:   int(m.Interval / g),
		days:    m.Days(),
		cyclic:  m.Cyclic,
		byKey:   map[[2]int]int{},
	}
	p.n = len(m.Required) * p.perIv
	if p.n > MaxSlots {
		return nil, modelErr("Required", -1, fmt.Sprintf("%d intervals at a %v grid", len(m.Required), civil.FormatDuration(g)),
			fmt.Sprintf("at most %d slots (horizon / greatest common step)", MaxSlots))
	}
	p.req = make([]float64, p.n)
	for i, r := range m.Required {
		for j := 0; j < p.perIv; j++ {
			p.req[i*p.perIv+j] = r
		}
	}
	sm := float64(p.slotMin)
	p.w = slotWeights{m.Weights.Shortage * sm, m.Weights.Excess * sm, m.Weights.DistinctShifts, m.Weights.Shifts}
	for ti := range m.Templates {
		t := &m.Templates[ti]
		step := int(t.Step / g)
		first := int(t.EarliestStart / g)
		minLen, maxLen := int(t.MinLength/g), int(t.MaxLength/g)
		for k := 0; k < t.starts(); k++ {
			start := (first + k*step) % p.perDay
			for l := minLen; l <= maxLen; l += step {
				p.addCandidate(ti, start, l)
			}
		}
	}
	sort.Slice(p.cands, func(a, b int) bool {
		ca, cb := &p.cands[a], &p.cands[b]
		if ca.start != cb.start {
			return ca.start < cb.start
		}
		return ca.length < cb.length
	})
	// Drop pairs no day allows, then index.
	kept := p.cands[:0]
	for _, c := range p.cands {
		for d := range c.cap {
			if c.cap[d] != 0 {
				kept = append(kept, c)
				break
			}
		}
	}
	p.cands = kept
	for i, c := range p.cands {
		p.byKey[[2]int{c.start, c.length}] = i
	}
	return p, nil
}

// addCandidate merges template ti's shift (start, length) into the
// candidates. A pair from several templates is one shift; on a day, its cap
// is the sum of the caps of the templates that allow it that day, or none if
// one of them has none.
func (p *problem) addCandidate(ti, start, length int) {
	key := [2]int{start, length}
	i, ok := p.byKey[key]
	if !ok {
		i = len(p.cands)
		p.byKey[key] = i
		p.cands = append(p.cands, cand{start: start, length: length, template: ti, cap: make([]int, p.days)})
	}
	c := &p.cands[i]
	t := &p.model.Templates[ti]
	for d := 0; d < p.days; d++ {
		if d*p.perDay+start >= p.n || !t.appliesOn(p.weekday(d)) || c.cap[d] == unlimited {
			continue
		}
		if t.MaxAgents == 0 {
			c.cap[d] = unlimited
		} else {
			c.cap[d] += t.MaxAgents
		}
	}
}

func (p *problem) weekday(d int) time.Weekday {
	return time.Weekday((int(p.model.FirstWeekday) + d) % 7)
}

// instanceStart is the slot where candidate c starts on day d.
func (p *problem) instanceStart(c *cand, d int) int { return d*p.perDay + c.start }

// addCoverage adds agents × the coverage of candidate c started on day d to
// cov (one value per slot), wrapping in a cyclic horizon (as many times as
// the shift is long) and clipping at its end otherwise.
func (p *problem) addCoverage(cov []float64, c *cand, d int, agents float64) {
	s := p.instanceStart(c, d)
	if s >= p.n {
		if !p.cyclic {
			return
		}
		s %= p.n
	}
	for left, k := c.length, s; left > 0; {
		run := min(left, p.n-k)
		for j := k; j < k+run; j++ {
			cov[j] += agents
		}
		left -= run
		if !p.cyclic {
			return
		}
		k = 0
	}
}
