package deferred_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
)

// refSim is an independent check of Evaluate: it walks clock time in steps
// of one minute, decides from the wall clock whether each minute is open,
// splits each interval's arrivals into perMinute particles per open minute,
// and serves them first in, first out at the staffed rate. It shares no
// code with the package (no business-time mapping, no fluid curves). It
// returns the late items, an item counting late when it leaves more than
// slack business seconds after its deadline (found by sampling each
// particle's items), and the backlog at each interval's end.
func refSim(w deferred.Workload, agents []float64, perMinute int, slack float64) (late float64, backlog []float64) {
	loc := w.Location
	if loc == nil {
		loc = w.Start.Location()
	}
	occ := w.MaxOccupancy
	if occ == 0 {
		occ = 1
	}
	closed := map[civil.Date]bool{}
	for _, c := range w.Hours.Closed {
		closed[c] = true
	}
	isOpen := func(t time.Time) bool {
		lt := t.In(loc)
		if closed[civil.DateOf(lt)] {
			return false
		}
		h, m, s := lt.Clock()
		c := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second
		for _, win := range w.Hours.Weekly[lt.Weekday()] {
			if c >= win.From && c < win.To {
				return true
			}
		}
		return false
	}
	handle := func(i int) float64 {
		if len(w.HandleSeconds) == 1 {
			return w.HandleSeconds[0]
		}
		return w.HandleSeconds[i]
	}
	const step = time.Minute
	n := len(w.Arrivals)
	// Business length of the horizon, for due dates.
	var bEnd float64
	for t := w.Start; t.Before(w.Start.Add(time.Duration(n) * w.Interval)); t = t.Add(step) {
		if isOpen(t.Add(step / 2)) {
			bEnd += step.Seconds()
		}
	}
	// A particle's items arrive at an even pace over business time
	// [a, a+spread] (spread 0: all at a).
	type particle struct{ a, spread, work, items float64 }
	var queue []particle
	// dueAt is the deadline of an item arriving at a, if it has one.
	dueAt := func(a float64) (float64, bool) {
		e := a + w.Deadline.Seconds()
		if w.ClearByEnd {
			return math.Min(e, bEnd), true
		}
		return e, e <= bEnd
	}
	// lateShare samples the particle's items: item θ arrives at
	// a + θ spread and leaves at from + θ (to - from); to = +Inf: never.
	const samples = 64
	lateShare := func(p particle, from, to float64) float64 {
		k := 0
		for s := 0; s < samples; s++ {
			th := (float64(s) + 0.5) / samples
			e, ok := dueAt(p.a + th*p.spread)
			if ok && (math.IsInf(to, 1) || from+th*(to-from) > e+slack) {
				k++
			}
		}
		return float64(k) / samples
	}
	for _, it := range w.Backlog {
		age := 0.0
		for t := it.Arrived; t.Before(w.Start); t = t.Add(step) {
			if isOpen(t.Add(step / 2)) {
				age += step.Seconds()
			}
		}
		h := it.HandleSeconds
		if h == 0 {
			h = handle(0)
		}
		queue = append(queue, particle{-age, 0, it.Count * h, it.Count})
	}
	sort.SliceStable(queue, func(i, j int) bool { return queue[i].a < queue[j].a })
	B := 0.0
	// finish counts the items of p that leave, at an even pace over
	// business time [from, to], after their deadline.
	finish := func(p particle, from, to float64) {
		late += p.items * lateShare(p, from, to)
	}
	for i := 0; i < n; i++ {
		t0 := w.Start.Add(time.Duration(i) * w.Interval)
		var minutes []time.Time
		for t := t0; t.Before(t0.Add(w.Interval)); t = t.Add(step) {
			if isOpen(t.Add(step / 2)) {
				minutes = append(minutes, t)
			}
		}
		if len(minutes) == 0 && w.Arrivals[i] > 0 {
			queue = append(queue, particle{B, 0, w.Arrivals[i] * handle(i), w.Arrivals[i]})
		}
		rate := agents[i] * occ
		for t := t0; t.Before(t0.Add(w.Interval)); t = t.Add(step) {
			if !isOpen(t.Add(step / 2)) {
				continue
			}
			for k := 0; k < perMinute; k++ {
				items := w.Arrivals[i] / float64(len(minutes)*perMinute)
				sub := step.Seconds() / float64(perMinute)
				queue = append(queue, particle{B + float64(k)*sub, sub, items * handle(i), items})
			}
			tau, stop := B, B+step.Seconds()
			for len(queue) > 0 && rate > 0 {
				p := &queue[0]
				tau = math.Max(tau, p.a)
				if tau >= stop {
					break
				}
				if can := (stop - tau) * rate; p.work <= can {
					finish(*p, tau, tau+p.work/rate)
					tau += p.work / rate
					queue = queue[1:]
				} else {
					// the items of the part handled now arrived first
					part := can / p.work
					done := particle{p.a, p.spread * part, can, p.items * part}
					finish(done, tau, stop)
					p.a += p.spread * part
					p.spread -= p.spread * part
					p.items -= done.items
					p.work -= can
					break
				}
			}
			B = stop
		}
		b := 0.0
		for _, p := range queue {
			b += p.items
		}
		backlog = append(backlog, b)
	}
	for _, p := range queue {
		late += p.items * lateShare(p, 0, math.Inf(1))
	}
	return late, backlog
}

