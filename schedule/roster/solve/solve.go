package solve

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/bound"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
)

// Options tune Solve. Weights zero in every field means DefaultWeights.
type Options struct {
	Seed uint64
	// TimeLimit, counted from the start of Solve, ends the local search
	// (0: none; DefaultTimeLimit is the CLI's); the final evaluation with
	// its lower bound comes on top. A limit shorter than the schedule of
	// moves makes the annealing cool by the clock, and the search then
	// ends by the limit, never by converging (StopTimeLimit). The search
	// is deterministic for a seed when it ends by converging.
	TimeLimit time.Duration
	// Iterations is the length of the annealing schedule in moves; 0 is
	// 2,000 moves per shift of the first roster, at least 200,000. Plain
	// descent then goes on until it stalls (see StopConverged), at most
	// to twice the budget.
	Iterations int
	Weights    roster.Weights
	// Start, when set, is a roster to start from instead of building one
	// (a warm start): typically the roster of the same plan before agents,
	// templates or availability were added or a rule relaxed. Its shifts
	// that fit this model are kept (see the stage "warm start"), and Solve
	// returns the better of what the search finds and that start: less
	// shortfall, or the same shortfall at a lower objective. So more
	// resources never make a roster worse than the one it started from.
	Start *roster.Roster
	// SkipBound leaves the lower bound (the costly part of the final
	// evaluation) out: for the re-solves of a search that compares
	// shortfalls, such as PlanHires.
	SkipBound bool
	// Progress, when set, is called at each stage and during the search.
	Progress func(Progress)
}

// Progress reports a running solve.
type Progress struct {
	Stage     string
	Elapsed   time.Duration
	Iteration int
	Objective float64
	Shifts    int
	// ShortageHours is the shortfall in agent-hours (during the search).
	ShortageHours float64
}

// Stage is what one pipeline stage did.
type Stage struct {
	Name      string
	Duration  time.Duration
	Shifts    int
	Objective float64
	Note      string
}

// Result is a solved roster, its evaluation and the pipeline's account.
type Result struct {
	Roster     roster.Roster
	Evaluation *roster.Evaluation
	Stages     []Stage
	// Search is how the search ended and how far it got, Verdict what
	// that says about covering the requirement.
	Search  Search
	Verdict Verdict
}

// ErrInfeasible means the roster leaves some requirement unmet (or the
// reserve short, or leads or veterans missing) and that this is the
// team's: a bound proves the shortfall, or the search converged with it
// (VerdictProven, VerdictConverged). The roster returned with it is the
// best found, every rule kept. A search stopped early returns
// ErrUndecided instead.
var ErrInfeasible = diag.New(diag.Infeasible, "requirement cannot be met within the rules")

// InfeasibleError tells how far short the roster is and how sure that
// is; it is ErrInfeasible, or ErrUndecided when Verdict is
// VerdictUndecided. The demand's shortfall and the rules' gaps are told
// apart.
type InfeasibleError struct {
	UnmetIntervals int // (interval, skill) pairs below requirement
	ShortageHours  float64
	ReserveShort   int // reserve places left empty
	// Lead- and veteran-hours missing (Evaluation.RuleGaps).
	LeadGapHours, VeteranGapHours float64
	// Verdict is VerdictProven, VerdictConverged or VerdictUndecided;
	// ProvenHours the shortfall no roster avoids (Search.Bound.Hours).
	Verdict     Verdict
	ProvenHours float64
	// Stop is why the search ended; for an undecided verdict,
	// Earlier is the shortfall a quarter of the search's time before its
	// end, at Elapsed (the trend), with the time limit.
	Stop               Stop
	Earlier            SearchPoint
	Elapsed, TimeLimit time.Duration
}

