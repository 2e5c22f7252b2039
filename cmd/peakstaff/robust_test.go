package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests here run the real binary: a memory cap (prlimit) and kill -9
// need a process of their own.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds peakstaff once for the tests of this file.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "peakstaff-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "peakstaff")
		// as the Makefile builds it: a cgo binary's C threads reserve
		// address space that the memory cap counts
		build := exec.Command("go", "build", "-o", binPath, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := build.CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("building peakstaff: %v", binErr)
	}
	return binPath
}

// gzipMembers is count gzip members of one MiB of b: a small file that
// expands to count MiB.
func gzipMembers(b byte, count int) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte{b}, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), count)
}

func zipEntry(name string, data []byte, method uint16) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

// TestImportHostileUnderMemoryCap: under a 1 GB address-space cap every
// hostile shape of issue 14 ends with exit 3 and a short message, never
// "fatal error: out of memory" (a 50 MB line of commas took 3 GB; a 4 MB
// gzip of one 4 GiB line crashed).
func TestImportHostileUnderMemoryCap(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and writes 60 MB")
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit not installed")
	}
	bin := binary(t)
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 4))
	random := make([]byte, 5<<20)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	files := map[string][]byte{
		"commas.csv":     bytes.Repeat([]byte{','}, 50<<20),
		"random.csv":     random,
		"line.csv.gz":    gzipMembers('a', 4096), // 4 MB holding one 4 GiB line
		"newlines.gz":    gzipMembers('\n', 1024),
		"gz-in-zip.zip":  zipEntry("x.csv.gz", gzipMembers('a', 1024), zip.Store),
		"zip-bomb.zip":   zipEntry("x.csv", bytes.Repeat([]byte{'\n'}, 200<<20), zip.Deflate),
		"escape.csv":     []byte("\x1b]0;pwned\x07\x1b[2J" + strings.Repeat("A", 100000) + ",b\n1,2\n"),
		"quote-open.csv": append([]byte("created,type\n\""), bytes.Repeat([]byte("x,y\n"), 3<<20)...),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name := range files {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(prlimit, "--as=1000000000", bin, "import", filepath.Join(dir, name))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 3 {
				t.Fatalf("exit %v, want 3; stderr %.500s", err, stderr.String())
			}
			msg := stderr.String()
			if strings.Contains(msg, "fatal error") || strings.Contains(msg, "goroutine") {
				t.Fatalf("crashed: %.500s", msg)
			}
			if len(msg) > 2000 {
				t.Errorf("a %d-byte message", len(msg))
			}
			if strings.ContainsAny(msg, "\x1b\x07") {
				t.Errorf("the message carries control characters: %q", msg)
			}
		})
	}
}

const robustPlan = `name: %NAME%
season:
  start: 2026-11-27
  end: 2026-11-28
  time_zone: America/New_York
  interval: 30m
history:
  - file: sample/zendesk_tickets_2025H2.csv
  - file: sample/aircall_calls.csv
channels:
  email:
    deadline: 8h
team:
  size: {veteran: %VETERANS%, regular: 1}
  time_limit: %LIMIT%
  onboarding_days: {new: 21}
  rules:
    preset: eu
    templates:
      - {name: day, earliest_start: "00:00", latest_start: "16:00", min_length: 8h, max_length: 8h, step: 30m}
    breaks:
      - {name: lunch, duration: 30m, from: 3h, before_end: 2h, paid: false, required_above: 6h}
`

func writePlan(t *testing.T, path, name string, veterans int, limit string) {
	t.Helper()
	s := strings.NewReplacer("%NAME%", name, "%VETERANS%", string(rune('0'+veterans)), "%LIMIT%", limit).Replace(robustPlan)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// manifestOf reads a folder's peakstaff.json; nil when there is none.
func manifestOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "peakstaff.json"))
	if err != nil {
		return nil
	}
	var m struct {
		Outputs []struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("peakstaff.json: %v", err)
	}
	out := map[string]string{}
	for _, o := range m.Outputs {
		out[o.Path] = o.SHA256
	}
	return out
}

