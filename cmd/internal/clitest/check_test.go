package clitest

import (
	"strings"
	"testing"
)

// TestCheck: every difference a case can have is reported, and a run that
// matches is not.
func TestCheck(t *testing.T) {
	c := Case{Args: Fields("erlang --calls 100"), Code: 2, Stdout: "", Stderr: "required flag"}
	tests := []struct {
		name           string
		c              Case
		stdout, stderr string
		code           int
		want           []string // a part of each problem, in order
	}{
		{"match", c, "", `Error: required flag(s) "aht" not set`, 2, nil},
		{"exit code", c, "", "required flag", 0, []string{"exit 0, want 2"}},
		{"stdout not wanted", c, "10\n", "required flag", 2, []string{`stdout "10\n"`}},
		{"stderr lacks the part", c, "", "unknown flag", 2, []string{`stderr "unknown flag"`}},
		{"stdout prefix", Case{Stdout: "agents\t"}, "traffic\t", "", 0, []string{"want it to start with"}},
		{"stderr not wanted", Case{Stdout: "a"}, "a", "note: x", 0, []string{`stderr "note: x"`}},
		{"all three", c, "x", "", 1, []string{"exit 1", `stdout "x"`, `stderr ""`}},
	}
	for _, tt := range tests {
		got := tt.c.check(tt.stdout, tt.stderr, tt.code)
		if len(got) != len(tt.want) {
			t.Errorf("%s: problems %q, want %d", tt.name, got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: problem %q, want it to contain %q", tt.name, got[i], w)
			}
		}
	}
}

// TestExecStdin: the case's stdin reaches the command (staff reads "-").
func TestExecStdin(t *testing.T) {
	_, stderr, code := Exec([]string{"staff", "-"}, "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,abc\n")
	if code != 3 || !strings.Contains(stderr, "stdin:2:3") {
		t.Errorf("exit %d, stderr %q; want 3 and the error at stdin:2:3", code, stderr)
	}
}
