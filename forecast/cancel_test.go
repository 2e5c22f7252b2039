package forecast

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// TestForecastInterrupted: a forecast whose context is done returns no
// result and an error of the interrupted class (exit 130), not the
// invalid-data class every other forecast error takes.
func TestForecastInterrupted(t *testing.T) {
	var cs []importers.Contact
	for d := civil.MustDate("2026-06-01"); !d.After(civil.MustDate("2026-10-31")); d = d.AddDays(1) {
		for i := 0; i < 20; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(time.UTC).Add(time.Duration(8*60+i*10) * time.Minute), Channel: "email", IssueType: "a", Count: 1, Source: importers.Source{File: "f"}})
		}
	}
	h, _, err := NewHistory(cs, time.UTC, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Season: Range{civil.MustDate("2026-11-20"), civil.MustDate("2026-11-30")}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := ForecastContext(ctx, h, cfg)
	if !errors.Is(err, diag.ErrInterrupted) || diag.ExitCode(err) != diag.ExitInterrupted || res != nil {
		t.Fatalf("cancelled: %v (exit %d), result %v; want interrupted, exit 130, no result", err, diag.ExitCode(err), res)
	}
	// the default baseline's search stops too, not falling back to the
	// weekday mean
	base := AutoBaselineContext(ctx)
	hist := h.dailyValues(h.Keys()[0])
	if _, _, err := base(hist, []civil.Date{civil.MustDate("2026-11-20")}); !errors.Is(err, diag.ErrInterrupted) {
		t.Errorf("the auto baseline with a cancelled context: %v, want interrupted", err)
	}
	if _, err := ForecastContext(context.Background(), h, cfg); err != nil {
		t.Fatalf("not cancelled: %v", err)
	}
}
