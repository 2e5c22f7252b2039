package deferred

import (
	"fmt"
	"time"
)

// IntervalFigures are the figures of one interval under a staffing.
type IntervalFigures struct {
	Start         time.Time
	OpenSeconds   float64 // open time inside the interval
	Arrivals      float64 // items arriving
	WorkloadHours float64 // arrivals × handle time
	Agents        float64
	Handled       float64 // items finished in the interval
	// Backlog is the items waiting at the interval's end (arrived, not
	// finished), the initial backlog included.
	Backlog float64
	// OldestAgeHours is how long, in business hours, the oldest waiting
	// item has waited at the interval's end (0 with no backlog).
	OldestAgeHours float64
	// Occupancy is work handled / (agents × open time), 0 without agents.
	Occupancy float64
}

// Evaluation is what a staffing does to a workload, handled first in,
// first out.
type Evaluation struct {
	Intervals []IntervalFigures
	Items     float64 // initial backlog + arrivals
	Handled   float64
	// Late is the items handled after their deadline, or not handled by
	// the end while due inside the horizon (or due at all, with
	// ClearByEnd). Items due after the horizon's end and still waiting are
	// not late: they are in EndingBacklog.
	Late      float64
	LateShare float64 // Late / Items
	// MaxAgeHours is the longest time any item waited, in business hours,
	// until handled or, if still waiting, until the end of the horizon.
	MaxAgeHours   float64
	MaxBacklog    float64 // largest backlog at an interval's end (or at the start)
	EndingBacklog float64 // items still waiting at the end
	// AgentHours is Σ agents × open hours: agents count only while open.
	AgentHours float64
	// OverdueAtStart is the backlog already past its deadline at Start:
	// late whatever the staffing (included in Late).
	OverdueAtStart float64
	// Unservable is the items no staffing can handle in time: with
	// ClearByEnd, arrivals after the horizon's last open moment (included
	// in Late).
	Unservable float64
}

// Evaluate simulates agents (one value per interval, fractional allowed)
// on the workload and reports backlog, ages and late items. Agents of a
// closed interval do nothing. It returns an *InputError for an invalid
// workload or staffing.
func Evaluate(w Workload, agents []float64) (Evaluation, error) {
	if err := w.Validate(); err != nil {
		return Evaluation{}, err
	}
	if len(agents) != len(w.Arrivals) {
		return Evaluation{}, &InputError{"agents", -1, fmt.Sprint(len(agents), " values"), fmt.Sprint(len(w.Arrivals), " (one per interval)")}
	}
	for i, a := range agents {
		if !finite(a) || a < 0 || a > 1e9 {
			return Evaluation{}, &InputError{"agents", i, fmt.Sprint(a), "between 0 and 1e9"}
		}
	}
	m := newModel(&w)
	var r run
	m.simulate(m.rates(agents), &r)
	return m.evaluate(agents, &r), nil
}

func (m *model) rates(agents []float64) []float64 {
	rate := make([]float64, m.n)
	for i, a := range agents {
		rate[i] = a * m.occ
	}
	return rate
}

// itemCursor maps work positions, visited in increasing order, to pieces.
type itemCursor struct {
	m *model
	k int
}

// at returns the piece holding the item at work position x, the one just
// after x when x is a boundary (the next item to be served), or nil past
// the last item.
func (c *itemCursor) at(x float64) *piece {
	for c.k < len(c.m.pieces) {
		p := &c.m.pieces[c.k]
		if p.work > 0 && x < p.x0+p.work {
			return p
		}
		c.k++
	}
	return nil
}

// items is the count of items before work position x.
func (c *itemCursor) items(x float64) float64 {
	p := c.at(x)
	if p == nil {
		return c.m.totItems
	}
	if x <= p.x0 {
		return p.n0
	}
	return p.n0 + p.items*(x-p.x0)/p.work
}

func (m *model) evaluate(agents []float64, r *run) Evaluation {
	w := m.w
	ev := Evaluation{Intervals: make([]IntervalFigures, m.n), Items: m.totItems,
		OverdueAtStart: m.overdueItems, Unservable: m.unservableItems}
	served := itemCursor{m: m}
	head := itemCursor{m: m}
	prevHandled := 0.0
	backlogItems := 0.0
	if m.first > 0 {
		last := m.pieces[m.first-1]
		backlogItems = last.n0 + last.items
	}
	ev.MaxBacklog = backlogItems
	for i := 0; i < m.n; i++ {
		f := &ev.Intervals[i]
		f.Start = w.Start.Add(time.Duration(i) * w.Interval)
		f.OpenSeconds = m.open[i]
		f.Arrivals = w.Arrivals[i]
		f.WorkloadHours = m.work[i] / 3600
		f.Agents = agents[i]
		handled := served.items(r.served[i])
		f.Handled = max(handled-prevHandled, 0)
		prevHandled = handled
		p := &m.pieces[m.first+i]
		f.Backlog = max(p.n0+p.items-handled, 0)
		if r.queue[i] > m.epsQ {
			if h := head.at(r.served[i]); h != nil {
				f.OldestAgeHours = max(m.start[i+1]-h.arrival(r.served[i]), 0) / 3600
			}
		}
		if capacity := agents[i] * m.open[i]; capacity > 0 {
			done := r.served[i]
			if i > 0 {
				done -= r.served[i-1]
			}
			f.Occupancy = min(done/capacity, 1)
		}
		ev.AgentHours += agents[i] * m.open[i] / 3600
		ev.MaxBacklog = max(ev.MaxBacklog, f.Backlog)
	}
	ev.Handled = prevHandled
	ev.EndingBacklog = max(m.totItems-prevHandled, 0)

	var late, maxAge float64
	m.walk(r, func(k, j int, x0, x1 float64) {
		p := &m.pieces[k]
		density := p.items / p.work
		xs := m.dueSplit(p, x0, x1)
		if j < 0 {
			if x1-x0 <= m.epsQ {
				return
			}
			maxAge = max(maxAge, m.end-p.arrival(x0))
			if m.w.ClearByEnd {
				late += (x1 - x0) * density
			} else {
				late += (xs - x0) * density
			}
			return
		}
		s := &r.sp[j]
		d0, d1 := departure(p, s, x0), departure(p, s, x1)
		a0, a1 := p.arrival(x0), p.arrival(x1)
		maxAge = max(maxAge, d0-a0, d1-a1)
		late += density * m.lateOn(p, s, x0, xs, x1)
	})
	if late <= m.lateTol() {
		late = 0
	}
	ev.Late = late
	if ev.Items > 0 {
		ev.LateShare = min(late/ev.Items, 1)
	}
	ev.MaxAgeHours = maxAge / 3600
	return ev
}

// lateOn is the work late on [x0, x1] of piece p served by s, with xs the
// position past which items are due after the horizon (due at its end with
// ClearByEnd, not due otherwise).
func (m *model) lateOn(p *piece, s *spiece, x0, xs, x1 float64) float64 {
	f := func(x float64, atEnd bool) float64 {
		e := p.arrival(x) + m.deadline
		if atEnd {
			e = m.end
		}
		return departure(p, s, x) - e
	}
	l := 0.0
	if xs > x0 {
		l += lateLen(x0, xs, f(x0, false), f(xs, false), timeTol)
	}
	if m.w.ClearByEnd && x1 > xs {
		l += lateLen(xs, x1, f(xs, true), f(x1, true), timeTol)
	}
	return l
}
