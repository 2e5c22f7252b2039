package civil

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	accepted := map[string]time.Duration{
		"20s": 20 * time.Second, " 3m ": 3 * time.Minute, "20": 20 * time.Second, "2.5": 2500 * time.Millisecond,
		"1h30m": 90 * time.Minute, "0": 0, "0s": 0, "24h": 24 * time.Hour, "1e3": 1000 * time.Second,
		"1000000000": 1e9 * time.Second, "150ms": 150 * time.Millisecond,
	}
	for in, want := range accepted {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	const (
		negative = "expected a duration of 0 or more, such as 20s, 3m or 24h"
		notOne   = "expected a duration such as 20s, 3m or 24h (a bare number is seconds)"
	)
	rejected := map[string]string{
		"-1": negative, "-5s": negative, "NaN": negative, "Inf": negative, "1000000001": negative,
		"": notOne, "20 s": notOne, "twenty": notOne, "3 minutes": notOne, "1:30": notOne, "5d": notOne,
	}
	for in, want := range rejected {
		if got, err := ParseDuration(in); err == nil || err.Error() != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want error %q", in, got, err, want)
		}
	}
}

func TestParseFraction(t *testing.T) {
	accepted := map[string]float64{"0.85": 0.85, "85%": 0.85, "85 %": 0.85, " 0.3 ": 0.3, "0": 0, "1": 1, "100%": 1, "0%": 0, "12.5%": 0.125}
	for in, want := range accepted {
		if got, err := ParseFraction(in); err != nil || got != want {
			t.Errorf("ParseFraction(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	const (
		notNumber = "expected a fraction such as 0.85 or a percentage such as 85%"
		outside   = "expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%"
	)
	rejected := map[string]string{
		"": notNumber, "%": notNumber, "high": notNumber, "NaN": notNumber, "Inf%": notNumber, "0,85": notNumber, "85%%": notNumber,
		"85": outside, "1.01": outside, "-0.1": outside, "101%": outside, "-5%": outside,
	}
	for in, want := range rejected {
		if got, err := ParseFraction(in); err == nil || err.Error() != want {
			t.Errorf("ParseFraction(%q) = %v, %v; want error %q", in, got, err, want)
		}
	}
}

func TestParseTarget(t *testing.T) {
	type target struct {
		share  float64
		within time.Duration
	}
	accepted := map[string]target{
		"80/20s": {0.8, 20 * time.Second}, "80%/20s": {0.8, 20 * time.Second}, "0.8/20": {0.8, 20 * time.Second},
		"90 / 1m": {0.9, time.Minute}, "95.5/0s": {0.955, 0}, "1/30": {1, 30 * time.Second}, "100/30s": {1, 30 * time.Second},
		"0.5%/10s": {0.005, 10 * time.Second}, "250/20s": {2.5, 20 * time.Second},
	}
	for in, want := range accepted {
		share, within, err := ParseTarget(in)
		if err != nil || share != want.share || within != want.within {
			t.Errorf("ParseTarget(%q) = %v, %v, %v; want %v", in, share, within, err, want)
		}
	}
	const want = "expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds)"
	rejected := map[string]string{
		"":        want,
		"80":      want,
		"80-20s":  want,
		"x/20s":   want + `: the share "x" is not a number`,
		"/20s":    want + `: the share "" is not a number`,
		"NaN/20s": want + `: the share "NaN" is not a number`,
		"80/":     want + `: the time "" is not a duration`,
		"80/-5s":  want + `: the time "-5s" is not a duration`,
		"80/soon": want + `: the time "soon" is not a duration`,
		"80/20/s": want + `: the time "20/s" is not a duration`,
	}
	for in, msg := range rejected {
		share, within, err := ParseTarget(in)
		if err == nil || err.Error() != msg {
			t.Errorf("ParseTarget(%q) = %v, %v, %v; want error %q", in, share, within, err, msg)
		}
	}
}

// TestFormatDuration: the short form, which ParseDuration reads back.
func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{24 * time.Hour: "24h", 90 * time.Minute: "1h30m", time.Minute: "1m",
		20 * time.Second: "20s", 0: "0s", 2500 * time.Millisecond: "2.5s", time.Hour + time.Second: "1h0m1s"} {
		got := FormatDuration(d)
		if got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
		if back, err := ParseDuration(got); err != nil || back != d {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", got, back, err, d)
		}
	}
}
