package root

import (
	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/backtestcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/erlangcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/forecastcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/importcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/plancmd"
	"github.com/peakstaff/peakstaff/cmd/internal/samplecmd"
	"github.com/peakstaff/peakstaff/cmd/internal/schedulecmd"
	"github.com/peakstaff/peakstaff/cmd/internal/simulatecmd"
	"github.com/peakstaff/peakstaff/cmd/internal/staffcmd"
)

// subcommands lists every command, in the order help shows them. Commands
// are listed explicitly (no init registration) so the tree reads in one place.
func subcommands(ios *iostreams.IOStreams) []*cobra.Command {
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
