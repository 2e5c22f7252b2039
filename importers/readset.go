package importers

import (
	"context"
	"io"
)

// ReadExport reads one export into the set and returns its report: the
// file at spec.Path, or in when the path is "-" (standard input). The
// import's memory budget (opts.Budget) counts the contacts the set holds
// already, so that the files of one import share it. It stops with an
// error wrapping diag.ErrInterrupted once ctx is done, and fails, adding
// nothing, when the file cannot be read as a whole or hit a size cap
// (FileResult.LimitError: its rows after the cap were never read).
func (s *Set) ReadExport(ctx context.Context, spec FileSpec, in io.Reader, opts Options) (*FileReport, error) {
	if spec.Location != nil {
		opts.FileLocation = spec.Location
	}
	opts.HeldContacts = s.Len()
	var fr *FileResult
	var err error
	if spec.Path == "-" {
		fr, err = ReadContext(ctx, "-", in, opts)
	} else {
		fr, err = ReadFileContext(ctx, spec.Path, opts)
	}
	if err != nil {
		return nil, err
	}
	if err := fr.LimitError(); err != nil {
		return nil, err
	}
	return s.Add(fr), nil
}
