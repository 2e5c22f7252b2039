package report

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSamples writes every output of the test model in both languages
// into $REPORT_SAMPLES_DIR, for a person to open them (skipped otherwise):
//
//	REPORT_SAMPLES_DIR=/tmp/rep go test ./cmd/internal/report -run WriteSamples
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("REPORT_SAMPLES_DIR")
	if dir == "" {
		t.Skip("set REPORT_SAMPLES_DIR to write sample outputs")
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
