package dates

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Options describe one date column.
type Options struct {
	Location     *time.Location // zone for values without an offset (nil = time.UTC)
	Order        Order          // forced order (--date-order or the vendor's); OrderUnknown = learn it from the column
	DefaultOrder Order          // order assumed when the whole column never tells (vendor convention); OrderUnknown = MonthFirst; a column of dotted dates takes DayFirst instead
	Serial       bool           // the column comes from XLSX: plain numbers are Excel serial dates (1900 system, 25569 = 1970-01-01, fractions are time of day)
}

// Result is one parsed value.
type Result struct {
	Time     time.Time // in Location; values with an offset or Z keep their instant (shown in Location)
	DateOnly bool      // the value had no time of day (Time is midnight local)
	Pending  bool      // numeric day/month ambiguous (both <= 12) and the order is not yet known: Time is zero; call ParsePending after Finish
	// Zoned reports a value that carried its own offset (Z, +08:00, a Unix
	// time); Offset is that offset in seconds east of UTC, so a caller can
	// keep the writer's wall clock (Time.In(time.FixedZone("", Offset))).
	Zoned  bool
	Offset int
}

// Column parses one column of a file. Day/month order is learnt from the
// column: a value like 13/05/2025 proves day-first, 05/13/2025 proves
// month-first, because one export is written by one locale setting.
// A Column is not safe for concurrent use.
type Column struct {
	opts   Options
	loc    *time.Location
	assume Order // order proven by another column of the file (Assume)

	// The first value proving each order, kept for the conflict message.
	daySeen, monthSeen   bool
	dayLine, monthLine   int
	dayValue, monthValue string

	// Whether numeric day/month dates were written with dots, and with
	// anything else: dotted numeric dates are day-first in every locale
	// that writes them (de, ru, pl, cs, fi, tr, ...), so a column of them
	// that proves no order is read day-first.
	dotted, undotted bool

	// Zone cache: zoneOff is the offset in force for instants in
	// [safeFrom, safeTo), a zone period shrunk by two days at each end so
	// that no wall time inside it can fall in a DST gap or overlap. Columns
	// are mostly sorted, so one time.Date per zone period is enough.
	zoneOK           bool
	zoneOff          int64
	safeFrom, safeTo int64
}

// NewColumn returns a column parser. Orders other than DayFirst,
// MonthFirst and Swapped count as OrderUnknown.
func NewColumn(o Options) *Column {
	if o.Order != DayFirst && o.Order != MonthFirst && o.Order != Swapped {
		o.Order = OrderUnknown
	}
	if o.DefaultOrder != DayFirst && o.DefaultOrder != MonthFirst {
		o.DefaultOrder = MonthFirst
	}
	c := &Column{opts: o, loc: o.Location}
	if c.loc == nil {
		c.loc = time.UTC
	}
	return c
}

// Parse parses one value (line is kept for conflict messages).
// Unambiguous values are returned at once; ambiguous numeric ones (when the
// order is not forced and not yet proven) return Result{Pending: true}, nil.
// Once the order is proven by an earlier value, later ambiguous values are
// parsed at once with it. Values that contradict a forced Order (13/05 with
// MonthFirst) are a *ValueError wrapping ErrBadDate. A value that
// contradicts an order proven earlier is not an error here: the conflict is
// recorded (Finish reports it) and the value is read in the only order it
// can have; after a conflict, ambiguous values are Pending again.
func (c *Column) Parse(line int, s string) (Result, error) {
	if r, ok := c.fastISO(s); ok {
		return r, nil
	}
	s = strings.TrimSpace(s)
	var f fields
	if why := parseValue(s, &f); why != "" {
		return Result{}, c.badDate(s, why)
	}
	if f.numeric {
		return c.numeric(line, s, &f, true)
	}
	return c.build(s, &f)
}

// Finish ends the column: order is the order used for pending values;
// assumed is true when no value proved it and the column took the order
// of another column (Assume), else day-first when all its numeric dates
// are dotted (28.11.2025), else DefaultOrder (or MonthFirst); conflict is non-nil when values proving both orders were seen
// (then order is OrderUnknown and ParsePending returns ErrAmbiguousOrder for
// ambiguous values). It may be called more than once.
func (c *Column) Finish() (order Order, assumed bool, conflict *OrderConflictError) {
	order, assumed, conflicted := c.decided()
	if conflicted {
		conflict = &OrderConflictError{
			DayFirstLine: c.dayLine, DayFirstValue: c.dayValue,
			MonthFirstLine: c.monthLine, MonthFirstValue: c.monthValue,
		}
	}
	return order, assumed, conflict
}

func (c *Column) decided() (order Order, assumed, conflict bool) {
	if c.opts.Order == Swapped {
		// The values that prove an order say how the column was written;
		// the ambiguous ones were swapped by a spreadsheet and read the
		// other way.
		switch {
		case c.daySeen && c.monthSeen:
			return OrderUnknown, false, true
		case c.daySeen:
			return MonthFirst, false, false
		case c.monthSeen:
			return DayFirst, false, false
		}
		return other(c.unproven()), true, false
	}
	switch {
	case c.opts.Order != OrderUnknown:
		return c.opts.Order, false, false
	case c.daySeen && c.monthSeen:
		return OrderUnknown, false, true
	case c.daySeen:
		return DayFirst, false, false
	case c.monthSeen:
		return MonthFirst, false, false
	case c.assume != OrderUnknown:
		return c.assume, true, false
	}
	return c.unproven(), true, false
}

