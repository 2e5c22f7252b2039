package rosterio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// TestReadTeamReportsEveryFile: a file that cannot be read does not hide
// the bad rows of the others (exit 3, all listed); a missing file alone
// is an I/O error (exit 1).
func TestReadTeamReportsEveryFile(t *testing.T) {
	dir := t.TempDir()
	req := filepath.Join(dir, "req.csv")
	if err := os.WriteFile(req, []byte("start,channel,agents\nxx,phone,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	agents := "../../../testdata/roster/agents.csv"
	missing := filepath.Join(dir, "nope.yaml")

	_, err := ReadTeam(TeamFiles{Requirement: req, Agents: agents, Rules: missing})
	if err == nil {
		t.Fatal("no error")
	}
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "req.csv:2:1") {
		t.Errorf("want the missing rules file and the bad row, got:\n%v", err)
	}
	if got := diag.ExitCode(err); got != diag.ExitInvalidData {
		t.Errorf("exit %d, want %d", got, diag.ExitInvalidData)
	}

	good := filepath.Join(dir, "good.csv")
	if err := os.WriteFile(good, []byte("start,channel,agents\n2026-11-25T08:00:00Z,phone,2\n2026-11-25T08:30:00Z,phone,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadTeam(TeamFiles{Requirement: good, Agents: agents, Rules: missing})
	if !errors.Is(err, fs.ErrNotExist) || diag.ExitCode(err) != diag.ExitError {
		t.Errorf("only the rules file missing: %v, exit %d; want not-exist, exit %d", err, diag.ExitCode(err), diag.ExitError)
	}
}
