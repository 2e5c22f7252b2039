package civil

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Clock is a wall-clock time of day in minutes after midnight, 0 to 1440
// (24:00 ends a day).
type Clock int

// EndOfDay is 24:00, the clock that ends a day.
const EndOfDay Clock = 24 * 60

// ParseClock reads HH:MM, 00:00 to 24:00: one or two digits of hours and
// two of minutes (8:00 and 08:00, not 8:0). Surrounding spaces are ignored.
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	c, ok := clockOf(h, m)
	if !ok {
		return 0, fmt.Errorf("time of day %q: want HH:MM between 00:00 and 24:00", s)
	}
	return c, nil
}

// ParseClockUnpadded reads H:M with digits of any number, 0:0 to 24:0, as
// the DBAI shift-design benchmark files write a time ("6:0" is 06:00).
func ParseClockUnpadded(s string) (Clock, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		return 0, fmt.Errorf("time %q: want H:M", s)
	}
	c, ok := clockOf(h, m)
	if !ok {
		return 0, fmt.Errorf("time %q: want H:M between 0:0 and 24:0", s)
	}
	return c, nil
}

// clockOf is the clock of hours h and minutes m written in decimal digits
// (no sign), when they make a time between 00:00 and 24:00.
func clockOf(h, m string) (Clock, bool) {
	if !allDigits(h) || !allDigits(m) {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return Clock(hh*60 + mm), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// String writes HH:MM (24:00 for the end of the day).
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Duration is c as the time since midnight.
func (c Clock) Duration() time.Duration { return time.Duration(c) * time.Minute }