// unproven is the order a column is assumed to be written in when nothing
// in the file tells: day-first for a column of dotted dates, whatever the
// vendor's convention (the dots show the file was written or re-saved in
// a dotted locale; no locale writes month-first dots), else DefaultOrder.
// Dashes settle nothing: 03-12-2025 is SQL Server's USA style (110,
// mm-dd-yyyy) as well as the Dutch and Danish day-first one.
func (c *Column) unproven() Order {
	if c.dotted && !c.undotted {
		return DayFirst
	}
	return c.opts.DefaultOrder
}

// Assume sets the order for the pending values of a column that proved
// none itself, when another column of the same file did (an Opened column
// with 13/11/2025 tells how to read its Closed column's 04/12/2025). It
// changes nothing when the column proved an order or the order is forced.
func (c *Column) Assume(o Order) { c.assume = o }

// ParsePending parses a value returned as Pending, after Finish, with the
// order Finish reports. It learns nothing from the value.
func (c *Column) ParsePending(line int, s string) (Result, error) {
	s = strings.TrimSpace(s)
	var f fields
	if why := parseValue(s, &f); why != "" {
		return Result{}, c.badDate(s, why)
	}
	if f.numeric {
		return c.numeric(line, s, &f, false)
	}
	return c.build(s, &f)
}

// numeric resolves D/M/Y versus M/D/Y. learn is true in Parse (record
// proofs, defer ambiguous values) and false in ParsePending (use the
// finished order).
func (c *Column) numeric(line int, s string, f *fields, learn bool) (Result, error) {
	if c.opts.Order == DayFirst || c.opts.Order == MonthFirst {
		return c.ordered(s, f, c.opts.Order, true)
	}
	if f.year < minYear || f.year > maxYear {
		return Result{}, c.badDate(s, expYear)
	}
	if learn {
		if f.sep == '.' {
			c.dotted = true
		} else {
			c.undotted = true
		}
	}
	a, b := f.first, f.second
	dayOK := a >= 1 && b >= 1 && b <= 12 && a <= daysIn(b, f.year)
	monthOK := a >= 1 && b >= 1 && a <= 12 && b <= daysIn(a, f.year)
	switch {
	case dayOK && monthOK:
		if a == b {
			return c.ordered(s, f, DayFirst, false)
		}
		if learn {
			// Always wait for the whole column: a later value may prove the
			// other order, and then every ambiguous value is in doubt, not
			// only those read after it.
			return Result{Pending: true}, nil
		}
		order, _, conflict := c.decided()
		if conflict {
			_, _, ce := c.Finish()
			return Result{}, &ValueError{Value: s, Expected: "day and month told apart, but " + ce.Error(), Err: ErrAmbiguousOrder}
		}
		return c.ordered(s, f, order, false)
	case dayOK:
		if learn {
			c.prove(DayFirst, line, s)
		}
		return c.ordered(s, f, DayFirst, false)
	case monthOK:
		if learn {
			c.prove(MonthFirst, line, s)
		}
		return c.ordered(s, f, MonthFirst, false)
	}
	switch {
	case a < 1 || b < 1:
		return Result{}, c.badDate(s, expDate)
	case a > 12 && b > 12:
		return Result{}, c.badDate(s, fmt.Sprintf("a day and a month, but neither %d nor %d is a month", a, b))
	case a > 12:
		return Result{}, c.badDate(s, dayExists(b, f.year))
	}
	return Result{}, c.badDate(s, dayExists(a, f.year))
}

func (c *Column) prove(o Order, line int, s string) {
	switch {
	case o == DayFirst && !c.daySeen:
		c.daySeen, c.dayLine, c.dayValue = true, line, strings.Clone(s)
	case o == MonthFirst && !c.monthSeen:
		c.monthSeen, c.monthLine, c.monthValue = true, line, strings.Clone(s)
	}
}

// ordered reads a numeric value in the given order. forced says the order
// came from the user or the vendor, so a value that cannot be read in it
// is named as contradicting it.
func (c *Column) ordered(s string, f *fields, o Order, forced bool) (Result, error) {
	day, month := f.first, f.second
	if o == MonthFirst {
		day, month = f.second, f.first
	}
	if forced && (month < 1 || month > 12) {
		return Result{}, c.badDate(s, fmt.Sprintf("a %s date such as %s (the date order is %s)", o, o.example(), o))
	}
	f.month, f.day = month, day
	return c.build(s, f)
}

func dayExists(month, year int) string {
	if month < 1 || month > 12 {
		return expMonth
	}
	return fmt.Sprintf("a day that exists (%s %d has %d days)", monthTitles[month], year, daysIn(month, year))
}