// setOf hashes the visible output files of a folder as the manifest
// names them.
func setOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range []string{"contacts.csv", "forecast.csv", "requirements.csv", "plan.xlsx", "report.html", "roster.csv", "ics"} {
		filepath.WalkDir(filepath.Join(dir, name), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = sha(data)
			return nil
		})
	}
	return out
}

func sameSet(a, b map[string]string) bool {
	if len(a) != len(b) || a == nil {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// hidden lists what a run leaves besides the set: stages, temporary
// files, the lock.
func hidden(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// startPaused starts plan with PEAKSTAFF_TEST_PAUSE=point and returns
// once it printed "paused at point".
func startPaused(t *testing.T, bin, work, plan, out, point string, extra ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"plan", plan, "--out", out}, extra...)...)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "PEAKSTAFF_TEST_PAUSE="+point)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	seen := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		found := false
		for sc.Scan() {
			if !found && sc.Text() == "paused at "+point {
				found = true
				seen <- true
			}
		}
		if !found {
			seen <- false
		}
	}()
	select {
	case ok := <-seen:
		if !ok {
			cmd.Wait()
			t.Fatalf("plan ended before pausing at %q", point)
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("plan never paused at %q", point)
	}
	return cmd
}

// TestPlanKilledAnywhere: plan killed with SIGKILL at each stage of
// writing leaves the old complete set or the new one, and the next run
// cleans what the killed one left. Before issue 14 the files were
// renamed one by one after the work (a kill left new contacts beside the
// old roster) and temporary files stayed forever.
func TestPlanKilledAnywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("runs plan a dozen times")
	}
	bin := binary(t)
	work := t.TempDir()
	run := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("sample", "--out", "sample", "--scale", "0.05"); err != nil {
		t.Fatalf("sample: %v\n%s", err, out)
	}
	writePlan(t, filepath.Join(work, "old.yaml"), "old", 1, "1s")
	writePlan(t, filepath.Join(work, "new.yaml"), "new", 2, "1s")
	exit := func(err error) int {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	}
	// a plan that ends with gaps (exit 4) or with its search stopped by
	// the time limit (exit 5, likelier on a loaded machine) still writes
	// a complete set: both are a finished run here
	finished := func(err error) bool { c := exit(err); return c == 0 || c == 4 || c == 5 }
	// a set is complete when its files are what its manifest lists; the
	// old and new sets differ (their plans differ, and the workbook and
	// report carry the time they were made)
	complete := func(dir string) map[string]string {
		set := setOf(t, dir)
		if m := manifestOf(t, dir); sameSet(set, m) {
			return m
		}
		return nil
	}

	for _, tc := range []struct {
		point    string
		rollsFwd bool // killed after the journal: the next run completes the new set
	}{
		{"begun", false},
		{"staged contacts.csv", false},
		{"staged requirements.csv", false},
		{"staged", false},
		{"journal", true},
		{"moved contacts.csv", true},
		{"moved plan.xlsx", true},
	} {
		t.Run(tc.point, func(t *testing.T) {
			out := filepath.Join(work, "out-"+strings.ReplaceAll(tc.point, " ", "-"))
			if o, err := run("plan", "old.yaml", "--out", out); !finished(err) {
				t.Fatalf("old plan: %v\n%s", err, o)
			}
			oldSet := complete(out)
			if oldSet == nil {
				t.Fatal("the first run did not leave a complete set")
			}
			cmd := startPaused(t, bin, work, "new.yaml", out, tc.point, "--force")
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			if !tc.rollsFwd && !sameSet(complete(out), oldSet) {
				t.Errorf("killed at %q: the folder is not the old complete set", tc.point)
			}
			if tc.rollsFwd && manifestOf(t, out) != nil && !sameSet(complete(out), oldSet) {
				t.Errorf("killed at %q: a mixed set is marked complete", tc.point)
			}
			// the next run (stopped right after it took the folder) finishes
			// or undoes the killed one
			next := startPaused(t, bin, work, "old.yaml", out, "begun", "--force")
			next.Process.Signal(syscall.SIGKILL)
			next.Wait()
			got := complete(out)
			switch {
			case got == nil:
				t.Errorf("after recovery the folder is not a complete set")
			case tc.rollsFwd && sameSet(got, oldSet):
				t.Errorf("after recovery the old set is back, want the new one rolled forward")
			case !tc.rollsFwd && !sameSet(got, oldSet):
				t.Errorf("after recovery the folder is not the old set")
			}
			// a full run leaves nothing hidden behind
			if o, err := run("plan", "new.yaml", "--out", out, "--force"); !finished(err) {
				t.Fatalf("rerun: %v\n%s", err, o)
			}
			if h := hidden(t, out); len(h) > 0 {
				t.Errorf("left behind: %v", h)
			}
			if complete(out) == nil {
				t.Errorf("the rerun did not leave a complete set")
			}
		})
	}
}