// randomWorkload draws a small workload: days of hourly intervals,
// opening hours of a few windows, arrivals also in closed hours, a backlog.
func randomWorkload(rng *rand.Rand, days int) deferred.Workload {
	start := time.Date(2025, 11, 20+rng.IntN(7), 0, 0, 0, 0, time.UTC)
	var h deferred.OpeningHours
	for d := range h.Weekly {
		if rng.IntN(5) == 0 {
			continue // closed weekday
		}
		from := time.Duration(6+rng.IntN(4)) * time.Hour
		to := from + time.Duration(3+rng.IntN(8))*time.Hour
		h.Weekly[d] = []deferred.Window{{From: from, To: to}}
		if rng.IntN(3) == 0 {
			h.Weekly[d] = append(h.Weekly[d], deferred.Window{From: to + time.Hour, To: to + time.Hour + time.Duration(30+30*rng.IntN(4))*time.Minute})
		}
	}
	h.Weekly[time.Wednesday] = []deferred.Window{{From: 8 * time.Hour, To: 16 * time.Hour}}
	n := 24 * days
	arr := make([]float64, n)
	for i := range arr {
		if rng.IntN(3) > 0 {
			arr[i] = float64(rng.IntN(40)) / 4
		}
	}
	handle := []float64{float64(60 * (3 + rng.IntN(10)))}
	if rng.IntN(2) == 0 {
		handle = make([]float64, n)
		for i := range handle {
			handle[i] = float64(60 * (3 + rng.IntN(10)))
		}
	}
	w := deferred.Workload{Start: start, Interval: time.Hour, Arrivals: arr, HandleSeconds: handle,
		Deadline: time.Duration(1+rng.IntN(20)) * time.Hour, Hours: h, ClearByEnd: rng.IntN(3) == 0}
	if rng.IntN(2) == 0 {
		w.MaxOccupancy = 0.6 + 0.4*rng.Float64()
	}
	for k := rng.IntN(4); k > 0; k-- {
		w.Backlog = append(w.Backlog, deferred.Item{Arrived: start.Add(-time.Duration(rng.IntN(72)) * time.Hour), Count: float64(rng.IntN(20))})
	}
	if rng.IntN(4) == 0 {
		w.Hours.Closed = []civil.Date{civil.DateOf(start.AddDate(0, 0, 1))}
	}
	return w
}

// exempt is the late work no staffing can avoid.
func exempt(ev deferred.Evaluation) float64 { return ev.OverdueAtStart + ev.Unservable }

