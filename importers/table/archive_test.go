package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// ticketRows is a CSV export of n rows that compresses about as real
// exports do (each row differs), so that a cut in the middle of its gzip
// falls after the sniffed window and the header.
func ticketRows(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,created,channel,subject\n")
	x := uint32(2463534242)
	for i := 1; i <= n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		fmt.Fprintf(&b, "%d,2025-11-%02d %02d:%02d:00,email,order %08x\n", i, 1+i%28, i%24, i%60, x)
	}
	return b.Bytes()
}

// TestDamagedArchive: a compressed stream that breaks after rows were
// read ends the file with an error that says so (EndsFile), never with
// a row error and a partial table (finding 8: a gzip cut by an
// interrupted download was imported in part as one rejected row).
func TestDamagedArchive(t *testing.T) {
	plain := ticketRows(20000)
	gz := gzipped(t, plain)
	zp := zipped(t, map[string][]byte{"tickets.csv": plain})
	var sb bytes.Buffer
	zw := zip.NewWriter(&sb)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "tickets.csv", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	stored := sb.Bytes()
	flip := func(b []byte, at int) []byte {
		c := bytes.Clone(b)
		c[at] ^= 0x55
		return c
	}
	for _, c := range []struct {
		name string
		data []byte
		why  string
	}{
		{"cut.csv.gz", gz[:len(gz)*2/3], "the gzip data ends before its end marker"},
		{"no_trailer.csv.gz", gz[:len(gz)-4], "the gzip data ends before its end marker"},
		{"bad_crc.csv.gz", flip(gz, len(gz)-6), "the gzip data fails its checksum"},
		{"garbage_after.csv.gz", append(bytes.Clone(gz), "this is not gzip data\n"...), "the gzip data is followed by bytes that are not gzip data"},
		{"flipped_third.csv.zip", flip(zp, len(zp)/3), `the zip entry "tickets.csv" `},
		{"flipped_half.csv.zip", flip(zp, len(zp)/2), `the zip entry "tickets.csv" `},
		{"stored_bad_crc.csv.zip", flip(stored, len(stored)/2), `the zip entry "tickets.csv" fails its checksum`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(path, Options{})
			if err != nil {
				t.Fatalf("Open: %v, want the damage reported by Next after rows", err)
			}
			defer r.Close()
			rows, errs := 0, []error{}
			for {
				_, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					errs = append(errs, err)
					continue
				}
				rows++
			}
			if len(errs) == 0 {
				t.Fatalf("%d rows and no error", rows)
			}
			last := errs[len(errs)-1]
			var pe *diag.Error
			if !EndsFile(last) || !errors.Is(last, ErrDamaged) || !errors.As(last, &pe) || pe.Line < 2 ||
				!strings.Contains(last.Error(), c.why) || diag.ClassOf(last) != diag.InvalidData {
				t.Errorf("after %d rows: %v\nwant a positioned ErrDamaged (invalid data) saying %q", rows, last, c.why)
			}
			for _, e := range errs[:len(errs)-1] {
				if EndsFile(e) {
					t.Errorf("a second error ends the file: %v", e)
				}
			}
		})
	}
}
