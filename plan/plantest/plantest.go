// Package plantest holds what the tests of the plan library and of the
// plan commands share: the bundled sample written to a folder, and the
// demo plan without its team.
package plantest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/sample"
	"github.com/peakstaff/peakstaff/plan/config"
)

// DemoWithoutTeam writes the bundled sample and the demo plan read from
// demoPlan (testdata/demo/plan.yaml, relative to the caller's folder)
// without its team (and the scenario that hires into it) to a temporary
// folder, and loads it.
func DemoWithoutTeam(tb testing.TB, demoPlan string) *config.Plan {
	tb.Helper()
	dir := tb.TempDir()
	WriteSample(tb, dir, sample.DefaultOptions())
	data, err := os.ReadFile(demoPlan)
	if err != nil {
		tb.Fatal(err)
	}
	text := string(data)
	text = text[:strings.Index(text, "\nteam:")] + "\n" + text[strings.Index(text, "\n# What-if"):]
	text = text[:strings.Index(text, "  - name: five more outsourced")]
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	p, err := config.LoadPlan(path)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// WriteSample writes the sample exports of opts to dir/sample.
func WriteSample(tb testing.TB, dir string, opts sample.Options) {
	tb.Helper()
	files, err := sample.Files(opts)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "sample"), 0o755); err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		out, err := os.Create(filepath.Join(dir, "sample", f.Name))
		if err != nil {
			tb.Fatal(err)
		}
		err = f.Write(out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
}
