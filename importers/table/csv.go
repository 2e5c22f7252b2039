package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// csvReader reads delimited text. Rows come straight from csv.Reader with
// ReuseRecord: nothing is copied on the way, so the parse is the cost.
type csvReader struct {
	name       string
	cr         *csv.Reader
	counter    *lineCounter // UTF-8 files only: notices late invalid bytes
	info       Info
	header     []string
	headerLine int

	pending      []bufferedRecord // read while looking for the header
	blank        int              // blank rows counted so far
	blankPending int              // blank rows not yet followed by a data row
	prevEnd      int              // last line of the previous record
	afterErr     bool             // the previous record was unreadable: its extent is unknown
	failed       bool             // an I/O error ended the stream
	closers      closers
}

// bufferedRecord is a record read while the header was being looked for.
type bufferedRecord struct {
	line, end int
	fields    []string // nil for an unreadable record
	err       error
	blank     bool
}

// validDelimiter mirrors encoding/csv's own rule, so a bad --delimiter is
// an error and not a panic or a silent mis-parse.
func validDelimiter(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

func newCSVReader(name string, dr *bufio.Reader, counter *lineCounter, enc textEncoding, opts Options, cl closers) (*csvReader, error) {
	head, err := dr.Peek(sniffSize)
	atEOF := err != nil
	delim := opts.Delimiter
	if delim == 0 {
		delim = sniffDelimiter(head, atEOF, hasExt(name, ".tsv", ".tab"))
	} else if !validDelimiter(delim) {
		return nil, fmt.Errorf("%w: invalid delimiter %q: use , ; | or a tab", ErrBadOption, delim)
	}
	r := &csvReader{
		name:    name,
		counter: counter,
		info:    Info{Kind: CSV, Encoding: enc.name, Delimiter: delim},
		closers: cl,
	}
	if enc.warn != "" {
		r.info.Warnings = append(r.info.Warnings, enc.warn)
	}
	src := io.Reader(dr)
	if oldMacLineEnds(head) {
		src = bufio.NewReaderSize(crToLF{dr}, sniffSize)
		r.info.Warnings = append(r.info.Warnings, "the lines end with CR alone (classic Mac): read CR as a line break")
	}
	src = newCSVGuard(src, delim, opts.Limits.withDefaults())
	r.cr = csv.NewReader(src)
	r.cr.Comma = delim
	r.cr.ReuseRecord = true
	r.cr.FieldsPerRecord = -1
	if err := r.findHeader(); err != nil {
		return nil, err
	}
	return r, nil
}

// findHeader reads up to headerWindow non-blank records and keeps the
// ones after the header for Next.
func (r *csvReader) findHeader() error {
	var recs []bufferedRecord
	nonBlank := 0
	for nonBlank < headerWindow {
		rec, err := r.readRecord()
		if err == io.EOF {
			break
		}
		if err != nil && rec.err == nil {
			return err // I/O
		}
		recs = append(recs, rec)
		if !rec.blank {
			nonBlank++
		}
	}
	var rows [][]string
	var index []int
	for i, rec := range recs {
		if !rec.blank {
			rows = append(rows, rec.fields)
			index = append(index, i)
		}
	}
	if len(rows) == 0 {
		return ErrEmptyFile
	}
	h := findHeader(rows)
	if h < 0 {
		return ErrNoHeader
	}
	hr := recs[index[h]]
	r.header = append([]string(nil), hr.fields...)
	trimBOM(r.header)
	r.headerLine = hr.line
	if h > 0 {
		w := titleWarning("line", hr.line)
		if bad := countErrors(recs[:index[h]]); bad > 0 {
			w += fmt.Sprintf(" (%d of them unreadable as %s)", bad, r.info.Kind)
		}
		r.info.Warnings = append(r.info.Warnings, w)
	}
	r.pending = recs[index[h]+1:]
	r.prevEnd = hr.end
	return nil
}

func countErrors(recs []bufferedRecord) int {
	n := 0
	for _, rec := range recs {
		if rec.err != nil {
			n++
		}
	}
	return n
}

// readRecord reads one record into a copy, for the header window.
func (r *csvReader) readRecord() (bufferedRecord, error) {
	fields, err := r.cr.Read()
	if err != nil {
		if err == io.EOF {
			return bufferedRecord{}, io.EOF
		}
		pe := r.posError(err)
		if pe == nil {
			return bufferedRecord{}, &diag.Error{File: r.name, Line: r.prevEnd + 1, Err: err}
		}
		return bufferedRecord{line: pe.Line, end: pe.Line, err: pe}, pe
	}
	line, _ := r.cr.FieldPos(0)
	last, _ := r.cr.FieldPos(len(fields) - 1)
	return bufferedRecord{
		line:   line,
		end:    last + strings.Count(fields[len(fields)-1], "\n"),
		fields: append([]string(nil), fields...),
		blank:  blankFields(fields),
	}, nil
}

// posError converts a csv.ParseError; nil for other (I/O) errors.
func (r *csvReader) posError(err error) *diag.Error {
	var ce *csv.ParseError
	if !errors.As(err, &ce) {
		return nil
	}
	pe := &diag.Error{File: r.name, Line: ce.Line, Column: ce.Column, Err: ce.Err}
	if ce.StartLine != ce.Line {
		// The error's line is where the reader gave up; the message also
		// says where the record (a quoted field over lines) began.
		pe.Err = fmt.Errorf("%w (in the record starting on line %d)", ce.Err, ce.StartLine)
	}
	return pe
}

// gap counts the empty lines between the previous record and one that
// starts on line; an unreadable record's extent is unknown, so none
// are counted after it.
func (r *csvReader) gap(line, end int) int {
	g := line - r.prevEnd - 1
	if r.afterErr || g < 0 {
		g = 0
	}
	r.afterErr = false
	r.prevEnd = end
	return g
}

func (r *csvReader) Next() (Row, error) {
	for len(r.pending) > 0 {
		rec := r.pending[0]
		r.pending = r.pending[1:]
		if rec.err != nil {
			r.blank += r.blankPending
			r.blankPending = 0
			r.afterErr = true
			return Row{}, rec.err
		}
		g := r.gap(rec.line, rec.end)
		if rec.blank {
			r.blankPending += g + 1
			continue
		}
		r.blank += r.blankPending + g
		r.blankPending = 0
		return Row{Line: rec.line, Fields: rec.fields}, nil
	}
	if r.failed {
		return Row{}, io.EOF
	}
	for {
		fields, err := r.cr.Read()
		if err != nil {
			if err == io.EOF {
				r.atEOF()
				return Row{}, io.EOF
			}
			r.blank += r.blankPending
			r.blankPending = 0
			r.afterErr = true
			if pe := r.posError(err); pe != nil {
				return Row{}, pe
			}
			r.failed = true
			return Row{}, &diag.Error{File: r.name, Line: r.prevEnd + 1, Err: err}
		}
		line, _ := r.cr.FieldPos(0)
		last, _ := r.cr.FieldPos(len(fields) - 1)
		g := r.gap(line, last+strings.Count(fields[len(fields)-1], "\n"))
		if blankFields(fields) {
			r.blankPending += g + 1
			continue
		}
		r.blank += r.blankPending + g
		r.blankPending = 0
		return Row{Line: line, Fields: fields}, nil
	}
}

// atEOF adds the warnings that only the whole file can tell.
func (r *csvReader) atEOF() {
	if r.counter != nil {
		r.counter.end()
	}
	if r.counter != nil && r.counter.badCount > 0 {
		r.info.Warnings = append(r.info.Warnings, r.counter.warning("its bytes were kept as they are"))
		r.counter = nil
	}
}

func (r *csvReader) Header() []string    { return r.header }
func (r *csvReader) HeaderLine() int     { return r.headerLine }
func (r *csvReader) Info() Info          { return r.info }
func (r *csvReader) Column(i int) string { return strconv.Itoa(i + 1) }
func (r *csvReader) Blank() int          { return r.blank }
func (r *csvReader) Close() error        { return r.closers.Close() }

// oldMacLineEnds reports text whose lines end with CR alone (Excel's
// "CSV (Macintosh)"), which encoding/csv would read as one record.
func oldMacLineEnds(head []byte) bool {
	return bytes.IndexByte(head, '\n') < 0 && bytes.IndexByte(head, '\r') >= 0
}

// crToLF turns CR line ends into LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}
