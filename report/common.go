package report

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// view is the model prepared once for every writer: the location resolved,
// the days of the season listed, the agents' shifts sorted.
type view struct {
	m      *Model
	lang   string
	loc    *time.Location
	days   []time.Time // local midnights of the season
	shifts [][]Shift   // per agent, sorted by start
	stats  map[string]*AgentStat
}

func newView(m *Model) (*view, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	v := &view{m: m, lang: m.Lang, loc: m.Loc}
	if v.lang == "" {
		v.lang = "en"
	}
	if v.loc == nil {
		v.loc = time.UTC
	}
	first, last := v.day(m.Season.Start), v.day(m.Season.End)
	for d := first; !d.After(last); d = nextDay(d) {
		v.days = append(v.days, d)
	}
	v.shifts = make([][]Shift, len(m.Agents))
	for i, a := range m.Agents {
		s := slices.Clone(a.Shifts)
		slices.SortStableFunc(s, func(a, b Shift) int { return a.Start.Compare(b.Start) })
		v.shifts[i] = s
	}
	v.stats = make(map[string]*AgentStat, len(m.AgentStats))
	for i := range m.AgentStats {
		v.stats[m.AgentStats[i].ID] = &m.AgentStats[i]
	}
	return v, nil
}

// day is the local midnight of the day t falls on.
func (v *view) day(t time.Time) time.Time {
	t = t.In(v.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, v.loc)
}

// nextDay is the following local midnight; AddDate keeps DST days right.
func nextDay(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, d.Location())
}

// dayIndex is the index of t's day in v.days, or -1 outside the season.
func (v *view) dayIndex(t time.Time) int {
	if len(v.days) == 0 {
		return -1
	}
	d := v.day(t)
	i, ok := slices.BinarySearchFunc(v.days, d, func(a, b time.Time) int { return a.Compare(b) })
	if !ok {
		return -1
	}
	return i
}

