package dates

import (
	"math"
	"strings"

	"github.com/peakstaff/peakstaff/internal/civil"
)

const expClock = "a time of day such as 14:05, 14:05:09 or 2:05 PM"

// ReadClock reads a time of day on its own, as exports with a separate
// time column write it (Date 22-04-15, Time 3:53:50 PM): h:mm or h:mm:ss
// with an optional fraction and AM/PM marker, the Chinese half-day
// markers, or, from XLSX (serial), a day fraction (0.6624 = 15:53:50; a
// full serial's fraction counts the same, as Excel stores a time typed
// alone as 1899-12-30 15:53:50 or 0.6624). It returns the seconds since
// midnight, in [0, 86400). Errors are a *ValueError wrapping ErrBadDate.
//
// A plain HH:MM is the clock plans and rules are written in, read by
// civil.ParseClock; the rest (seconds, AM/PM, serials) is the exports' own.
func ReadClock(s string, serial bool) (float64, error) {
	s = strings.TrimSpace(s)
	if n := len(s); (n == 4 || n == 5) && s[n-3] == ':' { // the shape of HH:MM, so other spellings skip civil's error
		if c, err := civil.ParseClock(s); err == nil && c < civil.EndOfDay {
			return float64(c) * 60, nil
		}
	}
	if serial && isPlainNumber(s) {
		var f fields
		if why := number(s, &f); why == "" && f.plain && f.number >= 0 && f.number < 73416 {
			frac := f.number - math.Floor(f.number)
			secs := math.Round(frac*86400*1000) / 1000
			if secs >= 86400 {
				secs = 0
			}
			return secs, nil
		}
		return 0, &ValueError{Value: s, Expected: expClock + " or an Excel time (a day fraction)", Err: ErrBadDate}
	}
	var f fields
	p := scanner{s: s}
	if why := p.clock(&f); why != "" || !p.done() || f.hasZone {
		return 0, &ValueError{Value: s, Expected: expClock, Err: ErrBadDate}
	}
	return float64(f.hour*3600+f.min*60+f.sec) + float64(f.nsec)/1e9, nil
}
