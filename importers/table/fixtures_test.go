package table

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// go test ./importers/table -run TestFixtures -update rewrites testdata/.
var update = flag.Bool("update", false, "rewrite the fixtures under testdata/")

// fixtures are the committed test files, built here so that how each was
// made (and so what it must read as) is written down.
func fixtures(t *testing.T) map[string][]byte {
	must := func(b []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ticketsCSV := []byte("id,created,channel\n1,2025-11-28 09:00:00,email\n2,2025-11-28 09:05:00,chat\n")
	m := map[string][]byte{
		// Qianniu-style Chinese export, GBK as Chinese Excel saves it
		"gbk.csv": must(simplifiedchinese.GBK.NewEncoder().Bytes([]byte("工单号,创建时间,客服\r\n1001,2025-11-11 09:00:00,小王\r\n1002,2025-11-11 09:05:00,小李\r\n"))),
		// Excel's "Unicode text": UTF-16LE with BOM, tab-separated
		"utf16le_bom.txt": must(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("id\tname\tcity\r\n1\tÅsa\tMalmö\r\n2\t李雷\t北京\r\n"))),
		// the travel call-center quirk: BOM + semicolons + D-M-YYYY
		"semicolon_bom.csv": append([]byte{0xEF, 0xBB, 0xBF}, "Case;Created;Agent\n1;1-2-2024;Ana\n2;15-2-2024;Bo\n"...),
		// a report with a title block above the header
		"title_block.csv": []byte("Tickets report\nGenerated 2025-12-01\n\nid,created,status\n1,2025-11-30,open\n2,2025-11-30,solved\n"),
		// Halp/Explore style: CRLF, no newline at the end, a multi-line field
		"crlf_nofinal.csv": []byte("id,subject,created\r\n1,\"two\r\nlines\",2025-11-01\r\n2,plain,2025-11-02"),
		"tickets.csv.gz":   gzipped(t, ticketsCSV),
		"tickets.csv.zip":  zipped(t, map[string][]byte{"tickets.csv": ticketsCSV, "__MACOSX/._tickets.csv": []byte("junk")}),
		"tickets.ndjson": []byte(`{"id":1,"via":{"channel":"email"},"tags":["vip","returns"],"created_at":"2025-11-28T09:00:00Z"}` + "\n" +
			"\n" +
			`{"id":2,"via":{"channel":"chat","source":{"rel":null}},"tags":[],"metric_set":{"reply_time_in_minutes":{"calendar":5,"business":3}},"generated_timestamp":1700000000}` + "\n" +
			`{"id":3,"via":` + "\n" +
			`{"id":4,"custom_fields":[{"id":11,"value":"gift"},{"id":12,"value":null}],"assignee":{"name":"Ana"}}` + "\n"),
		"tickets.json": []byte("[\n  {\"id\": 1, \"status\": \"open\", \"score\": 4.50},\n  {\"id\": 2, \"status\": \"solved\", \"group\": {\"name\": \"Tier 1\"}}\n]\n"),
		// an Excel 97-2003 workbook starts with the OLE2 signature
		"legacy.xls":  append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...),
		"report.xlsx": reportXLSX(t),
	}
	return m
}

func gzipped(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	z.Write(b)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipped(t *testing.T, files map[string][]byte) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reportXLSX is an Explore-style workbook: a merged title, a blank row, a
// header with a two-line cell, a date cell (serial 45988.5 =
// 2025-11-27 12:00), a row whose trailing cells are empty, a blank row, a
// row with an extra filled cell, and a second sheet with data.
func reportXLSX(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Tickets")
	s := "Tickets"
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "Weekly tickets")
	if err := f.MergeCell(s, "A1", "D1"); err != nil {
		t.Fatal(err)
	}
	set("A3", "Ticket ID")
	set("B3", "Created\nat")
	set("C3", "Channel")
	set("D3", "Tickets")
	set("A4", 101)
	set("B4", 45988.5)
	style, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStyle(s, "B4", "B4", style)
	set("C4", "email")
	set("D4", 1)
	set("A5", 102)
	set("B5", "2025-11-27 13:00")
	set("A7", 103)
	set("B7", 45989)
	set("C7", "chat")
	set("D7", 1)
	set("F7", "note")
	set("G8", "") // an empty cell far right: not data
	if _, err := f.NewSheet("Summary"); err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Summary", "A1", "Total")
	f.SetCellValue("Summary", "B1", 3)
	if _, err := f.NewSheet("Empty"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFixtures checks that testdata/ holds what fixtures builds (the XLSX
// is compared cell by cell, its zip bytes carry timestamps), and rewrites
// it with -update.
func TestFixtures(t *testing.T) {
	for name, want := range fixtures(t) {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestFixtures -update)", err)
		}
		if filepath.Ext(name) == ".xlsx" || filepath.Ext(name) == ".zip" || filepath.Ext(name) == ".gz" {
			continue // containers carry timestamps; their content is checked by TestRead
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its recipe (run go test -run TestFixtures -update)", name)
		}
	}
}

// encryptedXLSX is a password-protected workbook: an OLE2 file like a
// legacy .xls, told apart by its EncryptedPackage stream.
func encryptedXLSX(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "secret")
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
