package xlsx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/report/reporttest"
)

// TestLibreOfficeOpensWorkbook converts the workbook to PDF with headless
// LibreOffice (installed by .ci/run as libreoffice-calc-nogui): a file it
// cannot read fails the conversion. Skipped when soffice is not on PATH.
func TestLibreOfficeOpensWorkbook(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH: install libreoffice-calc-nogui to check the workbook opens in LibreOffice")
	}
	t.Parallel()
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "plan.xlsx")
	// A short plan (3 days, hourly) with every sheet: LibreOffice takes
	// about a second per printed page, on top of 8 s to start.
	m := reporttest.Model(t, "zh")
	m = reporttest.Synth(t, reporttest.Opts{Agents: 40, Days: 3, Interval: time.Hour, Start: m.Season.Start, Peaks: 1, Lang: "zh"})
	if err := writeFile(xlsx, m); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// A profile of its own, so a LibreOffice already running (or a
	// parallel test) does not swallow the conversion.
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, xlsx)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "plan.pdf"))
	if err != nil {
		t.Fatalf("no PDF: %v\n%s", err, out)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10000 {
		t.Errorf("PDF of %d bytes does not look like the workbook", len(pdf))
	}
	// One page per sheet at least: Summary, Roster, a timeline, Coverage,
	// Forecast, Staffing, Agents, Scenarios.
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1)); n < 8 {
		t.Errorf("%d pages, want at least one per sheet", n)
	}
}
