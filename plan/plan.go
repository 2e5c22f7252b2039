// Package plan runs a peakstaff plan file as a library, without a command
// line: Load reads and checks the plan, Execute runs its stages (import ->
// forecast -> staffing -> roster -> simulation), Compare runs its what-if
// scenarios beside the baseline, and Run does the whole job and writes the
// output set into a folder atomically. Progress lines go to an io.Writer
// the caller gives (nil for none); nothing is printed otherwise.
//
// The plan schema is package plan/config; the stages themselves are in
// package plan/pipeline.
package plan

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Load reads and checks a plan file, and the rules and agents files it
// names; its paths resolve against the file's folder. Every problem is
// returned at once, each at its file, line, column and key
// (a diag.List of diag.Error, of the class diag.InvalidData).
func Load(path string) (*config.Plan, error) { return config.LoadPlan(path) }

// Result holds everything one plan run produced. Execute fills the
// stages; Run adds the scenarios, the report model and the outputs.
type Result struct {
	Plan     *config.Plan
	Set      *importers.Set
	Inputs   []string
	History  *forecast.History
	Forecast *forecast.Result
	Staffing *pipeline.Staffing
	Schedule *pipeline.Schedule // nil when the plan has no team
	Sim      []pipeline.SimCheck
	Warnings []string
	Notes    []string

	// Scenarios are the baseline and the plan's scenarios side by side
	// (Run; empty when the plan has none).
	Scenarios []pipeline.Summary
	// Report is the model the workbook and the HTML report were written
	// from (Run).
	Report *report.Model
	// Outputs are the paths Run wrote, the manifest last.
	Outputs []string
}

// Short is the roster's typed error when it leaves gaps (roster.IsShort:
// exit 4, or 5 when its search stopped early), nil otherwise. The partial
// roster is still in the result and the outputs.
func (r *Result) Short() error {
	if r.Schedule != nil && r.Schedule.Infeasible != nil {
		return r.Schedule.Infeasible
	}
	return nil
}

// Execute runs import -> forecast -> staffing -> roster -> simulation for
// the plan (no scenario). Once ctx is cancelled the roster search stops and
// returns the best roster found so far. Progress lines ("== stage") go to
// progress when it is not nil.
func Execute(ctx context.Context, p *config.Plan, progress io.Writer) (*Result, error) {
	r := &Result{Plan: p}
	stages := []func(context.Context, io.Writer) error{r.importHistory, r.forecast, r.staff, r.buildRoster, r.simulate}
	for _, stage := range stages {
		if err := stage(ctx, progress); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// step writes one progress line.
func step(progress io.Writer, format string, a ...any) {
	if progress != nil {
		fmt.Fprintf(progress, "== "+format+"\n", a...)
	}
}

// importHistory reads the plan's exports; bad rows and implausible
// contacts become warnings, as import shows them.
func (r *Result) importHistory(_ context.Context, progress io.Writer) error {
	p := r.Plan
	step(progress, "importing %d history files", len(p.History))
	set, inputs, err := pipeline.Import(p)
	if err != nil {
		return err
	}
	r.Set, r.Inputs = set, inputs
	for _, f := range set.Files {
		for _, w := range f.Warnings {
			r.Warnings = append(r.Warnings, f.Path+": "+w)
		}
		if f.ErrorCount > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: %d bad rows or values (run peakstaff import on it for the list)", f.Path, f.ErrorCount))
		}
	}
	for _, w := range importers.Plausibility(set.All()) {
		r.Warnings = append(r.Warnings, textsafe.Message(w))
	}
	return nil
}

// forecast builds the history and forecasts the season.
func (r *Result) forecast(_ context.Context, progress io.Writer) error {
	p := r.Plan
	step(progress, "forecasting %s (%d contacts of history)", p.Season.Range, r.Set.Summarize().Contacts)
	h, _, err := forecast.HistoryOf(r.Set.All(), p.Season.Location, time.Duration(p.Season.Interval))
	if err != nil {
		return fmt.Errorf("%w: %w", importers.ErrInvalidData, err)
	}
	r.History = h
	res, err := pipeline.Forecast(p, h, nil)
	if err != nil {
		return err
	}
	r.Forecast = res
	r.Warnings = append(r.Warnings, res.Warnings...)
	r.Notes = append(r.Notes, res.Notes...)
	return nil
}

// staff computes the agents needed per interval and staffing group.
func (r *Result) staff(_ context.Context, progress io.Writer) error {
	step(progress, "computing the agents needed per interval")
	st, err := pipeline.Staff(r.Plan, r.Forecast, nil)
	if err != nil {
		return err
	}
	r.Staffing = st
	r.Notes = append(r.Notes, st.Notes...)
	if st.Infeasible != nil {
		r.Warnings = append(r.Warnings, st.Infeasible.Error())
	}
	return nil
}

// buildRoster rosters the plan's team (none without a team) and warns of
// the gaps it leaves.
func (r *Result) buildRoster(ctx context.Context, progress io.Writer) error {
	p := r.Plan
	if p.Team == nil {
		return nil
	}
	if p.Team.TimeLimit > 0 {
		step(progress, "building the roster (time limit %s)", civil.FormatDuration(time.Duration(p.Team.TimeLimit)))
	} else {
		step(progress, "building the roster (until the search converges)")
	}
	outfile.TestPauseContext(ctx, "roster")
	last := time.Now()
	sch, err := pipeline.BuildRoster(ctx, p, r.Staffing, pipeline.RosterOptions{Progress: func(pr solve.Progress) {
		if progress != nil && time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(progress, "   %s %.0fs objective %.0f, %d shifts\n", pr.Stage, pr.Elapsed.Seconds(), pr.Objective, pr.Shifts)
		}
	}})
	if err != nil {
		return err
	}
	r.Schedule = sch
	if ev := sch.Result.Evaluation; ev != nil && len(ev.Unmet) > 0 {
		short := map[int64]bool{}
		for _, u := range ev.Unmet {
			short[u.Start.Unix()] = true
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("the roster leaves %d intervals short (%s agent-hours); the Why short sheet says why", len(short), report.FmtFixed(ev.ShortageHours, 1)))
	}
	if ev := sch.Result.Evaluation; ev != nil && len(ev.RuleGaps) > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("the team cannot meet the lead and veteran rules everywhere: %s lead-hours and %s veteran-hours missing (Why short sheet)",
			report.FmtFixed(ev.LeadGapHours, 1), report.FmtFixed(ev.VeteranGapHours, 1)))
	}
	if sch.HireNote != "" {
		r.Notes = append(r.Notes, sch.HireNote)
	}
	return nil
}

// simulate checks every group's service interval by interval, with the
// roster's agents when there is one, and warns of targets it misses.
func (r *Result) simulate(_ context.Context, progress io.Writer) error {
	step(progress, "simulating the live channels interval by interval")
	sims, err := pipeline.Simulate(r.Staffing, r.Schedule, 1)
	if err != nil {
		return err
	}
	r.Sim = sims
	for _, c := range sims {
		switch {
		case c.Live && c.ServiceLevel < c.TargetSL-0.05:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: simulated service level %.1f%% against a target of %.0f%% in %.0f s", c.Channel, 100*c.ServiceLevel, 100*c.TargetSL, c.AnswerSeconds))
		case !c.Live && c.Offered > 0 && c.OnTimeShare < require.DefaultGroupOptions.MinOnTime:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: %.1f%% of the simulated items answered within the deadline (%d late)", c.Channel, 100*c.OnTimeShare, c.Late))
		}
	}
	return nil
}
