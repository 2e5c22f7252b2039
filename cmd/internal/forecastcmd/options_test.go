package forecastcmd

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// parse runs the command's flag handling on argv and returns the options
// it would run with.
func parse(t *testing.T, argv ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdForecast(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return got, cmd.Execute()
}

func TestArgvToOptions(t *testing.T) {
	o, err := parse(t, "a.csv", "b.xlsx", "--season", "2026-11-20..2026-12-06", "--tz", "America/New_York",
		"--interval", "15m", "--by", "channel", "--quantile", "0.9", "--growth", "1.2", "--event", "black-friday",
		"--event-window", "2", "--out", "f.csv", "--force", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(o.Source.Files, "|") != "a.csv|b.xlsx" || o.Source.TZ != "America/New_York" {
		t.Errorf("source %+v", o.Source)
	}
	if o.season.String() != "2026-11-20..2026-12-06" || o.Interval != 15*time.Minute || o.byType || !o.byChan ||
		o.Quantile != 0.9 || o.Growth != 1.2 || o.EventWindow != 2 || o.Out != "f.csv" || !o.Force || !o.JSON {
		t.Errorf("options %+v", o)
	}
	if len(o.events) != 1 || o.events[0].Name != "black-friday" {
		t.Errorf("events %+v", o.events)
	}

	// without --event, the built-in events near the season; --by both
	o, err = parse(t, "a.csv", "--season", "2026-11-20..2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.events) == 0 || !o.byType || !o.byChan || o.Quantile != 0.5 || o.Interval != 30*time.Minute {
		t.Errorf("defaults: events %v by type %v channel %v quantile %v interval %v", o.events, o.byType, o.byChan, o.Quantile, o.Interval)
	}
}

// TestUsageErrors: the flags forecast checks are usage errors (exit 2)
// that name the flag.
func TestUsageErrors(t *testing.T) {
	season := []string{"a.csv", "--season", "2026-11-20..2026-12-06"}
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"a.csv"}, "--season START..END is required"},
		{[]string{"a.csv", "--season", "2026-12-06..2026-11-20"}, "--season"},
		{append(season, "--quantile", "1"), "--quantile 1"},
		{append(season, "--by", "agent"), `--by "agent"`},
		{append(season, "--out", "f.txt"), "--out f.txt: expected a .csv file"},
		{append(season, "--event", "none", "--event", "black-friday"), "--event none cannot be given with other events"},
		{append(season, "--orders-total", "1000"), "--orders-total needs --orders"},
		{append(season, "--date-order", "ymd"), "--date-order"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv...)
		if diag.ExitCode(err) != diag.ExitUsage || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v (exit %d), want a usage error saying %q", tt.argv, err, diag.ExitCode(err), tt.want)
		}
	}
}
