package report

import (
	"strings"
	"testing"
	"time"
)

// TestRepeated: in New York the hour 01:00-02:00 of 2026-11-01 happens
// twice (EDT, then EST); no other time of that day or of the spring
// change is repeated.
func TestRepeated(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC) // 01:30 EDT
	second := first.Add(time.Hour)                         // 01:30 EST
	for _, tc := range []struct {
		at   time.Time
		want bool
	}{
		{first, true}, {second, true},
		{time.Date(2026, 11, 1, 4, 45, 0, 0, time.UTC), false}, // 00:45 EDT
		{time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC), false},  // 02:00 EST
		{time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), false},   // 03:00 EDT, after the gap
		{time.Date(2026, 3, 8, 6, 30, 0, 0, time.UTC), false},  // 01:30 EST
	} {
		if got := Repeated(tc.at, ny); got != tc.want {
			t.Errorf("Repeated(%v) = %v, want %v", tc.at.In(ny), got, tc.want)
		}
	}
}

// TestRepeatedHourOutputs: a plan over the night the clocks go back shows
// the repeated hour's intervals with their UTC offset in the Coverage
// sheet and its shifts in the roster CSV.
func TestRepeatedHourOutputs(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, ny)
	m := &Model{Title: "dst", Season: DateRange{Start: day, End: day}, Loc: ny, Interval: 30 * time.Minute}
	for t0 := day; t0.Before(day.AddDate(0, 0, 1)); t0 = t0.Add(30 * time.Minute) {
		m.Coverage = append(m.Coverage, CoverageInterval{Start: t0, Required: 1, Scheduled: 1})
	}
	if len(m.Coverage) != 50 { // a 25-hour day
		t.Fatalf("%d intervals", len(m.Coverage))
	}
	start := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC) // 01:30 EDT
	m.Agents = []Agent{{ID: "a", Name: "A", Shifts: []Shift{{Start: start, End: start.Add(4 * time.Hour)}}}}
	f, _ := writeBook(t, m)
	rows, err := f.GetRows("Coverage")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][4] != "UTC offset" {
		t.Fatalf("header %q", rows[0])
	}
	var at0130 []string
	for _, r := range rows[1:] {
		if strings.HasSuffix(r[0], "01:30") {
			at0130 = append(at0130, r[4])
		}
	}
	if strings.Join(at0130, ",") != "-04:00,-05:00" {
		t.Errorf("01:30 rows carry offsets %q, want -04:00 then -05:00", at0130)
	}
	v, err := NewView(m)
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	if err := v.writeRosterCSV(&csv); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), "2026-11-01 01:30 (-04:00),2026-11-01 04:30,") {
		t.Errorf("roster CSV:\n%s", csv.String())
	}
}
