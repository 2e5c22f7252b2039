package plancmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// TestPlanPlausibilityWarnings: contacts that read but cannot be right
// (resolved before they were created, a handle time over a day, a date
// far from the rest) are warned of by plan as import warns of them: on
// the terminal, in --json and in the report (issue 14: plan kept them
// without a word).
func TestPlanPlausibilityWarnings(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,created,resolved,channel,handle\n")
	at := time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC)
	for i := 1; at.Before(time.Date(2025, 12, 10, 0, 0, 0, 0, time.UTC)); i, at = i+1, at.Add(3*time.Hour) {
		created, resolved, handle := at, at.Add(2*time.Hour), 300
		switch i {
		case 7:
			resolved = at.AddDate(-1, 0, 0)
		case 9:
			handle = 2 * 86400
		case 11:
			created = time.Date(1999, 1, 1, 9, 0, 0, 0, time.UTC)
		}
		fmt.Fprintf(&b, "%d,%s,%s,email,%d\n", i, created.Format("2006-01-02 15:04"), resolved.Format("2006-01-02 15:04"), handle)
	}
	if err := os.WriteFile(filepath.Join(dir, "tickets.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(plan, []byte(`season: {start: 2026-11-27, end: 2026-11-28, time_zone: UTC}
history:
  - file: tickets.csv
    map: {id: id, created: created, resolved: resolved, channel: channel, handle: handle}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, stdout, stderr := iostreams.Test()
	if err := planRun(&Options{IO: ios, PlanFile: plan, Out: filepath.Join(dir, "out"), JSON: true}); err != nil {
		t.Fatal(err)
	}
	var js struct {
		Warnings []string `json:"warnings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "out", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1 contacts were resolved before they were created (first: " + filepath.Join(dir, "tickets.csv") + ":8, created 2025-10-02 02:00:00, resolved 2024-10-02 02:00:00)",
		"1 contacts have a handle time over a day (first: " + filepath.Join(dir, "tickets.csv") + ":10, 48.0 hours)",
		"1 contacts were created more than a year from the rest of the history (first: " + filepath.Join(dir, "tickets.csv") + ":12, 1999-01-01)",
	} {
		found := false
		for _, w := range js.Warnings {
			found = found || strings.HasPrefix(w, want)
		}
		if !found {
			t.Errorf("--json warnings %q: no %q", js.Warnings, want)
		}
		if !strings.Contains(stderr.String(), "warning: "+want) {
			t.Errorf("stderr has no %q:\n%s", want, stderr.String())
		}
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html has no %q", want)
		}
	}
}
