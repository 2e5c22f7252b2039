// Package shiftdesign solves the Shift Design problem, the requirements-file
// mode of the scheduler: given a requirement of agents
// per interval over a horizon of days and shift templates (start windows,
// lengths, days, caps), choose the shifts (start time and length) and how
// many agents work each on each day, minimising
//
//	Shortage·shortage + Excess·excess + DistinctShifts·distinct + Shifts·agentShifts
//
// where shortage and excess are agent-minutes below and above the
// requirement summed over the horizon, distinct counts the (start, length)
// pairs used on at least one day and agentShifts the agent-shifts. This is
// the objective of the DBAI benchmark (Musliu, Schaerf, Slany, EJOR 153,
// 2004; instances at http://www.dbai.tuwien.ac.at/proj/Rota/).
//
// The pieces are kept apart, as the issue asks: Model is plain data with
// Validate; Evaluate scores any Plan exactly, slot by slot, and reports the
// rules it breaks; Solve searches (candidate shifts -> a min-cost flow per
// set of shifts -> iterated local search over sets) and hands its plan to
// Evaluate; LowerBound and LowerBoundHours give the linear relaxation of the
// covering model, the bound the named-agent scheduler reports its staffed
// hours against; ReadInstance reads the DBAI files for tests and
// benchmarks.
//
// Time. Interval 0 starts at 00:00 of day 0; a template's start window is a
// time of day and may cross midnight. Internally the horizon is cut into
// slots of the greatest common divisor of the interval and every template
// time, so a shift that starts inside an interval is scored exactly in
// agent-minutes.
package shiftdesign
