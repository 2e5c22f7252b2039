package models

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Quantile is the uncertainty of one forecast point: 10% of outcomes are
// expected below P10, half below P50, 90% below P90.
type Quantile struct {
	P10, P50, P90 float64
}

// Quantiles forecasts at with the named model (auto included) fitted on
// history, and gives each point's P10, P50 and P90 from the model's own
// rolling-origin errors (see Auto for the origins; a named model is
// backtested the same way, alone). The errors are taken relative to the
// forecast, r = (actual - forecast) / max(forecast, floor), floor being 5%
// of the history's mean, and grouped by horizon week (days 1-7 after the
// cut, 8-14, ...) and, where a group has 150 errors or more, by tercile of
// the forecast (small intraday volumes vary relatively more). A point's
// band is forecast + q x max(forecast, floor) with q the empirical
// quantiles of its group (linear interpolation, Hyndman and Fan type 7),
// clipped at 0 when the history has no negative value. This is the
// empirical-error interval of Williams and Goodman (1971) and of
// Hyndman and Athanasopoulos, FPP 3rd ed., 5.5.
//
// A history too short for a rolling origin returns ErrShortHistory.
func Quantiles(history []Point, at []time.Time, model string) ([]Quantile, []float64, error) {
	if model == NameAuto {
		a := NewAuto()
		if err := a.Fit(history); err != nil {
			return nil, nil, err
		}
		q, err := a.Quantiles(at)
		if err != nil {
			return nil, nil, err
		}
		f, err := a.Predict(at)
		return q, f, err
	}
	f, err := newForecaster(model)
	if err != nil {
		return nil, nil, err
	}
	m := wrap(f)
	if err := m.Fit(history); err != nil {
		return nil, nil, err
	}
	fc, err := m.Predict(at)
	if err != nil {
		return nil, nil, err
	}
	q, err := m.quantiles(at, fc)
	return q, fc, err
}

// quantiles bands the forecast fc of at with the model's own
// rolling-origin errors (see Quantiles).
func (m *gridModel) quantiles(at []time.Time, fc []float64) ([]Quantile, error) {
	if len(at) == 0 {
		return []Quantile{}, nil
	}
	off := horizon(m.g, m.g.tm.times(at))
	name := m.f.name()
	bt := rollingOrigin(m.g, []string{name}, off, 6, m.nonNeg)
	if len(bt.cands) == 0 {
		return nil, fmt.Errorf("%w: no rolling origin for the uncertainty of %s at a horizon of %d days", ErrShortHistory, name, off[1])
	}
	var res []residual
	for i, c := range bt.cells {
		if p := bt.cands[0].preds[i]; !math.IsNaN(p) {
			res = append(res, residual{offset: c.offset, f: p, a: c.actual})
		}
	}
	return bands(m.g, res, at, fc, m.nonNeg), nil
}

// Quantiles gives the P10, P50 and P90 of the forecast of at from the
// rolling-origin errors of the model auto picks for at (see the package
// function Quantiles for the method).
func (a *Auto) Quantiles(at []time.Time) ([]Quantile, error) {
	f, err := a.Predict(at)
	if err != nil {
		return nil, err
	}
	if len(at) == 0 {
		return []Quantile{}, nil
	}
	if len(a.residuals) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrShortHistory, a.choice.Reason)
	}
	return bands(a.g, a.residuals, at, f, a.nonNeg), nil
}

// quantileGroupMin is the size from which a horizon group is split by
// forecast level.
const quantileGroupMin = 150

