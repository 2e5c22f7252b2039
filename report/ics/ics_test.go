package ics

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

// unfold joins iCalendar continuation lines and checks the line endings.
func unfold(t *testing.T, data []byte) []string {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("file does not end with CRLF")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("bare CR or LF in %q", l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func TestICS(t *testing.T) {
	m := reporttest.Model(t, "en")
	dir := filepath.Join(t.TempDir(), "ics")
	writeCalendars(t, m, dir)
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(m.Agents) {
		t.Fatalf("%d files, want one per agent (%d)", len(entries), len(m.Agents))
	}
	for _, a := range m.Agents {
		data, err := os.ReadFile(filepath.Join(dir, a.ID+".ics"))
		if err != nil {
			t.Fatal(err)
		}
		lines := unfold(t, data)
		var stack []string
		events, starts, ends := 0, 0, 0
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "BEGIN:"):
				stack = append(stack, l[6:])
				if l == "BEGIN:VEVENT" {
					events++
				}
			case strings.HasPrefix(l, "END:"):
				if len(stack) == 0 || stack[len(stack)-1] != l[4:] {
					t.Fatalf("%s: unbalanced %q", a.ID, l)
				}
				stack = stack[:len(stack)-1]
			case strings.HasPrefix(l, "DTSTART;TZID=America/New_York:"):
				starts++
			case strings.HasPrefix(l, "DTEND;TZID=America/New_York:"):
				ends++
			}
		}
		if len(stack) != 0 {
			t.Errorf("%s: unclosed %v", a.ID, stack)
		}
		if events != len(a.Shifts) || starts != events || ends != events {
			t.Errorf("%s: %d events, %d DTSTART, %d DTEND, want %d shifts", a.ID, events, starts, ends, len(a.Shifts))
		}
		if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
			t.Errorf("%s: not a calendar", a.ID)
		}
	}
	// Agent 1, Monday: 07:00-15:30 New York time, breaks in the description.
	data, _ := os.ReadFile(filepath.Join(dir, "A001.ics"))
	lines := unfold(t, data)
	for _, want := range []string{
		"DTSTART;TZID=America/New_York:20261123T070000",
		"DTEND;TZID=America/New_York:20261123T153000",
		`DESCRIPTION:Breaks:\nBreak 09:00-09:15 (paid)\nBreak 11:00-11:30 (unpaid)\nHours: 8.00\nTeam: Orders`,
		"SUMMARY:Shift 07:00-15:30 (Lead)",
		"TZID:America/New_York",
	} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("A001.ics lacks %q", want)
		}
	}
}

// TestVTimezone checks the zone definitions against the published rules:
// US clocks go back from EDT (-0400) to EST (-0500) at 02:00 on the first
// Sunday of November (2026-11-01); China keeps +0800 all year.
func TestVTimezone(t *testing.T) {
	tests := []struct {
		zone  string
		start time.Time
		want  []string
	}{
		{"America/New_York", time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC), []string{
			"BEGIN:DAYLIGHT", "DTSTART:20261019T000000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0400", "TZNAME:EDT", "END:DAYLIGHT",
			"BEGIN:STANDARD", "DTSTART:20261101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "END:STANDARD",
		}},
		{"Asia/Shanghai", time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC), []string{
			"BEGIN:STANDARD", "DTSTART:20261029T000000", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD",
		}},
	}
	for _, tc := range tests {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Skip(err)
		}
		d := time.Date(tc.start.Year(), tc.start.Month(), tc.start.Day(), 0, 0, 0, 0, loc)
		rv, err := report.NewView(&report.Model{Season: report.DateRange{Start: d, End: d.AddDate(0, 0, 9)}, Loc: loc})
		if err != nil {
			t.Fatal(err)
		}
		got := (&view{rv}).vtimezone()
		want := append(append([]string{"BEGIN:VTIMEZONE", "TZID:" + tc.zone}, tc.want...), "END:VTIMEZONE")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.zone, got, want)
		}
	}
}

func TestICSUTC(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Loc = time.UTC
	dir := t.TempDir()
	writeCalendars(t, m, dir)
	data, _ := os.ReadFile(filepath.Join(dir, "A001.ics"))
	s := string(data)
	// 07:00 in New York on 23 Nov is 12:00 UTC.
	if !strings.Contains(s, "DTSTART:20261123T120000Z") || strings.Contains(s, "VTIMEZONE") {
		t.Errorf("UTC calendar:\n%s", s[:min(len(s), 600)])
	}
}

