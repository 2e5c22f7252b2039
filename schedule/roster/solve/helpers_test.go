package solve

import (
	"context"
	"testing"

	"github.com/peakstaff/peakstaff/schedule/roster"
)

// solveOK solves m and fails the test on an error other than
// ErrInfeasible or ErrUndecided (allowed when shortOK) and on any rule the roster breaks.
func solveOK(t testing.TB, m *roster.Model, opt Options, shortOK bool) *Result {
	t.Helper()
	res, err := Solve(context.Background(), m, opt)
	if err != nil && !(shortOK && IsShort(err)) {
		t.Fatalf("Solve: %v", err)
	}
	if res == nil {
		t.Fatalf("Solve returned no result (err %v)", err)
	}
	for i, v := range res.Evaluation.Violations {
		if i == 10 {
			t.Errorf("... %d violations in all", len(res.Evaluation.Violations))
			break
		}
		t.Errorf("violation: %v", v)
	}
	return res
}
