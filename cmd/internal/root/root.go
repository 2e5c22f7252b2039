// Package root builds the peakstaff command tree and runs it.
package root

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
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
		return &cmdutil.UsageError{Err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	cmd.CompletionOptions.DisableDefaultCmd = true

	for _, sub := range subcommands(ios) {
		cmd.AddCommand(sub)
	}
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
	cmdutil.Version = Version
	// SIGINT and SIGTERM cancel the context: the solvers stop with the
	// best roster so far, and plan writes a whole set or none (exit 130)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd := NewCmdRoot(ios)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return cmdutil.ExitOK
	}
	if isCobraUsage(err) {
		err = &cmdutil.UsageError{Err: err}
	}
	var silent *cmdutil.SilentError
	if !errors.As(err, &silent) {
		// messages echo values from input files: no escape codes, no
		// 50 MB lines
		fmt.Fprintf(ios.ErrOut, "peakstaff: %s\n", textsafe.Message(err.Error()))
	}
	return cmdutil.ExitCode(err)
}

// isCobraUsage recognises the argument errors cobra creates itself.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "invalid argument", "unknown flag", "unknown shorthand", "required flag"} {
		if strings.HasPrefix(msg, p) || strings.Contains(msg, " "+p) {
			return true
		}
	}
	return false
}
