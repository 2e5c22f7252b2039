package dates

import "time"

// WrittenDay reads s, a value that stands for a whole calendar day, and
// returns that day as a date-only Result: its midnight in loc (nil =
// time.UTC), or the end of the DST gap when midnight does not exist there.
//
// The day is the one written, not the one the instant falls on in loc: a
// value with its own offset keeps the writer's calendar day, so
// 2021-02-01T00:00:00+09:00 is 1 February in every zone, where Parse
// gives the instant (31 January 15:00 in UTC). peakstaff's own contacts
// file writes its date-only contacts that way (created_date_only=true).
// A Unix time's day is its UTC day.
//
// Errors are those of Parse; a numeric date whose day and month cannot be
// told apart on its own (03/04/2025) is a *ValueError wrapping
// ErrAmbiguousOrder, as a single value has no column to learn the order
// from.
func WrittenDay(s string, loc *time.Location) (Result, error) {
	c := NewColumn(Options{Location: loc})
	r, err := c.Parse(0, s)
	if err != nil {
		return Result{}, err
	}
	if r.Pending {
		return Result{}, &ValueError{Value: s, Expected: "a date whose day and month can be told apart, such as 2025-11-28", Err: ErrAmbiguousOrder}
	}
	t := r.Time
	if r.Zoned {
		t = t.In(time.FixedZone("", r.Offset))
	}
	y, m, d := t.Date()
	return Result{Time: c.local(daysFromCivil(y, int(m), d)*86400, y, int(m), d, 0, 0, 0, 0, true), DateOnly: true}, nil
}
