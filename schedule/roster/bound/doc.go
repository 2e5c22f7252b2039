// Package bound proves lower bounds for the model of package roster:
// LowerBound, an LP bound on the staffed hours of any roster that covers
// the requirement (column generation over the candidate shifts with
// package schedule/internal/coverlp), and Shortfall, a bound on the
// shortfall no roster of the team can avoid (a ShortfallBound). Both work
// on the compiled problem of package roster/internal/compiled, the one
// the solver searches, so that a bound and a roster count the same
// candidate shifts.
package bound
