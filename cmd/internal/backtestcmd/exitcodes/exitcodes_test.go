// Package exitcodes_test runs the backtest command through root.Main, as
// the binary does, and checks its exit codes and streams. It lives apart
// from backtestcmd's unit tests so that those build even when another
// command in the tree does not.
package exitcodes_test

import (
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/root"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

func TestExitCodes(t *testing.T) {
	const daily = "backtest --series ../testdata/daily.csv "
	tests := []struct {
		argv      string
		code      int
		stdout    string // prefix of stdout
		stderrHas string
	}{
		{daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --model weekday-mean:4", 0,
			"model\tpoints\twape\tmape\tsmape\tmase\tseason\nweekday-mean:4\t10\t2.49\t", ""},
		{daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --json", 0, "{\n  \"model\": \"auto\",\n  \"points\": 10,", ""},
		{daily + "--train-end 2024-03-08 --test-start 2024-03-11", 2, "", `required flag(s) "test-end" not set`},
		{daily + "--train-end 2024-03-08 --test-start 2024-03-08 --test-end 2024-03-22", 2, "", "peakstaff: --test-start 2024-03-08: the test window must start after --train-end 2024-03-08"},
		{daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --model prophet", 2, "", `peakstaff: --model: unknown model "prophet"`},
		{daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --bogus", 2, "", "unknown flag: --bogus"},
		{"backtest --series ../testdata/bad.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04", 3, "",
			`peakstaff: ../testdata/bad.csv:4:2 (contacts): "ten": invalid series: expected a number`},
		{daily + "--train-end 2024-03-08 --test-start 2024-04-01 --test-end 2024-04-30", 3, "", "nothing to score"},
		{"backtest --series ../testdata/none.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04", 1, "", "no such file"},
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