// Invariants on seeded random instances: the plan keeps every deadline;
// handled + ending backlog = arrivals; nothing is handled before it
// arrives; an independent minute-by-minute simulation agrees.
func TestInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 150; trial++ {
		w := randomWorkload(rng, 2+rng.IntN(3))
		opts := deferred.Options{}
		if trial%3 == 1 {
			opts.Block = time.Duration(2+rng.IntN(5)) * time.Hour
		}
		st, err := deferred.Solve(w, opts)
		if err != nil && st.Unservable == 0 {
			t.Fatalf("trial %d: %v", trial, err)
		}
		name := fmt.Sprintf("trial %d (deadline %v, clear %v, block %v)", trial, w.Deadline, w.ClearByEnd, opts.Block)
		if st.Late > exempt(st.Evaluation)+1e-6 {
			t.Errorf("%s: %v items late, %v exempt", name, st.Late, exempt(st.Evaluation))
		}
		ev, err := deferred.Evaluate(w, st.Agents)
		if err != nil || math.Abs(ev.Late-st.Late) > 1e-9 {
			t.Errorf("%s: Evaluate gives %v late (%v), Solve %v", name, ev.Late, err, st.Late)
		}
		// The rounded plan is at least as good.
		rounded := make([]float64, len(st.Rounded))
		for i, r := range st.Rounded {
			rounded[i] = float64(r)
			if rounded[i] < st.Agents[i]-1e-9 || rounded[i] > st.Agents[i]+1 {
				t.Errorf("%s: rounded[%d] = %v for %v", name, i, r, st.Agents[i])
			}
		}
		if evr, _ := deferred.Evaluate(w, rounded); evr.Late > exempt(evr)+1e-6 {
			t.Errorf("%s: rounded plan has %v late", name, evr.Late)
		}
		// Conservation, and no item handled before it arrives.
		items, arrived, handled := 0.0, 0.0, 0.0
		for _, b := range w.Backlog {
			items += b.Count
		}
		arrived = items
		for i, f := range st.Intervals {
			arrived += f.Arrivals
			handled += f.Handled
			if handled > arrived+1e-6 || f.Handled < -1e-12 || f.Backlog < -1e-12 {
				t.Fatalf("%s: interval %d handled %v of %v arrived", name, i, handled, arrived)
			}
			if math.Abs(handled+f.Backlog-arrived) > 1e-6*(1+arrived) {
				t.Fatalf("%s: interval %d: handled %v + backlog %v != arrived %v", name, i, handled, f.Backlog, arrived)
			}
			if f.OpenSeconds == 0 && (f.Agents != 0 || f.Handled != 0) {
				t.Fatalf("%s: closed interval %d has agents %v, handled %v", name, i, f.Agents, f.Handled)
			}
			if f.Occupancy > 1+1e-9 {
				t.Fatalf("%s: interval %d occupancy %v", name, i, f.Occupancy)
			}
		}
		if math.Abs(st.Handled+st.EndingBacklog-arrived) > 1e-6*(1+arrived) || math.Abs(st.Items-arrived) > 1e-9*(1+arrived) {
			t.Errorf("%s: handled %v + ending %v != items %v (%v)", name, st.Handled, st.EndingBacklog, arrived, st.Items)
		}
		// Every shaved interval is at most its block's level.
		for i, b := range st.Block {
			if b >= 0 && st.Agents[i] > st.Levels[b]*(1+1e-12) {
				t.Errorf("%s: agents[%d] = %v above its level %v", name, i, st.Agents[i], st.Levels[b])
			}
		}
		// The independent simulation agrees: nothing late (beyond a
		// millisecond), the same backlog at every interval's end.
		if trial%5 == 0 {
			late, backlog := refSim(w, st.Agents, 20, 1e-3)
			if late > exempt(st.Evaluation)+1e-6 {
				t.Errorf("%s: reference simulation finds %v late, exempt %v", name, late, exempt(st.Evaluation))
			}
			for i := range backlog {
				if math.Abs(backlog[i]-st.Intervals[i].Backlog) > 1e-6*(1+backlog[i]) {
					t.Errorf("%s: interval %d backlog %v, reference %v", name, i, st.Intervals[i].Backlog, backlog[i])
					break
				}
			}
		}
	}
}

// Evaluate against the reference simulation on arbitrary staffings, most
// of them late somewhere.
func TestEvaluateAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 40; trial++ {
		w := randomWorkload(rng, 2)
		agents := make([]float64, len(w.Arrivals))
		for i := range agents {
			agents[i] = float64(rng.IntN(5)) / 2
		}
		ev, err := deferred.Evaluate(w, agents)
		if err != nil {
			t.Fatal(err)
		}
		late, backlog := refSim(w, agents, 20, 1e-6)
		// Particles are served as a whole from their first arrival, a
		// little early: allow 0.2%.
		if d := math.Abs(late - ev.Late); d > 0.002*(1+ev.Late) {
			t.Errorf("trial %d: late %v, reference %v", trial, ev.Late, late)
		}
		for i := range backlog {
			if math.Abs(backlog[i]-ev.Intervals[i].Backlog) > 1e-6*(1+backlog[i]) {
				t.Errorf("trial %d: interval %d backlog %v, reference %v", trial, i, ev.Intervals[i].Backlog, backlog[i])
				break
			}
		}
	}
}

// lexLE reports whether the levels sorted from highest down are
// lexicographically at most those of b (within tol).
func lexLE(a, b []float64) bool {
	sa := append([]float64(nil), a...)
	sb := append([]float64(nil), b...)
	sort.Sort(sort.Reverse(sort.Float64Slice(sa)))
	sort.Sort(sort.Reverse(sort.Float64Slice(sb)))
	for i := range sa {
		if sa[i] < sb[i]-1e-7 {
			return true
		}
		if sa[i] > sb[i]+1e-7 {
			return false
		}
	}
	return true
}

