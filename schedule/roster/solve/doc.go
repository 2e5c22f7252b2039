// Package solve builds rosters for the model of package roster: shifts
// with breaks that cover a requirement per interval and skill, keep every
// labour rule, put veterans on the peaks, lead every squad and keep a
// reserve on call. Explain says why intervals stay short and PlanHires
// finds the hires that close the gaps.
//
// Solve runs a pipeline of named stages: candidates, coverage index,
// construct, assign, breaks, improve, reserve, evaluate (see Solve). Hard
// rules (every agent's own: availability, rest, hours, days off) are never
// broken; the lead and veteran rules are soft, so that scarce leads never
// keep a day without shifts: the objective (roster.Weights, kept apart from
// the model) weighs shortage, leads and veterans missing, excess, staffed
// hours, cost, missing contract hours and the spread across agents of
// hours, nights, weekends and peak hours. A roster that cannot cover
// everything, or leaves leads or veterans missing, is still returned, with
// its unmet intervals, its rule gaps (apart from the shortfall) and
// ErrInfeasible (the CLI's exit code 4) when that is the team's: a bound
// proves the shortfall (package bound's Shortfall), or the search converged with it
// (StopConverged). A search the time limit or the context ends first
// returns ErrUndecided instead (exit code 5), with how far it got
// (Result.Search: the shortfall's trace, the moves against the budget).
// The search is anytime: rounds of annealing from the best roster so far
// while they lower the gaps, each ending in plain descent and a final
// pass over every short stretch; DefaultTimeLimit grows with the team.
//
// The model is compiled once (package roster/internal/compiled: the
// candidate shifts and the coverage index); the final evaluation is
// roster.Evaluate with the lower bound of package bound attached.
package solve
