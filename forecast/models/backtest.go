package models

import (
	"fmt"
	"sort"
	"time"
)

// Result is the outcome of a backtest: the model's scores on the test
// window next to the seasonal naive baseline's.
type Result struct {
	Model    string
	Scores   Scores
	Baseline Scores  // snaive on the same points
	Choice   *Choice // what auto picked and why; nil for a named model
	// Band scores the model's P10-P90 band (see Quantiles) on the scored
	// points; nil when the history is too short to measure one.
	Band     *BandScores
	Train    []Point // the training points, in order
	Actual   []Point // the scored points of the test window
	Forecast []float64
}

// Split is the window of a backtest: the model trains on the points at
// or before TrainEnd and is scored on those in [TestStart, TestEnd].
type Split struct {
	TrainEnd, TestStart, TestEnd time.Time
}

// Backtest fits the named model on the points at or before trainEnd,
// forecasts every timestamp the series has in [testStart, testEnd], and
// scores the forecast there (see Metrics; the season m comes from the
// training points). The seasonal naive forecast is scored on the same
// points as the baseline. The series may be in any order. Days are
// aligned year over year 364 days back; BacktestWith takes a Calendar.
func Backtest(series []Point, trainEnd, testStart, testEnd time.Time, model string) (Result, error) {
	return BacktestWith(series, Split{trainEnd, testStart, testEnd}, model, Calendar{})
}

// BacktestWith is Backtest with the calendar that aligns the days of the
// test window on last year's (see Calendar).
func BacktestWith(series []Point, split Split, model string, cal Calendar) (Result, error) {
	trainEnd, testStart, testEnd := split.TrainEnd, split.TestStart, split.TestEnd
	var r Result
	if err := validate(series); err != nil {
		return r, err
	}
	if testEnd.Before(testStart) {
		return r, fmt.Errorf("%w: test window ends (%s) before it starts (%s)", ErrNoScoredPoint, testEnd.Format(time.DateTime), testStart.Format(time.DateTime))
	}
	if !trainEnd.Before(testStart) {
		return r, fmt.Errorf("%w: the test window must start after the training ends (%s)", ErrInvalidSeries, trainEnd.Format(time.DateTime))
	}
	var train []Point
	for _, p := range sortedCopy(series) {
		switch {
		case !p.T.After(trainEnd):
			train = append(train, p)
		case !p.T.Before(testStart) && !p.T.After(testEnd):
			r.Actual = append(r.Actual, p)
		}
	}
	if len(train) == 0 {
		return r, fmt.Errorf("%w: no point at or before %s to train on", ErrEmpty, trainEnd.Format(time.DateTime))
	}
	r.Train = train
	if len(r.Actual) == 0 {
		return r, fmt.Errorf("%w: the series has no point between %s and %s", ErrNoScoredPoint, testStart.Format(time.DateTime), testEnd.Format(time.DateTime))
	}
	m, err := New(model)
	if err != nil {
		return r, err
	}
	at := make([]time.Time, len(r.Actual))
	actual := make([]float64, len(r.Actual))
	for i, p := range r.Actual {
		at[i], actual[i] = p.T, p.V
	}
	season, err := SeasonalPeriod(train)
	if err != nil {
		return r, err
	}
	grid := testGrid(train, at, testStart, testEnd)
	gridIndex := make(map[int64]int, len(grid))
	for i, t := range grid {
		gridIndex[t.Unix()] = i
	}
	pick := func(full []float64) []float64 {
		f := make([]float64, len(at))
		for i, t := range at {
			f[i] = full[gridIndex[t.Unix()]]
		}
		return f
	}
	score := func(m Model) ([]float64, Scores, error) {
		if c, ok := m.(calendared); ok {
			c.SetCalendar(cal)
		}
		if err := m.Fit(train); err != nil {
			return nil, Scores{}, fmt.Errorf("%s: %w", m.Name(), err)
		}
		// The model forecasts the whole grid of the test window (every
		// weekday and slot the training data has), not only the timestamps
		// the file holds there: which days are missing from the test window
		// (a holiday) is not known when forecasting, so it must not leak in.
		full, err := m.Predict(grid)
		if err != nil {
			return nil, Scores{}, fmt.Errorf("%s: %w", m.Name(), err)
		}
		f := pick(full)
		s, err := Metrics(actual, f, train, season)
		return f, s, err
	}
	if r.Forecast, r.Scores, err = score(m); err != nil {
		return r, err
	}
	if q, err := modelBands(m, grid); err == nil {
		qs := make([]Quantile, len(at))
		for i, t := range at {
			qs[i] = q[gridIndex[t.Unix()]]
		}
		if b, err := ScoreBands(actual, qs); err == nil {
			r.Band = &b
		}
	}
	r.Model = m.Name()
	if a, ok := m.(*Auto); ok {
		c := a.Choice()
		r.Choice = &c
	}
	naive, _ := New(NameSNaive)
	if _, r.Baseline, err = score(naive); err != nil {
		return r, err
	}
	return r, nil
}

// testGrid lists every timestamp of [start, end] on the training data's
// calendar: the weekdays it has and, for intraday data, the times of day it
// has, in the location of the scored points. The scored timestamps are
// always included (a slot the training never had is still forecast).
func testGrid(train []Point, scored []time.Time, start, end time.Time) []time.Time {
	loc := scored[0].Location()
	if DetectCadence(train) == CadenceMonthly {
		// the scored months and every month of the window
		out := append([]time.Time(nil), scored...)
		s := start.In(loc)
		for m := time.Date(s.Year(), s.Month(), 1, 0, 0, 0, 0, loc); !m.After(end); m = m.AddDate(0, 1, 0) {
			if !m.Before(start) {
				out = append(out, m)
			}
		}
		return out
	}
	weekdays := map[time.Weekday]bool{}
	clocks := map[time.Duration]bool{}
	for _, p := range train {
		t := p.T.In(loc)
		weekdays[t.Weekday()] = true
		y, m, d := t.Date()
		clocks[t.Sub(time.Date(y, m, d, 0, 0, 0, 0, loc))] = true
	}
	var offs []time.Duration
	for c := range clocks {
		offs = append(offs, c)
	}
	sort.Slice(offs, func(i, j int) bool { return offs[i] < offs[j] })
	seen := map[int64]bool{}
	var out []time.Time
	add := func(t time.Time) {
		if !seen[t.Unix()] && !t.Before(start) && !t.After(end) {
			seen[t.Unix()] = true
			out = append(out, t)
		}
	}
	s := start.In(loc)
	for day := time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, loc); !day.After(end); day = day.AddDate(0, 0, 1) {
		if !weekdays[day.Weekday()] || len(out) > 2_000_000 {
			continue
		}
		for _, o := range offs {
			add(day.Add(o))
		}
	}
	for _, t := range scored {
		add(t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// modelBands are a fitted model's P10-P90 bands of at (already
// predicted), from its own rolling-origin errors.
func modelBands(m Model, at []time.Time) ([]Quantile, error) {
	switch m := m.(type) {
	case *Auto:
		return m.Quantiles(at)
	case *gridModel:
		f, err := m.Predict(at)
		if err != nil {
			return nil, err
		}
		return m.quantiles(at, f)
	}
	return nil, fmt.Errorf("%s: no band", m.Name())
}
