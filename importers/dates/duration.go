package dates

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unit is the unit of plain numbers in a duration column.
type Unit int

const (
	Seconds Unit = iota
	Minutes
	Hours
	Days
)

func (u Unit) String() string {
	switch u {
	case Seconds:
		return "seconds"
	case Minutes:
		return "minutes"
	case Hours:
		return "hours"
	case Days:
		return "days"
	}
	return "Unit(" + strconv.Itoa(int(u)) + ")"
}

func (u Unit) seconds() (float64, bool) {
	switch u {
	case Seconds:
		return 1, true
	case Minutes:
		return 60, true
	case Hours:
		return 3600, true
	case Days:
		return 86400, true
	}
	return 0, false
}

// unitWords are the spelled units of "2d 3h", "90 min", "3.5 hrs", "1小时30分钟".
var unitWords = map[string]float64{
	"ms": 0.001, "msec": 0.001, "millisecond": 0.001, "milliseconds": 0.001,
	"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "seg": 1, "segs": 1, "segundo": 1, "segundos": 1,
	"sek": 1, "sekunde": 1, "sekunden": 1, "seconde": 1, "secondes": 1, "秒": 1,
	"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60, "minuto": 60, "minutos": 60, "minuten": 60, "mn": 60,
	"分": 60, "分钟": 60, "分鐘": 60,
	"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "hora": 3600, "horas": 3600,
	"std": 3600, "stunde": 3600, "stunden": 3600, "heure": 3600, "heures": 3600, "小时": 3600, "小時": 3600, "时": 3600,
	"d": 86400, "day": 86400, "days": 86400, "dia": 86400, "dias": 86400, "día": 86400, "días": 86400,
	"tag": 86400, "tage": 86400, "jour": 86400, "jours": 86400, "天": 86400, "日": 86400,
	"w": 604800, "wk": 604800, "wks": 604800, "week": 604800, "weeks": 604800,
}

// ReadDuration returns a duration in seconds. Plain numbers are in unit,
// with a decimal comma ("1,5") or thousands separators ("1,234.5",
// "1.234,5"); clocks "h:mm", "hh:mm:ss" and "[h]:mm:ss" values with hours
// past 24 ("36:15:00"); "1 day 02:00:00"; spelled units ("2d 3h 4m 5s",
// "1h 30m", "45s", "90 min", "3.5 hrs", "1h30"). Negative, empty, NaN and
// infinite values are ErrBadDuration; Zendesk Explore brackets ("0-1 hrs",
// ">24 hrs") and labels ("No replies", "-") are ErrBracket.
//
// When serial is true (the value comes from XLSX) a plain number is an
// Excel day fraction (seconds = v × 86400, rounded to the second) only when
// its text says so: an exponent ("1.655E-3" = 143 s) or a value below 1 with
// more than 6 decimals. Otherwise it is in unit, since XLSX exports also
// hold plain counts of seconds or minutes.
//
// It does not call civil.ParseDuration, which reads plans and flags: there
// a bare number is seconds and Go's units (ms, µs) are allowed; here a bare
// number is in the column's unit and the units are the exports' words.
func ReadDuration(s string, unit Unit, serial bool) (float64, error) {
	per, ok := unit.seconds()
	if !ok {
		return 0, &ValueError{Value: s, Expected: "a duration column with a known unit (seconds, minutes, hours or days)", Err: ErrBadDuration}
	}
	t := strings.TrimSpace(s)
	if n := len(t); n > 0 && n <= 15 && allDigits(t) { // the common case: whole seconds or minutes
		v, _ := strconv.ParseInt(t, 10, 64)
		return float64(v) * per, nil
	}
	switch {
	case t == "":
		return 0, badDuration(s, unit)
	case isNonFinite(t):
		return 0, &ValueError{Value: s, Expected: "a finite duration", Err: ErrBadDuration}
	case (t[0] == '-' || strings.HasPrefix(t, "−")) && containsDigit(t):
		return 0, &ValueError{Value: s, Expected: "a duration of zero or more", Err: ErrBadDuration}
	case isBracket(t):
		return 0, &ValueError{Value: s, Expected: "a number; brackets such as 1-8 hrs are categories and are not turned into numbers", Err: ErrBracket}
	}
	if v, decimals, exp, ok := decimalNumber(t); ok {
		if serial && (exp || (v < 1 && decimals > 6)) {
			v = math.Round(v * 86400)
		} else {
			v *= per
		}
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, &ValueError{Value: s, Expected: "a finite duration", Err: ErrBadDuration}
		}
		return v, nil
	}
	if v, ok := spelled(t); ok {
		return v, nil
	}
	return 0, badDuration(s, unit)
}

