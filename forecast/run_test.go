package forecast

import (
	"context"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// runHistory is 35 chat contacts a day of issue type order and 5 email
// contacts of type refund, October to December 2025.
func runHistory() []importers.Contact {
	var cs []importers.Contact
	for d := civil.MustDate("2025-10-01"); !d.After(civil.MustDate("2025-12-31")); d = d.AddDays(1) {
		for i := 0; i < 35; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(time.UTC).Add(time.Duration(9*60+i) * time.Minute), Channel: "chat", IssueType: "order", Count: 1, Source: importers.Source{File: "f"}})
		}
		for i := 0; i < 5; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(time.UTC).Add(time.Duration(10*60+i) * time.Minute), Channel: "email", IssueType: "refund", Count: 1, Source: importers.Source{File: "f"}})
		}
	}
	return cs
}

// TestRunSeries: the series are cut by issue type, channel, both or
// neither, and the contacts of a day add up whatever the cut.
func TestRunSeries(t *testing.T) {
	season := Range{civil.MustDate("2026-11-02"), civil.MustDate("2026-11-08")}
	for _, tt := range []struct {
		byType, byChan bool
		keys           []string
	}{
		{true, true, []string{"chat/order", "email/refund"}},
		{true, false, []string{"all/order", "all/refund"}},
		{false, true, []string{"chat/all", "email/all"}},
		{false, false, []string{"all/all"}},
	} {
		cs := runHistory()
		res, err := Run(context.Background(), RunOptions{Contacts: slices.Values(ptrs(cs)), Location: time.UTC, Interval: time.Hour,
			ByIssueType: tt.byType, ByChannel: tt.byChan, Config: Config{Season: season, Growth: 1}})
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, k := range res.Keys {
			keys = append(keys, k.Channel+"/"+k.IssueType)
		}
		if !slices.Equal(keys, tt.keys) {
			t.Errorf("by type %v, by channel %v: series %q, want %q", tt.byType, tt.byChan, keys, tt.keys)
		}
		total := 0.0
		for _, d := range res.Days {
			total += d.Band.P50
		}
		if math.Abs(total-7*40) > 7*40*0.05 {
			t.Errorf("by type %v, by channel %v: %.1f contacts over the week, want about 280", tt.byType, tt.byChan, total)
		}
	}
}

func ptrs(cs []importers.Contact) []*importers.Contact {
	out := make([]*importers.Contact, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	return out
}

// TestRunOrders: an orders file drives the forecast by its contact
// ratio; its warnings and a file without the season's orders are told.
func TestRunOrders(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("date,orders\n")
	for d := civil.MustDate("2025-10-01"); !d.After(civil.MustDate("2025-12-31")); d = d.AddDays(1) {
		b.WriteString(d.String() + ",100\n")
	}
	past := filepath.Join(dir, "past.csv")
	os.WriteFile(past, []byte(b.String()), 0o644)
	season := Range{civil.MustDate("2026-11-02"), civil.MustDate("2026-11-08")}
	for d := season.Start; !d.After(season.End); d = d.AddDays(1) {
		b.WriteString(d.String() + ",1000\n")
	}
	both := filepath.Join(dir, "both.csv")
	os.WriteFile(both, []byte(b.String()), 0o644)

	cs := runHistory()
	var warnings []string
	res, err := Run(context.Background(), RunOptions{Contacts: slices.Values(ptrs(cs)), Location: time.UTC, Interval: time.Hour, ByIssueType: true, ByChannel: true,
		Config: Config{Season: season, Growth: 1}, OrdersFile: both, Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 || len(res.Ratios) != 2 {
		t.Fatalf("warnings %q, ratios %+v", warnings, res.Ratios)
	}
	for _, d := range res.Days {
		if want := map[string]float64{"chat": 350, "email": 50}[string(d.Key.Channel)]; d.Method != "ratio" || math.Abs(d.Band.P50-want) > 1e-6 {
			t.Fatalf("%s %s: %s %.2f, want ratio %v", d.Key, d.Date, d.Method, d.Band.P50, want)
		}
	}
	o, err := SeasonOrders(past, OrdersOptions{}, season, 0, func(m string) { warnings = append(warnings, m) })
	if err != nil || len(o.History) != 92 || o.HasForecast() || len(warnings) != 1 || !strings.HasPrefix(warnings[0], past+" has no orders for the season's days") {
		t.Errorf("a past-only file: %v, %d days, warnings %q", err, len(o.History), warnings)
	}
	o, err = SeasonOrders(both, OrdersOptions{}, season, 5000, func(string) {})
	if err != nil || len(o.History) != 92 || len(o.Forecast) != 0 || o.Total != 5000 {
		t.Errorf("with a total, the season's orders are not read: %v, %v", err, slices.Collect(maps.Keys(o.Forecast)))
	}
}

// TestRunErrors: no contacts and a bad orders file are invalid data.
func TestRunErrors(t *testing.T) {
	season := Range{civil.MustDate("2026-11-02"), civil.MustDate("2026-11-08")}
	_, err := Run(context.Background(), RunOptions{Contacts: slices.Values([]*importers.Contact(nil)), Interval: time.Hour, Config: Config{Season: season}})
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("no contacts: exit %d, %v", diag.ExitCode(err), err)
	}
	bad := filepath.Join(t.TempDir(), "orders.csv")
	os.WriteFile(bad, []byte("date,orders\n2025-10-01,many\n"), 0o644)
	cs := runHistory()
	_, err = Run(context.Background(), RunOptions{Contacts: slices.Values(ptrs(cs)), Interval: time.Hour, Config: Config{Season: season}, OrdersFile: bad})
	if diag.ExitCode(err) != diag.ExitInvalidData || !strings.Contains(err.Error(), "orders.csv:2") {
		t.Errorf("a bad orders file: exit %d, %v", diag.ExitCode(err), err)
	}
}
