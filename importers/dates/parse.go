package dates

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fields is one value taken apart, before the day/month order and the zone
// are applied. It stays on the stack: parsing allocates nothing.
type fields struct {
	year, month, day     int
	first, second        int  // numeric D/M/Y or M/D/Y: the two leading numbers
	numeric              bool // first and second wait for an order
	sep                  byte // numeric: the separator written between them ('/', '-' or '.')
	hour, min, sec, nsec int
	hasTime              bool
	hasZone              bool
	offset               int // seconds east of UTC, when hasZone
	epoch                bool
	unix                 int64 // the instant when epoch (plus nsec)
	plain                bool
	number               float64 // the value when plain (an Excel serial candidate)
}

// What a rejected value should have looked like (ValueError.Expected).
const (
	expDate       = "a date such as 2025-11-28 14:05, 28/11/2025 or Nov 28, 2025"
	expDateSerial = "a date such as 2025-11-28 14:05, 28/11/2025 or an Excel serial"
	expNoYear     = "a date with a year, such as 28/11/2025"
	expYear       = "a year from 1970 to 2100"
	expMonth      = "a month from 1 to 12"
	expTime       = "a time of day from 0:00 to 23:59:59"
	expHour12     = "an hour from 1 to 12 before AM/PM"
	expZone       = "an offset such as Z, +08:00 or +0800"
	expEpoch      = "a Unix time from 2000 to 2100 (10 digits for seconds, 13 for milliseconds)"
	expPlain      = "a date, not a plain number (numbers are read as Excel serials only from XLSX files)"
	expSerial     = "an Excel serial from 25569 (1970-01-01) to 73415 (2100-12-31)"
)

// Unix times accepted as epochs: 2000-01-01 up to the end of 2100.
const (
	epochFirst = 946684800
	epochLast  = 4133980799
)

// parseValue takes a trimmed value apart. why is "" on success, otherwise
// the Expected text of the error.
func parseValue(s string, f *fields) string {
	if s == "" {
		return expDate
	}
	if c := s[0]; isDigit(c) {
		p := scanner{s: s}
		n1, d1 := p.digits()
		if p.done() {
			return number(s, f)
		}
		c = s[p.i]
		if d1 == 4 {
			switch {
			case c == '-' || c == '/' || (c == '.' && !isPlainNumber(s)):
				return yearFirst(&p, n1, c, f)
			case strings.HasPrefix(s[p.i:], "年"):
				p.i += len("年")
				return chinese(&p, n1, f)
			}
		}
		if isPlainNumber(s) {
			return number(s, f)
		}
		if d1 <= 2 {
			return dayFirstForms(&p, n1, f)
		}
		return expDate
	}
	return namedForms(s, f)
}

// number reads a plain number: an epoch when it has 10 or 13 digits and
// falls in 2000..2100, else a candidate Excel serial for the column to judge.
func number(s string, f *fields) string {
	if (len(s) == 10 || len(s) == 13) && allDigits(s) {
		v, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			sec, ns := v, int64(0)
			if len(s) == 13 {
				sec, ns = v/1000, v%1000*1e6
			}
			if sec >= epochFirst && sec <= epochLast {
				f.epoch, f.unix, f.nsec, f.hasTime = true, sec, int(ns), true
				return ""
			}
		}
		return expEpoch
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return expDate
	}
	f.plain, f.number = true, v
	return ""
}

// yearFirst reads 2025-11-28, 2025/11/28 and 2025.11.28 and what follows.
// Year-first dates are never ambiguous: nobody writes year-day-month.
func yearFirst(p *scanner, year int, sep byte, f *fields) string {
	p.i++
	m, dm := p.digits()
	if dm < 1 || dm > 2 || p.peek() != sep {
		return expDate
	}
	p.i++
	d, dd := p.digits()
	if dd < 1 || dd > 2 {
		return expDate
	}
	f.year, f.month, f.day = year, m, d
	return p.tail(f, false)
}