// peakDays are the model's peak days as local midnights, unique, in order.
func (v *view) peakDays() []time.Time {
	var out []time.Time
	for _, d := range v.m.PeakDays {
		d = v.day(d)
		if !slices.ContainsFunc(out, d.Equal) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// excelEpoch is day 0 of Excel's 1900 date system as the serials after
// February 1900 count it (Lotus 1-2-3's leap-year bug moves it to Dec 30).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix()

// serial is t as an Excel date serial of its wall-clock time in loc:
// spreadsheets have no time zones, so the sheet shows what a clock in the
// plan's zone shows.
func serial(t time.Time, loc *time.Location) float64 {
	t = t.In(loc)
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	return float64(wall.Unix()-excelEpoch)/86400 + float64(wall.Nanosecond())/86400e9
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// cleanText drops what no XML file may hold (control characters other
// than tab and newline, invalid UTF-8, U+FFFE and U+FFFF), so a stray
// byte in an export cannot make the workbook unreadable.
func cleanText(s string) string {
	ok := true
	for i, r := range s {
		if !xmlChar(r) || (r == utf8.RuneError && !validAt(s, i)) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if xmlChar(r) && !(r == utf8.RuneError && !validAt(s, i)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func validAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 3 // a literal U+FFFD is three bytes; an invalid byte decodes with size 1
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}

// textWidth is the width of s in columns of a fixed-width font: East Asian
// wide characters take two, so Chinese labels get wide enough columns.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// sortedKeys returns the keys of m in order, for output that does not
// change from run to run.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// channels lists the channels that occur in the model, in first-seen order
// of the forecast, then staffing, then intraday, then totals.
func (v *view) channels() []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, f := range v.m.ForecastDays {
		add(f.Channel)
	}
	for _, s := range v.m.Staffing {
		add(s.Channel)
	}
	for _, s := range v.m.Intraday {
		add(s.Channel)
	}
	for _, c := range sortedKeys(v.m.Totals.ServiceLevel) {
		add(c)
	}
	return out
}

// Repeated reports whether the wall-clock time of t in loc occurs twice
// that day (the hour a daylight-saving change repeats): such a time is
// shown with its UTC offset, "01:30 (-04:00)", so that the two are told
// apart.
func Repeated(t time.Time, loc *time.Location) bool {
	w := t.In(loc)
	for _, d := range []time.Duration{-time.Hour, time.Hour, -30 * time.Minute, 30 * time.Minute} {
		u := t.Add(d).In(loc)
		if u.Hour() == w.Hour() && u.Minute() == w.Minute() && u.Day() == w.Day() {
			return true
		}
	}
	return false
}

// offsetMark is " (-04:00)" for a repeated time, "" otherwise.
func (v *view) offsetMark(t time.Time) string {
	if Repeated(t, v.loc) {
		return " (" + t.In(v.loc).Format("-07:00") + ")"
	}
	return ""
}

// hasRepeated reports whether any interval of the model's staffing or
// coverage falls in a repeated hour: their sheets then get a UTC offset
// column.
func (v *view) hasRepeated() bool {
	for _, c := range v.m.Coverage {
		if Repeated(c.Start, v.loc) {
			return true
		}
	}
	for _, s := range v.m.Staffing {
		if Repeated(s.Start, v.loc) {
			return true
		}
	}
	return false
}

// clock formats the wall-clock time of t in loc as 15:04.
func (v *view) clock(t time.Time) string { return t.In(v.loc).Format("15:04") + v.offsetMark(t) }

// endClock is the end of a stretch that starts at start: "24:00" at the
// next midnight, the clock otherwise.
func (v *view) endClock(start, end time.Time) string {
	if end.Equal(nextDay(v.day(start))) {
		return "24:00"
	}
	return v.clock(end)
}

// shiftText is the roster cell of a shift: "08:00-16:30".
func (v *view) shiftText(s Shift) string { return v.clock(s.Start) + "-" + v.clock(s.End) }

// totalHours sums the paid hours of an agent's shifts.
func totalHours(shifts []Shift) float64 {
	h := 0.0
	for _, s := range shifts {
		h += s.Hours()
	}
	return h
}

// DaySummary is one day of the season as the terminal summary, the
// Summary sheet and the HTML report show it. Its figures have the names
// and definitions of README's "Figures", the same as the plan summary's.
type DaySummary struct {
	Date time.Time `json:"date"`
	// Contacts is the forecast (P50) of the day, all channels.
	Contacts float64 `json:"contacts"`
	// PeakRequired is the most agents to schedule in one interval of the
	// day, shrinkage included (0 when the model does not give it).
	PeakRequired float64 `json:"peak_required"`
	// PeakOnQueue is the most agents required on the queue in one
	// interval, and OnQueueAtPeak the roster's agents on the queue then.
	PeakOnQueue   float64 `json:"peak_on_queue"`
	OnQueueAtPeak float64 `json:"on_queue_at_peak"`
	// Shortfall are the agent-hours on the queue below the requirement,
	// summed over the day's intervals and the staffing groups.
	Shortfall float64 `json:"shortfall_hours"`
	// ShortIntervals counts the intervals in which a group is short.
	ShortIntervals int `json:"short_intervals"`
	// ServiceLevel is the expected service level of the day's live
	// contacts, weighted by contacts; nil when the day has none.
	ServiceLevel *float64 `json:"service_level"`
}

// DailySummary condenses the model to one row per day of the season, for
// the plan command's --json output and every writer's daily table.
func DailySummary(m *Model) ([]DaySummary, error) {
	v, err := newView(m)
	if err != nil {
		return nil, err
	}
	return v.daily(), nil
}

// short is the interval's shortfall in agents: per group when the model
// gives it, never less than the total's.
func (c CoverageInterval) short() float64 {
	if !finite(c.Scheduled) || !finite(c.Required) {
		return 0
	}
	s := max(0, c.Required-c.Scheduled)
	if finite(c.Short) {
		s = max(s, c.Short)
	}
	return s
}

func (v *view) daily() []DaySummary {
	out := make([]DaySummary, len(v.days))
	for i, d := range v.days {
		out[i].Date = d
		out[i].PeakOnQueue = math.NaN()
	}
	for _, f := range v.m.ForecastDays {
		if i := v.dayIndex(f.Date); i >= 0 && finite(f.P50) {
			out[i].Contacts += f.P50
		}
	}
	ivh := v.m.Interval.Hours()
	for _, c := range v.m.Coverage {
		i := v.dayIndex(c.Start)
		if i < 0 || !finite(c.Required) {
			continue
		}
		ds := &out[i]
		if finite(c.ToSchedule) {
			ds.PeakRequired = max(ds.PeakRequired, c.ToSchedule)
		}
		if math.IsNaN(ds.PeakOnQueue) || c.Required > ds.PeakOnQueue {
			ds.PeakOnQueue, ds.OnQueueAtPeak = c.Required, c.Scheduled
		}
		if short := c.short(); short > 0 {
			ds.ShortIntervals++
			ds.Shortfall += short * ivh
		}
	}
	slSum := make([]float64, len(v.days))
	slW := make([]float64, len(v.days))
	for _, s := range v.m.Staffing {
		i := v.dayIndex(s.Start)
		if i < 0 || s.Deferred || !finite(s.ServiceLevel) || !finite(s.Contacts) || s.Contacts <= 0 {
			continue
		}
		slSum[i] += s.ServiceLevel * s.Contacts
		slW[i] += s.Contacts
	}
	for i := range out {
		if math.IsNaN(out[i].PeakOnQueue) {
			out[i].PeakOnQueue = 0
		}
		if slW[i] > 0 {
			sl := slSum[i] / slW[i]
			out[i].ServiceLevel = &sl
		}
	}
	return out
}

// headline is one of the season's totals as every writer lists it.
type headline struct {
	key     string  // label key
	value   float64 //
	numFmt  string  // Excel number format
	percent bool    // value is a fraction
	unit    string  // shown after the value (the currency)
	dec     int     // decimals in the terminal and the HTML report
}

// headlines are the totals worth showing: Contacts always, the others only
// when the run computed them (a zero there means "not computed", as before
// a roster exists), so no output shows a cost of 0.
func (v *view) headlines() []headline {
	t := v.m.Totals
	out := []headline{{key: "contacts", value: t.Contacts, numFmt: xlIntFmt}}
	if t.RequiredHours != 0 {
		out = append(out, headline{key: "required_hours", value: t.RequiredHours, numFmt: xlFloat1Fmt})
	}
	if t.ScheduledHours != 0 {
		out = append(out, headline{key: "scheduled_hours", value: t.ScheduledHours, numFmt: xlFloat1Fmt})
	}
	if t.ScheduledHours != 0 && t.RequiredHours > 0 {
		out = append(out, headline{key: "coverage_ratio", value: t.ScheduledHours / t.RequiredHours, numFmt: xlPercentFmt, percent: true})
	}
	if t.Cost != 0 {
		out = append(out, headline{key: "cost", value: t.Cost, numFmt: xlFloat2Fmt, unit: cleanText(v.m.Currency)})
	}
	if r := t.Roster; r != nil {
		out = append(out,
			headline{key: "shortfall_hours", value: r.ShortfallHours, numFmt: xlFloat1Fmt, dec: 1},
			headline{key: "short_intervals", value: float64(r.ShortIntervals), numFmt: xlIntFmt})
		if r.LeadGapHours > 0 {
			out = append(out, headline{key: "lead_gap_hours", value: r.LeadGapHours, numFmt: xlFloat1Fmt, dec: 1})
		}
		if r.VeteranGapHours > 0 {
			out = append(out, headline{key: "veteran_gap_hours", value: r.VeteranGapHours, numFmt: xlFloat1Fmt, dec: 1})
		}
		if r.HiresChecked {
			out = append(out, headline{key: "shortfall_with_hires", value: r.ShortfallWithHires, numFmt: xlFloat1Fmt, dec: 1})
		}
		if r.UnclosableHours > 0 {
			out = append(out, headline{key: "unclosable_hours", value: r.UnclosableHours, numFmt: xlFloat1Fmt, dec: 1})
		}
		if r.StaffedHours > 0 {
			out = append(out, headline{key: "staffed_hours", value: r.StaffedHours, numFmt: xlFloat1Fmt, dec: 1})
		}
		if r.LowerBoundHours > 0 {
			out = append(out, headline{key: "lower_bound", value: r.LowerBoundHours, numFmt: xlFloat1Fmt, dec: 1},
				headline{key: "gap_to_bound", value: r.AboveBound, numFmt: xlPercentFmt, percent: true})
		}
	}
	return out
}

// text formats a headline for the terminal and the HTML report.
func (h headline) text() string {
	if h.percent {
		return fmtPct(h.value)
	}
	return strings.TrimSpace(fmtNum(h.value, h.dec) + " " + h.unit)
}
