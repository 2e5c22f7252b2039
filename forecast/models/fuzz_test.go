package models

import (
	"errors"
	"testing"
	"time"
)

// FuzzAuto builds a series from bytes (one value per byte, 255 = a gap)
// on a daily or intraday grid and runs auto, a named model and the bands:
// they must return finite forecasts or an error, never panic.
func FuzzAuto(f *testing.F) {
	f.Add(uint8(0), []byte{10, 20, 30, 40, 50, 0, 0, 12, 22, 31, 39, 52, 0, 0, 11, 19, 29, 41, 49, 0, 0})
	f.Add(uint8(1), []byte{1, 2, 3, 255, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add(uint8(2), []byte{})
	f.Add(uint8(3), []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	steps := []time.Duration{Day, time.Hour, 15 * time.Minute, 2 * Day}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		if len(data) > 3000 {
			data = data[:3000]
		}
		step := steps[int(kind)%len(steps)]
		start := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
		var hist []Point
		for i, b := range data {
			if b == 255 {
				continue
			}
			hist = append(hist, Point{T: start.Add(time.Duration(i) * step), V: float64(b) - float64(kind%3)*20})
		}
		end := start.Add(time.Duration(len(data)) * step)
		var at []time.Time
		for i := range 10 {
			at = append(at, end.Add(time.Duration(i)*step))
		}
		for _, name := range []string{"auto", "holt-winters", "cal:day-profile:2"} {
			m, _ := New(name)
			if err := m.Fit(hist); err != nil {
				if !errors.Is(err, ErrInvalidSeries) {
					t.Fatalf("%s: fit error %v does not wrap ErrInvalidSeries", name, err)
				}
				continue
			}
			fc, err := m.Predict(at)
			if err != nil {
				continue
			}
			for _, v := range fc {
				if !finite(v) {
					t.Fatalf("%s: forecast %v", name, v)
				}
			}
		}
		if q, _, err := Quantiles(hist, at, "auto"); err == nil {
			for _, b := range q {
				if !finite(b.P10) || !finite(b.P50) || !finite(b.P90) {
					t.Fatalf("band %+v", b)
				}
			}
		}
	})
}
