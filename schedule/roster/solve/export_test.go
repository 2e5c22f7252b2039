package solve

// The helpers the external tests (package roster_test) share with this
// package's own: they read the example team with package rosterio, which
// imports roster and so cannot be imported by roster's internal tests.
var (
	ScaleModel        = scaleModel
	WriteCase         = writeCase
	Double11Demand    = double11Demand
	PlanHiresDouble11 = planHiresDouble11
)
