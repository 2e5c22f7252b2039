package forecast

import (
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Black Friday dates from timeanddate.com's US holiday calendar (the day
// after Thanksgiving, the fourth Thursday of November).
var blackFridays = map[int]string{
	2015: "2015-11-27", 2016: "2016-11-25", 2017: "2017-11-24", 2018: "2018-11-23", 2019: "2019-11-29",
	2020: "2020-11-27", 2021: "2021-11-26", 2022: "2022-11-25", 2023: "2023-11-24", 2024: "2024-11-29",
	2025: "2025-11-28", 2026: "2026-11-27", 2027: "2027-11-26", 2028: "2028-11-24", 2029: "2029-11-23",
	2030: "2030-11-29", 2031: "2031-11-28", 2032: "2032-11-26", 2033: "2033-11-25", 2034: "2034-11-24",
	2035: "2035-11-23",
}

func TestBlackFridayAndCyberMonday(t *testing.T) {
	for y := 2015; y <= 2035; y++ {
		bf := BlackFriday(y)
		if bf.String() != blackFridays[y] {
			t.Errorf("BlackFriday(%d) = %s, want %s", y, bf, blackFridays[y])
		}
		if bf.Weekday() != time.Friday {
			t.Errorf("BlackFriday(%d) is a %s", y, bf.Weekday())
		}
		cm := CyberMonday(y)
		if cm.Weekday() != time.Monday || cm.Sub(bf) != 3 {
			t.Errorf("CyberMonday(%d) = %s (%s)", y, cm, cm.Weekday())
		}
	}
}

func TestChineseNewYearTable(t *testing.T) {
	for y := 2010; y <= 2035; y++ {
		d, ok := ChineseNewYear(y)
		if !ok {
			t.Fatalf("no Chinese New Year for %d", y)
		}
		// the lunar new year always falls between January 21 and February 20
		lo, hi := civil.Date{Year: y, Month: time.January, Day: 21}, civil.Date{Year: y, Month: time.February, Day: 20}
		if d.Before(lo) || d.After(hi) {
			t.Errorf("ChineseNewYear(%d) = %s, outside Jan 21..Feb 20", y, d)
		}
	}
	if _, ok := ChineseNewYear(2050); ok {
		t.Error("2050 should be unknown, not invented")
	}
}

func TestAlign(t *testing.T) {
	events := []Event{mustEvent(t, "black-friday"), mustEvent(t, "double-11")}
	r := Range{civil.MustDate("2026-11-01"), civil.MustDate("2026-12-31")}
	got := map[string]Alignment{}
	for _, a := range Align(r, events, 10) {
		got[a.Target.String()] = a
	}
	cases := []struct {
		target, source, event string
		offset                int
	}{
		{"2026-11-11", "2025-11-11", "double-11", 0}, // same date, different weekday
		{"2026-11-12", "2025-11-12", "double-11", 1},
		{"2026-11-27", "2025-11-28", "black-friday", 0},
		{"2026-11-30", "2025-12-01", "black-friday", 3},  // Cyber Monday follows Black Friday
		{"2026-11-19", "2025-11-20", "black-friday", -8}, // as near Double 11 (+8) as Black Friday (-8): the coming one wins
		{"2026-12-20", "2025-12-21", "", 0},              // 364-day lag keeps the weekday
	}
	for _, c := range cases {
		a := got[c.target]
		if a.Source.String() != c.source || a.Event != c.event || (c.event != "" && a.Offset != c.offset) {
			t.Errorf("%s: aligned with %s (%s%+d), want %s (%s%+d)", c.target, a.Source, a.Event, a.Offset, c.source, c.event, c.offset)
		}
	}
	for _, a := range got {
		if a.Event == "" && a.Source.Weekday() != a.Target.Weekday() {
			t.Errorf("%s: lag day %s has another weekday", a.Target, a.Source)
		}
	}
}

func TestParseEvent(t *testing.T) {
	for _, s := range []string{"bfcm", "11.11", "双十一", "Christmas", "cny"} {
		if _, err := ParseEvent(s); err != nil {
			t.Errorf("ParseEvent(%q): %v", s, err)
		}
	}
	e, err := ParseEvent("anniversary=2025-09-09,2026-09-08")
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := e.On(2026); !ok || d.String() != "2026-09-08" {
		t.Errorf("custom event 2026 = %s %v", d, ok)
	}
	if _, ok := e.On(2024); ok {
		t.Error("custom event dated in 2024")
	}
	for _, s := range []string{"easter", "x=2025-13-01", "=2025-01-01"} {
		if _, err := ParseEvent(s); err == nil {
			t.Errorf("ParseEvent(%q) accepted", s)
		}
	}
}

func TestParseRange(t *testing.T) {
	r, err := ParseRange("2026-11-20..2026-12-06")
	if err != nil || r.Days() != 17 {
		t.Fatalf("got %v %v", r, err)
	}
	for _, s := range []string{"2026-11-20", "2026-12-06..2026-11-20", "a..b"} {
		if _, err := ParseRange(s); err == nil {
			t.Errorf("ParseRange(%q) accepted", s)
		}
	}
}

func mustEvent(t *testing.T, name string) Event {
	t.Helper()
	e, err := EventByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
