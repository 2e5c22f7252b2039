package table

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits bound what one file may cost in memory and time, whatever its
// shape: a line of commas, a gzip of one 4 GiB line, random bytes. The
// defaults are far above any real export; each cap, when hit, is an
// error naming the cap and the flag that raises it. A zero field takes
// the value of DefaultLimits.
type Limits struct {
	// RecordBytes caps one record: a CSV record (its quoted line breaks
	// included), a JSON record, or a line outside any record.
	RecordBytes int64
	// Fields caps the fields of one CSV record and the columns of a JSON
	// file (the union of its keys).
	Fields int
	// Expansion caps the ratio of decompressed bytes (gzip, zip, the
	// parts of a workbook) to the bytes of the file, once more than
	// expansionFloor bytes came out.
	Expansion int64
	// DecompressedBytes caps what an archive may expand to, whatever the
	// ratio.
	DecompressedBytes int64
	// BufferedBytes caps what must be held in memory whole: a zip read
	// from a stream or from inside another archive, JSON from standard
	// input, a small table read whole by package sheet.
	BufferedBytes int64
}

// DefaultLimits are the caps used where Options.Limits leaves a field
// zero. They are not changed at run time: a caller with other caps (the
// command line's --max-* flags) passes them in Options.Limits.
var DefaultLimits = Limits{
	RecordBytes:       8 << 20,
	Fields:            16384, // Excel's own column limit
	Expansion:         100,   // text exports compress 5-20 times
	DecompressedBytes: 16 << 30,
	BufferedBytes:     256 << 20,
}

// Flag names, so that every message names the way to raise its cap.
const (
	FlagRecordBytes       = "--max-record-size"
	FlagFields            = "--max-fields"
	FlagExpansion         = "--max-expansion"
	FlagDecompressedBytes = "--max-decompressed-size"
)

// expansionFloor is how much an archive may always expand to, so that a
// tiny gzip of a small but repetitive export is never refused.
const expansionFloor = 64 << 20

// withDefaults fills the zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.RecordBytes <= 0 {
		l.RecordBytes = d.RecordBytes
	}
	if l.Fields <= 0 {
		l.Fields = d.Fields
	}
	if l.Expansion <= 0 {
		l.Expansion = d.Expansion
	}
	if l.DecompressedBytes <= 0 {
		l.DecompressedBytes = d.DecompressedBytes
	}
	if l.BufferedBytes <= 0 {
		l.BufferedBytes = d.BufferedBytes
	}
	return l
}

// ErrTooLarge is the cause of every *LimitError: the file exceeds one of
// the caps in Limits.
var ErrTooLarge = errors.New("the file exceeds a size limit")

// LimitError says which cap a file hit and how to raise it.
type LimitError struct {
	// What exceeded the cap, in words: "a record", "the decompressed data".
	What string
	// Limit is the cap, in the unit of Unit ("bytes", "fields", "times
	// the file's size").
	Limit int64
	Unit  string
	// Flag raises the cap ("" when no flag does).
	Flag string
}

func (e *LimitError) Error() string {
	s := fmt.Sprintf("%s exceeds the limit of %s", e.What, formatLimit(e.Limit, e.Unit))
	if e.Flag != "" {
		s += fmt.Sprintf(" (raise it with %s if the file is right)", e.Flag)
	}
	return s
}

func (e *LimitError) Unwrap() error { return ErrTooLarge }

