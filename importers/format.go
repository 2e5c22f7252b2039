package importers

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// Field is a logical column of a contact record, bound to one or more
// columns of a file by header aliases.
type Field int

// The logical fields a format can bind.
const (
	FieldID Field = iota
	FieldCreated
	FieldFirstResponse        // timestamp of the first reply / answer
	FieldFirstResponseMinutes // minutes from creation to first reply (Zendesk)
	FieldResolved             // solved / resolved timestamp (preferred)
	FieldClosed               // closed / ended timestamp (when there is no resolved one)
	FieldUpdated              // last update: decides which duplicate row is the newest
	FieldChannel
	FieldType     // the export's issue type / contact reason
	FieldCategory // category, sub-category, request type: fed to the type rules
	FieldTags     // tags or labels, space or comma separated, possibly repeated columns
	FieldSubject  // fed to the type rules' regular expressions, not kept
	FieldStatus
	FieldPriority
	FieldAgent
	FieldGroup
	FieldHandle    // handle time (talk time, time tracked, handling time)
	FieldCount     // aggregated rows: how many contacts the row stands for
	FieldDirection // calls: inbound / outbound
	FieldTime      // a separate time-of-day column completing a date-only created column (Date 22-04-15, Time 3:53:50 PM)
	numFields
)

var fieldNames = [numFields]string{
	"id", "created", "first_response", "first_response_minutes", "resolved", "closed", "updated",
	"channel", "type", "category", "tags", "subject", "status", "priority", "agent", "group",
	"handle", "count", "direction", "time",
}

func (f Field) String() string {
	if f >= 0 && f < numFields {
		return fieldNames[f]
	}
	return fmt.Sprintf("field(%d)", int(f))
}

// ParseField accepts the names used in --map (created, type, channel, ...)
// and a few synonyms.
func ParseField(s string) (Field, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "issue_type", "issue-type", "reason":
		return FieldType, nil
	case "resolved_at", "solved", "solved_at":
		return FieldResolved, nil
	case "created_at", "opened":
		return FieldCreated, nil
	case "handle_time", "handle_seconds", "aht", "talk_time":
		return FieldHandle, nil
	case "assignee", "owner":
		return FieldAgent, nil
	case "team", "queue", "inbox":
		return FieldGroup, nil
	case "first_reply", "answered", "answered_at":
		return FieldFirstResponse, nil
	case "ended", "ended_at", "closed_at":
		return FieldClosed, nil
	case "source", "via", "medium":
		return FieldChannel, nil
	case "time_of_day", "created_time", "hour":
		return FieldTime, nil
	}
	for i, n := range fieldNames {
		if n == s {
			return Field(i), nil
		}
	}
	return 0, fmt.Errorf("unknown field %q: expected one of %s", s, strings.Join(fieldNames[:], ", "))
}

// dateFields are parsed as timestamps.
func (f Field) isDate() bool {
	switch f {
	case FieldCreated, FieldFirstResponse, FieldResolved, FieldClosed, FieldUpdated:
		return true
	}
	return false
}

// Format is one export format: how to recognise it and how to read it.
type Format interface {
	// Name is the identifier used with --format (zendesk-csv, freshdesk, ...).
	Name() string
	// Title is a human description ("Zendesk ticket export (CSV)").
	Title() string
	// Match scores a header: 0 means the header is not of this format; a
	// higher score is a more specific match.
	Match(h *Header) int
	// Bind maps the file's columns to fields. It fails with ErrMissingColumn
	// naming what the format needs and did not find.
	Bind(h *Header) (*Binding, error)
}

// Header is a file's header row with its names normalized for matching.
type Header struct {
	Raw  []string
	Norm []string
	// Sample holds the first data rows (up to 20), for formats whose header
	// is too generic to decide alone.
	Sample [][]string
}

// NewHeader normalizes a header row.
func NewHeader(raw []string) *Header {
	h := &Header{Raw: raw, Norm: make([]string, len(raw))}
	for i, r := range raw {
		h.Norm[i] = NormalizeHeader(r)
	}
	return h
}

var customSuffix = regexp.MustCompile(`\s*\[(list|txt|flag|dec|int|date|regexp|multiselect|tagger|checkbox|text|textarea|integer|decimal)\]$`)

