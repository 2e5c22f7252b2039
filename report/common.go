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

// View is the model prepared once for every writer: the location resolved,
// the days of the season listed, the agents' shifts sorted. Writers read
// it; none changes it.
type View struct {
	Model  *Model
	Lang   string         // "en" or "zh", never empty
	Loc    *time.Location // never nil
	Days   []time.Time    // local midnights of the season
	Shifts [][]Shift      // per agent (Model.Agents order), sorted by start
	Stats  map[string]*AgentStat
}

// NewView validates m and prepares it for the writers; an invalid model is
// a *ModelError.
func NewView(m *Model) (*View, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	v := &View{Model: m, Lang: m.Lang, Loc: m.Loc}
	if v.Lang == "" {
		v.Lang = "en"
	}
	if v.Loc == nil {
		v.Loc = time.UTC
	}
	first, last := v.Day(m.Season.Start), v.Day(m.Season.End)
	for d := first; !d.After(last); d = NextDay(d) {
		v.Days = append(v.Days, d)
	}
	v.Shifts = make([][]Shift, len(m.Agents))
	for i, a := range m.Agents {
		s := slices.Clone(a.Shifts)
		slices.SortStableFunc(s, func(a, b Shift) int { return a.Start.Compare(b.Start) })
		v.Shifts[i] = s
	}
	v.Stats = make(map[string]*AgentStat, len(m.AgentStats))
	for i := range m.AgentStats {
		v.Stats[m.AgentStats[i].ID] = &m.AgentStats[i]
	}
	return v, nil
}

// Day is the local midnight of the day t falls on.
func (v *View) Day(t time.Time) time.Time {
	t = t.In(v.Loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, v.Loc)
}

// NextDay is the following local midnight; AddDate keeps DST days right.
func NextDay(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, d.Location())
}

// DayIndex is the index of t's day in v.Days, or -1 outside the season.
func (v *View) DayIndex(t time.Time) int {
	if len(v.Days) == 0 {
		return -1
	}
	d := v.Day(t)
	i, ok := slices.BinarySearchFunc(v.Days, d, func(a, b time.Time) int { return a.Compare(b) })
	if !ok {
		return -1
	}
	return i
}