// formatLimit writes a byte count in MiB or GiB, other units as numbers.
func formatLimit(n int64, unit string) string {
	if unit != "bytes" {
		return strconv.FormatInt(n, 10) + " " + unit
	}
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

func recordTooLong(l Limits) error {
	return &LimitError{What: "a record (one line, or one quoted value with its line breaks)", Limit: l.RecordBytes, Unit: "bytes", Flag: FlagRecordBytes}
}

func tooManyFields(l Limits) error {
	return &LimitError{What: "the number of fields in a record", Limit: int64(l.Fields), Unit: "fields", Flag: FlagFields}
}

// recordCap counts the bytes of the record a guard is in against
// Limits.RecordBytes; err is set once a record exceeds it.
type recordCap struct {
	lim   Limits
	bytes int64
	err   error
}

// add counts a run of n bytes that starts at offset i of the buffer being
// read. When the run takes the record past the cap it sets err and
// returns false with the offset at which the cap was reached: the guard
// hands over what precedes it, so the parser reports the error at the
// record that caused it.
func (c *recordCap) add(n int64, i int) (int, bool) {
	if c.bytes+n > c.lim.RecordBytes {
		c.err = recordTooLong(c.lim)
		return i + int(c.lim.RecordBytes-c.bytes), false
	}
	c.bytes += n
	return i, true
}

// guardedRead reads from r into p and runs scan over what came, unless
// an earlier read hit a cap. scan returns how many bytes to hand over and
// false when it stopped at a cap (it set *err), true to hand over all.
func guardedRead(r io.Reader, p []byte, err *error, scan func(b []byte) (int, bool)) (int, error) {
	if *err != nil {
		return 0, *err
	}
	n, rerr := r.Read(p)
	if k, ok := scan(p[:n]); !ok {
		return k, nil
	}
	return n, rerr
}

// csvGuard sits between the decoded text and encoding/csv and stops the
// stream at the first record longer than RecordBytes or with more than
// Fields fields, before encoding/csv has allocated for it. It follows
// encoding/csv's own grammar (a quote opens a field only at its start, a
// bad quote makes the rest of the line unreadable), so a stray quote does
// not make it see one endless record.
type csvGuard struct {
	r io.Reader
	recordCap
	delim  byte // 0: a multi-byte delimiter, fields are not counted
	state  csvState
	fields int
}

type csvState uint8

const (
	fieldStart    csvState = iota
	unquoted               // inside a field that did not start with a quote
	quoted                 // inside a quoted field
	quoteInQuoted          // a quote inside a quoted field: closes it, or starts ""
	skipLine               // a bad quote: encoding/csv drops the rest of the line
)

func newCSVGuard(r io.Reader, delim rune, lim Limits) *csvGuard {
	g := &csvGuard{r: r, recordCap: recordCap{lim: lim}, fields: 1}
	if delim < 0x80 {
		g.delim = byte(delim)
	}
	return g
}

func (g *csvGuard) Read(p []byte) (int, error) { return guardedRead(g.r, p, &g.err, g.scan) }

// scan moves the guard over b (see guardedRead).
func (g *csvGuard) scan(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		// skip a run that leaves the state as it is, counting its bytes;
		// the runs are found with the library's vectorised searches, as
		// the guard must not cost more than the parse
		j := i
		switch g.state {
		case fieldStart, unquoted:
			// up to the line's end or its first quote: only delimiters
			seg := b[i:]
			if k := bytes.IndexByte(seg, '\n'); k >= 0 {
				seg = seg[:k]
			}
			if k := bytes.IndexByte(seg, '"'); k >= 0 {
				seg = seg[:k]
			}
			if len(seg) == 0 {
				break
			}
			if g.delim != 0 {
				if g.fields += bytes.Count(seg, []byte{g.delim}); g.fields > g.lim.Fields {
					g.err = tooManyFields(g.lim)
					return i, false
				}
			}
			if k, ok := g.add(int64(len(seg)), i); !ok {
				return k, false
			}
			g.state = unquoted
			if g.delim != 0 && seg[len(seg)-1] == g.delim {
				g.state = fieldStart
			}
			i += len(seg)
			continue
		case quoted:
			if k := bytes.IndexByte(b[i:], '"'); k >= 0 {
				j = i + k
			} else {
				j = len(b)
			}
		case skipLine:
			if k := bytes.IndexByte(b[i:], '\n'); k >= 0 {
				j = i + k
			} else {
				j = len(b)
			}
		}
		if k, ok := g.add(int64(j-i), i); !ok {
			return k, false
		} else if j > i {
			i = j
			continue
		}
		if g.step(b[i]) {
			// hand over what precedes the excess: encoding/csv then
			// reports the error at the record that caused it
			return i, false
		}
		i++
	}
	return len(b), true
}

// step moves the state machine over b; true when a cap is exceeded.
func (g *csvGuard) step(b byte) bool {
	if _, ok := g.add(1, 0); !ok {
		return true
	}
	newField := false
	switch g.state {
	case fieldStart, unquoted:
		switch {
		case b == '\n':
			g.endRecord()
		case b == g.delim && g.delim != 0:
			newField = true
		case b == '"' && g.state == fieldStart:
			g.state = quoted
		case b == '"':
			g.state = skipLine
		default:
			g.state = unquoted
		}
	case quoted:
		if b == '"' {
			g.state = quoteInQuoted
		}
	case quoteInQuoted:
		switch {
		case b == '"':
			g.state = quoted
		case b == '\n':
			g.endRecord()
		case b == g.delim && g.delim != 0:
			newField = true
		case b == '\r':
		default:
			g.state = skipLine
		}
	case skipLine:
		if b == '\n' {
			g.endRecord()
		}
	}
	if newField {
		g.state = fieldStart
		g.fields++
		if g.fields > g.lim.Fields {
			g.err = tooManyFields(g.lim)
			return true
		}
	}
	return false
}

func (g *csvGuard) endRecord() {
	g.state, g.bytes, g.fields = fieldStart, 0, 1
}

// jsonGuard stops a JSON stream at the first record longer than
// RecordBytes. A record is an element of a top-level array, or a
// top-level value; bytes outside any value count until the next line
// break, so a line of garbage is capped too.
type jsonGuard struct {
	r io.Reader
	recordCap
	depth    int
	topArray bool // the current top-level value is an array
	inString bool
	escaped  bool
}