// NormalizeHeader makes header names comparable: sheet.NormalizeName
// (lower case, no BOM or NBSP, dashes unified, underscores as spaces,
// blanks collapsed), Zendesk custom-field suffixes like " [list]" removed.
func NormalizeHeader(s string) string {
	return customSuffix.ReplaceAllString(sheet.NormalizeName(s), "")
}

// Index returns the positions of columns whose normalized name is one of
// the aliases, for the first alias (in the order given) that is present.
func (h *Header) Index(aliases ...string) []int {
	for _, a := range aliases {
		a = NormalizeHeader(a)
		var idx []int
		for i, n := range h.Norm {
			if n == a {
				idx = append(idx, i)
			}
		}
		if len(idx) > 0 {
			return idx
		}
	}
	return nil
}

// Has reports whether any alias is present.
func (h *Header) Has(aliases ...string) bool { return len(h.Index(aliases...)) > 0 }

// Binding says how to read one file: which columns hold which field and how
// to interpret them. Engines build one per file from a Format.
type Binding struct {
	Format  string
	Family  string           // dedupe namespace: ids of the same family are the same contact across files
	Columns [numFields][]int // column positions per field (several for repeated headers)

	DefaultChannel Channel            // when the export has no channel column, or the cell is empty
	ChannelMap     map[string]Channel // vendor labels (normalized lower case) → channel, checked before the common labels
	HandleUnit     dates.Unit         // unit of plain numbers in the handle column
	DateOrder      dates.Order        // known day/month order, if the vendor fixes it
	DefaultOrder   dates.Order        // order assumed when no value tells (vendor convention)
	Location       *time.Location     // the vendor's own zone (Qianniu: China time) unless --tz is given
	// MergeHandle says how duplicate rows of one contact combine their
	// handle times: false keeps the newest value (repeated exports), true
	// sums them (one row per message or per call leg).
	MergeHandle bool
	// SkipRow recognises rows that are not contacts (summary footers); it
	// returns a reason, counted in the summary, or "".
	SkipRow func(fields []string) string
	// Row adjusts a parsed record before it is kept (vendor rules such as
	// "an outbound call is not demand").
	Row func(r *RawRow, c *Contact) error
}

// RawRow gives a Row hook access to cleaned cell values by field.
type RawRow struct {
	b      *Binding
	h      *Header
	fields []string
}

// Named returns the cleaned value of the first column with that header name.
func (r *RawRow) Named(name string) string {
	for _, i := range r.h.Index(name) {
		if i < len(r.fields) {
			return CleanValue(r.fields[i])
		}
	}
	return ""
}

// Get returns the first non-empty cleaned value of a field.
func (r *RawRow) Get(f Field) string {
	for _, i := range r.b.Columns[f] {
		if i < len(r.fields) {
			if v := CleanValue(r.fields[i]); v != "" {
				return v
			}
		}
	}
	return ""
}

// CleanValue trims spaces and NBSP and turns the markers exports use for
// "no value" (-, ?, N/A, 暂无数据, —) into "".
func CleanValue(s string) string {
	if s == "" {
		return s
	}
	// Fast path (most values): ASCII at both ends and longer than every
	// empty marker cannot change.
	if c0, c1 := s[0], s[len(s)-1]; len(s) > 7 && c0 > ' ' && c0 < 0x80 && c1 > ' ' && c1 < 0x80 {
		return s
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\u00a0' || r == '\t' || r == '\r' || r == '\n' || r == '\u3000'
	})
	switch s {
	case "-", "?", "—", "–", "N/A", "n/a", "NULL", "null", "None", "暂无数据", "无", "(blank)", "(none)", "--":
		return ""
	}
	return s
}

// schema is the declarative Format most vendors need: aliases per field and
// a signature of headers that identify the vendor.
type schema struct {
	name, title string
	family      string
	// require lists groups of aliases that must all be present (one alias
	// per group) for the header to be this format.
	require [][]string
	// fields lists aliases per field, preferred first.
	fields map[Field][]string
	// patterns are regular expressions on normalized header names, tried
	// when no alias of the field matched (custom fields).
	patterns map[Field]*regexp.Regexp
	// needs are fields Bind insists on (created always).
	needs []Field
	// bonus is added to the score so that a specific vendor beats a generic
	// shape matching the same columns.
	bonus int
	// sample inspects the first rows when the header alone is ambiguous.
	sample func(h *Header, b *Binding) bool

	defaultChannel Channel
	channelMap     map[string]Channel
	handleUnit     dates.Unit
	dateOrder      dates.Order
	defaultOrder   dates.Order
	zone           string
	mergeHandle    bool
	skipRow        func(fields []string) string
	row            func(r *RawRow, c *Contact) error
}

