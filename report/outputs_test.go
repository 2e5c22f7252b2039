package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{`<html lang="en">`, "<h2>Roster</h2>", "Forecast contacts per day", "Requirement vs coverage", "Assumptions", "80.0%", "Fri 27 Nov"}},
		{"zh", []string{`<html lang="zh-CN">`, "<h2>排班表</h2>", "每日预测进线量", "需求与覆盖", "假设", "11月27日 周五", "王小明"}},
	}
	for _, tc := range tests {
		m := testModel(t, tc.lang)
		p := filepath.Join(t.TempDir(), "report.html")
		if err := WriteHTML(m, p, false, nil); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: page lacks %q", tc.lang, w)
			}
		}
		// Charts are inline SVG: one forecast chart and one panel per day.
		if n := strings.Count(page, "<svg"); n != 1+7 {
			t.Errorf("%s: %d inline SVGs, want 8", tc.lang, n)
		}
		// Nothing is fetched at view time: no script, stylesheet link,
		// image source, CSS import or url() of any address.
		for _, re := range []string{`(?i)<script`, `(?i)<link\b`, `(?i)<img\b`, `(?i)<iframe`, `(?i)@import`, `(?i)url\(`, `(?i)(src|href)\s*=`} {
			if loc := regexp.MustCompile(re).FindStringIndex(page); loc != nil {
				t.Errorf("%s: page has %q at %d", tc.lang, page[loc[0]:min(loc[1]+40, len(page))], loc[0])
			}
		}
		// The only http(s) text is the escaped agent name, shown as text.
		rest := strings.ReplaceAll(page, `=HYPERLINK(&#34;https://evil.example/x&#34;,&#34;click&#34;)`, "")
		if strings.Contains(rest, "http://") || strings.Contains(rest, "https://") {
			t.Errorf("%s: page mentions a URL outside the escaped name", tc.lang)
		}
		// A shift of the roster table.
		if !strings.Contains(page, "07:00-15:30 "+T(tc.lang, "mark.lead")) {
			t.Errorf("%s: roster lacks agent 1's Monday shift", tc.lang)
		}
	}
}

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
	m := testModel(t, "en")
	dir := filepath.Join(t.TempDir(), "ics")
	if err := WriteICS(m, dir, false, nil); err != nil {
		t.Fatal(err)
	}
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
	// A second run needs force and leaves the files whole.
	if err := WriteICS(m, dir, false, nil); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("rewrite without force: %v", err)
	}
	if err := WriteICS(m, dir, true, nil); err != nil {
		t.Errorf("rewrite with force: %v", err)
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
		v, err := NewView(&Model{Season: DateRange{d, d.AddDate(0, 0, 9)}, Loc: loc})
		if err != nil {
			t.Fatal(err)
		}
		got := v.vtimezone()
		want := append(append([]string{"BEGIN:VTIMEZONE", "TZID:" + tc.zone}, tc.want...), "END:VTIMEZONE")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.zone, got, want)
		}
	}
}

func TestICSUTC(t *testing.T) {
	m := testModel(t, "en")
	m.Loc = time.UTC
	dir := t.TempDir()
	if err := WriteICS(m, dir, false, nil); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "A001.ics"))
	s := string(data)
	// 07:00 in New York on 23 Nov is 12:00 UTC.
	if !strings.Contains(s, "DTSTART:20261123T120000Z") || strings.Contains(s, "VTIMEZONE") {
		t.Errorf("UTC calendar:\n%s", s[:min(len(s), 600)])
	}
}

func TestICSNoShifts(t *testing.T) {
	m := testModel(t, "en")
	m.Agents[3].Shifts = nil
	dir := filepath.Join(t.TempDir(), "ics")
	if err := WriteICS(m, dir, false, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "A004.ics")); err == nil {
		t.Error("calendar without events written (RFC 5545 needs at least one component)")
	}
	m.Agents = nil
	empty := filepath.Join(t.TempDir(), "none")
	if err := WriteICS(m, empty, false, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(empty); err == nil {
		t.Error("folder created for a plan without a roster")
	}
}

func TestICSFileNames(t *testing.T) {
	agents := []Agent{{ID: "A1"}, {ID: "../etc/passwd"}, {ID: "a1"}, {ID: "CON"}, {ID: "王小明"}, {ID: "x/y"}, {ID: "x_y"}, {ID: "..."}}
	got := icsFileNames(agents)
	want := []string{"A1.ics", "_etc_passwd.ics", "a1_2.ics", "agent_CON.ics", "王小明.ics", "x_y.ics", "x_y_2.ics", "agent_.ics"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%q -> %q, want %q", agents[i].ID, got[i], want[i])
		}
	}
}

