package roster

import (
	"fmt"
	"strings"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// ClockSpan is a stretch of the day from From to To. To <= From crosses
// midnight (22:00-06:00); 00:00-24:00 is the whole day.
type ClockSpan struct {
	From, To civil.Clock
}

// ParseClockSpan reads HH:MM-HH:MM.
func ParseClockSpan(s string) (ClockSpan, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return ClockSpan{}, fmt.Errorf("time span %q: want HH:MM-HH:MM", s)
	}
	from, err := civil.ParseClock(a)
	if err != nil {
		return ClockSpan{}, err
	}
	to, err := civil.ParseClock(b)
	if err != nil {
		return ClockSpan{}, err
	}
	if from == to && !(from == 0 && to == 0) {
		return ClockSpan{}, fmt.Errorf("time span %q is empty", s)
	}
	if from == 0 && to == 0 {
		to = 24 * 60
	}
	return ClockSpan{from, to}, nil
}

func (s ClockSpan) String() string { return s.From.String() + "-" + s.To.String() }

// IsZero reports whether the span is unset.
func (s ClockSpan) IsZero() bool { return s == ClockSpan{} }

// Minutes is the span's length; a span crossing midnight wraps.
func (s ClockSpan) Minutes() int {
	if s.To > s.From {
		return int(s.To - s.From)
	}
	return int(s.To) + 24*60 - int(s.From)
}

// End is To as minutes after the day's midnight, past 1440 when the span
// crosses midnight.
func (s ClockSpan) End() int { return int(s.From) + s.Minutes() }
