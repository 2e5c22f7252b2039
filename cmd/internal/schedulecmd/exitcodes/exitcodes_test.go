// Package exitcodes_test runs the schedule command through root.Main, as
// the binary does, and checks its exit codes and streams. It lives apart
// from schedulecmd's unit tests so that those build even when another
// command in the tree does not.
package exitcodes_test

import (
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/root"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

func TestExitCodes(t *testing.T) {
	const data = "../testdata/"
	tests := []struct {
		argv      string
		code      int
		stdout    string // prefix of stdout
		stderrHas string
	}{
		{"schedule --requirements " + data + "req.csv --shifts " + data + "shifts.yaml --time-limit 5s", 0,
			"template\tstart\tend\tlength_minutes\t2025-11-24\t2025-11-25\ttotal\nearly\t06:00\t14:00\t480\t3\t3\t6\n", ""},
		{"schedule --requirements " + data + "req.csv --shifts " + data + "shifts_monnight.yaml --time-limit 5s --json", 4,
			"{\n  \"objective\":", "peakstaff: the shift templates cannot cover the requirement in 8 intervals"},
		{"schedule --requirements " + data + "req.csv --shifts " + data + "req.csv", 3, "", "req.csv:1:1: want a mapping with cyclic, weights and templates"},
		{"schedule --requirements nowhere.csv --shifts " + data + "shifts.yaml", 1, "", "nowhere.csv"},
		{"schedule --requirements " + data + "req.csv", 2, "", "--shifts: expected the shift templates YAML"},
		{"schedule --requirements " + data + "req.csv --shifts " + data + "shifts.yaml --time-limit soon", 2, "", `invalid argument "soon"`},
	}
	for _, tt := range tests {
		ios, _, out, errOut := iostreams.Test()
		code := root.Main(strings.Fields(tt.argv), ios)
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", tt.argv, code, tt.code, errOut)
		}
		if !strings.HasPrefix(out.String(), tt.stdout) || (tt.stdout == "" && out.Len() > 0) {
			t.Errorf("%s: stdout %q, want it to start with %q", tt.argv, out, tt.stdout)
		}
		if tt.stderrHas == "" && errOut.Len() > 0 || !strings.Contains(errOut.String(), tt.stderrHas) {
			t.Errorf("%s: stderr %q, want it to contain %q", tt.argv, errOut, tt.stderrHas)
		}
	}
}
