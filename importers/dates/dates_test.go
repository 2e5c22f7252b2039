package dates

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests must not depend on the machine's zoneinfo
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

var zones = map[string]string{"": "UTC", "UTC": "UTC", "NY": "America/New_York", "SH": "Asia/Shanghai", "SP": "America/Sao_Paulo"}

// The expected instants below were written by hand from the calendar (and
// Python's datetime for the epoch and serial numbers), not produced by this
// package.
func TestParse(t *testing.T) {
	tests := []struct {
		in       string
		zone     string // key of zones; "" = UTC
		order    Order
		serial   bool
		want     string // RFC 3339; "" when an error or pending is expected
		dateOnly bool
		pending  bool
		err      error
	}{
		// ISO and year-first
		{in: "2025-11-28", want: "2025-11-28T00:00:00Z", dateOnly: true},
		{in: "2025-11-28 14:05", want: "2025-11-28T14:05:00Z"},
		{in: "2025-11-28 14:05:09", want: "2025-11-28T14:05:09Z"},
		{in: "2025-11-28T14:05:09", want: "2025-11-28T14:05:09Z"},
		{in: "2025-11-28T14:05:09Z", want: "2025-11-28T14:05:09Z"},
		{in: "2025-11-28T14:05:09.000Z", want: "2025-11-28T14:05:09Z"},
		{in: "2025-11-28T14:05:09.123456Z", want: "2025-11-28T14:05:09.123456Z"},
		{in: "2025-11-28 14:05:09.5", want: "2025-11-28T14:05:09.5Z"},
		{in: "2025-11-28 14:05:09,25", want: "2025-11-28T14:05:09.25Z"},
		{in: "2025-11-28T14:05:09.1234567891Z", want: "2025-11-28T14:05:09.123456789Z"},
		{in: "2025-11-28T14:05:09+08:00", want: "2025-11-28T06:05:09Z"},
		{in: "2025-11-28T14:05:09+0800", want: "2025-11-28T06:05:09Z"},
		{in: "2025-11-28T14:05:09+08", want: "2025-11-28T06:05:09Z"},
		{in: "2025-11-28 14:05:09 +0800", want: "2025-11-28T06:05:09Z"},
		{in: "2025-11-28 14:05:09 -05:00", want: "2025-11-28T19:05:09Z"},
		{in: "2025-11-28T14:05:09.123-0330", want: "2025-11-28T17:35:09.123Z"},
		{in: "2025-11-28 14:05:09 UTC", want: "2025-11-28T14:05:09Z"},
		{in: "2025-11-28 14:05:09 GMT+8", want: "2025-11-28T06:05:09Z"},
		{in: "2025/11/28 14:05:09", want: "2025-11-28T14:05:09Z"},
		{in: "2025.11.28", want: "2025-11-28T00:00:00Z", dateOnly: true},
		{in: "2025/1/5", want: "2025-01-05T00:00:00Z", dateOnly: true},
		{in: "2025/11/28 4:51 PM", want: "2025-11-28T16:51:00Z"},
		{in: "2025/11/28 下午 4:51:00", want: "2025-11-28T16:51:00Z"},
		{in: "  2025-11-28 14:05 \t", want: "2025-11-28T14:05:00Z"},
		{in: "2024-02-29", want: "2024-02-29T00:00:00Z", dateOnly: true},
		{in: "1970-01-01 00:00", want: "1970-01-01T00:00:00Z"},
		{in: "2100-12-31 23:59:59", want: "2100-12-31T23:59:59Z"},
		{in: "2025-02-29", err: ErrBadDate},
		{in: "2025-11-31", err: ErrBadDate},
		{in: "2025-13-01", err: ErrBadDate},
		{in: "2025-00-10", err: ErrBadDate},
		{in: "2025-11-28 25:00", err: ErrBadDate},
		{in: "2025-11-28 24:00", err: ErrBadDate},
		{in: "2025-11-28 14:60", err: ErrBadDate},
		{in: "2025-11-28 14:05:60", err: ErrBadDate},
		{in: "2025-11-28 14:5", err: ErrBadDate},
		{in: "2025-11-28 14:05 CET", err: ErrBadDate},
		{in: "2025-11-28 14:05:09+25:00", err: ErrBadDate},
		{in: "2025-11-28T", err: ErrBadDate},
		{in: "2025-11-28X", err: ErrBadDate},
		{in: "2025-11/28", err: ErrBadDate},
		{in: "1969-12-31", err: ErrBadDate},
		{in: "2101-01-01", err: ErrBadDate},

		// numeric day/month
		{in: "3/1/2025", order: DayFirst, want: "2025-01-03T00:00:00Z", dateOnly: true},
		{in: "3/1/2025", order: MonthFirst, want: "2025-03-01T00:00:00Z", dateOnly: true},
		{in: "3/1/2025", pending: true},
		{in: "03-01-2025", order: DayFirst, want: "2025-01-03T00:00:00Z", dateOnly: true},
		{in: "13/05/2025", want: "2025-05-13T00:00:00Z", dateOnly: true},
		{in: "05/13/2025", want: "2025-05-13T00:00:00Z", dateOnly: true},
		{in: "05/05/2025", want: "2025-05-05T00:00:00Z", dateOnly: true},
		{in: "28.11.2025 14:05", want: "2025-11-28T14:05:00Z"},
		{in: "11/28/25 4:51 PM", want: "2025-11-28T16:51:00Z"},
		{in: "28/11/2025 14:05:09.250", want: "2025-11-28T14:05:09.25Z"},
		{in: "28/11/99", want: "1999-11-28T00:00:00Z", dateOnly: true},
		{in: "28/11/70", want: "1970-11-28T00:00:00Z", dateOnly: true},
		{in: "28/11/69", want: "2069-11-28T00:00:00Z", dateOnly: true},
		{in: "12/11/2025 12:00 AM", order: DayFirst, want: "2025-11-12T00:00:00Z"},
		{in: "12/11/2025 12:00 PM", order: DayFirst, want: "2025-11-12T12:00:00Z"},
		{in: "12/11/2025 1:05 a.m.", order: DayFirst, want: "2025-11-12T01:05:00Z"},
		{in: "12/11/2025 11:59 p. m.", order: DayFirst, want: "2025-11-12T23:59:00Z"},
		{in: "12/11/2025 11:59\u202fPM", order: DayFirst, want: "2025-11-12T23:59:00Z"},
		{in: "28/11/2025 上午 9:05", want: "2025-11-28T09:05:00Z"},
		{in: "28/11/2025 下午9:05", want: "2025-11-28T21:05:00Z"},
		{in: "12/11/2025 13:00 PM", order: DayFirst, err: ErrBadDate},
		{in: "12/11/2025 0:30 AM", order: DayFirst, err: ErrBadDate},
		{in: "31/02/2025", err: ErrBadDate},
		{in: "02/31/2025", err: ErrBadDate},
		{in: "31/31/2025", err: ErrBadDate},
		{in: "00/01/2025", err: ErrBadDate},
		{in: "13/05/2025", order: MonthFirst, err: ErrBadDate},
		{in: "05/13/2025", order: DayFirst, err: ErrBadDate},
		{in: "31/04/2025", order: DayFirst, err: ErrBadDate},
		{in: "28/11/025", err: ErrBadDate},
		{in: "28/11", err: ErrBadDate},
		{in: "28-11.2025", err: ErrBadDate},
		{in: "28/11/1969", err: ErrBadDate},
		{in: "3/1/2025 25:00", err: ErrBadDate},

		// Chinese
		{in: "2025年11月11日 00:00:05", want: "2025-11-11T00:00:05Z"},
		{in: "2025年11月11日", want: "2025-11-11T00:00:00Z", dateOnly: true},
		{in: "2025年1月5日 下午4:51", want: "2025-01-05T16:51:00Z"},
		{in: "2025年11月11日14:05", want: "2025-11-11T14:05:00Z"},
		{in: "11月11日", err: ErrBadDate},
		{in: "2025年13月1日", err: ErrBadDate},

		// month names
		{in: "10/Nov/25 4:51 PM", want: "2025-11-10T16:51:00Z"},
		{in: "10/nov/25 16:51", want: "2025-11-10T16:51:00Z"},
		{in: "06/nov/25 12:00 AM", want: "2025-11-06T00:00:00Z"},
		{in: "Nov 10, 2025 4:51 PM", want: "2025-11-10T16:51:00Z"},
		{in: "Nov. 10, 2025, 4:51 PM", want: "2025-11-10T16:51:00Z"},
		{in: "Nov 10, 2025 at 4:51 PM", want: "2025-11-10T16:51:00Z"},
		{in: "10 Nov 2025 16:51", want: "2025-11-10T16:51:00Z"},
		{in: "November 10, 2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "Nov 10th, 2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "Mon, 10 Nov 2025 16:51:00 +0000", want: "2025-11-10T16:51:00Z"},
		{in: "Mon, 10 Nov 2025 16:51:00 +0100", want: "2025-11-10T15:51:00Z"},
		{in: "Mon, 10 Nov 2025 16:51:00 GMT", want: "2025-11-10T16:51:00Z"},
		{in: "Tue Nov 10 16:51:00 2025", want: "2025-11-10T16:51:00Z"},
		{in: "Tue Nov 10 16:51:00 UTC 2025", want: "2025-11-10T16:51:00Z"},
		{in: "Monday, November 10, 2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "10-Nov-2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "10. November 2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "10 de noviembre de 2025 16:51", want: "2025-11-10T16:51:00Z"},
		{in: "10 de nov. de 2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "lun., 10 nov. 2025", want: "2025-11-10T00:00:00Z", dateOnly: true},
		{in: "Sept 5, 2025", want: "2025-09-05T00:00:00Z", dateOnly: true},
		{in: "sept. 5 2025", want: "2025-09-05T00:00:00Z", dateOnly: true},
		{in: "SEPT 5, 2025", want: "2025-09-05T00:00:00Z", dateOnly: true},
		{in: "15/ene/25", want: "2025-01-15T00:00:00Z", dateOnly: true},
		{in: "15/abr/25", want: "2025-04-15T00:00:00Z", dateOnly: true},
		{in: "15/ago/25", want: "2025-08-15T00:00:00Z", dateOnly: true},
		{in: "15/dic/25", want: "2025-12-15T00:00:00Z", dateOnly: true},
		{in: "15 enero 2025", want: "2025-01-15T00:00:00Z", dateOnly: true},
		{in: "15/fev/25", want: "2025-02-15T00:00:00Z", dateOnly: true},
		{in: "15/mai/25", want: "2025-05-15T00:00:00Z", dateOnly: true},
		{in: "15/set/25", want: "2025-09-15T00:00:00Z", dateOnly: true},
		{in: "15/out/25", want: "2025-10-15T00:00:00Z", dateOnly: true},
		{in: "15/dez/25", want: "2025-12-15T00:00:00Z", dateOnly: true},
		{in: "15. Mär 2025", want: "2025-03-15T00:00:00Z", dateOnly: true},
		{in: "15. Mrz. 2025", want: "2025-03-15T00:00:00Z", dateOnly: true},
		{in: "15. März 2025", want: "2025-03-15T00:00:00Z", dateOnly: true},
		{in: "15 Okt 2025", want: "2025-10-15T00:00:00Z", dateOnly: true},
		{in: "15. Dezember 2025", want: "2025-12-15T00:00:00Z", dateOnly: true},
		{in: "15 Januar 2025", want: "2025-01-15T00:00:00Z", dateOnly: true},
		{in: "15 janv. 2025", want: "2025-01-15T00:00:00Z", dateOnly: true},
		{in: "15 févr. 2025", want: "2025-02-15T00:00:00Z", dateOnly: true},
		{in: "15 mars 2025", want: "2025-03-15T00:00:00Z", dateOnly: true},
		{in: "15 avr. 2025", want: "2025-04-15T00:00:00Z", dateOnly: true},
		{in: "15 juin 2025", want: "2025-06-15T00:00:00Z", dateOnly: true},
		{in: "15 juil. 2025", want: "2025-07-15T00:00:00Z", dateOnly: true},
		{in: "15 août 2025", want: "2025-08-15T00:00:00Z", dateOnly: true},
		{in: "15 sept. 2025", want: "2025-09-15T00:00:00Z", dateOnly: true},
		{in: "15 DÉC. 2025", want: "2025-12-15T00:00:00Z", dateOnly: true},
		{in: "Nov 10", err: ErrBadDate},
		{in: "Foo 10, 2025", err: ErrBadDate},
		{in: "Nov 31, 2025", err: ErrBadDate},
		{in: "30/feb/25", err: ErrBadDate},
		{in: "10/Nov/25 4:51 XM", err: ErrBadDate},

		// epoch and serial
		{in: "1764338709", want: "2025-11-28T14:05:09Z"},
		{in: "1234567890", want: "2009-02-13T23:31:30Z"},
		{in: "1234567890123", want: "2009-02-13T23:31:30.123Z"},
		{in: "0946684799", err: ErrBadDate},
		{in: "9999999999", err: ErrBadDate},
		{in: "45658", err: ErrBadDate},
		{in: "45658.5", err: ErrBadDate},
		{in: "45658", serial: true, want: "2025-01-01T00:00:00Z", dateOnly: true},
		{in: "45989", serial: true, want: "2025-11-28T00:00:00Z", dateOnly: true},
		{in: "45658.5", serial: true, want: "2025-01-01T12:00:00Z"},
		{in: "45658.25", serial: true, want: "2025-01-01T06:00:00Z"},
		{in: "4.5658E4", serial: true, want: "2025-01-01T00:00:00Z", dateOnly: true},
		{in: "25569", serial: true, want: "1970-01-01T00:00:00Z", dateOnly: true},
		{in: "45658.5", zone: "NY", serial: true, want: "2025-01-01T12:00:00-05:00"},
		{in: "25568", serial: true, err: ErrBadDate},
		{in: "2958465", serial: true, err: ErrBadDate},
		{in: "0", serial: true, err: ErrBadDate},
		{in: "1e400", serial: true, err: ErrBadDate},

		// garbage
		{in: "", err: ErrBadDate},
		{in: "   ", err: ErrBadDate},
		{in: "yesterday", err: ErrBadDate},
		{in: "-", err: ErrBadDate},
		{in: "12345", err: ErrBadDate},
		{in: "2025", err: ErrBadDate},
		{in: "202511", err: ErrBadDate},

		// zones: wall times are local, offsets keep their instant
		{in: "2025-11-28 14:05:09", zone: "NY", want: "2025-11-28T14:05:09-05:00"},
		{in: "2025-07-01 10:00", zone: "NY", want: "2025-07-01T10:00:00-04:00"},
		{in: "2025-11-28T14:05:09Z", zone: "NY", want: "2025-11-28T14:05:09Z"},
		{in: "28/11/2025 14:05", zone: "NY", want: "2025-11-28T14:05:00-05:00"},
		{in: "1234567890", zone: "NY", want: "2009-02-13T23:31:30Z"},
		{in: "2025-03-09", zone: "NY", want: "2025-03-09T00:00:00-05:00", dateOnly: true},
		{in: "2025-03-09 01:59:59", zone: "NY", want: "2025-03-09T01:59:59-05:00"},
		{in: "2025-03-09 03:00", zone: "NY", want: "2025-03-09T03:00:00-04:00"},
		// DST gap: 02:30 does not exist; Go's time.Date takes the offset
		// before the gap... of the zone after it, giving 01:30 EST.
		{in: "2025-03-09 02:30", zone: "NY", want: "2025-03-09T01:30:00-05:00"},
		// DST overlap: 01:30 happens twice; Go takes the first (EDT).
		{in: "2025-11-02 01:30", zone: "NY", want: "2025-11-02T01:30:00-04:00"},
		{in: "2025-11-02 02:30", zone: "NY", want: "2025-11-02T02:30:00-05:00"},
		{in: "2025-11-11 00:00:05", zone: "SH", want: "2025-11-11T00:00:05+08:00"},
		{in: "2025年11月11日 00:00:05", zone: "SH", want: "2025-11-10T16:00:05Z"},
		{in: "2025-11-11T00:00:05Z", zone: "SH", want: "2025-11-11T00:00:05Z"},
		{in: "11/11/25 4:51 PM", zone: "SH", want: "2025-11-11T16:51:00+08:00"},
		// Shanghai kept DST from 1986 to 1991: 1988-04-17 02:00 jumped to 03:00.
		{in: "1988-07-01 12:00", zone: "SH", want: "1988-07-01T12:00:00+09:00"},
		{in: "1988-04-17 03:30", zone: "SH", want: "1988-04-17T03:30:00+09:00"},
		// São Paulo started DST at midnight: 2018-11-04 began at 01:00.
		{in: "2018-11-04", zone: "SP", want: "2018-11-04T01:00:00-02:00", dateOnly: true},
		{in: "2018-11-05", zone: "SP", want: "2018-11-05T00:00:00-02:00", dateOnly: true},
	}
	for _, tt := range tests {
		name := tt.in + "/" + zones[tt.zone] + "/" + tt.order.String()
		t.Run(name, func(t *testing.T) {
			loc := mustLoad(t, zones[tt.zone])
			c := NewColumn(Options{Location: loc, Order: tt.order, Serial: tt.serial})
			got, err := c.Parse(7, tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Parse(%q) = %v, %v; want error %v", tt.in, got, err, tt.err)
				}
				var ve *ValueError
				if !errors.As(err, &ve) || ve.Expected == "" || ve.Value != strings.TrimSpace(tt.in) {
					t.Errorf("error %#v is not a ValueError naming the value and what was expected", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got.Pending != tt.pending {
				t.Fatalf("Parse(%q).Pending = %v, want %v", tt.in, got.Pending, tt.pending)
			}
			if tt.pending {
				if !got.Time.IsZero() {
					t.Errorf("pending value has a time %v", got.Time)
				}
				return
			}
			want, err := time.Parse(time.RFC3339Nano, tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Time.Equal(want) {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got.Time.Format(time.RFC3339Nano), tt.want)
			}
			if got.Time.Location() != loc && !(loc == time.UTC && got.Time.Location() == time.UTC) {
				t.Errorf("Parse(%q) location %v, want %v", tt.in, got.Time.Location(), loc)
			}
			if _, off := got.Time.Zone(); !strings.HasSuffix(tt.want, "Z") {
				if _, woff := want.Zone(); off != woff {
					t.Errorf("Parse(%q) offset %d, want %d", tt.in, off, woff)
				}
			}
			if got.DateOnly != tt.dateOnly {
				t.Errorf("Parse(%q).DateOnly = %v, want %v", tt.in, got.DateOnly, tt.dateOnly)
			}
		})
	}
}

func TestValueErrorText(t *testing.T) {
	tests := []struct {
		in     string
		serial bool
		want   string
	}{
		{"yesterday", false, `"yesterday": not a date (expected a date such as 2025-11-28 14:05, 28/11/2025 or Nov 28, 2025)`},
		{"yesterday", true, `"yesterday": not a date (expected a date such as 2025-11-28 14:05, 28/11/2025 or an Excel serial)`},
		{"31/31/2025", false, `"31/31/2025": not a date (expected a day and a month, but neither 31 nor 31 is a month)`},
		{"31/02/2025", false, `"31/02/2025": not a date (expected a day that exists (February 2025 has 28 days))`},
		{"2025-11-28 25:00", false, `"2025-11-28 25:00": not a date (expected a time of day from 0:00 to 23:59:59)`},
		{"1969-12-31", false, `"1969-12-31": not a date (expected a year from 1970 to 2100)`},
	}
	for _, tt := range tests {
		_, err := NewColumn(Options{Serial: tt.serial}).Parse(1, tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error\n got %v\nwant %s", tt.in, err, tt.want)
		}
	}
	_, err := NewColumn(Options{Order: MonthFirst}).Parse(1, "13/05/2025")
	if want := `"13/05/2025": not a date (expected a month-first date such as 11/28/2025 (the date order is month-first))`; err == nil || err.Error() != want {
		t.Errorf("forced order error\n got %v\nwant %s", err, want)
	}
}

type step struct {
	line    int
	in      string
	want    string // RFC 3339 date, "" for pending
	pending bool
}

func runSteps(t *testing.T, c *Column, steps []step) {
	t.Helper()
	for _, s := range steps {
		got, err := c.Parse(s.line, s.in)
		if err != nil {
			t.Fatalf("line %d Parse(%q): %v", s.line, s.in, err)
		}
		if got.Pending != s.pending {
			t.Fatalf("line %d Parse(%q).Pending = %v, want %v", s.line, s.in, got.Pending, s.pending)
		}
		if !s.pending && got.Time.Format("2006-01-02") != s.want {
			t.Errorf("line %d Parse(%q) = %s, want %s", s.line, s.in, got.Time.Format(time.RFC3339), s.want)
		}
	}
}

func TestColumnOrder(t *testing.T) {
	t.Run("learned from a later value", func(t *testing.T) {
		c := NewColumn(Options{})
		runSteps(t, c, []step{
			{2, "03/04/2025 10:00", "", true},
			{3, "2025-11-28", "2025-11-28", false}, // year-first proves nothing
			{4, "25/04/2025 10:00", "2025-04-25", false},
			{5, "04/05/2025", "", true}, // still pending: a later value could prove the other order
		})
		order, assumed, conflict := c.Finish()
		if order != DayFirst || assumed || conflict != nil {
			t.Fatalf("Finish() = %v, %v, %v; want day-first, false, nil", order, assumed, conflict)
		}
		got, err := c.ParsePending(2, "03/04/2025 10:00")
		if err != nil || !got.Time.Equal(time.Date(2025, 4, 3, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("ParsePending = %v, %v; want 3 April 10:00", got.Time, err)
		}
	})
	t.Run("month-first learned", func(t *testing.T) {
		c := NewColumn(Options{DefaultOrder: DayFirst})
		runSteps(t, c, []step{
			{1, "3/4/25", "", true},
			{2, "12/31/2025", "2025-12-31", false},
			{3, "1/2/2026", "", true},
		})
		order, assumed, conflict := c.Finish()
		if order != MonthFirst || assumed || conflict != nil {
			t.Fatalf("Finish() = %v, %v, %v; want month-first, false, nil", order, assumed, conflict)
		}
		got, err := c.ParsePending(1, "3/4/25")
		if err != nil || got.Time.Format("2006-01-02") != "2025-03-04" || !got.DateOnly {
			t.Errorf("ParsePending = %+v, %v; want 2025-03-04 date-only", got, err)
		}
	})
	t.Run("another column's order", func(t *testing.T) {
		c := NewColumn(Options{})
		runSteps(t, c, []step{{2, "04/12/2025", "", true}})
		if _, assumed, _ := c.Finish(); !assumed {
			t.Fatal("nothing proven, yet not assumed")
		}
		c.Assume(DayFirst)
		if order, assumed, _ := c.Finish(); order != DayFirst || !assumed {
			t.Fatalf("after Assume(DayFirst): %v, assumed %v", order, assumed)
		}
		if got, err := c.ParsePending(2, "04/12/2025"); err != nil || got.Time.Format("2006-01-02") != "2025-12-04" {
			t.Errorf("ParsePending = %v, %v; want 4 December", got.Time, err)
		}
	})
	t.Run("conflict names both lines", func(t *testing.T) {
		c := NewColumn(Options{})
		runSteps(t, c, []step{
			{5, "03/04/2025", "", true},
			{12, "13/05/2025", "2025-05-13", false},
			{20, "06/07/2025", "", true},            // day-first proven so far, but the column is not finished
			{40, "05/13/2025", "2025-05-13", false}, // contradicts: read the only way it can be, no error
			{41, "05/14/2025", "2025-05-14", false}, // a second month-first proof keeps the first example
			{42, "08/09/2025", "", true},            // after the conflict nothing ambiguous is guessed
		})
		order, assumed, conflict := c.Finish()
		want := &OrderConflictError{DayFirstLine: 12, DayFirstValue: "13/05/2025", MonthFirstLine: 40, MonthFirstValue: "05/13/2025"}
		if order != OrderUnknown || assumed || conflict == nil || *conflict != *want {
			t.Fatalf("Finish() = %v, %v, %+v; want unknown, false, %+v", order, assumed, conflict, want)
		}
		if got := conflict.Error(); got != "line 12 has 13/05/2025 (day first) and line 40 has 05/13/2025 (month first)" {
			t.Errorf("conflict text %q", got)
		}
		if !errors.Is(conflict, ErrAmbiguousOrder) {
			t.Error("a conflict should count as ErrAmbiguousOrder")
		}
		for _, in := range []string{"03/04/2025", "06/07/2025", "08/09/2025"} {
			_, err := c.ParsePending(5, in)
			var ve *ValueError
			if !errors.Is(err, ErrAmbiguousOrder) || !errors.As(err, &ve) || !strings.Contains(err.Error(), "line 12") {
				t.Errorf("ParsePending(%q) = %v; want an ErrAmbiguousOrder ValueError naming the conflict", in, err)
			}
		}
		// unambiguous values still parse after a conflict
		if got, err := c.ParsePending(50, "25/12/2025"); err != nil || got.Time.Day() != 25 {
			t.Errorf("ParsePending(25/12/2025) = %v, %v", got.Time, err)
		}
	})
	t.Run("forced order", func(t *testing.T) {
		c := NewColumn(Options{Order: MonthFirst, DefaultOrder: DayFirst})
		runSteps(t, c, []step{
			{1, "03/04/2025", "2025-03-04", false},
			{2, "12/31/2025", "2025-12-31", false},
		})
		if _, err := c.Parse(3, "13/05/2025"); !errors.Is(err, ErrBadDate) {
			t.Errorf("13/05/2025 with a forced month-first order: %v, want ErrBadDate", err)
		}
		order, assumed, conflict := c.Finish()
		if order != MonthFirst || assumed || conflict != nil {
			t.Errorf("Finish() = %v, %v, %v; want month-first, false, nil", order, assumed, conflict)
		}
	})
	t.Run("default order assumed", func(t *testing.T) {
		for _, tt := range []struct {
			def  Order
			want string
			ord  Order
		}{
			{OrderUnknown, "2025-03-04", MonthFirst},
			{DayFirst, "2025-04-03", DayFirst},
			{MonthFirst, "2025-03-04", MonthFirst},
		} {
			c := NewColumn(Options{DefaultOrder: tt.def})
			runSteps(t, c, []step{{1, "03/04/2025", "", true}, {2, "05/05/2025", "2025-05-05", false}})
			order, assumed, conflict := c.Finish()
			if order != tt.ord || !assumed || conflict != nil {
				t.Errorf("default %v: Finish() = %v, %v, %v; want %v, true, nil", tt.def, order, assumed, conflict, tt.ord)
			}
			got, err := c.ParsePending(1, "03/04/2025")
			if err != nil || got.Time.Format("2006-01-02") != tt.want {
				t.Errorf("default %v: ParsePending = %v, %v; want %s", tt.def, got.Time, err, tt.want)
			}
		}
	})
	t.Run("dotted dates are day-first when nothing tells", func(t *testing.T) {
		// Dotted numeric dates are day-first in every locale that writes
		// them; dashes are not settled (SQL Server's style 110 is USA
		// mm-dd-yyyy, style 105 Italian dd-mm-yyyy), so they keep the
		// default.
		for _, tt := range []struct {
			name    string
			opts    Options
			values  []string // the first is pending and is read back
			assume  Order    // another column's proven order
			ord     Order
			assumed bool
			want    string
		}{
			{"German Excel", Options{}, []string{"03.12.2025 16:29", "04.12.2025", "2025-12-05"}, OrderUnknown, DayFirst, true, "2025-12-03"},
			{"two-digit year", Options{}, []string{"3.12.25", "1.12.25"}, OrderUnknown, DayFirst, true, "2025-12-03"},
			{"over a vendor's month-first", Options{DefaultOrder: MonthFirst}, []string{"03.12.2025"}, OrderUnknown, DayFirst, true, "2025-12-03"},
			{"a value proves month-first", Options{}, []string{"03.12.2025", "12.13.2025"}, OrderUnknown, MonthFirst, false, "2025-03-12"},
			{"another column proves month-first", Options{}, []string{"03.12.2025"}, MonthFirst, MonthFirst, true, "2025-03-12"},
			{"dots mixed with slashes", Options{}, []string{"03.12.2025", "04/12/2025"}, OrderUnknown, MonthFirst, true, "2025-03-12"},
			{"dashes keep the default", Options{}, []string{"03-12-2025", "04-12-2025"}, OrderUnknown, MonthFirst, true, "2025-03-12"},
			{"dashes, vendor day-first", Options{DefaultOrder: DayFirst}, []string{"03-12-2025"}, OrderUnknown, DayFirst, true, "2025-12-03"},
			{"swapped: written day-first", Options{Order: Swapped}, []string{"03.12.2025"}, OrderUnknown, MonthFirst, true, "2025-03-12"},
			{"forced month-first", Options{Order: MonthFirst}, nil, OrderUnknown, MonthFirst, false, "2025-03-12"},
		} {
			c := NewColumn(tt.opts)
			for i, v := range tt.values {
				if _, err := c.Parse(i+1, v); err != nil {
					t.Fatalf("%s: Parse(%q): %v", tt.name, v, err)
				}
			}
			if tt.assume != OrderUnknown {
				c.Assume(tt.assume)
			}
			order, assumed, conflict := c.Finish()
			if order != tt.ord || assumed != tt.assumed || conflict != nil {
				t.Errorf("%s: Finish() = %v, %v, %v; want %v, %v, nil", tt.name, order, assumed, conflict, tt.ord, tt.assumed)
			}
			first := "03.12.2025"
			if len(tt.values) > 0 {
				first = tt.values[0]
			}
			got, err := c.ParsePending(1, first)
			if err != nil || got.Time.Format("2006-01-02") != tt.want {
				t.Errorf("%s: ParsePending(%q) = %v, %v; want %s", tt.name, first, got.Time, err, tt.want)
			}
		}
	})
	t.Run("errors prove nothing", func(t *testing.T) {
		c := NewColumn(Options{})
		if _, err := c.Parse(1, "31/02/2025"); err == nil {
			t.Fatal("31/02/2025 accepted")
		}
		if _, _, conflict := c.Finish(); conflict != nil {
			t.Fatal("an impossible date proved an order")
		}
		if _, assumed, _ := c.Finish(); !assumed {
			t.Error("an impossible date proved an order")
		}
	})
}

func TestParseOrder(t *testing.T) {
	tests := []struct {
		in   string
		want Order
		err  bool
	}{
		{"dmy", DayFirst, false}, {"day-first", DayFirst, false}, {"dd/mm", DayFirst, false}, {"EU", DayFirst, false},
		{"mdy", MonthFirst, false}, {"month-first", MonthFirst, false}, {"mm/dd", MonthFirst, false}, {" us ", MonthFirst, false},
		{"auto", OrderUnknown, false}, {"", OrderUnknown, false},
		{"ymd", OrderUnknown, true}, {"british", OrderUnknown, true},
	}
	for _, tt := range tests {
		got, err := ParseOrder(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseOrder(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if err != nil && (!errors.Is(err, ErrBadOrder) || !strings.Contains(err.Error(), "dmy") || !strings.Contains(err.Error(), "mdy")) {
			t.Errorf("ParseOrder(%q) error %q should name the accepted values", tt.in, err)
		}
	}
	for o, want := range map[Order]string{OrderUnknown: "unknown", DayFirst: "day-first", MonthFirst: "month-first", 9: "Order(9)"} {
		if o.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(o), o.String(), want)
		}
	}
}

// The zone cache must give exactly what time.Date gives, including near
// DST transitions, in sorted and shuffled columns.
func TestZoneCacheMatchesTimeDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"UTC", "America/New_York", "Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Shanghai", "Pacific/Apia", "Asia/Kolkata", "America/St_Johns"} {
		loc := mustLoad(t, name)
		var walls []time.Time
		// every 20 minutes around each transition, plus random times
		for tr := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC); tr.Year() < 2100; {
			_, end := tr.In(loc).ZoneBounds()
			if end.IsZero() {
				break
			}
			if !end.After(tr) { // Go reports a zero-length period at some year ends past 2037
				tr = tr.Add(time.Hour)
				continue
			}
			for d := -26 * time.Hour; d <= 26*time.Hour; d += 20 * time.Minute {
				w := end.Add(d).In(time.UTC)
				walls = append(walls, w) // read as a wall clock in loc
			}
			tr = end
		}
		for range 3000 {
			walls = append(walls, time.Unix(rng.Int64N(4102444800), 0).UTC())
		}
		for pass := range 2 {
			if pass == 1 {
				rng.Shuffle(len(walls), func(i, j int) { walls[i], walls[j] = walls[j], walls[i] })
			}
			c := NewColumn(Options{Location: loc})
			for _, w := range walls {
				if w.Year() < 1970 || w.Year() > 2100 {
					continue
				}
				in := w.Format("2006-01-02 15:04:05")
				got, err := c.Parse(1, in)
				if err != nil {
					t.Fatalf("%s: %v", in, err)
				}
				want := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
				if !got.Time.Equal(want) || got.Time.Location() != want.Location() {
					t.Fatalf("%s in %s: got %v, time.Date gives %v", in, name, got.Time, want)
				}
			}
		}
	}
}

func TestNoAllocsISO(t *testing.T) {
	c := NewColumn(Options{Location: mustLoad(t, "America/New_York")})
	for _, in := range []string{"2025-11-28 14:05:09", "2025-11-28T14:05:09Z", "28/11/2025 14:05", "10/nov/25 4:51 PM"} {
		c.Parse(1, in)
		if n := testing.AllocsPerRun(100, func() { c.Parse(1, in) }); n != 0 {
			t.Errorf("Parse(%q) allocates %v times", in, n)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2025-11-28 14:05:09", "2025-11-28T14:05:09.123+08:00", "03/04/2025 10:00", "13/05/2025", "10/nov/25 4:51 PM",
		"Mon, 10 Nov 2025 16:51:00 +0000", "Tue Nov 10 16:51:00 2025", "2025年11月11日 下午4:51", "45658.5", "1234567890123",
		"Nov 10th, 2025", "10 de nov. de 2025", "", "9", "1e999", "2025-11-28 12:00 p. m.", "\u00a0", "31/02/2025",
	} {
		f.Add(s, false, uint8(0), int64(1764338709))
		f.Add(s, true, uint8(1), int64(0))
	}
	ny, _ := time.LoadLocation("America/New_York")
	sh, _ := time.LoadLocation("Asia/Shanghai")
	f.Fuzz(func(t *testing.T, s string, serial bool, order uint8, unix int64) {
		c := NewColumn(Options{Location: ny, Order: Order(order % 4), Serial: serial})
		res, err := c.Parse(1, s)
		checkErr(t, s, err)
		if err == nil && res.Pending {
			c.Finish()
			_, err = c.ParsePending(1, s)
			checkErr(t, s, err)
		}
		if err == nil && !res.Pending {
			// what parsed, printed with its offset, parses back to the same instant
			back, err := NewColumn(Options{Location: ny}).Parse(1, res.Time.Format(time.RFC3339Nano))
			if err != nil || !back.Time.Equal(res.Time) {
				t.Fatalf("%q -> %v does not round-trip: %v, %v", s, res.Time, back.Time, err)
			}
		}
		// ISO wall times round-trip in zones without ambiguity at that instant
		u := unix % 4102444800
		if u < 0 {
			u = -u
		}
		for _, loc := range []*time.Location{time.UTC, sh} {
			want := time.Unix(u, u%1000*1e6).In(loc)
			if want.Year() < 1970 || want.Year() > 2100 || (loc == sh && want.Year() < 1992) {
				continue
			}
			for _, layout := range []string{"2006-01-02 15:04:05.000", "2006-01-02T15:04:05.999999999Z07:00"} {
				in := want.Format(layout)
				got, err := NewColumn(Options{Location: loc}).Parse(1, in)
				if err != nil || !got.Time.Equal(want) {
					t.Fatalf("%q in %v: %v, %v; want %v", in, loc, got.Time, err, want)
				}
			}
		}
	})
}

func checkErr(t *testing.T, s string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ve *ValueError
	if !errors.As(err, &ve) || !(errors.Is(err, ErrBadDate) || errors.Is(err, ErrAmbiguousOrder)) {
		t.Fatalf("Parse(%q): %v (%T) does not unwrap to a sentinel", s, err, err)
	}
}

// isoValues is a sorted column of one-minute steps, as exports are.
func isoValues(layout string, n int) []string {
	start := time.Date(2025, 11, 10, 0, 0, 7, 0, time.UTC) // away from DST changes
	out := make([]string, n)
	for i := range out {
		out[i] = start.Add(time.Duration(i) * 61 * time.Second).Format(layout)
	}
	return out
}

func benchColumn(b *testing.B, opts Options, values []string) {
	c := NewColumn(opts)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Parse(i, values[i%len(values)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "values/s")
}

func BenchmarkParseISO(b *testing.B) {
	ny := mustLoad(b, "America/New_York")
	b.Run("space/UTC", func(b *testing.B) { benchColumn(b, Options{}, isoValues("2006-01-02 15:04:05", 4096)) })
	b.Run("space/NewYork", func(b *testing.B) { benchColumn(b, Options{Location: ny}, isoValues("2006-01-02 15:04:05", 4096)) })
	b.Run("TZ/NewYork", func(b *testing.B) { benchColumn(b, Options{Location: ny}, isoValues("2006-01-02T15:04:05Z", 4096)) })
}

func BenchmarkParseDayFirst(b *testing.B) {
	ny := mustLoad(b, "America/New_York")
	b.Run("numeric", func(b *testing.B) {
		benchColumn(b, Options{Location: ny, Order: DayFirst}, isoValues("02/01/2006 15:04", 4096))
	})
	b.Run("jira", func(b *testing.B) { benchColumn(b, Options{Location: ny}, isoValues("02/Jan/06 3:04 PM", 4096)) })
}
