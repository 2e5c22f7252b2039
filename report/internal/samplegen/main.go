// Command samplegen writes every output of the report tests' plan
// (reporttest.Model: 40 agents, a week around Black Friday, two peak days)
// in English and Chinese, for a person to open them in Excel, LibreOffice,
// a browser and a calendar:
//
//	make report-samples          # or: go generate ./report
//
// writes out/report-samples/{en,zh}/{plan.xlsx,report.html,roster.csv,ics/}.
// -big adds big.xlsx, the benchmarks' plan of 500 agents over 30 days.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/html"
	"github.com/peakstaff/peakstaff/report/ics"
	"github.com/peakstaff/peakstaff/report/reporttest"
	"github.com/peakstaff/peakstaff/report/xlsx"
)

func main() {
	out := flag.String("out", "out/report-samples", "folder to write the samples into (replaced files, no prompt)")
	big := flag.Bool("big", false, "also write big.xlsx, the benchmarks' 500-agent plan")
	flag.Parse()
	if err := run(*out, *big); err != nil {
		fmt.Fprintln(os.Stderr, "samplegen:", err)
		os.Exit(1)
	}
	if abs, err := filepath.Abs(*out); err == nil {
		fmt.Fprintln(os.Stderr, "samplegen: wrote", abs)
	}
}

func run(dir string, big bool) error {
	start, err := reporttest.SeasonStart()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if big {
		o, err := reporttest.BigOpts("en")
		if err != nil {
			return err
		}
		m, err := reporttest.Build(o)
		if err != nil {
			return err
		}
		if err := write(filepath.Join(dir, "big.xlsx"), func(w io.Writer) error { return xlsx.Write(w, m) }); err != nil {
			return err
		}
	}
	for _, lang := range []string{"en", "zh"} {
		m, err := reporttest.Build(reporttest.StandardOpts(start, lang))
		if err != nil {
			return err
		}
		if err := writeAll(filepath.Join(dir, lang), m); err != nil {
			return err
		}
	}
	return nil
}

// writeAll writes the workbook, the HTML report, the roster CSV and the
// calendars of m into dir, as the plan command does.
func writeAll(dir string, m *report.Model) error {
	if err := os.MkdirAll(filepath.Join(dir, "ics"), 0o755); err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "plan.xlsx"), func(w io.Writer) error { return xlsx.Write(w, m) }); err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "report.html"), func(w io.Writer) error { return html.Write(w, m) }); err != nil {
		return err
	}
	if err := report.WriteRosterCSV(m, filepath.Join(dir, "roster.csv"), true, nil); err != nil {
		return err
	}
	cals, err := ics.Calendars(m)
	if err != nil {
		return err
	}
	for _, c := range cals {
		if err := write(filepath.Join(dir, "ics", c.Name), c.Write); err != nil {
			return err
		}
	}
	return nil
}

// write replaces path atomically: samples are regenerated, never edited.
func write(path string, fill func(io.Writer) error) error {
	return outfile.WriteFileAtomic(path, true, nil, fill)
}
