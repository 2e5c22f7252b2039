package models

import (
	"errors"
	"math"
	"testing"
	"time"
)

// coverageTol is how far the share of outcomes inside [P10, P90] may stray
// from 80%: the rolling-origin errors come from six origins only.
const coverageTol = 0.08

// TestQuantileCoverage draws many futures from the process that made the
// history and counts how often they fall between P10 and P90 (about 80%
// should), and below P50 (about half).
func TestQuantileCoverage(t *testing.T) {
	tests := []struct {
		spec  synthSpec
		model string
	}{
		{synthSpec{start: monday, days: 30 * 7, step: Day, level: 400, weekdays: callCenterWeek, noise: true, seed: 11}, "auto"},
		{synthSpec{start: monday, days: 30 * 7, step: Day, level: 400, weekdays: callCenterWeek, noise: true, seed: 12}, "weekday-mean:4"},
		{synthSpec{start: monday, days: 12 * 7, step: 30 * time.Minute, open: 8, close: 20, level: 30, weekdays: callCenterWeek, noise: true, seed: 13}, "auto"},
	}
	for _, tt := range tests {
		hist := tt.spec.points()
		at := tt.spec.future(14)
		q, f, err := Quantiles(hist, at, tt.model)
		if err != nil {
			t.Fatalf("%s: %v", tt.model, err)
		}
		inside, below, n := 0, 0, 0
		for draw := range 40 {
			next := tt.spec
			next.start = tt.spec.start.AddDate(0, 0, tt.spec.days)
			next.days = 14
			next.seed = uint64(1000 + draw)
			for i, p := range next.points() {
				if !p.T.Equal(at[i]) {
					t.Fatal("future draws misaligned")
				}
				if p.V >= q[i].P10 && p.V <= q[i].P90 {
					inside++
				}
				if p.V < q[i].P50 {
					below++
				}
				n++
				if !(q[i].P10 <= q[i].P50 && q[i].P50 <= q[i].P90) || q[i].P10 < 0 || !finite(f[i]) {
					t.Fatalf("%s: band %+v around %v is not ordered", tt.model, q[i], f[i])
				}
			}
		}
		cover, half := float64(inside)/float64(n), float64(below)/float64(n)
		t.Logf("%s step %v: %.1f%% inside [P10, P90], %.1f%% below P50", tt.model, tt.spec.step, 100*cover, 100*half)
		if cover < 0.8-coverageTol || cover > 0.8+coverageTol {
			t.Errorf("%s step %v: %.1f%% of outcomes inside [P10, P90], want 80 ± %.0f%%", tt.model, tt.spec.step, 100*cover, 100*coverageTol)
		}
		if half < 0.5-coverageTol || half > 0.5+coverageTol {
			t.Errorf("%s step %v: %.1f%% of outcomes below P50, want 50 ± %.0f%%", tt.model, tt.spec.step, 100*half, 100*coverageTol)
		}
	}
}

func TestQuantilesShortHistory(t *testing.T) {
	s := synthSpec{start: monday, days: 14, step: Day, level: 100, weekdays: callCenterWeek}
	for _, model := range []string{"auto", "snaive"} {
		if _, _, err := Quantiles(s.points(), s.future(7), model); !errors.Is(err, ErrShortHistory) {
			t.Errorf("%s on two weeks: %v, want ErrShortHistory", model, err)
		}
	}
}

// TestScoreBands: four points against bands [90, 110]: 100 inside, 120
// above (width 20 + 10 x 10 = 120), 85 below (20 + 10 x 5 = 70), 110 on
// the edge (inside): coverage 2/4, mean score (20 + 120 + 70 + 20) / 4 =
// 57.5, scaled 100 x 230 / 415.
func TestScoreBands(t *testing.T) {
	q := Quantile{P10: 90, P50: 100, P90: 110}
	b, err := ScoreBands([]float64{100, 120, 85, 110}, []Quantile{q, q, q, q})
	if err != nil {
		t.Fatal(err)
	}
	want := BandScores{Points: 4, Coverage: 0.5, IntervalScore: 57.5, ScaledIntervalScore: 100 * 230.0 / 415}
	if b.Points != want.Points || math.Abs(b.Coverage-want.Coverage) > 1e-12 || math.Abs(b.IntervalScore-want.IntervalScore) > 1e-9 ||
		math.Abs(b.ScaledIntervalScore-want.ScaledIntervalScore) > 1e-9 {
		t.Errorf("got %+v, want %+v", b, want)
	}
	if _, err := ScoreBands(nil, nil); !errors.Is(err, ErrNoScoredPoint) {
		t.Errorf("empty: %v", err)
	}
	if _, err := ScoreBands([]float64{0}, []Quantile{q}); !errors.Is(err, ErrZeroScale) {
		t.Errorf("zero actuals: %v", err)
	}
}
