// Package root builds the peakstaff command tree and runs it.
package root

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// Version is set at build time with -ldflags "-X .../root.Version=...".
var Version = "dev"

// NewCmdRoot returns the peakstaff command with every subcommand.
func NewCmdRoot(ios *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "peakstaff <command> [flags]",
		Short: "Plan support staffing for peak retail seasons",
		Long: `peakstaff turns last year's helpdesk exports into this season's forecast,
the agents needed per interval, and a roster with breaks, leads and a reserve.

Exit codes: 0 ok, 1 runtime error, 2 usage, 3 invalid input data,
4 no feasible schedule (a partial roster is still written), 5 undecided
(the roster search's time limit ended it before it converged, with gaps
no bound proves; the roster is still written), 130 interrupted (plan
writes the best roster so far as a complete set, or nothing).`,
		Version:       Version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	cmd.SetIn(ios.In)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &diag.UsageError{Err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})

	for _, sub := range subcommands(ios) {
		cmd.AddCommand(sub)
	}
	markRun(cmd)
	return cmd
}

// Main runs the command tree with args and returns the process exit code.
//
// The garbage collector keeps Go's defaults (GOGC and GOMEMLIMIT apply as
// set). A soft memory limit below the live heap would make it collect
// almost without pause: the contacts of a big import are the live heap
// (importers' store holds them without pointers, so a collection does not
// scan them, and the heap peaks near twice what they take: about 1.4 GB
// for ten million).
func Main(args []string, ios *iostreams.IOStreams) int {
	outfile.Version = Version
	// SIGINT and SIGTERM cancel the context: the solvers stop with the
	// best roster so far, and plan writes a whole set or none (exit 130)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd := NewCmdRoot(ios)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return diag.ExitOK
	}
	var ran *ranError
	if !errors.As(err, &ran) && diag.ClassOf(err) == diag.Failure {
		err = &diag.UsageError{Err: err}
	}
	var silent *diag.SilentError
	if !errors.As(err, &silent) {
		// messages echo values from input files: no escape codes, no
		// 50 MB lines
		fmt.Fprintf(ios.ErrOut, "peakstaff: %s\n", textsafe.Message(err.Error()))
	}
	return diag.ExitCode(err)
}

// ranError marks an error returned by a command's own work. Any other
// error comes from cobra checking the command line (an unknown command, a
// wrong number of arguments, a required flag missing): a usage error.
type ranError struct{ err error }

func (e *ranError) Error() string { return e.err.Error() }
func (e *ranError) Unwrap() error { return e.err }

// markRun wraps the RunE of every command in the tree so the errors of
// their work can be told from cobra's own.
func markRun(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if err := run(cmd, args); err != nil {
				return &ranError{err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		markRun(sub)
	}
}
