package table

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Parquet files, as warehouses write them (BigQuery EXPORT DATA, Snowflake
// COPY INTO, Spark and Databricks): every leaf column becomes a column of
// text, so the importer reads them with the same column map and
// validation as CSV. Values are written as CSV exports write them:
// instants stored in UTC as RFC 3339 with Z (the importer keeps the
// instant), timestamps without a zone as "2006-01-02 15:04:05" (read in
// --tz), dates as 2006-01-02, decimals with their scale, a repeated
// column's values joined by commas (a tags array), nulls empty.

// Parquet is the Kind of Parquet files.
const Parquet Kind = JSON + 1

var parquetMagic = []byte("PAR1")

// ErrParquet: a file that starts like Parquet and cannot be read as one.
var ErrParquet = errors.New("unreadable Parquet file")

// parquetReader reads a Parquet file column by column: each column chunk
// of a row group is decoded page by page into a buffer of values, and a
// row takes its next value(s) from each column (assembling rows in the
// library costs more than the rest of the import).
type parquetReader struct {
	name    string
	file    *parquet.File
	groups  []parquet.RowGroup
	group   int   // the next row group to open
	left    int64 // rows left in the open row group
	cols    []columnCursor
	header  []string
	format  []func([]byte, parquet.Value) []byte // per leaf column
	repeats []bool                               // leaf column is repeated (a list)
	line    int                                  // the last row's "line": its ordinal + 1, the header being 1
	fields  []string
	text    []byte
	start   []int // where each column's text starts in text, and ends
	end     []int
	seen    []bool // the column has a value in this row
	direct  []bool // the column's field is set, from a dictionary
	info    Info
	closers closers

	// Typed rows (Want): how each column is read, what it can give typed,
	// and the row's cells.
	want  []CellKind
	kinds []CellKind
	typed []func(parquet.Value) (Cell, bool) // per leaf column; nil for text kinds
	cells []Cell
	// byValue reads every column value by value (tests compare the other
	// ways with it)
	byValue bool
}

// parquetBatch is how many values of a column are decoded at once.
const parquetBatch = 1024

// columnCursor reads one column chunk's values in order.
type columnCursor struct {
	pages parquet.Pages
	page  parquet.Page
	vr    parquet.ValueReader
	eof   bool // vr has no more values after buf
	buf   []parquet.Value
	pos   int

	// A dictionary-encoded page of a column that is not a list is read
	// by index (byIndex, dictPage): the dictionary's values are written
	// as text (and cells) once, and a row takes its string or cell
	// without formatting or copying; warehouses dictionary-encode most
	// string columns.
	byIndex   bool
	dictPage  bool
	dict      parquet.Dictionary // the one dictText and dictCells hold
	dictText  []string
	dictCells []Cell
	idx       []int32 // the page's indexes, one per non-null value
	defs      []byte  // the page's definition levels; nil when the column is required
	maxDef    byte    // the level of a non-null value
	levels    int     // the page's values, nulls included
	dpos      int     // the next value's level
	ipos      int     // the next non-null value's index

	// A column the importer does not read (CellSkipped, not a list) is
	// read by its definition levels alone (skipLevels, levelPage): a row
	// needs only whether it has a value, and the value itself only while
	// it may be the row's first (lazy, read forward to it, from base).
	skipLevels bool
	levelPage  bool
	lazy       parquet.ValueReader
	base       int // the level of buf[0] in levelPage
}

// fill makes sure the column's next value is in buf, or in a dictionary
// or level page (dictPage, levelPage); false at the end of the column
// chunk.
func (c *columnCursor) fill() (bool, error) {
	for {
		if c.dictPage || c.levelPage {
			if c.dpos < c.levels {
				return true, nil
			}
			c.dictPage, c.levelPage, c.vr, c.lazy = false, false, nil, nil
			c.buf, c.pos = c.buf[:0], 0
		} else if c.pos < len(c.buf) {
			return true, nil
		}
		if c.vr == nil || c.eof {
			if c.page != nil {
				parquet.Release(c.page)
				c.page, c.vr = nil, nil
			}
			page, err := c.pages.ReadPage()
			if err == io.EOF {
				return false, nil
			}
			if err != nil {
				return false, err
			}
			if c.skipLevels {
				c.page, c.levelPage, c.lazy = page, true, nil
				c.defs, c.levels, c.dpos, c.base = page.DefinitionLevels(), int(page.NumValues()), 0, 0
				continue
			}
			if c.byIndex && page.Dictionary() != nil {
				c.page, c.dictPage = page, true
				data := page.Data()
				c.idx, c.defs = data.Int32(), page.DefinitionLevels()
				c.levels, c.dpos, c.ipos = int(page.NumValues()), 0, 0
				continue
			}
			c.page, c.vr, c.eof = page, page.Values(), false
		}
		n, err := c.vr.ReadValues(c.buf[:cap(c.buf)])
		c.buf, c.pos = c.buf[:n], 0
		if err == io.EOF {
			c.eof = true
		} else if err != nil {
			return false, err
		}
	}
}

func (c *columnCursor) close() {
	if c.page != nil {
		parquet.Release(c.page)
		c.page = nil
	}
	if c.pages != nil {
		c.pages.Close()
		c.pages = nil
	}
}

func newParquetReader(in input, br io.Reader, opts Options, cl closers) (Reader, error) {
	ra, size := in.ra, in.size
	if ra == nil {
		// a stream (standard input, an archive's entry): Parquet's
		// footer is at the end, so the file is held in memory
		data, err := readAllCapped(br, opts.Limits.BufferedBytes, "a Parquet file read from a stream or from inside an archive (save or extract it and import the file)")
		if err != nil {
			return nil, err
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	f, err := parquet.OpenFile(ra, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrParquet, err)
	}
	pr := &parquetReader{name: in.name, info: Info{Kind: Parquet}, closers: cl}
	schema := f.Schema()
	for _, path := range schema.Columns() {
		leaf, _ := schema.Lookup(path...)
		pr.header = append(pr.header, parquetColumnName(path))
		pr.format = append(pr.format, parquetFormatter(leaf.Node))
		pr.repeats = append(pr.repeats, leaf.MaxRepetitionLevel > 0)
		kind, typed := parquetTyped(leaf.Node)
		if leaf.MaxRepetitionLevel > 0 {
			kind, typed = CellText, nil // a list is joined as text
		}
		pr.kinds, pr.typed = append(pr.kinds, kind), append(pr.typed, typed)
	}
	if len(pr.header) == 0 {
		return nil, ErrEmptyFile
	}
	pr.file, pr.groups = f, f.RowGroups()
	pr.cols = make([]columnCursor, len(pr.header))
	for i := range pr.cols {
		pr.cols[i].buf = make([]parquet.Value, 0, parquetBatch)
	}
	for i, path := range schema.Columns() {
		leaf, _ := schema.Lookup(path...)
		pr.cols[i].byIndex = leaf.MaxRepetitionLevel == 0 && leaf.MaxDefinitionLevel <= math.MaxUint8
		pr.cols[i].maxDef = byte(leaf.MaxDefinitionLevel)
	}
	pr.fields, pr.direct = make([]string, len(pr.header)), make([]bool, len(pr.header))
	pr.start, pr.end, pr.seen = make([]int, len(pr.header)), make([]int, len(pr.header)), make([]bool, len(pr.header))
	pr.line = 1
	return pr, nil
}

// parquetColumnName names a leaf column by its path, without the wrapper
// levels a LIST column puts around its elements (tags.list.element is
// tags), so a tags array is mapped as a tags column.
func parquetColumnName(path []string) string {
	n := len(path)
	switch {
	case n >= 3 && path[n-2] == "list" && (path[n-1] == "element" || path[n-1] == "item"):
		path = path[:n-2]
	case n >= 3 && path[n-2] == "bag" && path[n-1] == "array_element":
		path = path[:n-2]
	case n >= 2 && path[n-1] == "array":
		path = path[:n-1]
	}
	return strings.Join(path, ".")
}

func (r *parquetReader) Next() (Row, error) {
	for r.left == 0 {
		if r.group == len(r.groups) {
			return Row{}, io.EOF
		}
		g := r.groups[r.group]
		r.group++
		r.left = g.NumRows()
		chunks := g.ColumnChunks()
		for i := range r.cols {
			r.cols[i].close()
			r.cols[i].pages, r.cols[i].vr, r.cols[i].buf, r.cols[i].pos = chunks[i].Pages(), nil, r.cols[i].buf[:0], 0
			r.cols[i].dictPage, r.cols[i].dict = false, nil // a chunk has its own dictionary
			r.cols[i].levelPage, r.cols[i].lazy = false, nil
		}
	}
	r.left--
	r.line++
	// All the row's text goes into one buffer, cut into fields at the
	// end: one allocation a row, as encoding/csv makes.
	r.text = r.text[:0]
	// valued: an earlier column of the row holds a value that is never
	// empty as text (a number, a time), so a skipped column after it
	// needs no text (see Want)
	valued := false
	for col := range r.cols {
		c := &r.cols[col]
		r.seen[col] = false
		mode := CellText
		if r.want != nil {
			mode = r.want[col]
			r.cells[col] = Cell{}
		}
		r.direct[col] = false
		if c.byIndex || c.skipLevels {
			// fill only at a page's or a batch's end: a call per column
			// and row costs a tenth of the import
			if paged := c.dictPage || c.levelPage; paged && c.dpos == c.levels || !paged && c.pos == len(c.buf) {
				if _, err := c.fill(); err != nil {
					return Row{}, r.fail(err)
				}
			}
			if c.levelPage && (c.defs == nil || c.defs[c.dpos] == c.maxDef) && (valued || r.kinds[col] != CellText) {
				// the common skipped value: one with a number or time before it
				c.dpos++
				r.cells[col].Kind = CellSkipped
				valued = true
				continue
			}
			if c.dictPage {
				r.fromDictionary(col, mode, &valued)
				continue
			}
			if c.levelPage {
				if err := r.fromLevels(col, &valued); err != nil {
					return Row{}, r.fail(err)
				}
				continue
			}
		}
		// the row's first value of the column, then a list's further
		// values (repetition level above 0)
		for first := true; ; first = false {
			if c.pos == len(c.buf) {
				ok, err := c.fill()
				if err != nil {
					return Row{}, r.fail(err)
				}
				if !ok || c.dictPage || c.levelPage {
					break // the next value, in a dictionary page, is the next row's
				}
			}
			v := &c.buf[c.pos]
			if !first && v.RepetitionLevel() == 0 {
				break
			}
			c.pos++
			if v.IsNull() {
				continue
			}
			if mode != CellText {
				if r.typedValue(col, mode, *v, valued) {
					valued = valued || r.kinds[col] != CellText
					if !r.repeats[col] {
						break
					}
					continue
				}
			}
			valued = valued || r.kinds[col] != CellText
			if r.seen[col] {
				r.text = append(r.text, ',')
			} else {
				r.seen[col] = true
				r.start[col] = len(r.text)
			}
			r.text = r.format[col](r.text, *v)
			r.end[col] = len(r.text)
			if !r.repeats[col] {
				break
			}
		}
	}
	s := string(r.text)
	for i := range r.fields {
		if r.direct[i] {
			continue
		}
		r.fields[i] = ""
		if r.seen[i] {
			r.fields[i] = s[r.start[i]:r.end[i]]
		}
	}
	if r.want != nil {
		return Row{Line: r.line, Fields: r.fields, Cells: r.cells}, nil
	}
	return Row{Line: r.line, Fields: r.fields}, nil
}

// fail ends the reader at an unreadable page.
func (r *parquetReader) fail(err error) error {
	r.left = 0
	r.group = len(r.groups)
	return &diag.Error{File: r.name, Line: r.line, Err: fmt.Errorf("%w: %w", ErrParquet, err)}
}

// fromDictionary takes column col's value of the row from its dictionary
// page: a field or a cell as Next would make them from the value.
func (r *parquetReader) fromDictionary(col int, mode CellKind, valued *bool) {
	c := &r.cols[col]
	d := c.dpos
	c.dpos++
	if c.defs != nil && c.defs[d] != c.maxDef {
		r.fields[col], r.direct[col] = "", true // null
		return
	}
	k := c.idx[c.ipos]
	c.ipos++
	if c.dict != c.page.Dictionary() {
		r.readDictionary(col)
	}
	typedKind := r.kinds[col] != CellText
	switch {
	case mode == CellSkipped && (*valued || typedKind):
		r.cells[col].Kind = CellSkipped
	case mode != CellText && mode != CellSkipped && c.dictCells[k].Kind != CellText:
		r.cells[col] = c.dictCells[k]
	default:
		r.fields[col], r.direct[col] = c.dictText[k], true
		r.seen[col] = false
	}
	*valued = *valued || typedKind
	if !r.direct[col] {
		r.fields[col], r.direct[col] = "", true
	}
}

// fromLevels takes skipped column col's value of the row from its level
// page: nothing for a null, the text while no earlier column of the row
// has a number or a time (valued) and the column is a text one, else a
// CellSkipped cell (as Next makes them from the value).
func (r *parquetReader) fromLevels(col int, valued *bool) error {
	c := &r.cols[col]
	d := c.dpos
	c.dpos++
	if c.defs != nil && c.defs[d] != c.maxDef {
		return nil
	}
	if *valued || r.kinds[col] != CellText {
		r.cells[col].Kind = CellSkipped
		*valued = *valued || r.kinds[col] != CellText
		return nil
	}
	// read forward to the value of level d
	if c.lazy == nil {
		c.lazy, c.base, c.buf = c.page.Values(), 0, c.buf[:0]
	}
	for d >= c.base+len(c.buf) {
		c.base += len(c.buf)
		n, err := c.lazy.ReadValues(c.buf[:cap(c.buf)])
		c.buf = c.buf[:n]
		if n == 0 && err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
	}
	r.seen[col], r.start[col] = true, len(r.text)
	r.text = r.format[col](r.text, c.buf[d-c.base])
	r.end[col] = len(r.text)
	return nil
}

// readDictionary writes the values of column col's current dictionary
// as text and as cells.
func (r *parquetReader) readDictionary(col int) {
	c := &r.cols[col]
	c.dict = c.page.Dictionary()
	n := c.dict.Len()
	c.dictText, c.dictCells = c.dictText[:0], c.dictCells[:0]
	var b []byte
	for k := 0; k < n; k++ {
		v := c.dict.Index(int32(k))
		b = r.format[col](b[:0], v)
		c.dictText = append(c.dictText, string(b))
		var cell Cell
		if r.typed[col] != nil {
			if t, ok := r.typed[col](v); ok {
				cell = t
			}
		}
		c.dictCells = append(c.dictCells, cell)
	}
}

// typedValue stores a non-null value of a column read typed or skipped
// in the row's cell; false when the value is to be written as text: a
// skipped text column while no earlier column holds a value, a typed
// column's value outside what its cell holds.
func (r *parquetReader) typedValue(col int, mode CellKind, v parquet.Value, valued bool) bool {
	if mode == CellSkipped {
		if !valued && r.kinds[col] == CellText {
			return false
		}
		r.cells[col].Kind = CellSkipped
		return true
	}
	cell, ok := r.typed[col](v)
	if ok {
		r.cells[col] = cell
	}
	return ok
}

// ColumnKind implements Typed.
func (r *parquetReader) ColumnKind(i int) CellKind { return r.kinds[i] }

// Want implements Typed.
func (r *parquetReader) Want(kinds []CellKind) {
	if kinds == nil {
		r.want, r.cells = nil, nil
		for i := range r.cols {
			r.cols[i].skipLevels = false
		}
		return
	}
	r.want = make([]CellKind, len(r.header))
	for i := range r.want {
		r.cols[i].skipLevels = false
		switch k := kinds[i]; {
		case k == CellSkipped:
			r.want[i] = CellSkipped
			r.cols[i].skipLevels = !r.repeats[i] && !r.byValue
		case k == r.kinds[i] && r.typed[i] != nil:
			r.want[i] = k
		default:
			r.want[i] = CellText
		}
	}
	r.cells = make([]Cell, len(r.header))
}

func (r *parquetReader) Header() []string    { return r.header }
func (r *parquetReader) HeaderLine() int     { return 1 }
func (r *parquetReader) Info() Info          { return r.info }
func (r *parquetReader) Column(i int) string { return strconv.Itoa(i + 1) }
func (r *parquetReader) Blank() int          { return 0 }

func (r *parquetReader) Close() error {
	for i := range r.cols {
		r.cols[i].close()
	}
	return r.closers.Close()
}

// CellKind is what a cell of a typed row (Row.Cells) holds.
type CellKind uint8

const (
	// CellText: the value is the row's field, as text (a null is "").
	CellText CellKind = iota
	// CellInstant: Int is an instant in Unix nanoseconds, 1970-01-01 to
	// 2100-12-31 UTC (a timestamp adjusted to UTC, an INT96); other
	// instants are text, as the text path writes them.
	CellInstant
	// CellInt: Int is a whole number (INT32, INT64 without a logical type).
	CellInt
	// CellFloat: Float() is a DOUBLE.
	CellFloat
	// CellSkipped: a column the importer did not ask for has a value
	// here, not written as text.
	CellSkipped
)

// Cell is one typed value.
type Cell struct {
	Kind CellKind
	Int  int64 // CellInstant, CellInt; the bits of CellFloat's value
}

// Float is a CellFloat's value.
func (c Cell) Float() float64 { return math.Float64frombits(uint64(c.Int)) }

// Typed is implemented by readers of typed formats (Parquet), whose
// numbers and instants can reach the importer without being written as
// text and parsed again.
type Typed interface {
	// ColumnKind is how column i can be read typed (CellInstant, CellInt,
	// CellFloat), or CellText when its values need the text parser
	// (strings, dates, zone-less timestamps, decimals, lists).
	ColumnKind(i int) CellKind
	// Want sets how the next rows carry each column: kinds[i] ==
	// ColumnKind(i) in Row.Cells, CellSkipped not at all (Cells say only
	// that there is a value; a string column is still written as text
	// while no earlier column of the row has a number or a time, so
	// that the row's first value can be read), anything else as text.
	// Typed values a cell cannot hold are written as text (CellText).
	// nil returns to text for every column.
	Want(kinds []CellKind)
}

// The instants a CellInstant holds: those the importer's date parser
// takes (years 1970-2100), in Unix seconds.
const (
	minInstantSeconds = 0
	endInstantSeconds = 4133980800 // 2101-01-01T00:00:00Z
)

// parquetTyped is how a leaf column can be read typed, and the function
// that reads a value into a cell (false: write it as text); CellText and
// nil for the columns that need text.
func parquetTyped(node parquet.Node) (CellKind, func(parquet.Value) (Cell, bool)) {
	// the types parquetFormatter writes other than by the physical type
	t := node.Type()
	if lt := t.LogicalType(); lt != nil && lt.Value != nil {
		switch l := lt.Value.(type) {
		case *format.TimestampType:
			if !l.IsAdjustedToUTC {
				return CellText, nil // a wall clock, read in the file's zone
			}
			return CellInstant, instantCell(l.Unit.Value.Duration())
		case *format.DateType, *format.TimeType, *format.DecimalType, *format.UUIDType:
			return CellText, nil
		}
	}
	if ct := t.ConvertedType(); ct != nil {
		switch *ct {
		case deprecated.TimestampMillis:
			return CellInstant, instantCell(time.Millisecond)
		case deprecated.TimestampMicros:
			return CellInstant, instantCell(time.Microsecond)
		case deprecated.Date:
			return CellText, nil
		}
	}
	switch t.Kind() {
	case parquet.Int32:
		return CellInt, func(v parquet.Value) (Cell, bool) { return Cell{Kind: CellInt, Int: int64(v.Int32())}, true }
	case parquet.Int64:
		return CellInt, func(v parquet.Value) (Cell, bool) { return Cell{Kind: CellInt, Int: v.Int64()}, true }
	case parquet.Double:
		return CellFloat, func(v parquet.Value) (Cell, bool) {
			return Cell{Kind: CellFloat, Int: int64(math.Float64bits(v.Double()))}, true
		}
	case parquet.Int96:
		return CellInstant, func(v parquet.Value) (Cell, bool) {
			i := v.Int96()
			nanos := int64(uint64(i[1])<<32 | uint64(i[0]))
			days := int64(i[2]) - 2440588 // the Julian day of 1970-01-01
			if days < 0 || days >= endInstantSeconds/86400 || nanos < 0 || nanos >= 86400e9 {
				return Cell{}, false
			}
			return Cell{Kind: CellInstant, Int: days*86400e9 + nanos}, true
		}
	}
	return CellText, nil
}

// instantCell reads INT64 timestamps of a unit adjusted to UTC.
func instantCell(unit time.Duration) func(parquet.Value) (Cell, bool) {
	per := int64(time.Second / unit)
	return func(v parquet.Value) (Cell, bool) {
		n := v.Int64()
		if n < minInstantSeconds*per || n >= endInstantSeconds*per {
			return Cell{}, false
		}
		return Cell{Kind: CellInstant, Int: n * int64(unit)}, true
	}
}

// parquetFormatter returns how a leaf column's values are written as text,
// from its logical type (or the legacy converted type older writers set).
func parquetFormatter(node parquet.Node) func([]byte, parquet.Value) []byte {
	t := node.Type()
	if lt := t.LogicalType(); lt != nil && lt.Value != nil {
		switch l := lt.Value.(type) {
		case *format.TimestampType:
			return timestampFormatter(l.Unit.Value.Duration(), l.IsAdjustedToUTC)
		case *format.DateType:
			return formatDate
		case *format.TimeType:
			unit := l.Unit.Value.Duration()
			return func(b []byte, v parquet.Value) []byte {
				d := time.Duration(v.Int64()) * unit
				if t.Kind() == parquet.Int32 {
					d = time.Duration(v.Int32()) * unit
				}
				return time.Unix(0, int64(d)).UTC().AppendFormat(b, "15:04:05.999999999")
			}
		case *format.DecimalType:
			return decimalFormatter(int(l.Scale))
		case *format.UUIDType:
			return func(b []byte, v parquet.Value) []byte {
				u := v.ByteArray()
				if len(u) != 16 {
					return append(b, u...)
				}
				h := hex.EncodeToString(u)
				return append(b, h[0:8]+"-"+h[8:12]+"-"+h[12:16]+"-"+h[16:20]+"-"+h[20:]...)
			}
		}
	}
	if ct := t.ConvertedType(); ct != nil {
		switch *ct {
		case deprecated.TimestampMillis:
			return timestampFormatter(time.Millisecond, true)
		case deprecated.TimestampMicros:
			return timestampFormatter(time.Microsecond, true)
		case deprecated.Date:
			return formatDate
		}
	}
	return formatPlain
}

// formatPlain writes a value by its physical type.
func formatPlain(b []byte, v parquet.Value) []byte {
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.AppendBool(b, v.Boolean())
	case parquet.Int32:
		return strconv.AppendInt(b, int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case parquet.Int96:
		// Spark's and older BigQuery exports' timestamps: nanoseconds of
		// the day and a Julian day, an instant in UTC
		i := v.Int96()
		nanos := int64(uint64(i[1])<<32 | uint64(i[0]))
		days := int64(i[2]) - 2440588 // the Julian day of 1970-01-01
		return time.Unix(days*86400, nanos).UTC().AppendFormat(b, time.RFC3339Nano)
	case parquet.Float:
		return strconv.AppendFloat(b, float64(v.Float()), 'f', -1, 32)
	case parquet.Double:
		return strconv.AppendFloat(b, v.Double(), 'f', -1, 64)
	}
	return append(b, v.ByteArray()...)
}

func formatDate(b []byte, v parquet.Value) []byte {
	return time.Unix(int64(v.Int32())*86400, 0).UTC().AppendFormat(b, time.DateOnly)
}

// timestampFormatter writes INT64 timestamps of a unit: instants in UTC
// with Z, local (zone-less) ones as a wall clock.
func timestampFormatter(unit time.Duration, utc bool) func([]byte, parquet.Value) []byte {
	layout := "2006-01-02 15:04:05.999999999"
	if utc {
		layout = time.RFC3339Nano
	}
	per := int64(time.Second / unit)
	return func(b []byte, v parquet.Value) []byte {
		n := v.Int64()
		sec, frac := n/per, n%per
		if frac < 0 {
			sec, frac = sec-1, frac+per
		}
		t := time.Unix(sec, frac*int64(unit)).UTC()
		if y := t.Year(); y < 1000 || y > 9999 {
			return t.AppendFormat(b, layout)
		}
		return appendTimestamp(b, t, utc)
	}
}

// appendTimestamp writes t (UTC, years 1000-9999) as AppendFormat would
// with RFC3339Nano (utc) or "2006-01-02 15:04:05.999999999", without
// parsing a layout: a Parquet file of a million tickets has millions.
func appendTimestamp(b []byte, t time.Time, utc bool) []byte {
	year, month, day := t.Date()
	hour, minute, second := t.Clock()
	two := func(b []byte, v int) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	b = append(b, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-')
	b = append(two(b, int(month)), '-')
	b = two(b, day)
	if utc {
		b = append(b, 'T')
	} else {
		b = append(b, ' ')
	}
	b = append(two(b, hour), ':')
	b = append(two(b, minute), ':')
	b = two(b, second)
	if ns := t.Nanosecond(); ns > 0 {
		var digits [9]byte
		for i := 8; i >= 0; i-- {
			digits[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := 9
		for digits[n-1] == '0' {
			n--
		}
		b = append(append(b, '.'), digits[:n]...)
	}
	if utc {
		b = append(b, 'Z')
	}
	return b
}

// decimalFormatter writes a DECIMAL (INT32, INT64 or a big-endian two's
// complement byte array) with its scale: 12345 at scale 2 is 123.45.
func decimalFormatter(scale int) func([]byte, parquet.Value) []byte {
	return func(b []byte, v parquet.Value) []byte {
		var digits string
		switch v.Kind() {
		case parquet.Int32:
			digits = strconv.FormatInt(int64(v.Int32()), 10)
		case parquet.Int64:
			digits = strconv.FormatInt(v.Int64(), 10)
		default:
			raw := v.ByteArray()
			n := new(big.Int).SetBytes(raw)
			if len(raw) > 0 && raw[0]&0x80 != 0 {
				n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(raw))))
			}
			digits = n.String()
		}
		if scale <= 0 {
			return append(b, digits...)
		}
		neg := strings.HasPrefix(digits, "-")
		digits = strings.TrimPrefix(digits, "-")
		for len(digits) <= scale {
			digits = "0" + digits
		}
		if neg {
			b = append(b, '-')
		}
		b = append(b, digits[:len(digits)-scale]...)
		b = append(b, '.')
		return append(b, digits[len(digits)-scale:]...)
	}
}
