package importers

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// The contacts file peakstaff itself writes (import --out contacts.csv), so
// that later stages can start from normalized records. Column names are
// those of ContactColumns.
var peakstaffContacts = &schema{
	name: "peakstaff", title: "peakstaff normalized contacts (CSV/JSONL)", family: "peakstaff",
	require: [][]string{{"source_file"}, {"source_line"}, {"created"}, {"issue_type"}, {"count"}},
	fields: map[Field][]string{
		FieldID:            {"id"},
		FieldCreated:       {"created"},
		FieldFirstResponse: {"first_response"},
		FieldResolved:      {"resolved"},
		FieldChannel:       {"channel"},
		FieldType:          {"issue_type"},
		FieldStatus:        {"status"},
		FieldPriority:      {"priority"},
		FieldAgent:         {"agent"},
		FieldGroup:         {"group"},
		FieldHandle:        {"handle_seconds"},
		FieldCount:         {"count"},
	},
	handleUnit: dates.Seconds,
	bonus:      10,
	row: func(r *RawRow, c *Contact) error {
		// Keep where the record first came from, not the contacts file.
		if f := r.Named("source_file"); f != "" {
			line, err := strconv.Atoi(r.Named("source_line"))
			if err == nil {
				c.Source = Source{File: f, Line: line}
			}
		}
		// text cells were written with textsafe.Cell
		c.ID, c.IssueType, c.Status = textsafe.Uncell(c.ID), textsafe.Uncell(c.IssueType), textsafe.Uncell(c.Status)
		c.Priority, c.Agent, c.Group = textsafe.Uncell(c.Priority), textsafe.Uncell(c.Agent), textsafe.Uncell(c.Group)
		c.CreatedDateOnly = r.Named("created_date_only") == "true"
		if c.CreatedDateOnly {
			// Written as midnight with the writer's offset: the contact is
			// that calendar day in every zone, not the instant.
			if d, err := dates.WrittenDay(r.Named("created"), c.Created.Location()); err == nil {
				c.Created = d.Time
			}
		}
		c.Outbound = r.Named("outbound") == "true"
		// Ids are unique within the vendor they came from; files written
		// before the family column existed fall back to the source file.
		if f := r.Named("family"); f != "" {
			c.Family = strings.Clone(f)
		} else if c.ID != "" {
			c.Family = "peakstaff:" + c.Source.File
		}
		return nil
	},
}

// ContactColumns are the columns of the normalized contacts file.
var ContactColumns = []string{"id", "source_file", "source_line", "created", "created_date_only", "first_response", "resolved", "channel", "issue_type", "status", "priority", "agent", "group", "handle_seconds", "count", "outbound", "family"}

// Aggregated series: a timestamp or date and a count per row, optionally
// with issue type and channel columns. This is how a team whose warehouse
// already aggregates feeds any volume: each row is one record with Count.
var aggregatedSeries = &schema{
	name: "series", title: "Aggregated series (timestamp or date, count[, issue type, channel])", family: "series",
	require: [][]string{
		{"timestamp", "datetime", "date", "time", "interval", "interval start", "interval_start", "start", "period", "day", "ds", "date time", "日期", "时间"},
		{"count", "contacts", "tickets", "volume", "calls", "chats", "n", "value", "y", "offered", "offered calls", "contacts offered", "arrivals", "new tickets", "tickets created", "数量", "咨询量", "进线量"},
	},
	fields: map[Field][]string{
		FieldCreated: {"timestamp", "datetime", "interval start", "interval_start", "date time", "date", "time", "interval", "start", "period", "day", "ds", "日期", "时间"},
		FieldCount:   {"count", "contacts", "tickets", "volume", "calls", "chats", "offered", "offered calls", "contacts offered", "arrivals", "new tickets", "tickets created", "n", "value", "y", "数量", "咨询量", "进线量"},
		FieldType:    {"issue type", "issue_type", "type", "reason", "category", "skill"},
		FieldChannel: {"channel", "medium", "queue"},
		FieldHandle:  {"aht", "aht seconds", "aht_seconds", "handle time", "avg handle time"},
	},
	handleUnit: dates.Seconds,
	sample: func(h *Header, b *Binding) bool {
		// Every sampled count must be a whole number: a ticket file with a
		// "date" and a "value" column is not a series.
		for _, row := range h.Sample {
			for _, i := range b.Columns[FieldCount] {
				if i < len(row) {
					if _, _, err := parseCount(CleanValue(row[i])); err != nil && CleanValue(row[i]) != "" {
						return false
					}
				}
			}
		}
		return true
	},
}

