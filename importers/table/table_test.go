package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/testkit"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// step is one expected result of Next: a row, or an unreadable record.
type step struct {
	row Row
	err *diag.Error // File is filled in with the name the reader was given
}

func row(line int, fields ...string) step { return step{row: Row{Line: line, Fields: fields}} }

func bad(line, col int, err error) step {
	return step{err: &diag.Error{Line: line, Column: col, Err: err}}
}

type readCase struct {
	name    string // the file name (extension hint); testdata/name when data is nil
	data    []byte
	opts    Options
	err     error  // expected from Open/NewReader (errors.Is)
	errText string // and a part of its message

	info       Info
	header     []string
	headerLine int
	steps      []step
	blank      int
	columns    map[int]string // Column(i) labels
}

func mustEncode(t *testing.T, enc interface{ Bytes([]byte) ([]byte, error) }, s string) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	gbWarn   = "decoded as gb18030: the file is not valid UTF-8 and reads as Chinese text (use --encoding to override)"
	cp1252W  = "decoded as windows-1252: the file is not valid UTF-8 (use --encoding to override)"
	leNoBOMW = "decoded as utf-16le: the file has no byte-order mark but its NUL bytes say so (use --encoding to override)"
)

func readCases(t *testing.T) []readCase {
	utf8CSV := func(delim rune) Info { return Info{Kind: CSV, Encoding: "utf-8", Delimiter: delim} }
	tickets := []step{row(2, "1", "2025-11-28 09:00:00", "email"), row(3, "2", "2025-11-28 09:05:00", "chat")}
	ticketsHeader := []string{"id", "created", "channel"}
	return []readCase{
		// delimited text
		{name: "plain.csv", data: []byte("id,name\n1,Ana\n2,Bo\n"),
			info: utf8CSV(','), header: []string{"id", "name"}, headerLine: 1,
			steps: []step{row(2, "1", "Ana"), row(3, "2", "Bo")}, columns: map[int]string{0: "1", 2: "3"}},
		{name: "crlf_nofinal.csv",
			info: utf8CSV(','), header: []string{"id", "subject", "created"}, headerLine: 1,
			steps: []step{row(2, "1", "two\nlines", "2025-11-01"), row(4, "2", "plain", "2025-11-02")}},
		{name: "trailing_cr.csv", data: []byte("a,b\r\n1,2\r"),
			info: utf8CSV(','), header: []string{"a", "b"}, headerLine: 1, steps: []step{row(2, "1", "2")}},
		{name: "semicolon_bom.csv",
			info: Info{Kind: CSV, Encoding: "utf-8 (BOM)", Delimiter: ';'}, header: []string{"Case", "Created", "Agent"}, headerLine: 1,
			steps: []step{row(2, "1", "1-2-2024", "Ana"), row(3, "2", "15-2-2024", "Bo")}},
		{name: "decimal_comma.csv", data: []byte("date;calls;aht\n2024-01-01;120;3,5\n2024-01-02;98;4,25\n"),
			info: utf8CSV(';'), header: []string{"date", "calls", "aht"}, headerLine: 1,
			steps: []step{row(2, "2024-01-01", "120", "3,5"), row(3, "2024-01-02", "98", "4,25")}},
		{name: "tabs.txt", data: []byte("a\tb\tc\n1\tx, y\t3\n2\tz\t4\n"),
			info: utf8CSV('\t'), header: []string{"a", "b", "c"}, headerLine: 1,
			steps: []step{row(2, "1", "x, y", "3"), row(3, "2", "z", "4")}},
		{name: "pipes.txt", data: []byte("a|b|c\n1|2|3\n"),
			info: utf8CSV('|'), header: []string{"a", "b", "c"}, headerLine: 1, steps: []step{row(2, "1", "2", "3")}},
		{name: "forced.txt", data: []byte("a;b|c\n1;2|3\n"), opts: Options{Delimiter: '|'},
			info: utf8CSV('|'), header: []string{"a;b", "c"}, headerLine: 1, steps: []step{row(2, "1;2", "3")}},
		{name: "bad_delim.csv", data: []byte("a,b\n"), opts: Options{Delimiter: '"'}, err: ErrBadOption, errText: "invalid delimiter"},
		{name: "bracket_header.csv", data: []byte("[Ticket] ID,Name\n1,a\n"),
			info: utf8CSV(','), header: []string{"[Ticket] ID", "Name"}, headerLine: 1, steps: []step{row(2, "1", "a")}},
		{name: "single_column.csv", data: []byte("id\n1\n2\n"),
			info: utf8CSV(','), header: []string{"id"}, headerLine: 1, steps: []step{row(2, "1"), row(3, "2")}},
		{name: "header_only.csv", data: []byte("id,name\n"),
			info: utf8CSV(','), header: []string{"id", "name"}, headerLine: 1},
		{name: "empty.csv", data: []byte{}, err: ErrEmptyFile},
		{name: "blank_lines.csv", data: []byte("\n\n \n"), err: ErrEmptyFile},
		{name: "no_header.csv", data: []byte("x,,,,\ny,,,,\nz,,,,\n"), err: ErrNoHeader},
		{name: "wide_row.csv", data: []byte("a,b\n1,2,3\n4\n"),
			info: utf8CSV(','), header: []string{"a", "b"}, headerLine: 1, steps: []step{row(2, "1", "2", "3"), row(3, "4")}},
		{name: "blank_rows.csv", data: []byte("id,name\n1,Ana\n\n,\n \u00a0 , \n2,Bo\n\n\n"),
			info: utf8CSV(','), header: []string{"id", "name"}, headerLine: 1,
			steps: []step{row(2, "1", "Ana"), row(6, "2", "Bo")}, blank: 3},
		{name: "title_block.csv",
			info:   Info{Kind: CSV, Encoding: "utf-8", Delimiter: ',', Warnings: []string{"skipped 3 title lines before the header on line 4"}},
			header: []string{"id", "created", "status"}, headerLine: 4,
			steps: []step{row(5, "1", "2025-11-30", "open"), row(6, "2", "2025-11-30", "solved")}},
		{name: "padded_title.csv", data: []byte("Tickets report,,\n,,\nid,created,status\n1,2025-11-30,open\n"),
			info:   Info{Kind: CSV, Encoding: "utf-8", Delimiter: ',', Warnings: []string{"skipped 2 title lines before the header on line 3"}},
			header: []string{"id", "created", "status"}, headerLine: 3, steps: []step{row(4, "1", "2025-11-30", "open")}},
		{name: "quoted_title.csv", data: []byte("Report \"Q4\"\n\nid,name\n1,a\n"),
			info:   Info{Kind: CSV, Encoding: "utf-8", Delimiter: ',', Warnings: []string{"skipped 2 title lines before the header on line 3 (1 of them unreadable as csv)"}},
			header: []string{"id", "name"}, headerLine: 3, steps: []step{row(4, "1", "a")}},
		{name: "bare_quote.csv", data: []byte("id,name\n1,Ana\n2,Bo \"x\"\n3,Cy\n"),
			info: utf8CSV(','), header: []string{"id", "name"}, headerLine: 1,
			steps: []step{row(2, "1", "Ana"), bad(3, 6, csv.ErrBareQuote), row(4, "3", "Cy")}},
		{name: "mac.csv", data: []byte("id,name\r1,Ana\r2,Bo\r"),
			info:   Info{Kind: CSV, Encoding: "utf-8", Delimiter: ',', Warnings: []string{"the lines end with CR alone (classic Mac): read CR as a line break"}},
			header: []string{"id", "name"}, headerLine: 1, steps: []step{row(2, "1", "Ana"), row(3, "2", "Bo")}},

		// encodings
		{name: "gbk.csv",
			info:   Info{Kind: CSV, Encoding: "gb18030", Delimiter: ',', Warnings: []string{gbWarn}},
			header: []string{"工单号", "创建时间", "客服"}, headerLine: 1,
			steps: []step{row(2, "1001", "2025-11-11 09:00:00", "小王"), row(3, "1002", "2025-11-11 09:05:00", "小李")}},
		{name: "utf16le_bom.txt",
			info: Info{Kind: CSV, Encoding: "utf-16le", Delimiter: '\t'}, header: []string{"id", "name", "city"}, headerLine: 1,
			steps: []step{row(2, "1", "Åsa", "Malmö"), row(3, "2", "李雷", "北京")}},
		{name: "utf16be.csv", data: mustEncode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), "a,b\n1,é\n"),
			info: Info{Kind: CSV, Encoding: "utf-16be", Delimiter: ','}, header: []string{"a", "b"}, headerLine: 1, steps: []step{row(2, "1", "é")}},
		{name: "utf16le_nobom.csv", data: mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), "a,b\n1,2\n"),
			info: Info{Kind: CSV, Encoding: "utf-16le", Delimiter: ',', Warnings: []string{leNoBOMW}}, header: []string{"a", "b"}, headerLine: 1,
			steps: []step{row(2, "1", "2")}},
		{name: "forced_utf16.csv", data: mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), "a,b\n1,2\n"),
			opts: Options{Encoding: "UTF-16LE"},
			info: Info{Kind: CSV, Encoding: "utf-16le", Delimiter: ','}, header: []string{"a", "b"}, headerLine: 1, steps: []step{row(2, "1", "2")}},
		{name: "cp1252.csv", data: mustEncode(t, charmap.Windows1252.NewEncoder(), "Name;City\nJosé;Zürich\nRenée;Orléans\n"),
			info: Info{Kind: CSV, Encoding: "windows-1252", Delimiter: ';', Warnings: []string{cp1252W}}, header: []string{"Name", "City"}, headerLine: 1,
			steps: []step{row(2, "José", "Zürich"), row(3, "Renée", "Orléans")}},
		// every accent followed by a letter: valid GB18030 pairs, but not Chinese-looking ones
		{name: "cp1252_pairs.csv", data: mustEncode(t, charmap.Windows1252.NewEncoder(), "Name,City\nMüller,Zürich\n"),
			info: Info{Kind: CSV, Encoding: "windows-1252", Delimiter: ',', Warnings: []string{cp1252W}}, header: []string{"Name", "City"}, headerLine: 1,
			steps: []step{row(2, "Müller", "Zürich")}},
		{name: "forced_latin1.csv", data: mustEncode(t, charmap.Windows1252.NewEncoder(), "Name,City\nJosé,Zürich\n"), opts: Options{Encoding: "latin1"},
			info: Info{Kind: CSV, Encoding: "windows-1252", Delimiter: ','}, header: []string{"Name", "City"}, headerLine: 1,
			steps: []step{row(2, "José", "Zürich")}},
		{name: "forced_utf8.csv", data: []byte("Name,City\nJos\xe9,Z\xfcrich\n"), opts: Options{Encoding: "utf8"},
			info: Info{Kind: CSV, Encoding: "utf-8", Delimiter: ',', Warnings: []string{
				"line 2 is not valid UTF-8: its bytes were kept as they are (use --encoding to name the file's encoding)"}},
			header: []string{"Name", "City"}, headerLine: 1, steps: []step{row(2, "Jos\xe9", "Z\xfcrich")}},
		// a UTF-8 export with one stray byte in the sniffed window stays UTF-8
		{name: "utf8_stray_byte.csv", data: []byte("Número;Categoría\n1;Configuración\n2;Gén\xe9ral\n3;Facturación\n"),
			info: Info{Kind: CSV, Encoding: "utf-8", Delimiter: ';', Warnings: []string{
				"line 3 is not valid UTF-8: its bytes were kept as they are (use --encoding to name the file's encoding)"}},
			header: []string{"Número", "Categoría"}, headerLine: 1,
			steps: []step{row(2, "1", "Configuración"), row(3, "2", "Gén\xe9ral"), row(4, "3", "Facturación")}},
		{name: "forced_bad.csv", data: []byte("a,b\n"), opts: Options{Encoding: "klingon"}, err: ErrBadOption, errText: `unknown encoding "klingon": use one of utf-8,`},

		// containers
		{name: "tickets.csv.zip", info: utf8CSV(','), header: ticketsHeader, headerLine: 1, steps: tickets},
		{name: "tickets.csv.gz", info: utf8CSV(','), header: ticketsHeader, headerLine: 1, steps: tickets},
		{name: "two.zip", data: zipped(t, map[string][]byte{"a.csv": []byte("x\n"), "b.csv": []byte("y\n")}), err: ErrArchive, errText: `holds 2 tables ("a.csv", "b.csv")`},
		{name: "notables.zip", data: zipped(t, map[string][]byte{"a.md": []byte("x\n"), "b.md": []byte("y\n")}), err: ErrArchive, errText: "holds no CSV, XLSX or JSON file"},
		{name: "json.zip", data: zipped(t, map[string][]byte{"t.json": []byte(`[{"a":"1"},{"a":"2","b":true}]`)}),
			info: Info{Kind: JSON}, header: []string{"a", "b"}, headerLine: 1, steps: []step{row(2, "1", ""), row(3, "2", "true")}},
		{name: "tickets.json.gz", data: gzipped(t, []byte(`[{"a":1}]`)),
			info: Info{Kind: JSON}, header: []string{"a"}, headerLine: 1, steps: []step{row(2, "1")}},
		{name: "legacy.xls", err: ErrLegacyXLS},
		{name: "scan.pdf", data: []byte("%PDF-1.4\n\x00\x01\x02\x00binary\x00\x00"), err: ErrBinary},
		{name: "table.xls", data: []byte("<html><body><table><tr><td>a</td></tr></table></body></html>"), err: ErrMarkup},
		{name: "truncated.csv.gz", data: gzipped(t, []byte("a,b\n1,2\n"))[:12], err: ErrArchive},
		{name: "no_trailer.csv.gz", data: func() []byte { b := gzipped(t, []byte("a,b\n1,2\n")); return b[:len(b)-4] }(),
			err: ErrDamaged, errText: "the gzip data ends before its end marker (an interrupted download or copy?)"},

		// workbooks
		{name: "report.xlsx",
			info: Info{Kind: XLSX, Sheet: "Tickets", Warnings: []string{
				`sheet "Tickets" read; the workbook also has "Summary" (use --sheet)`,
				"skipped 2 title rows before the header on row 3"}},
			header: []string{"Ticket ID", "Created\nat", "Channel", "Tickets"}, headerLine: 3,
			steps: []step{
				row(4, "101", "45988.5", "email", "1"),
				row(5, "102", "2025-11-27 13:00", "", ""),
				row(7, "103", "45989", "chat", "1", "", "note"),
			},
			blank: 1, columns: map[int]string{0: "A", 3: "D", 27: "AB"}},
		{name: "report.xlsx", opts: Options{Sheet: "summary"},
			info: Info{Kind: XLSX, Sheet: "Summary"}, header: []string{"Total", "3"}, headerLine: 1},
		{name: "report.xlsx", opts: Options{Sheet: "Nope"}, err: ErrBadOption, errText: `no sheet "Nope" in the workbook: it has "Tickets", "Summary", "Empty"`},
		{name: "report.xlsx", opts: Options{Sheet: "Empty"}, err: ErrEmptyFile},
		{name: "locked.xlsx", data: encryptedXLSX(t), err: ErrEncrypted},
		{name: "damaged.xlsx", data: zipped(t, map[string][]byte{"[Content_Types].xml": []byte("<x"), "xl/workbook.xml": []byte("<")}), err: ErrWorkbook},

		// JSON
		{name: "tickets.ndjson",
			info: Info{Kind: JSON},
			header: []string{"id", "via.channel", "tags", "created_at", "via.source.rel",
				"metric_set.reply_time_in_minutes.calendar", "metric_set.reply_time_in_minutes.business",
				"generated_timestamp", "custom_fields", "assignee.name"},
			headerLine: 0,
			steps: []step{
				row(1, "1", "email", "vip, returns", "2025-11-28T09:00:00Z", "", "", "", "", "", ""),
				row(3, "2", "chat", "", "", "", "5", "3", "1700000000", "", ""),
				bad(4, 14, errors.New("unexpected end of JSON input")),
				row(5, "4", "", "", "", "", "", "", "", "gift", "Ana"),
			},
			blank: 1},
		{name: "tickets.json",
			info: Info{Kind: JSON}, header: []string{"id", "status", "score", "group.name"}, headerLine: 1,
			steps: []step{row(2, "1", "open", "4.50", ""), row(3, "2", "solved", "", "Tier 1")}},
		{name: "page.json", data: []byte(`{"tickets":[{"id":1},{"id":2,"x":null}],"count":2,"next_page":null}`),
			info: Info{Kind: JSON}, header: []string{"id", "x"}, headerLine: 1, steps: []step{row(2, "1", ""), row(3, "2", "")}},
		{name: "page2.json", data: []byte(`{"users":[{"id":9}],"tickets":[{"id":1},{"id":2}]}`),
			info:   Info{Kind: JSON, Warnings: []string{`read the records of "tickets"; the object also holds "users" (1 record)`}},
			header: []string{"id"}, headerLine: 1, steps: []step{row(2, "1"), row(3, "2")}},
		{name: "mixed.json", data: []byte(`[{"a":1}, 5, {"a":2}, {}]`),
			info: Info{Kind: JSON}, header: []string{"a"}, headerLine: 1,
			steps: []step{row(2, "1"), bad(3, 0, errors.New("the record is a number, not a JSON object")), row(4, "2")}},
		{name: "stream.json", data: []byte("{\n  \"a\": 1,\n  \"b\": [{\"x\": 1}, [2, 3], null, \"s\"]\n}\n{\n  \"a\": 2\n}\n"),
			info: Info{Kind: JSON}, header: []string{"a", "b"}, headerLine: 1,
			steps: []step{row(2, "1", `{"x":1}, [2,3], s`), row(3, "2", "")}},
		{name: "truncated.json", data: []byte(`[{"a":1},{"a":`),
			info: Info{Kind: JSON}, header: []string{"a"}, headerLine: 1,
			steps: []step{row(2, "1"), bad(3, 0, io.ErrUnexpectedEOF)}},
		{name: "empty.json", data: []byte(" [ ] "), err: ErrEmptyFile},
		{name: "keyless.json", data: []byte(`[{}, {}]`), err: ErrNoHeader},
	}
}

