// Package roster builds rosters for named agents: shifts with breaks that
// cover a requirement per interval and skill, keep every labour rule, put
// veterans on the peaks, lead every squad and keep a reserve on call; and
// it evaluates any roster against the same rules (issue 5).
//
// # Model
//
// A Model is plain data with Validate: Agents (tier, skills, weekly and
// daily hours, availability, days off, cost, whether they can lead),
// ShiftTemplates (start windows and lengths in steps, or split templates
// whose shifts take two or three of a peak day's blocks with rest between
// them), BreakRules (a window measured from a block's start and end,
// required above a block length, paid or not), Rules (rest between shifts
// and blocks, weekly rest, consecutive days, days off per week with
// optional two-day weekends, hours per day and week, overtime; see Preset
// for eu and cn), a LeadRule, a VeteranRule, a ReserveRule and the Demand
// (agents required per interval and skill).
//
// Time is the demand's interval grid in the demand's time zone. A shift
// belongs to the day it starts on; an agent works at most one shift a day.
// Days off, weeks (from Rules.WeekStart) and months are calendar days of
// that time zone. Hours in limits are paid working time: blocks less
// unpaid breaks. Coverage counts agents on the queue (breaks excluded);
// the lead and veteran rules count agents on site (breaks included).
//
// # Solving
//
// Solve runs a pipeline of named stages: candidates, coverage index,
// construct, assign, breaks, improve, reserve, evaluate (see Solve). Hard
// rules (every agent's own: availability, rest, hours, days off) are never
// broken; the lead and veteran rules are soft, so that scarce leads never
// keep a day without shifts: the objective (Weights, kept apart from the
// model) weighs shortage, leads and veterans missing, excess, staffed
// hours, cost, missing contract hours and the spread across agents of
// hours, nights, weekends and peak hours. A roster that cannot cover
// everything, or leaves leads or veterans missing, is still returned, with
// its unmet intervals, its rule gaps (apart from the shortfall) and
// ErrInfeasible (the CLI's exit code 4) when that is the team's: a bound
// proves the shortfall (ShortfallBound), or the search converged with it
// (StopConverged). A search the time limit or the context ends first
// returns ErrUndecided instead (exit code 5), with how far it got
// (Result.Search: the shortfall's trace, the moves against the budget).
// The search is anytime: rounds of annealing from the best roster so far
// while they lower the gaps, each ending in plain descent and a final
// pass over every short stretch; DefaultTimeLimit grows with the team.
//
// # Evaluation
//
// Evaluate recomputes everything from a roster's times alone: coverage
// per interval and skill, shortfall and excess, the lead and veteran
// checks and their gaps, hours, nights, weekends and peak hours per
// agent, every rule broken, cost, and the gap to LowerBound, an LP bound
// on staffed hours.
//
// # Files
//
// Package rosterio reads a team's agents.csv and rules.yaml into this
// package's model; testdata/roster in the repository holds complete
// examples.
package roster
