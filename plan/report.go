package plan

import (
	"io"
	"os"
	"path/filepath"

	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/html"
	"github.com/peakstaff/peakstaff/report/ics"
	"github.com/peakstaff/peakstaff/report/xlsx"
)

// writeReport writes the workbook and the HTML report (and, once the plan
// has a roster, the roster CSV and one calendar per agent in ics/).
func writeReport(w *outputWriter, m *report.Model) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := w.file("plan.xlsx", func(f io.Writer) error { return xlsx.Write(f, m) }); err != nil {
		return err
	}
	if err := w.file("report.html", func(f io.Writer) error { return html.Write(f, m) }); err != nil {
		return err
	}
	if len(m.Agents) == 0 {
		return nil
	}
	if err := report.WriteRosterCSV(m, filepath.Join(w.stage, "roster.csv"), true, w.inputs); err != nil {
		return err
	}
	w.outputs = append(w.outputs, filepath.Join(w.dir, "roster.csv"))
	return writeCalendars(w, m)
}

// writeCalendars writes one iCalendar file per agent with shifts into
// ics/, each atomically.
func writeCalendars(w *outputWriter, m *report.Model) error {
	cals, err := ics.Calendars(m)
	if err != nil {
		return err
	}
	dir := filepath.Join(w.stage, "ics")
	if len(cals) > 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	for _, c := range cals {
		if err := outfile.WriteFileAtomic(filepath.Join(dir, c.Name), true, w.inputs, c.Write); err != nil {
			return err
		}
	}
	w.outputs = append(w.outputs, filepath.Join(w.dir, "ics"))
	return nil
}