// build checks the fields and makes the instant.
func (c *Column) build(s string, f *fields) (Result, error) {
	switch {
	case f.epoch:
		return Result{Time: time.Unix(f.unix, int64(f.nsec)).In(c.loc), Zoned: true}, nil
	case f.plain:
		return c.serial(s, f.number)
	}
	switch {
	case f.year < minYear || f.year > maxYear:
		return Result{}, c.badDate(s, expYear)
	case f.month < 1 || f.month > 12:
		return Result{}, c.badDate(s, expMonth)
	case f.day < 1 || f.day > daysIn(f.month, f.year):
		return Result{}, c.badDate(s, dayExists(f.month, f.year))
	}
	wall := daysFromCivil(f.year, f.month, f.day)*86400 + int64(f.hour*3600+f.min*60+f.sec)
	if f.hasZone {
		return Result{Time: time.Unix(wall-int64(f.offset), int64(f.nsec)).In(c.loc), Zoned: true, Offset: f.offset}, nil
	}
	return Result{Time: c.local(wall, f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, !f.hasTime), DateOnly: !f.hasTime}, nil
}

// fastISO reads the two forms that make up most rows of most exports,
// 2025-11-28 14:05:09 and 2025-11-28T14:05:09Z, at fixed positions. It
// returns false for anything else, invalid values included, which the
// general parser then reads or rejects with a precise message.
func (c *Column) fastISO(s string) (Result, bool) {
	if len(s) != 19 && len(s) != 20 {
		return Result{}, false
	}
	if s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' || (len(s) == 20 && s[19] != 'Z') {
		return Result{}, false
	}
	y1, y2 := twoDigits(s, 0), twoDigits(s, 2)
	mo, d := twoDigits(s, 5), twoDigits(s, 8)
	h, mi, sec := twoDigits(s, 11), twoDigits(s, 14), twoDigits(s, 17)
	y := y1*100 + y2
	if y1 < 0 || y2 < 0 || y < minYear || y > maxYear || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) ||
		h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 {
		return Result{}, false
	}
	wall := daysFromCivil(y, mo, d)*86400 + int64(h*3600+mi*60+sec)
	if len(s) == 20 {
		return Result{Time: time.Unix(wall, 0).In(c.loc), Zoned: true}, true
	}
	return Result{Time: c.local(wall, y, mo, d, h, mi, sec, 0, false)}, true
}

// twoDigits returns the number written at s[i:i+2], or -1.
func twoDigits(s string, i int) int {
	a, b := s[i]-'0', s[i+1]-'0'
	if a > 9 || b > 9 {
		return -1
	}
	return int(a)*10 + int(b)
}

// local turns a wall clock (seconds as if UTC) into an instant in the
// column's zone: from the zone cache when the wall time is well inside the
// cached zone period, else with time.Date (Go's rules for DST gaps and
// overlaps), refreshing the cache.
func (c *Column) local(wall int64, y, mo, d, h, mi, sec, nsec int, dateOnly bool) time.Time {
	if c.zoneOK {
		if u := wall - c.zoneOff; u >= c.safeFrom && u < c.safeTo {
			return time.Unix(u, int64(nsec)).In(c.loc)
		}
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, c.loc)
	if dateOnly && t.Day() != d {
		// Midnight fell in a DST gap (Brazil used to start DST at 00:00)
		// and Go moved it to the day before: the day starts when the gap
		// ends.
		if _, end := t.ZoneBounds(); !end.IsZero() && end.In(c.loc).Day() == d {
			t = end.In(c.loc)
		}
	}
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	c.zoneOK, c.zoneOff = true, int64(off)
	c.safeFrom, c.safeTo = math.MinInt64, math.MaxInt64
	const margin = 2 * 86400
	if !start.IsZero() {
		c.safeFrom = start.Unix() + margin
	}
	if !end.IsZero() {
		c.safeTo = end.Unix() - margin
	}
	return t
}

// serial reads an Excel serial date (1900 date system): whole days since
// 1899-12-30, the fraction being the time of day, rounded to the
// millisecond to drop the binary noise of stored fractions.
func (c *Column) serial(s string, v float64) (Result, error) {
	if !c.opts.Serial {
		return Result{}, c.badDate(s, expPlain)
	}
	if !(v >= 25569 && v < 73416) { // 1970-01-01 .. 2100-12-31; also rejects NaN
		return Result{}, c.badDate(s, expSerial)
	}
	whole := math.Floor(v)
	ms := int64(math.Round((v - whole) * 86400e3))
	days := int64(whole) - 25569
	if ms >= 86400e3 {
		days++
		ms -= 86400e3
	}
	var f fields
	f.year, f.month, f.day = civilFromDays(days)
	f.hour, f.min, f.sec = int(ms/3600e3), int(ms/60e3%60), int(ms/1e3%60)
	f.nsec = int(ms%1e3) * 1e6
	f.hasTime = v != whole
	if f.year > maxYear {
		return Result{}, c.badDate(s, expSerial)
	}
	return c.build(s, &f)
}

func (c *Column) badDate(s, why string) error {
	if why == expDate && c.opts.Serial {
		why = expDateSerial
	}
	return &ValueError{Value: s, Expected: why, Err: ErrBadDate}
}