// chinese reads 2025年11月11日 and what follows; a date without its year
// (11月11日) is refused rather than given the current one.
func chinese(p *scanner, year int, f *fields) string {
	m, dm := p.digits()
	if dm < 1 || dm > 2 || !p.skip("月") {
		return expDate
	}
	d, dd := p.digits()
	if dd < 1 || dd > 2 || !(p.skip("日") || p.skip("号")) {
		return expDate
	}
	f.year, f.month, f.day = year, m, d
	return p.tail(f, true)
}

// dayFirstForms reads values that start with a 1-2 digit number: numeric
// D/M/Y or M/D/Y (order decided later) and day-month-name-year forms such
// as Jira's 10/Nov/25, 10 Nov 2025, 10. November 2025, 10 de nov. de 2025.
func dayFirstForms(p *scanner, n1 int, f *fields) string {
	if p.done() {
		return expDate
	}
	if c := p.s[p.i]; c == '/' || c == '-' || c == '.' {
		p.i++
		if isDigit(p.peek()) {
			n2, d2 := p.digits()
			if d2 < 1 || d2 > 2 {
				return expDate
			}
			if p.peek() != c {
				if p.done() {
					return expNoYear
				}
				return expDate
			}
			p.i++
			y, dy := p.digits()
			year, ok := fullYear(y, dy)
			if !ok {
				return expDate
			}
			f.numeric, f.first, f.second, f.year, f.sep = true, n1, n2, year, c
			return p.tail(f, false)
		}
	}
	p.spaces()
	p.filler()
	m := monthNumber(p.word())
	if m == 0 {
		return expDate
	}
	if p.peek() == '.' {
		p.i++
	}
	if c := p.peek(); c == '/' || c == '-' || c == '.' || c == ',' {
		p.i++
	}
	p.spaces()
	p.filler()
	y, dy := p.digits()
	year, ok := fullYear(y, dy)
	if !ok {
		if dy == 0 {
			return expNoYear
		}
		return expDate
	}
	f.year, f.month, f.day = year, m, n1
	return p.tail(f, false)
}

// namedForms reads values that start with a word: an optional weekday, then
// Nov 10, 2025 / November 10 2025 / Nov. 10th, 2025 or the ctime form
// Tue Nov 10 16:51:00 2025.
func namedForms(s string, f *fields) string {
	p := scanner{s: s}
	w := p.word()
	if w == "" {
		return expDate
	}
	if isWeekday(w) {
		if p.peek() == '.' {
			p.i++
		}
		if p.peek() == ',' {
			p.i++
		}
		p.spaces()
		if isDigit(p.peek()) {
			n, dn := p.digits()
			if dn < 1 || dn > 2 {
				return expDate
			}
			return dayFirstForms(&p, n, f)
		}
		w = p.word()
	}
	m := monthNumber(w)
	if m == 0 {
		return expDate
	}
	if p.peek() == '.' {
		p.i++
	}
	p.spaces()
	d, dd := p.digits()
	if dd < 1 || dd > 2 {
		if dd == 0 && p.done() {
			return expNoYear
		}
		return expDate
	}
	p.ordinal()
	f.month, f.day = m, d
	save := p.i
	p.spaces()
	if q := p.i; isDigit(p.peek()) {
		p.digits()
		if p.peek() == ':' { // ctime: the time comes before the year
			p.i = q
			if why := p.clock(f); why != "" {
				return why
			}
			y, dy := p.digits()
			if dy != 4 {
				if dy == 0 && p.done() {
					return expNoYear
				}
				return expDate
			}
			p.spaces()
			if !p.done() {
				return expDate
			}
			f.year = y
			return ""
		}
	}
	p.i = save
	if p.peek() == ',' {
		p.i++
	}
	p.spaces()
	y, dy := p.digits()
	if dy != 4 {
		if dy == 0 && p.done() {
			return expNoYear
		}
		return expDate
	}
	f.year = y
	return p.tail(f, false)
}

// fullYear turns a 2- or 4-digit year into a full one (yy < 70 is 20yy).
func fullYear(y, digits int) (int, bool) {
	switch digits {
	case 4:
		return y, true
	case 2:
		if y < 70 {
			return 2000 + y, true
		}
		return 1900 + y, true
	}
	return 0, false
}

