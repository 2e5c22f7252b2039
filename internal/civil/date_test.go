package civil

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  string
	}{
		{"2026-11-27", Date{2026, time.November, 27}, ""},
		{" 2024-02-29 ", Date{2024, time.February, 29}, ""},
		{"0001-01-01", Date{1, time.January, 1}, ""},
		{"9999-12-31", Date{9999, time.December, 31}, ""},
		{"2025-02-29", Date{}, `date "2025-02-29": want YYYY-MM-DD`},
		{"2025-13-01", Date{}, `date "2025-13-01": want YYYY-MM-DD`},
		{"2025-1-01", Date{}, `date "2025-1-01": want YYYY-MM-DD`},
		{"2025/01/01", Date{}, `date "2025/01/01": want YYYY-MM-DD`},
		{"01.01.2025", Date{}, `date "01.01.2025": want YYYY-MM-DD`},
		{"2025-01-01T00:00:00Z", Date{}, `date "2025-01-01T00:00:00Z": want YYYY-MM-DD`},
		{"", Date{}, `date "": want YYYY-MM-DD`},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseDate(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestMustDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate(\"2025-02-30\") did not panic")
		}
	}()
	MustDate("2025-02-30")
}

func TestDateArithmetic(t *testing.T) {
	d := MustDate("2024-02-28")
	tests := []struct {
		n    int
		want string
	}{
		{0, "2024-02-28"}, {1, "2024-02-29"}, {2, "2024-03-01"}, {-59, "2023-12-31"}, {366, "2025-02-28"},
	}
	for _, tt := range tests {
		got := d.AddDays(tt.n)
		if got.String() != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %s", d, tt.n, got, tt.want)
		}
		if back := got.Sub(d); back != tt.n {
			t.Errorf("%v.Sub(%v) = %d, want %d", got, d, back, tt.n)
		}
	}
	a, b := MustDate("2025-03-30"), MustDate("2025-03-31")
	if !a.Before(b) || a.After(b) || !b.After(a) || b.Before(a) || a.Before(a) || a.After(a) {
		t.Errorf("Before/After of %v and %v are wrong", a, b)
	}
	// Weekdays by hand: 2026-11-27 is Black Friday, 2000-01-01 a Saturday.
	for s, w := range map[string]time.Weekday{"2026-11-27": time.Friday, "2000-01-01": time.Saturday, "2024-02-29": time.Thursday} {
		if got := MustDate(s).Weekday(); got != w {
			t.Errorf("%s.Weekday() = %v, want %v", s, got, w)
		}
	}
}

func TestDateZeroAndText(t *testing.T) {
	if !(Date{}).IsZero() || MustDate("2025-01-01").IsZero() {
		t.Error("IsZero is wrong")
	}
	if s := (Date{7, time.March, 5}).String(); s != "0007-03-05" {
		t.Errorf("String = %q", s)
	}
	b, err := json.Marshal(map[string]Date{"d": MustDate("2025-12-25")})
	if err != nil || string(b) != `{"d":"2025-12-25"}` {
		t.Errorf("json = %s, %v", b, err)
	}
}

func TestDateAt(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	d := MustDate("2025-03-09") // DST starts at 02:00
	tests := []struct {
		c    Clock
		want string
	}{
		{0, "2025-03-09T00:00:00-05:00"},
		{8 * 60, "2025-03-09T08:00:00-04:00"},
		{EndOfDay, "2025-03-10T00:00:00-04:00"},
		{EndOfDay + 6*60, "2025-03-10T06:00:00-04:00"},
	}
	for _, tt := range tests {
		if got := d.At(tt.c, ny).Format(time.RFC3339); got != tt.want {
			t.Errorf("At(%v) = %s, want %s", tt.c, got, tt.want)
		}
	}
	if !d.Midnight(ny).Equal(d.At(0, ny)) {
		t.Error("Midnight is not At(0)")
	}
	if got := DateOf(time.Date(2025, 12, 31, 23, 30, 0, 0, ny)); got != MustDate("2025-12-31") {
		t.Errorf("DateOf = %v", got)
	}
}
