package models

import (
	"fmt"
	"time"
)

// Result is the outcome of a backtest: the model's scores on the test
// window next to the seasonal naive baseline's.
type Result struct {
	Model    string
	Scores   Scores
	Baseline Scores  // snaive on the same points
	Choice   *Choice // what auto picked and why; nil for a named model
	Actual   []Point // the scored points of the test window
	Forecast []float64
}

// Backtest fits the named model on the points at or before trainEnd,
// forecasts every timestamp the series has in [testStart, testEnd], and
// scores the forecast there (see Metrics; the season m comes from the
// training points). The seasonal naive forecast is scored on the same
// points as the baseline. The series may be in any order.
func Backtest(series []Point, trainEnd, testStart, testEnd time.Time, model string) (Result, error) {
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
	score := func(m Model) ([]float64, Scores, error) {
		if err := m.Fit(train); err != nil {
			return nil, Scores{}, fmt.Errorf("%s: %w", m.Name(), err)
		}
		f, err := m.Predict(at)
		if err != nil {
			return nil, Scores{}, fmt.Errorf("%s: %w", m.Name(), err)
		}
		s, err := Metrics(actual, f, train, season)
		return f, s, err
	}
	if r.Forecast, r.Scores, err = score(m); err != nil {
		return r, err
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
