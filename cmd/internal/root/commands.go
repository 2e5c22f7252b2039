package root

import (
	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/backtestcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/erlangcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/forecastcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/importcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/plancmd"
	"github.com/peakstaff/peakstaff/cmd/internal/report"
	"github.com/peakstaff/peakstaff/cmd/internal/samplecmd"
	"github.com/peakstaff/peakstaff/cmd/internal/schedulecmd"
	"github.com/peakstaff/peakstaff/cmd/internal/simulatecmd"
	"github.com/peakstaff/peakstaff/cmd/internal/staffcmd"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/schedule/deferred"
	"github.com/peakstaff/peakstaff/schedule/erlang"
	"github.com/peakstaff/peakstaff/schedule/policy"
	"github.com/peakstaff/peakstaff/schedule/require"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// subcommands lists every command, in the order help shows them. Commands
// are listed explicitly (no init registration) so the tree reads in one place.
func subcommands(ios *iostreams.IOStreams) []*cobra.Command {
	cmdutil.RegisterInvalidData(importers.ErrInvalidData, require.ErrInvalidInput, deferred.ErrInvalidInput,
		roster.ErrInvalidFile, roster.ErrInvalidModel, roster.ErrUnknownPreset, report.ErrInvalidModel, policy.ErrInvalid)
	cmdutil.RegisterInfeasible(erlang.ErrInfeasible, deferred.ErrInfeasible, roster.ErrInfeasible)
	cmdutil.RegisterUndecided(roster.ErrUndecided)
	return []*cobra.Command{
		plancmd.NewCmdPlan(ios, nil),
		plancmd.NewCmdCompare(ios, nil),
		plancmd.NewCmdDemo(ios, nil),
		plancmd.NewCmdInit(ios, nil),
		importcmd.NewCmdImport(ios, nil),
		samplecmd.NewCmdSample(ios, nil),
		forecastcmd.NewCmdForecast(ios, nil),
		backtestcmd.NewCmdBacktest(ios, nil),
		erlangcmd.NewCmdErlang(ios, nil),
		simulatecmd.NewCmdSimulate(ios, nil),
		staffcmd.NewCmdStaff(ios, nil),
		schedulecmd.NewCmdSchedule(ios, nil),
	}
}
