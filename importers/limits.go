package importers

import (
	"github.com/peakstaff/peakstaff/importers/table"
)

// LimitError returns the first row error of the file after which the rest
// of the file was never read (table.EndsFile: a size cap hit, a damaged
// archive), or nil. The caller must fail the import rather than go on with
// part of the file. ReadFile and Read already fail such a file; this
// guards a FileResult put together otherwise.
func (fr *FileResult) LimitError() error {
	for _, e := range fr.Errors {
		if table.EndsFile(e) {
			return e
		}
	}
	return nil
}
