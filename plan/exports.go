package plan

import (
	"context"
	"io"
	"os"

	"github.com/peakstaff/peakstaff/importers"
)

// ReadExports reads every file ("-" is standard input) and merges their
// contacts, as importers.ImportFiles does for files. A file that hit a
// size cap fails the import: its rows after the cap were never read. The
// files share the import's memory budget (iopts.MaxContacts), and the
// reading stops once ctx is done (an error wrapping diag.ErrInterrupted).
func ReadExports(ctx context.Context, specs []importers.FileSpec, iopts importers.Options, stdin io.Reader) (*importers.Set, error) {
	set := importers.NewSet()
	if stdin == nil {
		stdin = os.Stdin
	}
	for _, spec := range specs {
		o := iopts
		o.FileLocation = spec.Location
		if _, err := set.ReadExport(ctx, spec, stdin, o); err != nil {
			return nil, err
		}
	}
	return set, nil
}
