package table

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// jsonMode is the layout of a JSON export.
type jsonMode int

const (
	jsonArray   jsonMode = iota // [ {...}, {...} ]
	jsonLines                   // NDJSON: one object per line
	jsonStream                  // objects one after another, pretty-printed or on lines too long to sniff
	jsonWrapped                 // { "tickets": [ {...} ], "count": 2 }: an API page
)

// maxWrapperScalars: an object with more scalar members than this is a
// record (a ticket with a custom_fields array), not a page wrapping one.
const maxWrapperScalars = 10

// jsonReader flattens JSON records into rows. The header is the union of
// all records' keys, so the file is read twice: once for the keys, once
// for the rows (wrapped pages are small and kept in memory).
//
// Flattening: nested objects become dotted keys ("via.channel"); arrays
// of scalars are joined with ", " (a tags array becomes "vip, returns");
// arrays of objects join each object's "name", else its "value", else its
// compact JSON; numbers keep their JSON text (no 1.7e+09); null is "".
type jsonReader struct {
	name   string
	open   func() (io.Reader, io.Closer, error) // the decoded text again, for the second pass
	mode   jsonMode
	info   Info
	header []string
	index  map[string]int

	wrapped [][]byte // jsonWrapped: the records
	it      recordIter
	flat    flattener
	fields  []string

	blank        int
	blankPending int
	closers      closers
	lim          Limits
}

// recordIter yields the raw records of one pass: raw == nil for a blank
// line; err is io.EOF at the end, or a *diag.Error (the iterator goes on
// when it can resynchronise, else it ends).
type recordIter interface {
	next() (raw []byte, line int, err error)
}

// newJSONReader reads the keys from first; counter, for UTF-8 text,
// watches that pass to name the lines holding invalid bytes.
func newJSONReader(name string, first io.Reader, head []byte, atEOF bool, open func() (io.Reader, io.Closer, error), enc textEncoding, counter *lineCounter, lim Limits, cl closers) (*jsonReader, error) {
	r := &jsonReader{name: name, open: open, info: Info{Kind: JSON}, index: map[string]int{}, closers: cl, lim: lim.withDefaults()}
	if enc.warn != "" {
		r.info.Warnings = append(r.info.Warnings, enc.warn)
	}
	r.mode = sniffJSONMode(head, name)

	// first pass: the union of the keys
	it := r.iterator(first)
	values := 0
	var firstValue []byte
	var firstErr error
	for {
		raw, line, err := it.next()
		if err == io.EOF {
			break
		}
		if EndsFile(err) {
			return nil, err
		}
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if raw == nil {
			continue
		}
		r.flat.emit = r.addKey
		if err := r.flat.run(raw); err != nil {
			if firstErr == nil {
				firstErr = r.recordError(line, raw, err)
			}
			continue
		}
		if len(r.header) > r.lim.Fields {
			return nil, &diag.Error{File: name, Line: line, Err: tooManyFields(r.lim)}
		}
		values++
		if values == 1 {
			firstValue = bytes.Clone(raw)
		}
	}
	// the first stream stays open until Close: a zip entry's second
	// pass reads through the same archive file
	if counter != nil {
		counter.end()
	}
	if counter != nil && counter.badCount > 0 {
		r.info.Warnings = append(r.info.Warnings, counter.warning("those bytes read as U+FFFD (\uFFFD)"))
	}

	if values == 1 && r.mode != jsonArray {
		if recs, key, others := unwrap(firstValue); recs != nil {
			r.mode, r.wrapped = jsonWrapped, recs
			r.header, r.index = nil, map[string]int{}
			r.flat.emit = r.addKey
			for _, rec := range recs {
				r.flat.run(rec)
			}
			if len(others) > 0 {
				r.info.Warnings = append(r.info.Warnings, fmt.Sprintf("read the records of %q; the object also holds %s", key, strings.Join(others, ", ")))
			}
		}
	}
	switch {
	case values == 0 && firstErr != nil:
		return nil, firstErr
	case values == 0 || (r.mode == jsonWrapped && len(r.wrapped) == 0):
		return nil, ErrEmptyFile
	case len(r.header) == 0:
		return nil, ErrNoHeader
	}
	r.fields = make([]string, len(r.header))
	return r, nil
}

func (r *jsonReader) addKey(key, _ []byte) {
	if _, ok := r.index[string(key)]; !ok {
		k := string(key)
		r.index[k] = len(r.header)
		r.header = append(r.header, k)
	}
}

// sniffJSONMode tells NDJSON (a complete object on the first line and
// more after it) from a document.
func sniffJSONMode(head []byte, name string) jsonMode {
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) > 0 && t[0] == '[' {
		return jsonArray
	}
	if hasExt(name, ".ndjson", ".jsonl") {
		return jsonLines
	}
	nl := bytes.IndexByte(t, '\n')
	if nl > 0 && json.Valid(t[:nl]) && len(bytes.TrimSpace(t[nl+1:])) > 0 {
		return jsonLines
	}
	return jsonStream
}