// MapSpec describes a file through a column map (--map or a YAML map file):
// which column holds which field, and what to assume where the file says
// nothing.
type MapSpec struct {
	Columns        map[Field][]string // header names per field (as in the file)
	DefaultChannel Channel
	HandleUnit     dates.Unit
	DateOrder      dates.Order
}

// ParseMap reads the --map syntax: comma-separated field=column pairs, with
// column names quoted when they hold commas or spaces:
//
//	created="Opened At",type=Reason,channel=Source,handle="Talk time"
//
// and three settings: default_channel=phone, handle_unit=seconds|minutes|hours|days,
// date_order=dmy|mdy.
func ParseMap(s string) (*MapSpec, error) {
	spec := &MapSpec{Columns: map[Field][]string{}}
	pairs, err := splitMapPairs(s)
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		if err := spec.Set(p[0], p[1]); err != nil {
			return nil, err
		}
	}
	return spec, spec.Check()
}

// Set applies one key=value of a map.
func (m *MapSpec) Set(key, value string) error {
	if m.Columns == nil {
		m.Columns = map[Field][]string{}
	}
	key = strings.ToLower(strings.TrimSpace(key))
	switch key {
	case "default_channel", "channel_default":
		c, err := ParseChannel(value)
		if err != nil {
			return fmt.Errorf("--map %s: %w", key, err)
		}
		m.DefaultChannel = c
		return nil
	case "handle_unit":
		u, err := ParseUnit(value)
		if err != nil {
			return fmt.Errorf("--map handle_unit: %w", err)
		}
		m.HandleUnit = u
		return nil
	case "date_order":
		o, err := dates.ParseOrder(value)
		if err != nil {
			return fmt.Errorf("--map date_order: %w", err)
		}
		m.DateOrder = o
		return nil
	}
	f, err := ParseField(key)
	if err != nil {
		return fmt.Errorf("--map: %w", err)
	}
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("--map %s: empty column name", key)
	}
	m.Columns[f] = append(m.Columns[f], value)
	return nil
}

// Check verifies the map names a created column.
func (m *MapSpec) Check() error {
	if len(m.Columns[FieldCreated]) == 0 {
		return fmt.Errorf("--map must name the created column, e.g. --map created=\"Opened At\"")
	}
	return nil
}

// ParseUnit reads seconds, minutes, hours or days (and s, m, min, h, d).
func ParseUnit(s string) (dates.Unit, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "s", "sec", "secs", "second", "seconds":
		return dates.Seconds, nil
	case "m", "min", "mins", "minute", "minutes":
		return dates.Minutes, nil
	case "h", "hr", "hrs", "hour", "hours":
		return dates.Hours, nil
	case "d", "day", "days":
		return dates.Days, nil
	}
	return 0, fmt.Errorf("unknown unit %q: expected seconds, minutes, hours or days", s)
}

func splitMapPairs(s string) ([][2]string, error) {
	var pairs [][2]string
	var key, cur strings.Builder
	inKey, quoted := true, false
	flush := func() error {
		k, v := strings.TrimSpace(key.String()), strings.TrimSpace(cur.String())
		key.Reset()
		cur.Reset()
		inKey = true
		if k == "" && v == "" {
			return nil
		}
		if k == "" {
			return fmt.Errorf("--map: %q has no field name before '='", v)
		}
		pairs = append(pairs, [2]string{k, v})
		return nil
	}
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '=' && inKey && !quoted:
			inKey = false
		case r == ',' && !quoted:
			if inKey && strings.TrimSpace(key.String()) != "" {
				return nil, fmt.Errorf("--map: %q needs a column: field=column", key.String())
			}
			if err := flush(); err != nil {
				return nil, err
			}
		case inKey:
			key.WriteRune(r)
		default:
			cur.WriteRune(r)
		}
	}
	if quoted {
		return nil, fmt.Errorf("--map: unbalanced quote in %q", s)
	}
	if inKey && strings.TrimSpace(key.String()) != "" {
		return nil, fmt.Errorf("--map: %q needs a column: field=column", key.String())
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return pairs, nil
}

