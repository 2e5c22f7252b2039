package models_test

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
)

func ExampleMetrics() {
	// Two weeks of weekday totals: the seasonal period m is 5 points.
	var train []models.Point
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // a Monday
	for _, v := range []float64{10, 20, 30, 40, 50, 12, 18, 33, 40, 55} {
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, 1)
		}
		train = append(train, models.Point{T: day, V: v})
		day = day.AddDate(0, 0, 1)
	}
	s, err := models.Metrics([]float64{100, 200, 0, 50}, []float64{110, 180, 10, 50}, train, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("WAPE %.2f%%  MAPE %.2f%%  sMAPE %.2f%%  MASE %.3f (m = %d)\n", s.WAPE, s.MAPE, s.SMAPE, s.MASE, s.Season)
	// Output: WAPE 11.43%  MAPE 6.67%  sMAPE 55.01%  MASE 4.167 (m = 5)
}

func ExampleBacktest() {
	// Eight weeks of weekdays: Mondays 120 contacts, other days 100, and
	// one holiday (absent from the data, not zero).
	var series []models.Point
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := range 56 {
		t := start.AddDate(0, 0, d)
		if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday || t.Format(time.DateOnly) == "2024-01-15" {
			continue
		}
		v := 100.0
		if t.Weekday() == time.Monday {
			v = 120
		}
		series = append(series, models.Point{T: t, V: v + float64(d%3)})
	}
	trainEnd := time.Date(2024, 2, 11, 23, 59, 59, 0, time.UTC)
	r, err := models.Backtest(series, trainEnd, trainEnd.Add(time.Second), start.AddDate(0, 0, 56), "weekday-mean:4")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s on %d days: WAPE %.2f%%, MASE %.2f; snaive WAPE %.2f%%\n", r.Model, r.Scores.Points, r.Scores.WAPE, r.Scores.MASE, r.Baseline.WAPE)
	// Output: weekday-mean:4 on 10 days: WAPE 0.71%, MASE 0.27; snaive WAPE 1.33%
}