func badDuration(s string, unit Unit) error {
	return &ValueError{Value: s, Expected: "a number of " + unit.String() + " or a duration such as 1:30:00, 36:15:00, 1h 30m or 2d 3h", Err: ErrBadDuration}
}

func isNonFinite(t string) bool {
	if t[0] == '+' || t[0] == '-' {
		t = t[1:]
	}
	var buf [64]byte
	k := lowerKey(&buf, t)
	switch string(k) {
	case "nan", "inf", "infinity", "∞":
		return true
	}
	return false
}

func containsDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// isBracket recognises categorical durations: ranges ("0-1 hrs",
// "7–30 days", "1 to 8 hours"), open ends (">24 hrs", "30+ days",
// "more than 30 days") and labels without a number ("No replies", "-").
func isBracket(t string) bool {
	switch {
	case t[0] == '>' || t[0] == '<':
		return true
	case strings.HasPrefix(t, "≥") || strings.HasPrefix(t, "≤") || strings.HasPrefix(t, "＞") || strings.HasPrefix(t, "＜"):
		return true
	case strings.HasSuffix(t, "+"):
		return true
	case strings.Contains(t, "+ ") || strings.Contains(t, "+\u00a0"): // "30+ days"
		return true
	case !containsDigit(t):
		return true
	}
	for _, w := range [...]string{"more than ", "less than ", "over ", "under ", "up to ", "at least ", "mais de ", "menos de ", "más de "} {
		if hasPrefixFold(t, w) {
			return true
		}
	}
	p := scanner{s: t}
	if _, n := p.digits(); n == 0 {
		return false
	}
	if c := p.peek(); c == '.' || c == ',' {
		p.i++
		p.digits()
	}
	p.spaces()
	switch {
	case p.skip("-"), p.skip("–"), p.skip("—"):
	case hasPrefixFold(p.s[p.i:], "to "):
		p.i += 3
	default:
		return false
	}
	p.spaces()
	if _, n := p.digits(); n == 0 {
		return false
	}
	if c := p.peek(); c == '.' || c == ',' {
		p.i++
		p.digits()
	}
	p.spaces()
	p.unitWord()
	p.spaces()
	return p.done()
}

