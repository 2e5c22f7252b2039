// Package table opens any tabular export — delimited text in any common
// encoding, XLSX workbooks, JSON or NDJSON, optionally zipped or gzipped —
// and yields one header and rows of strings, each with its line number.
//
// The format is sniffed from the content (magic bytes), because helpdesk
// exports are often renamed, mailed as .zip or saved by a spreadsheet with
// another extension; the file name is only a hint. Reports put title lines
// above the header, so the header is found rather than assumed to be the
// first line.
package table

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// Kind is the container format of an export.
type Kind int

const (
	CSV Kind = iota // delimited text: comma, semicolon, tab or pipe
	XLSX
	JSON // an array of objects, an object holding one, or NDJSON
)

// String returns the lower-case format name used in reports and --json.
func (k Kind) String() string {
	switch k {
	case CSV:
		return "csv"
	case XLSX:
		return "xlsx"
	case JSON:
		return "json"
	case Parquet:
		return "parquet"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Options override what is otherwise detected.
type Options struct {
	// Encoding forces the text encoding ("" detects it): any WHATWG or
	// IANA name such as utf-8, utf-16le, utf-16be, gbk, gb18030,
	// windows-1252 or latin1.
	Encoding string
	// Delimiter forces the field separator of text files; 0 sniffs it
	// among ',' ';' '\t' and '|'.
	Delimiter rune
	// Sheet names the XLSX sheet to read; "" takes the first sheet that
	// has data (and warns when several have).
	Sheet string
	// Limits bound memory and time on hostile files; zero fields take
	// DefaultLimits.
	Limits Limits
}

// Info says how a file was read, for the import report.
type Info struct {
	Kind      Kind
	Encoding  string // "utf-8", "utf-8 (BOM)", "utf-16le", "gb18030", "windows-1252"...; "" for XLSX and JSON
	Delimiter rune   // 0 for XLSX and JSON
	Sheet     string // XLSX only
	// Warnings are guesses the reader made that the user may need to
	// override (encoding, skipped title lines, other sheets).
	Warnings []string
}

// Row is one data record.
type Row struct {
	// Line is where the record starts: the 1-based physical line of the
	// decoded text, the XLSX row number, the NDJSON line, or the element's
	// ordinal + 1 for a JSON array (as if its header were line 1).
	Line int
	// Fields may be reused by the next call to Next; copy what you keep.
	Fields []string
	// Cells, for a Typed reader asked for typed values (Want), say which
	// fields are held typed instead of as text; nil otherwise. Reused as
	// Fields are.
	Cells []Cell
}

// Reader yields the header and then the data rows of one export.
//
// Readers also implement Blank() int, the number of fully empty rows
// skipped between the header and the last data row (lines with no text,
// rows whose every cell is empty or whitespace); such rows are never
// returned by Next.
type Reader interface {
	// Header returns the header cells as in the file (a BOM trimmed).
	Header() []string
	// HeaderLine is the line (XLSX: row) of the header; 0 for NDJSON,
	// whose header is the union of the records' keys.
	HeaderLine() int
	// Next returns the next row, io.EOF at the end, or a *diag.Error for
	// an unreadable record (file:line[:column]: message, the column in
	// bytes for text); after a *diag.Error the reader goes on with the
	// next record, unless EndsFile says the rest of the file cannot be
	// read.
	Next() (Row, error)
	// Info may gain warnings while reading; it is final after io.EOF.
	Info() Info
	// Column labels 0-based column i for messages: "3" for text and JSON,
	// "C" for XLSX, as the user sees it in their tool.
	Column(i int) string
	Close() error
}

// The causes of a file that is not a table peakstaff reads; all but
// ErrBadOption are invalid data (exit 3).
var (
	// ErrNoHeader: no row among the first ones looks like a header.
	ErrNoHeader = diag.New(diag.InvalidData, "no header row found: no row among the first 30 has at least two filled cells and the width of the rows below it")
	// ErrLegacyXLS: an OLE2 compound file, i.e. an Excel 97-2003 workbook.
	ErrLegacyXLS = diag.New(diag.InvalidData, "legacy .xls workbooks are not supported: save the file as .xlsx or .csv")
	// ErrEmptyFile: the file has no rows at all.
	ErrEmptyFile = diag.New(diag.InvalidData, "the file is empty: it has no rows")
	// ErrEncrypted: a password-protected workbook (also an OLE2 file).
	ErrEncrypted = diag.New(diag.InvalidData, "the workbook is password-protected: remove the password in Excel and save it again")
	// ErrArchive: a zip or gzip file that cannot be read, or a zip
	// archive that does not hold exactly one table.
	ErrArchive = diag.New(diag.InvalidData, "unreadable archive")
	// ErrDamaged, a kind of ErrArchive: a gzip stream or zip entry that
	// ends early, fails its checksum or holds corrupt data. Met after rows
	// were read, it ends the file (EndsFile).
	ErrDamaged = fmt.Errorf("%w: truncated or damaged", ErrArchive)
	// ErrWorkbook: a zip that is a damaged workbook, or another Office
	// or OpenDocument file.
	ErrWorkbook = diag.New(diag.InvalidData, "unreadable workbook")
	// ErrBadOption: an unknown encoding or sheet name, an invalid delimiter.
	// It has no class: the caller knows whether the option came from the
	// command line (usage) or from a plan file (invalid data).
	ErrBadOption = errors.New("bad option")
	// ErrBinary: control bytes, which no text export contains (a PDF, an
	// image, random bytes, a damaged file).
	ErrBinary = diag.New(diag.InvalidData, "a binary file, not a table export: is this the right file?")
	// ErrMarkup: HTML or XML, which some tools save with an .xls name.
	ErrMarkup = diag.New(diag.InvalidData, "the file is HTML or XML, not a table export (some tools save HTML tables as .xls): open it in Excel and save it as .xlsx or .csv")
)

// EndsFile reports an error of Next after which the rest of the file
// cannot be read: a size cap (ErrTooLarge) or a damaged archive
// (ErrDamaged). The rows before it are only part of the file, so the
// caller must fail the file as a whole rather than import them.
func EndsFile(err error) bool {
	return errors.Is(err, ErrTooLarge) || errors.Is(err, ErrDamaged)
}

// headerWindow is how many non-blank rows are examined to find the header.
const headerWindow = 30

// sniffSize is how much of the start of a file is examined to choose its
// encoding and delimiter.
const sniffSize = 64 << 10

// fileError names the file in an error that does not carry a position.
func fileError(name string, err error) error {
	var pe *diag.Error
	if errors.As(err, &pe) || name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// closers closes a chain of streams in order, keeping the first error.
type closers []io.Closer

func (c *closers) add(cl io.Closer) {
	if cl != nil {
		*c = append(*c, cl)
	}
}

func (c *closers) Close() error {
	var first error
	for _, cl := range *c {
		if err := cl.Close(); err != nil && first == nil {
			first = err
		}
	}
	*c = nil
	return first
}
