// Package exitcodes_test runs the erlang and simulate commands through
// root.Main, as the binary does, and checks their exit codes and streams.
// It lives apart from erlangcmd's unit tests so that those build even when
// another command in the tree does not.
package exitcodes_test

import (
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/root"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

func TestExitCodes(t *testing.T) {
	tests := []struct {
		argv      string
		code      int
		stdout    string // prefix of stdout
		stderrHas string
	}{
		{"erlang --calls 100 --aht 180s --shrinkage 0.3", 0, "traffic_erlangs\tagents\tscheduled\tservice_level\tasa_seconds\tp_wait\toccupancy\tbinding\n10\t14\t20\t", ""},
		{"erlang --calls 100 --aht 180s --json --patience 5m", 0, "{\n  \"traffic_erlangs\": 10,\n  \"agents\": 13,", ""},
		{"erlang --calls 100 --aht 180s --blocking 0.02", 0, "traffic_erlangs\tlines\tblocking\n10\t17\t0.01295\n", ""},
		{"erlang --calls -5 --aht 180s", 2, "", "peakstaff: --calls -5: expected a number of contacts per interval >= 0"},
		{"erlang --calls 100 --aht 180s --target 120/20s", 2, "", "peakstaff: --target 120/20s: the share answered must be above 0% and below 100%"},
		{"erlang --calls 100 --aht 180s --sweep 16..10", 2, "", "peakstaff: --sweep 16..10: FROM must not exceed TO"},
		{"erlang --calls 100", 2, "", `required flag(s) "aht" not set`},
		{"erlang --calls 100 --aht 180s --max-occupancy nope", 2, "", "--max-occupancy nope: expected a fraction"},
		{"erlang --calls 100 --aht 180s --bogus", 2, "", "unknown flag: --bogus"},
		// 9,000 Erlangs at 40% occupancy would take 22,500 agents.
		{"erlang --calls 9000 --interval 180s --aht 180s --max-occupancy 0.4", 4, "", "peakstaff: no staffing level meets the targets"},
		{"simulate --calls 100 --aht 180s --agents 14 --replications 2 --intervals 1", 0, "agents\tmetric\tanalytic\tsimulated\tstd_error\n14\tservice_level\t0.8884\t", ""},
		{"simulate --calls 100 --aht 180s --blocking 0.02", 2, "", "peakstaff: --blocking: Erlang B has no queue to simulate"},
		{"simulate --calls 100 --aht 180s --handle gamma", 2, "", "peakstaff: --handle gamma: expected exp or lognormal"},
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
