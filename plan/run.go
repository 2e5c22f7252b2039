package plan

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Options are the inputs of Run.
type Options struct {
	// Plan is the plan to run, as Load returns it.
	Plan *config.Plan
	// Out is the folder of the output set (created if missing); Force
	// replaces a set that is there.
	Out   string
	Force bool
	// Progress receives one line per stage ("== ..."); nil for none.
	Progress io.Writer
	// Now stamps the report (time.Now when nil).
	Now func() time.Time
}

// Outputs are every name a plan may write into its folder; a set that
// has no roster removes an earlier set's roster.csv and ics/.
var Outputs = []string{"contacts.csv", "forecast.csv", "requirements.csv", "plan.xlsx", "report.html", "roster.csv", "ics"}

// Run does the whole job of a plan: it executes the plan, runs its
// scenarios, and writes the output set into opts.Out (contacts.csv,
// forecast.csv, requirements.csv, plan.xlsx, report.html, with a team
// roster.csv and ics/, and the manifest). Every output is checked and the
// folder locked before any work; the set is written aside and moved into
// place whole at the end, so a failed or interrupted run leaves the set
// the folder had. No output may overwrite a file the plan reads.
//
// A roster with gaps is not an error of Run: the set is written and
// Result.Short returns the roster's typed error. When ctx is cancelled
// before the roster, Run writes nothing and returns diag.ErrInterrupted;
// after it, the best roster found so far is written (without the
// scenarios when they were cut short).
func Run(ctx context.Context, opts Options) (*Result, error) {
	p := opts.Plan
	inputs := Inputs(p)
	set, err := outfile.BeginOutputSet(opts.Out, Outputs, opts.Force, inputs)
	if err != nil {
		return nil, err
	}
	defer set.Abort()
	outfile.TestPause("begun")
	r, err := Execute(ctx, p, opts.Progress)
	if ctx.Err() != nil && (err != nil || r.Schedule == nil) {
		return nil, fmt.Errorf("%w: nothing written, %s holds the set it had", diag.ErrInterrupted, opts.Out)
	}
	if err != nil {
		return nil, err
	}
	w := &outputWriter{stage: set.Stage, dir: opts.Out, inputs: inputs}
	if err := r.writeData(w); err != nil {
		return nil, err
	}
	if len(p.Scenarios) > 0 {
		step(opts.Progress, "running %d scenarios", len(p.Scenarios))
		if r.Scenarios, err = r.Compare(ctx, AllScenarios(p)); err != nil {
			if ctx.Err() == nil {
				return nil, err
			}
			// interrupted during the scenarios: the baseline is whole, so
			// the set is written without the scenarios' table
			r.Scenarios = nil
			r.Warnings = append(r.Warnings, "interrupted: the scenarios were not run; the set holds the baseline only")
		}
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	r.Report = r.Model(now())
	if err := writeReport(w, r.Report); err != nil {
		return nil, err
	}
	if err := set.Commit(manifest(p.Path, inputs)); err != nil {
		return nil, err
	}
	r.Outputs = append(w.outputs, filepath.Join(opts.Out, outfile.ManifestName))
	return r, nil
}

// AllScenarios are the plan's scenarios in the plan's order.
func AllScenarios(p *config.Plan) []*config.Scenario {
	var out []*config.Scenario
	for i := range p.Scenarios {
		out = append(out, &p.Scenarios[i])
	}
	return out
}

// Inputs are the files the plan reads: the plan, its history, types,
// orders, agents and rules files. No output may overwrite one.
func Inputs(p *config.Plan) []string {
	inputs := []string{p.Path}
	for _, h := range p.History {
		inputs = append(inputs, p.Resolve(h.File))
	}
	if p.Types != "" {
		inputs = append(inputs, p.Resolve(p.Types))
	}
	if o := p.Forecast.Orders; o != nil {
		inputs = append(inputs, p.Resolve(o.File))
	}
	if t := p.Team; t != nil {
		if t.Agents != "" {
			inputs = append(inputs, p.Resolve(t.Agents))
		}
		if t.Rules.Kind == yaml.ScalarNode && t.Rules.Value != "" {
			inputs = append(inputs, p.Resolve(t.Rules.Value))
		}
	}
	return inputs
}

// outputWriter writes the files of an output set into its stage folder
// and lists their final paths.
type outputWriter struct {
	stage, dir string
	inputs     []string
	outputs    []string
}

// file writes one output of the set atomically.
func (o *outputWriter) file(name string, fill func(w io.Writer) error) error {
	if err := outfile.WriteFileAtomic(filepath.Join(o.stage, name), true, o.inputs, fill); err != nil {
		return err
	}
	o.outputs = append(o.outputs, filepath.Join(o.dir, name))
	outfile.TestPause("staged " + name)
	return nil
}

// writeData writes the contacts, the forecast and the requirements.
func (r *Result) writeData(w *outputWriter) error {
	if err := w.file("contacts.csv", func(f io.Writer) error { return importers.WriteCSV(f, r.Set.All()) }); err != nil {
		return err
	}
	if err := w.file("forecast.csv", func(f io.Writer) error {
		return forecast.WriteIntervalsCSV(f, r.staffedForecast(), r.Plan.Forecast.Quantile)
	}); err != nil {
		return err
	}
	return w.file("requirements.csv", func(f io.Writer) error {
		return require.WriteRequirementsCSV(f, r.Staffing.Plan)
	})
}

// staffedForecast is the forecast with the handle times the staffing
// used (pipeline.SlotAHT): the plan's issue_types and channels handle
// times in place of the history's, so that forecast.csv's contacts times
// aht_seconds add up to the workload the requirements were computed from.
func (r *Result) staffedForecast() *forecast.Result {
	f := *r.Forecast
	f.Slots = make([]forecast.Interval, len(r.Forecast.Slots))
	for i, s := range r.Forecast.Slots {
		s.AHT, _ = pipeline.SlotAHT(r.Plan, &s)
		f.Slots[i] = s
	}
	return &f
}

// manifest lists the plan's inputs with their sizes and hashes.
func manifest(planFile string, inputs []string) outfile.Manifest {
	m := outfile.Manifest{Version: outfile.Version, Created: time.Now().UTC().Truncate(time.Second)}
	if h, err := outfile.HashFile(planFile); err == nil {
		m.PlanHash = h.SHA256
	}
	for _, in := range inputs {
		if h, err := outfile.HashFile(in); err == nil {
			m.Inputs = append(m.Inputs, h)
		}
	}
	return m
}
