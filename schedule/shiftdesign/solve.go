package shiftdesign

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// DefaultTimeLimit bounds a solve when Options.TimeLimit is 0.
const DefaultTimeLimit = 10 * time.Second

// Options tune Solve.
type Options struct {
	// TimeLimit bounds the search (DefaultTimeLimit when 0).
	TimeLimit time.Duration
	// Seed makes the search reproducible: with the same seed and the same
	// MaxEvaluations the result is the same on any machine. With only a time
	// limit it depends on how much search fits in the time.
	Seed uint64
	// MaxEvaluations, when positive, stops the search after that many
	// flow solves (before the time limit if it comes first).
	MaxEvaluations int
	// Progress, when set, is called from the solving goroutine each time
	// the best objective improves and about every 100 ms.
	Progress func(Progress)
}

// Progress is a snapshot of a running solve.
type Progress struct {
	Elapsed     time.Duration
	Best        float64 // objective of the best plan so far
	Evaluations int     // flow solves so far
}

// Result is a solve's plan and its evaluation (by Evaluate, independent of
// the search).
type Result struct {
	Plan        Plan
	Evaluation  *Evaluation
	Evaluations int // flow solves
	Elapsed     time.Duration
	// ObjectiveBound is a lower bound on the objective of any plan (see
	// ObjectiveBound); when the plan reaches it, the plan is optimal and
	// the search stopped there.
	ObjectiveBound float64
}

// Solve chooses the distinct shifts and the agents per shift and day that
// minimise the model's objective. It runs the stages candidate shifts ->
// coverage (a min-cost flow per set of shifts, see setSolver) -> search over
// sets of shifts, and returns the best plan found within the limits, scored
// by Evaluate. Cancelling ctx stops the search early with the best plan so
// far; the only errors are an invalid model.
//
// The search is an iterated local search over sets of distinct shifts (in
// the spirit of Musliu, Schaerf, Slany, "Local search for shift design",
// EJOR 153, 2004, and Di Gaspero et al. 2007): a greedy construction adds
// the shift that lowers the objective most until none does; a descent tries
// removing a shift, moving a shift's start or length by one or two steps,
// adding a shift, and merging two shifts into one; a perturbation then
// removes or moves a few shifts at random and the descent repairs the plan.
// Each set is scored exactly by its optimal agents per day.
func Solve(ctx context.Context, m *Model, opts Options) (*Result, error) {
	started := time.Now()
	p, err := compile(m)
	if err != nil {
		return nil, err
	}
	limit := opts.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s := newSearch(p, opts, started.Add(limit), ctx)
	s.run()
	plan := s.plan(s.best)
	ev, err := Evaluate(m, plan)
	if err != nil {
		return nil, err
	}
	return &Result{Plan: plan, Evaluation: ev, Evaluations: s.ss.evals, Elapsed: time.Since(started), ObjectiveBound: s.floor}, nil
}

type search struct {
	p        *problem
	ss       *setSolver
	rng      *rand.Rand
	opts     Options
	deadline time.Time
	ctx      context.Context
	started  time.Time
	lastTick time.Time
	ticks    int
	stopped  bool

	x     [][]int           // scratch agents per member and day
	cache map[string]scored // set key -> cost
	ranks map[string][]rankedAdd
	near  [][]int // per candidate: candidates one or two steps away

	cur, best         []int
	curCost, bestCost float64
	floor             float64 // a lower bound on the objective: reaching it ends the search
	strength          int     // extra shifts the next perturbation changes
}

type scored struct {
	cost  float64
	used  []int // the members with agents (the set without unused shifts)
	bound bool  // cost is only a lower bound
}

func newSearch(p *problem, opts Options, deadline time.Time, ctx context.Context) *search {
	s := &search{
		p:        p,
		ss:       newSetSolver(p),
		rng:      rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		opts:     opts,
		deadline: deadline,
		ctx:      ctx,
		started:  time.Now(),
		cache:    map[string]scored{},
		ranks:    map[string][]rankedAdd{},
		curCost:  math.Inf(1),
		bestCost: math.Inf(1),
	}
	s.buildNear()
	return s
}

