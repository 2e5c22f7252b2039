package models

import (
	"errors"
	"math"
	"testing"
	"time"
)

// weekdays returns one point per weekday (Monday to Friday) from
// 2024-01-01, a Monday, with the given values.
func weekdays(values ...float64) []Point {
	var out []Point
	d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range values {
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDate(0, 0, 1)
		}
		out = append(out, Point{T: d, V: v})
		d = d.AddDate(0, 0, 1)
	}
	return out
}

// metricsTol is the tolerance on hand-computed metrics: a few ulps.
const metricsTol = 1e-12

func TestMetricsHandComputed(t *testing.T) {
	// Two weekday-only weeks: m = 5; seasonal differences 2, 2, 3, 0, 5.
	train := weekdays(10, 20, 30, 40, 50, 12, 18, 33, 40, 55)
	tests := []struct {
		name             string
		actual, forecast []float64
		season           int
		want             Scores
	}{
		{
			// e = -10, 20, -10, 0; sum|e| = 40; sum|a| = 350.
			// MAPE over a != 0: (0.1 + 0.1 + 0) / 3.
			// sMAPE: (20/210 + 40/380 + 20/10 + 0) / 4.
			// MASE: (40/4) / (12/5).
			name: "zero actual", actual: []float64{100, 200, 0, 50}, forecast: []float64{110, 180, 10, 50}, season: 0,
			want: Scores{Points: 4, WAPE: 100 * 40.0 / 350, MAPE: 100 * 0.2 / 3, SMAPE: 100 * (20.0/210 + 40.0/380 + 2) / 4, MASE: 10 / 2.4, Season: 5},
		},
		{
			// Exact forecast: every metric 0, and 0/0 in sMAPE counts as 0.
			name: "exact", actual: []float64{5, 0, 7}, forecast: []float64{5, 0, 7}, season: 5,
			want: Scores{Points: 3, Season: 5},
		},
		{
			// m given explicitly (1): differences 10,10,10,10,-38,6,15,7,15 -> mean |.| = 121/9.
			name: "lag 1", actual: []float64{10}, forecast: []float64{13}, season: 1,
			want: Scores{Points: 1, WAPE: 30, MAPE: 30, SMAPE: 100 * 6.0 / 23, MASE: 3 / (121.0 / 9), Season: 1},
		},
	}
	for _, tt := range tests {
		got, err := Metrics(tt.actual, tt.forecast, train, tt.season)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got.Points != tt.want.Points || got.Season != tt.want.Season ||
			!near(got.WAPE, tt.want.WAPE) || !near(got.MAPE, tt.want.MAPE) || !near(got.SMAPE, tt.want.SMAPE) || !near(got.MASE, tt.want.MASE) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= metricsTol*math.Max(1, math.Abs(b)) }

func TestMetricsErrors(t *testing.T) {
	train := weekdays(10, 20, 30, 40, 50, 12, 18, 33, 40, 55)
	flat := weekdays(1, 2, 3, 4, 5, 1, 2, 3, 4, 5)
	tests := []struct {
		name             string
		actual, forecast []float64
		train            []Point
		season           int
		want             error
	}{
		{"empty", nil, nil, train, 5, ErrNoScoredPoint},
		{"length mismatch", []float64{1, 2}, []float64{1}, train, 5, ErrInvalidSeries},
		{"NaN forecast", []float64{1}, []float64{math.NaN()}, train, 5, ErrNotFinite},
		{"Inf actual", []float64{math.Inf(1)}, []float64{1}, train, 5, ErrNotFinite},
		{"all actual zero", []float64{0, 0}, []float64{1, 2}, train, 5, ErrZeroScale},
		{"no training", []float64{1}, []float64{1}, nil, 5, ErrEmpty},
		{"training not longer than m", []float64{1}, []float64{1}, train[:5], 5, ErrShortHistory},
		{"seasonal differences all zero", []float64{1}, []float64{2}, flat, 5, ErrZeroScale},
		{"negative season", []float64{1}, []float64{2}, train, -1, ErrInvalidSeries},
	}
	for _, tt := range tests {
		_, err := Metrics(tt.actual, tt.forecast, tt.train, tt.season)
		if !errors.Is(err, tt.want) || !errors.Is(err, ErrInvalidSeries) {
			t.Errorf("%s: error %v, want %v (wrapping ErrInvalidSeries)", tt.name, err, tt.want)
		}
	}
}

func TestInferStepAndSeason(t *testing.T) {
	mon := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	intraday := func(step time.Duration, from, to int, days ...int) []Point {
		var out []Point
		for _, d := range days {
			day := mon.AddDate(0, 0, d)
			for t := day.Add(time.Duration(from) * time.Hour); t.Before(day.Add(time.Duration(to) * time.Hour)); t = t.Add(step) {
				out = append(out, Point{T: t, V: 1})
			}
		}
		return out
	}
	everyDay := func(n int) []Point {
		var out []Point
		for d := range n {
			out = append(out, Point{T: mon.AddDate(0, 0, d), V: float64(d)})
		}
		return out
	}
	weekdaysOnly := []int{0, 1, 2, 3, 4, 7, 8, 9, 10, 11}
	tests := []struct {
		name   string
		series []Point
		step   time.Duration
		season int
	}{
		{"daily every day", everyDay(21), Day, 7},
		{"daily weekdays", weekdays(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), Day, 5},
		{"5 min weekdays 07-21", intraday(5*time.Minute, 7, 21, weekdaysOnly...), 5 * time.Minute, 168 * 5},
		{"15 min every day 24h", intraday(15*time.Minute, 0, 24, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), 15 * time.Minute, 96 * 7},
		{"hourly with a missing hour", append(intraday(time.Hour, 8, 12, 0, 1, 2, 3, 4, 5, 6)[:3], intraday(time.Hour, 8, 12, 1, 2, 3, 4, 5, 6)...), time.Hour, 4 * 7},
		// A Saturday opening once in three weeks does not make the week 6 days.
		{"rare Saturday", append(weekdays(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Point{T: mon.AddDate(0, 0, 5), V: 3}), Day, 5},
	}
	for _, tt := range tests {
		step, err := InferStep(tt.series)
		if err != nil || step != tt.step {
			t.Errorf("%s: step %v, %v; want %v", tt.name, step, err, tt.step)
		}
		m, err := SeasonalPeriod(tt.series)
		if err != nil || m != tt.season {
			t.Errorf("%s: season %d, %v; want %d", tt.name, m, err, tt.season)
		}
	}
	if _, err := InferStep(nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("InferStep(nil): %v, want ErrEmpty", err)
	}
}
