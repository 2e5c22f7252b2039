package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestJSONEqual(t *testing.T) {
	const want = "{\n  \"agents\": 14,\n  \"sl\": 0.88835,\n  \"binding\": [\"sl\", null]\n}\n"
	tests := []struct {
		name string
		got  string
		tol  float64
		same bool
	}{
		{"identical", want, 0, true},
		{"last bits", "{\n  \"agents\": 14,\n  \"sl\": 0.8883500000001,\n  \"binding\": [\"sl\", null]\n}\n", 1e-9, true},
		{"beyond the tolerance", "{\n  \"agents\": 14,\n  \"sl\": 0.8883500000001,\n  \"binding\": [\"sl\", null]\n}\n", 1e-15, false},
		{"another number", "{\n  \"agents\": 15,\n  \"sl\": 0.88835,\n  \"binding\": [\"sl\", null]\n}\n", 1e-9, false},
		{"a number as text", "{\n  \"agents\": \"14\",\n  \"sl\": 0.88835,\n  \"binding\": [\"sl\", null]\n}\n", 1e-9, false},
		{"fields reordered", "{\n  \"sl\": 0.88835,\n  \"agents\": 14,\n  \"binding\": [\"sl\", null]\n}\n", 1e-9, false},
		{"another indentation", "{\"agents\": 14, \"sl\": 0.88835, \"binding\": [\"sl\", null]}\n", 1e-9, false},
		{"a field renamed, both null", "{\n  \"agents\": 14,\n  \"sl\": 0.88835,\n  \"bound\": [\"sl\", null]\n}\n", 1e-9, false},
		{"a shorter list", "{\n  \"agents\": 14,\n  \"sl\": 0.88835,\n  \"binding\": [\"sl\"]\n}\n", 1e-9, false},
		{"not JSON", "agents\t14\n", 1e-9, false},
	}
	for _, tt := range tests {
		if got := JSONEqual(tt.got, want, tt.tol); got != tt.same {
			t.Errorf("%s: JSONEqual = %v, want %v", tt.name, got, tt.same)
		}
	}
	// Maps with a key on each side that the other lacks, both null: the
	// layout check alone would not see it for keys of equal text length.
	if ValuesEqual(map[string]any{"a": nil}, map[string]any{"b": nil}, 0) {
		t.Error(`{"a": null} equals {"b": null}`)
	}
}

// fakeTB records how a helper ended the test: Fatalf and Skipf stop the
// goroutine as the testing package's do.
type fakeTB struct {
	testing.TB
	name        string
	fatal, skip string
	logged      []string
}

func (f *fakeTB) Helper()      {}
func (f *fakeTB) Name() string { return f.name }
func (f *fakeTB) Logf(format string, args ...any) {
	f.logged = append(f.logged, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skip = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// lookup runs sharedData on a fake test in a goroutine of its own.
func lookup(root, rel string) (*fakeTB, string) {
	tb := &fakeTB{name: "TestReference/sub"}
	var path string
	done := make(chan struct{})
	go func() {
		defer close(done)
		path = sharedData(tb, root, rel)
	}()
	<-done
	return tb, path
}

func TestSharedData(t *testing.T) {
	// A module at dir/main with its reference data at dir/shared.
	dir := t.TempDir()
	root := filepath.Join(dir, "main")
	for _, d := range []string{root, filepath.Join(dir, "shared", "data", "series")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	skips := filepath.Join(dir, "skips")
	t.Setenv(SkipLogEnv, skips)

	t.Setenv(RequireRefDataEnv, "1")
	tb, path := lookup(root, "data/series")
	if tb.fatal != "" || tb.skip != "" || path != filepath.Join(dir, "shared", "data", "series") {
		t.Errorf("present: path %q, fatal %q, skip %q", path, tb.fatal, tb.skip)
	}

	tb, _ = lookup(root, "data/exports")
	if !strings.Contains(tb.fatal, "reference data ../shared/data/exports is missing") || tb.skip != "" {
		t.Errorf("missing, %s=1: fatal %q, skip %q", RequireRefDataEnv, tb.fatal, tb.skip)
	}
	if _, err := os.Stat(skips); !os.IsNotExist(err) {
		t.Errorf("a failure was logged as a skip: %v", err)
	}

	for _, v := range []string{"", "0"} {
		t.Setenv(RequireRefDataEnv, v)
		tb, _ = lookup(root, "data/exports")
		if tb.fatal != "" || !strings.Contains(tb.skip, "reference data ../shared/data/exports is missing: skipped") {
			t.Errorf("missing, %s=%q: fatal %q, skip %q", RequireRefDataEnv, v, tb.fatal, tb.skip)
		}
	}
	log, err := os.ReadFile(skips)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(log), "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "\tTestReference/sub\t../shared/data/exports") || lines[0] != lines[1] {
		t.Errorf("skip log %q, want two lines ending TestReference/sub and the missing path", log)
	}
}

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if rel, err := filepath.Rel(root, wd); err != nil || filepath.ToSlash(rel) != "internal/testkit" {
		t.Errorf("module root %s, working directory %s", root, wd)
	}
}
