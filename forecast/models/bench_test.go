package models

import (
	"testing"
	"time"
)

// BenchmarkAuto15Min2Years fits auto on two years of 15-minute history
// (24 h a day, every day: 70,080 points) and forecasts the next 30 days.
func BenchmarkAuto15Min2Years(b *testing.B) {
	s := synthSpec{start: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), days: 730, step: 15 * time.Minute,
		open: 0, close: 24, level: 40, weekdays: []float64{0.6, 1.25, 1.1, 1.0, 1.0, 0.9, 0.7}, noise: true, seed: 1}
	hist := s.points()
	at := s.future(30)
	b.ReportMetric(float64(len(hist)), "points")
	b.ResetTimer()
	for range b.N {
		a := NewAuto()
		if err := a.Fit(hist); err != nil {
			b.Fatal(err)
		}
		if _, err := a.Predict(at); err != nil {
			b.Fatal(err)
		}
	}
}
