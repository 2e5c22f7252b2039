package root

import (
	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/importcmd"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/importers"
)

// subcommands lists every command, in the order help shows them. Commands
// are listed explicitly (no init registration) so the tree reads in one place.
func subcommands(ios *iostreams.IOStreams) []*cobra.Command {
	cmdutil.RegisterInvalidData(importers.ErrInvalidData)
	return []*cobra.Command{
		importcmd.NewCmdImport(ios, nil),
	}
}
