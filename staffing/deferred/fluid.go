package deferred

import (
	"math"
	"sort"
	"time"
)

// The fluid model. Work is a continuous quantity (work-seconds = items ×
// handle time) and time is business time: seconds of open time since the
// horizon's start, so nights, weekends and closed dates shrink to a point.
// Agents work only while open and the deadline clock runs only then, so in
// business time an item arriving at a is due at a + Deadline, and an
// interval i is the stretch [start[i], start[i]+open[i]].
//
// Items are handled first in, first out. A position x on the cumulative
// work axis names one item: a(x) is its arrival, d(x) its departure, both
// piecewise linear in x. Everything the package reports follows from the
// two curves.

// exemption marks arrivals no staffing can serve in time.
type exemption uint8

const (
	exemptNone       exemption = iota
	exemptOverdue              // backlog already past its deadline at the start
	exemptUnservable           // ClearByEnd, but no open time left after arrival
)

// piece is one batch of arrivals: work spread evenly over business time
// [t, t+dur] (dur 0: all at t).
type piece struct {
	t, dur      float64
	work, items float64
	x0, n0      float64 // cumulative work and items before the piece
	exempt      exemption
}

func (p *piece) arrival(x float64) float64 {
	if p.dur == 0 {
		return p.t
	}
	return p.t + p.dur*(x-p.x0)/p.work
}

// model is a Workload in business time.
type model struct {
	w        *Workload
	n        int
	start    []float64 // business start of interval i; start[n] = end
	open     []float64 // open seconds in interval i
	end      float64
	occ      float64
	deadline float64 // business seconds
	pieces   []piece // in FIFO order: backlog (oldest first), then one per interval
	first    int     // index of interval 0's piece
	work     []float64
	totWork  float64
	totItems float64
	epsQ     float64 // queue below this is empty (round-off)

	overdueItems, unservableItems float64
	firstUnservable               int // interval of the first unservable arrival, -1 if none
}

func newModel(w *Workload) *model {
	n := len(w.Arrivals)
	m := &model{w: w, n: n, occ: w.occupancy(), deadline: w.Deadline.Seconds(), firstUnservable: -1}
	loc := w.loc()
	m.open = w.Hours.OpenSeconds(w.Start, loc, w.Interval, n)
	m.start = make([]float64, n+1)
	for i, o := range m.open {
		m.start[i+1] = m.start[i] + o
	}
	m.end = m.start[n]

	// Backlog, oldest first, at its business age before the start.
	back := append([]Item(nil), w.Backlog...)
	sort.SliceStable(back, func(i, j int) bool { return back[i].Arrived.Before(back[j].Arrived) })
	if len(back) > 0 {
		earliest := back[0].Arrived.Sub(w.Start)
		bper := w.Hours.openPeriods(w.Start, loc, earliest, 0)
		// after[k] is the open time from period k to the start.
		after := make([]time.Duration, len(bper)+1)
		for k := len(bper) - 1; k >= 0; k-- {
			after[k] = after[k+1] + bper[k].to - bper[k].from
		}
		var x, nItems float64
		for _, it := range back {
			off := it.Arrived.Sub(w.Start)
			k := sort.Search(len(bper), func(k int) bool { return bper[k].to > off })
			age := after[k]
			if k < len(bper) && off > bper[k].from {
				age -= off - bper[k].from
			}
			h := it.HandleSeconds
			if h == 0 {
				h = w.handle(0)
			}
			p := piece{t: -age.Seconds(), work: it.Count * h, items: it.Count, x0: x, n0: nItems}
			x += p.work
			nItems += p.items
			m.pieces = append(m.pieces, p)
		}
	}
	m.first = len(m.pieces)
	m.work = make([]float64, n)
	x, nItems := 0.0, 0.0
	if m.first > 0 {
		last := m.pieces[m.first-1]
		x, nItems = last.x0+last.work, last.n0+last.items
	}
	for i := 0; i < n; i++ {
		m.work[i] = w.Arrivals[i] * w.handle(i)
		m.pieces = append(m.pieces, piece{t: m.start[i], dur: m.open[i], work: m.work[i], items: w.Arrivals[i], x0: x, n0: nItems})
		x += m.work[i]
		nItems += w.Arrivals[i]
	}
	m.totWork, m.totItems = x, nItems
	m.epsQ = 1e-12*m.totWork + 1e-9

	for k := range m.pieces {
		p := &m.pieces[k]
		if p.work == 0 {
			continue
		}
		avail := max(p.t, 0)
		switch e, ok := m.due(p.t); {
		case p.t+m.deadline <= 0:
			p.exempt = exemptOverdue
			m.overdueItems += p.items
		case ok && e <= avail && p.dur == 0:
			p.exempt = exemptUnservable
			m.unservableItems += p.items
			if m.firstUnservable < 0 {
				m.firstUnservable = max(k-m.first, 0)
			}
		}
	}
	return m
}

// due is the deadline of an item arriving at business time a, and whether
// it has one inside the horizon. With ClearByEnd every item is due by the
// end at the latest.
func (m *model) due(a float64) (float64, bool) {
	e := a + m.deadline
	if m.w.ClearByEnd {
		return min(e, m.end), true
	}
	return e, e <= m.end
}

