package importers

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestPrefetchSameResult: reading ahead on a second goroutine gives what
// the plain loop gives, row for row and error for error: every fixture
// export, a file whose unreadable records fall between good rows and
// across batches, and one with so many that the read stops.
func TestPrefetchSameResult(t *testing.T) {
	paths, err := filepath.Glob("testdata/exports/[a-z]*")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const header = "Id,Requester,Via,Subject,Created at,Solved at\n"
	good := func(i int) string {
		return fmt.Sprintf("%d,Kim,Mail,Where is order %d?,2025-11-17 08:%02d:11,2025-11-17 10:40:00\n", 5000+i, i, i%60)
	}
	const unreadable = "9999,Kim,Mail,a \"bad\" quote,2025-11-17 08:00:00,2025-11-17 10:40:00\n" // a bare quote
	var mixed, broken strings.Builder
	mixed.WriteString(header)
	broken.WriteString(header)
	bad := 0
	for i := range 3 * prefetchRows {
		if i%7 == 3 {
			mixed.WriteString(unreadable)
			bad++
		} else {
			mixed.WriteString(good(i))
		}
	}
	for i := range 10_100 + 20 {
		if i < 20 {
			broken.WriteString(good(i)) // the rows the format is detected on
		} else {
			broken.WriteString(unreadable)
		}
	}
	for name, data := range map[string]string{"mixed.csv": mixed.String(), "broken.csv": broken.String()} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	read := func(path string, procs int) (*FileResult, error) {
		runtime.GOMAXPROCS(procs)
		return ReadFile(path, Options{Location: time.UTC})
	}
	checked := 0
	for _, p := range paths {
		if strings.HasSuffix(p, ".md") {
			continue
		}
		plain, perr := read(p, 1)
		ahead, aerr := read(p, 2)
		if fmt.Sprint(perr) != fmt.Sprint(aerr) {
			t.Errorf("%s: errors %v and %v", p, perr, aerr)
			continue
		}
		if perr != nil {
			if !strings.HasSuffix(p, "broken.csv") || !strings.Contains(perr.Error(), "more than 10000 unreadable records") {
				t.Errorf("%s: %v", p, perr)
			}
			checked++
			continue
		}
		if strings.HasSuffix(p, "mixed.csv") && (plain.ErrorCount != bad || plain.Rows != 3*prefetchRows) {
			t.Errorf("mixed.csv: %d rows and %d errors, want %d rows and %d errors", plain.Rows, plain.ErrorCount, 3*prefetchRows, bad)
		}
		if !reflect.DeepEqual(plain.Records(), ahead.Records()) || !reflect.DeepEqual(plain.Errors, ahead.Errors) ||
			plain.Rows != ahead.Rows || plain.Rejected != ahead.Rejected || plain.ErrorCount != ahead.ErrorCount || plain.Blank != ahead.Blank ||
			!reflect.DeepEqual(plain.Warnings, ahead.Warnings) || !reflect.DeepEqual(plain.Info, ahead.Info) {
			t.Errorf("%s: read ahead differs: %d rows, %d errors; plain %d rows, %d errors", p, ahead.Rows, ahead.ErrorCount, plain.Rows, plain.ErrorCount)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d files compared", checked)
	}
}
