// Package ics writes one iCalendar file per agent from a report.Model.
package ics

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peakstaff/peakstaff/report"
)

// Calendar is one agent's iCalendar file: its name, safe on every file
// system and unique in the model, and the writer of its content.
type Calendar struct {
	Name    string // "<agent id>.ics", see fileNames
	AgentID string
	Write   func(w io.Writer) error
}

// Calendars returns one iCalendar file (RFC 5545) per agent with shifts,
// in the model's order; the caller decides where they go (the plan command
// writes them into <out>/ics, each file atomically). Each shift is a
// VEVENT whose description lists its breaks. Times carry the TZID of the
// model's zone, defined by a VTIMEZONE with every offset change in the
// season, so calendars show the plan's wall-clock times; a UTC model
// writes UTC times ("Z") instead. An invalid model is a
// *report.ModelError.
func Calendars(m *report.Model) ([]Calendar, error) {
	rv, err := report.NewView(m)
	if err != nil {
		return nil, err
	}
	v := &view{rv}
	names := fileNames(m.Agents)
	tz := v.vtimezone()
	var out []Calendar
	for i, a := range m.Agents {
		if len(a.Shifts) == 0 {
			continue
		}
		out = append(out, Calendar{Name: names[i], AgentID: a.ID, Write: func(w io.Writer) error {
			return v.writeICS(w, i, tz)
		}})
	}
	return out, nil
}

// view is the prepared model with the calendar's own helpers.
type view struct{ *report.View }

