package importers

import (
	"errors"

	"github.com/peakstaff/peakstaff/importers/table"
)

// LimitError returns the first row error of the file that is a size cap
// hit (table.ErrTooLarge), or nil. Such an error ends the reading of the
// file, so the rows after it were never seen: the caller must fail the
// import rather than go on with part of the file.
func (fr *FileResult) LimitError() error {
	for _, e := range fr.Errors {
		if errors.Is(e, table.ErrTooLarge) {
			return e
		}
	}
	return nil
}
