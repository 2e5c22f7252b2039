package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// TestCheckOutputPath: an input is never an output (also under another
// name), a folder is never a file, and an existing file needs force.
func TestCheckOutputPath(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	old := filepath.Join(dir, "old.csv")
	for _, p := range []string{in, old} {
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path  string
		force bool
		ok    bool
	}{
		{filepath.Join(dir, "new.csv"), false, true},
		{old, false, false},
		{old, true, true},
		{in, true, false},   // the input itself
		{link, true, false}, // the input under another name
		{dir, true, false},  // a folder
	}
	for _, c := range cases {
		err := CheckOutputPath(c.path, c.force, []string{in})
		if (err == nil) != c.ok {
			t.Errorf("CheckOutputPath(%s, force %v) = %v, want ok %v", filepath.Base(c.path), c.force, err, c.ok)
		}
		if err != nil && diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%s: exit %d, want %d", filepath.Base(c.path), diag.ExitCode(err), diag.ExitUsage)
		}
	}
}

// TestWriteFileAtomic: a failed fill leaves the old file and no temporary
// file; a good one replaces it whole.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFileAtomic(p, true, nil, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Errorf("after a failed write the file holds %q", b)
	}
	if err := WriteFileAtomic(p, true, nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "new\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new\n" {
		t.Errorf("file holds %q, want new", b)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the folder holds %d entries, want only out.csv", len(ents))
	}
}