func (s *schema) Name() string  { return s.name }
func (s *schema) Title() string { return s.title }

func (s *schema) Match(h *Header) int {
	for _, group := range s.require {
		if !h.Has(group...) {
			return 0
		}
	}
	score := 10*len(s.require) + s.bonus
	for _, aliases := range s.fields {
		if h.Has(aliases...) {
			score++
		}
	}
	if s.sample != nil {
		b, err := s.Bind(h)
		if err != nil || !s.sample(h, b) {
			return 0
		}
	}
	return score
}

func (s *schema) Bind(h *Header) (*Binding, error) {
	b := &Binding{
		Format:         s.name,
		Family:         s.family,
		DefaultChannel: s.defaultChannel,
		ChannelMap:     s.channelMap,
		HandleUnit:     s.handleUnit,
		DateOrder:      s.dateOrder,
		DefaultOrder:   s.defaultOrder,
		MergeHandle:    s.mergeHandle,
		SkipRow:        s.skipRow,
		Row:            s.row,
	}
	if b.Family == "" {
		b.Family = s.name
	}
	if s.zone != "" {
		loc, err := time.LoadLocation(s.zone)
		if err != nil {
			return nil, fmt.Errorf("format %s: time zone %s: %w", s.name, s.zone, err)
		}
		b.Location = loc
	}
	for f, aliases := range s.fields {
		b.Columns[f] = h.Index(aliases...)
	}
	for f, re := range s.patterns {
		if len(b.Columns[f]) > 0 {
			continue
		}
		for i, n := range h.Norm {
			if re.MatchString(n) {
				b.Columns[f] = append(b.Columns[f], i)
			}
		}
	}
	needs := append([]Field{FieldCreated}, s.needs...)
	var missing []string
	for _, f := range needs {
		if len(b.Columns[f]) == 0 {
			want := s.fields[f]
			if len(want) > 3 {
				want = want[:3]
			}
			missing = append(missing, fmt.Sprintf("%s (a column named %s)", f, quoteList(want)))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s export needs %s", ErrMissingColumn, s.title, strings.Join(missing, " and "))
	}
	return b, nil
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, " or ")
}

// Formats returns every built-in format, most specific first. The list is
// explicit (no init registration) so the detection order reads in one place.
func Formats() []Format {
	return []Format{
		zendeskCSV, zendeskExplore, zendeskJSON,
		freshdesk, freshservice,
		jira,
		helpScout, hubspot, gorgias, intercom, intercomMessages, front, kustomer, gladly, zohoDesk,
		salesforceReport, salesforceLoader,
		serviceNowEvents, serviceNow,
		halp,
		aircall, callLog,
		qianniuChat, qianniuDaily,
		peakstaffContacts,
		aggregatedSeries,
	}
}

// FormatByName finds a built-in format by its --format name.
func FormatByName(name string) (Format, error) {
	for _, f := range Formats() {
		if f.Name() == name {
			return f, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q; known formats: %s (or use --map)", name, strings.Join(FormatNames(), ", "))
}

// FormatNames lists the --format names.
func FormatNames() []string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name())
	}
	return names
}

// Detect chooses the format whose signature best fits the header. A header
// that fits none gets an error listing the formats and suggesting --map.
func Detect(h *Header) (Format, error) {
	type cand struct {
		f     Format
		score int
		order int
	}
	var cs []cand
	for i, f := range Formats() {
		if s := f.Match(h); s > 0 {
			cs = append(cs, cand{f, s, i})
		}
	}
	if len(cs) == 0 {
		var shown []string
		for i, c := range h.Raw {
			if i == 12 {
				shown = append(shown, fmt.Sprintf("… %d more", len(h.Raw)-i))
				break
			}
			shown = append(shown, textsafe.Clip(c, textsafe.EchoRunes))
		}
		return nil, fmt.Errorf("%w: the header (%s) matches none of the known formats (%s); name the columns with --map created=\"<column>\",type=<column>,channel=<column>",
			ErrUnknownFormat, strings.Join(shown, ", "), strings.Join(FormatNames(), ", "))
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].order < cs[j].order
	})
	return cs[0].f, nil
}