// spiece is one stretch of service at a constant pace: work s served over
// business time [u, u+v]. A follow piece serves arrivals as they come (no
// queue), so its departures equal arrivals.
type spiece struct {
	u, v, s float64
	y0      float64 // cumulative work served before
	bp, bpY float64 // start of its busy period and work served by then
	follow  bool
}

// run is the outcome of simulating a staffing (capacity rates, in
// work-seconds per business second, per interval).
type run struct {
	sp     []spiece
	served []float64 // cumulative work served by the end of interval i
	queue  []float64 // work waiting at the end of interval i
	bp     float64   // busy period in progress at the end (if queue > 0)
	bpY    float64
}

// simulate runs the FIFO fluid queue. Within an interval the queue changes
// at the constant rate arrivals - capacity until it empties; from then on
// the agents keep up with arrivals (or the queue stays empty).
func (m *model) simulate(rate []float64, r *run) {
	r.sp = r.sp[:0]
	if cap(r.served) < m.n {
		r.served = make([]float64, m.n)
		r.queue = make([]float64, m.n)
	}
	r.served, r.queue = r.served[:m.n], r.queue[:m.n]
	q := 0.0
	if m.first > 0 {
		last := m.pieces[m.first-1]
		q = last.x0 + last.work
	}
	y := 0.0
	bp, bpY := 0.0, 0.0
	busy := q > m.epsQ
	add := func(u, v, s float64, follow bool) {
		if s <= 0 {
			return
		}
		p := spiece{u: u, v: v, s: s, y0: y, bp: bp, bpY: bpY, follow: follow}
		if follow {
			p.bp, p.bpY = u, y
		}
		r.sp = append(r.sp, p)
		y += s
	}
	for i := 0; i < m.n; i++ {
		wk, T, u := m.work[i], m.open[i], m.start[i]
		if T == 0 {
			if wk > 0 && !busy {
				busy, bp, bpY = true, u, y
			}
			q += wk
		} else {
			lam, c := wk/T, rate[i]
			if busy {
				if c > lam && q/(c-lam) < T {
					z := q / (c - lam)
					add(u, z, c*z, false)
					add(u+z, T-z, lam*(T-z), true)
					q, busy = 0, false
				} else {
					add(u, T, c*T, false)
					q += (lam - c) * T
				}
			} else if lam > c {
				busy, bp, bpY = true, u, y
				add(u, T, c*T, false)
				q += (lam - c) * T
			} else {
				// round-off left in the queue goes out with the arrivals
				add(u, T, wk+max(q, 0), true)
				q = 0
			}
		}
		if q <= m.epsQ {
			busy = false
		}
		r.served[i] = y
		r.queue[i] = max(q, 0)
	}
	r.bp, r.bpY = bp, bpY
}

// walk calls fn for every stretch [x0, x1] of the work axis on which one
// arrival piece k and one service piece j apply, in order, and then for
// the unserved rest with j = -1.
func (m *model) walk(r *run, fn func(k, j int, x0, x1 float64)) {
	k, j := 0, 0
	for k < len(m.pieces) && j < len(r.sp) {
		p, s := &m.pieces[k], &r.sp[j]
		pEnd, sEnd := p.x0+p.work, s.y0+s.s
		if p.work <= 0 || pEnd <= s.y0 {
			k++
			continue
		}
		x0 := max(p.x0, s.y0)
		x1 := min(pEnd, sEnd)
		if x1 > x0 {
			fn(k, j, x0, x1)
		}
		if pEnd <= sEnd {
			k++
		} else {
			j++
		}
	}
	served := 0.0
	if n := len(r.sp); n > 0 {
		served = r.sp[n-1].y0 + r.sp[n-1].s
	}
	for ; k < len(m.pieces); k++ {
		p := &m.pieces[k]
		if pEnd := p.x0 + p.work; p.work > 0 && pEnd > served {
			fn(k, -1, max(p.x0, served), pEnd)
		}
	}
}

// departure is d(x) on service piece s for an item of arrival piece p.
func departure(p *piece, s *spiece, x float64) float64 {
	if s.follow {
		return p.arrival(x)
	}
	return s.u + s.v*(x-s.y0)/s.s
}

// timeTol is how late (business seconds) a departure may be and still
// count as on time: round-off, not policy.
const timeTol = 1e-6

// lateTol is the number of late items below which a result is reported as
// 0 (round-off of the fluid arithmetic).
func (m *model) lateTol() float64 { return 1e-9 * (1 + m.totItems) }

// dueSplit returns the work position in [x0, x1] of piece p past which
// items arrive less than a deadline before the horizon's end (x1 when all
// are due inside it).
func (m *model) dueSplit(p *piece, x0, x1 float64) float64 {
	if p.dur == 0 {
		if p.t+m.deadline <= m.end {
			return x1
		}
		return x0
	}
	// a(x) + deadline = end
	xs := p.x0 + (m.end-m.deadline-p.t)/p.dur*p.work
	return math.Max(x0, math.Min(x1, xs))
}

// lateLen is the length of [x0, x1] on which the linear f, f0 at x0 and f1
// at x1, exceeds tol.
func lateLen(x0, x1, f0, f1, tol float64) float64 {
	switch {
	case f0 > tol && f1 > tol:
		return x1 - x0
	case f0 <= tol && f1 <= tol:
		return 0
	}
	t := (tol - f0) / (f1 - f0)
	if f0 > tol {
		return t * (x1 - x0)
	}
	return (1 - t) * (x1 - x0)
}
