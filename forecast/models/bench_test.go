package models

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// benchmarkSplit backtests auto on a bank split and reports its WAPE.
func benchmarkSplit(b *testing.B, s bankSplit) {
	series := loadSeries(b, s.file)
	var r Result
	b.ResetTimer()
	for range b.N {
		r = s.run(b, series, "auto")
	}
	b.ReportMetric(r.Scores.WAPE, "wape%")
	b.ReportMetric(r.Baseline.WAPE, "snaive_wape%")
	b.ReportMetric(float64(r.Scores.Points), "points")
}

// BenchmarkAutoBankD14 is the "bank D14" split (goal: WAPE <= 4.7).
func BenchmarkAutoBankD14(b *testing.B) { benchmarkSplit(b, bankD14) }

// BenchmarkAutoBankI2W is the "bank I2W" split (goal: WAPE <= 8.7).
func BenchmarkAutoBankI2W(b *testing.B) { benchmarkSplit(b, bankI2W) }

// twoYears15Min is a 24/7 queue in 15-minute slots: 730 days, 70,080 points.
func twoYears15Min(seed uint64) synthSpec {
	return synthSpec{start: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), days: 730, step: 15 * time.Minute,
		open: 0, close: 24, level: 40, weekdays: []float64{0.6, 1.25, 1.1, 1.0, 1.0, 0.9, 0.7}, noise: true, seed: seed}
}

// BenchmarkAuto15Min2Years fits auto on two years of 15-minute history and
// forecasts the next 30 days (2,880 points): one series on one goroutine.
func BenchmarkAuto15Min2Years(b *testing.B) {
	s := twoYears15Min(1)
	hist, at := s.points(), s.future(30)
	b.ResetTimer()
	cpu := processCPU()
	for range b.N {
		a := NewAuto()
		if err := a.Fit(hist); err != nil {
			b.Fatal(err)
		}
		if _, err := a.Predict(at); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(hist)), "points")
	b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkAuto24Series does the same for 24 series (24 queues), one
// goroutine per CPU, as a command forecasting every queue would.
func BenchmarkAuto24Series(b *testing.B) {
	hists := make([][]Point, 24)
	var at []time.Time
	for i := range hists {
		s := twoYears15Min(uint64(i + 1))
		hists[i], at = s.points(), s.future(30)
	}
	b.ResetTimer()
	cpu := processCPU()
	for range b.N {
		jobs := make(chan []Point)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for h := range jobs {
					a := NewAuto()
					if err := a.Fit(h); err != nil {
						b.Error(err)
						continue
					}
					if _, err := a.Predict(at); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, h := range hists {
			jobs <- h
		}
		close(jobs)
		wg.Wait()
	}
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "workers")
	b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