func (r *jsonReader) iterator(src io.Reader) recordIter {
	switch {
	case src == nil:
	case r.mode == jsonLines:
		src = &lineGuard{r: src, recordCap: recordCap{lim: r.lim}}
	default:
		src = &jsonGuard{r: src, recordCap: recordCap{lim: r.lim}}
	}
	switch r.mode {
	case jsonArray:
		return &arrayIter{name: r.name, dec: newDecoder(src)}
	case jsonLines:
		return &linesIter{name: r.name, br: bufio.NewReaderSize(src, sniffSize)}
	case jsonWrapped:
		return &sliceIter{recs: r.wrapped}
	}
	return &streamIter{name: r.name, dec: newDecoder(src)}
}

func newDecoder(src io.Reader) *json.Decoder {
	d := json.NewDecoder(src)
	d.UseNumber()
	return d
}

func (r *jsonReader) Next() (Row, error) {
	if r.it == nil {
		if r.mode == jsonWrapped {
			r.it = r.iterator(nil)
		} else {
			src, c, err := r.open()
			if err != nil {
				r.it = &sliceIter{}
				return Row{}, &diag.Error{File: r.name, Line: 1, Err: err}
			}
			r.closers.add(c)
			r.it = r.iterator(src)
		}
	}
	for {
		raw, line, err := r.it.next()
		if err == io.EOF {
			r.closers.Close()
			return Row{}, io.EOF
		}
		if err != nil {
			r.blank += r.blankPending
			r.blankPending = 0
			return Row{}, err
		}
		if raw == nil {
			r.blankPending++
			continue
		}
		clear(r.fields)
		r.flat.emit = r.set
		if err := r.flat.run(raw); err != nil {
			r.blank += r.blankPending
			r.blankPending = 0
			return Row{}, r.recordError(line, raw, err)
		}
		if blankFields(r.fields) {
			r.blankPending++
			continue
		}
		r.blank += r.blankPending
		r.blankPending = 0
		return Row{Line: line, Fields: r.fields}, nil
	}
}

func (r *jsonReader) set(key, value []byte) {
	if i, ok := r.index[string(key)]; ok {
		r.fields[i] = string(value)
	}
}

// recordError positions a record that does not parse, with
// encoding/json's description of the problem (and its column for NDJSON,
// where the record is the line).
func (r *jsonReader) recordError(line int, raw []byte, err error) *diag.Error {
	if errors.Is(err, errJSONSyntax) {
		var v json.RawMessage
		if uerr := json.Unmarshal(raw, &v); uerr != nil {
			err = uerr
		}
	}
	pe := &diag.Error{File: r.name, Line: line, Err: err}
	var se *json.SyntaxError
	if r.mode == jsonLines && errors.As(err, &se) {
		pe.Column = int(se.Offset)
	}
	return pe
}

func (r *jsonReader) Header() []string { return r.header }

// HeaderLine is 0 for NDJSON, whose header is on no line; the array forms
// number their records from 2, as if the header were line 1.
func (r *jsonReader) HeaderLine() int {
	if r.mode == jsonLines {
		return 0
	}
	return 1
}
func (r *jsonReader) Info() Info          { return r.info }
func (r *jsonReader) Column(i int) string { return strconv.Itoa(i + 1) }
func (r *jsonReader) Blank() int          { return r.blank }
func (r *jsonReader) Close() error        { return r.closers.Close() }

// arrayIter yields the elements of a top-level array.
type arrayIter struct {
	name    string
	dec     *json.Decoder
	started bool
	done    bool
	ordinal int
}

func (it *arrayIter) next() ([]byte, int, error) {
	if it.done {
		return nil, 0, io.EOF
	}
	if !it.started {
		it.started = true
		if tok, err := it.dec.Token(); err != nil || tok != json.Delim('[') {
			it.done = true
			return nil, 0, &diag.Error{File: it.name, Line: 1, Err: jsonError(err, "the file does not start with a JSON array")}
		}
	}
	if !it.dec.More() {
		it.done = true
		if _, err := it.dec.Token(); err != nil {
			return nil, 0, &diag.Error{File: it.name, Line: it.ordinal + 2, Err: jsonError(err, "the array is not closed")}
		}
		return nil, 0, io.EOF
	}
	it.ordinal++
	var raw json.RawMessage
	if err := it.dec.Decode(&raw); err != nil {
		it.done = true // a syntax error cannot be skipped inside one document
		return nil, 0, &diag.Error{File: it.name, Line: it.ordinal + 1, Err: jsonError(err, "")}
	}
	if err := objectCheck(raw); err != nil {
		return nil, 0, &diag.Error{File: it.name, Line: it.ordinal + 1, Err: err}
	}
	return raw, it.ordinal + 1, nil
}

