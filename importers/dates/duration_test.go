package dates

import (
	"errors"
	"math"
	"testing"
)

func TestReadDuration(t *testing.T) {
	tests := []struct {
		in     string
		unit   Unit
		serial bool
		want   float64 // seconds
		tol    float64 // absolute tolerance in seconds; 0 = exact
		err    error
	}{
		{in: "0", unit: Seconds, want: 0},
		{in: "143", unit: Seconds, want: 143},
		{in: "15", unit: Minutes, want: 900},
		{in: "2", unit: Hours, want: 7200},
		{in: "1", unit: Days, want: 86400},
		{in: " 420 ", unit: Seconds, want: 420},
		{in: "1,5", unit: Hours, want: 5400},
		{in: "1.5", unit: Hours, want: 5400},
		{in: "0,25", unit: Minutes, want: 15},
		{in: "0,500", unit: Hours, want: 1800},
		{in: "1,234.5", unit: Seconds, want: 1234.5},
		{in: "1.234,5", unit: Seconds, want: 1234.5},
		{in: "1,500", unit: Seconds, want: 1500},
		{in: "12,345,678", unit: Seconds, want: 12345678},
		{in: "1.234.567", unit: Seconds, want: 1234567},
		{in: "1.00000000000000000000", unit: Minutes, want: 60},
		{in: "36:15:00", unit: Seconds, want: 130500},
		{in: "0:18:07", unit: Hours, want: 1087},
		{in: "323:39:14", unit: Seconds, want: 1165154},
		{in: "1:30", unit: Seconds, want: 5400},
		{in: "00:02:23.5", unit: Seconds, want: 143.5},
		{in: "1 day 02:00:00", unit: Seconds, want: 93600},
		{in: "2 days, 3:00:00", unit: Seconds, want: 183600},
		{in: "2d 3h 4m 5s", unit: Seconds, want: 183845},
		{in: "1h 30m", unit: Seconds, want: 5400},
		{in: "1h30m", unit: Seconds, want: 5400},
		{in: "1h30", unit: Seconds, want: 5400},
		{in: "2m5", unit: Seconds, want: 125},
		{in: "45s", unit: Minutes, want: 45},
		{in: "90 min", unit: Seconds, want: 5400},
		{in: "3.5 hrs", unit: Seconds, want: 12600},
		{in: "1,5 h", unit: Seconds, want: 5400},
		{in: "1 hour and 30 minutes", unit: Seconds, want: 5400},
		{in: "1 day", unit: Seconds, want: 86400},
		{in: "2 weeks", unit: Seconds, want: 1209600},
		{in: "250ms", unit: Seconds, want: 0.25},
		{in: "1小时30分钟", unit: Seconds, want: 5400},
		{in: "3 Std.", unit: Seconds, want: 10800},
		// Excel day fractions from XLSX
		{in: "1.655E-3", unit: Seconds, serial: true, want: 143, tol: 0.5},
		{in: "1,655E-3", unit: Seconds, serial: true, want: 143, tol: 0.5},
		{in: "0.0016550925925925926", unit: Seconds, serial: true, want: 143, tol: 0.5},
		{in: "0.5", unit: Hours, serial: true, want: 1800},
		{in: "143", unit: Seconds, serial: true, want: 143},
		{in: "1.655E-3", unit: Seconds, want: 0.001655, tol: 1e-12},
		{in: "1.5E2", unit: Seconds, want: 150},
		// errors
		{in: "", unit: Seconds, err: ErrBadDuration},
		{in: "   ", unit: Seconds, err: ErrBadDuration},
		{in: "-5", unit: Seconds, err: ErrBadDuration},
		{in: "-0:30", unit: Seconds, err: ErrBadDuration},
		{in: "−5", unit: Seconds, err: ErrBadDuration},
		{in: "NaN", unit: Seconds, err: ErrBadDuration},
		{in: "Inf", unit: Seconds, err: ErrBadDuration},
		{in: "-Infinity", unit: Seconds, err: ErrBadDuration},
		{in: "1e999", unit: Seconds, err: ErrBadDuration},
		{in: "1e308", unit: Days, err: ErrBadDuration},
		{in: "1:75", unit: Seconds, err: ErrBadDuration},
		{in: "1:30:75", unit: Seconds, err: ErrBadDuration},
		{in: "1:30 2h", unit: Seconds, err: ErrBadDuration},
		{in: "1h 1h", unit: Seconds, err: ErrBadDuration},
		{in: "5 parsecs", unit: Seconds, err: ErrBadDuration},
		{in: "2025-11-28", unit: Seconds, err: ErrBadDuration},
		{in: "1,23", unit: Seconds, want: 1.23},
		{in: "12,34,567", unit: Seconds, err: ErrBadDuration},
		{in: "10", unit: Unit(9), err: ErrBadDuration},
		// brackets are categories
		{in: "0-1 hrs", unit: Minutes, err: ErrBracket},
		{in: "1-8 hrs", unit: Minutes, err: ErrBracket},
		{in: "8-24 hrs", unit: Minutes, err: ErrBracket},
		{in: ">24 hrs", unit: Minutes, err: ErrBracket},
		{in: "7-30 days", unit: Minutes, err: ErrBracket},
		{in: ">30 days", unit: Minutes, err: ErrBracket},
		{in: "7–30 days", unit: Minutes, err: ErrBracket},
		{in: "1 to 8 hours", unit: Minutes, err: ErrBracket},
		{in: "30+ days", unit: Minutes, err: ErrBracket},
		{in: "less than 1 hour", unit: Minutes, err: ErrBracket},
		{in: "\u00a0No replies", unit: Minutes, err: ErrBracket},
		{in: " Unsolved", unit: Minutes, err: ErrBracket},
		{in: "-", unit: Minutes, err: ErrBracket},
	}
	for _, tt := range tests {
		got, err := ReadDuration(tt.in, tt.unit, tt.serial)
		if tt.err != nil {
			var ve *ValueError
			if !errors.Is(err, tt.err) || !errors.As(err, &ve) || ve.Value != tt.in {
				t.Errorf("ReadDuration(%q, %v, %v) = %v, %v; want a ValueError wrapping %v", tt.in, tt.unit, tt.serial, got, err, tt.err)
			}
			continue
		}
		if err != nil || math.Abs(got-tt.want) > tt.tol {
			t.Errorf("ReadDuration(%q, %v, %v) = %v, %v; want %v ± %v", tt.in, tt.unit, tt.serial, got, err, tt.want, tt.tol)
		}
	}
}

