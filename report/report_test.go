package report

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	good := func() *Model {
		return &Model{Season: DateRange{day, day.AddDate(0, 0, 6)}, Interval: 30 * time.Minute,
			Agents: []Agent{{ID: "a", Shifts: []Shift{{Start: day.Add(8 * time.Hour), End: day.Add(16 * time.Hour),
				Breaks: []Break{{Start: day.Add(12 * time.Hour), End: day.Add(12*time.Hour + 30*time.Minute)}}}}}}}
	}
	tests := []struct {
		name   string
		change func(*Model)
		want   *ModelError
	}{
		{"ok", func(*Model) {}, nil},
		{"lang", func(m *Model) { m.Lang = "de" }, &ModelError{"Lang", `unknown language "de": expected en or zh`}},
		{"no season", func(m *Model) { m.Season = DateRange{} }, &ModelError{"Season", "start and end are required"}},
		{"season backwards", func(m *Model) { m.Season.End = day.AddDate(0, 0, -1) }, &ModelError{"Season", "ends (2026-11-22) before it starts (2026-11-23)"}},
		{"season too long", func(m *Model) { m.Season.End = day.AddDate(3, 0, 0) }, &ModelError{"Season", "longer than 732 days"}},
		{"interval", func(m *Model) { m.Interval = 0; m.Coverage = []CoverageInterval{{Start: day}} }, &ModelError{"Interval", "0s: expected between 1m and 24h"}},
		{"empty id", func(m *Model) { m.Agents[0].ID = "" }, &ModelError{"Agents[0]", "empty ID"}},
		{"duplicate id", func(m *Model) { m.Agents = append(m.Agents, Agent{ID: "a"}) }, &ModelError{"Agents[1]", `ID "a" already used by Agents[0]`}},
		{"shift backwards", func(m *Model) { m.Agents[0].Shifts[0].End = day }, &ModelError{"Agents[0].Shifts[0]", "ends at or before its start"}},
		{"shift too long", func(m *Model) { m.Agents[0].Shifts[0].End = day.Add(40 * time.Hour) }, &ModelError{"Agents[0].Shifts[0]", "longer than 24h"}},
		{"break outside", func(m *Model) { m.Agents[0].Shifts[0].Breaks[0].End = day.Add(17 * time.Hour) }, &ModelError{"Agents[0].Shifts[0].Breaks[0]", "outside its shift"}},
		{"break backwards", func(m *Model) { m.Agents[0].Shifts[0].Breaks[0].End = day }, &ModelError{"Agents[0].Shifts[0].Breaks[0]", "ends at or before its start"}},
		{"too many peaks", func(m *Model) { m.PeakDays = make([]time.Time, 32) }, &ModelError{"PeakDays", "32 days: at most 31 get a timeline"}},
		{"zero peak", func(m *Model) { m.PeakDays = []time.Time{{}} }, &ModelError{"PeakDays[0]", "zero date"}},
	}
	for _, tc := range tests {
		m := good()
		tc.change(m)
		err := m.Validate()
		if tc.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var me *ModelError
		if !errors.As(err, &me) || *me != *tc.want || !errors.Is(err, ErrInvalidModel) {
			t.Errorf("%s: got %#v, want %#v", tc.name, err, tc.want)
		}
	}
	if err := (*Model)(nil).Validate(); !errors.Is(err, ErrInvalidModel) {
		t.Errorf("nil model: %v", err)
	}
}

func TestLabelsComplete(t *testing.T) {
	for k, l := range labels {
		if l[0] == "" || l[1] == "" {
			t.Errorf("label %q lacks a language: %q", k, l)
		}
		if strings.HasPrefix(k, "sheet.") {
			for _, name := range l {
				if len([]rune(name)) > 31-7 || strings.ContainsAny(name, `:\/?*[]`) {
					t.Errorf("sheet name %q cannot take a date suffix", name)
				}
			}
		}
	}
	if T("zh", "sheet.roster") != "排班表" || T("en", "sheet.roster") != "Roster" || T("", "sheet.roster") != "Roster" {
		t.Error("T picks the wrong language")
	}
	if T("en", "no.such.key") != "no.such.key" {
		t.Error("unknown keys should come back as themselves")
	}
}

func TestFormats(t *testing.T) {
	fri := time.Date(2026, 11, 27, 14, 5, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{FmtNum(1234567.891, 2), "1,234,567.89"},
		{FmtNum(-1234, 0), "-1,234"},
		{FmtNum(-0.0001, 1), "0.0"},
		{FmtNum(999, 0), "999"},
		{FmtNum(1000, 0), "1,000"},
		{FmtPct(0.8126), "81.3%"},
		{FmtPct(math.Inf(1)), "–"},
		{FmtDay("en", fri), "Fri 27 Nov"},
		{FmtDay("zh", fri), "11月27日 周五"},
		{FmtDate("en", fri), "Fri 27 Nov 2026"},
		{FmtDate("zh", fri), "2026年11月27日 周五"},
		{FmtDateTime("en", fri), "27 Nov 2026 14:05"},
		{FmtDateTime("zh", fri), "2026年11月27日 14:05"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: %q, want %q", i, tc.got, tc.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnew\nline", "tab\tnew\nline"},
		{"nul\x00bell\x07", "nulbell"},
		{"bad\xffutf8", "badutf8"},
		{"keep \uFFFD", "keep \uFFFD"},
		{"no \uFFFE", "no "},
		{"王小明", "王小明"},
	}
	for _, tc := range tests {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

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

// TestRoundHalfAway: every output rounds halves away from zero, as the
// workbook's cells do (tester C, finding 12: 8.25 agent-hours read 8.3 in
// one place and 8.2 in another).
func TestRoundHalfAway(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want string
	}{
		{8.25, 1, "8.3"},
		{8.35, 1, "8.4"}, // binary 8.3499999…: the decimal 8.35 is what counts
		{2402.5, 0, "2,403"},
		{61496.5, 0, "61,497"},
		{2666.5, 0, "2,667"},
		{-8.25, 1, "-8.3"},
		{-0.04, 1, "0.0"},
		{-0.05, 1, "-0.1"},
		{1.005, 2, "1.01"},
		{0.125, 2, "0.13"},
		{99.95, 1, "100.0"},
		{999.5, 0, "1,000"},
		{0.5, 0, "1"},
		{7, 2, "7.00"},
		{1234567.891, 2, "1,234,567.89"},
	}
	for _, tc := range tests {
		if got := FmtNum(tc.v, tc.dec); got != tc.want {
			t.Errorf("FmtNum(%v, %d) = %q, want %q", tc.v, tc.dec, got, tc.want)
		}
	}
	if got := FmtPct(0.8125); got != "81.3%" {
		t.Errorf("FmtPct(0.8125) = %q, want 81.3%%", got)
	}
	if got := FmtFixed(4.125, 2); got != "4.13" {
		t.Errorf("FmtFixed(4.125, 2) = %q, want 4.13", got)
	}
}
