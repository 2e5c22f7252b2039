package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// writeHistoryPlan writes a plan whose history entries are given.
func writeHistoryPlan(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"explore.csv", "log.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(path, []byte("season: {start: 2026-11-20, end: 2026-12-06, time_zone: Europe/Berlin}\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The plan controls of issue 12: history_end, events: none, a channel on
// a detected format, a map of settings alone, the shape of the day.
func TestPlanControls(t *testing.T) {
	p, err := LoadPlan(writeHistoryPlan(t, `history:
  - file: explore.csv
    format: zendesk-explore
    channel: phone
  - file: log.csv
    map: {default_channel: chat, date_order: swapped}
history_end: 2025-10-31
forecast:
  events: none
  intraday: retail
`))
	if err != nil {
		t.Fatal(err)
	}
	if h := p.History[0]; h.DefaultChannel != importers.ChannelPhone || h.Spec != nil {
		t.Errorf("entry 1: %+v", h)
	}
	if h := p.History[1]; h.DefaultChannel != importers.ChannelChat || h.DateOrder != dates.Swapped || h.Spec != nil {
		t.Errorf("entry 2: %+v", h)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if want := time.Date(2025, 11, 1, 0, 0, 0, 0, berlin); !p.HistoryEndAt.Equal(want) {
		t.Errorf("history end %v, want %v", p.HistoryEndAt, want)
	}
	if !p.Forecast.Events.None() || p.Forecast.IntradayProfile == nil || p.Forecast.IntradayProfile.Name != "retail" {
		t.Errorf("forecast %+v", p.Forecast)
	}
	// events absent: the built-in ones; a list: those
	p, err = LoadPlan(writeHistoryPlan(t, "history:\n  - file: log.csv\nforecast:\n  events: [black-friday]\n"))
	if err != nil || p.Forecast.Events.None() || len(p.Forecast.Events) != 1 {
		t.Errorf("events list: %v %+v", err, p.Forecast.Events)
	}
}

// Bad history entries are invalid plan data (exit 3) naming the line.
func TestPlanHistoryErrors(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"history:\n  - file: log.csv\n    map: {default_channel: phone, type: Reason}\n", `plan.yaml:4:5: history[0].map: name the created column`},
		{"history:\n  - file: log.csv\n    map: {colour: Reason, created: Date}\n", `map: unknown field "colour"`},
		{"history:\n  - file: log.csv\n    channel: pigeon\n", `channel: unknown channel "pigeon"`},
		{"history:\n  - file: log.csv\n    format: halp\n    map: {created: Date}\n", "format and a map of columns exclude each other"},
		{"history:\n  - file: log.csv\nhistory_end: 31/10/2025\n", `history_end: "31/10/2025": expected a day YYYY-MM-DD`},
		{"history:\n  - file: log.csv\nforecast: {intraday: evening}\n", `forecast.intraday: "evening": expected retail, flat, or a file of hour,share`},
	} {
		_, err := LoadPlan(writeHistoryPlan(t, tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) || diag.ExitCode(err) != diag.ExitInvalidData {
			t.Errorf("%q: error %v, want %q (invalid plan)", tt.body, err, tt.want)
		}
	}
}
