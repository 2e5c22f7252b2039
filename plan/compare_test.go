package plan

import (
	"context"
	"reflect"
	"runtime"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan/plantest"
)

// TestCompareSideBySide: the scenarios run side by side give the figures
// they give one after another, in the plan's order.
func TestCompareSideBySide(t *testing.T) {
	p := plantest.DemoWithoutTeam(t, "../testdata/demo/plan.yaml")
	r, err := Execute(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	scenarios := AllScenarios(p)
	if len(scenarios) < 2 {
		t.Fatalf("the demo plan has %d scenarios, want several", len(scenarios))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one, err := r.Compare(context.Background(), scenarios)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GOMAXPROCS(4)
	many, err := r.Compare(context.Background(), scenarios)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, many) {
		t.Errorf("side by side:\n%+v\none by one:\n%+v", many, one)
	}
	for i, sc := range scenarios {
		if many[i+1].Name != sc.Name {
			t.Errorf("row %d is %q, want %q", i+1, many[i+1].Name, sc.Name)
		}
	}
}

// TestCompareInterrupted: a cancelled context stops the scenarios with
// the interrupted class (exit 130).
func TestCompareInterrupted(t *testing.T) {
	p := plantest.DemoWithoutTeam(t, "../testdata/demo/plan.yaml")
	r, err := Execute(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Compare(ctx, AllScenarios(p)); diag.ExitCode(err) != diag.ExitInterrupted {
		t.Errorf("err %v: exit %d, want %d", err, diag.ExitCode(err), diag.ExitInterrupted)
	}
}