// TestRead runs every case through NewReader and through Open.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	for _, c := range readCases(t) {
		data := c.data
		if data == nil {
			var err error
			if data, err = os.ReadFile(filepath.Join("testdata", c.name)); err != nil {
				t.Fatal(err)
			}
		}
		label := c.name
		if c.opts != (Options{}) {
			label += fmt.Sprintf("%+v", c.opts)
		}
		t.Run(label+"/NewReader", func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(data), c.name, c.opts)
			checkRead(t, c, c.name, r, err)
		})
		t.Run(label+"/Open", func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(path, c.opts)
			checkRead(t, c, path, r, err)
		})
	}
}

func checkRead(t *testing.T, c readCase, name string, r Reader, err error) {
	t.Helper()
	if c.err != nil {
		if err == nil {
			r.Close()
			t.Fatalf("no error, want %v", c.err)
		}
		if !errors.Is(err, c.err) || !strings.Contains(err.Error(), c.errText) || !strings.HasPrefix(err.Error(), name+":") {
			t.Fatalf("error %q, want %v containing %q and naming %s", err, c.err, c.errText, name)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	defer func() {
		if err := r.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	if got := r.Header(); !reflect.DeepEqual(got, c.header) {
		t.Errorf("header %q, want %q", got, c.header)
	}
	if got := r.HeaderLine(); got != c.headerLine {
		t.Errorf("header line %d, want %d", got, c.headerLine)
	}
	for i, want := range c.steps {
		got, err := r.Next()
		if want.err != nil {
			var pe *diag.Error
			if !errors.As(err, &pe) {
				t.Fatalf("step %d: got %+v, %v; want %v", i, got, err, want.err)
			}
			w := *want.err
			w.File = name
			if pe.File != w.File || pe.Line != w.Line || pe.Column != w.Column ||
				!(errors.Is(pe.Err, w.Err) || pe.Err.Error() == w.Err.Error()) {
				t.Errorf("step %d: error %#v (%v), want %#v (%v)", i, pe, pe.Err, &w, w.Err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: %v, want row %+v", i, err, want.row)
		}
		if got.Line != want.row.Line || !reflect.DeepEqual(got.Fields, want.row.Fields) {
			t.Errorf("step %d: row %d %q, want %d %q", i, got.Line, got.Fields, want.row.Line, want.row.Fields)
		}
	}
	if got, err := r.Next(); err != io.EOF {
		t.Errorf("after the last step: %+v, %v; want io.EOF", got, err)
	}
	if got, err := r.Next(); err != io.EOF {
		t.Errorf("Next after io.EOF: %+v, %v; want io.EOF again", got, err)
	}
	info := r.Info()
	if len(info.Warnings) == 0 {
		info.Warnings = nil
	}
	if !reflect.DeepEqual(info, c.info) {
		t.Errorf("info %+v\n          want %+v", info, c.info)
	}
	if got := r.(interface{ Blank() int }).Blank(); got != c.blank {
		t.Errorf("Blank() = %d, want %d", got, c.blank)
	}
	for i, want := range c.columns {
		if got := r.Column(i); got != want {
			t.Errorf("Column(%d) = %q, want %q", i, got, want)
		}
	}
}

// TestCSVErrorsMatchEncodingCSV: the positions of unreadable records are
// encoding/csv's own, and reading goes on after each.
func TestCSVErrorsMatchEncodingCSV(t *testing.T) {
	for _, in := range []string{
		"id,name\n1,\"ab\"c\n2,ok\n",
		"id,name\n1,\"multi\nline\"x\n2,ok\n",
		"id,name\n1,a\"b\n2,\"c\"\"d\"\n3,\"e\n",
		"id,name\r\n1,\"x\r\ny\"z\r\n2,ok",
	} {
		var want []error
		var wantRows []int
		cr := csv.NewReader(strings.NewReader(in))
		cr.FieldsPerRecord = -1
		cr.Read() // the header
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				want = append(want, err)
				continue
			}
			line, _ := cr.FieldPos(0)
			wantRows = append(wantRows, line)
		}
		r, err := NewReader(strings.NewReader(in), "x.csv", Options{})
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		var got []error
		var gotRows []int
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				got = append(got, err)
				continue
			}
			gotRows = append(gotRows, row.Line)
		}
		if len(got) != len(want) || !reflect.DeepEqual(gotRows, wantRows) {
			t.Fatalf("%q: errors %v rows %v; want %v rows %v", in, got, gotRows, want, wantRows)
		}
		for i := range want {
			var ce *csv.ParseError
			errors.As(want[i], &ce)
			wantMsg := fmt.Sprintf("x.csv:%d:%d: %v", ce.Line, ce.Column, ce.Err)
			if ce.StartLine != ce.Line {
				wantMsg += fmt.Sprintf(" (in the record starting on line %d)", ce.StartLine)
			}
			var pe *diag.Error
			if !errors.As(got[i], &pe) || pe.File != "x.csv" || pe.Line != ce.Line || pe.Column != ce.Column ||
				!errors.Is(pe, ce.Err) || pe.Error() != wantMsg {
				t.Errorf("%q: error %#v (%v), want %s", in, got[i], got[i], wantMsg)
			}
		}
	}
}

// TestLateInvalidUTF8: bytes that are not UTF-8 after the sniffed start
// are kept, and the line where they begin is reported.
func TestLateInvalidUTF8(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name\n")
	lines := 1
	for b.Len() < sniffSize+1000 {
		b.WriteString("1,plain ascii text to fill the sniffed window\n")
		lines++
	}
	b.WriteString("2,Jos\xe9\n3,ok\n")
	r, err := NewReader(strings.NewReader(b.String()), "late.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var last Row
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if row.Fields[0] == "2" {
			last = Row{Line: row.Line, Fields: append([]string(nil), row.Fields...)}
		}
	}
	want := fmt.Sprintf("line %d is not valid UTF-8: its bytes were kept as they are (use --encoding to name the file's encoding)", lines+1)
	if info := r.Info(); info.Encoding != "utf-8" || !reflect.DeepEqual(info.Warnings, []string{want}) {
		t.Errorf("info %+v, want utf-8 and %q", info, want)
	}
	if last.Line != lines+1 || last.Fields[1] != "Jos\xe9" {
		t.Errorf("row %+v, want line %d with the raw byte", last, lines+1)
	}
}

// TestRecordErrorFormat: an unreadable record reads as compilers write
// positions (editors jump to it), and a record over several lines says
// where it began.
func TestRecordErrorFormat(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"id,name\n1,a\"b\n", `f.csv:2:4: bare " in non-quoted-field`},
		{"id,name\n1,\"a\nb\"c\",2\n", `f.csv:3:2: extraneous or missing " in quoted-field (in the record starting on line 2)`},
	} {
		r, err := NewReader(strings.NewReader(c.in), "f.csv", Options{Delimiter: ','})
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Next()
		var pe *diag.Error
		if !errors.As(err, &pe) || err.Error() != c.want {
			t.Errorf("%q: %v, want *diag.Error %q", c.in, err, c.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{CSV: "csv", XLSX: "xlsx", JSON: "json", Kind(7): "Kind(7)"} {
		if got := k.String(); got != want {
			t.Errorf("%d: %q, want %q", int(k), got, want)
		}
	}
}

func TestOpenMissing(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope.csv"), Options{})
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.csv") {
		t.Errorf("error %v, want a not-exist error naming the file", err)
	}
	_, err = Open(t.TempDir(), Options{})
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("error %v, want a directory error", err)
	}
}

