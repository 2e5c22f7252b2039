package require

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// parcel is the work of one stream that arrived in one interval and is
// not handled yet.
type parcel struct {
	arrived, due int
	work, items  float64
}

// edf is the waiting deferred work of a group: one first-in, first-out
// queue per stream (due times do not decrease within a stream), served
// earliest deadline first across streams.
type edf struct {
	queues [][]parcel
	open   [][]bool // per stream: the intervals its work may be done in
}

func (q *edf) clone() edf {
	c := edf{queues: make([][]parcel, len(q.queues)), open: q.open}
	for s, p := range q.queues {
		c.queues[s] = append([]parcel(nil), p...)
	}
	return c
}

func (q *edf) pending() float64 {
	t := 0.0
	for _, p := range q.queues {
		for _, x := range p {
			t += x.work
		}
	}
	return t
}

// dueBy is the waiting work due at or before interval i.
func (q *edf) dueBy(i int) float64 {
	t := 0.0
	for _, p := range q.queues {
		for _, x := range p {
			if x.due > i {
				break
			}
			t += x.work
		}
	}
	return t
}

// serve hands out capacity seconds in interval i earliest deadline first
// among the streams open then, and returns the work done; onServe
// (optional) sees each piece.
func (q *edf) serve(i int, capacity float64, onServe func(s int, p parcel, work, items float64)) float64 {
	done := 0.0
	for capacity > 1e-9 {
		best := -1
		for s, p := range q.queues {
			if len(p) > 0 && q.open[s][i] && (best < 0 || p[0].due < q.queues[best][0].due) {
				best = s
			}
		}
		if best < 0 {
			break
		}
		head := &q.queues[best][0]
		w := math.Min(capacity, head.work)
		items := head.items
		if w < head.work {
			items = head.items * w / head.work
		}
		if onServe != nil {
			onServe(best, *head, w, items)
		}
		head.work -= w
		head.items -= items
		capacity -= w
		done += w
		if head.work <= 1e-9 {
			q.queues[best] = q.queues[best][1:]
		}
	}
	return done
}

// deferredSolver places the whole agents a group adds for deferred work.
type deferredSolver struct {
	streams    []*stream
	idle       []float64 // seconds of live agents' idle time per interval, at the cap
	perAgent   float64   // seconds of work one agent does in an interval, at the cap
	open       []bool    // any stream open: where agents may be added
	blocks     [][2]int  // local days
	extra      []int
	handled    []float64   // seconds per interval
	handledBy  [][]float64 // [stream][interval]
	backlog    [][]float64 // [stream][interval] items waiting at the end
	late       []float64   // items per stream
	endBacklog []float64
	maxWait    []float64 // intervals
}

// newDeferredSolver prepares the solve; block is the length of the
// stretches of a day with one fluid level (0: a whole local day).
func newDeferredSolver(streams []*stream, idle []float64, perAgent float64, start time.Time, interval, block time.Duration) *deferredSolver {
	n := len(idle)
	ds := &deferredSolver{streams: streams, idle: idle, perAgent: perAgent, open: make([]bool, n), extra: make([]int, n),
		handled: make([]float64, n), late: make([]float64, len(streams)), endBacklog: make([]float64, len(streams)),
		maxWait: make([]float64, len(streams))}
	for _, s := range streams {
		for i, o := range s.open {
			ds.open[i] = ds.open[i] || o
		}
		ds.handledBy = append(ds.handledBy, make([]float64, n))
		ds.backlog = append(ds.backlog, make([]float64, n))
	}
	// a block is a local day, or a stretch of block length from its midnight
	key := func(i int) (civil.Date, int64) {
		t := start.Add(time.Duration(i) * interval)
		d := civil.DateOf(t)
		if block <= 0 {
			return d, 0
		}
		midnight := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, t.Location())
		return d, int64(t.Sub(midnight) / block)
	}
	lo := 0
	for i := 1; i <= n; i++ {
		if i == n {
			ds.blocks = append(ds.blocks, [2]int{lo, i})
			break
		}
		d0, b0 := key(i - 1)
		d1, b1 := key(i)
		if d0 != d1 || b0 != b1 {
			ds.blocks = append(ds.blocks, [2]int{lo, i})
			lo = i
		}
	}
	return ds
}

