package solve

import (
	"errors"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/bound"
)

// Stop is why the local search ended.
type Stop string

// The ends of a search. Only StopConverged lets a shortfall stand as the
// team's: the others leave it undecided unless a bound proves it.
const (
	// StopConverged: the annealing ran its whole schedule of moves, plain
	// descent then stalled (stallWindow moves in a row lowered neither
	// the shortfall nor the objective by a ten-thousandth), and a full
	// pass over every short stretch and rule gap found no free agent
	// whose shift there (the candidates Explain tries) lowers the
	// objective, nor, for an agent kept off only by the weekly hours, a
	// shift there (of the few that pay best on their own) with their
	// other shifts of that week shortened to fit; and, for a roster with
	// gaps, a whole further round of the same, from the best roster,
	// lowered neither the shortfall nor the leads and veterans missing.
	StopConverged Stop = "converged"
	// StopTimeLimit: Options.TimeLimit ended the search, or was shorter
	// than its schedule of moves, so that the annealing cooled by the
	// clock and ended before it could converge.
	StopTimeLimit Stop = "time_limit"
	// StopInterrupted: the context ended the search.
	StopInterrupted Stop = "interrupted"
	// StopMoveLimit: twice the budget of moves went by and the descent
	// still improved.
	StopMoveLimit Stop = "move_limit"
)

// Search is how the local search ended and how far it got.
type Search struct {
	Stop Stop
	// Moves is the moves tried, Budget the length of the annealing
	// schedule in moves (Options.Iterations or its default).
	Moves, Budget int
	// Rounds is the rounds of annealing: a roster with gaps gets another
	// round while the last one lowered them.
	Rounds int
	// Repairs is the shifts the final passes over the short stretches
	// added.
	Repairs int
	// Elapsed is the time from the start of Solve to the end of the
	// search.
	Elapsed time.Duration
	// Trace is the shortfall and objective from the start of the search
	// to its end, at most maxTrace points spread over it: the trend.
	Trace []SearchPoint
	// Bound is the shortfall no roster of the model avoids.
	Bound bound.ShortfallBound
}

// SearchPoint is the state of the search after Moves moves.
type SearchPoint struct {
	Elapsed       time.Duration // since the start of Solve
	Moves         int
	ShortageHours float64
	Objective     float64
}

// Converged reports whether the search ended by converging.
func (s *Search) Converged() bool { return s.Stop == StopConverged }

// Earlier is the point of the trace a quarter of the search's time
// before its end (the first point when the search was short): with the
// last point, the trend of the shortfall. ok is false without a trace.
func (s *Search) Earlier() (p SearchPoint, ok bool) {
	if len(s.Trace) == 0 {
		return SearchPoint{}, false
	}
	first, last := s.Trace[0], s.Trace[len(s.Trace)-1]
	at := last.Elapsed - (last.Elapsed-first.Elapsed)/4
	p = first
	for _, q := range s.Trace {
		if q.Elapsed <= at {
			p = q
		}
	}
	return p, true
}

// Verdict is what a solve says about covering the requirement.
type Verdict string

// The verdicts, from Result.Verdict and InfeasibleError.
const (
	// VerdictCovered: every interval covered, no lead or veteran
	// missing, the reserve full.
	VerdictCovered Verdict = "covered"
	// VerdictProven: a shortfall no roster avoids (Search.Bound.Hours > 0).
	VerdictProven Verdict = "short_proven"
	// VerdictConverged: the search converged and left requirement unmet,
	// leads or veterans missing or reserve places empty.
	VerdictConverged Verdict = "short_converged"
	// VerdictUndecided: the search stopped before it converged (time
	// limit, interruption) with gaps no bound proves: a longer search may
	// close them.
	VerdictUndecided Verdict = "undecided"
)

// ErrUndecided means the search stopped before it converged and left
// gaps that nothing proves the team cannot close. The roster returned
// with it is the best found, every rule kept; a longer time limit may
// cover the requirement. Unlike ErrInfeasible it says nothing about the
// team.
var ErrUndecided = diag.New(diag.Undecided, "the search stopped before it converged; the gaps are not proven")

// IsShort reports whether err is Solve's *InfeasibleError, returned
// together with a roster that leaves gaps (ErrInfeasible or
// ErrUndecided).
func IsShort(err error) bool {
	var ie *InfeasibleError
	return errors.As(err, &ie)
}

// DefaultTimeLimit is the time limit for m when the planner gives none:
// a minute plus 3 ms per agent and day of the horizon (4.2 minutes for
// 3,000 agents over 21 days, 11.5 for 10,000). On one core of a 2-vCPU
// machine a round of the search takes about 1.1 ms per agent and day
// (BENCHMARKS.md), and a roster with gaps needs at least two: the limit
// lets the search end by converging and only guards against a much
// slower machine.
func DefaultTimeLimit(m *roster.Model) time.Duration {
	days := int(time.Duration(m.Demand.Intervals()) * m.Demand.Interval / (24 * time.Hour))
	return time.Minute + time.Duration(len(m.Agents)*max(days, 1))*3*time.Millisecond
}

// maxTrace bounds the points kept in Search.Trace.
const maxTrace = 64

// tracer keeps at most maxTrace points evenly spread over a search of
// unknown length: when full, it drops every other point and keeps one
// offered point in twice as many from then on.
type tracer struct {
	points []SearchPoint
	every  int
	seen   int
}

func (tr *tracer) add(p SearchPoint) {
	if tr.every == 0 {
		tr.every = 1
	}
	tr.seen++
	if (tr.seen-1)%tr.every != 0 {
		return
	}
	if len(tr.points) == maxTrace {
		for i := 0; i < maxTrace/2; i++ {
			tr.points[i] = tr.points[2*i]
		}
		tr.points = tr.points[:maxTrace/2]
		tr.every *= 2
		if (tr.seen-1)%tr.every != 0 {
			return
		}
	}
	tr.points = append(tr.points, p)
}

// final adds the search's last point whatever the spacing.
func (tr *tracer) final(p SearchPoint) []SearchPoint {
	if n := len(tr.points); n > 0 && tr.points[n-1].Moves == p.Moves {
		tr.points[n-1] = p
	} else {
		if n == maxTrace {
			tr.points = tr.points[:n-1]
		}
		tr.points = append(tr.points, p)
	}
	return tr.points
}
