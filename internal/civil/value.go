package civil

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a Go duration (20s, 3m, 1h30m) or a bare number of
// seconds (20, 2.5), 0 or more; a bare number is at most 10⁹ seconds.
// Surrounding spaces are ignored.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		if !finite(x) || x < 0 || x > 1e9 {
			return 0, errors.New("expected a duration of 0 or more, such as 20s, 3m or 24h")
		}
		return time.Duration(x * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New("expected a duration such as 20s, 3m or 24h (a bare number is seconds)")
	}
	if d < 0 {
		return 0, errors.New("expected a duration of 0 or more, such as 20s, 3m or 24h")
	}
	return d, nil
}

// ParseFraction reads a share as a fraction (0.85) or a percentage (85%,
// 85 %), between 0 and 1. Surrounding spaces are ignored.
func ParseFraction(s string) (float64, error) {
	s = strings.TrimSpace(s)
	percent := strings.HasSuffix(s, "%")
	x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil || !finite(x) {
		return 0, errors.New("expected a fraction such as 0.85 or a percentage such as 85%")
	}
	if percent {
		x /= 100
	}
	if x < 0 || x > 1 {
		return 0, errors.New("expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%")
	}
	return x, nil
}

// ParseTarget reads a service-level target PERCENT/TIME: 80/20s, 80%/20s
// or 0.8/20 (80% of contacts answered within 20 seconds). A share without
// % is a percentage when above 1 and a fraction otherwise; a time without
// a unit is seconds (ParseDuration). The share is not range-checked here:
// a target's own range is its caller's.
func ParseTarget(s string) (share float64, within time.Duration, err error) {
	const want = "expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds)"
	left, right, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return 0, 0, errors.New(want)
	}
	left = strings.TrimSpace(left)
	percent := strings.HasSuffix(left, "%")
	x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(left, "%")), 64)
	if err != nil || !finite(x) {
		return 0, 0, fmt.Errorf("%s: the share %q is not a number", want, left)
	}
	if percent || x > 1 {
		x /= 100
	}
	d, err := ParseDuration(right)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: the time %q is not a duration", want, strings.TrimSpace(right))
	}
	return x, d, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// FormatDuration writes d the short way ParseDuration reads back: 20s,
// 3m, 1h30m, 24h, 2.5s (Go's form without its zero units).
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
