package civil

import (
	"fmt"
	"strings"
	"time"
)

// weekdayNames are the English day names; a day is written as its name or
// any prefix of it of three letters or more (mon, tues, thurs, Friday).
var weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// ParseWeekday reads a day of the week: mon, Monday, tues, THU. Case and
// surrounding spaces are ignored.
func ParseWeekday(s string) (time.Weekday, error) {
	if w, ok := weekdayOf(s); ok {
		return w, nil
	}
	return 0, fmt.Errorf("day %q: want mon, tue, wed, thu, fri, sat or sun", s)
}

func weekdayOf(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 3 {
		return 0, false
	}
	for w, name := range weekdayNames {
		if strings.HasPrefix(name, s) {
			return time.Weekday(w), true
		}
	}
	return 0, false
}

// ParseWeekdays reads days of the week: "mon", "mon-fri", "sat,sun",
// "mon,wed-fri", a range that wraps ("fri-mon" is Friday to Monday), or
// "daily" / "all" for the whole week. The days come in the order written,
// each once; empty items between commas are skipped, but no day at all is
// an error.
func ParseWeekdays(s string) ([]time.Weekday, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "daily", "all":
		return []time.Weekday{0, 1, 2, 3, 4, 5, 6}, nil
	}
	var out []time.Weekday
	var seen [7]bool
	for part := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		a, b, isRange := strings.Cut(part, "-")
		from, ok1 := weekdayOf(a)
		to, ok2 := from, true
		if isRange {
			to, ok2 = weekdayOf(b)
		}
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("days %q: want mon, tue, ..., a range such as mon-fri, or daily", strings.TrimSpace(part))
		}
		for d := from; ; d = (d + 1) % 7 {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
			if d == to {
				break
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("days %q: none given", s)
	}
	return out, nil
}