// Error leads with what is missing: the shortfall, or, when every
// interval is covered, the rules (leads, veterans, reserve) the roster
// leaves unmet; a covered roster is not said to miss its requirement.
func (e *InfeasibleError) Error() string {
	covered := e.UnmetIntervals == 0 && e.ShortageHours == 0
	msg := fmt.Sprintf("roster: %d interval-skill pairs short by %.2f agent-hours in total, %d reserve places empty",
		e.UnmetIntervals, e.ShortageHours, e.ReserveShort)
	if covered {
		msg = "roster: every interval covered"
		if e.ReserveShort > 0 {
			msg += fmt.Sprintf(", %d reserve places empty", e.ReserveShort)
		}
	}
	if e.LeadGapHours > 0 || e.VeteranGapHours > 0 {
		msg += fmt.Sprintf("; rules not met: %.2f lead-hours and %.2f veteran-hours missing", e.LeadGapHours, e.VeteranGapHours)
	}
	end := ErrInfeasible.Error()
	if covered {
		end = "the lead, veteran and reserve rules cannot all be met with this team"
	}
	switch e.Verdict {
	case VerdictUndecided:
		return msg + fmt.Sprintf(" when %s (%.2f agent-hours short at %.1f s): ", stopWords(e.Stop, e.TimeLimit), e.Earlier.ShortageHours, e.Earlier.Elapsed.Seconds()) + ErrUndecided.Error()
	case VerdictProven:
		if e.ProvenHours > 0 {
			msg += fmt.Sprintf(" (at least %.2f agent-hours short in any roster)", e.ProvenHours)
		}
	}
	return msg + ": " + end
}

func (e *InfeasibleError) Unwrap() error {
	if e.Verdict == VerdictUndecided {
		return ErrUndecided
	}
	return ErrInfeasible
}

// stopWords says in words why a search ended early.
func stopWords(s Stop, limit time.Duration) string {
	switch s {
	case StopTimeLimit:
		return fmt.Sprintf("the time limit (%v) ended the search", civil.FormatDuration(limit))
	case StopInterrupted:
		return "the search was interrupted"
	case StopMoveLimit:
		return "the search ended at twice its budget of moves"
	}
	return "the search ended"
}

// Solve builds a roster for the model. It runs a pipeline of named
// stages: candidates (every shift the templates allow), coverage index,
// construct (greedy by coverage gain per staffed hour), assign (to named
// agents, every hard rule checked), breaks (placed and staggered where
// the queue can spare the agent), improve (local search until the budget,
// the time limit or the context ends), reserve, evaluate. Hard rules are
// never broken; what they leave uncovered is reported, and Solve then
// returns the result together with an *InfeasibleError. Nothing prints.
func Solve(ctx context.Context, m *roster.Model, opt Options) (*Result, error) {
	w := opt.Weights
	if w == (roster.Weights{}) {
		w = roster.DefaultWeights()
	}
	if err := w.Validate(); err != nil {
		return nil, err
	}
	sv := &solveRun{opt: opt, w: w, start: time.Now(), res: &Result{}}
	sv.last = sv.start
	if opt.TimeLimit > 0 {
		sv.deadline = sv.start.Add(opt.TimeLimit)
	}
	p, err := compiled.Compile(m)
	if err != nil {
		return nil, err
	}
	sv.p = p
	sv.stage("candidates", len(p.Pats), 0, fmt.Sprintf("%d candidate shifts over %d days", len(p.Pats), len(p.G.Dates)))
	sv.stage("coverage index", len(p.Pats), 0, "")
	sv.rnd = rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	sv.s = newState(p, w)
	sv.as = newAssigner(sv.s, sv.rnd)
	sv.initial()
	placeAllBreaks(sv.s)
	sv.stage("breaks", sv.s.shiftCount(), sv.s.objective(), "")
	sv.improve(ctx)
	return sv.finish(m)
}

// solveRun is one Solve as it goes through its stages.
type solveRun struct {
	opt             Options
	w               roster.Weights
	start, deadline time.Time
	last            time.Time // the end of the last stage
	res             *Result
	p               *compiled.Problem
	rnd             *rand.Rand
	s               *state
	as              *assigner
}

// stage records a stage that just ended and tells Progress.
func (sv *solveRun) stage(name string, shifts int, obj float64, note string) {
	now := time.Now()
	sv.res.Stages = append(sv.res.Stages, Stage{name, now.Sub(sv.last), shifts, obj, note})
	sv.last = now
	if sv.opt.Progress != nil {
		sv.opt.Progress(Progress{Stage: name, Elapsed: now.Sub(sv.start), Objective: obj, Shifts: shifts})
	}
}

