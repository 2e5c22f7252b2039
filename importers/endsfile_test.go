package importers

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ticketExport is a CSV export of n tickets whose subjects differ, so that
// it compresses about as a real export does and a cut in its archive falls
// well after the header. The rows from firstBad on, badRows of them, have
// a created time that cannot be read.
func ticketExport(n, firstBad, badRows int) []byte {
	var b bytes.Buffer
	b.WriteString("ticket_id,created_at,channel,subject\n")
	rng := rand.New(rand.NewPCG(8, 8))
	for i := 1; i <= n; i++ {
		created := fmt.Sprintf("2025-11-%02d %02d:%02d", 1+i%28, i%24, i%60)
		if i >= firstBad && i < firstBad+badRows {
			created = "not a date"
		}
		fmt.Fprintf(&b, "%d,%s,email,order %08x\n", i, created, rng.Uint32())
	}
	return b.Bytes()
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipBytes(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDamagedArchiveFailsFile: an archive that breaks after rows were read
// fails the file as a whole, as invalid data (exit 3) with a message that
// names the file and says it is truncated or damaged; none of its rows is
// imported, however many bad rows came before the damage and however few
// errors are kept in detail (finding 8: a cut gzip was imported in part
// with exit 0).
func TestDamagedArchiveFailsFile(t *testing.T) {
	clean := ticketExport(6000, 0, 0)
	bad := ticketExport(6000, 100, 25) // 25 bad rows long before the damage
	flip := func(b []byte, at int) []byte {
		c := bytes.Clone(b)
		c[at] ^= 0x55
		return c
	}
	gz, gzBad := gzipBytes(t, clean), gzipBytes(t, bad)
	zp, zpBad := zipBytes(t, "tickets.csv", clean), zipBytes(t, "tickets.csv", bad)
	for _, c := range []struct {
		name      string
		data      []byte
		maxErrors int
		why       string
	}{
		{"cut.csv.gz", gz[:len(gz)*2/3], 0, "the gzip data ends before its end marker"},
		{"cut_after_25_bad.csv.gz", gzBad[:len(gzBad)*2/3], 20, "the gzip data ends before its end marker"},
		{"cut_after_25_bad_default.csv.gz", gzBad[:len(gzBad)*2/3], 0, "the gzip data ends before its end marker"},
		{"flipped.csv.zip", flip(zp, len(zp)/2), 0, `the zip entry "tickets.csv"`},
		{"flipped_after_25_bad.csv.zip", flip(zpBad, len(zpBad)/2), 20, `the zip entry "tickets.csv"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name)
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			fr, err := ReadFile(path, Options{MaxErrors: c.maxErrors})
			if err == nil {
				t.Fatalf("%d rows read, %d errors kept: want the file failed as damaged", fr.Rows, len(fr.Errors))
			}
			msg := err.Error()
			if !table.EndsFile(err) || !errors.Is(err, table.ErrDamaged) || diag.ExitCode(err) != diag.ExitInvalidData ||
				!strings.HasPrefix(msg, path+":") || !strings.Contains(msg, "truncated or damaged") || !strings.Contains(msg, c.why) {
				t.Errorf("error %q (exit %d)\nwant exit %d, naming %s, saying it is truncated or damaged: %q", msg, diag.ExitCode(err), diag.ExitInvalidData, path, c.why)
			}
			set := NewSet()
			if _, err := set.ReadExport(t.Context(), FileSpec{Path: path}, nil, Options{MaxErrors: c.maxErrors}); err == nil || set.Len() != 0 {
				t.Errorf("ReadExport: %v and %d contacts, want the file failed and nothing added", err, set.Len())
			}
		})
	}
	// the same exports whole are read in full: the damage, not the bad
	// rows, fails the files above
	for name, data := range map[string][]byte{"ok.csv.gz": gzBad, "ok.csv.zip": zpBad} {
		fr, err := Read(name, bytes.NewReader(data), Options{MaxErrors: 20})
		if err != nil || fr.Rows != 6000 || fr.Rejected != 25 || len(fr.Errors) != 20 {
			t.Errorf("%s whole: %v, want 6000 rows, 25 rejected, 20 kept", name, err)
		}
	}
}

// TestSizeCapFailsFile: a record over the size cap ends the file like a
// damaged archive, also after more bad rows than are kept in detail (the
// cap's error was dropped with the 21st error and the file imported in
// part).
func TestSizeCapFailsFile(t *testing.T) {
	var b bytes.Buffer
	b.Write(ticketExport(200, 50, 25))
	fmt.Fprintf(&b, "201,2025-11-30 10:00,email,%s\n", strings.Repeat("x", 4096))
	b.Write(bytes.SplitN(ticketExport(400, 0, 0), []byte("\n"), 202)[201])
	for _, maxErrors := range []int{0, 20} {
		fr, err := Read("big.csv", bytes.NewReader(b.Bytes()), Options{MaxErrors: maxErrors, Limits: table.Limits{RecordBytes: 1024}})
		if err == nil {
			t.Fatalf("max errors %d: %d rows read, %d errors kept: want the file failed at the cap", maxErrors, fr.Rows, len(fr.Errors))
		}
		var le *table.LimitError
		if !errors.As(err, &le) || le.Flag != table.FlagRecordBytes || diag.ExitCode(err) != diag.ExitInvalidData ||
			!strings.HasPrefix(err.Error(), "big.csv:") {
			t.Errorf("max errors %d: %v (exit %d), want the --max-record-size cap at big.csv, exit 3", maxErrors, err, diag.ExitCode(err))
		}
	}
}

// TestLimitErrorEndsFile: LimitError finds any error that ends the file
// (a size cap or a damaged archive) among the kept errors, not the size
// cap alone.
func TestLimitErrorEndsFile(t *testing.T) {
	damaged := &RowError{Diag: diag.Error{File: "a.csv.gz", Line: 9, Err: fmt.Errorf("%w: %w", ErrMalformed, table.ErrDamaged)}, Rejected: true}
	other := &RowError{Diag: diag.Error{File: "a.csv.gz", Line: 3, Err: ErrBadValue}, Rejected: true}
	fr := &FileResult{Errors: []*RowError{other, damaged}}
	if err := fr.LimitError(); err != damaged {
		t.Errorf("LimitError() = %v, want the damage at line 9", err)
	}
	fr.Errors = fr.Errors[:1]
	if err := fr.LimitError(); err != nil {
		t.Errorf("LimitError() = %v with a bad value only, want nil", err)
	}
}