// streamIter yields top-level values one after another.
type streamIter struct {
	name    string
	dec     *json.Decoder
	done    bool
	ordinal int
}

func (it *streamIter) next() ([]byte, int, error) {
	if it.done || !it.dec.More() {
		it.done = true
		return nil, 0, io.EOF
	}
	it.ordinal++
	var raw json.RawMessage
	if err := it.dec.Decode(&raw); err != nil {
		it.done = true
		return nil, 0, &diag.Error{File: it.name, Line: it.ordinal + 1, Err: jsonError(err, "")}
	}
	if err := objectCheck(raw); err != nil {
		return nil, 0, &diag.Error{File: it.name, Line: it.ordinal + 1, Err: err}
	}
	return raw, it.ordinal + 1, nil
}

// linesIter yields NDJSON lines; a bad line is reported and skipped.
type linesIter struct {
	name string
	br   *bufio.Reader
	line int
	buf  []byte
	done bool
}

func (it *linesIter) next() ([]byte, int, error) {
	if it.done {
		return nil, 0, io.EOF
	}
	it.buf = it.buf[:0]
	for {
		b, err := it.br.ReadSlice('\n')
		it.buf = append(it.buf, b...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			it.done = true
			if err != io.EOF {
				return nil, 0, &diag.Error{File: it.name, Line: it.line + 1, Err: err}
			}
			if len(it.buf) == 0 {
				return nil, 0, io.EOF
			}
		}
		break
	}
	it.line++
	t := bytes.TrimSpace(it.buf)
	if len(t) == 0 {
		return nil, it.line, nil
	}
	if err := objectCheck(t); err != nil {
		return nil, 0, &diag.Error{File: it.name, Line: it.line, Column: bytes.Index(it.buf, t[:1]) + 1, Err: err}
	}
	// leading blanks kept so that syntax error offsets are columns
	return bytes.TrimRight(it.buf, " \t\r\n"), it.line, nil
}

// sliceIter yields records held in memory.
type sliceIter struct {
	recs [][]byte
	i    int
}

func (it *sliceIter) next() ([]byte, int, error) {
	if it.i >= len(it.recs) {
		return nil, 0, io.EOF
	}
	it.i++
	return it.recs[it.i-1], it.i + 1, nil
}

// objectCheck rejects records that are not objects, naming what they are.
func objectCheck(raw []byte) error {
	t := bytes.TrimLeft(raw, " \t\r\n")
	if len(t) > 0 && t[0] == '{' {
		return nil
	}
	what := "empty"
	if len(t) > 0 {
		switch t[0] {
		case '[':
			what = "an array"
		case '"':
			what = "a string"
		case 't', 'f':
			what = "a boolean"
		case 'n':
			what = "null"
		default:
			what = "a number"
			if t[0] != '-' && (t[0] < '0' || t[0] > '9') {
				what = "not JSON"
			}
		}
	}
	return fmt.Errorf("the record is %s, not a JSON object", what)
}

// jsonError makes decoder errors readable; an unexpected end is named.
func jsonError(err error, what string) error {
	switch {
	case err == nil:
		return errors.New(what)
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		if what == "" {
			what = "the JSON ends in the middle of a value"
		}
		return fmt.Errorf("%s: %w", what, io.ErrUnexpectedEOF)
	}
	return err
}

// unwrap finds the records of an API page: the largest array of objects
// in an object whose other members are few scalars (count, next_page).
// It returns nil when obj is a record itself; others names the other
// arrays of objects, which were not read.
func unwrap(obj []byte) (recs [][]byte, key string, others []string) {
	dec := newDecoder(bytes.NewReader(obj))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, "", nil
	}
	type array struct {
		key  string
		recs [][]byte
	}
	var arrays []array
	scalars := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, "", nil
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, "", nil
		}
		switch v[0] {
		case '[':
			var elems []json.RawMessage
			if json.Unmarshal(v, &elems) != nil || len(elems) == 0 {
				scalars++
				continue
			}
			a := array{key: k}
			for _, e := range elems {
				if objectCheck(e) != nil {
					a.recs = nil
					break
				}
				a.recs = append(a.recs, e)
			}
			if a.recs == nil {
				scalars++
				continue
			}
			arrays = append(arrays, a)
		case '{':
		default:
			scalars++
		}
	}
	if len(arrays) == 0 || scalars > maxWrapperScalars {
		return nil, "", nil
	}
	best := 0
	for i, a := range arrays {
		if len(a.recs) > len(arrays[best].recs) {
			best = i
		}
	}
	for i, a := range arrays {
		if i != best {
			others = append(others, fmt.Sprintf("%q (%d %s)", a.key, len(a.recs), plural("record", len(a.recs))))
		}
	}
	return arrays[best].recs, arrays[best].key, others
}
