package plancmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
)

// DemoOptions are the inputs of the demo command.
type DemoOptions struct {
	IO *iostreams.IOStreams

	Out      string
	PlanFile string
	JSON     bool
	Lang     string
}

// NewCmdDemo builds the command; runF replaces the work in tests.
func NewCmdDemo(ios *iostreams.IOStreams, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "demo [--out DIR]",
		Short: "Run the bundled plan on the bundled sample exports",
		Long: `Write the bundled sample exports of Northwind Outfitters (a mid-size online
shop) to DIR/sample and the bundled plan (testdata/demo/plan.yaml, the
example of every plan key) to DIR/plan.yaml, and run it with its scenarios
side by side. Everything is written under DIR (default out/demo, the workbook
plan.xlsx and report.html among it), overwriting an earlier demo; the plan
next to its sample is yours to edit and run again with peakstaff plan or
peakstaff compare.`,
		Example: `  peakstaff demo
  peakstaff demo --out /tmp/demo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return demoRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", filepath.Join("out", "demo"), "directory for the sample and the results")
	cmd.Flags().StringVar(&opts.PlanFile, "plan", filepath.Join("testdata", "demo", "plan.yaml"), "the plan to run (its paths resolve in --out)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the plan summary as JSON")
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language of the outputs and tables: en or zh")
	cmdutil.CompleteDir(cmd, "out")
	cmdutil.CompleteFiles(cmd, "plan", cmdutil.YAMLFiles...)
	cmdutil.CompleteWords(cmd, "lang", "en", "zh")
	return cmd
}

func demoRun(opts *DemoOptions) error {
	if _, err := os.Stat(opts.PlanFile); err != nil {
		return diag.Usagef("--plan %s: not found (run the demo from the peakstaff source folder, or give --plan)", opts.PlanFile)
	}
	planCopy, err := plan.WriteDemo(opts.Out, opts.PlanFile, opts.IO.ErrOut)
	if err != nil {
		return err
	}
	popts := &Options{IO: opts.IO, PlanFile: planCopy, Out: opts.Out, Force: true, JSON: opts.JSON, Lang: opts.Lang}
	if err := planRun(popts); err != nil {
		if !solve.IsShort(err) {
			return err
		}
		// The demo shows what a plan with gaps looks like; `peakstaff plan`
		// itself exits 4 (5 when its search stopped early) on the same plan.
		code := diag.ExitInfeasible
		if errors.Is(err, solve.ErrUndecided) {
			code = diag.ExitUndecided
		}
		fmt.Fprintf(opts.IO.ErrOut, "note: %v (peakstaff plan exits %d here; the demo shows the partial roster and the hires that close the gap)\n", err, code)
	}
	fmt.Fprintf(opts.IO.ErrOut, "\nThe demo's results are in %s, with its plan: edit %s, then run\n  peakstaff plan %s --out %s --force\n  peakstaff compare %s\n",
		opts.Out, planCopy, planCopy, opts.Out, planCopy)
	return nil
}
