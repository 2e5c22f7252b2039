package plan

import (
	"io"
	"os"

	"github.com/peakstaff/peakstaff/importers"
)

// ReadExports reads every file ("-" is standard input) and merges their
// contacts, as importers.ImportFiles does for files. A file that hit a
// size cap fails the import: its rows after the cap were never read.
func ReadExports(specs []importers.FileSpec, iopts importers.Options, stdin io.Reader) (*importers.Set, error) {
	set := importers.NewSet()
	for _, spec := range specs {
		o := iopts
		o.FileLocation = spec.Location
		var fr *importers.FileResult
		var err error
		if spec.Path == "-" {
			if stdin == nil {
				stdin = os.Stdin
			}
			fr, err = importers.Read("-", stdin, o)
		} else {
			fr, err = importers.ReadFile(spec.Path, o)
		}
		if err != nil {
			return nil, err
		}
		if err := fr.LimitError(); err != nil {
			return nil, err
		}
		set.Add(fr)
	}
	return set, nil
}
