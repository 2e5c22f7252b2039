package table

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
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
	info    Info
	closers closers
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
}

// fill makes sure buf holds the column's next value; false at the end of
// the column chunk.
func (c *columnCursor) fill() (bool, error) {
	for c.pos == len(c.buf) {
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
	return true, nil
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
	}
	if len(pr.header) == 0 {
		return nil, ErrEmptyFile
	}
	pr.file, pr.groups = f, f.RowGroups()
	pr.cols = make([]columnCursor, len(pr.header))
	for i := range pr.cols {
		pr.cols[i].buf = make([]parquet.Value, 0, parquetBatch)
	}
	pr.fields = make([]string, len(pr.header))
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
			r.cols[i].pages, r.cols[i].vr, r.cols[i].buf = chunks[i].Pages(), nil, r.cols[i].buf[:0]
		}
	}
	r.left--
	r.line++
	// All the row's text goes into one buffer, cut into fields at the
	// end: one allocation a row, as encoding/csv makes.
	r.text = r.text[:0]
	for col := range r.cols {
		c := &r.cols[col]
		r.seen[col] = false
		// the row's first value of the column, then a list's further
		// values (repetition level above 0)
		for first := true; ; first = false {
			if c.pos == len(c.buf) {
				ok, err := c.fill()
				if err != nil {
					r.left = 0
					r.group = len(r.groups)
					return Row{}, &PosError{File: r.name, Line: r.line, Err: fmt.Errorf("%w: %w", ErrParquet, err)}
				}
				if !ok {
					break
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
		r.fields[i] = ""
		if r.seen[i] {
			r.fields[i] = s[r.start[i]:r.end[i]]
		}
	}
	return Row{Line: r.line, Fields: r.fields}, nil
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
