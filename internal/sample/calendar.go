package sample

import "time"

// date is a civil (wall-calendar) date counted in days since 1970-01-01.
type date int32

const secondsPerDay = 86400

func dateOf(y int, m time.Month, d int) date {
	return date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

func dateFromTime(t time.Time) date {
	y, m, d := t.Date()
	return dateOf(y, m, d)
}

func (d date) time() time.Time { return time.Unix(int64(d)*secondsPerDay, 0).UTC() }

func (d date) year() int { return d.time().Year() }

func (d date) month() time.Month { return d.time().Month() }

func (d date) monthDay() (time.Month, int) {
	_, m, dd := d.time().Date()
	return m, dd
}

// weekday of the date; 1970-01-01 was a Thursday.
func (d date) weekday() time.Weekday { return time.Weekday((int(d)%7 + 7 + 4) % 7) }

// wall seconds: a wall-clock time (no zone) as seconds since 1970-01-01 00:00
// of the same wall clock. Exports write wall times, so the generator works in
// them and converts to instants only to measure elapsed time.
func wallOf(d date, secOfDay int64) int64 { return int64(d)*secondsPerDay + secOfDay }

func wallDate(w int64) date { return date(floorDiv(w, secondsPerDay)) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// nthWeekday returns the n-th weekday wd of month m (n >= 1), or the last
// one when n < 0.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) date {
	if n < 0 {
		last := dateOf(y, m+1, 1) - 1
		back := (int(last.weekday()) - int(wd) + 7) % 7
		return last - date(back)
	}
	first := dateOf(y, m, 1)
	fwd := (int(wd) - int(first.weekday()) + 7) % 7
	return first + date(fwd+7*(n-1))
}

// thanksgiving is the fourth Thursday of November (US).
func thanksgiving(y int) date { return nthWeekday(y, time.November, time.Thursday, 4) }

// blackFriday is the day after Thanksgiving; Cyber Monday is three days later.
func blackFriday(y int) date { return thanksgiving(y) + 1 }

func cyberMonday(y int) date { return blackFriday(y) + 3 }

// chineseNewYear lists the first day of the lunar year (春节) for the years
// the generator may be asked for; the dates come from the Hong Kong
// Observatory's Gregorian-lunar conversion tables. Years outside the table
// have no Spring Festival effect.
var chineseNewYear = map[int]date{
	2018: dateOf(2018, time.February, 16),
	2019: dateOf(2019, time.February, 5),
	2020: dateOf(2020, time.January, 25),
	2021: dateOf(2021, time.February, 12),
	2022: dateOf(2022, time.February, 1),
	2023: dateOf(2023, time.January, 22),
	2024: dateOf(2024, time.February, 10),
	2025: dateOf(2025, time.January, 29),
	2026: dateOf(2026, time.February, 17),
	2027: dateOf(2027, time.February, 6),
	2028: dateOf(2028, time.January, 26),
	2029: dateOf(2029, time.February, 13),
	2030: dateOf(2030, time.February, 3),
}

// usHoliday names the US public holidays that change contact volume, "" on
// other days.
func usHoliday(d date) string {
	y := d.year()
	m, dd := d.monthDay()
	switch {
	case m == time.January && dd == 1:
		return "New Year's Day"
	case d == nthWeekday(y, time.May, time.Monday, -1):
		return "Memorial Day"
	case m == time.July && dd == 4:
		return "Independence Day"
	case d == nthWeekday(y, time.September, time.Monday, 1):
		return "Labor Day"
	case d == thanksgiving(y):
		return "Thanksgiving"
	case m == time.December && dd == 24:
		return "Christmas Eve"
	case m == time.December && dd == 25:
		return "Christmas Day"
	}
	return ""
}

// usClosed reports the days the US support team does not work at all.
func usClosed(d date) bool {
	switch usHoliday(d) {
	case "New Year's Day", "Thanksgiving", "Christmas Day":
		return true
	}
	return false
}

// zone converts wall times to instants for one of the two time zones the
// story uses, without the tz database (a fresh machine may not have one):
// America/New_York with the US daylight-saving rule in force since 2007
// (from 02:00 on the second Sunday of March to 02:00 on the first Sunday of
// November), and Asia/Shanghai (UTC+8, no DST since 1991).
type zone struct {
	name      string
	stdOffset int64 // seconds east of UTC outside DST
	usDST     bool
}

var (
	newYork  = zone{name: "America/New_York", stdOffset: -5 * 3600, usDST: true}
	shanghai = zone{name: "Asia/Shanghai", stdOffset: 8 * 3600}
)

// dstWalls returns the wall times at which DST starts (02:00 standard, the
// clock jumps to 03:00) and ends (02:00 daylight, the clock goes back to 01:00).
func dstWalls(year int) (start, end int64) {
	return wallOf(nthWeekday(year, time.March, time.Sunday, 2), 2*3600),
		wallOf(nthWeekday(year, time.November, time.Sunday, 1), 2*3600)
}

// fixWall moves a wall time that does not exist (the hour skipped when DST
// starts) one hour forward, as a clock would show it.
func (z zone) fixWall(w int64) int64 {
	if !z.usDST {
		return w
	}
	start, _ := dstWalls(wallDate(w).year())
	if w >= start && w < start+3600 {
		return w + 3600
	}
	return w
}

// instant returns Unix seconds for a wall time. The repeated hour when DST
// ends is read as its first (daylight) occurrence.
func (z zone) instant(w int64) int64 {
	off := z.stdOffset
	if z.usDST {
		start, end := dstWalls(wallDate(w).year())
		if w >= start+3600 && w < end {
			off += 3600
		}
	}
	return w - off
}

// wall returns the wall time of an instant.
func (z zone) wall(instant int64) int64 {
	off := z.stdOffset
	if z.usDST {
		w := instant + off
		start, end := dstWalls(wallDate(w).year())
		startUTC, endUTC := start-z.stdOffset, end-z.stdOffset-3600
		if instant >= startUTC && instant < endUTC {
			off += 3600
		}
	}
	return instant + off
}

// schedule is a team's opening hours in wall time: open..close seconds of
// the day on the listed weekdays, closed on the days closedOn reports.
type schedule struct {
	open, close int64
	days        [7]bool // indexed by time.Weekday
	closedOn    func(date) bool
}

func (s *schedule) openOn(d date) bool {
	return s.days[d.weekday()] && (s.closedOn == nil || !s.closedOn(d))
}

// isOpen reports whether the team works at wall time w.
func (s *schedule) isOpen(w int64) bool {
	d := wallDate(w)
	sec := w - int64(d)*secondsPerDay
	return s.openOn(d) && sec >= s.open && sec < s.close
}

// maxScheduleDays bounds the walks below: no business duration in the sample
// spans more than this many calendar days.
const maxScheduleDays = 60

// addBusiness returns the wall time reached after working secs seconds of
// business time from w (time outside the opening hours does not count).
func (s *schedule) addBusiness(w, secs int64) int64 {
	d := wallDate(w)
	for i := 0; i < maxScheduleDays; i, d = i+1, d+1 {
		if !s.openOn(d) {
			continue
		}
		from, to := wallOf(d, s.open), wallOf(d, s.close)
		if w > from {
			from = w
		}
		if from >= to {
			continue
		}
		if from+secs <= to {
			return from + secs
		}
		secs -= to - from
	}
	return wallOf(d, s.open) + secs
}

// businessBetween counts the business seconds between wall times a <= b.
func (s *schedule) businessBetween(a, b int64) int64 {
	if b <= a {
		return 0
	}
	var total int64
	d := wallDate(a)
	for i := 0; i < 4*maxScheduleDays && wallOf(d, 0) < b; i, d = i+1, d+1 {
		if !s.openOn(d) {
			continue
		}
		from, to := max(wallOf(d, s.open), a), min(wallOf(d, s.close), b)
		if to > from {
			total += to - from
		}
	}
	return total
}

// appendWall formats a wall time as YYYY-MM-DD HH:MM:SS.
func appendWall(b []byte, w int64) []byte {
	return time.Unix(w, 0).UTC().AppendFormat(b, "2006-01-02 15:04:05")
}

func formatWall(w int64) string { return string(appendWall(nil, w)) }