// Brute force on tiny horizons. What Solve guarantees for its stage-1
// block levels (here one block per day): they are lexicographically
// min-max among plans constant per day — the highest day is as low as any
// feasible such plan allows, then the next highest, and so on — and hence
// Pareto-minimal: no day can be lowered alone. Checked against every
// integer per-day plan 0..6 agents, and by lowering each day a little.
// Total agent-hours are NOT minimal: a min-sum plan may leave work to the
// last moment (see Solve).
func TestBruteForceDailyLevels(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 40; trial++ {
		w := randomWorkload(rng, 3)
		for i := range w.Arrivals {
			w.Arrivals[i] = math.Floor(w.Arrivals[i] / 2)
		}
		st, err := deferred.Solve(w, deferred.Options{NoShave: true})
		if err != nil && st.Unservable == 0 {
			t.Fatal(err)
		}
		days := len(st.Levels)
		plan := func(levels []float64) []float64 {
			a := make([]float64, len(st.Block))
			for i, b := range st.Block {
				if b >= 0 {
					a[i] = levels[b]
				}
			}
			return a
		}
		feasible := func(levels []float64) bool {
			ev, err := deferred.Evaluate(w, plan(levels))
			if err != nil {
				t.Fatal(err)
			}
			return ev.Late <= exempt(ev)+1e-9
		}
		if !feasible(st.Levels) {
			t.Fatalf("trial %d: levels %v infeasible", trial, st.Levels)
		}
		// Pareto: lowering any positive level by 0.1% alone breaks a deadline.
		for d := range st.Levels {
			if st.Levels[d] > 1e-9 {
				lower := append([]float64(nil), st.Levels...)
				lower[d] *= 0.999
				if feasible(lower) {
					t.Errorf("trial %d: day %d can go below %v (levels %v)", trial, d, st.Levels[d], st.Levels)
				}
			}
		}
		// Min-max: every day at 99.9% of the highest level is infeasible.
		top := 0.0
		for _, l := range st.Levels {
			top = math.Max(top, l)
		}
		if top > 1e-9 && feasible(repeat(top*0.999, days)) {
			t.Errorf("trial %d: a constant %v beats the highest level %v", trial, top*0.999, top)
		}
		// Every integer plan: feasible ones are not lexicographically below.
		const maxLevel = 6
		levels := make([]float64, days)
		var enumerate func(d int)
		checked := 0
		enumerate = func(d int) {
			if d == days {
				if feasible(levels) {
					checked++
					if !lexLE(st.Levels, levels) {
						t.Errorf("trial %d: integer plan %v is lexicographically below %v", trial, levels, st.Levels)
					}
				}
				return
			}
			for l := 0; l <= maxLevel; l++ {
				levels[d] = float64(l)
				enumerate(d + 1)
			}
		}
		if days <= 4 {
			enumerate(0)
		}
	}
}

// Per-interval integer plans on a tiny horizon (6 open hours, 0..3 agents
// each): the fluid Evaluate and the reference simulation agree on which
// plans keep every deadline, and no feasible plan has a lower peak than the
// least constant level Solve finds with 1-hour blocks (min-max per hour).
func TestBruteForcePerInterval(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 4; trial++ {
		start := time.Date(2025, 11, 24, 8, 0, 0, 0, time.UTC)
		arr := make([]float64, 7)
		for i := 0; i < 6; i++ {
			arr[i] = float64(rng.IntN(5))
		}
		w := deferred.Workload{Start: start, Interval: time.Hour, Arrivals: arr, HandleSeconds: []float64{1800},
			Deadline: time.Duration(1+rng.IntN(3)) * time.Hour, Hours: everyDay(8*time.Hour, 14*time.Hour), ClearByEnd: trial%2 == 0}
		st, err := deferred.Solve(w, deferred.Options{Block: time.Hour, NoShave: true})
		if err != nil {
			t.Fatal(err)
		}
		peak := 0.0
		for _, a := range st.Agents {
			peak = math.Max(peak, a)
		}
		agents := make([]float64, 7)
		mismatches := 0
		for code := 0; code < 1<<12; code++ {
			for i := 0; i < 6; i++ {
				agents[i] = float64(code >> (2 * i) & 3)
			}
			ev, _ := deferred.Evaluate(w, agents)
			ok := ev.Late <= 1e-9
			if code%17 == 0 {
				late, _ := refSim(w, agents, 4, 1e-6)
				if (late <= 1e-6) != ok || math.Abs(late-ev.Late) > 0.01*(1+late) {
					mismatches++
					t.Errorf("trial %d, agents %v: late %v, reference %v", trial, agents, ev.Late, late)
				}
			}
			if ok {
				top := 0.0
				for _, a := range agents {
					top = math.Max(top, a)
				}
				if top < peak-1e-9 {
					t.Errorf("trial %d: plan %v has peak %v below Solve's %v (%v)", trial, agents, top, peak, st.Agents)
				}
			}
		}
	}
}