// TestPlanOutputSet: the set is checked before any work, locked against
// a second run, replaced whole by --force, and a signal during the solve
// writes the best roster as a complete set with exit 130.
func TestPlanOutputSet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs plan several times")
	}
	bin := binary(t)
	work := t.TempDir()
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return string(out), ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	if out, code := run("sample", "--out", "sample", "--scale", "0.05"); code != 0 {
		t.Fatalf("sample: %s", out)
	}
	writePlan(t, filepath.Join(work, "p.yaml"), "p", 1, "1s")

	// one output present: refused before any work, nothing written
	os.MkdirAll(filepath.Join(work, "out"), 0o755)
	os.WriteFile(filepath.Join(work, "out", "roster.csv"), []byte("mine\n"), 0o644)
	out, code := run("plan", "p.yaml", "--out", "out")
	if code != 2 || !strings.Contains(out, "roster.csv") || strings.Contains(out, "importing") {
		t.Fatalf("existing output: exit %d, want 2 before any work:\n%s", code, out)
	}
	if entries, _ := os.ReadDir(filepath.Join(work, "out")); len(entries) != 1 {
		t.Errorf("a refused run wrote %d entries", len(entries))
	}

	// a second run into the same folder stops at the lock
	first := startPaused(t, bin, work, "p.yaml", "out", "staged contacts.csv", "--force")
	out, code = run("plan", "p.yaml", "--out", "out", "--force")
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	if code == 0 || !strings.Contains(out, "another peakstaff run") {
		t.Errorf("a concurrent run: exit %d\n%s", code, out)
	}

	// --force replaces the set whole: calendars of agents no longer in the
	// plan go, and so does a stray calendar
	if out, code := run("plan", "p.yaml", "--out", "out", "--force"); code != 0 && code != 4 {
		t.Fatalf("plan: %s", out)
	}
	os.WriteFile(filepath.Join(work, "out", "ics", "GONE.ics"), []byte("x"), 0o644)
	if out, code := run("plan", "p.yaml", "--out", "out", "--force"); code != 0 && code != 4 {
		t.Fatalf("plan --force: %s", out)
	}
	if _, err := os.Stat(filepath.Join(work, "out", "ics", "GONE.ics")); err == nil {
		t.Error("--force kept a calendar of the old set")
	}
	if h := hidden(t, filepath.Join(work, "out")); len(h) > 0 {
		t.Errorf("left behind: %v", h)
	}

	// SIGINT as the solve starts: the best roster so far, a complete set,
	// exit 130
	writePlan(t, filepath.Join(work, "long.yaml"), "long", 1, "60s")
	cmd := startPaused(t, bin, work, "long.yaml", "long", "roster")
	start := time.Now()
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("SIGINT: %v, want exit 130", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("the solve took %s to stop", d)
	}
	long := filepath.Join(work, "long")
	if m := manifestOf(t, long); m == nil || !sameSet(setOf(t, long), m) || m["roster.csv"] == "" {
		t.Errorf("after SIGINT the folder is not a complete set with a roster")
	}
}

func sha(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