func TestDurationErrorText(t *testing.T) {
	_, err := ReadDuration("1-8 hrs", Minutes, false)
	want := `"1-8 hrs": a bracket, not a duration (expected a number; brackets such as 1-8 hrs are categories and are not turned into numbers)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	_, err = ReadDuration("soon", Minutes, false)
	if !errors.Is(err, ErrBracket) {
		t.Errorf("a label without a number: %v, want ErrBracket", err)
	}
	_, err = ReadDuration("5 parsecs", Minutes, false)
	want = `"5 parsecs": not a duration (expected a number of minutes or a duration such as 1:30:00, 36:15:00, 1h 30m or 2d 3h)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func FuzzReadDuration(f *testing.F) {
	for _, s := range []string{"143", "1,5", "1,234.5", "36:15:00", "1 day 02:00:00", "2d 3h 4m 5s", "1h30", "90 min",
		"1.655E-3", "0-1 hrs", ">24 hrs", "No replies", "-", "-5", "NaN", "1e999", "1小时30分钟", "", "1.234,5"} {
		f.Add(s, uint8(0), false)
		f.Add(s, uint8(2), true)
	}
	f.Fuzz(func(t *testing.T, s string, unit uint8, serial bool) {
		v, err := ReadDuration(s, Unit(unit%5), serial)
		if err != nil {
			var ve *ValueError
			if !errors.As(err, &ve) || !(errors.Is(err, ErrBadDuration) || errors.Is(err, ErrBracket)) {
				t.Fatalf("ReadDuration(%q): %v does not unwrap to a sentinel", s, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("ReadDuration(%q) = %v", s, v)
		}
	})
}

func BenchmarkParseDuration(b *testing.B) {
	for _, bc := range []struct {
		name string
		in   string
		unit Unit
	}{
		{"minutes", "15", Minutes},
		{"decimal-comma", "1,5", Hours},
		{"clock", "36:15:00", Seconds},
		{"units", "1h 30m", Seconds},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := ReadDuration(bc.in, bc.unit, false); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "values/s")
		})
	}
}
