package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
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
	m := testModel(t, "zh")
	m = synthModel(t, synthOpts{agents: 40, days: 3, interval: time.Hour, start: m.Season.Start, peaks: 1, lang: "zh"})
	if err := WriteXLSX(m, xlsx, false, nil); err != nil {
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

// TestChromiumRendersReport screenshots report.html in headless Chromium
// (installed by .ci/run) and checks the page is not blank and shows the
// colours of its charts. Skipped when chromium is not on PATH.
func TestChromiumRendersReport(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not on PATH: install chromium to check report.html renders")
	}
	t.Parallel()
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := WriteHTML(testModel(t, "en"), page, false, nil); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1200,2000", "file://"+page)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, out)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// Count pixels close to the chart colours: the forecast's blue line
	// (#1f77b4) and the required line and shortfall red (#d62728).
	type rgb struct{ r, g, b int }
	similar := func(c rgb, want rgb) bool {
		d := func(a, b int) int { return max(a-b, b-a) }
		return d(c.r, want.r) < 40 && d(c.g, want.g) < 40 && d(c.b, want.b) < 40
	}
	colours := map[rgb]bool{}
	blue, red := 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			c := rgb{int(r >> 8), int(g >> 8), int(b >> 8)}
			colours[c] = true
			if similar(c, rgb{0x1f, 0x77, 0xb4}) {
				blue++
			}
			if similar(c, rgb{0xd6, 0x27, 0x28}) {
				red++
			}
		}
	}
	if len(colours) < 50 {
		t.Errorf("screenshot has %d colours: blank page?", len(colours))
	}
	if blue < 50 || red < 50 {
		t.Errorf("chart colours barely present (blue %d, red %d pixels): charts not rendered?", blue, red)
	}
}
