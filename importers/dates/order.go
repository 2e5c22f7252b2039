package dates

import (
	"strconv"
	"strings"
)

// Order of day and month in numeric dates.
type Order int

const (
	OrderUnknown Order = iota // not known yet / detect
	DayFirst                  // 02/01/2025 = 2 January
	MonthFirst                // 02/01/2025 = 1 February
	// Swapped reads a column a spreadsheet round-trip damaged: the values
	// that tell day and month apart (22-04-15) are read as written, the
	// ambiguous ones (04-05-15) the other way round, because the
	// spreadsheet read them in its own order and wrote them back in the
	// file's.
	Swapped
)

// other is the opposite order; MonthFirst for anything but MonthFirst.
func other(o Order) Order {
	if o == MonthFirst {
		return DayFirst
	}
	return MonthFirst
}

func (o Order) String() string {
	switch o {
	case OrderUnknown:
		return "unknown"
	case DayFirst:
		return "day-first"
	case MonthFirst:
		return "month-first"
	case Swapped:
		return "swapped"
	}
	return "Order(" + strconv.Itoa(int(o)) + ")"
}

// example is a date written in the order, for messages.
func (o Order) example() string {
	if o == MonthFirst {
		return "11/28/2025"
	}
	return "28/11/2025"
}

// ParseOrder reads a --date-order flag or map value: "dmy", "day-first",
// "dd/mm", "eu" give DayFirst; "mdy", "month-first", "mm/dd", "us" give
// MonthFirst; "swapped" gives Swapped; "auto" and "" give OrderUnknown
// (learn it from the column). Case and surrounding spaces are ignored. Anything else is a *ValueError
// wrapping ErrBadOrder that names the accepted values.
func ParseOrder(s string) (Order, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return OrderUnknown, nil
	case "dmy", "day-first", "dayfirst", "day first", "dd/mm", "dd/mm/yyyy", "eu":
		return DayFirst, nil
	case "mdy", "month-first", "monthfirst", "month first", "mm/dd", "mm/dd/yyyy", "us":
		return MonthFirst, nil
	case "swapped", "swap":
		return Swapped, nil
	}
	return OrderUnknown, &ValueError{Value: s, Expected: "auto, dmy (day-first, dd/mm, eu), mdy (month-first, mm/dd, us) or swapped (the ambiguous dates of a column were swapped by a spreadsheet)", Err: ErrBadOrder}
}
