package exitcodes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/root"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// TestAgentExitCodes runs named-agent mode through root.Main: the exit
// codes of a roster, bad flags, bad files, a team too small, whose
// roster is still written, and a search cut short by its time limit
// (exit 5) on a requirement the default limit covers (exit 0).
func TestAgentExitCodes(t *testing.T) {
	const data = "../testdata/"
	const team = " --agents ../../../../testdata/roster/agents.csv --rules ../../../../testdata/roster/rules.yaml"
	out := filepath.Join(t.TempDir(), "roster.csv")
	tests := []struct {
		argv      string
		code      int
		stdout    string // prefix of stdout
		stderrHas string
	}{
		{"schedule --requirements " + data + "agents_req.csv" + team + " --time-limit 5s", 0,
			"agent_id\tname\ttier\tduty\tskill\ttemplate\tdate\tstart\tend\tblocks\tbreaks\tpaid_hours\nV01\tLi Na\tveteran\tshift\t", "reserve.from_gap"},
		{"schedule --requirements " + data + "agents_req.csv --agents " + data + "agents_few.csv --rules ../../../../testdata/roster/rules.yaml --time-limit 2s --json --out " + out, 4,
			"{\n  \"objective\":", "requirement cannot be met within the rules"},
		{"schedule --requirements " + data + "agents_busy.csv" + team + " --time-limit 1ns", 5,
			"agent_id\tname\ttier\tduty\tskill\ttemplate\tdate\tstart\tend\tblocks\tbreaks\tpaid_hours\n", "not proven: a longer --time-limit may close the gaps"},
		{"schedule --requirements " + data + "agents_busy.csv" + team, 0,
			"agent_id\tname\ttier\tduty\tskill\ttemplate\tdate\tstart\tend\tblocks\tbreaks\tpaid_hours\n", "reserve.from_gap"},
		{"schedule --requirements " + data + "agents_req.csv --agents " + data + "agents_req.csv --rules ../../../../testdata/roster/rules.yaml", 3,
			"", "agents_req.csv:1:1: interval: unknown column"},
		{"schedule --requirements " + data + "shifts.yaml" + team, 3, "", `shifts.yaml:2: header "weights:`},
		{"schedule --requirements " + data + "agents_req.csv --agents a.csv", 2, "", "--rules: expected the rules YAML with --agents"},
		{"schedule --requirements " + data + "req.csv --shifts " + data + "shifts.yaml" + team, 2, "", "--shifts and --agents"},
		{"schedule --requirements nowhere.csv" + team, 1, "", "nowhere.csv"},
	}
	for _, tt := range tests {
		ios, _, stdout, errOut := iostreams.Test()
		code := root.Main(strings.Fields(tt.argv), ios)
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", tt.argv, code, tt.code, errOut)
		}
		if !strings.HasPrefix(stdout.String(), tt.stdout) || (tt.stdout == "" && stdout.Len() > 0) {
			t.Errorf("%s: stdout %q, want it to start with %q", tt.argv, stdout, tt.stdout)
		}
		if !strings.Contains(errOut.String(), tt.stderrHas) {
			t.Errorf("%s: stderr %q, want it to contain %q", tt.argv, errOut, tt.stderrHas)
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the partial roster was not written: %v", err)
	}
}
