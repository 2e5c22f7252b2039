package plancmd

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/report"
)

// CompareOptions are the inputs of the compare command.
type CompareOptions struct {
	IO *iostreams.IOStreams
	// ctx is cancelled by SIGINT or SIGTERM: the run stops (exit 130)
	ctx context.Context

	PlanFile  string
	Scenarios []string
	JSON      bool
}

// NewCmdCompare builds the command; runF replaces the work in tests.
func NewCmdCompare(ios *iostreams.IOStreams, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "compare PLAN.yaml [--scenario A,B] [flags]",
		Short: "Compare the plan's what-if scenarios side by side",
		Long: `Run the plan once as written ("baseline") and once per scenario, and print
their figures side by side: contacts, workload hours (contacts x handle
time), required agents at the peak and on average, and required agent-hours
(after shrinkage). A scenario overrides only the keys it names: growth,
volume_change, deflection per issue type, handle_time_change, shrinkage,
quantile, channels (targets, concurrency, hours).

With a team in the plan, every scenario also gets its own roster (a third
of the team's time limit; a scenario may add hires per tier) and a
simulation of its live channels with that roster.

--json prints {"scenarios":[{"name","contacts","workload_hours",
"peak_required","avg_required","required_hours","peak_by_channel":{},
"service_level","scheduled_hours","cost","simulated_service_level",
"abandon_rate","shortfall_hours","short_intervals","hires":{"tier":N},
"hire_by":{"tier":"date"}}]}.

Exit codes: 0 ok; 2 bad flags or an unknown scenario; 3 invalid plan or data;
1 other errors.`,
		Example: `  peakstaff compare plan.yaml
  peakstaff compare plan.yaml --scenario "volume +30%","P90 staffing" --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return diag.Usagef("compare needs exactly one PLAN.yaml")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.PlanFile = args[0]
			opts.ctx = cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Scenarios, "scenario", nil, "only these scenarios (comma-separated names)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the comparison as JSON")
	cmd.ValidArgsFunction = cmdutil.FileArgs(cmdutil.YAMLFiles...)
	if err := cmd.RegisterFlagCompletionFunc("scenario", scenarioNames); err != nil {
		panic(err)
	}
	return cmd
}

// scenarioNames completes --scenario with the names of the plan's
// scenarios (none when the plan does not load).
func scenarioNames(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) != 1 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	p, err := plan.Load(args[0])
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, s := range p.Scenarios {
		names = append(names, s.Name)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

func compareRun(opts *CompareOptions) error {
	p, err := plan.Load(opts.PlanFile)
	if err != nil {
		return err
	}
	chosen, err := chooseScenarios(p, opts.Scenarios)
	if err != nil {
		return err
	}
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	sums, err := plan.Compare(ctx, p, chosen, opts.IO.ErrOut)
	if err != nil {
		return err
	}
	if opts.JSON {
		return term.PrintJSON(opts.IO.Out, map[string]any{"scenarios": sums})
	}
	return printComparison(opts.IO, sums, p.Lang)
}

// chooseScenarios are the scenarios --scenario names (every one without
// it), matched without case; an unknown name is a usage error.
func chooseScenarios(p *config.Plan, names []string) ([]*config.Scenario, error) {
	if len(names) == 0 {
		return plan.AllScenarios(p), nil
	}
	var chosen []*config.Scenario
	for _, name := range names {
		found := false
		for i := range p.Scenarios {
			if strings.EqualFold(p.Scenarios[i].Name, strings.TrimSpace(name)) {
				chosen = append(chosen, &p.Scenarios[i])
				found = true
			}
		}
		if !found {
			var known []string
			for _, s := range p.Scenarios {
				known = append(known, fmt.Sprintf("%q", s.Name))
			}
			return nil, diag.Usagef("--scenario %q: the plan has %s", name, strings.Join(known, ", "))
		}
	}
	return chosen, nil
}

func printComparison(ios *iostreams.IOStreams, sums []pipeline.Summary, lang string) error {
	L := func(k string) string { return report.T(lang, k) }
	roster := false
	for _, s := range sums {
		roster = roster || s.ScheduledHours > 0
	}
	header := []string{L("scenario"), L("contacts"), L("workload_hours"), L("peak_required"), L("avg_required"), L("required_hours"), "±", L("expected_sl")}
	if roster {
		header = append(header, L("scheduled_hours"), L("cost"), L("sim_sl"), L("abandon_rate"), L("shortfall_hours"), L("short_intervals"), L("hires"))
	} else {
		header = append(header, L("sim_sl"), L("abandon_rate"))
	}
	t := term.NewTable(ios, header...).Title(L("sheet.scenarios"))
	base := sums[0].RequiredHours
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	for _, s := range sums {
		diff := ""
		if base > 0 && s.Name != "baseline" {
			diff = fmt.Sprintf("%+.1f%%", 100*(s.RequiredHours/base-1))
		}
		sl := "–" // no live channel: no expected service level
		if s.ServiceLevel != nil {
			sl = pct(*s.ServiceLevel)
		}
		row := []any{s.Name, f0(s.Contacts), f0(s.WorkloadHours), s.PeakRequired, s.AvgRequired, f0(s.RequiredHours), diff, sl}
		if roster {
			hires := hireList(s.Hires, s.HireBy)
			row = append(row, f0(s.ScheduledHours), f0(s.Cost), pct(s.SimulatedServiceLevel), pct(s.AbandonRate), fmt.Sprintf("%.1f", s.ShortfallHours), s.ShortIntervals, hires)
		} else {
			row = append(row, pct(s.SimulatedServiceLevel), pct(s.AbandonRate))
		}
		t.Row(row...)
	}
	return t.Render()
}

func sortedTiers(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// hireList writes the hires per tier, tiers apart: "3 new by 2026-10-15;
// 3 veteran by 2026-09-24" ("" for none).
func hireList(hires map[string]int, by map[string]string) string {
	var parts []string
	for _, tier := range sortedTiers(hires) {
		parts = append(parts, fmt.Sprintf("%d %s by %s", hires[tier], tier, by[tier]))
	}
	return strings.Join(parts, "; ")
}
