package root

import (
	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// subcommands lists every command, in the order help shows them. Commands
// are listed explicitly (no init registration) so the tree reads in one place.
func subcommands(ios *iostreams.IOStreams) []*cobra.Command {
	return []*cobra.Command{}
}
