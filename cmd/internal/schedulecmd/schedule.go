// Package schedulecmd implements `peakstaff schedule`. Its first mode,
// requirements-file mode (--requirements with --shifts), chooses shifts
// and agents per shift and day for a requirement curve (schedule/shiftdesign).
// Each mode has its own run function behind Options.Mode; named-agent mode
// (--agents, --rules: a roster from schedule/roster) is in agents*.go.
package schedulecmd

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// Mode is what the flags ask the command to do.
type Mode int

// The modes of the schedule command.
const (
	// ModeRequirements: --requirements and --shifts, no named agents.
	ModeRequirements Mode = iota + 1
	// ModeAgents: --requirements, --agents and --rules, a roster of named
	// agents (agents.go).
	ModeAgents
)

// Options are the inputs of the schedule command.
type Options struct {
	IO *iostreams.IOStreams
	// ctx is the command's context, cancelled by SIGINT or SIGTERM: the
	// search stops and the best roster it found is written (exit 130).
	ctx context.Context

	Requirements string
	Shifts       string
	Agents       string
	Rules        string
	TZ           string
	DateOrder    string
	// TimeLimit bounds the search; 0 is the mode's default: 10 s for
	// requirements-file mode, roster.DefaultTimeLimit for named agents
	// (whose search normally stops earlier, when it converges).
	TimeLimit time.Duration
	Seed      uint64
	JSON      bool
	Out       string
	Force     bool

	// Mode is set by the validation from the flags given.
	Mode Mode
	// MaxEvaluations bounds the search by work instead of time (tests: a
	// reproducible result on any machine); 0 leaves only the time limit.
	MaxEvaluations int
}

