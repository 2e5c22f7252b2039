package plancmd

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/plantest"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
)

// TestDemoLeavesItsPlan: the demo writes its plan next to its sample, so
// that the plan loads from there with every file it names, and tells how
// to run it again. (The demo plan without its team, to keep it short.)
func TestDemoLeavesItsPlan(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	src := plantest.DemoWithoutTeam(t, "../../../testdata/demo/plan.yaml")
	data, err := os.ReadFile(src.Path)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	ios, _, _, stderr := iostreams.Test()
	err = demoRun(&DemoOptions{IO: ios, Out: out, PlanFile: src.Path})
	if err != nil && !errors.Is(err, solve.ErrInfeasible) {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(filepath.Join(out, "plan.yaml"))
	if err != nil || !bytes.Equal(copied, data) {
		t.Fatalf("plan next to the sample: %v, same as the demo's: %v", err, bytes.Equal(copied, data))
	}
	p, err := config.LoadPlan(filepath.Join(out, "plan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range p.History {
		if _, err := os.Stat(p.Resolve(h.File)); err != nil {
			t.Errorf("the plan's history %s: %v", h.File, err)
		}
	}
	if !strings.Contains(stderr.String(), "peakstaff compare "+filepath.Join(out, "plan.yaml")) {
		t.Errorf("the demo does not say how to compare its plan:\n%s", stderr.String())
	}
}
