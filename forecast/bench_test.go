package forecast

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// BenchmarkForecast24Series is the issue's yardstick: two years of
// 15-minute history for 8 issue types x 3 channels, forecast for a 30-day
// season (binning included).
func BenchmarkForecast24Series(b *testing.B) {
	loc := mustLoc(b, "America/New_York")
	s := synthetic{loc: loc, base: 40, growth: 1.15, start: civil.MustDate("2024-01-01")}
	r := rand.New(rand.NewPCG(7, 7))
	var cs []importers.Contact
	base := s.contacts(r, civil.MustDate("2024-01-01"), civil.MustDate("2025-12-31"))
	for i, c := range base {
		for _, ch := range []importers.Channel{"phone", "chat", "email"} {
			c.Channel = ch
			c.IssueType = fmt.Sprintf("type-%d", i%8)
			cs = append(cs, c)
		}
	}
	season := Range{civil.MustDate("2026-11-10"), civil.MustDate("2026-12-09")}
	events := []Event{{Name: "black-friday", On: func(y int) (civil.Date, bool) { return BlackFriday(y), true }}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h, _, err := NewHistory(cs, loc, 15*time.Minute)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Forecast(h, Config{Season: season, Events: events})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Keys) != 24 {
			b.Fatalf("%d series", len(res.Keys))
		}
	}
	b.ReportMetric(float64(len(cs)), "contacts")
}
