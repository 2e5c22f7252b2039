package plancmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/sample"
	"github.com/peakstaff/peakstaff/plan/config"
)

// demoWithoutTeam writes the bundled sample and the demo plan without its
// team (and the scenario that hires into it) to a temporary folder.
func demoWithoutTeam(t *testing.T) *config.Plan {
	t.Helper()
	dir := t.TempDir()
	writeSample(t, dir, sample.DefaultOptions())
	data, err := os.ReadFile("../../../testdata/demo/plan.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	text = text[:strings.Index(text, "\nteam:")] + "\n" + text[strings.Index(text, "\n# What-if"):]
	text = text[:strings.Index(text, "  - name: five more outsourced")]
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := config.LoadPlan(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// writeSample writes the sample exports of opts to dir/sample.
func writeSample(t *testing.T, dir string, opts sample.Options) {
	t.Helper()
	files, err := sample.Files(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "sample"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		out, err := os.Create(filepath.Join(dir, "sample", f.Name))
		if err != nil {
			t.Fatal(err)
		}
		err = f.Write(out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
