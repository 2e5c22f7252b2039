// Package clitest runs the command tree in process, as the binary does
// (root.Main with test streams), and checks each run's exit code, stdout
// and stderr: the one harness of the commands' end-to-end cases, whose
// tables live beside it, one per command.
package clitest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/root"
)

// Case is one run of the command tree.
type Case struct {
	Args   []string // the arguments after the program's name
	Stdin  string   // what standard input holds
	Code   int      // the exit code wanted
	Stdout string   // a prefix of stdout; "" wants stdout empty
	Stderr string   // a part of stderr; "" wants stderr empty
}

// Fields splits a command line on spaces, for the cases whose arguments
// hold none.
func Fields(line string) []string { return strings.Fields(line) }

// Run runs every case and reports each that differs, named by its
// command line.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		stdout, stderr, code := Exec(c.Args, c.Stdin)
		for _, p := range c.check(stdout, stderr, code) {
			t.Errorf("%s: %s", strings.Join(c.Args, " "), p)
		}
	}
}

// check returns how a run's streams and exit code differ from the case.
func (c Case) check(stdout, stderr string, code int) []string {
	var problems []string
	if code != c.Code {
		problems = append(problems, fmt.Sprintf("exit %d, want %d (stderr %q)", code, c.Code, stderr))
	}
	if !strings.HasPrefix(stdout, c.Stdout) || c.Stdout == "" && stdout != "" {
		problems = append(problems, fmt.Sprintf("stdout %q, want it to start with %q", stdout, c.Stdout))
	}
	if !strings.Contains(stderr, c.Stderr) || c.Stderr == "" && stderr != "" {
		problems = append(problems, fmt.Sprintf("stderr %q, want it to contain %q", stderr, c.Stderr))
	}
	return problems
}

// Exec runs the command tree once with args and stdin and returns what it
// wrote and its exit code.
func Exec(args []string, stdin string) (stdout, stderr string, code int) {
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code = root.Main(args, ios)
	return out.String(), errOut.String(), code
}
