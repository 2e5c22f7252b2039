package xlsx

import (
	"io"
	"testing"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

// BenchmarkWorkbook500x30 writes the large case: 500 agents, a
// 30-day roster, 15-minute timelines for 5 peak days, 8,640 staffing rows
// (target: under 5 s).
func BenchmarkWorkbook500x30(b *testing.B) {
	rv, err := report.NewView(reporttest.Big(b))
	if err != nil {
		b.Fatal(err)
	}
	v := &view{rv}
	b.ResetTimer()
	var n countWriter
	for b.Loop() {
		n = 0
		if err := v.write(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/1e6, "MB/workbook")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/workbook")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
