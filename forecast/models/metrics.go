package models

import (
	"fmt"
	"math"
)

// Scores are the accuracy metrics of a forecast over its scored points,
// with e = actual - forecast (MAPE, sMAPE and MASE as in Hyndman and
// Koehler, "Another look at measures of forecast accuracy", IJF 22(4),
// 2006, and Hyndman and Athanasopoulos, Forecasting: Principles and
// Practice, 3rd ed., section 5.8, https://otexts.com/fpp3/accuracy.html):
//
//	WAPE  = 100 x sum|e| / sum|actual|                          (percent)
//	MAPE  = 100 x mean(|e| / |actual|) over actual != 0         (percent)
//	sMAPE = 100 x mean(2|e| / (|actual| + |forecast|))          (percent)
//	MASE  = mean|e| / mean|y_t - y_(t-m)| over the training series
//
// m (Season) is the seasonal period in points of the training series (see
// SeasonalPeriod). A sMAPE term with actual = forecast = 0 counts as 0: the
// forecast is exact.
type Scores struct {
	Points int     // scored points
	WAPE   float64 // percent
	MAPE   float64 // percent
	SMAPE  float64 // percent
	MASE   float64 // ratio to the in-sample seasonal naive error
	Season int     // m, the lag of MASE's denominator, in points
}

// Metrics scores forecast against actual (same length, same order). train
// is the training series in any order; season is m, or 0 to infer it from
// train with SeasonalPeriod. It returns an error, never NaN, for empty or
// mismatched input, non-finite values, a zero sum of actuals (WAPE), no
// non-zero actual (MAPE), a training series no longer than m, or a training
// series whose seasonal differences are all zero (MASE).
func Metrics(actual, forecast []float64, train []Point, season int) (Scores, error) {
	var sc Scores
	if len(actual) == 0 {
		return sc, fmt.Errorf("%w: no actual values", ErrNoScoredPoint)
	}
	if len(actual) != len(forecast) {
		return sc, fmt.Errorf("%w: %d actual values but %d forecasts", ErrInvalidSeries, len(actual), len(forecast))
	}
	var sumAbsE, sumAbsA, sumAPE, sumSAPE float64
	nonZero := 0
	for i, a := range actual {
		f := forecast[i]
		if !finite(a) || !finite(f) {
			return sc, fmt.Errorf("%w: point %d: actual %v, forecast %v", ErrNotFinite, i, a, f)
		}
		e := math.Abs(a - f)
		sumAbsE += e
		sumAbsA += math.Abs(a)
		if a != 0 {
			sumAPE += e / math.Abs(a)
			nonZero++
		}
		if d := math.Abs(a) + math.Abs(f); d > 0 {
			sumSAPE += 2 * e / d
		}
	}
	if sumAbsA == 0 {
		return sc, fmt.Errorf("%w: WAPE: every actual value is zero", ErrZeroScale)
	}
	if nonZero == 0 {
		return sc, fmt.Errorf("%w: MAPE: every actual value is zero", ErrZeroScale)
	}
	scale, m, err := maseScale(train, season)
	if err != nil {
		return sc, err
	}
	n := float64(len(actual))
	sc = Scores{
		Points: len(actual),
		WAPE:   100 * sumAbsE / sumAbsA,
		MAPE:   100 * sumAPE / float64(nonZero),
		SMAPE:  100 * sumSAPE / n,
		MASE:   sumAbsE / n / scale,
		Season: m,
	}
	return sc, nil
}

// maseScale is mean|y_t - y_(t-m)| over the training series sorted by time,
// t counted in points (not in calendar time), and m.
func maseScale(train []Point, season int) (float64, int, error) {
	if len(train) == 0 {
		return 0, 0, fmt.Errorf("%w: MASE needs the training series", ErrEmpty)
	}
	if season < 0 {
		return 0, 0, fmt.Errorf("%w: seasonal period %d < 0", ErrInvalidSeries, season)
	}
	if season == 0 {
		var err error
		if season, err = SeasonalPeriod(train); err != nil {
			return 0, 0, err
		}
	}
	if len(train) <= season {
		return 0, season, fmt.Errorf("%w: MASE needs more than m = %d training points, got %d", ErrShortHistory, season, len(train))
	}
	s := sortedCopy(train)
	sum := 0.0
	for i := season; i < len(s); i++ {
		if !finite(s[i].V) || !finite(s[i-season].V) {
			return 0, season, &PointError{Index: i, T: s[i].T, Err: ErrNotFinite}
		}
		sum += math.Abs(s[i].V - s[i-season].V)
	}
	if sum == 0 {
		return 0, season, fmt.Errorf("%w: MASE: the training series repeats exactly every m = %d points", ErrZeroScale, season)
	}
	return sum / float64(len(s)-season), season, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