func TestRosterCSV(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		m := testModel(t, lang)
		p := filepath.Join(t.TempDir(), "roster.csv")
		if err := WriteRosterCSV(m, p, false, nil); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(p)
		if lang == "zh" != bytes.HasPrefix(data, []byte("\uFEFF")) {
			t.Errorf("%s: byte-order mark present = %v", lang, !(lang == "zh"))
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1+shiftCount(m) {
			t.Errorf("%s: %d rows, want a header and %d shifts", lang, len(recs), shiftCount(m))
		}
		if lang != "en" {
			continue
		}
		if strings.Join(recs[1], "|") != "A001|Agent 1|Veteran|Orders|2026-11-23|2026-11-23 07:00|2026-11-23 15:30|8.00|09:00-09:15 paid; 11:00-11:30 unpaid|yes|" {
			t.Errorf("first row %q", recs[1])
		}
		names := map[string]bool{}
		teams := map[string]bool{}
		for _, r := range recs[1:] {
			names[r[1]] = true
			teams[r[3]] = true
		}
		for _, n := range []string{"'" + formulaName, "'+1 555 0100", "'-Dash", "王小明"} {
			if !names[n] {
				t.Errorf("name %q not in the CSV", n)
			}
		}
		if !teams["'@Tmall"] || teams["@Tmall"] {
			t.Error("team @Tmall not neutralised")
		}
	}
}

