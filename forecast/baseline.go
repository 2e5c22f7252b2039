package forecast

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// AutoBaseline is the default baseline: models.Auto picks, per series, the
// model (or the mean of the best two or three) with the lowest WAPE in a
// rolling-origin backtest on the series' own history, at the horizon asked
// for. The name returned says what it picked ("auto:weekday-mean:4").
// When the history is too short for that, the weekday mean of the last
// four weeks is used.
func AutoBaseline() Baseline { return AutoBaselineContext(context.Background()) }

// AutoBaselineContext is AutoBaseline whose model search stops once ctx
// is done, with an error wrapping diag.ErrInterrupted (not the fallback:
// a stopped search picked nothing).
func AutoBaselineContext(ctx context.Context) Baseline {
	fallback := WeekdayMean(4)
	return func(hist []DayValue, at []civil.Date) ([]float64, string, error) {
		if len(hist) < 35 {
			return fallback(hist, at)
		}
		pts := make([]models.Point, len(hist))
		for i, dv := range hist {
			pts[i] = models.Point{T: dv.Date.Midnight(time.UTC), V: dv.Value}
		}
		ts := make([]time.Time, len(at))
		for i, d := range at {
			ts[i] = d.Midnight(time.UTC)
		}
		a := models.NewAuto()
		a.SetContext(ctx)
		if err := a.Fit(pts); err != nil {
			return fallback(hist, at)
		}
		vals, err := a.Predict(ts)
		if errors.Is(err, diag.ErrInterrupted) {
			return nil, "", err
		}
		if err != nil {
			return fallback(hist, at)
		}
		return vals, fmt.Sprintf("auto:%s", a.Choice().Model), nil
	}
}