// PeakDays are the model's peak days as local midnights, unique, in order.
func (v *View) PeakDays() []time.Time {
	var out []time.Time
	for _, d := range v.Model.PeakDays {
		d = v.Day(d)
		if !slices.ContainsFunc(out, d.Equal) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// Finite reports whether f is a number (not NaN, not infinite): writers
// show the others as blanks.
func Finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// CleanText drops what no XML file may hold (control characters other
// than tab and newline, invalid UTF-8, U+FFFE and U+FFFF), so a stray
// byte in an export cannot make the workbook unreadable.
func CleanText(s string) string {
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

// TextWidth is the width of s in columns of a fixed-width font: East Asian
// wide characters take two, so Chinese labels get wide enough columns.
func TextWidth(s string) int {
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

// SortedKeys returns the keys of m in order, for output that does not
// change from run to run.
func SortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Channels lists the channels that occur in the model, in first-seen order
// of the forecast, then staffing, then intraday, then totals.
func (v *View) Channels() []string {
	var out []string
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, f := range v.Model.ForecastDays {
		add(f.Channel)
	}
	for _, s := range v.Model.Staffing {
		add(s.Channel)
	}
	for _, s := range v.Model.Intraday {
		add(s.Channel)
	}
	for _, c := range SortedKeys(v.Model.Totals.ServiceLevel) {
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

// OffsetMark is " (-04:00)" for a repeated time, "" otherwise.
func (v *View) OffsetMark(t time.Time) string {
	if Repeated(t, v.Loc) {
		return " (" + t.In(v.Loc).Format("-07:00") + ")"
	}
	return ""
}

// HasRepeated reports whether any interval of the model's staffing or
// coverage falls in a repeated hour: their sheets then get a UTC offset
// column.
func (v *View) HasRepeated() bool {
	for _, c := range v.Model.Coverage {
		if Repeated(c.Start, v.Loc) {
			return true
		}
	}
	for _, s := range v.Model.Staffing {
		if Repeated(s.Start, v.Loc) {
			return true
		}
	}
	return false
}

// Clock formats the wall-clock time of t in loc as 15:04.
func (v *View) Clock(t time.Time) string { return t.In(v.Loc).Format("15:04") + v.OffsetMark(t) }

// EndClock is the end of a stretch that starts at start: "24:00" at the
// next midnight, the clock otherwise.
func (v *View) EndClock(start, end time.Time) string {
	if end.Equal(NextDay(v.Day(start))) {
		return "24:00"
	}
	return v.Clock(end)
}

// ShiftText is the roster cell of a shift: "08:00-16:30".
func (v *View) ShiftText(s Shift) string { return v.Clock(s.Start) + "-" + v.Clock(s.End) }

// TotalHours sums the paid hours of an agent's shifts: the hours worked,
// reserve duty left out (see Shift.Hours), as the Agents sheet and the
// season's scheduled agent-hours count them.
func TotalHours(shifts []Shift) float64 {
	h := 0.0
	for _, s := range shifts {
		h += s.Hours()
	}
	return h
}

// TotalOnCallHours sums the hours of an agent's reserve duty.
func TotalOnCallHours(shifts []Shift) float64 {
	h := 0.0
	for _, s := range shifts {
		h += s.OnCallHours()
	}
	return h
}

// HasReserve tells whether some agent has reserve duty: the roster then
// shows the hours and agents on call apart from those on shift.
func (v *View) HasReserve() bool {
	for _, list := range v.Shifts {
		for _, s := range list {
			if s.Reserve {
				return true
			}
		}
	}
	return false
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
	v, err := NewView(m)
	if err != nil {
		return nil, err
	}
	return v.Daily(), nil
}

// short is the interval's shortfall in agents: per group when the model
// gives it, never less than the total's.
func (c CoverageInterval) short() float64 {
	if !Finite(c.Scheduled) || !Finite(c.Required) {
		return 0
	}
	s := max(0, c.Required-c.Scheduled)
	if Finite(c.Short) {
		s = max(s, c.Short)
	}
	return s
}

// Daily is one DaySummary per day of the season (DailySummary of a
// prepared model).
func (v *View) Daily() []DaySummary {
	out := make([]DaySummary, len(v.Days))
	for i, d := range v.Days {
		out[i].Date = d
		out[i].PeakOnQueue = math.NaN()
	}
	for _, f := range v.Model.ForecastDays {
		if i := v.DayIndex(f.Date); i >= 0 && Finite(f.P50) {
			out[i].Contacts += f.P50
		}
	}
	ivh := v.Model.Interval.Hours()
	for _, c := range v.Model.Coverage {
		i := v.DayIndex(c.Start)
		if i < 0 || !Finite(c.Required) {
			continue
		}
		ds := &out[i]
		if Finite(c.ToSchedule) {
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
	slSum := make([]float64, len(v.Days))
	slW := make([]float64, len(v.Days))
	for _, s := range v.Model.Staffing {
		i := v.DayIndex(s.Start)
		if i < 0 || s.Deferred || !Finite(s.ServiceLevel) || !Finite(s.Contacts) || s.Contacts <= 0 {
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

// HasRoster reports whether the model has a roster to measure against
// the requirement. Without one (a plan with no team) the roster's
// figures per day, on the queue at the peak, shortfall and short
// intervals, do not exist: writers leave them out rather than show 0.
func (v *View) HasRoster() bool {
	if len(v.Model.Agents) > 0 || v.Model.Totals.Roster != nil {
		return true
	}
	for _, c := range v.Model.Coverage {
		if Finite(c.Scheduled) {
			return true
		}
	}
	return false
}

// DayColumns are the label keys of the daily table's columns: the
// roster's three only when there is a roster (HasRoster).
func (v *View) DayColumns() []string {
	if v.HasRoster() {
		return []string{"date", "contacts", "peak_required", "peak_on_queue", "on_queue_at_peak", "shortfall", "short_intervals", "expected_sl"}
	}
	return []string{"date", "contacts", "peak_required", "peak_on_queue", "expected_sl"}
}

// Figure is the day's figure in the daily column key (DayColumns, not
// "date"): NaN for an expected service level the day does not have.
func (d DaySummary) Figure(key string) float64 {
	switch key {
	case "contacts":
		return d.Contacts
	case "peak_required":
		return d.PeakRequired
	case "peak_on_queue":
		return d.PeakOnQueue
	case "on_queue_at_peak":
		return d.OnQueueAtPeak
	case "shortfall":
		return d.Shortfall
	case "short_intervals":
		return float64(d.ShortIntervals)
	case "expected_sl":
		if d.ServiceLevel != nil {
			return *d.ServiceLevel
		}
	}
	return math.NaN()
}

// Headline is one of the season's totals as every writer lists it.
type Headline struct {
	Key      string  // label key
	Value    float64 //
	Percent  bool    // Value is a fraction
	Unit     string  // shown after the value (the currency)
	Dec      int     // decimals in the terminal and the HTML report
	SheetDec int     // decimals in the workbook (a percentage has one)
	// Note, when set, is shown instead of the value: the figure does not
	// mean anything here, and the note says why.
	Note string
}

// Headlines are the totals worth showing: Contacts always, the others only
// when the run computed them (a zero there means "not computed", as before
// a roster exists), so no output shows a cost of 0.
func (v *View) Headlines() []Headline {
	t := v.Model.Totals
	out := []Headline{{Key: "contacts", Value: t.Contacts}}
	if t.RequiredHours != 0 {
		out = append(out, Headline{Key: "required_hours", Value: t.RequiredHours, SheetDec: 1})
	}
	if t.ScheduledHours != 0 {
		out = append(out, Headline{Key: "scheduled_hours", Value: t.ScheduledHours, SheetDec: 1})
	}
	if t.ScheduledHours != 0 && t.RequiredHours > 0 {
		out = append(out, Headline{Key: "coverage_ratio", Value: t.ScheduledHours / t.RequiredHours, Percent: true})
	}
	if t.Cost != 0 {
		out = append(out, Headline{Key: "cost", Value: t.Cost, SheetDec: 2, Unit: CleanText(v.Model.Currency)})
	}
	if r := t.Roster; r != nil {
		out = append(out,
			Headline{Key: "shortfall_hours", Value: r.ShortfallHours, SheetDec: 1, Dec: 1},
			Headline{Key: "short_intervals", Value: float64(r.ShortIntervals)})
		if r.LeadGapHours > 0 {
			out = append(out, Headline{Key: "lead_gap_hours", Value: r.LeadGapHours, SheetDec: 1, Dec: 1})
		}
		if r.VeteranGapHours > 0 {
			out = append(out, Headline{Key: "veteran_gap_hours", Value: r.VeteranGapHours, SheetDec: 1, Dec: 1})
		}
		if r.HiresChecked {
			out = append(out, Headline{Key: "shortfall_with_hires", Value: r.ShortfallWithHires, SheetDec: 1, Dec: 1})
		}
		if r.UnclosableHours > 0 {
			out = append(out, Headline{Key: "unclosable_hours", Value: r.UnclosableHours, SheetDec: 1, Dec: 1})
		}
		if r.StaffedHours > 0 {
			out = append(out, Headline{Key: "staffed_hours", Value: r.StaffedHours, SheetDec: 1, Dec: 1})
		}
		if r.LowerBoundHours > 0 {
			above := Headline{Key: "gap_to_bound", Value: r.AboveBound, Percent: true}
			if r.ShortfallHours > 0 {
				// The bound is for rosters that cover the requirement: a
				// short roster can be below it (-29%), which reads as
				// better than the optimum.
				above.Value, above.Note = math.NaN(), T(v.Lang, "bound_not_comparable")
			}
			out = append(out, Headline{Key: "lower_bound", Value: r.LowerBoundHours, SheetDec: 1, Dec: 1}, above)
		}
	}
	return out
}

// Text formats a headline for the terminal and the HTML report.
func (h Headline) Text() string {
	if h.Note != "" {
		return h.Note
	}
	if h.Percent {
		return FmtPct(h.Value)
	}
	return strings.TrimSpace(FmtNum(h.Value, h.Dec) + " " + h.Unit)
}

// SeasonText is "Fri 20 Nov 2026 – Mon 7 Dec 2026".
func (v *View) SeasonText() string {
	return FmtDate(v.Lang, v.Days[0]) + " – " + FmtDate(v.Lang, v.Days[len(v.Days)-1])
}

// HireTiers are the tiers with hires or a hire-by date, in order: the
// rows of every hires table.
func HireTiers(h map[string]int, by map[string]time.Time) []string {
	out := SortedKeys(h)
	for _, t := range SortedKeys(by) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