// initial is the first roster: the warm start's, or the greedy
// construction given to named agents.
func (sv *solveRun) initial() {
	s := sv.s
	if sv.opt.Start != nil {
		kept, left := s.load(sv.opt.Start)
		sv.stage("warm start", s.shiftCount(), s.objective(), fmt.Sprintf("%d shifts kept, %d left out", kept, left))
		return
	}
	shifts := construct(sv.p, sv.w)
	sv.stage("construct", len(shifts), 0, fmt.Sprintf("%d shifts", len(shifts)))
	dropped := sv.as.run(shifts)
	sv.stage("assign", s.shiftCount(), s.objective(), fmt.Sprintf("%d shifts nobody could take", dropped))
}

// improve runs rounds of annealing, each from the best roster so far,
// while they lower the gaps (shortfall, then leads and veterans missing):
// a roster with gaps counts as converged only when a whole round could
// not lower them. A roster without gaps needs one round, and so does one
// whose only gap is the shortfall the bound proves: no round can lower
// that.
func (sv *solveRun) improve(ctx context.Context) {
	p := sv.p
	iters := sv.opt.Iterations
	if iters <= 0 {
		iters = max(200_000, 2000*sv.s.shiftCount())
	}
	var tr tracer
	moves := 0
	pointAt := func(it int) SearchPoint {
		s := sv.s
		return SearchPoint{Elapsed: time.Since(sv.start), Moves: moves + it, ShortageHours: float64(s.shortSlots) * s.ivh, Objective: s.objective()}
	}
	point := func(it int) {
		pt := pointAt(it)
		tr.add(pt)
		if sv.opt.Progress != nil {
			sv.opt.Progress(Progress{Stage: "improve", Elapsed: pt.Elapsed, Iteration: pt.Moves, Objective: pt.Objective, Shifts: sv.s.shiftCount(), ShortageHours: pt.ShortageHours})
		}
	}
	search := Search{Budget: iters, Bound: bound.Shortfall(p)}
	provenSlots := int64(math.Round(search.Bound.Hours / sv.s.ivh))
	var stats moveStats
	best := sv.s.snapshot()
	kept := 0
	for {
		before := sv.s.gaps()
		im := newImprover(sv.s, sv.as, sv.rnd)
		done, stop := im.run(ctx, iters, sv.deadline, point)
		moves += done
		stats.accepted += im.stats.accepted
		stats.infeasible += im.stats.infeasible
		search.Rounds++
		placeAllBreaks(sv.s)
		sv.s.resync()
		if best.beats(sv.s) {
			// the round ended worse than it began: back to the best roster
			sv.s = newState(p, sv.w)
			sv.s.load(&best.roster)
			placeAllBreaks(sv.s)
			kept++
		}
		if stop == stalled {
			var n int
			stop, n = sv.s.converge(ctx, sv.deadline)
			search.Repairs += n
		}
		search.Stop = stop
		if g := sv.s.gaps(); stop != StopConverged || (g.short <= provenSlots && g.rules == 0) || !g.below(before) {
			break
		}
		best = sv.s.snapshot()
	}
	search.Moves = moves
	note := fmt.Sprintf("%d moves in %d rounds, %d kept, %d broke a rule; the final passes added %d shifts", moves, search.Rounds,
		stats.accepted, stats.infeasible, search.Repairs)
	if kept > 0 {
		note += fmt.Sprintf("; %d rounds ended worse than they began and were undone", kept)
	}
	note += "; " + string(search.Stop)
	search.Elapsed = time.Since(sv.start)
	search.Trace = tr.final(pointAt(0))
	sv.res.Search = search
	sv.stage("improve", sv.s.shiftCount(), sv.s.objective(), note)
}

