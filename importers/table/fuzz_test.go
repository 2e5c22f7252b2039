package table

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// sentinels are the errors a file may legitimately fail with as a whole.
var sentinels = []error{ErrNoHeader, ErrLegacyXLS, ErrEmptyFile, ErrEncrypted, ErrMarkup, ErrBinary, ErrArchive, ErrWorkbook, ErrTooLarge}

// FuzzSniff feeds arbitrary bytes through NewReader and reads every row:
// nothing may panic or loop, and every error is a *diag.Error or one of
// the sentinels.
func FuzzSniff(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b, filepath.Ext(s))
		}
	}
	for _, s := range []string{
		"id,name\n1,\"a\n", "a;b\r\n1;2", "\xef\xbb\xbf\"x\"\"y\",z\n", "Report\n\nid,x\n1,2\n",
		`{"a":{"b":[1,{"name":"x"},null]}}` + "\n" + `{"a":`, `[{"a":1},2,[`, `{"t":[{"a":1}],"n":1}`,
		"\xff\xfea\x00,\x00b\x00", "\x00a\x00,", "PK\x03\x04garbage", "\x1f\x8b\x08\x00", "<html>",
	} {
		f.Add([]byte(s), ".csv")
		f.Add([]byte(s), ".json")
	}
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		r, err := NewReader(bytes.NewReader(data), "fuzz"+ext, Options{})
		if err != nil {
			checkFuzzError(t, err)
			return
		}
		defer r.Close()
		width := len(r.Header())
		if width == 0 {
			t.Fatal("a reader with an empty header")
		}
		prev := r.HeaderLine()
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatalf("more records than bytes: %d", i)
			}
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				checkFuzzError(t, err)
				continue
			}
			if row.Line <= prev || len(row.Fields) == 0 || blankFields(row.Fields) {
				t.Fatalf("row %+v after line %d", row, prev)
			}
			prev = row.Line
			_ = r.Column(len(row.Fields) - 1)
		}
		if b := r.(interface{ Blank() int }).Blank(); b < 0 {
			t.Fatalf("Blank() = %d", b)
		}
	})
}

func checkFuzzError(t *testing.T, err error) {
	t.Helper()
	var pe *diag.Error
	if errors.As(err, &pe) {
		if pe.Line < 0 || pe.Err == nil {
			t.Fatalf("malformed positioned error %#v", pe)
		}
		return
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error %v (%T) is neither a *diag.Error nor a sentinel", err, err)
}
