package models

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// countdown is a context that is done after its first n checks of Err.
type countdown struct {
	context.Context
	left, calls atomic.Int32
}

func (c *countdown) Err() error {
	c.calls.Add(1)
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestAutoInterrupted: the model search checks its context before each
// candidate and stops with the interrupted class (exit 130) when it is
// done, whether before the search or in its middle; without a context it
// picks as before.
func TestAutoInterrupted(t *testing.T) {
	start := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	var hist []Point
	for d := 0; d < 200; d++ {
		hist = append(hist, Point{T: start.AddDate(0, 0, d), V: float64(20 + 10*(d%7) + d%3)})
	}
	at := []time.Time{start.AddDate(0, 0, 200), start.AddDate(0, 0, 201)}

	a := NewAuto()
	if err := a.Fit(hist); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Predict(at); err != nil {
		t.Fatalf("without a context: %v", err)
	}
	// the checks a whole search makes
	full := &countdown{Context: context.Background()}
	full.left.Store(1 << 30)
	a = NewAuto()
	a.SetContext(full)
	a.Fit(hist)
	if _, err := a.Predict(at); err != nil {
		t.Fatal(err)
	}
	if n := full.calls.Load(); n < int32(len(candidateNames(a.g))) {
		t.Fatalf("%d checks of the context for %d candidates", n, len(candidateNames(a.g)))
	}
	for _, left := range []int32{0, 3, full.calls.Load() - 2} {
		ctx := &countdown{Context: context.Background()}
		ctx.left.Store(left)
		a := NewAuto()
		a.SetContext(ctx)
		if err := a.Fit(hist); err != nil {
			t.Fatal(err)
		}
		_, err := a.Predict(at)
		if !errors.Is(err, diag.ErrInterrupted) || diag.ExitCode(err) != diag.ExitInterrupted {
			t.Errorf("done after %d checks: %v, want interrupted (exit 130)", left, err)
		}
	}
}