// fileNames turns agent IDs into file names that are safe on every
// file system: letters, digits, '-', '_' and '.' stay, anything else
// becomes '_'; clashes (and names only Windows reserves) get a suffix.
func fileNames(agents []report.Agent) []string {
	out := make([]string, len(agents))
	used := map[string]bool{}
	for i, a := range agents {
		base := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
				return r
			}
			return '_'
		}, a.ID)
		base = strings.TrimLeft(base, ".")
		if len(base) > 100 {
			base = base[:100]
			for !utf8.ValidString(base) {
				base = base[:len(base)-1]
			}
		}
		if base == "" || windowsReserved(base) {
			base = "agent_" + base
		}
		name := base + ".ics"
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s_%d.ics", base, n)
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func windowsReserved(s string) bool {
	u := strings.ToUpper(strings.SplitN(s, ".", 2)[0])
	switch u {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '1' && u[3] <= '9'
}

// icsWriter writes content lines folded at 75 octets and ended by CRLF,
// as RFC 5545 section 3.1 asks; folding never splits a UTF-8 sequence.
type icsWriter struct {
	w   io.Writer
	err error
}

func (iw *icsWriter) line(s string) {
	if iw.err != nil {
		return
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		size := utf8.RuneLen(r)
		if size < 0 {
			size, r = 3, utf8.RuneError
		}
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	_, iw.err = io.WriteString(iw.w, b.String())
}

// icsText escapes a TEXT value (RFC 5545 section 3.3.11).
func icsText(s string) string {
	s = report.CleanText(s)
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icsTime is a DATE-TIME property value: local with TZID, or UTC.
func (v *view) icsTime(prop string, t time.Time) string {
	if v.Loc == time.UTC {
		return prop + ":" + t.UTC().Format("20060102T150405Z")
	}
	return prop + ";TZID=" + icsParam(v.Loc.String()) + ":" + t.In(v.Loc).Format("20060102T150405")
}

// icsParam quotes a parameter value that holds a character RFC 5545 only
// allows inside quotes.
func icsParam(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

func (v *view) writeICS(w io.Writer, ai int, tz []string) error {
	a := v.Model.Agents[ai]
	L := func(k string) string { return report.T(v.Lang, k) }
	iw := &icsWriter{w: w}
	iw.line("BEGIN:VCALENDAR")
	iw.line("VERSION:2.0")
	iw.line("PRODID:-//peakstaff//report//" + strings.ToUpper(v.Lang))
	iw.line("CALSCALE:GREGORIAN")
	iw.line("METHOD:PUBLISH")
	name := a.Name
	if name == "" {
		name = a.ID
	}
	iw.line("X-WR-CALNAME:" + icsText(name+" — "+v.Model.Title))
	if v.Loc != time.UTC {
		iw.line("X-WR-TIMEZONE:" + icsText(v.Loc.String()))
	}
	for _, l := range tz {
		iw.line(l)
	}
	stamp := v.Model.Generated
	if stamp.IsZero() {
		stamp = time.Unix(0, 0)
	}
	for _, s := range v.Shifts[ai] {
		iw.line("BEGIN:VEVENT")
		iw.line("UID:" + icsText(fmt.Sprintf("%s-%s@peakstaff", a.ID, s.Start.UTC().Format("20060102T150405Z"))))
		iw.line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		iw.line(v.icsTime("DTSTART", s.Start))
		iw.line(v.icsTime("DTEND", s.End))
		summary := L("shift") + " " + v.ShiftText(s)
		if s.Lead {
			summary += " (" + L("lead") + ")"
		}
		if s.Reserve {
			summary = L("on_call_ev") + " " + v.ShiftText(s) + " (" + L("reserve") + ")"
		}
		iw.line("SUMMARY:" + icsText(summary))
		var desc []string
		if len(s.Breaks) > 0 {
			desc = append(desc, L("breaks")+":")
			for _, b := range s.Breaks {
				paid := L("unpaid")
				if b.Paid {
					paid = L("paid")
				}
				desc = append(desc, fmt.Sprintf("%s %s-%s (%s)", L("break"), v.Clock(b.Start), v.Clock(b.End), paid))
			}
		}
		if s.Reserve {
			// on call, not paid work: no hours, as in roster.csv
			desc = append(desc, L("on_call_txt"))
		} else {
			desc = append(desc, fmt.Sprintf("%s: %s", L("hours"), report.FmtNum(s.Hours(), 2)))
		}
		if a.Team != "" {
			desc = append(desc, L("team")+": "+a.Team)
		}
		iw.line("DESCRIPTION:" + icsText(strings.Join(desc, "\n")))
		if s.Reserve {
			iw.line("TRANSP:TRANSPARENT")
		} else {
			iw.line("TRANSP:OPAQUE")
		}
		iw.line("END:VEVENT")
	}
	iw.line("END:VCALENDAR")
	return iw.err
}

// vtimezone describes the model's zone over the season (and a week on each
// side, for night shifts) as RFC 5545 observances: the offset in force at
// the start, then one STANDARD or DAYLIGHT per change, each with its exact
// DTSTART, so no recurrence rule has to match Go's zone database.
func (v *view) vtimezone() []string {
	if v.Loc == time.UTC {
		return nil
	}
	from := v.Days[0].AddDate(0, 0, -7)
	to := report.NextDay(v.Days[len(v.Days)-1]).AddDate(0, 0, 7)
	for _, a := range v.Model.Agents {
		for _, s := range a.Shifts {
			if s.Start.Before(from) {
				from = s.Start.AddDate(0, 0, -1)
			}
			if s.End.After(to) {
				to = s.End.AddDate(0, 0, 1)
			}
		}
	}
	lines := []string{"BEGIN:VTIMEZONE", "TZID:" + icsParam(v.Loc.String())}
	obs := func(t time.Time, offFrom int) {
		t = t.In(v.Loc)
		name, off := t.Zone()
		kind := "STANDARD"
		if t.IsDST() {
			kind = "DAYLIGHT"
		}
		// DTSTART is the local time of the change as the clocks before it read.
		start := t.UTC().Add(time.Duration(offFrom) * time.Second)
		lines = append(lines, "BEGIN:"+kind,
			"DTSTART:"+start.Format("20060102T150405"),
			"TZOFFSETFROM:"+icsOffset(offFrom),
			"TZOFFSETTO:"+icsOffset(off))
		if name != "" && !strings.HasPrefix(name, "+") && !strings.HasPrefix(name, "-") {
			lines = append(lines, "TZNAME:"+icsText(name))
		}
		lines = append(lines, "END:"+kind)
	}
	_, off0 := from.In(v.Loc).Zone()
	obs(from, off0)
	prev := off0
	prevDST := from.In(v.Loc).IsDST()
	// Zones change offset at most a few times a year and never twice in an
	// hour: step by hours, then bisect each change to the second.
	for t := from; t.Before(to); {
		next := t.Add(time.Hour)
		nt := next.In(v.Loc)
		_, off := nt.Zone()
		if off != prev || nt.IsDST() != prevDST {
			lo, hi := t, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				_, mo := mid.In(v.Loc).Zone()
				if mo == prev && mid.In(v.Loc).IsDST() == prevDST {
					lo = mid
				} else {
					hi = mid
				}
			}
			obs(hi, prev)
			prev, prevDST = off, nt.IsDST()
		}
		t = next
	}
	return append(lines, "END:VTIMEZONE")
}

// icsOffset is a UTC-OFFSET value: +0800, -0430, +053000.
func icsOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
