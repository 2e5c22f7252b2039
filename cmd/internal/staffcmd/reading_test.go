package staffcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The demand file as a European spreadsheet saves it (issue 12): a BOM,
// semicolons, local D-M-YYYY H:MM times, handle times with a decimal
// comma, the count column named volume. staff reads it as import would,
// and gives the plan of the original file.
func TestDemandAsSpreadsheetSavesIt(t *testing.T) {
	data, err := os.ReadFile(demandFile)
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var b strings.Builder
	b.WriteString("\ufeffInterval;Channel;Skill;Volume;AHT\r\n")
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		at, err := time.Parse(time.RFC3339, f[0])
		if err != nil {
			t.Fatal(err)
		}
		local := at.In(berlin).Format("2-1-2006 15:04")
		b.WriteString(strings.Join([]string{local, f[1], f[2], f[3], f[4] + ",0"}, ";") + "\r\n")
	}
	path := filepath.Join(t.TempDir(), "demand_eu.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _, err := run(t, []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath}, false, "")
	if err != nil {
		t.Fatal(err)
	}
	got, errOut, err := run(t, []string{path, "--tz", "Europe/Berlin", "--policy", policyPath}, false, "")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if got != want {
		t.Errorf("the spreadsheet's file gives\n%s\nthe original\n%s", got, want)
	}
}