func (ds *deferredSolver) arrive(q *edf, i int) {
	for s, st := range ds.streams {
		if st.work[i] > 0 {
			q.queues[s] = append(q.queues[s], parcel{arrived: i, due: st.due[i], work: st.work[i], items: st.items[i]})
		}
	}
}

// fluid runs a block with a constant extra level (agents, fractional) on
// the open intervals from state q, and reports whether every deadline
// inside the block is met; served, when not nil, gets the cumulative work
// done after each interval of the block.
func (ds *deferredSolver) fluid(q edf, b [2]int, level float64, served []float64) bool {
	done := 0.0
	for i := b[0]; i < b[1]; i++ {
		ds.arrive(&q, i)
		c := ds.idle[i]
		if ds.open[i] {
			c += level * ds.perAgent
		}
		done += q.serve(i, c, nil)
		if served != nil {
			served[i-b[0]] = done
		}
		if q.dueBy(i) > 1e-6*(1+done) {
			return false
		}
	}
	return true
}

// minLevel is the least constant level that keeps the block's deadlines
// (bisection to a hundredth of a percent of an agent).
func (ds *deferredSolver) minLevel(q *edf, b [2]int) float64 {
	if ds.fluid(q.clone(), b, 0, nil) {
		return 0
	}
	work := q.pending()
	openN := 0
	for i := b[0]; i < b[1]; i++ {
		for _, st := range ds.streams {
			work += st.work[i]
		}
		if ds.open[i] {
			openN++
		}
	}
	lo, hi := 0.0, work/ds.perAgent+1
	if openN == 0 {
		return hi
	}
	for hi-lo > 1e-4*max(1, hi) {
		mid := (lo + hi) / 2
		if ds.fluid(q.clone(), b, mid, nil) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// solve places whole agents day by day: the fluid plan of the day sets the
// pace, whole agents follow it where the work waits, and a deadline that
// would still be missed gets agents at its interval.
func (ds *deferredSolver) solve() {
	q := edf{queues: make([][]parcel, len(ds.streams))}
	for _, st := range ds.streams {
		q.open = append(q.open, st.open)
	}
	for _, b := range ds.blocks {
		level := ds.minLevel(&q, b)
		ref := make([]float64, b[1]-b[0])
		ds.fluid(q.clone(), b, level, ref)
		done := 0.0
		for i := b[0]; i < b[1]; i++ {
			ds.arrive(&q, i)
			record := func(s int, p parcel, work, items float64) {
				ds.handled[i] += work
				ds.handledBy[s][i] += work
				if p.due < i {
					ds.late[s] += items
				}
				ds.maxWait[s] = math.Max(ds.maxWait[s], float64(i-p.arrived+1))
			}
			done += q.serve(i, ds.idle[i], record)
			if behind := ref[i-b[0]] - done; ds.open[i] && behind >= ds.perAgent-1e-9 {
				k := int(math.Floor(behind/ds.perAgent + 1e-9))
				ds.extra[i] += k
				done += q.serve(i, float64(k)*ds.perAgent, record)
			}
			if r := q.dueBy(i); r > 1e-6 {
				k := int(math.Ceil(r/ds.perAgent - 1e-9))
				ds.extra[i] += k
				done += q.serve(i, float64(k)*ds.perAgent, record)
			}
			for s, p := range q.queues {
				for _, x := range p {
					ds.backlog[s][i] += x.items
				}
			}
		}
	}
	for s, p := range q.queues {
		for _, x := range p {
			ds.endBacklog[s] += x.items
			ds.maxWait[s] = math.Max(ds.maxWait[s], float64(len(ds.idle)-x.arrived))
		}
	}
}
