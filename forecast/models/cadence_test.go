package models

import (
	"math"
	"testing"
	"time"
)

func TestDetectCadence(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	var daily, weekly, monthly, monthEnds, intraday []Point
	for i := range 60 {
		daily = append(daily, Point{day("2024-01-01").AddDate(0, 0, i), 1})
		weekly = append(weekly, Point{day("2024-01-01").AddDate(0, 0, 7*i), 1})
		monthly = append(monthly, Point{day("2020-01-01").AddDate(0, i, 0), 1})
		monthEnds = append(monthEnds, Point{day("2020-02-01").AddDate(0, i, -1), 1})
		intraday = append(intraday, Point{day("2024-01-01").Add(time.Duration(i) * 30 * time.Minute), 1})
	}
	gappy := append(append([]Point(nil), weekly[:10]...), weekly[12:]...) // two weeks missing
	for _, tt := range []struct {
		name string
		pts  []Point
		want Cadence
	}{
		{"daily", daily, CadenceDaily}, {"weekly", weekly, CadenceWeekly}, {"weekly with gaps", gappy, CadenceWeekly},
		{"monthly", monthly, CadenceMonthly}, {"month ends", monthEnds, CadenceMonthly}, {"intraday", intraday, CadenceDaily},
		{"one point", daily[:1], CadenceDaily},
	} {
		if got := DetectCadence(tt.pts); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestMonthlySeries: a monthly series with a yearly pattern (December
// twice a normal month) and growth; yoy and yoy-growth forecast the next
// year on the months, snaive is the month before, and auto picks a
// yearly model. The values are exact (no noise), so the tolerance is
// rounding only.
func TestMonthlySeries(t *testing.T) {
	const growth = 0.01 // per month
	value := func(i int, m time.Month) float64 {
		v := 1000 * math.Pow(1+growth, float64(i))
		if m == time.December {
			v *= 2
		}
		return v
	}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	var hist []Point
	for i := range 36 {
		t := start.AddDate(0, i, 0)
		hist = append(hist, Point{t, value(i, t.Month())})
	}
	var at []time.Time
	var truth []float64
	for i := 36; i < 48; i++ {
		t := start.AddDate(0, i, 0)
		at = append(at, t)
		truth = append(truth, value(i, t.Month()))
	}
	f := fitPredict(t, "yoy", hist, at)
	for i := range at {
		if want := truth[i] / math.Pow(1+growth, 12); math.Abs(f[i]-want) > 1e-6*want {
			t.Errorf("yoy %s: %.3f, want %.3f (the same month a year earlier)", at[i].Format("2006-01"), f[i], want)
		}
	}
	// yoy-growth: last 3 months against the same months a year earlier
	// grew by (1.01)^12, so it recovers the truth exactly.
	f = fitPredict(t, "yoy-growth", hist, at)
	for i := range at {
		if math.Abs(f[i]-truth[i]) > 1e-6*truth[i] {
			t.Errorf("yoy-growth %s: %.3f, want %.3f", at[i].Format("2006-01"), f[i], truth[i])
		}
	}
	f = fitPredict(t, "snaive", hist, at[:1])
	if want := hist[35].V; math.Abs(f[0]-want) > 1e-9 {
		t.Errorf("snaive: %.3f, want the month before %.3f", f[0], want)
	}
	a := NewAuto()
	if err := a.Fit(hist); err != nil {
		t.Fatal(err)
	}
	f, err := a.Predict(at)
	if err != nil {
		t.Fatal(err)
	}
	if got := wapeOf(pointsOf(at, truth), f); got > 0.5 {
		t.Errorf("auto on months: WAPE %.2f (%s), want <= 0.5", got, a.Choice().Model)
	}
	if m, err := SeasonalPeriod(hist); err != nil || m != 12 {
		t.Errorf("SeasonalPeriod of 36 months = %d, %v; want 12", m, err)
	}
	// A day in the month stands for the month.
	mid := fitPredict(t, "yoy", hist, []time.Time{at[0].AddDate(0, 0, 14)})
	if want := truth[0] / math.Pow(1+growth, 12); math.Abs(mid[0]-want) > 1e-6*want {
		t.Errorf("yoy on the 15th: %.3f, want the month's %.3f", mid[0], want)
	}
}

func pointsOf(at []time.Time, v []float64) []Point {
	out := make([]Point, len(at))
	for i := range at {
		out[i] = Point{at[i], v[i]}
	}
	return out
}

// TestYearSourcesWeekly: in 2030 Black Friday falls 371 days after 2029's
// (2029-11-23, 2030-11-29), so the Black Friday week (dated by its Monday)
// takes the week 53 weeks earlier, and a calm week the one 52 weeks back.
func TestYearSourcesWeekly(t *testing.T) {
	var hist []Point
	for d := time.Date(2028, 10, 2, 0, 0, 0, 0, time.UTC); d.Year() < 2030 || d.Month() < time.November; d = d.AddDate(0, 0, 7) {
		hist = append(hist, Point{d, float64(d.YearDay())})
	}
	g, err := gridFor(hist, Calendar{YearAgo: peakYearAgo})
	if err != nil {
		t.Fatal(err)
	}
	if g.tm.cadence != CadenceWeekly {
		t.Fatalf("cadence %v", g.tm.cadence)
	}
	bfWeek := dateKey(time.Date(2030, 11, 25, 0, 0, 0, 0, time.UTC))
	calm := dateKey(time.Date(2030, 11, 4, 0, 0, 0, 0, time.UTC))
	if got := bfWeek - g.yearSources(bfWeek)[0]; got != 371 {
		t.Errorf("Black Friday week 2030: shifted %d days, want 371", got)
	}
	if got := calm - g.yearSources(calm)[0]; got != 364 {
		t.Errorf("a calm week: shifted %d days, want 364", got)
	}
}

// TestYoYStrictInBacktest: in auto's backtest a yearly model is scored
// only on the days whose counterpart a year earlier is in the training
// data, never on a seasonal naive stand-in.
func TestYoYStrictInBacktest(t *testing.T) {
	s := peakSpec{start: time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC), end: time.Date(2025, 9, 20, 0, 0, 0, 0, time.UTC), level: 300, seed: 1}
	pts, _ := s.series()
	g, err := gridFor(pts, Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	bt := rollingOrigin(g, []string{NameYoY}, [2]int{1, 28}, 6, true)
	if len(bt.cands) != 1 {
		t.Fatalf("yoy not scored: dropped %v", bt.dropped)
	}
	first := g.days[0].key
	scored := 0
	for i, c := range bt.cells {
		p := bt.cands[0].preds[i]
		// the day 364 days back, or the same weekday up to two weeks
		// either side of it
		if (c.key-364 >= first && math.IsNaN(p)) || (c.key-350 < first && !math.IsNaN(p)) {
			t.Fatalf("cell %s: forecast %v", g.tm.date(c.key).Format(time.DateOnly), p)
		}
		if !math.IsNaN(p) {
			scored++
		}
	}
	if scored == 0 || scored == len(bt.cells) {
		t.Errorf("%d of %d cells scored, want some but not all", scored, len(bt.cells))
	}
}