// NewCmdSchedule builds the command; runF replaces the work in tests.
func NewCmdSchedule(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "schedule --requirements req.csv (--shifts shifts.yaml | --agents agents.csv --rules rules.yaml) [flags]",
		Short: "Choose shifts for a requirement curve, or roster named agents",
		Long: `Two modes: requirements-file mode and named-agent mode (below).

Requirements-file mode (--requirements with --shifts) chooses which shifts
to use (a start time and a length, from the templates of shifts.yaml) and
how many agents work each on each day, to cover the agents required per
interval of req.csv. The plan minimises

  shortage x w_shortage + excess x w_excess + distinct_shifts x w_distinct
  + shifts x w_shift

where shortage and excess are agent-minutes below and above the
requirement summed over all intervals, a distinct shift is one (start,
length) pair used on at least one day, and shifts counts agent-shifts.
The search (a min-cost flow per set of shifts inside an iterated local
search) runs until --time-limit, or stops earlier when a bound proves the
plan optimal; --seed makes runs repeatable.

req.csv: a header start,required, then one row per interval in time order,
evenly spaced (the spacing is the interval; it divides a day) from 00:00 of
the first day:
  start,required
  2025-11-24 00:00,3
  2025-11-24 00:15,2.5
start is local wall-clock time YYYY-MM-DD HH:MM; required is agents.

shifts.yaml:
  cyclic: true            # the horizon wraps (a repeating week); default false
  weights: {shortage: 1, excess: 1, distinct_shifts: 60, shifts: 0}
  templates:
    - name: early
      earliest_start: "05:00"
      latest_start: "08:00" # a window may cross midnight: 21:00 .. 00:00
      min_length: 7h
      max_length: 9h        # default min_length
      step: 15m             # starts and lengths move in this step; default the interval
      days: [mon, tue, wed, thu, fri]   # default every day
      max_agents: 0         # cap per shift and day; 0 = none
Weights default to shortage 1, excess 1, distinct_shifts 0, shifts 0.

Output: a summary and the shift plan (one row per distinct shift, agents
per day) and the required and scheduled agent-hours per day on a terminal;
the shift plan as tab-separated values when piped; or --json:
  objective, shortage_minutes, excess_minutes   the objective and its parts
  distinct_shifts, shifts, staffed_hours        (agent-minutes, agent-hours)
  lower_bound_hours  the least staffed hours that cover the requirement
                     with these templates (linear relaxation); null when
                     the templates cannot cover it
  gap_percent        staffed hours against the lower bound
  objective_bound    a lower bound on the objective (change points)
  unmet_intervals    [{start, required, on_duty, shortfall, shortage_minutes}]
  shift_plan         [{template, start, end, length_minutes, agents_per_day}]
                     days in the order of req.csv
  days               [{date, required_hours, scheduled_hours,
                     shortage_minutes, excess_minutes}]
--out FILE writes the plan as CSV, one row per shift and day worked:
date,template,start,end,length_minutes,agents.

Exit codes: 0 ok; 2 bad flags; 3 invalid input files (file:line:column);
4 the templates cannot cover the requirement in some interval (the best
plan is still printed and the intervals are listed); 1 other errors.

` + agentsHelp,
		Example: `  peakstaff schedule --requirements req.csv --shifts shifts.yaml
  peakstaff schedule --requirements req.csv --shifts shifts.yaml --time-limit 30s --seed 7 --json
  peakstaff schedule --requirements req.csv --shifts shifts.yaml --out plan.csv --force
  peakstaff schedule --requirements requirements.csv --agents agents.csv --rules rules.yaml
  peakstaff schedule --requirements requirements.csv --agents agents.csv --rules rules.yaml --tz Asia/Shanghai --time-limit 30s --json
  peakstaff schedule --requirements req.csv --agents agents.csv --rules rules.yaml --out roster.csv --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("time-limit") && opts.TimeLimit <= 0 {
				return diag.Usagef("--time-limit %v: expected a duration > 0 such as 10s", civil.FormatDuration(opts.TimeLimit))
			}
			if err := opts.validate(); err != nil {
				return err
			}
			opts.ctx = cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Requirements, "requirements", "", "the requirement per interval: a CSV with start,required, or of peakstaff staff/plan with --agents (required)")
	f.StringVar(&opts.Shifts, "shifts", "", "shift templates and weights: a YAML file (with --requirements)")
	f.StringVar(&opts.Agents, "agents", "", "the team: agents.csv, one agent per row (with --rules)")
	f.StringVar(&opts.Rules, "rules", "", "labour rules, shift templates, breaks, leads, veterans, reserve and weights: rules.yaml (with --agents)")
	f.StringVar(&opts.DateOrder, "date-order", "", "day/month order of numeric dates in --requirements when the column cannot tell: dmy or mdy")
	f.StringVar(&opts.TZ, "tz", "", "time zone of the roster's days and weeks, e.g. Asia/Shanghai (with --agents)")
	f.DurationVar(&opts.TimeLimit, "time-limit", 0, "bound on the search time, e.g. 10s or 2m (default 10s with --shifts; with --agents the search stops when it converges, within 1m plus 3ms per agent and day)")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the search: the same seed and inputs repeat a run")
	f.BoolVar(&opts.JSON, "json", false, "print JSON (fields listed above)")
	f.StringVar(&opts.Out, "out", "", "also write the plan (or the roster) to this CSV file")
	f.BoolVar(&opts.Force, "force", false, "overwrite the --out file if it exists")
	return cmd
}

// validate checks the flags and sets the mode.
func (o *Options) validate() error {
	if o.TimeLimit < 0 {
		return diag.Usagef("--time-limit %v: expected a duration > 0 such as 10s", civil.FormatDuration(o.TimeLimit))
	}
	if _, err := dates.ParseOrder(o.DateOrder); err != nil {
		return diag.Usagef("--date-order: %v", err)
	}
	if o.Agents != "" || o.Rules != "" {
		return o.validateAgents()
	}
	if o.TZ != "" {
		return diag.Usagef("--tz: only with --agents and --rules (requirements-file mode reads wall-clock times)")
	}
	switch {
	case strings.TrimSpace(o.Requirements) == "":
		return diag.Usagef("--requirements: expected the requirement CSV (start,required)")
	case strings.TrimSpace(o.Shifts) == "":
		return diag.Usagef("--shifts: expected the shift templates YAML with --requirements")
	}
	o.Mode = ModeRequirements
	if o.Out != "" {
		if err := outfile.CheckOutputPath(o.Out, o.Force, []string{o.Requirements, o.Shifts}); err != nil {
			return err
		}
	}
	return nil
}

// run does the work of the mode the flags chose.
func run(opts *Options) error {
	switch opts.Mode {
	case ModeRequirements:
		return requirementsRun(opts)
	case ModeAgents:
		return agentsRun(opts)
	}
	return fmt.Errorf("schedule: no mode chosen")
}

// Inputs are the files of requirements-file mode, read and checked.
type Inputs struct {
	Curve *shiftdesign.Requirements
	Model *shiftdesign.Model
}

// LoadInputs reads req.csv and shifts.yaml into a valid model
// (shiftdesign.LoadFiles): every problem of the two files at once, each
// placed in its file, exit code 3.
func LoadInputs(reqPath, shiftsPath string, order dates.Order) (*Inputs, error) {
	curve, m, err := shiftdesign.LoadFiles(reqPath, shiftsPath, order)
	if err != nil {
		return nil, err
	}
	return &Inputs{Curve: curve, Model: m}, nil
}

// Solution is the result of requirements-file mode with what the outputs
// need.
type Solution struct {
	Inputs      *Inputs
	Result      *shiftdesign.Result
	LowerBound  *float64 // nil when the templates cannot cover the requirement
	Uncoverable []int    // intervals no plan can cover
}

// Solve runs the search with the options' limits; progress, if set, hears
// about it.
func Solve(ctx context.Context, in *Inputs, opts *Options, progress func(shiftdesign.Progress)) (*Solution, error) {
	res, err := shiftdesign.Solve(ctx, in.Model, shiftdesign.Options{
		TimeLimit: opts.TimeLimit, Seed: opts.Seed, MaxEvaluations: opts.MaxEvaluations, Progress: progress,
	})
	if err != nil {
		return nil, diag.As(diag.InvalidData, err)
	}
	sol := &Solution{Inputs: in, Result: res}
	if sol.Uncoverable, err = shiftdesign.Uncoverable(in.Model); err != nil {
		return nil, diag.As(diag.InvalidData, err)
	}
	if len(sol.Uncoverable) == 0 {
		lb, err := shiftdesign.LowerBoundHours(in.Model)
		if err == nil {
			sol.LowerBound = &lb
		}
	}
	return sol, nil
}

// errUncoverable is returned after the output when some interval cannot
// be covered (exit code 4).
type errUncoverable struct{ n int }

func (e *errUncoverable) Error() string {
	return fmt.Sprintf("the shift templates cannot cover the requirement in %d intervals (listed in unmet_intervals)", e.n)
}

func (e *errUncoverable) Unwrap() error { return diag.ErrInfeasible }

func requirementsRun(opts *Options) error {
	order, _ := dates.ParseOrder(opts.DateOrder)
	in, err := LoadInputs(opts.Requirements, opts.Shifts, order)
	if err != nil {
		return err
	}
	for _, w := range in.Curve.Warnings {
		term.Warnf(opts.IO.ErrOut, "%s", w)
	}
	bar := newProgress(opts.IO, opts.TimeLimit)
	ctx := opts.context()
	sol, err := Solve(ctx, in, opts, bar.update)
	bar.finish()
	if err != nil {
		return err
	}
	if opts.Out != "" {
		err := outfile.WriteFileAtomic(opts.Out, opts.Force, []string{opts.Requirements, opts.Shifts}, sol.WriteCSV)
		if err != nil {
			return err
		}
	}
	if opts.JSON {
		err = term.PrintJSON(opts.IO.Out, sol.Report())
	} else {
		err = sol.Print(opts.IO)
	}
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return errStopped(opts)
	}
	if len(sol.Uncoverable) > 0 {
		return &errUncoverable{len(sol.Uncoverable)}
	}
	return nil
}

// IsUncoverable tells whether err is the exit-4 outcome of a plan that
// cannot cover the requirement.
func IsUncoverable(err error) bool {
	var u *errUncoverable
	return errors.As(err, &u)
}

// context is the command's context (context.Background when run without
// one, as in tests).
func (o *Options) context() context.Context {
	if o.ctx == nil {
		return context.Background()
	}
	return o.ctx
}

// errStopped is the exit-130 outcome of a search stopped by a signal,
// after its best roster was printed (and written with --out).
func errStopped(opts *Options) error {
	if opts.Out != "" {
		return fmt.Errorf("%w: the search was stopped; %s holds the best roster it found", diag.ErrInterrupted, opts.Out)
	}
	return fmt.Errorf("%w: the search was stopped; the best roster it found is printed above", diag.ErrInterrupted)
}
