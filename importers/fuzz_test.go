package importers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzNames are the file names the fuzzer reads its input under: the name
// is a hint for JSON, TSV and workbook sniffing.
var fuzzNames = []string{"export.csv", "export.json", "export.xlsx", "export.tsv", "export.txt"}

// FuzzImport reads arbitrary bytes as an export, with the format detected
// or forced to each built-in one. Whatever the input: no panic; a file
// that is read accounts for every row (rows = kept + duplicates + rejected
// + skipped); every row error has a line and unwraps to ErrInvalidData;
// every kept record has a created time.
func FuzzImport(f *testing.F) {
	formats := Formats()
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "README.md" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(fixtureDir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		name := uint8(0)
		for i, n := range fuzzNames {
			if filepath.Ext(n) == filepath.Ext(e.Name()) {
				name = uint8(i)
			}
		}
		f.Add(data, uint8(255), name) // detected
		for i := range formats {
			f.Add(data, uint8(i), name) // every fixture through every format
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, format, name uint8) {
		opts := Options{Location: time.UTC, MaxErrors: 50}
		if int(format) < len(formats) {
			opts.Format = formats[format]
		}
		file := fuzzNames[int(name)%len(fuzzNames)]
		fr, err := Read(file, bytes.NewReader(data), opts)
		if err != nil {
			// A file that cannot be read as a whole is an error, never a
			// panic; it must say which file.
			if !strings.Contains(err.Error(), file) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkFileResult(t, file, fr)
	})
}

func checkFileResult(t *testing.T, file string, fr *FileResult) {
	t.Helper()
	if fr.ErrorCount != fr.Rejected+fr.FieldErrors || len(fr.Errors) > fr.ErrorCount {
		t.Fatalf("errors: %d counted, %d rejected + %d field errors, %d kept in detail", fr.ErrorCount, fr.Rejected, fr.FieldErrors, len(fr.Errors))
	}
	for _, e := range fr.Errors {
		if e.Diag.Line <= 0 || e.Diag.File != file || e.Diag.Err == nil || !errors.Is(e.Diag.Err, ErrInvalidData) {
			t.Fatalf("row error without a position or an ErrInvalidData cause: %+v (%v)", *e, e)
		}
	}
	for i := range fr.Records() {
		if c := &fr.Records()[i]; c.Created.IsZero() || c.Source.Line <= 0 || c.Count < 0 {
			t.Fatalf("record %d: created %v, source %v, count %d", i, c.Created, c.Source, c.Count)
		}
	}
	set := NewSet()
	rep := set.Add(fr)
	skipped := 0
	for _, n := range rep.Skipped {
		skipped += n
	}
	if rep.Rows != rep.Kept+rep.Duplicates+rep.Rejected+skipped {
		t.Fatalf("rows %d != kept %d + duplicates %d + rejected %d + skipped %d", rep.Rows, rep.Kept, rep.Duplicates, rep.Rejected, skipped)
	}
}

// FuzzParseMap: any --map text either parses into a map that names the
// created column or is an error; never a panic.
func FuzzParseMap(f *testing.F) {
	for _, s := range []string{
		`id="Ticket #",created=Date,type="Customer Complaint",channel="Received Via",status=Status`,
		`created="Opened At",type=Reason,channel=Source,handle="Talk time",handle_unit=minutes`,
		`created=a,default_channel=phone,date_order=dmy`,
		`created="a,b"`, `created=`, `=x`, `created="x`, `type=Reason`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseMap(s)
		if err != nil {
			return
		}
		if len(spec.Columns[FieldCreated]) == 0 {
			t.Fatalf("ParseMap(%q) accepted a map without created", s)
		}
		for f, cols := range spec.Columns {
			for _, c := range cols {
				if strings.TrimSpace(c) == "" {
					t.Fatalf("ParseMap(%q): empty column for %s", s, f)
				}
			}
		}
	})
}