func TestSniffDelimiter(t *testing.T) {
	for _, c := range []struct {
		in   string
		tab  bool
		want rune
	}{
		{"a,b,c\n1,2,3\n", false, ','},
		{"a;b;c\n1;2;3\n", false, ';'},
		{"a\tb\n1\t2\n", false, '\t'},
		{"a|b\n1|2\n", false, '|'},
		{"one\ntwo\n", false, ','},                                     // a single column
		{"a,b;c\n1,2;3\n", false, ','},                                 // a tie: ',' first
		{"a\tb,c\n1\t2,3\n", true, '\t'},                               // a tie in a .tsv: tab first
		{"\"x;y\",b\n\"1;2\",3\n", false, ','},                         // separators inside quotes do not count
		{"\"multi\nline;;;\",b\n1,2\n", false, ','},                    // nor across lines in quotes
		{"Report\nGenerated today\na;b;c\n1;2;3\n4;5;6\n", false, ';'}, // title lines have none
	} {
		if got := sniffDelimiter([]byte(c.in), true, c.tab); got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFindHeader(t *testing.T) {
	r := func(cells ...string) []string { return cells }
	for _, c := range []struct {
		name string
		rows [][]string
		want int
	}{
		{"first row", [][]string{r("a", "b"), r("1", "2")}, 0},
		{"title then header", [][]string{r("Report"), r("a", "b", "c"), r("1", "2", "3")}, 1},
		{"key-value notes above a wide table", [][]string{r("From", "2025-11-01", "", "", "", ""), r("a", "b", "c", "d", "e", "f"), r("1", "2", "3", "4", "5", "6")}, 1},
		{"60% of the width is enough", [][]string{r("a", "b", "c", "", ""), r("1", "2", "3", "4", "5")}, 0},
		{"below 60% is not", [][]string{r("a", "b", "", "", ""), r("x", "y", "z", "", ""), r("1", "2", "3", "4", "5")}, 1},
		{"one column", [][]string{r("id"), r("1"), r("2")}, 0},
		{"more title lines than data rows", [][]string{r("Report"), r("Team A"), r("Generated today"), r("Filter: all"), r("a", "b"), r("1", "2")}, 4},
		{"unreadable rows skipped", [][]string{nil, r("a", "b"), r("1", "2")}, 1},
		{"nothing header-like", [][]string{r("x", "", ""), r("y", "", "")}, -1},
		{"whitespace cells are empty", [][]string{r("a", "\u00a0", " "), r("1", "2", "3")}, 1},
	} {
		if got := findHeader(c.rows); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func TestDetectEncoding(t *testing.T) {
	gb := mustEncode(t, simplifiedchinese.GB18030.NewEncoder(), "客服,工单\n")
	for _, c := range []struct {
		name  string
		in    []byte
		atEOF bool
		want  string
	}{
		{"ascii", []byte("a,b\n"), true, "utf-8"},
		{"utf-8 cut at the window end", []byte("a,é")[:3], false, "utf-8"},
		{"utf-8 cut at the end of the file", []byte("a,é")[:3], true, "windows-1252"},
		{"bom", []byte("\xef\xbb\xbfa"), true, "utf-8 (BOM)"},
		{"utf-16le bom", []byte("\xff\xfea\x00"), true, "utf-16le"},
		{"utf-16be bom", []byte("\xfe\xff\x00a"), true, "utf-16be"},
		{"utf-16be nul pattern", []byte("\x00a\x00,\x00b\x00\n"), true, "utf-16be"},
		{"gb18030", gb, true, "gb18030"},
		{"gb18030 cut at the window end", gb[:len(gb)-2], false, "gb18030"},
		{"latin accent then punctuation", []byte("Jos\xe9,x\n"), true, "windows-1252"},
		{"0x80 is not a GB lead byte", []byte("\x80\xa1\xa1\n"), true, "windows-1252"},
		{"utf-8 with a stray byte", []byte("Müller,Zoë\nJos\xe9,Ærø\n"), true, "utf-8"},
		{"a quarter of the sequences invalid", []byte("é,ü,ö,\xe9\n"), true, "utf-8"},
		{"a third of the sequences invalid", []byte("é,ü,\xe9\n"), true, "windows-1252"},
		{"stray bytes but no valid sequence", []byte("Jos\xe9,Z\xfcrich,Ren\xe9e\n"), true, "windows-1252"},
		// 状, 态 and 时 are valid UTF-8 pairs in GBK (D7 B4, CC AC, CA B1)
		{"gbk with characters that pass as utf-8", mustEncode(t, simplifiedchinese.GBK.NewEncoder(), "渠道,状态,时间\n"), true, "gb18030"},
	} {
		if got := detectEncoding(c.in, c.atEOF).name; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestRealExports reads real exports published in public GitHub
// repositories (Freshdesk: NavyaDornala1516/devrev2ndproject; Halp:
// michelle-min/help-ticket-explorer; Jira Cloud in Spanish:
// fleetbase/fleetbase; Zendesk Explore: preethishj/branch), kept beside
// the repository in ../shared/data/exports; the expected counts come from
// Python's csv module.
func TestRealExports(t *testing.T) {
	root := testkit.SharedData(t, "data/exports")
	for _, c := range []struct {
		path        string
		columns     int
		first, last string // header cells
		rows        int
		lastLine    int // line where the last record starts
	}{
		{"freshdesk_trial_export/freshdesk_tickets.csv", 15, "Ticket ID", "Company Name", 45, 46},
		{"halp_internal_helpdesk/halp_tickets.csv", 11, "id", "program", 1765, 1766},
		{"jira_cloud_es_locale/Jira.csv", 358, "Resumen", "Parent summary", 106, 1329},
		{"zendesk_explore_branch/Weekly_Raw_Data.csv", 32, "Ticket ID", "Tickets", 399, 400},
		{"zendesk_explore_branch/tickets_export.csv", 25, "Ticket ID", "Tickets", 1910, 1918},
	} {
		t.Run(c.path, func(t *testing.T) {
			path := filepath.Join(root, c.path)
			r, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			h := r.Header()
			if len(h) != c.columns || h[0] != c.first || h[len(h)-1] != c.last || r.HeaderLine() != 1 {
				t.Errorf("header %d cells %q..%q on line %d", len(h), h[0], h[len(h)-1], r.HeaderLine())
			}
			n, last := 0, 0
			for {
				row, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if len(row.Fields) != c.columns {
					t.Errorf("line %d: %d fields", row.Line, len(row.Fields))
				}
				n, last = n+1, row.Line
			}
			info := r.Info()
			if n != c.rows || last != c.lastLine || info.Encoding != "utf-8" || info.Delimiter != ',' || len(info.Warnings) != 0 {
				t.Errorf("%d rows, last on line %d, info %+v; want %d rows, last on line %d", n, last, info, c.rows, c.lastLine)
			}
		})
	}
}

// TestUTF8CutAtWindow: a character cut by the end of the sniffed window
// is neither a reason to leave UTF-8 nor a late invalid byte.
func TestUTF8CutAtWindow(t *testing.T) {
	for _, shift := range []int{1, 2, 3} {
		var b strings.Builder
		b.WriteString("id,name\n")
		for b.Len() < sniffSize-100 {
			b.WriteString("1,filler\n")
		}
		b.WriteString("2,")
		b.WriteString(strings.Repeat("x", sniffSize-b.Len()-shift))
		b.WriteString("€ok\n3,z\n") // € is 3 bytes: the window ends inside it
		r, err := NewReader(strings.NewReader(b.String()), "cut.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if row.Fields[0] == "2" {
				got = row.Fields[1]
			}
		}
		if info := r.Info(); info.Encoding != "utf-8" || len(info.Warnings) != 0 || !strings.HasSuffix(got, "x€ok") {
			t.Errorf("shift %d: info %+v, field ends %q", shift, info, got[max(0, len(got)-6):])
		}
	}
}

// TestStrayBytesNamed: a UTF-8 file with invalid bytes on several lines,
// in the sniffed window and after it, names the first lines and counts
// the others.
func TestStrayBytesNamed(t *testing.T) {
	const tail = " not valid UTF-8: its bytes were kept as they are (use --encoding to name the file's encoding)"
	for _, c := range []struct {
		name string
		bad  []int // rows (numbered 2-12) that get a stray byte
		fill int   // bytes of ASCII lines between rows 2 and 3
		want func(fillLines int) string
	}{
		{"three in the window", []int{3, 5, 9}, 0,
			func(int) string { return "lines 3, 5 and 9 are" + tail }},
		{"eight in the window", []int{2, 3, 4, 6, 7, 8, 10, 11}, 0,
			func(int) string { return "lines 2, 3, 4, 6, 7 and 3 more are" + tail }},
		{"one in the window, two after it", []int{2, 9, 11}, sniffSize,
			func(f int) string { return fmt.Sprintf("lines 2, %d and %d are", 9+f, 11+f) + tail }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("id,name\n")
			fillLines := 0
			for n := 2; n <= 12; n++ {
				fmt.Fprintf(&b, "%d,Zoë Ærø Müller", n)
				if slices.Contains(c.bad, n) {
					b.WriteString(" caf\xe9")
				}
				b.WriteString("\n")
				for n == 2 && b.Len() < c.fill {
					b.WriteString("0,plain ascii text to fill the sniffed window\n")
					fillLines++
				}
			}
			r, err := NewReader(strings.NewReader(b.String()), "stray.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			for {
				if _, err := r.Next(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatal(err)
				}
			}
			want := c.want(fillLines)
			if info := r.Info(); info.Encoding != "utf-8" || !reflect.DeepEqual(info.Warnings, []string{want}) {
				t.Errorf("info %+v\nwant utf-8 and %q", info, want)
			}
		})
	}
}

// TestLineCounterChunks: the lines named do not depend on how the reads
// cut the text, even inside a character or between stray bytes; a
// character cut by the end of the file is invalid.
func TestLineCounterChunks(t *testing.T) {
	text := []byte("a\n\xe9\nü\xe9€\n\xe9\xe9\nok\n€\xe2\x82\n\xf0\x9f\x98\x80\nz\xff\n\xe2\x82")
	wantLines, wantCount := []int{2, 3, 4, 6, 8}, 6
	whole := &lineCounter{}
	whole.check(text, 1, true)
	if !reflect.DeepEqual(whole.badLines, wantLines) || whole.badCount != wantCount {
		t.Errorf("whole text: lines %v (%d), want %v (%d)", whole.badLines, whole.badCount, wantLines, wantCount)
	}
	for size := 1; size <= 8; size++ {
		c := &lineCounter{r: bytes.NewReader(text), validate: true}
		buf := make([]byte, size)
		for {
			if _, err := c.Read(buf); err != nil {
				break
			}
		}
		c.end()
		if !reflect.DeepEqual(c.badLines, wantLines) || c.badCount != wantCount {
			t.Errorf("reads of %d bytes: lines %v (%d), want %v (%d)", size, c.badLines, c.badCount, wantLines, wantCount)
		}
	}
}