func bands(g *grid, res []residual, at []time.Time, f []float64, nonNeg bool) []Quantile {
	at = g.tm.times(at)
	floor := 0.05 * historyMean(g)
	if floor <= 0 {
		floor = math.SmallestNonzeroFloat64
	}
	scale := func(f float64) float64 { return math.Max(math.Abs(f), floor) }
	// Group the errors by horizon week.
	byWeek := map[int][]residual{}
	maxWeek := 0
	for _, r := range res {
		w := (r.offset - 1) / 7
		byWeek[w] = append(byWeek[w], r)
		maxWeek = max(maxWeek, w)
	}
	type group struct {
		cuts [2]float64 // forecast terciles; NaN when unsplit
		qs   [3][3]float64
	}
	groups := map[int]*group{}
	quantilesOf := func(rs []residual) [3]float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = (r.a - r.f) / scale(r.f)
		}
		if len(xs) == 0 {
			return [3]float64{} // a week without errors: no spread
		}
		sort.Float64s(xs)
		return [3]float64{SampleQuantile(xs, 0.1), SampleQuantile(xs, 0.5), SampleQuantile(xs, 0.9)}
	}
	groupOf := func(w int) *group {
		if gr, ok := groups[w]; ok {
			return gr
		}
		rs := byWeek[w]
		gr := &group{cuts: [2]float64{math.NaN(), math.NaN()}}
		if len(rs) < quantileGroupMin {
			q := quantilesOf(rs)
			gr.qs = [3][3]float64{q, q, q}
		} else {
			fs := make([]float64, len(rs))
			for i, r := range rs {
				fs[i] = r.f
			}
			sort.Float64s(fs)
			gr.cuts = [2]float64{SampleQuantile(fs, 1.0/3), SampleQuantile(fs, 2.0/3)}
			var parts [3][]residual
			for _, r := range rs {
				parts[tercile(r.f, gr.cuts)] = append(parts[tercile(r.f, gr.cuts)], r)
			}
			for i := range parts {
				if len(parts[i]) == 0 {
					parts[i] = rs
				}
				gr.qs[i] = quantilesOf(parts[i])
			}
		}
		groups[w] = gr
		return gr
	}
	last := g.lastKey()
	out := make([]Quantile, len(at))
	for i, t := range at {
		w := min(max((dateKey(t)-last-1)/7, 0), maxWeek)
		for len(byWeek[w]) == 0 && w > 0 {
			w--
		}
		gr := groupOf(w)
		q := gr.qs[0]
		if !math.IsNaN(gr.cuts[0]) {
			q = gr.qs[tercile(f[i], gr.cuts)]
		}
		s := scale(f[i])
		b := Quantile{P10: f[i] + q[0]*s, P50: f[i] + q[1]*s, P90: f[i] + q[2]*s}
		if !g.operating(t) {
			b = Quantile{} // the team does not work then: see Model
		}
		if nonNeg {
			b.P10, b.P50, b.P90 = math.Max(b.P10, 0), math.Max(b.P50, 0), math.Max(b.P90, 0)
		}
		out[i] = b
	}
	return out
}

func tercile(x float64, cuts [2]float64) int {
	switch {
	case x < cuts[0]:
		return 0
	case x < cuts[1]:
		return 1
	}
	return 2
}

// SampleQuantile is the p-quantile of the sorted sample xs by linear
// interpolation between order statistics, definition 7 of Hyndman and Fan,
// "Sample quantiles in statistical packages", The American Statistician
// 50(4), 1996 (R's default, NumPy's "linear"):
//
//	h = (n-1)·p,  Q(p) = x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋])
//
// with x[0] <= ... <= x[n-1] (0-based) and Q(1) = x[n-1]. Q(0) is the
// minimum, Q(0.5) the median, in xs' units. xs must be sorted ascending and
// non-empty and p lie in [0, 1]; anything else is a programmer error and
// panics.
func SampleQuantile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		panic("models.SampleQuantile: empty sample")
	}
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("models.SampleQuantile: p = %v outside [0, 1]", p))
	}
	h := p * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

// historyMean is the mean of the history's operating cells.
func historyMean(g *grid) float64 {
	s, n := 0.0, 0
	for _, d := range g.days {
		for slot, x := range d.v {
			if g.slotUsed[slot] && !math.IsNaN(x) {
				s += x
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// BandScores score a P10-P90 band against what happened.
type BandScores struct {
	Points int
	// Coverage is the share of points inside [P10, P90] (0.8 is honest).
	Coverage float64
	// IntervalScore is the mean interval score of the 80% band (Gneiting
	// and Raftery 2007, eq. 43), in the series' units, α = 0.2:
	//
	//	S = (P90 - P10) + (2/α)(P10 - y)·1{y < P10} + (2/α)(y - P90)·1{y > P90}
	//
	// lower is better: a narrow band that holds the outcome.
	IntervalScore float64
	// ScaledIntervalScore is 100 × ΣS / Σ|y|, comparable across series as
	// WAPE is.
	ScaledIntervalScore float64
}

// ScoreBands scores bands against actual values (same length); an error
// for empty or mismatched input or a zero sum of actuals.
func ScoreBands(actual []float64, q []Quantile) (BandScores, error) {
	var b BandScores
	if len(actual) == 0 || len(actual) != len(q) {
		return b, fmt.Errorf("%w: %d actual values, %d bands", ErrNoScoredPoint, len(actual), len(q))
	}
	const alpha = 0.2
	var in, sum, sumA float64
	for i, y := range actual {
		lo, hi := q[i].P10, q[i].P90
		s := hi - lo
		switch {
		case y < lo:
			s += 2 / alpha * (lo - y)
		case y > hi:
			s += 2 / alpha * (y - hi)
		default:
			in++
		}
		sum += s
		sumA += math.Abs(y)
	}
	if sumA == 0 {
		return b, fmt.Errorf("%w: every actual value is zero", ErrZeroScale)
	}
	n := float64(len(actual))
	return BandScores{Points: len(actual), Coverage: in / n, IntervalScore: sum / n, ScaledIntervalScore: 100 * sum / sumA}, nil
}
