package sheet

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// TestDamagedArchive: a daily table in a gzip cut short (an interrupted
// download) fails with the damage, as invalid data naming the file; it
// was read as the days before the cut and one bad record.
func TestDamagedArchive(t *testing.T) {
	var plain bytes.Buffer
	plain.WriteString("date,orders,note\n")
	rng := rand.New(rand.NewPCG(3, 5))
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&plain, "%d-%02d-%02d,%d,%08x\n", 2000+i/336, 1+i/28%12, 1+i%28, 100+rng.IntN(900), rng.Uint32())
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(plain.Bytes())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "orders.csv.gz")
	if err := os.WriteFile(path, gz.Bytes()[:gz.Len()*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, table.Options{})
	if err == nil {
		t.Fatalf("%d rows and %d bad records, want the file failed as damaged", len(s.Rows), len(s.Bad))
	}
	if !table.EndsFile(err) || diag.ExitCode(err) != diag.ExitInvalidData || !strings.HasPrefix(err.Error(), path+":") ||
		!strings.Contains(err.Error(), "truncated or damaged: the gzip data ends before its end marker") {
		t.Errorf("%v (exit %d), want the cut gzip named at %s, exit 3", err, diag.ExitCode(err), path)
	}
	whole, err := Read(bytes.NewReader(gz.Bytes()), "orders.csv.gz", table.Options{})
	if err != nil || len(whole.Rows) != 5000 || len(whole.Bad) != 0 {
		t.Errorf("the whole gzip: %v, want 5000 rows", err)
	}
}
