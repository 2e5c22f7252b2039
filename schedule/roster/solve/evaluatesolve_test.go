package solve

import (
	"math"
	"testing"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// TestEvaluateMatchesSolver: the solver's incremental objective after the
// search equals the independent evaluation's objective.
func TestEvaluateMatchesSolver(t *testing.T) {
	for i, in := range invariantCases(t)[:3] {
		m := in.Model()
		res := solveOK(t, m, Options{Seed: 5, Iterations: 20_000}, true)
		var improve Stage
		for _, s := range res.Stages {
			if s.Name == "improve" {
				improve = s
			}
		}
		got := res.Evaluation.Objective(roster.DefaultWeights())
		if math.Abs(got-improve.Objective) > 1e-6*max(1, math.Abs(got)) {
			t.Errorf("case %d: evaluation objective %.6f, solver's %.6f", i, got, improve.Objective)
		}
	}
}
