package table

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// Open opens an export file. The format is sniffed from the content, the
// extension being only a hint; errors name the file.
func Open(path string, opts Options) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fileError(path, err)
	}
	if st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s: is a directory, not an export file", path)
	}
	size := st.Size()
	opts.Limits = opts.Limits.withDefaults()
	in := input{
		name: path, r: f, ra: f, size: size,
		reopen: func() (io.ReadCloser, error) { return os.Open(path) },
		x:      &expansion{lim: opts.Limits, raw: func() int64 { return size }},
	}
	r, err := build(in, opts, 0, closers{f})
	if err != nil {
		return nil, fileError(path, err)
	}
	return r, nil
}

// NewReader reads an export from a stream. name is used in errors and as
// an extension hint. Text is streamed; JSON and zip archives are buffered
// in memory (JSON is read twice: once for the union of its keys).
func NewReader(r io.Reader, name string, opts Options) (Reader, error) {
	opts.Limits = opts.Limits.withDefaults()
	cr := &countingReader{r: r}
	x := &expansion{lim: opts.Limits, raw: func() int64 { return cr.n }}
	rd, err := build(input{name: name, r: cr, x: x}, opts, 0, nil)
	if err != nil {
		return nil, fileError(name, err)
	}
	return rd, nil
}

// input is one byte stream to sniff, with what else is known about it.
type input struct {
	name string
	r    io.Reader
	// reopen gives the same bytes again from the start (JSON's second
	// pass); nil when the stream cannot be re-read and must be buffered.
	reopen func() (io.ReadCloser, error)
	// ra and size give random access (zip) without buffering; ra is nil
	// when the stream has none.
	ra   io.ReaderAt
	size int64
	// x bounds what decompressors inside this file may expand to.
	x *expansion
}

// maxNesting bounds archives inside archives.
const maxNesting = 4

var (
	zipMagic  = []byte("PK\x03\x04")
	zipEmpty  = []byte("PK\x05\x06")
	gzipMagic = []byte{0x1f, 0x8b}
	ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// build sniffs in and returns the reader for its format. cl closes the
// streams under in; it is closed here on error, else by the reader.
func build(in input, opts Options, depth int, cl closers) (rd Reader, err error) {
	defer func() {
		if err != nil {
			cl.Close()
		}
	}()
	if depth > maxNesting {
		return nil, fmt.Errorf("%w: archives nested too deep", ErrArchive)
	}
	counter := &lineCounter{r: in.r}
	br := bufio.NewReaderSize(counter, sniffSize)
	head, perr := br.Peek(sniffSize)
	if perr != nil && perr != io.EOF && perr != bufio.ErrBufferFull {
		return nil, sniffError(perr, depth)
	}
	atEOF := perr == io.EOF
	if len(head) == 0 {
		return nil, ErrEmptyFile
	}
	switch {
	case bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, zipEmpty):
		return openZip(in, br, opts, depth, cl)
	case bytes.HasPrefix(head, gzipMagic):
		return openGzip(in, br, opts, depth, cl)
	case bytes.HasPrefix(head, parquetMagic):
		return newParquetReader(in, br, opts, cl)
	case bytes.HasPrefix(head, ole2Magic[:4]):
		if bytes.Contains(head, utf16Name("EncryptedPackage")) {
			return nil, ErrEncrypted
		}
		return nil, ErrLegacyXLS
	}

	var enc textEncoding
	if opts.Encoding != "" {
		if enc, err = lookupEncoding(opts.Encoding); err != nil {
			return nil, err
		}
	} else {
		enc = detectEncoding(head, atEOF)
	}
	var dr *bufio.Reader
	if enc.dec == nil {
		// UTF-8: the parser reads the file's own buffer, no transform;
		// the counter checks what follows the sniffed window
		counter.validate = true
		counter.check(head, 1, atEOF)
		dr = br
		if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
			br.Discard(3)
		}
	} else {
		dr = decodedStream(br, enc)
		counter = nil
	}
	dhead, perr := dr.Peek(sniffSize)
	if perr != nil && perr != io.EOF && perr != bufio.ErrBufferFull {
		return nil, sniffError(perr, depth)
	}
	dAtEOF := perr == io.EOF
	if len(bytes.TrimSpace(dhead)) == 0 && dAtEOF {
		return nil, ErrEmptyFile
	}
	if isMarkup(dhead) {
		return nil, ErrMarkup
	}
	if looksBinary(dhead) {
		return nil, ErrBinary
	}
	if looksJSON(dhead, in.name) {
		open := func() (io.Reader, io.Closer, error) {
			rc, err := in.reopen()
			if err != nil {
				return nil, nil, err
			}
			return decodedStream(rc, enc), rc, nil
		}
		var first io.Reader = dr
		if in.reopen == nil {
			data, err := readAllCapped(dr, opts.Limits.BufferedBytes, "JSON read from a stream (save it to a file and import the file)")
			if err != nil {
				return nil, &diag.Error{File: in.name, Line: 1, Err: err}
			}
			open = func() (io.Reader, io.Closer, error) { return bytes.NewReader(data), nil, nil }
			first = bytes.NewReader(data)
		}
		jr, err := newJSONReader(in.name, first, dhead, dAtEOF, open, enc, counter, opts.Limits, cl)
		if err != nil {
			return nil, err
		}
		return jr, nil
	}
	cr, err := newCSVReader(in.name, dr, counter, enc, opts, cl)
	if err != nil {
		return nil, err
	}
	return cr, nil
}

