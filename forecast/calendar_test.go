package forecast

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// retailDays is two years of a daily series with a weekly pattern,
// Poisson-like noise, Black Friday at 3x and Cyber Monday at 2.5x, and
// Christmas closed (absent); weekly sums it over Monday weeks.
func retailDays(seed uint64) (daily, weekly []models.Point) {
	rng := rand.New(rand.NewPCG(seed, 3))
	week := [7]float64{0.6, 1.15, 1.05, 1, 1, 0.95, 0.7}
	start := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	var wsum float64
	for d := start; d.Year() < 2025; d = d.AddDate(0, 0, 1) {
		date := civil.DateOf(d)
		mu := 500 * week[d.Weekday()]
		switch date {
		case BlackFriday(d.Year()):
			mu *= 3
		case CyberMonday(d.Year()):
			mu *= 2.5
		}
		v := math.Max(0, math.Round(mu+math.Sqrt(mu)*rng.NormFloat64()))
		if d.Month() == time.December && d.Day() == 25 {
			v = 0
		} else {
			daily = append(daily, models.Point{T: d, V: v})
		}
		wsum += v
		if d.Weekday() == time.Sunday {
			weekly = append(weekly, models.Point{T: d.AddDate(0, 0, -6), V: wsum})
			wsum = 0
		}
	}
	return daily, weekly
}

func eventNames(es []Event) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

func TestSeenEvents(t *testing.T) {
	daily, weekly := retailDays(1)
	got := eventNames(SeenEvents(daily, BuiltinEvents))
	for _, want := range []string{"black-friday", "cyber-monday", "christmas"} {
		if !slices.Contains(got, want) {
			t.Errorf("daily: %v lacks %s", got, want)
		}
	}
	for _, not := range []string{"double-11", "618", "double-12", "chinese-new-year"} {
		if slices.Contains(got, not) {
			t.Errorf("daily: %v has %s, which the series does not show", got, not)
		}
	}
	got = eventNames(SeenEvents(weekly, BuiltinEvents))
	if !slices.Contains(got, "black-friday") || slices.Contains(got, "double-11") || slices.Contains(got, "618") {
		t.Errorf("weekly: %v, want black-friday's week seen and not double-11's or 618's", got)
	}
	// a December that climbs 4% a day to Christmas holds Double 12's
	// date, but no day of its own
	var ramp []models.Point
	rng := rand.New(rand.NewPCG(9, 9))
	for d := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC); d.Year() < 2025; d = d.AddDate(0, 0, 1) {
		mu := 5000.0
		if d.Month() == time.December && d.Day() < 25 {
			mu *= 1 + 0.04*float64(d.Day())
		}
		ramp = append(ramp, models.Point{T: d, V: math.Round(mu + math.Sqrt(mu)*rng.NormFloat64())})
	}
	if got := eventNames(SeenEvents(ramp, BuiltinEvents)); len(got) > 1 || len(got) == 1 && got[0] != "christmas" {
		t.Errorf("December ramp: %v, want at most christmas (the ramp ends on it)", got)
	}
	// weeks dated by their last day (Sunday) see the same events
	var sundays []models.Point
	for _, p := range weekly {
		sundays = append(sundays, models.Point{T: p.T.AddDate(0, 0, 6), V: p.V})
	}
	if got := eventNames(SeenEvents(sundays, BuiltinEvents)); !slices.Contains(got, "black-friday") || slices.Contains(got, "double-11") {
		t.Errorf("weekly, dated by Sundays: %v", got)
	}
	if got := SeenEvents(daily[:5], BuiltinEvents); got != nil {
		t.Errorf("5 days: %v, want none (too short to tell)", eventNames(got))
	}
}

// TestYearAgo: Black Friday 2024 (11-29) was 371 days after 2023's
// (11-24); the day before it follows it; a calm day goes 364 days back.
func TestYearAgo(t *testing.T) {
	bf, _ := EventByName("black-friday")
	f := YearAgo([]Event{bf}, 3)
	day := func(s string) time.Time { return civil.MustDate(s).Midnight(time.UTC) }
	for _, tt := range []struct{ in, want string }{
		{"2024-11-29", "2023-11-24"}, {"2024-11-28", "2023-11-23"}, {"2024-11-04", "2023-11-06"},
	} {
		if got := f(day(tt.in)); !got.Equal(day(tt.want)) {
			t.Errorf("YearAgo(%s) = %s, want %s", tt.in, got.Format(time.DateOnly), tt.want)
		}
	}
}
