package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWriteSamples writes every output of the test model in both languages
// into $REPORT_SAMPLES_DIR, for a person to open them (skipped otherwise):
//
//	REPORT_SAMPLES_DIR=/tmp/rep go test ./cmd/internal/report -run WriteSamples
//
// REPORT_SAMPLES_BIG=1 adds big.xlsx, the benchmark's 500-agent plan.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("REPORT_SAMPLES_DIR")
	if dir == "" {
		t.Skip("set REPORT_SAMPLES_DIR to write sample outputs")
	}
	if os.Getenv("REPORT_SAMPLES_BIG") != "" {
		// The benchmark's plan: 500 agents, 30 days, 15-minute timelines.
		m := testModel(t, "en")
		m = synthModel(t, synthOpts{agents: 500, days: 30, interval: 15 * time.Minute,
			start: m.Season.Start.AddDate(0, 0, -13), peaks: 5, lang: "en"})
		if err := WriteXLSX(m, filepath.Join(dir, "big.xlsx"), true, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"en", "zh"} {
		m := testModel(t, lang)
		d := filepath.Join(dir, lang)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, err := range []error{
			WriteXLSX(m, filepath.Join(d, "plan.xlsx"), true, nil),
			WriteHTML(m, filepath.Join(d, "report.html"), true, nil),
			WriteICS(m, filepath.Join(d, "ics"), true, nil),
			WriteRosterCSV(m, filepath.Join(d, "roster.csv"), true, nil),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}
