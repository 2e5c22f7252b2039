package report

import (
	"io"
	"testing"
	"time"
)

func benchModel(b *testing.B) *Model {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		b.Skip(err)
	}
	return synthModel(b, synthOpts{agents: 500, days: 30, interval: 15 * time.Minute,
		start: time.Date(2026, 11, 10, 0, 0, 0, 0, ny), peaks: 5, lang: "en"})
}

// BenchmarkWorkbook500x30 writes the large case: 500 agents, a
// 30-day roster, 15-minute timelines for 5 peak days, 8,640 staffing rows
// (target: under 5 s).
func BenchmarkWorkbook500x30(b *testing.B) {
	m := benchModel(b)
	v, err := NewView(m)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var n countWriter
	for b.Loop() {
		n = 0
		if err := v.writeXLSX(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/1e6, "MB/workbook")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/workbook")
}

// BenchmarkHTML500x30 writes report.html for the same plan.
func BenchmarkHTML500x30(b *testing.B) {
	m := benchModel(b)
	v, err := NewView(m)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var n countWriter
	for b.Loop() {
		n = 0
		if err := v.writeHTML(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/1e6, "MB/page")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
