package models

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/testkit"
)

// loadSeries reads a real series, kept beside the repository in
// ../shared/data/series (testkit.SharedData: a skip on a clone without
// it, a failure in CI): a North American bank's calls in 5-minute slots,
// 2003 (R package fpp3's bank_calls; Weinberg, Brown and Stroud, "Bayesian
// forecasting of an inhomogeneous Poisson process with applications to
// call center data", JASA 102(480), 2007), and the new tickets per day of
// an Italian software company's help desk, 2010-2012 (M. Polato, "Dataset
// belonging to the help desk log of an Italian Company", 4TU.ResearchData,
// 2017).
func loadSeries(tb testing.TB, rel string) []Point {
	tb.Helper()
	f, err := os.Open(filepath.Join(testkit.SharedData(tb, "data/series"), filepath.FromSlash(rel)))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	pts, err := ReadCSV(f, rel, ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return pts
}

func mustDate(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, _, err := ParseTime(s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// bankSplit is a split of a series: train up to the end of trainEnd,
// score every point of the file from testStart to the end of testEnd.
// "bank D14" trains on daily totals and scores 14 days (2003-10-14 is
// missing from the data); "bank I2W" trains on 5-minute slots and scores
// 9 days x 169 slots.
type bankSplit struct {
	name, file                   string
	trainEnd, testStart, testEnd string
}

var (
	bankD14 = bankSplit{"bank D14", "bank_calls_5min/bank_calls_daily.csv", "2003-10-03", "2003-10-06", "2003-10-24"}
	bankI2W = bankSplit{"bank I2W", "bank_calls_5min/bank_calls_5min.csv", "2003-10-10", "2003-10-13", "2003-10-24"}
)

func (s bankSplit) run(tb testing.TB, series []Point, model string) Result {
	tb.Helper()
	r, err := Backtest(series, mustDate(tb, s.trainEnd).Add(Day-1), mustDate(tb, s.testStart), mustDate(tb, s.testEnd).Add(Day-1), model)
	if err != nil {
		tb.Fatalf("%s %s: %v", s.name, model, err)
	}
	return r
}

// referenceTol is the tolerance on the reference WAPE values, computed on
// these splits with R's forecast package 8.20 (Hyndman and Khandakar,
// "Automatic time series forecasting: the forecast package for R", JSS
// 27(3), 2008) and statsmodels 0.13.5 and given to two decimals.
const referenceTol = 0.05

// TestBankReference reproduces the reference WAPE of the two naive
// forecasts (R forecast 8.20): this pins the metric, the alignment of
// weekdays and slots, and the handling of the missing 2003-10-14.
func TestBankReference(t *testing.T) {
	tests := []struct {
		split  bankSplit
		model  string
		points int
		wape   float64
		season int
	}{
		{bankD14, "weekday-mean:4", 14, 4.75, 5},
		{bankD14, "snaive", 14, 6.46, 5},
		{bankI2W, "weekday-mean:4", 9 * 169, 9.17, 845},
		{bankI2W, "snaive", 9 * 169, 11.13, 845},
	}
	for _, tt := range tests {
		r := tt.split.run(t, loadSeries(t, tt.split.file), tt.model)
		if r.Scores.Points != tt.points || r.Scores.Season != tt.season {
			t.Errorf("%s %s: %d points, season %d; want %d, %d", tt.split.name, tt.model, r.Scores.Points, r.Scores.Season, tt.points, tt.season)
		}
		if math.Abs(r.Scores.WAPE-tt.wape) > referenceTol {
			t.Errorf("%s %s: WAPE %.3f, want %.2f ± %.2f", tt.split.name, tt.model, r.Scores.WAPE, tt.wape, referenceTol)
		}
	}
}

// TestBankI2WSummedPerDay checks the table's third row: the I2W forecasts
// of weekday-mean:4 summed per day score 4.67.
func TestBankI2WSummedPerDay(t *testing.T) {
	r := bankI2W.run(t, loadSeries(t, bankI2W.file), "weekday-mean:4")
	byDay := map[int][2]float64{}
	for i, p := range r.Actual {
		k := dateKey(p.T)
		v := byDay[k]
		byDay[k] = [2]float64{v[0] + p.V, v[1] + r.Forecast[i]}
	}
	var actual, forecast []float64
	for _, v := range byDay {
		actual = append(actual, v[0])
		forecast = append(forecast, v[1])
	}
	if len(actual) != 9 {
		t.Fatalf("%d days, want 9", len(actual))
	}
	train := []Point{{T: time.Unix(0, 0), V: 1}, {T: time.Unix(86400, 0), V: 2}}
	s, err := Metrics(actual, forecast, train, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(s.WAPE-4.67) > referenceTol {
		t.Errorf("WAPE per day %.3f, want 4.67 ± %.2f", s.WAPE, referenceTol)
	}
}

// TestBankAuto is the accuracy goal: auto must beat every established
// model run on these splits with R forecast 8.20 and statsmodels 0.13.5
// (STL+ETS, auto.arima, TBATS, Holt-Winters and the two naive ones; best:
// 4.75 on D14, 8.79 on I2W) by choosing from the training data alone. The
// bounds are the goals (4.7, 8.7).
func TestBankAuto(t *testing.T) {
	if testing.Short() {
		t.Skip("fits every candidate at six origins")
	}
	for _, tt := range []struct {
		split   bankSplit
		maxWAPE float64
	}{{bankD14, 4.7}, {bankI2W, 8.7}} {
		r := tt.split.run(t, loadSeries(t, tt.split.file), "auto")
		t.Logf("%s: auto WAPE %.2f (snaive %.2f), MASE %.3f; picked %s", tt.split.name, r.Scores.WAPE, r.Baseline.WAPE, r.Scores.MASE, r.Choice.Model)
		if r.Scores.WAPE > tt.maxWAPE {
			t.Errorf("%s: auto WAPE %.3f, want <= %.1f (picked %s)", tt.split.name, r.Scores.WAPE, tt.maxWAPE, r.Choice.Model)
		}
		if r.Baseline.WAPE < r.Scores.WAPE {
			t.Errorf("%s: auto %.2f worse than snaive %.2f", tt.split.name, r.Scores.WAPE, r.Baseline.WAPE)
		}
		if len(r.Choice.Scores) < 10 || r.Choice.Reason == "" {
			t.Errorf("%s: choice %+v lacks candidates or a reason", tt.split.name, r.Choice)
		}
	}
}

// TestHelpdeskItaly runs auto on a small noisy ticket series with zero days
// (weekends): finite, sensible scores. The figures are logged, not pinned.
func TestHelpdeskItaly(t *testing.T) {
	pts := loadSeries(t, "helpdesk_italy_tickets/helpdesk_new_tickets_daily.csv")
	s := bankSplit{"italy", "", "2012-06-30", "2012-07-01", "2012-07-31"}
	for _, model := range []string{"auto", "weekday-mean", "holt-winters", "yoy"} {
		r := s.run(t, pts, model)
		sc := r.Scores
		for _, x := range []float64{sc.WAPE, sc.MAPE, sc.SMAPE, sc.MASE, r.Baseline.WAPE} {
			if !finite(x) || x < 0 {
				t.Fatalf("%s: non-finite or negative score in %+v", model, sc)
			}
		}
		if sc.Season != 7 || sc.Points != 31 {
			t.Errorf("%s: season %d points %d, want 7 and 31", model, sc.Season, sc.Points)
		}
		if sc.WAPE > 100 || sc.MASE > 2 {
			t.Errorf("%s: scores %+v are not sensible", model, sc)
		}
		for _, f := range r.Forecast {
			if !finite(f) || f < 0 {
				t.Fatalf("%s: forecast %v", model, f)
			}
		}
		name := model
		if r.Choice != nil {
			name += " -> " + r.Choice.Model
		}
		t.Logf("%s: WAPE %.2f MAPE %.2f sMAPE %.2f MASE %.3f (snaive WAPE %.2f)", name, sc.WAPE, sc.MAPE, sc.SMAPE, sc.MASE, r.Baseline.WAPE)
	}
}

// TestHelpdeskEightWeeks is issue 13's goal on the helpdesk tickets: train
// to 2012-06-03, score 2012-06-04..2012-07-29 (56 days), auto at or under
// 44.0 WAPE (R's auto.arima scores 44.2 there, weekday-mean:4 47.42).
func TestHelpdeskEightWeeks(t *testing.T) {
	if testing.Short() {
		t.Skip("fits every candidate at nine origins")
	}
	pts := loadSeries(t, "helpdesk_italy_tickets/helpdesk_new_tickets_daily.csv")
	r := bankSplit{"helpdesk 8 weeks", "", "2012-06-03", "2012-06-04", "2012-07-29"}.run(t, pts, "auto")
	t.Logf("auto WAPE %.2f (snaive %.2f), picked %s, season weight %.2f", r.Scores.WAPE, r.Baseline.WAPE, r.Choice.Model, r.Choice.SeasonWeight)
	if r.Scores.Points != 56 || r.Scores.WAPE > 44.0 {
		t.Errorf("%d points, auto WAPE %.2f (%s), want 56 and <= 44.0", r.Scores.Points, r.Scores.WAPE, r.Choice.Model)
	}
}