func TestICSNoShifts(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Agents[3].Shifts = nil
	cals, err := Calendars(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(cals) != len(m.Agents)-1 {
		t.Errorf("%d calendars for %d agents, one without shifts", len(cals), len(m.Agents))
	}
	for _, c := range cals {
		if c.AgentID == "A004" || c.Name == "A004.ics" {
			t.Error("calendar without events (RFC 5545 needs at least one component)")
		}
	}
	m.Agents = nil
	if cals, err := Calendars(m); err != nil || len(cals) != 0 {
		t.Errorf("a plan without a roster: %d calendars, %v", len(cals), err)
	}
}

func TestICSFileNames(t *testing.T) {
	agents := []report.Agent{{ID: "A1"}, {ID: "../etc/passwd"}, {ID: "a1"}, {ID: "CON"}, {ID: "王小明"}, {ID: "x/y"}, {ID: "x_y"}, {ID: "..."}}
	got := fileNames(agents)
	want := []string{"A1.ics", "_etc_passwd.ics", "a1_2.ics", "agent_CON.ics", "王小明.ics", "x_y.ics", "x_y_2.ics", "agent_.ics"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%q -> %q, want %q", agents[i].ID, got[i], want[i])
		}
	}
}

// FuzzICSLine: a folded, escaped line unfolds and unescapes to the cleaned
// text, and no physical line is longer than 75 octets.
func FuzzICSLine(f *testing.F) {
	for _, s := range []string{"", "a", "Break 12:00-12:30; paid, yes\\no", strings.Repeat("王", 60), "x\r\ny\nz\r", strings.Repeat("é", 80)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		iw := &icsWriter{w: &buf}
		iw.line("DESCRIPTION:" + icsText(s))
		out := buf.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatal("no CRLF")
		}
		var joined strings.Builder
		for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line %d has %d octets", i, len(l))
			}
			if !utf8.ValidString(l) {
				t.Fatalf("line %d splits a character: %q", i, l)
			}
			if i > 0 {
				l = strings.TrimPrefix(l, " ")
			}
			joined.WriteString(l)
		}
		val := strings.TrimPrefix(joined.String(), "DESCRIPTION:")
		unesc := strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(val)
		want := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(report.CleanText(s))
		if unesc != want {
			t.Fatalf("round trip of %q gave %q", want, unesc)
		}
	})
}

// writeCalendars writes every calendar of m into dir, as the plan command
// does.
func writeCalendars(t *testing.T, m *report.Model, dir string) {
	t.Helper()
	cals, err := Calendars(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range cals {
		var b bytes.Buffer
		if err := c.Write(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.Name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCalendarsInvalid: an invalid model is a *report.ModelError.
func TestCalendarsInvalid(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Lang = "fr"
	if cals, err := Calendars(m); !errors.Is(err, report.ErrInvalidModel) || cals != nil {
		t.Errorf("invalid model: %v, %d calendars", err, len(cals))
	}
}

// TestICSReserve: a reserve event says it is on-call duty and gives no
// hours, as roster.csv gives none (tester C, finding 2: "Hours: 4.00").
// Agent 40 is only on call; agent 9 works and is on call after the shift
// on the peak days.
func TestICSReserve(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := reporttest.Model(t, lang)
		dir := t.TempDir()
		writeCalendars(t, m, dir)
		L := func(k string) string { return report.T(lang, k) }
		for _, id := range []string{"A040", "A009"} {
			data, err := os.ReadFile(filepath.Join(dir, id+".ics"))
			if err != nil {
				t.Fatal(err)
			}
			reserve, shifts := 0, 0
			var summary string
			for _, l := range unfold(t, data) {
				switch {
				case strings.HasPrefix(l, "SUMMARY:"):
					summary = l
				case strings.HasPrefix(l, "DESCRIPTION:"):
					onCall := strings.HasPrefix(summary, "SUMMARY:"+L("on_call_ev")+" ")
					hours := strings.Contains(l, L("hours")+": ")
					switch {
					case onCall && !hours && strings.Contains(l, icsText(L("on_call_txt"))):
						reserve++
					case !onCall && hours:
						shifts++
					default:
						t.Errorf("%s %s: %s with %s", lang, id, summary, l)
					}
				}
			}
			want := 0
			for _, sh := range m.Agents[map[string]int{"A040": 39, "A009": 8}[id]].Shifts {
				if sh.Reserve {
					want++
				}
			}
			if reserve != want || want == 0 || id == "A009" && shifts == 0 || id == "A040" && shifts != 0 {
				t.Errorf("%s %s: %d on-call events (want %d), %d shifts", lang, id, reserve, want, shifts)
			}
		}
	}
}
