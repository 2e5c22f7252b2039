package forecast

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// dateOnlyHistory is 10 contacts a day, dates without times, for the eight
// weeks before the season.
func dateOnlyHistory(t *testing.T) *History {
	t.Helper()
	var cs []importers.Contact
	for d := civil.MustDate("2025-09-01"); !d.After(civil.MustDate("2025-11-19")); d = d.AddDays(1) {
		cs = append(cs, importers.Contact{Created: d.Midnight(time.UTC), CreatedDateOnly: true, Channel: "email", IssueType: "a", Count: 10, Source: importers.Source{File: "f"}})
	}
	h, _, err := NewHistory(cs, time.UTC, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// A history without times of day is spread evenly unless a shape of the
// day is given, and a warning names what was used either way.
func TestIntradayForDateOnlyHistory(t *testing.T) {
	h := dateOnlyHistory(t)
	season := Range{civil.MustDate("2025-11-20"), civil.MustDate("2025-11-21")}
	flat, err := Forecast(h, Config{Season: season, Events: []Event{}})
	if err != nil {
		t.Fatal(err)
	}
	want := "email: the history has dates without times of day: each day is spread evenly over its 24 hours, night hours included; give the shape of the day with --intraday (retail, or a file of hour,share)"
	if !containsString(flat.Warnings, want) {
		t.Errorf("warnings %q, want %q", flat.Warnings, want)
	}
	retail, err := IntradayByName("retail")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Forecast(h, Config{Season: season, Events: []Event{}, Intraday: retail, IntradayHint: "forecast.intraday"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `email: the history has dates without times of day: each day is spread with the intraday profile "retail"`; !containsString(res.Warnings, want) {
		t.Errorf("warnings %q, want %q", res.Warnings, want)
	}
	// the first day's hours follow retailHours
	var day []float64
	for _, s := range res.Slots {
		if civil.DateOf(s.Start) == season.Start {
			day = append(day, s.Band.P50)
		}
	}
	total := 0.0
	for _, v := range day {
		total += v
	}
	var sumHours float64
	for _, v := range retailHours {
		sumHours += v
	}
	for hr, v := range day {
		if want := total * retailHours[hr] / sumHours; math.Abs(v-want) > 1e-9*total {
			t.Errorf("hour %d: %v contacts, want %v", hr, v, want)
		}
	}
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// A file of hour,share as a spreadsheet saves it: semicolons, times as
// 09:00, percentages with a decimal comma.
func TestReadIntraday(t *testing.T) {
	path := filepath.Join(t.TempDir(), "day.csv")
	var b strings.Builder
	b.WriteString("Hora;Share\n")
	for hr := 8; hr < 20; hr++ {
		b.WriteString(time.Date(0, 1, 1, hr, 0, 0, 0, time.UTC).Format("15:04") + ";8,5\n")
	}
	b.WriteString("20:00;0\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := ReadIntraday(path)
	if err != nil {
		t.Fatal(err)
	}
	at := func(hr int) float64 { return in.weight(time.Date(2025, 1, 1, hr, 0, 0, 0, time.UTC), time.Hour) }
	if math.Abs(at(8)-1.0/12) > 1e-12 || at(7) != 0 || at(20) != 0 {
		t.Errorf("weights 7h %v 8h %v 20h %v", at(7), at(8), at(20))
	}
	if err := os.WriteFile(path, []byte("hour,share\n9,1\n9,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadIntraday(path); err == nil || !strings.Contains(err.Error(), "09:00 appears twice (first on line 2)") {
		t.Errorf("duplicate hour: %v", err)
	}
}

// A curve of a thousand bad rows lists the first diag.DefaultMax of them
// and says that it stopped, rather than a thousand lines of messages; the
// error still is ErrBadIntraday.
func TestReadIntradayCapsItsErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "day.csv")
	var b strings.Builder
	b.WriteString("hour,share\n9,1\n")
	for i := 0; i < 1000; i++ {
		b.WriteString("9,1\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadIntraday(path)
	if !errors.Is(err, ErrBadIntraday) {
		t.Fatalf("err = %v, want ErrBadIntraday", err)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != diag.DefaultMax+1 || !strings.Contains(lines[0], ":3:1: ") ||
		lines[len(lines)-1] != fmt.Sprintf("(stopped after %d errors)", diag.DefaultMax) {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