// finish puts the reserve on call, evaluates the roster and gives its
// verdict: the result, with an *InfeasibleError when it has gaps.
func (sv *solveRun) finish(m *roster.Model) (*Result, error) {
	res, s := sv.res, sv.s
	res.Roster = s.roster()
	res.Roster.Reserve = reserveSquad(s)
	sv.stage("reserve", s.shiftCount(), s.objective(), fmt.Sprintf("%d duties", len(res.Roster.Reserve)))

	ev, err := roster.Evaluate(m, &res.Roster)
	if err != nil {
		// the solver's own roster not fitting its model is a bug, not the
		// data's fault
		return nil, diag.As(diag.Failure, fmt.Errorf("roster: evaluating the solver's own roster: %w", err))
	}
	if !sv.opt.SkipBound {
		lb, err := bound.LowerBound(m)
		if err != nil {
			return nil, fmt.Errorf("roster: evaluating the solver's own roster: %w", err)
		}
		ev.SetLowerBound(lb.Hours)
	}
	res.Evaluation = ev
	sv.stage("evaluate", s.shiftCount(), ev.Objective(sv.w), "")
	res.Verdict = verdictOf(ev, &res.Search)
	if res.Verdict == VerdictCovered {
		return res, nil
	}
	ie := &InfeasibleError{UnmetIntervals: len(ev.Unmet), ShortageHours: ev.ShortageHours, ReserveShort: ev.ReserveShort,
		LeadGapHours: ev.LeadGapHours, VeteranGapHours: ev.VeteranGapHours,
		Verdict: res.Verdict, ProvenHours: res.Search.Bound.Hours, Stop: res.Search.Stop, Elapsed: res.Search.Elapsed, TimeLimit: sv.opt.TimeLimit}
	ie.Earlier, _ = res.Search.Earlier()
	return res, ie
}

// gapCount is what rounds of the search must lower: the intervals short
// (agent-slots), then the leads and veterans missing.
type gapCount struct{ short, rules int64 }

func (s *state) gaps() gapCount { return gapCount{s.shortSlots, s.leadGap + s.vetGap} }

// below reports whether g is fewer gaps than h: less shortfall, or as
// much with fewer leads and veterans missing.
func (g gapCount) below(h gapCount) bool {
	return g.short < h.short || (g.short == h.short && g.rules < h.rules)
}

// verdictOf judges a roster's gaps by how the search ended: covered, or
// short as proven by the bound, or short after converging, or undecided.
func verdictOf(ev *roster.Evaluation, sr *Search) Verdict {
	switch {
	case len(ev.Unmet) == 0 && ev.ReserveShort == 0 && len(ev.RuleGaps) == 0:
		return VerdictCovered
	case sr.Bound.Hours > 1e-9:
		return VerdictProven
	case sr.Converged():
		return VerdictConverged
	}
	return VerdictUndecided
}

// placeAllBreaks re-places every break in turn at the least loss given all
// the others: a break moves only where it costs less, so breaks spread
// over the intervals with agents to spare (staggering).
func placeAllBreaks(s *state) {
	for pass := 0; pass < 2; pass++ {
		for i := range s.asg {
			if !s.asg[i].alive || len(s.p.Pats[s.asg[i].pat].Needs) == 0 {
				continue
			}
			before := s.objective()
			s.begin()
			s.rebreak(int32(i))
			if s.objective() > before+1e-9 {
				s.rollback()
			} else {
				s.commit()
			}
		}
	}
}

// roster writes the state out as plain data, shifts by agent and start.
func (s *state) roster() roster.Roster {
	p := s.p
	g := &p.G
	var r roster.Roster
	var idx []int
	for i := range s.asg {
		if s.asg[i].alive {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(x, y int) bool {
		a, b := &s.asg[idx[x]], &s.asg[idx[y]]
		if a.agent != b.agent {
			return a.agent < b.agent
		}
		return p.Pats[a.pat].First < p.Pats[b.pat].First
	})
	for _, i := range idx {
		as := &s.asg[i]
		pt := &p.Pats[as.pat]
		sh := roster.Shift{AgentID: p.M.Agents[as.agent].ID, Template: p.M.Templates[pt.Tmpl].Name}
		if as.skill >= 0 {
			sh.Skill = p.M.Demand.Skills[as.skill].Skill
		}
		for _, b := range pt.Blocks {
			sh.Blocks = append(sh.Blocks, roster.Span{Start: g.TimeOf(int(b.S)), End: g.TimeOf(int(b.E))})
		}
		for j, n := range pt.Needs {
			br := p.M.Breaks[n.Rule]
			sh.Breaks = append(sh.Breaks, roster.Break{Rule: br.Name, Start: g.TimeOf(int(as.brk[j])), End: g.TimeOf(int(as.brk[j] + n.Dur)), Paid: br.Paid})
		}
		sort.Slice(sh.Breaks, func(x, y int) bool { return sh.Breaks[x].Start.Before(sh.Breaks[y].Start) })
		r.Shifts = append(r.Shifts, sh)
	}
	return r
}
