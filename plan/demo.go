package plan

import (
	"io"
	"os"
	"path/filepath"

	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/sample"
)

// WriteDemo writes the bundled sample exports (Northwind Outfitters) to
// out/sample and a copy of planFile next to them, out/plan.yaml, so that
// the plan's paths find the sample and the copy is the user's to edit; it
// returns the copy's path. Files there are overwritten.
func WriteDemo(out, planFile string, progress io.Writer) (string, error) {
	sampleDir := filepath.Join(out, "sample")
	step(progress, "writing the sample exports to %s", sampleDir)
	files, err := sample.Files(sample.DefaultOptions())
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(sampleDir, 0o755); err != nil {
		return "", err
	}
	for _, f := range files {
		if err := outfile.WriteFileAtomic(filepath.Join(sampleDir, f.Name), true, nil, func(w io.Writer) error { return f.Write(w) }); err != nil {
			return "", err
		}
	}
	planData, err := os.ReadFile(planFile)
	if err != nil {
		return "", err
	}
	planCopy := filepath.Join(out, "plan.yaml")
	if err := outfile.WriteFileAtomic(planCopy, true, nil, func(w io.Writer) error { _, err := w.Write(planData); return err }); err != nil {
		return "", err
	}
	return planCopy, nil
}