// decimalNumber reads a plain number with an optional decimal point or
// comma, thousands separators and exponent. decimals counts the digits
// after the decimal separator. A lone comma followed by exactly three
// digits ("1,234") is a thousands separator, as in the exports' counts.
func decimalNumber(t string) (v float64, decimals int, exp, ok bool) {
	if len(t) > 60 || !isDigit(t[0]) {
		return 0, 0, false, false
	}
	mant := t
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		mant, exp = t[:i], true
	}
	dots, commas := strings.Count(mant, "."), strings.Count(mant, ",")
	var dec, thou byte
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndexByte(mant, '.') > strings.LastIndexByte(mant, ',') {
			dec, thou = '.', ','
		} else {
			dec, thou = ',', '.'
		}
	case commas > 1:
		thou = ','
	case commas == 1:
		i := strings.IndexByte(mant, ',')
		if len(mant)-i-1 == 3 && i <= 3 && mant[:i] != "0" && !exp {
			thou = ','
		} else {
			dec = ','
		}
	case dots > 1:
		thou = '.'
	case dots == 1:
		dec = '.'
	}
	var buf [64]byte
	b := buf[:0]
	group, seenThou, seenDec := 0, false, false
	for i := 0; i < len(mant); i++ {
		c := mant[i]
		switch {
		case isDigit(c):
			b = append(b, c)
			group++
			if seenDec {
				decimals++
			}
		case c == thou && !seenDec:
			// groups after the first must be three digits
			if group == 0 || (seenThou && group != 3) || (!seenThou && group > 3) {
				return 0, 0, false, false
			}
			seenThou, group = true, 0
		case c == dec && !seenDec:
			if seenThou && group != 3 {
				return 0, 0, false, false
			}
			b = append(b, '.')
			seenDec = true
		default:
			return 0, 0, false, false
		}
	}
	if seenThou && !seenDec && group != 3 {
		return 0, 0, false, false
	}
	if exp {
		e := t[len(mant)+1:]
		j := 0
		if j < len(e) && (e[j] == '+' || e[j] == '-') {
			j++
		}
		if j == len(e) || !allDigits(e[j:]) {
			return 0, 0, false, false
		}
		b = append(b, 'e')
		b = append(b, e...)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil && !isRangeErr(err) {
		return 0, 0, false, false
	}
	return f, decimals, exp, true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// spelled reads clocks and spelled units: "36:15:00", "1 day 02:00:00",
// "2d 3h 4m 5s", "1h 30m", "1h30" (a bare number after hours is minutes,
// after minutes seconds), "1小时30分钟". Each unit is allowed once.
func spelled(t string) (float64, bool) {
	p := scanner{s: t}
	total, last := 0.0, 0.0
	var used [8]bool
	for {
		p.spaces()
		if p.done() {
			break
		}
		if p.peek() == ',' {
			p.i++
			continue
		}
		if hasPrefixFold(p.s[p.i:], "and ") {
			p.i += 4
			continue
		}
		start := p.i
		n, nd := p.digits()
		if nd == 0 || nd > 12 {
			return 0, false
		}
		if p.peek() == ':' {
			p.i = start
			v, ok := p.clockDuration()
			if !ok || used[7] {
				return 0, false
			}
			used[7] = true
			total += v
			last = 0
			continue
		}
		v := float64(n)
		if c := p.peek(); (c == '.' || c == ',') && p.i+1 < len(p.s) && isDigit(p.s[p.i+1]) {
			p.i++
			fs := p.i
			_, fd := p.digits()
			if fd > 12 {
				return 0, false
			}
			fv, _ := strconv.ParseFloat("0."+p.s[fs:p.i], 64)
			v += fv
		}
		p.spaces()
		w := p.unitWord()
		if w == "" {
			// "1h30": the trailing bare number is the next smaller unit
			if !p.done() || (last != 3600 && last != 60) {
				return 0, false
			}
			total += v * last / 60
			break
		}
		var buf [64]byte
		k := lowerKey(&buf, w)
		per, ok := unitWords[string(k)]
		if !ok {
			return 0, false
		}
		slot := unitSlot(per)
		if used[slot] {
			return 0, false
		}
		used[slot] = true
		total += v * per
		last = per
		if p.peek() == '.' { // "3 hrs."
			p.i++
		}
	}
	for _, u := range used {
		if u {
			return total, !math.IsInf(total, 0)
		}
	}
	return 0, false
}

func unitSlot(per float64) int {
	switch per {
	case 0.001:
		return 0
	case 1:
		return 1
	case 60:
		return 2
	case 3600:
		return 3
	case 86400:
		return 4
	}
	return 5
}

// clockDuration reads h:mm or h:mm:ss[.fff] with any number of hours;
// minutes and seconds must be below 60.
func (p *scanner) clockDuration() (float64, bool) {
	h, dh := p.digits()
	if dh < 1 || dh > 9 || p.peek() != ':' {
		return 0, false
	}
	p.i++
	m, dm := p.digits()
	if dm != 2 || m > 59 {
		return 0, false
	}
	v := float64(h*3600 + m*60)
	if p.peek() == ':' {
		p.i++
		s, ds := p.digits()
		if ds != 2 || s > 59 {
			return 0, false
		}
		v += float64(s)
		if c := p.peek(); (c == '.' || c == ',') && p.i+1 < len(p.s) && isDigit(p.s[p.i+1]) {
			p.i++
			v += float64(p.fraction()) / 1e9
		}
	}
	p.spaces()
	return v, p.done()
}

// unitWord reads a unit name: letters, CJK included.
func (p *scanner) unitWord() string {
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
		if !unicode.IsLetter(r) {
			break
		}
		p.i += n
	}
	return p.s[start:p.i]
}