// MapFormat is the Format of a file described by a column map.
type MapFormat struct {
	Spec *MapSpec
	// Guessed: the map came from the header guesser, not the user.
	Guessed bool
}

// Name implements Format: "map", or "guessed" for a guessed map.
func (m *MapFormat) Name() string {
	if m.Guessed {
		return "guessed"
	}
	return "map"
}

// Title implements Format.
func (m *MapFormat) Title() string {
	if m.Guessed {
		return "column map guessed from the header"
	}
	return "column map"
}

// Match implements Format: a map is never detected, only given.
func (m *MapFormat) Match(h *Header) int { return 0 }

// bindOver binds a file that base fits with the map on top: the map's
// columns replace base's for the fields the map names (with the map's
// handle unit when it names the handle), its default channel and date
// order replace base's when set; base's other fields (its id above all),
// family, channel labels and row rules stay. note says so for the
// file's report; ok is false when base or the map cannot bind.
func (m *MapFormat) bindOver(base Format, h *Header) (b *Binding, note string, ok bool) {
	b, err := base.Bind(h)
	if err != nil {
		return nil, "", false
	}
	own, err := m.Bind(h)
	if err != nil {
		return nil, "", false
	}
	var named, kept []string
	for f := Field(0); f < numFields; f++ {
		if _, ok := m.Spec.Columns[f]; ok {
			b.Columns[f] = own.Columns[f]
			named = append(named, f.String())
		} else if cols := b.Columns[f]; len(cols) > 0 {
			kept = append(kept, fmt.Sprintf("%s=%s", f, quoteMapValue(strings.TrimSpace(h.Raw[cols[0]]))))
		}
	}
	if _, ok := m.Spec.Columns[FieldHandle]; ok {
		b.HandleUnit = m.Spec.HandleUnit
	}
	if m.Spec.DefaultChannel != "" {
		b.DefaultChannel = m.Spec.DefaultChannel
	}
	if m.Spec.DateOrder != dates.OrderUnknown {
		b.DateOrder = m.Spec.DateOrder
	}
	note = fmt.Sprintf("the header is a %s: read as that format with --map replacing %s; its other columns are kept (%s)",
		base.Title(), strings.Join(named, ", "), strings.Join(kept, ","))
	if len(b.Columns[FieldID]) > 0 {
		note += "; the id merges repeated rows"
	}
	return b, note, true
}

// Bind finds every mapped column; a name the file does not have is an
// error listing the file's columns.
func (m *MapFormat) Bind(h *Header) (*Binding, error) {
	b := &Binding{Format: m.Name(), Family: "map", DefaultChannel: m.Spec.DefaultChannel, HandleUnit: m.Spec.HandleUnit, DateOrder: m.Spec.DateOrder}
	fields := make([]Field, 0, len(m.Spec.Columns))
	for f := range m.Spec.Columns {
		fields = append(fields, f)
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i] < fields[j] })
	for _, f := range fields {
		for _, name := range m.Spec.Columns[f] {
			idx := h.Index(name)
			if len(idx) == 0 {
				return nil, fmt.Errorf("%w: --map %s=%q: the file has no such column; its columns are: %s", ErrMissingColumn, f, name, strings.Join(h.Raw, ", "))
			}
			b.Columns[f] = append(b.Columns[f], idx...)
		}
	}
	if len(b.Columns[FieldCreated]) == 0 {
		return nil, fmt.Errorf("%w: --map must name the created column", ErrMissingColumn)
	}
	if b.DefaultChannel == "" && len(b.Columns[FieldChannel]) == 0 {
		b.DefaultChannel = ChannelOther
	}
	return b, nil
}
