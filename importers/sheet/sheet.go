// Package sheet reads the small tables peakstaff takes besides helpdesk
// exports — daily orders, series for backtests, demand and requirement
// files — through the layer the exports go through, so that a file import
// reads is read by every command alike:
//
//   - the file is sniffed by package table: CSV with any of , ; tab |, any
//     common encoding, a byte-order mark or none, title lines above the
//     header, XLSX, JSON, zip or gzip;
//   - a column is found by the name the user gives (a flag, a map entry),
//     by a list of accepted names, or by its content, and a missing one is
//     an error listing the file's columns and the names accepted;
//   - a date column is parsed by package dates, which learns the day/month
//     order from the whole column (2-11-2025 next to 28-11-2025 is
//     2 November) and reads month names, Excel serials and Unix times;
//   - every problem is a *diag.Error at a file, line and column
//     (file:line:column: field: message).
//
// The whole file is held in memory: these files have a row per day or per
// interval, thousands of rows, not millions.
package sheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// ErrNoColumn: a column the reader needs is not in the file.
var ErrNoColumn = diag.New(diag.InvalidData, "column not found")

// Sheet is a table file read whole: its header and its data rows (blank
// rows left out), with how it was read.
type Sheet struct {
	File   string
	Header []string // as in the file, trimmed
	Rows   []Row
	Info   table.Info
	// HeaderLine is the header's line (XLSX: row).
	HeaderLine int
	// Bad are the records that could not be read (a stray quote), in
	// file order; the rows around them are in Rows.
	Bad []*diag.Error

	norm         []string
	decimalComma bool
}

// Row is one data row: where it starts and its cells.
type Row struct {
	Line   int
	Fields []string
}

// Open reads a file whole. Errors that concern the content (not a table,
// no header) wrap table's causes; a file that cannot be opened is the
// *fs.PathError.
func Open(path string, opts table.Options) (*Sheet, error) {
	r, err := table.Open(path, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readAll(path, r)
}

// Read is Open on a stream; name labels errors ("-" or "stdin" for
// standard input).
func Read(in io.Reader, name string, opts table.Options) (*Sheet, error) {
	r, err := table.NewReader(in, name, opts)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readAll(name, r)
}

// maxHeldBytes caps the text a sheet holds: these tables are small, and a
// file that is not one must fail with a message, not exhaust memory.
var maxHeldBytes = func() int64 { return table.DefaultLimits.BufferedBytes }

func readAll(name string, r table.Reader) (*Sheet, error) {
	s := &Sheet{File: name, HeaderLine: r.HeaderLine()}
	var held int64
	for _, h := range r.Header() {
		s.Header = append(s.Header, strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	s.norm = make([]string, len(s.Header))
	for i, h := range s.Header {
		s.norm[i] = NormalizeName(h)
	}
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A record that cannot be read is kept aside; an error after
			// which the rest of the file cannot be (a size cap, a damaged
			// archive) fails the file: its rows are only part of it.
			var pe *diag.Error
			if !errors.As(err, &pe) {
				return nil, err
			}
			bad := &diag.Error{File: name, Line: pe.Line, Err: pe.Err}
			if table.EndsFile(err) {
				return nil, bad
			}
			s.Bad = append(s.Bad, bad)
			continue
		}
		fields := make([]string, len(row.Fields))
		for i, f := range row.Fields {
			fields[i] = strings.Clone(f)
			held += int64(len(f)) + 16
		}
		if lim := maxHeldBytes(); held > lim {
			return nil, &diag.Error{File: name, Line: row.Line, Err: &table.LimitError{
				What: "the table (read whole: a file of daily or interval rows, not an export)", Limit: lim, Unit: "bytes"}}
		}
		s.Rows = append(s.Rows, Row{Line: row.Line, Fields: fields})
	}
	s.Info = r.Info()
	if s.Info.Kind == table.CSV {
		s.learnDecimalMark()
	}
	return s, nil
}

// Cell returns row i's value in column c, trimmed; "" when the row is
// shorter than the header.
func (s *Sheet) Cell(i, c int) string {
	if f := s.Rows[i].Fields; c >= 0 && c < len(f) {
		return strings.TrimSpace(f[c])
	}
	return ""
}

// Short reports whether row i lacks column c (fewer fields than the header).
func (s *Sheet) Short(i, c int) bool { return c >= len(s.Rows[i].Fields) }

// Label names column c for messages: its header in quotes.
func (s *Sheet) Label(c int) string {
	if c < 0 || c >= len(s.Header) {
		return ""
	}
	return s.Header[c]
}

// Columns lists the header for messages: "date", "orders", ...
func (s *Sheet) Columns() string {
	q := make([]string, len(s.Header))
	for i, h := range s.Header {
		q[i] = textsafe.Quote(h)
	}
	return strings.Join(q, ", ")
}

// Errorf is a problem with column c (-1: the whole row) of row i.
func (s *Sheet) Errorf(i, c int, cause error, format string, a ...any) *diag.Error {
	e := &diag.Error{File: s.File, Line: s.Rows[i].Line, Err: cause}
	if format != "" {
		e.Err = fmt.Errorf("%w: "+format, append([]any{cause}, a...)...)
	}
	if c >= 0 {
		e.Column, e.Field = c+1, s.Label(c)
	}
	return e
}

// NormalizeName makes header names comparable: lower case, no BOM or
// NBSP, dashes unified (Gladly puts an en dash in names), underscores read
// as spaces (snake_case and Title Case name the same column), blanks
// collapsed.
func NormalizeName(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '\u00a0', '\t', '\n', '\r', ' ', '\u3000', '_':
			space = true
			continue
		case '\u2013', '\u2014', '\u2212':
			r = '-'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}