// sniffError is a read error met in the first bytes: inside an archive
// (depth > 0) the archive is unreadable.
func sniffError(err error, depth int) error {
	if depth > 0 && !errors.Is(err, ErrArchive) {
		return fmt.Errorf("%w: %w", ErrArchive, err)
	}
	return err
}

func openGzip(in input, br *bufio.Reader, opts Options, depth int, cl closers) (Reader, error) {
	gz, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %w", ErrArchive, err)
	}
	cl.add(gz)
	inner := input{name: trimExt(in.name, ".gz", ".gzip"), r: &expanded{r: gz, x: in.x, what: gzipData}, x: in.x}
	if in.reopen != nil {
		inner.reopen = func() (io.ReadCloser, error) {
			rc, err := in.reopen()
			if err != nil {
				return nil, err
			}
			z, err := gzip.NewReader(rc)
			if err != nil {
				rc.Close()
				return nil, err
			}
			return &readCloser{Reader: &expanded{r: z, x: in.x, what: gzipData}, closers: closers{z, rc}}, nil
		}
	}
	return build(inner, opts, depth+1, cl)
}

// gzipData names a gzip stream in messages.
const gzipData = "the gzip data"

// damaged marks err, from the decoder of a compressed stream (what), as
// ErrDamaged when it says the data is truncated, corrupt or fails its
// checksum; other errors (the disk's) pass unchanged.
func damaged(what string, err error) error {
	var reason string
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, ErrDamaged):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF):
		reason = "ends before its end marker (an interrupted download or copy?)"
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zip.ErrChecksum):
		reason = "fails its checksum (a damaged copy?)"
	case errors.Is(err, zip.ErrFormat):
		reason = "does not end as a zip entry should (a damaged copy?)"
	case errors.As(err, &corrupt):
		reason = fmt.Sprintf("is corrupt at byte %d of the compressed data (a damaged copy?)", int64(corrupt))
	case errors.Is(err, gzip.ErrHeader):
		reason = "is followed by bytes that are not gzip data (files joined together?)"
	default:
		return err
	}
	return fmt.Errorf("%w: %s %s; the rest of the file cannot be read: get the file again", ErrDamaged, what, reason)
}

// readCloser closes a chain of streams when the outer one is closed.
type readCloser struct {
	io.Reader
	closers
}

