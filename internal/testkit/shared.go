package testkit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// RequireRefDataEnv names the environment variable that makes the
// reference data mandatory: set to 1 (as .ci/run does), a test whose
// data is missing fails instead of skipping, so a reference suite cannot
// go quiet in CI.
const RequireRefDataEnv = "PEAKSTAFF_REQUIRE_REFDATA"

// SkipLogEnv names the environment variable that holds a file to which
// every skip for missing reference data appends one line (package folder,
// test name and missing path, tab-separated): `make test` prints them as
// one summary line after the run, since go test shows skips only with -v.
const SkipLogEnv = "PEAKSTAFF_REFDATA_SKIPS"

// SharedData returns the path of rel (slash-separated, a file or a folder)
// under ../shared, the reference data beside the module's root folder
// (real exports, call series and benchmark instances that the repository
// may not redistribute; each folder's SOURCE.md names where it comes from).
//
// When the path is present it is returned. When it is absent the test
// fails if RequireRefDataEnv is set to anything but "" or "0", and skips
// otherwise, with one line naming what is missing.
func SharedData(tb testing.TB, rel string) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Fatalf("reference data %s: %v", rel, err)
	}
	return sharedData(tb, root, rel)
}

// sharedData is SharedData for the module whose root folder is root.
func sharedData(tb testing.TB, root, rel string) string {
	tb.Helper()
	path := filepath.Join(filepath.Dir(root), "shared", filepath.FromSlash(rel))
	shown := filepath.ToSlash(filepath.Join("..", "shared", filepath.FromSlash(rel)))
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return path
	case !errors.Is(err, fs.ErrNotExist):
		tb.Fatalf("reference data %s: %v", shown, err)
	case RefDataRequired():
		tb.Fatalf("reference data %s is missing (%s), and %s=%s makes it mandatory",
			shown, path, RequireRefDataEnv, os.Getenv(RequireRefDataEnv))
	}
	logSkip(tb, root, shown)
	tb.Skipf("reference data %s is missing: skipped (%s=1 makes this a failure)", shown, RequireRefDataEnv)
	return ""
}

// RefDataRequired reports whether RequireRefDataEnv makes the reference
// data mandatory.
func RefDataRequired() bool {
	v := os.Getenv(RequireRefDataEnv)
	return v != "" && v != "0"
}

// logSkip appends the skip to the file SkipLogEnv names, if any.
func logSkip(tb testing.TB, root, missing string) {
	tb.Helper()
	name := os.Getenv(SkipLogEnv)
	if name == "" {
		return
	}
	pkg := "."
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(root, wd); err == nil {
			pkg = filepath.ToSlash(rel)
		}
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		tb.Logf("%s: %v", SkipLogEnv, err)
		return
	}
	// One write per line: O_APPEND keeps the lines of packages tested
	// in parallel whole.
	if _, err := fmt.Fprintf(f, "%s\t%s\t%s\n", pkg, tb.Name(), missing); err != nil {
		tb.Logf("%s: %v", SkipLogEnv, err)
	}
	if err := f.Close(); err != nil {
		tb.Logf("%s: %v", SkipLogEnv, err)
	}
}

// moduleRoot returns the folder of the go.mod above the working directory
// (go test runs a package's tests in the package's folder).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
