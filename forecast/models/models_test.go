package models

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

var monday = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// truthWAPE is the WAPE of forecasts of at against the spec's expected
// values (not a noisy draw): how well a model recovers the truth.
func truthWAPE(t *testing.T, s synthSpec, f []float64, at []time.Time) float64 {
	t.Helper()
	var e, a float64
	for i, ts := range at {
		mu := s.truth(ts)
		e += math.Abs(f[i] - mu)
		a += mu
	}
	return 100 * e / a
}

func fitPredict(t *testing.T, name string, hist []Point, at []time.Time) []float64 {
	t.Helper()
	m, err := New(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Fit(hist); err != nil {
		t.Fatalf("%s: fit: %v", name, err)
	}
	f, err := m.Predict(at)
	if err != nil {
		t.Fatalf("%s: predict: %v", name, err)
	}
	if len(f) != len(at) {
		t.Fatalf("%s: %d forecasts for %d timestamps", name, len(f), len(at))
	}
	for i, v := range f {
		if !finite(v) || v < 0 {
			t.Fatalf("%s: forecast %d = %v", name, i, v)
		}
	}
	return f
}

// TestRecoverSyntheticPattern fits each model on a known weekly (and
// intraday) pattern plus Poisson-like noise and checks the forecast of the
// next weeks against the expected values. Tolerances: the noise-free
// series must come back within 0.5% (WAPE against the truth); the noisy
// ones within the stated bound, about the mean absolute error of a mean of
// 4 noisy weeks (0.8 x sd / 2); seeds are fixed.
func TestRecoverSyntheticPattern(t *testing.T) {
	daily := synthSpec{start: monday, days: 26 * 7, step: Day, level: 2000, weekdays: callCenterWeek, seed: 3}
	intra := synthSpec{start: monday, days: 16 * 7, step: 15 * time.Minute, open: 8, close: 20, level: 60, weekdays: callCenterWeek, seed: 4}
	tests := []struct {
		spec   synthSpec
		noise  bool
		models []string
		maxErr float64 // WAPE against the truth, %
	}{
		{daily, false, []string{"auto", "weekday-mean", "weekday-median", "snaive", "holt-winters", "day-profile", "cal:weekday-mean:4"}, 0.5},
		{intra, false, []string{"auto", "weekday-mean", "weekday-median", "snaive", "holt-winters", "day-profile", "cal:day-profile:4"}, 0.5},
		// Noise: sd/mean = 1/sqrt(2000) = 2.2% per day: 0.9% for 4 weeks.
		{daily, true, []string{"auto", "weekday-mean", "weekday-median", "holt-winters"}, 1},
		// Noise: sd/mean about 13% per 15-minute slot (5.2% for 4 weeks),
		// 1.6% per day; the profile pools slots and weekdays.
		{intra, true, []string{"auto", "day-profile", "holt-winters"}, 2.5},
		{intra, true, []string{"weekday-mean"}, 5.5},
	}
	for _, tt := range tests {
		s := tt.spec
		s.noise = tt.noise
		hist, at := s.points(), s.future(21)
		for _, name := range tt.models {
			got := truthWAPE(t, s, fitPredict(t, name, hist, at), at)
			if got > tt.maxErr {
				t.Errorf("step %v noise %v %s: WAPE against the truth %.2f%%, want <= %.1f%%", s.step, tt.noise, name, got, tt.maxErr)
			}
		}
	}
}

// TestGapsAreNotZeros removes holidays from a noise-free series: a model
// that read them as zero contacts would forecast low.
func TestGapsAreNotZeros(t *testing.T) {
	closed := map[string]bool{}
	for _, d := range []string{"2024-01-15", "2024-02-19", "2024-02-20", "2024-03-29", "2024-04-01"} {
		closed[d] = true
	}
	for _, step := range []time.Duration{Day, 30 * time.Minute} {
		s := synthSpec{start: monday, days: 14 * 7, step: step, open: 9, close: 17, level: 500, weekdays: callCenterWeek, closed: closed}
		hist, at := s.points(), s.future(14)
		for _, name := range []string{"auto", "weekday-mean:8", "weekday-median:9", "snaive", "holt-winters", "day-profile:8"} {
			if got := truthWAPE(t, s, fitPredict(t, name, hist, at), at); got > 0.5 {
				t.Errorf("%v %s: WAPE against the truth %.2f%% with holidays absent, want <= 0.5%%", step, name, got)
			}
		}
	}
}

// TestForecastExactTimestamps asks for an irregular set: closed weekdays,
// a time of day never seen, and points out of order.
func TestForecastExactTimestamps(t *testing.T) {
	s := synthSpec{start: monday, days: 8 * 7, step: time.Hour, open: 9, close: 17, level: 100, weekdays: callCenterWeek}
	hist := s.points()
	next := monday.AddDate(0, 0, 8*7) // a Monday
	at := []time.Time{
		next.Add(10 * time.Hour),                  // Monday 10:00
		next.Add(-24*time.Hour + 10*time.Hour),    // Sunday: closed in the history
		next.Add(3 * time.Hour),                   // 03:00: never in the history
		next.AddDate(0, 0, 2).Add(16 * time.Hour), // Wednesday 16:00
		next.Add(9 * time.Hour),                   // Monday 09:00, out of order
	}
	for _, name := range []string{"auto", "weekday-mean", "snaive", "holt-winters", "yoy"} {
		m, _ := New(name)
		if err := m.Fit(hist); err != nil {
			if name == "yoy" && errors.Is(err, ErrShortHistory) {
				continue
			}
			t.Fatalf("%s: %v", name, err)
		}
		f, err := m.Predict(at)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, ts := range at {
			if want := s.truth(ts); math.Abs(f[i]-want) > 1e-6*math.Max(1, want) {
				t.Errorf("%s: forecast of %s = %v, want %v", name, ts.Format("Mon 15:04"), f[i], want)
			}
		}
	}
	if _, err := New("yoy"); err != nil {
		t.Fatal(err)
	}
}

func TestPredictOffGrid(t *testing.T) {
	s := synthSpec{start: monday, days: 21, step: 15 * time.Minute, open: 8, close: 18, level: 10, weekdays: callCenterWeek}
	m, _ := New("weekday-mean")
	if err := m.Fit(s.points()); err != nil {
		t.Fatal(err)
	}
	_, err := m.Predict([]time.Time{monday.AddDate(0, 0, 21).Add(8*time.Hour + 7*time.Minute)})
	var pe *PointError
	if !errors.As(err, &pe) || pe.Index != 0 || !errors.Is(err, ErrOffGrid) {
		t.Errorf("error %v, want a *PointError at 0 wrapping ErrOffGrid", err)
	}
}

// TestShortAndEmptyHistories: an empty series is an error for every
// model; one week is enough for the weekday models, holt-winters reports
// ErrShortHistory, and auto falls back to snaive and says why.
func TestShortAndEmptyHistories(t *testing.T) {
	for _, name := range Names() {
		m, _ := New(name)
		if err := m.Fit(nil); !errors.Is(err, ErrEmpty) {
			t.Errorf("%s: Fit(nil) = %v, want ErrEmpty", name, err)
		}
		if _, err := m.Predict([]time.Time{monday}); err == nil {
			t.Errorf("%s: Predict before Fit succeeded", name)
		}
	}
	s := synthSpec{start: monday, days: 7, step: Day, level: 100, weekdays: callCenterWeek}
	hist, at := s.points(), s.future(7)
	for _, name := range []string{"weekday-mean", "weekday-median", "snaive", "day-profile"} {
		if got := truthWAPE(t, s, fitPredict(t, name, hist, at), at); got > 1e-9 {
			t.Errorf("%s on one week: WAPE %.3f, want 0", name, got)
		}
	}
	for _, name := range []string{"holt-winters", "yoy"} {
		m, _ := New(name)
		if err := m.Fit(hist); !errors.Is(err, ErrShortHistory) {
			t.Errorf("%s on one week: %v, want ErrShortHistory", name, err)
		}
	}
	a := NewAuto()
	if err := a.Fit(hist); err != nil {
		t.Fatal(err)
	}
	f, err := a.Predict(at)
	if err != nil {
		t.Fatal(err)
	}
	if got := truthWAPE(t, s, f, at); got > 1e-9 || a.Choice().Model != "snaive" || !strings.Contains(a.Choice().Reason, "too short") {
		t.Errorf("auto on one week: WAPE %.3f, choice %+v; want snaive with a reason", got, a.Choice())
	}
}

func TestBadHistories(t *testing.T) {
	t0 := monday.Add(9 * time.Hour)
	tests := []struct {
		name string
		pts  []Point
		want error
	}{
		{"NaN", []Point{{t0, 1}, {t0.Add(time.Hour), math.NaN()}}, ErrNotFinite},
		{"duplicate", []Point{{t0, 1}, {t0.Add(time.Hour), 2}, {t0, 3}}, ErrDuplicateTime},
		{"off the hourly grid", []Point{{t0, 1}, {t0.Add(time.Hour), 2}, {t0.Add(2 * time.Hour), 2}, {t0.Add(150 * time.Minute), 3}}, ErrOffGrid},
	}
	for _, tt := range tests {
		for _, name := range []string{"auto", "weekday-mean"} {
			m, _ := New(name)
			err := m.Fit(tt.pts)
			var pe *PointError
			if !errors.Is(err, tt.want) || !errors.As(err, &pe) {
				t.Errorf("%s %s: %v, want a *PointError wrapping %v", tt.name, name, err, tt.want)
			}
		}
	}
}

func TestNew(t *testing.T) {
	for _, name := range append(Names(), "weekday-mean:4", "cal:holt-winters", "cal:day-profile:6", "mean(weekday-mean:4, cal:holt-winters)", "weekday-median:5") {
		m, err := New(name)
		if err != nil || m.Name() != name && !strings.HasPrefix(name, "mean(") {
			t.Errorf("New(%q) = %v, %v", name, m, err)
		}
	}
	for _, name := range []string{"", "arima", "snaive:3", "weekday-mean:0", "weekday-mean:x", "cal:", "mean(snaive)", "mean(snaive, mean(a, b))", "mean(snaive, x)"} {
		if _, err := New(name); !errors.Is(err, ErrUnknownModel) {
			t.Errorf("New(%q): %v, want ErrUnknownModel", name, err)
		}
	}
}

// TestCalendarEffects checks the estimate of a known month-start uplift
// and carry-over after a closed day, and that a series without them keeps
// factors of 1.
func TestCalendarEffects(t *testing.T) {
	var hist []Point
	start := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	closed := map[int]bool{}
	for _, d := range []string{"2023-02-20", "2023-05-29", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"} {
		closed[dateKey(at(d))] = true
	}
	for d := range 364 {
		day := start.AddDate(0, 0, d)
		k := dateKey(day)
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday || closed[k] {
			continue
		}
		v := 1000.0
		if day.Day() <= 3 {
			v *= 1.10
		}
		prev := day.AddDate(0, 0, -1)
		for prev.Weekday() == time.Saturday || prev.Weekday() == time.Sunday {
			prev = prev.AddDate(0, 0, -1)
		}
		if closed[dateKey(prev)] {
			v *= 1.25
		}
		hist = append(hist, Point{T: day, V: v})
	}
	g, err := gridOf(hist)
	if err != nil {
		t.Fatal(err)
	}
	c := estimateCalendar(g)
	if math.Abs(c.post-0.25) > 0.03 {
		t.Errorf("carry-over %.3f, want 0.25 ± 0.03", c.post)
	}
	if p := c.position[1]; p < 0.06 || p > 0.12 {
		t.Errorf("first business day effect %.3f, want about 0.10", p)
	}
	if p := c.position[8]; math.Abs(p) > 0.02 {
		t.Errorf("mid-month effect %.3f, want about 0", p)
	}
	flat := synthSpec{start: monday, days: 30 * 7, step: Day, level: 1000, weekdays: callCenterWeek}
	g, _ = gridOf(flat.points())
	c = estimateCalendar(g)
	if c.post != 0 || len(c.position) != 0 {
		t.Errorf("flat series: carry-over %v, positions %v; want none", c.post, c.position)
	}
}

// TestSparseGrid: two points a second apart, then one a day for 30 years,
// would need 11,000 days x 86,400 one-second slots; it is refused.
func TestSparseGrid(t *testing.T) {
	t0 := time.Date(2000, 1, 3, 0, 0, 0, 0, time.UTC)
	pts := []Point{{t0, 1}, {t0.Add(time.Second), 2}}
	for d := 1; d < 11000; d++ {
		pts = append(pts, Point{t0.AddDate(0, 0, d).Add(23*time.Hour + 59*time.Minute + 59*time.Second), 3})
	}
	m, _ := New("snaive")
	if err := m.Fit(pts); !errors.Is(err, ErrInvalidSeries) || !strings.Contains(err.Error(), "too sparse") {
		t.Errorf("Fit: %v, want a too-sparse error", err)
	}
}