func TestSafeCSV(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Alice", "Alice"},
		{"=1+1", "'=1+1"},
		{"+1 555", "'+1 555"},
		{"-2", "-2"}, // a number, not a formula
		{"-2+A1", "'-2+A1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=x", "'\t=x"},
		{"\r=x", "'\r=x"},
		{"a=b", "a=b"},
		{"\x00=x", "'=x"},
	}
	for _, tc := range tests {
		if got := safeCSV(tc.in); got != tc.want {
			t.Errorf("safeCSV(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOutputSafety(t *testing.T) {
	m := testModel(t, "en")
	dir := t.TempDir()
	input := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(input, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	writers := []struct {
		name string
		fn   func(*Model, string, bool, []string) error
	}{
		{"xlsx", WriteXLSX}, {"html", WriteHTML}, {"csv", WriteRosterCSV},
	}
	for _, w := range writers {
		out := filepath.Join(dir, "out."+w.name)
		if err := w.fn(m, out, false, []string{input}); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		before, _ := os.ReadFile(out)
		if err := w.fn(m, out, false, nil); diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%s: overwrite without force gave %v", w.name, err)
		}
		after, _ := os.ReadFile(out)
		if !bytes.Equal(before, after) {
			t.Errorf("%s: refused write still changed the file", w.name)
		}
		if err := w.fn(m, out, true, nil); err != nil {
			t.Errorf("%s: overwrite with force: %v", w.name, err)
		}
		if err := w.fn(m, input, true, []string{input}); diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%s: writing over an input gave %v", w.name, err)
		}
		// An invalid model fails before any file is touched.
		bad := *m
		bad.Lang = "fr"
		if err := w.fn(&bad, filepath.Join(dir, "bad."+w.name), false, nil); !errors.Is(err, ErrInvalidModel) {
			t.Errorf("%s: invalid model gave %v", w.name, err)
		}
	}
	if err := WriteICS(m, filepath.Join(dir, "ics"), false, []string{filepath.Join(dir, "ics", "A001.ics")}); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("ics over an input gave %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ics", "A002.ics")); err == nil {
		t.Error("a refused calendar set was half written")
	}
	if got, _ := os.ReadFile(input); string(got) != "keep me" {
		t.Error("input changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestValidate(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	good := func() *Model {
		return &Model{Season: DateRange{day, day.AddDate(0, 0, 6)}, Interval: 30 * time.Minute,
			Agents: []Agent{{ID: "a", Shifts: []Shift{{Start: day.Add(8 * time.Hour), End: day.Add(16 * time.Hour),
				Breaks: []Break{{Start: day.Add(12 * time.Hour), End: day.Add(12*time.Hour + 30*time.Minute)}}}}}}}
	}
	tests := []struct {
		name   string
		change func(*Model)
		want   *ModelError
	}{
		{"ok", func(*Model) {}, nil},
		{"lang", func(m *Model) { m.Lang = "de" }, &ModelError{"Lang", `unknown language "de": expected en or zh`}},
		{"no season", func(m *Model) { m.Season = DateRange{} }, &ModelError{"Season", "start and end are required"}},
		{"season backwards", func(m *Model) { m.Season.End = day.AddDate(0, 0, -1) }, &ModelError{"Season", "ends (2026-11-22) before it starts (2026-11-23)"}},
		{"season too long", func(m *Model) { m.Season.End = day.AddDate(3, 0, 0) }, &ModelError{"Season", "longer than 732 days"}},
		{"interval", func(m *Model) { m.Interval = 0; m.Coverage = []CoverageInterval{{Start: day}} }, &ModelError{"Interval", "0s: expected between 1m and 24h"}},
		{"empty id", func(m *Model) { m.Agents[0].ID = "" }, &ModelError{"Agents[0]", "empty ID"}},
		{"duplicate id", func(m *Model) { m.Agents = append(m.Agents, Agent{ID: "a"}) }, &ModelError{"Agents[1]", `ID "a" already used by Agents[0]`}},
		{"shift backwards", func(m *Model) { m.Agents[0].Shifts[0].End = day }, &ModelError{"Agents[0].Shifts[0]", "ends at or before its start"}},
		{"shift too long", func(m *Model) { m.Agents[0].Shifts[0].End = day.Add(40 * time.Hour) }, &ModelError{"Agents[0].Shifts[0]", "longer than 24h0m0s"}},
		{"break outside", func(m *Model) { m.Agents[0].Shifts[0].Breaks[0].End = day.Add(17 * time.Hour) }, &ModelError{"Agents[0].Shifts[0].Breaks[0]", "outside its shift"}},
		{"break backwards", func(m *Model) { m.Agents[0].Shifts[0].Breaks[0].End = day }, &ModelError{"Agents[0].Shifts[0].Breaks[0]", "ends at or before its start"}},
		{"too many peaks", func(m *Model) { m.PeakDays = make([]time.Time, 32) }, &ModelError{"PeakDays", "32 days: at most 31 get a timeline"}},
		{"zero peak", func(m *Model) { m.PeakDays = []time.Time{{}} }, &ModelError{"PeakDays[0]", "zero date"}},
	}
	for _, tc := range tests {
		m := good()
		tc.change(m)
		err := m.Validate()
		if tc.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		var me *ModelError
		if !errors.As(err, &me) || *me != *tc.want || !errors.Is(err, ErrInvalidModel) {
			t.Errorf("%s: got %#v, want %#v", tc.name, err, tc.want)
		}
	}
	if err := (*Model)(nil).Validate(); !errors.Is(err, ErrInvalidModel) {
		t.Errorf("nil model: %v", err)
	}
}

func TestLabelsComplete(t *testing.T) {
	for k, l := range labels {
		if l[0] == "" || l[1] == "" {
			t.Errorf("label %q lacks a language: %q", k, l)
		}
		if strings.HasPrefix(k, "sheet.") {
			for _, name := range l {
				if len([]rune(name)) > 31-7 || strings.ContainsAny(name, `:\/?*[]`) {
					t.Errorf("sheet name %q cannot take a date suffix", name)
				}
			}
		}
	}
	if T("zh", "sheet.roster") != "排班表" || T("en", "sheet.roster") != "Roster" || T("", "sheet.roster") != "Roster" {
		t.Error("T picks the wrong language")
	}
	if T("en", "no.such.key") != "no.such.key" {
		t.Error("unknown keys should come back as themselves")
	}
}

func TestFormats(t *testing.T) {
	fri := time.Date(2026, 11, 27, 14, 5, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{FmtNum(1234567.891, 2), "1,234,567.89"},
		{FmtNum(-1234, 0), "-1,234"},
		{FmtNum(-0.0001, 1), "0.0"},
		{FmtNum(999, 0), "999"},
		{FmtNum(1000, 0), "1,000"},
		{FmtPct(0.8126), "81.3%"},
		{FmtPct(math.Inf(1)), "–"},
		{FmtDay("en", fri), "Fri 27 Nov"},
		{FmtDay("zh", fri), "11月27日 周五"},
		{FmtDate("en", fri), "Fri 27 Nov 2026"},
		{FmtDate("zh", fri), "2026年11月27日 周五"},
		{FmtDateTime("en", fri), "27 Nov 2026 14:05"},
		{FmtDateTime("zh", fri), "2026年11月27日 14:05"},
		{hfText("A & B", 10), "A && B"},
		{hfText("abcdefghijkl", 5), "abcd…"},
		{colName(1) + colName(26) + colName(27) + colName(52) + colName(703), "AZAAAZAAA"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: %q, want %q", i, tc.got, tc.want)
		}
	}
}

// TestSerial compares with serials Excel shows for these dates (Format
// Cells > Number): 1900-03-01 is 61, 2026-01-01 is 46023; the wall clock
// in the model's zone is what counts.
func TestSerial(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		t    time.Time
		loc  *time.Location
		want float64
	}{
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), time.UTC, 61},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC, 46023},
		{time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC), time.UTC, 46023.75},
		{time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC), ny, 46353 + 7.0/24}, // 07:00 EST
		{time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), ny, 46204 + 8.0/24},   // 08:00 EDT
	}
	for _, tc := range tests {
		if got := serial(tc.t, tc.loc); !near(got, tc.want) {
			t.Errorf("serial(%v in %v) = %v, want %v", tc.t, tc.loc, got, tc.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnew\nline", "tab\tnew\nline"},
		{"nul\x00bell\x07", "nulbell"},
		{"bad\xffutf8", "badutf8"},
		{"keep \uFFFD", "keep \uFFFD"},
		{"no \uFFFE", "no "},
		{"王小明", "王小明"},
	}
	for _, tc := range tests {
		if got := CleanText(tc.in); got != tc.want {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDailySummary checks the daily figures against hand counts from the
// coverage of the test model: peak required is the most agents to
// schedule, the shortfall the agent-hours short per group (Short, never
// less than the totals' gap), short intervals those with any.
func TestDailySummary(t *testing.T) {
	m := testModel(t, "en")
	days, err := DailySummary(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 7 {
		t.Fatalf("%d days", len(days))
	}
	ivh := m.Interval.Hours()
	groupShort := 0
	for i, d := range days {
		peak, peakQ, atPeak, hours, short := 0.0, 0.0, 0.0, 0.0, 0
		for _, c := range m.Coverage {
			if c.Start.In(m.Loc).Day() != d.Date.Day() {
				continue
			}
			peak = max(peak, c.ToSchedule)
			if c.Required > peakQ {
				peakQ, atPeak = c.Required, c.Scheduled
			}
			if s := max(c.Short, c.Required-c.Scheduled); s > 0 {
				short++
				hours += s * ivh
				if c.Required <= c.Scheduled {
					groupShort++
				}
			}
		}
		if d.PeakRequired != peak || d.PeakOnQueue != peakQ || d.OnQueueAtPeak != atPeak || math.Abs(d.Shortfall-hours) > 1e-9 || d.ShortIntervals != short {
			t.Errorf("day %d: %+v, want peak %v, on the queue %v at %v, shortfall %v h in %d", i, d, peak, peakQ, atPeak, hours, short)
		}
		if d.ServiceLevel == nil || *d.ServiceLevel < 0.8 || *d.ServiceLevel > 0.9 {
			t.Errorf("day %d: service level %v", i, d.ServiceLevel)
		}
	}
	if groupShort == 0 {
		t.Error("no interval is short in a group only; the per-group shortfall is untested")
	}
	if days[4].Contacts != 1980 || days[0].Contacts != 900 {
		t.Errorf("contacts %v, %v", days[0].Contacts, days[4].Contacts)
	}
	// deferred work is not in the expected service level
	for i := range m.Staffing {
		m.Staffing[i].Deferred, m.Staffing[i].ServiceLevel = true, 1
	}
	days, _ = DailySummary(m)
	for i, d := range days {
		if d.ServiceLevel != nil {
			t.Errorf("day %d: service level %v from deferred work only, want none", i, *d.ServiceLevel)
		}
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct {
		top  float64
		n    int
		want float64
	}{
		{100, 5, 20}, {2380, 5, 500}, {7, 5, 2}, {0.3, 5, 0.1}, {0, 5, 1}, {-3, 5, 1},
	}
	for _, tc := range tests {
		if got := niceStep(tc.top, tc.n); !near(got, tc.want) {
			t.Errorf("niceStep(%v, %d) = %v, want %v", tc.top, tc.n, got, tc.want)
		}
	}
}

// scanLines is a helper for golden comparisons: lines without trailing
// blanks.
func scanLines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), " "))
	}
	return out
}