// scanner walks a value byte by byte; every method stops at the end of the
// string, so no input can index out of range.
type scanner struct {
	s string
	i int
}

func (p *scanner) done() bool { return p.i >= len(p.s) }

func (p *scanner) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// digits reads a run of digits: its value (exact up to 18 digits) and length.
func (p *scanner) digits() (v, n int) {
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c < '0' || c > '9' {
			break
		}
		if n < 18 {
			v = v*10 + int(c-'0')
		}
		n++
		p.i++
	}
	return v, n
}

// fraction reads the digits of a decimal fraction as nanoseconds.
func (p *scanner) fraction() int {
	ns, n := 0, 0
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		if n < 9 {
			ns = ns*10 + int(p.s[p.i]-'0')
			n++
		}
		p.i++
	}
	for ; n < 9; n++ {
		ns *= 10
	}
	return ns
}

// spaces skips blanks, including the no-break spaces that exports and
// newer locale data (U+202F before AM/PM) put in dates.
func (p *scanner) spaces() int {
	n := 0
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ' ' || c == '\t':
			p.i++
		case c == 0xC2 && strings.HasPrefix(p.s[p.i:], "\u00a0"):
			p.i += 2
		case c == 0xE2 && strings.HasPrefix(p.s[p.i:], "\u202f"):
			p.i += 3
		case c == 0xE3 && strings.HasPrefix(p.s[p.i:], "\u3000"):
			p.i += 3
		default:
			return n
		}
		n++
	}
	return n
}

func (p *scanner) skip(prefix string) bool {
	if strings.HasPrefix(p.s[p.i:], prefix) {
		p.i += len(prefix)
		return true
	}
	return false
}

// word reads a run of letters (Latin and accented; not CJK, whose
// characters are markers such as 年 and 下午 here).
func (p *scanner) word() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) {
				p.i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if !unicode.IsLetter(r) || unicode.Is(unicode.Han, r) {
			break
		}
		p.i += n
	}
	return p.s[start:p.i]
}

// filler skips the linking words of spelled-out dates: "10 de noviembre de 2025", "10th of November".
func (p *scanner) filler() {
	r := p.s[p.i:]
	for _, w := range [...]string{"de ", "del ", "of "} {
		if hasPrefixFold(r, w) {
			p.i += len(w)
			p.spaces()
			return
		}
	}
}

// ordinal skips an English ordinal suffix (10th, 1st).
func (p *scanner) ordinal() {
	r := p.s[p.i:]
	if len(r) < 2 || (len(r) > 2 && isASCIILetter(r[2])) {
		return
	}
	for _, w := range [...]string{"st", "nd", "rd", "th"} {
		if hasPrefixFold(r, w) {
			p.i += 2
			return
		}
	}
}

// tail reads what follows a date: nothing, or a separator (space, T, comma,
// "at") and a time of day. loose allows no separator (2025年11月11日14:05).
func (p *scanner) tail(f *fields, loose bool) string {
	if p.done() {
		return ""
	}
	if c := p.s[p.i]; c == 'T' || c == 't' {
		p.i++
	} else {
		n := p.spaces()
		if p.peek() == ',' {
			p.i++
			n += 1 + p.spaces()
		}
		if n == 0 && !loose {
			return expDate
		}
		if hasPrefixFold(p.s[p.i:], "at ") {
			p.i += 3
			p.spaces()
		}
	}
	if why := p.clock(f); why != "" {
		return why
	}
	if !p.done() {
		return expDate
	}
	return ""
}

const (
	noMeridiem = iota
	ante
	post
)