// jsonPlain marks the bytes outside strings that change nothing.
var jsonPlain = func() (t [256]bool) {
	for i := range t {
		t[i] = true
	}
	for _, c := range `"{}[],` + "\n" {
		t[c] = false
	}
	return t
}()

func (g *jsonGuard) Read(p []byte) (int, error) { return guardedRead(g.r, p, &g.err, g.scan) }

// scan moves the guard over b (see guardedRead).
func (g *jsonGuard) scan(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		j := i
		switch {
		case g.escaped:
		case g.inString:
			// to the next quote or backslash
			seg := b[i:]
			if k := bytes.IndexByte(seg, '"'); k >= 0 {
				seg = seg[:k]
			}
			if k := bytes.IndexByte(seg, '\\'); k >= 0 {
				seg = seg[:k]
			}
			j = i + len(seg)
		default:
			for j < len(b) && jsonPlain[b[j]] {
				j++
			}
		}
		if k, ok := g.add(int64(j-i), i); !ok {
			return k, false
		} else if j > i {
			i = j
			continue
		}
		if g.step(b[i]) {
			return i, false
		}
		i++
	}
	return len(b), true
}

func (g *jsonGuard) step(b byte) bool {
	if _, ok := g.add(1, 0); !ok {
		return true
	}
	if g.inString {
		switch {
		case g.escaped:
			g.escaped = false
		case b == '\\':
			g.escaped = true
		case b == '"':
			g.inString = false
		}
		return false
	}
	switch b {
	case '"':
		g.inString = true
	case '{', '[':
		if g.depth == 0 {
			g.topArray = b == '['
		}
		g.depth++
		if g.depth == 1 && g.topArray {
			g.bytes = 0
		}
	case '}', ']':
		if g.depth > 0 {
			g.depth--
		}
		if g.depth == 0 {
			g.bytes = 0
		}
	case ',':
		if g.depth == 1 && g.topArray {
			g.bytes = 0
		}
	case '\n':
		if g.depth == 0 {
			g.bytes = 0
		}
	}
	return false
}

// lineGuard stops a stream at the first line longer than RecordBytes: the
// guard of NDJSON, whose records are its lines.
type lineGuard struct {
	r io.Reader
	recordCap
}

func (g *lineGuard) Read(p []byte) (int, error) { return guardedRead(g.r, p, &g.err, g.scan) }

// scan moves the guard over b (see guardedRead).
func (g *lineGuard) scan(b []byte) (int, bool) {
	for i := 0; i < len(b); {
		seg := b[i:]
		k := bytes.IndexByte(seg, '\n')
		if k >= 0 {
			seg = seg[:k]
		}
		if stop, ok := g.add(int64(len(seg)), i); !ok {
			return stop, false
		}
		i += len(seg)
		if k >= 0 {
			g.bytes = 0
			i++
		}
	}
	return len(b), true
}

// expansion counts what decompressors produce against the bytes of the
// file they came from.
type expansion struct {
	lim Limits
	// raw is the size of the file, or the bytes read so far from a
	// stream of unknown size.
	raw func() int64
}

// cap is the most one decompressed stream may yield now.
func (x *expansion) cap() int64 {
	c := max(x.raw()*x.lim.Expansion, expansionFloor)
	return min(c, x.lim.DecompressedBytes)
}

// check fails when n decompressed bytes would exceed the caps.
func (x *expansion) check(n uint64, what string) error {
	if n <= uint64(x.cap()) {
		return nil
	}
	return x.tooMuch(int64(min(n, 1<<62)), what)
}

func (x *expansion) tooMuch(n int64, what string) error {
	if n > x.lim.DecompressedBytes {
		return &LimitError{What: what, Limit: x.lim.DecompressedBytes, Unit: "bytes", Flag: FlagDecompressedBytes}
	}
	return &LimitError{What: what + " (an archive that expands this much is a zip bomb or not an export)",
		Limit: x.lim.Expansion, Unit: "times the size of the file", Flag: FlagExpansion}
}

// expanded counts one decompressed stream, and marks its decoder's
// failures as ErrDamaged (damaged).
type expanded struct {
	r    io.Reader
	x    *expansion
	what string // the stream in messages: "the gzip data", "the zip entry \"a.csv\""
	n    int64
	err  error
}

func (e *expanded) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.r.Read(p)
	e.n += int64(n)
	if e.n > e.x.cap() {
		e.err = e.x.tooMuch(e.n, "the decompressed data")
		return 0, e.err
	}
	if err != nil && err != io.EOF {
		err = damaged(e.what, err)
	}
	return n, err
}

// countingReader counts the bytes of a stream of unknown size.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readAllCapped reads r whole, or fails once it holds more than max
// bytes; what names the data for the message.
func readAllCapped(r io.Reader, max int64, what string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &LimitError{What: what, Limit: max, Unit: "bytes"}
	}
	return data, nil
}
