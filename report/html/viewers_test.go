package html

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/report/reporttest"
)

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
	if err := os.WriteFile(page, writePage(t, reporttest.Model(t, "en")), 0o644); err != nil {
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