// clock reads h:mm[:ss[.fff]], an AM/PM marker (before or after) and a
// zone, and the blanks after them.
func (p *scanner) clock(f *fields) string {
	mer := p.meridiemCJK()
	if mer != noMeridiem {
		p.spaces()
	}
	h, dh := p.digits()
	if dh < 1 || dh > 2 || p.peek() != ':' {
		return expDate
	}
	p.i++
	mi, dm := p.digits()
	if dm != 2 {
		return expDate
	}
	sec := 0
	if p.peek() == ':' {
		p.i++
		var ds int
		sec, ds = p.digits()
		if ds != 2 {
			return expDate
		}
		if c := p.peek(); (c == '.' || c == ',') && p.i+1 < len(p.s) && isDigit(p.s[p.i+1]) {
			p.i++
			f.nsec = p.fraction()
		}
	}
	p.spaces()
	if mer == noMeridiem {
		if mer = p.meridiem(); mer != noMeridiem {
			p.spaces()
		}
	}
	if mer != noMeridiem {
		if h < 1 || h > 12 {
			return expHour12
		}
		if h == 12 {
			h = 0
		}
		if mer == post {
			h += 12
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return expTime
	}
	f.hour, f.min, f.sec, f.hasTime = h, mi, sec, true
	return p.zone(f)
}

// meridiem reads am, pm, a.m., p.m., "a. m." (Spanish locales) or a
// Chinese marker after the time.
func (p *scanner) meridiem() int {
	r := p.s[p.i:]
	if len(r) == 0 {
		return noMeridiem
	}
	var kind int
	switch r[0] | 0x20 {
	case 'a':
		kind = ante
	case 'p':
		kind = post
	default:
		return p.meridiemCJK()
	}
	j := 1
	if j < len(r) && r[j] == '.' {
		j++
		for j < len(r) && r[j] == ' ' {
			j++
		}
	}
	if j >= len(r) || r[j]|0x20 != 'm' {
		return noMeridiem
	}
	j++
	if j < len(r) && r[j] == '.' {
		j++
	}
	if j < len(r) && isASCIILetter(r[j]) {
		return noMeridiem
	}
	p.i += j
	return kind
}

// meridiemCJK reads the Chinese half-day markers (上午 morning, 下午
// afternoon, ...), which usually come before the time.
func (p *scanner) meridiemCJK() int {
	r := p.s[p.i:]
	if len(r) < 6 || r[0] < utf8.RuneSelf {
		return noMeridiem
	}
	switch r[:6] {
	case "上午", "凌晨", "早上", "早晨":
		p.i += 6
		return ante
	case "下午", "晚上", "中午":
		p.i += 6
		return post
	}
	return noMeridiem
}

// zone reads Z, UTC, GMT, +08:00, +0800, +08 (also UTC+8) and the blanks
// after it. Anything else is left for the caller, which rejects it: zone
// abbreviations such as CST mean different zones in different places.
func (p *scanner) zone(f *fields) string {
	r := p.s[p.i:]
	if len(r) == 0 {
		return ""
	}
	switch {
	case r[0] == 'Z' || r[0] == 'z':
		if len(r) > 1 && isASCIILetter(r[1]) {
			return expDate
		}
		p.i++
		f.hasZone, f.offset = true, 0
		p.spaces()
		return ""
	case hasPrefixFold(r, "utc") || hasPrefixFold(r, "gmt"):
		p.i += 3
		f.hasZone, f.offset = true, 0
		if c := p.peek(); c == '+' || c == '-' {
			return p.offset(f)
		}
		if isASCIILetter(p.peek()) {
			return expDate
		}
		p.spaces()
		return ""
	case r[0] == '+' || r[0] == '-':
		return p.offset(f)
	}
	return ""
}

func (p *scanner) offset(f *fields) string {
	sign := 1
	if p.s[p.i] == '-' {
		sign = -1
	}
	p.i++
	v, n := p.digits()
	var h, m int
	switch n {
	case 1, 2:
		h = v
		if p.peek() == ':' {
			p.i++
			var dm int
			m, dm = p.digits()
			if dm != 2 {
				return expZone
			}
		}
	case 4:
		h, m = v/100, v%100
	default:
		return expZone
	}
	if h > 18 || m > 59 {
		return expZone
	}
	f.hasZone, f.offset = true, sign*(h*3600+m*60)
	p.spaces()
	return ""
}

func isDigit(c byte) bool       { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

// isPlainNumber reports whether s is digits[.digits][e[+-]digits].
func isPlainNumber(s string) bool {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && s[i]|0x20 == 'e' {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == j {
			return false
		}
	}
	return i == len(s)
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
