package policy

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// The parsers of the value kinds. Each reads one kind of value and checks
// only what the kind itself means (a duration is not negative, a fraction
// lies in [0, 1]); a setting's own range is its spec's. Surrounding spaces
// are ignored. Durations and fractions are civil.ParseDuration and
// civil.ParseFraction.

// ParseServiceLevel reads PERCENT/TIME: 80/20s, 80%/20s or 0.8/20
// (civil.ParseTarget). A share without % is a percentage above 1 and a
// fraction otherwise; a time without a unit is seconds.
func ParseServiceLevel(s string) (ServiceLevel, error) {
	share, within, err := civil.ParseTarget(s)
	if err != nil {
		return ServiceLevel{}, err
	}
	return ServiceLevel{Share: share, Answer: within}, nil
}

// ParseKind reads live, chat or deferred.
func ParseKind(s string) (require.Kind, error) {
	k := require.Kind(strings.ToLower(strings.TrimSpace(s)))
	return k, validKind(k)
}

// ParseClosed reads callback or lost. Dates are an error naming
// closed_dates, where the staff command used to take them.
func ParseClosed(s string) (require.ClosedHandling, error) {
	c := require.ClosedHandling(strings.ToLower(strings.TrimSpace(s)))
	if err := validClosed(c); err != nil {
		if _, derr := ParseDates(s); derr == nil && strings.TrimSpace(s) != "" {
			return "", &RenamedError{Old: KeyClosed, New: KeyClosedDates}
		}
		return "", err
	}
	return c, nil
}

// ParseDates reads dates YYYY-MM-DD separated by commas.
func ParseDates(s string) ([]civil.Date, error) {
	out := []civil.Date{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		d, err := civil.ParseDate(part)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// ParseCount reads a whole number 0 or more.
func ParseCount(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, errors.New("expected a whole number of 0 or more, such as 2")
	}
	return n, nil
}

// ParseNumber reads a finite number.
func ParseNumber(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !finite(x) {
		return 0, errors.New("expected a number such as 2")
	}
	return x, nil
}

// ParseBool reads true or false.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1":
		return true, nil
	case "false", "no", "0":
		return false, nil
	}
	return false, errors.New("expected true or false")
}

func formatNumber(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
