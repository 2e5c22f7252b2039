package dates

import (
	"errors"
	"testing"
	"time"
)

// A date-only value keeps the calendar day it was written on, whatever
// zone it is read in and whatever offset it was written with. The wanted
// days are read off the inputs by hand; the wanted instants are the
// midnights of those days in the reading zone.
func TestWrittenDay(t *testing.T) {
	for _, tt := range []struct {
		in   string
		zone string // reading zone
		want string // RFC 3339 in the reading zone
	}{
		// peakstaff's own --out of a Tokyo file, read back in UTC: Parse
		// gives 2021-01-31T15:00:00Z, the day is 1 February.
		{"2021-02-01T00:00:00+09:00", "UTC", "2021-02-01T00:00:00Z"},
		{"2021-02-01T00:00:00+09:00", "America/New_York", "2021-02-01T00:00:00-05:00"},
		{"2021-02-01T00:00:00+09:00", "Asia/Tokyo", "2021-02-01T00:00:00+09:00"},
		{"2025-11-28T23:30:00-05:00", "UTC", "2025-11-28T00:00:00Z"},
		{"2025-11-11", "Asia/Shanghai", "2025-11-11T00:00:00+08:00"},
		{"2025-11-11 00:00:00", "UTC", "2025-11-11T00:00:00Z"},
		{"28.11.2025", "Europe/Berlin", "2025-11-28T00:00:00+01:00"},
		{"1612137600", "Asia/Tokyo", "2021-02-01T00:00:00+09:00"}, // Unix time: its UTC day
		// São Paulo began DST at midnight on 4 Nov 2018: the day starts at 01:00.
		{"2018-11-04T00:00:00-02:00", "America/Sao_Paulo", "2018-11-04T01:00:00-02:00"},
	} {
		loc := mustLoad(t, tt.zone)
		got, err := WrittenDay(tt.in, loc)
		if err != nil || !got.DateOnly || got.Time.Location() != loc || got.Time.Format(time.RFC3339) != tt.want {
			t.Errorf("WrittenDay(%q, %s) = %s (date-only %v, %v), %v; want %s date-only",
				tt.in, tt.zone, got.Time.Format(time.RFC3339), got.DateOnly, got.Time.Location(), err, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want error
	}{
		{"03/04/2025", ErrAmbiguousOrder},
		{"31/02/2025", ErrBadDate},
		{"", ErrBadDate},
	} {
		_, err := WrittenDay(tt.in, nil)
		var ve *ValueError
		if !errors.Is(err, tt.want) || !errors.As(err, &ve) {
			t.Errorf("WrittenDay(%q) = %v; want a *ValueError wrapping %v", tt.in, err, tt.want)
		}
	}
}
