package plan

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/sample"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/plantest"
)

// smallPlan writes testdata/small.yaml and a small sample (5% of the
// story's shop) into a temporary folder and returns the plan's path.
func smallPlan(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	opts := sample.DefaultOptions()
	opts.Scale = 0.05
	plantest.WriteSample(t, dir, opts)
	data, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runSmallPlan loads the small plan, lets edit change it (nil: as it is),
// runs it into out/ beside it and returns the result and that folder.
func runSmallPlan(t *testing.T, edit func(*config.Plan)) (*Result, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs a plan")
	}
	path := smallPlan(t)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(p)
	}
	out := filepath.Join(filepath.Dir(path), "out")
	res, err := Run(context.Background(), Options{Plan: p, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	return res, out
}

// TestLoadPlacesEveryProblem: a plan with an unknown key and a bad value
// is refused whole, each problem at its file, line, column and key, and
// classified as invalid data (exit 3).
func TestLoadPlacesEveryProblem(t *testing.T) {
	path := filepath.Join("testdata", "bad.yaml")
	_, err := Load(path)
	if err == nil {
		t.Fatal("the bad plan loaded")
	}
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("%v: not invalid data (exit %d)", err, diag.ExitCode(err))
	}
	msg := err.Error()
	for _, want := range []string{path + ":7:1: colour: unknown key", path + ":11:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the problems do not say %q:\n%s", want, msg)
		}
	}
	var pe *diag.Error
	if !errors.As(err, &pe) || pe.File != path || pe.Line != 7 || pe.Field != "colour" {
		t.Errorf("first problem %+v, want %s line 7 key colour", pe, path)
	}
}

// TestLoadChecksTheFilesItNames: the small plan loads; its paths resolve
// against the plan's folder.
func TestLoadChecksTheFilesItNames(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a sample")
	}
	path := smallPlan(t)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "small shop" || len(p.History) != 2 || len(p.Scenarios) != 1 {
		t.Fatalf("plan %q: %d history files, %d scenarios", p.Name, len(p.History), len(p.Scenarios))
	}
	if got, want := p.Resolve(p.History[0].File), filepath.Join(filepath.Dir(path), "sample", "zendesk_tickets_2025H2.csv"); got != want {
		t.Errorf("history resolves to %s, want %s", got, want)
	}
	in := Inputs(p)
	if len(in) != 3 || in[0] != path {
		t.Errorf("inputs %v: want the plan and its two exports", in)
	}
}

// TestRunWritesTheSet runs the small plan as a library: the whole set is
// written, progress goes to the writer given, the summary agrees with the
// staffing, the scenario raises the volume by half, and a second run
// without Force refuses to replace the set.
func TestRunWritesTheSet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a plan")
	}
	path := smallPlan(t)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(path), "out")
	var progress bytes.Buffer
	res, err := Run(context.Background(), Options{Plan: p, Out: out, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"== importing 2 history files", "== forecasting", "== computing the agents", "== simulating", "== running 1 scenarios"} {
		if !strings.Contains(progress.String(), stage) {
			t.Errorf("progress has no %q:\n%s", stage, progress.String())
		}
	}
	var names []string
	for _, o := range res.Outputs {
		names = append(names, filepath.Base(o))
		if _, err := os.Stat(o); err != nil {
			t.Errorf("output %s: %v", o, err)
		}
	}
	want := "contacts.csv forecast.csv requirements.csv plan.xlsx report.html " + outfile.ManifestName
	if strings.Join(names, " ") != want {
		t.Errorf("outputs %v, want %s", names, want)
	}
	if res.Short() != nil || res.Schedule != nil {
		t.Errorf("a plan without a team has a roster: %v", res.Short())
	}

	sum := res.Summary()
	if sum.Plan != "small shop" || sum.Season != "2026-11-23..2026-11-29" || sum.PeakRequired <= 0 {
		t.Errorf("summary %q %q peak %d", sum.Plan, sum.Season, sum.PeakRequired)
	}
	for _, ch := range []string{"phone", "email"} {
		if sum.ByChannel[ch].Contacts <= 0 {
			t.Errorf("no %s contacts in the summary: %+v", ch, sum.ByChannel)
		}
	}
	hours := 0.0
	for _, g := range res.Staffing.Plan.Groups {
		hours += g.ScheduledHours
	}
	if math.Abs(sum.RequiredHours-hours) > 0.05 {
		t.Errorf("required hours %v, the groups' %v", sum.RequiredHours, hours)
	}
	if len(res.Scenarios) != 2 || res.Scenarios[0].Name != "baseline" || res.Scenarios[1].Name != "volume +50%" {
		t.Fatalf("scenarios %+v", res.Scenarios)
	}
	if ratio := res.Scenarios[1].Contacts / res.Scenarios[0].Contacts; math.Abs(ratio-1.5) > 0.01 {
		t.Errorf("volume +50%%: %.3f x the baseline's contacts", ratio)
	}
	if res.Report == nil || res.Report.Title != "small shop" {
		t.Errorf("report model %+v", res.Report)
	}

	if _, err := Run(context.Background(), Options{Plan: p, Out: out}); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("a second run without Force: %v (exit %d), want a usage error", err, diag.ExitCode(err))
	}
}

// TestRunInterruptedWritesNothing: a run whose context is done before a
// roster exists writes nothing and says so (exit 130).
func TestRunInterruptedWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a plan")
	}
	path := smallPlan(t)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(filepath.Dir(path), "out")
	_, err = Run(ctx, Options{Plan: p, Out: out})
	if !errors.Is(err, diag.ErrInterrupted) || diag.ExitCode(err) != diag.ExitInterrupted {
		t.Fatalf("cancelled run: %v (exit %d)", err, diag.ExitCode(err))
	}
	if _, err := os.Stat(filepath.Join(out, "contacts.csv")); !os.IsNotExist(err) {
		t.Errorf("an interrupted run wrote contacts.csv: %v", err)
	}
}