// buildNear lists, for each candidate, the candidates whose start and length
// differ by at most two template steps (start compared around the clock),
// by lookup when the box is small and by a scan otherwise.
func (s *search) buildNear() {
	p := s.p
	s.near = make([][]int, len(p.cands))
	for i, c := range p.cands {
		t := &p.model.Templates[c.template]
		lim := 2 * max(1, int(t.Step/time.Minute)/p.slotMin)
		if box := (2*lim + 1) * (2*lim + 1); box < len(p.cands) {
			for ds := -lim; ds <= lim; ds++ {
				for dl := -lim; dl <= lim; dl++ {
					key := [2]int{((c.start+ds)%p.perDay + p.perDay) % p.perDay, c.length + dl}
					if j, ok := p.byKey[key]; ok && j != i {
						s.near[i] = append(s.near[i], j)
					}
				}
			}
			continue
		}
		for j, d := range p.cands {
			if i == j {
				continue
			}
			ds := d.start - c.start
			if ds > p.perDay/2 {
				ds -= p.perDay
			} else if ds < -p.perDay/2 {
				ds += p.perDay
			}
			if abs(ds) <= lim && abs(d.length-c.length) <= lim {
				s.near[i] = append(s.near[i], j)
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// done tells whether the search must stop (deadline, budget, context).
func (s *search) done() bool {
	if s.stopped {
		return true
	}
	if s.opts.MaxEvaluations > 0 && s.ss.evals >= s.opts.MaxEvaluations {
		s.stopped = true
		return true
	}
	s.ticks++
	if s.ticks%16 != 0 {
		return false
	}
	now := time.Now()
	if now.After(s.deadline) || s.ctx.Err() != nil {
		s.stopped = true
	}
	if s.opts.Progress != nil && now.Sub(s.lastTick) > 100*time.Millisecond {
		s.lastTick = now
		s.report()
	}
	return s.stopped
}

func (s *search) report() {
	if s.opts.Progress != nil {
		s.opts.Progress(Progress{Elapsed: time.Since(s.started), Best: s.bestCost, Evaluations: s.ss.evals})
	}
}

func setKey(set []int) string {
	b := make([]byte, 0, 3*len(set))
	for _, c := range set {
		b = append(b, byte(c), byte(c>>8), byte(c>>16))
	}
	return string(b)
}

// cost scores a set: the optimal agents per day plus the distinct-shift
// weight of the members that get agents. The set is sorted in place. When
// the set cannot beat stopAt (assuming every member is used: a set with an
// unused member is no better than the smaller set, which is tried on its
// own), it returns a lower bound with worse == true.
func (s *search) cost(set []int, stopAt float64) (scored, bool) {
	sort.Ints(set)
	key := setKey(set)
	if len(s.cache) >= maxCache {
		clear(s.cache) // bound the memory of long runs
	}
	if sc, ok := s.cache[key]; ok {
		if sc.bound {
			if sc.cost >= stopAt {
				return sc, true
			}
		} else {
			return sc, false
		}
	}
	s.ensureX(len(set))
	dist := s.p.w.distinct * float64(len(set))
	c, worse := s.ss.solve(set, s.x[:len(set)], stopAt-dist)
	if worse {
		sc := scored{cost: c + dist, bound: true}
		s.cache[key] = sc
		return sc, true
	}
	used := make([]int, 0, len(set))
	for i, ci := range set {
		for _, a := range s.x[i] {
			if a > 0 {
				used = append(used, ci)
				break
			}
		}
	}
	sc := scored{cost: c + s.p.w.distinct*float64(len(used)), used: used}
	s.cache[key] = sc
	if sc.cost < s.bestCost-1e-9 {
		s.bestCost = sc.cost
		s.best = append(s.best[:0], used...)
		s.report()
		if s.bestCost <= s.floor+1e-9*math.Max(1, s.floor) {
			s.stopped = true // proven optimal
		}
	}
	return sc, false
}

func (s *search) ensureX(k int) {
	for len(s.x) < k {
		s.x = append(s.x, make([]int, s.p.days))
	}
}

// plan turns a set into a Plan with its optimal agents.
func (s *search) plan(set []int) Plan {
	set = append([]int(nil), set...)
	sort.Ints(set)
	s.ensureX(len(set))
	s.ss.solve(set, s.x[:len(set)], math.Inf(1))
	var plan Plan
	for i, ci := range set {
		c := &s.p.cands[ci]
		used := false
		for _, a := range s.x[i] {
			used = used || a > 0
		}
		if !used {
			continue
		}
		plan.Shifts = append(plan.Shifts, PlannedShift{
			Template: s.p.model.Templates[c.template].Name,
			Start:    time.Duration(c.start*s.p.slotMin) * time.Minute,
			Length:   time.Duration(c.length*s.p.slotMin) * time.Minute,
			Agents:   append([]int(nil), s.x[i]...),
		})
	}
	return plan
}

func (s *search) accept(sc scored) {
	s.cur = append(s.cur[:0], sc.used...)
	s.curCost = sc.cost
}

// maxCache is the number of scored sets kept (about 100 bytes each).
const maxCache = 1 << 21

// exhaustiveMax is the number of candidates up to which every set is
// scored (2^12 flows) instead of searching.
const exhaustiveMax = 12

func (s *search) run() {
	s.floor = objectiveFloor(s.p)
	sc, _ := s.cost(nil, math.Inf(1))
	s.accept(sc)
	if len(s.p.cands) <= exhaustiveMax {
		s.exhaustive()
		return
	}
	s.greedy()
	idle := 0
	for !s.done() {
		before := s.ss.evals
		s.descend()
		s.perturb()
		// A round that met only known sets widens the next perturbation;
		// when thousands do, the neighbourhood is exhausted.
		if s.ss.evals == before {
			s.strength = min(s.strength+1, 6)
			if idle++; idle > stagnation {
				return
			}
		} else {
			s.strength, idle = 0, 0
		}
	}
}

// stagnation is the number of search rounds in a row that meet no new set
// after which the search stops.
const stagnation = 200

// exhaustive scores every subset of the candidates.
func (s *search) exhaustive() {
	k := len(s.p.cands)
	for mask := 1; mask < 1<<k && !s.done(); mask++ {
		var set []int
		for c := 0; c < k; c++ {
			if mask&(1<<c) != 0 {
				set = append(set, c)
			}
		}
		s.cost(set, s.bestCost)
	}
}

// greedy adds shifts one at a time. Candidates are ranked by what adding
// them alone would save with the current agents kept (the best number of
// agents per day, found by a scan, the gain being convex in it); the best
// few are then scored exactly, re-optimising every agent, and the best of
// those is added while that lowers the cost. Once no candidate saves
// anything alone, every candidate is scored exactly (a shift may still pay
// by letting the others move).
func (s *search) greedy() {
	for !s.done() {
		ranked := s.rankAdds()
		shortlist := len(ranked)
		if len(ranked) > 0 && ranked[0].gain > 0 {
			shortlist = 8
		}
		bestC, bestSc := -1, scored{cost: s.curCost}
		for k, ra := range ranked {
			if k >= shortlist {
				break
			}
			sc, worse := s.cost(append(append([]int(nil), s.cur...), ra.cand), bestSc.cost)
			if !worse && sc.cost < bestSc.cost-1e-9 {
				bestC, bestSc = ra.cand, sc
			}
			if s.done() {
				return
			}
		}
		if bestC < 0 {
			return
		}
		s.accept(bestSc)
	}
}

type rankedAdd struct {
	cand int
	gain float64
}

// rankAdds scores every candidate outside the current set by the cost
// change of adding it with the current agents kept, best first. Rankings
// are kept per set: the search comes back to the same sets often.
func (s *search) rankAdds() []rankedAdd {
	sorted := append([]int(nil), s.cur...)
	sort.Ints(sorted)
	key := setKey(sorted)
	if r, ok := s.ranks[key]; ok {
		return r
	}
	if len(s.ranks) >= 4096 {
		clear(s.ranks)
	}
	r := s.rank()
	s.ranks[key] = r
	return r
}

func (s *search) rank() []rankedAdd {
	p := s.p
	cov := s.coverage(s.cur)
	out := make([]rankedAdd, 0, len(p.cands))
	for ci := range p.cands {
		if contains(s.cur, ci) {
			continue
		}
		c := &p.cands[ci]
		gain := -p.w.distinct
		for d := 0; d < p.days; d++ {
			if !c.allowed(d) {
				continue
			}
			gain += s.bestGain(cov, c, d)
		}
		out = append(out, rankedAdd{ci, gain})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].gain > out[b].gain })
	return out
}

// coverage is the coverage per slot of a set with its optimal agents.
func (s *search) coverage(set []int) []float64 {
	p := s.p
	cov := make([]float64, p.n)
	set = append([]int(nil), set...)
	sort.Ints(set)
	s.ensureX(len(set))
	s.ss.solve(set, s.x[:len(set)], math.Inf(1))
	for i, ci := range set {
		for d, a := range s.x[i] {
			if a > 0 {
				p.addCoverage(cov, &p.cands[ci], d, float64(a))
			}
		}
	}
	return cov
}

// bestGain is the largest saving from adding agents to shift c on day d
// with coverage cov, over the number of agents added (0 if none saves).
func (s *search) bestGain(cov []float64, c *cand, d int) float64 {
	p := s.p
	start := p.instanceStart(c, d)
	best, total := 0.0, 0.0
	limit := c.cap[d]
	for a := 1; limit == unlimited || a <= limit; a++ {
		delta := p.w.shift
		for j := 0; j < c.length; j++ {
			k := start + j
			if k >= p.n {
				if !p.cyclic {
					break
				}
				k -= p.n
			}
			r, v := p.req[k], cov[k]+float64(a-1)
			if v < r {
				delta -= p.w.short * math.Min(1, r-v)
				if v+1 > r {
					delta += p.w.excess * (v + 1 - r)
				}
			} else {
				delta += p.w.excess
			}
		}
		if delta >= 0 {
			break
		}
		total -= delta
		best = total
	}
	return best
}

func contains(set []int, c int) bool {
	for _, v := range set {
		if v == c {
			return true
		}
	}
	return false
}

// try scores a neighbour and moves to it when it is better.
func (s *search) try(set []int) bool {
	sc, worse := s.cost(set, s.curCost)
	if !worse && sc.cost < s.curCost-1e-9 {
		s.accept(sc)
		return true
	}
	return false
}

// descend applies improving moves until none is left: remove, move, add,
// merge, in that order, restarting after each improvement.
func (s *search) descend() {
	for !s.done() {
		if s.tryRemove() || s.tryMove() || s.tryAdd() || s.tryMerge() {
			continue
		}
		return
	}
}

func (s *search) without(i int) []int {
	out := make([]int, 0, len(s.cur))
	out = append(out, s.cur[:i]...)
	return append(out, s.cur[i+1:]...)
}

func (s *search) tryRemove() bool {
	for _, i := range s.rng.Perm(len(s.cur)) {
		if s.done() {
			return false
		}
		if s.try(s.without(i)) {
			return true
		}
	}
	return false
}

func (s *search) tryMove() bool {
	for _, i := range s.rng.Perm(len(s.cur)) {
		ci := s.cur[i]
		for _, k := range s.rng.Perm(len(s.near[ci])) {
			nj := s.near[ci][k]
			if contains(s.cur, nj) {
				continue
			}
			if s.done() {
				return false
			}
			set := append(s.without(i), nj)
			if s.try(set) {
				return true
			}
		}
	}
	return false
}

func (s *search) tryAdd() bool {
	for _, ra := range s.rankAdds() {
		if s.done() {
			return false
		}
		if s.try(append(append([]int(nil), s.cur...), ra.cand)) {
			return true
		}
	}
	return false
}

// tryMerge replaces two shifts by one shift near either of them.
func (s *search) tryMerge() bool {
	k := len(s.cur)
	for _, ij := range s.rng.Perm(k * k) {
		i, j := ij/k, ij%k
		if i >= j {
			continue
		}
		rest := make([]int, 0, k-1)
		for t, c := range s.cur {
			if t != i && t != j {
				rest = append(rest, c)
			}
		}
		for _, base := range [2]int{s.cur[i], s.cur[j]} {
			for _, nj := range append([]int{base}, s.near[base]...) {
				if contains(rest, nj) {
					continue
				}
				if s.done() {
					return false
				}
				if s.try(append(append([]int(nil), rest...), nj)) {
					return true
				}
			}
		}
	}
	return false
}

// perturb moves away from the current local optimum: it removes or moves
// one to three shifts at random, or goes back to the best set.
func (s *search) perturb() {
	if len(s.cur) == 0 || s.rng.IntN(10) == 0 {
		s.cur = append(s.cur[:0], s.best...)
		s.curCost = s.bestCost
		if len(s.cur) == 0 {
			return
		}
	}
	set := append([]int(nil), s.cur...)
	for r := 1 + s.rng.IntN(min(3, len(set))) + s.strength; r > 0 && len(set) > 0; r-- {
		i := s.rng.IntN(len(set))
		switch s.rng.IntN(3) {
		case 0:
			set = append(set[:i], set[i+1:]...)
		default:
			nb := s.near[set[i]]
			if len(nb) > 0 {
				if nj := nb[s.rng.IntN(len(nb))]; !contains(set, nj) {
					set[i] = nj
				}
			}
		}
	}
	sc, _ := s.cost(set, math.Inf(1))
	s.cur = append(s.cur[:0], sc.used...)
	s.curCost = sc.cost
}