// tableExts are the entry names a zip archive may hold an export under.
var tableExts = []string{".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".xls", ".json", ".ndjson", ".jsonl", ".gz", ".zip"}

func openZip(in input, br *bufio.Reader, opts Options, depth int, cl closers) (Reader, error) {
	ra, size := in.ra, in.size
	if ra == nil {
		data, err := readAllCapped(br, opts.Limits.BufferedBytes, "a zip archive read from a stream or from inside another archive (extract it and import the file inside)")
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w", ErrArchive, err)
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fmt.Errorf("%w: zip: %w", ErrArchive, err)
	}
	var types, workbook, ods bool
	var files, tables []*zip.File
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(f.Name, "xl/"):
			workbook = true
		case f.Name == "mimetype":
			ods = true
		}
		base := path.Base(f.Name)
		if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, ".") {
			continue
		}
		files = append(files, f)
		if hasExt(f.Name, tableExts...) {
			tables = append(tables, f)
		}
	}
	switch {
	case types && workbook:
		// the declared sizes are checked by archive/zip as it reads, so
		// their sum bounds what excelize will unpack
		var unpacked uint64
		for _, f := range zr.File {
			unpacked += f.UncompressedSize64
		}
		if err := in.x.check(unpacked, "the workbook's unpacked parts"); err != nil {
			return nil, err
		}
		if size > in.x.lim.BufferedBytes {
			return nil, &LimitError{What: "a workbook (excel reads it whole: save it as CSV)", Limit: in.x.lim.BufferedBytes, Unit: "bytes"}
		}
		return newXLSXReader(in.name, io.NewSectionReader(ra, 0, size), opts, in.x, cl)
	case types:
		return nil, fmt.Errorf("%w: an Office document that is not a workbook: save the table as .xlsx or .csv", ErrWorkbook)
	case ods && !hasExt(in.name, ".zip"):
		return nil, fmt.Errorf("%w: OpenDocument spreadsheets are not supported: save the file as .xlsx or .csv", ErrWorkbook)
	}
	if len(tables) == 0 && len(files) == 1 {
		tables = files
	}
	switch len(tables) {
	case 0:
		return nil, fmt.Errorf("%w: the zip archive holds no CSV, XLSX or JSON file", ErrArchive)
	case 1:
	default:
		names := make([]string, len(tables))
		for i, f := range tables {
			names[i] = fmt.Sprintf("%q", f.Name)
		}
		return nil, fmt.Errorf("%w: the zip archive holds %d tables (%s): extract them and import each file", ErrArchive, len(tables), strings.Join(names, ", "))
	}
	entry := tables[0]
	what := fmt.Sprintf("the zip entry %q", entry.Name)
	rc, err := entry.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrArchive, entry.Name, err)
	}
	cl.add(rc)
	inner := input{
		name: in.name + "!" + entry.Name,
		r:    &expanded{r: rc, x: in.x, what: what},
		reopen: func() (io.ReadCloser, error) {
			rc, err := entry.Open()
			if err != nil {
				return nil, err
			}
			return &readCloser{Reader: &expanded{r: rc, x: in.x, what: what}, closers: closers{rc}}, nil
		},
		x: in.x,
	}
	return build(inner, opts, depth+1, cl)
}

// utf16Name is how OLE2 directory entries spell a stream name.
func utf16Name(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// isMarkup recognises HTML and XML (an "Excel" export that is an HTML
// table, or SpreadsheetML 2003), which would otherwise parse as one
// column of tags.
func isMarkup(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) < 2 || t[0] != '<' {
		return false
	}
	c := t[1] | 0x20
	return (c >= 'a' && c <= 'z' || t[1] == '!' || t[1] == '?') && bytes.IndexByte(t, '>') > 0
}

// looksJSON recognises JSON by its first two tokens: an array of objects
// or an object with a key. A CSV header such as "[Ticket] ID" starts with
// a bracket too, so the bracket alone is not enough unless the name says
// .json.
func looksJSON(head []byte, name string) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 || (t[0] != '[' && t[0] != '{') {
		return false
	}
	if hasExt(name, ".json", ".ndjson", ".jsonl") {
		return true
	}
	next := bytes.TrimLeft(t[1:], " \t\r\n")
	if len(next) == 0 {
		return true
	}
	if t[0] == '[' {
		return next[0] == '{' || next[0] == '[' || next[0] == ']' || next[0] == '"'
	}
	return next[0] == '"' || next[0] == '}'
}

// hasExt reports whether name ends with one of exts, ignoring case.
func hasExt(name string, exts ...string) bool {
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

func trimExt(name string, exts ...string) string {
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, e) {
			return name[:len(name)-len(e)]
		}
	}
	return name
}

// looksBinary recognises data that is no text export by its byte classes:
// C0 control characters other than tab, line breaks and form feed, and
// DEL, make up more than 1% of the sniffed text (random bytes have about
// 10%, a text export none). NUL bytes alone used to decide, which let
// random bytes and many binary formats through.
func looksBinary(head []byte) bool {
	n := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7f {
			n++
		}
	}
	return n > 0 && n*100 >= len(head)
}
