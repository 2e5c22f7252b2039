package html

import (
	"io"
	"testing"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

// BenchmarkHTML500x30 writes report.html for the same plan.
func BenchmarkHTML500x30(b *testing.B) {
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
	b.ReportMetric(float64(n)/1e6, "MB/page")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
