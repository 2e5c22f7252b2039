package plancmd

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// TestPlanExitCodesDocumented: every exit code plan's --help lists is
// one of README's, and both list 130 (interrupted: a complete set or
// nothing), the code ExitCode gives an interrupted run (issue 14).
func TestPlanExitCodesDocumented(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	long := NewCmdPlan(ios, nil).Long
	_, list, ok := strings.Cut(long, "Exit codes:")
	if !ok {
		t.Fatal("plan --help has no exit codes")
	}
	var help []int
	for _, m := range regexp.MustCompile(`(?:^|;)\s*(\d+) `).FindAllStringSubmatch(list, -1) {
		n, _ := strconv.Atoi(m[1])
		help = append(help, n)
	}
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(readme), "## Exit codes")
	var documented []int
	for _, m := range regexp.MustCompile(`(?m)^\| (\d+) \|`).FindAllStringSubmatch(table, -1) {
		n, _ := strconv.Atoi(m[1])
		documented = append(documented, n)
	}
	for _, code := range help {
		if !slices.Contains(documented, code) {
			t.Errorf("plan --help lists exit code %d, README's table (%v) does not", code, documented)
		}
	}
	interrupted := diag.ExitCode(diag.ErrInterrupted)
	if !slices.Contains(help, interrupted) || !slices.Contains(documented, interrupted) {
		t.Errorf("exit code %d (interrupted): plan --help lists %v, README %v", interrupted, help, documented)
	}
	if !strings.Contains(list, "130 interrupted") || !strings.Contains(list, "complete set") {
		t.Errorf("plan --help does not say what an interrupted run leaves:\n%s", list)
	}
}
