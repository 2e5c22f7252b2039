package forecast

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// weeklyContacts is two years of weekly totals (one date-only record a
// week, dated Monday) of 7,000 contacts, the Black Friday week 14,000.
func weeklyContacts(from, to civil.Date) []importers.Contact {
	var cs []importers.Contact
	for d := from; !d.After(to); d = d.AddDays(7) {
		n := 7000
		if bf := BlackFriday(d.Year); !bf.Before(d) && bf.Sub(d) < 7 {
			n = 14000
		}
		cs = append(cs, importers.Contact{Created: d.Midnight(time.UTC), CreatedDateOnly: true, Channel: "email", IssueType: "all",
			Count: n, Source: importers.Source{File: "weekly.csv"}})
	}
	return cs
}

// TestWeeklyHistory: a weekly report imported as contacts is spread over
// the days of each week by the week shape, not read as one busy day and
// six empty ones; the season's weeks come back at last year's aligned
// totals (Black Friday week 2025 at the 2024 one), with a warning.
func TestWeeklyHistory(t *testing.T) {
	cs := weeklyContacts(civil.MustDate("2023-10-02"), civil.MustDate("2025-10-27"))
	h, _, err := NewHistory(cs, time.UTC, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	bf, _ := EventByName("black-friday")
	season := Range{civil.MustDate("2025-11-17"), civil.MustDate("2025-12-07")}
	res, err := Forecast(h, Config{Season: season, Events: []Event{bf}, Growth: 1})
	if err != nil {
		t.Fatal(err)
	}
	weekTotals := map[civil.Date]float64{}
	for _, d := range res.Days {
		monday := d.Date.AddDays(-((int(d.Date.Weekday()) + 6) % 7))
		weekTotals[monday] += d.Band.P50
	}
	for _, tt := range []struct {
		week string
		want float64
	}{{"2025-11-17", 7000}, {"2025-11-24", 14000}, {"2025-12-01", 7000}} {
		if got := weekTotals[civil.MustDate(tt.week)]; math.Abs(got-tt.want) > 1e-6*tt.want {
			t.Errorf("week of %s: %.1f, want %.0f", tt.week, got, tt.want)
		}
	}
	// within a week, the retail shape: Monday above Sunday
	var mon, sun float64
	for _, d := range res.Days {
		switch d.Date {
		case civil.MustDate("2025-11-17"):
			mon = d.Band.P50
		case civil.MustDate("2025-11-23"):
			sun = d.Band.P50
		}
	}
	if want := 7000 * 1.2 / 6.85; math.Abs(mon-want) > 1e-6*want || sun >= mon {
		t.Errorf("Monday %.1f (want %.1f), Sunday %.1f", mon, want, sun)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w, "email: the history holds one count a week (weekly totals)")
	}
	if !found {
		t.Errorf("no weekly warning in %q", res.Warnings)
	}
	// the history given is not changed
	if v, _ := h.Daily(Key{"email", "all"}, civil.MustDate("2024-11-26")); v != 0 {
		t.Errorf("the caller's history was changed: %v on a Tuesday", v)
	}
}

func TestParseWeekShape(t *testing.T) {
	w, err := ParseWeekShape("2, 1,1,1,1,1,0")
	if err != nil || w.Weight[time.Monday] != 2 || w.Weight[time.Sunday] != 0 {
		t.Errorf("%+v, %v", w, err)
	}
	for _, bad := range []string{"1,2", "a,1,1,1,1,1,1", "0,0,0,0,0,0,0", "weekly", "-1,1,1,1,1,1,1"} {
		if _, err := ParseWeekShape(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if w, err := ParseWeekShape("retail"); err != nil || w.Name != "retail" {
		t.Errorf("retail: %+v %v", w, err)
	}
}
