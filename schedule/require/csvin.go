package require

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// csvInput is what the demand and requirements readers share: a CSV reader
// past a byte-order mark, the header's columns by lower-case name, and the
// collected errors (at most MaxCSVErrors).
type csvInput struct {
	name   string
	cr     *csv.Reader
	header []string
	names  []string       // normalized header names, by column
	col    map[string]int // column of each normalized name
	errs   CSVErrors
	rows   int // data records read, good or bad
}

// openCSV reads the header: names are trimmed, lower-cased and renamed by
// aliases; a repeated name or a missing required one is an error.
func openCSV(r io.Reader, name string, aliases map[string]string, required ...string) (*csvInput, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	in := &csvInput{name: name, cr: csv.NewReader(br), col: map[string]int{}}
	in.cr.ReuseRecord = true
	header, err := in.cr.Read()
	if err != nil {
		if err == io.EOF {
			in.fail(0, 0, "", ErrNoRows)
			return nil, in.done()
		}
		return nil, csvReadError(name, err)
	}
	in.header = append([]string(nil), header...)
	in.names = make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if a, ok := aliases[h]; ok {
			h = a
		}
		in.names[i] = h
		if _, dup := in.col[h]; dup && h != "" {
			_, c := in.cr.FieldPos(i)
			in.fail(1, c, h, fmt.Errorf("%w: column %q appears twice", ErrBadValue, h))
		}
		in.col[h] = i
	}
	for _, need := range required {
		if _, ok := in.col[need]; !ok {
			in.fail(1, 0, need, fmt.Errorf("%w %q (the header has %s)", ErrMissingColumn, need, strings.Join(in.header, ",")))
		}
	}
	if len(in.errs.Errs) > 0 {
		return nil, in.done()
	}
	return in, nil
}

// fail records a problem; false once the limit is reached.
func (in *csvInput) fail(line, col int, field string, err error) bool {
	if len(in.errs.Errs) >= MaxCSVErrors {
		in.errs.Truncated = true
		return false
	}
	in.errs.Errs = append(in.errs.Errs, &CSVError{File: in.name, Line: line, Column: col, Field: field, Err: err})
	return true
}

// done returns the collected errors in file order, or nil.
func (in *csvInput) done() error {
	if len(in.errs.Errs) == 0 {
		return nil
	}
	sort.SliceStable(in.errs.Errs, func(i, j int) bool {
		a, b := in.errs.Errs[i], in.errs.Errs[j]
		return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
	})
	return &in.errs
}

// read returns the next record. more is false at the end of the file; err
// is set when reading must stop (an unreadable file, or the error limit).
// A record with the wrong number of fields is recorded and skipped.
func (in *csvInput) read() (rec []string, more bool, err error) {
	for {
		rec, err := in.cr.Read()
		if err == io.EOF {
			return nil, false, nil
		}
		in.rows++
		if err == nil {
			return rec, true, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) && errors.Is(err, csv.ErrFieldCount) {
			if in.fail(pe.Line, 0, "", fmt.Errorf("%w: %d fields, the header has %d", ErrBadValue, len(rec), len(in.header))) {
				continue
			}
			return nil, false, in.done()
		}
		return nil, false, errors.Join(in.done(), csvReadError(in.name, err))
	}
}

// rowAt is where a row of a series sits in time and in the file.
type rowAt struct {
	t            time.Time
	line, column int
}

// gridInterval reports the intervals a series lists twice (its rows sorted
// by time) and returns the interval length: given, or the smallest gap of
// any series, at most 24 hours.
func (in *csvInput) gridInterval(series [][]rowAt, labels []string, given time.Duration) (time.Duration, error) {
	interval := given
	for k, rows := range series {
		for i := 1; i < len(rows); i++ {
			r, prev := rows[i], rows[i-1]
			gap := r.t.Sub(prev.t)
			if gap == 0 && !in.fail(r.line, r.column, "interval", fmt.Errorf("%w: %s %s again (line %d)", ErrDuplicate,
				r.t.Format(time.RFC3339), labels[k], prev.line)) {
				return 0, in.done()
			}
			if given == 0 && gap > 0 && (interval == 0 || gap < interval) {
				interval = gap
			}
		}
	}
	switch {
	case len(in.errs.Errs) > 0:
	case interval <= 0:
		in.fail(0, 0, "interval", fmt.Errorf("%w: every series has one row: the interval length cannot be inferred; give it", ErrBadValue))
	case interval > 24*time.Hour:
		in.fail(0, 0, "interval", fmt.Errorf("%w: rows are %v apart; intervals of at most 24h are supported", ErrGap, interval))
	default:
		return interval, nil
	}
	return 0, in.done()
}
