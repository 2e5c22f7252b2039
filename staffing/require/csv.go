package require

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// The demand CSV, as the forecast command writes it: a header, then one
// row per interval and channel (and skill):
//
//	interval,channel,skill,contacts,aht_seconds
//	2025-11-28T09:00:00+01:00,phone,,100,180
//
// The file is read as peakstaff import reads exports (package sheet): CSV
// with any of , ; tab |, a byte-order mark or none, XLSX. interval
// (aliases start, interval_start, time, timestamp, datetime) is the
// interval's start: RFC 3339 or, with a time zone given, any local time
// import reads (2025-11-28 09:00, 28-11-2025 9:00, 28/11/2025 09:00), the
// day/month order learnt from the whole column; channel (alias queue) and
// contacts (aliases count, volume, calls, arrivals, offered) are required;
// skill and aht_seconds (alias aht) may be absent or empty (empty AHT: the
// policy's). Other columns are ignored. Column names are case-insensitive,
// underscores and spaces alike; numbers may use a decimal comma (12,5).

// CSVError is a problem at one place of a CSV file: diag's positioned
// error (Line and Column 1-based; Column is the field number, 0 when the
// whole row or file is at fault), whose cause also counts as
// ErrInvalidInput (csvError builds it).
type CSVError = diag.Error

// csvError places err in a demand or requirements file.
func csvError(file string, line, column int, field string, err error) *CSVError {
	return &diag.Error{File: file, Line: line, Column: column, Field: field, Err: diag.Also(err, ErrInvalidInput)}
}

// MaxCSVErrors is the number of bad rows collected before reading stops:
// the problems of one file come as one diag.List of *CSVError, in file
// order, noting when reading stopped at the limit.
const MaxCSVErrors = 20

// ReadOptions tune ReadDemandCSV.
type ReadOptions struct {
	// Location reads times without a UTC offset, and becomes the time
	// zone of every demand (days, opening hours). nil: times must carry
	// an offset, and each series keeps that of its first row.
	Location *time.Location
	// Interval is the interval length; 0 infers it as the smallest gap
	// between two starts of a series.
	Interval time.Duration
	// Order forces the day/month order of numeric dates (dates.OrderUnknown:
	// learn it from the column).
	Order dates.Order
	// Table overrides what is otherwise sniffed (encoding, delimiter,
	// sheet).
	Table table.Options
	// Warn, when set, receives what the file did not say and was assumed
	// (the day/month order of its times).
	Warn func(msg string)
}

// demandAliases are the other names of the demand file's columns
// (normalized: lower case, underscores for blanks).
var demandAliases = map[string]string{
	"start": "interval", "interval_start": "interval", "time": "interval", "timestamp": "interval", "datetime": "interval",
	"aht": "aht_seconds", "queue": "channel",
	"count": "contacts", "volume": "contacts", "calls": "contacts", "arrivals": "contacts", "offered": "contacts",
}

// Errors of the demand CSV, the causes of its CSVError values.
var (
	ErrMissingColumn = errors.New("missing column")
	ErrBadValue      = errors.New("bad value")
	ErrDuplicate     = errors.New("duplicate interval")
	ErrGap           = errors.New("start off the interval grid")
	ErrNoRows        = errors.New("no data rows")
)

type demandRow struct {
	t            time.Time
	contacts     float64
	aht          float64
	issueType    string
	line, column int // of the interval field
}

func (r demandRow) at() rowAt { return rowAt{r.t, r.line, r.column} }

// ReadDemandCSV reads a demand CSV (see above) into one Demand per channel
// and skill, in order of first appearance. Rows of a series may come in
// any order; missing intervals, inside a series or before and after it
// (the demands share the file's span), are zero contacts. Every
// problem is reported with its file, line and column as a *CSVError; up
// to MaxCSVErrors are collected in one error.
func ReadDemandCSV(r io.Reader, name string, opts ReadOptions) ([]Demand, error) {
	// stages: the header, the rows of each series, their common grid
	// (issue types of one interval summed), one Demand per series
	in, err := openIntervals(r, name, opts, demandAliases, "interval", "channel", "contacts")
	if err != nil {
		return nil, err
	}
	rows, err := in.demandRows(opts.Location)
	if err != nil {
		return nil, err
	}
	var sumTypes func(s *series[demandRow])
	if _, hasType := in.col["issue_type"]; hasType {
		// A forecast file (peakstaff forecast --out) has one row per issue
		// type: the issue types of an interval are summed into the
		// channel's demand, their handle times weighted by their contacts.
		sumTypes = func(s *series[demandRow]) {
			s.rows = sumIssueTypes(s.rows, func(r, prev demandRow) bool {
				return in.fail(r.line, r.column, "issue_type", fmt.Errorf("%w: %s %s/%s issue type %q again (line %d)", ErrDuplicate,
					r.t.Format(time.RFC3339), s.channel, s.skill, r.issueType, prev.line))
			})
		}
	}
	interval, first, err := seriesGrid(in, rows.order, opts.Interval, sumTypes)
	if err != nil {
		return nil, err
	}
	var out []Demand
	for _, s := range rows.order {
		d, more := in.demand(s, interval)
		if !more {
			return nil, in.done()
		}
		out = append(out, d)
	}
	if in.failed() {
		return nil, in.done()
	}
	for i, s := range rows.order {
		if off := out[i].Start.Sub(first); off%interval != 0 {
			r := s.rows[0]
			in.fail(r.line, r.column, "interval", fmt.Errorf("%w: %s starts %s, %s after the file's first interval %s, not a multiple of %s",
				ErrGap, label2(s.channel, s.skill), r.t.Format(time.RFC3339), civil.FormatDuration(off), first.Format(time.RFC3339), civil.FormatDuration(interval)))
		}
	}
	if in.failed() {
		return nil, in.done()
	}
	// the file's span, which every demand takes (onOneGrid)
	n, lastRow, lastSeries := 0, demandRow{}, ""
	for i, s := range rows.order {
		if k := int(out[i].Start.Sub(first)/interval) + len(out[i].Contacts); k > n {
			n, lastRow, lastSeries = k, s.rows[len(s.rows)-1], label2(s.channel, s.skill)
		}
	}
	switch {
	case n > deferred.MaxIntervals:
		in.fail(lastRow.line, lastRow.column, "interval", fmt.Errorf("%w: %s (%s) is %d intervals after the file's first row; at most %d are supported",
			ErrBadValue, lastRow.t.Format(time.RFC3339), lastSeries, n-1, deferred.MaxIntervals-1))
	case n*len(out) > maxDemandCells:
		in.fail(lastRow.line, lastRow.column, "channel", fmt.Errorf("%w: %d channels over the file's %d intervals are more than %d values; split the file by channel or by period",
			ErrBadValue, len(out), n, maxDemandCells))
	}
	if in.failed() {
		return nil, in.done()
	}
	return onOneGrid(out, first, interval), nil
}

// maxDemandCells caps the values the demands of one file hold once they
// share the file's span (onOneGrid): 8 million, 128 MB with their handle
// times; a year of 15-minute intervals is 35,040 a channel.
const maxDemandCells = 8 << 20

// onOneGrid places every demand on the file's whole span, from its first
// interval to its last: a channel whose rows start later or end earlier
// than another's has zero contacts there, as a missing interval inside a
// series does (the channels of a group are staffed on one grid). Each
// demand starts on the grid (ReadDemandCSV checks it).
func onOneGrid(ds []Demand, first time.Time, interval time.Duration) []Demand {
	n := 0
	for _, d := range ds {
		n = max(n, int(d.Start.Sub(first)/interval)+len(d.Contacts))
	}
	for i := range ds {
		d := &ds[i]
		lead := int(d.Start.Sub(first) / interval)
		if lead == 0 && len(d.Contacts) == n {
			continue
		}
		pad := func(v []float64) []float64 {
			out := make([]float64, n)
			copy(out[lead:], v)
			return out
		}
		d.Contacts = pad(d.Contacts)
		if d.AHTSeconds != nil {
			d.AHTSeconds = pad(d.AHTSeconds)
		}
		d.Start = first
	}
	return ds
}

// demandRows reads every record into the series of its channel and
// skill; a bad value is reported and its record left out.
func (in *csvInput) demandRows(loc *time.Location) (*seriesSet[demandRow], error) {
	rows := newSeriesSet[demandRow]()
	skillCol, hasSkill := in.col["skill"]
	typeCol, hasType := in.col["issue_type"]
	for {
		rec, more, err := in.read()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		row, channel, ok, more := in.demandRow(rec, loc)
		if !more {
			return nil, in.done()
		}
		if !ok {
			continue
		}
		skill := ""
		if hasSkill {
			skill = strings.TrimSpace(rec[skillCol])
		}
		if hasType {
			row.issueType = strings.TrimSpace(rec[typeCol])
		}
		rows.add(channel, skill, row)
	}
	if in.rows == 0 {
		in.fail(0, 0, "", ErrNoRows)
	}
	if in.failed() {
		return nil, in.done()
	}
	return rows, nil
}

// demandRow reads the interval, channel, contacts and handle time of one
// record; ok is false when one of them is bad (reported), more is false
// once the error limit is reached.
func (in *csvInput) demandRow(rec []string, loc *time.Location) (row demandRow, channel string, ok, more bool) {
	line, _ := in.pos(0)
	bad := func(i int, format string, a ...any) bool {
		l, c := in.pos(i)
		return in.fail(l, c, in.names[i], fmt.Errorf("%w: "+format, append([]any{ErrBadValue}, a...)...))
	}
	ok = true
	ic := in.col["interval"]
	t, err := in.timeAt(loc)
	if err != nil {
		ok = false
		if !bad(ic, "%q: %v", rec[ic], err) {
			return row, "", false, false
		}
	}
	cc := in.col["channel"]
	channel = strings.TrimSpace(rec[cc])
	if channel == "" {
		ok = false
		if !bad(cc, "empty channel") {
			return row, "", false, false
		}
	}
	nc := in.col["contacts"]
	contacts, err := in.number(rec[nc])
	if err != nil || !finite(contacts) || contacts < 0 || contacts > 1e12 {
		ok = false
		if !bad(nc, "%q: want a number of contacts >= 0", rec[nc]) {
			return row, "", false, false
		}
	}
	aht := 0.0
	if ahtCol, hasAHT := in.col["aht_seconds"]; hasAHT && strings.TrimSpace(rec[ahtCol]) != "" {
		aht, err = in.number(rec[ahtCol])
		if err != nil || !finite(aht) || aht < 0 || aht > 1e7 {
			ok = false
			if !bad(ahtCol, "%q: want a handle time in seconds >= 0", rec[ahtCol]) {
				return row, "", false, false
			}
		}
	}
	_, c := in.pos(ic)
	return demandRow{t: t, contacts: contacts, aht: aht, line: line, column: c}, channel, ok, true
}

// demand assembles one series' Demand: its rows placed on the interval
// grid from its first row, the intervals it does not list zero. Rows off
// the grid, or with more work than a queue model takes, are reported and
// left out; more is false once the error limit is reached.
func (in *csvInput) demand(s *series[demandRow], interval time.Duration) (d Demand, more bool) {
	_, hasAHT := in.col["aht_seconds"]
	first := s.rows[0].t
	last := s.rows[len(s.rows)-1]
	if n := last.t.Sub(first) / interval; n >= deferred.MaxIntervals {
		in.fail(last.line, last.column, "interval", fmt.Errorf("%w: %s is %d intervals after the series' first row; at most %d are supported",
			ErrBadValue, last.t.Format(time.RFC3339), n, deferred.MaxIntervals))
		return d, true
	}
	n := int(last.t.Sub(first)/interval) + 1
	d = Demand{Channel: s.channel, Skill: s.skill, Start: first, Interval: interval, Contacts: make([]float64, n)}
	if hasAHT {
		d.AHTSeconds = make([]float64, n)
	}
	for _, r := range s.rows {
		off := r.t.Sub(first)
		if off%interval != 0 {
			if !in.fail(r.line, r.column, "interval", fmt.Errorf("%w: %s is %v after the series' first row, not a multiple of %v",
				ErrGap, r.t.Format(time.RFC3339), civil.FormatDuration(off), civil.FormatDuration(interval))) {
				return d, false
			}
			continue
		}
		i := int(off / interval)
		// more work than any queue model takes: say so in the file's
		// words, not in erlang's
		if load := r.contacts * r.aht / interval.Seconds(); load > erlang.MaxTrafficErlangs {
			if !in.fail(r.line, 0, "contacts", fmt.Errorf("%w: %g contacts of %gs in a %v interval are %.3g agents' worth of work at once; at most %d are supported (is the contacts column right?)",
				ErrBadValue, r.contacts, r.aht, civil.FormatDuration(interval), load, erlang.MaxTrafficErlangs)) {
				return d, false
			}
			continue
		}
		d.Contacts[i] = r.contacts
		if hasAHT {
			d.AHTSeconds[i] = r.aht
		}
	}
	return d, true
}

// RequirementColumns is the header WriteRequirementsCSV writes.
var RequirementColumns = []string{"interval", "channel", "skill", "contacts", "aht_seconds", "agents", "agents_fractional",
	"scheduled", "service_level", "asa_seconds", "occupancy", "p_abandon", "binding", "backlog", "group", "group_agents", "group_scheduled"}

// WriteRequirementsCSV writes one row per interval and channel (and
// skill), by interval start, then in the plan's order. Figures that do not
// apply are empty: service level, ASA and P(abandon) for deferred work
// (P(abandon) also without a patience), the backlog for live queues.
//
// In a group plan, group names the staffing group that serves the channel
// and group_agents, group_scheduled are that group's agents in the
// interval (the same on every row of the group: add up groups, not rows);
// agents, agents_fractional and scheduled are then the channel's share of
// them. A channel several groups share has group "a;b" and no group
// figures.
func WriteRequirementsCSV(w io.Writer, plan Plan) error {
	groupAt := map[string]int{}
	for g := range plan.Groups {
		groupAt[plan.Groups[g].Name] = g
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(RequirementColumns); err != nil {
		return err
	}
	type ref struct{ r, i int }
	var rows []ref
	for r, req := range plan.Requirements {
		for i := range req.Intervals {
			rows = append(rows, ref{r, i})
		}
	}
	sort.SliceStable(rows, func(a, b int) bool {
		ta := plan.Requirements[rows[a].r].Intervals[rows[a].i].Start
		tb := plan.Requirements[rows[b].r].Intervals[rows[b].i].Start
		return ta.Before(tb)
	})
	rec := make([]string, len(RequirementColumns))
	for _, x := range rows {
		req := &plan.Requirements[x.r]
		iv := &req.Intervals[x.i]
		live := req.Kind != KindDeferred
		rec[0] = iv.Start.Format(time.RFC3339)
		// channel names come from the demand file: no formula may leave
		rec[1], rec[2] = textsafe.Cell(req.Channel), textsafe.Cell(req.Skill)
		rec[3], rec[4] = num(iv.Contacts, 6), num(iv.AHTSeconds, 3)
		rec[5], rec[6], rec[7] = strconv.Itoa(iv.Agents), num(iv.AgentsFractional, 4), strconv.Itoa(iv.Scheduled)
		rec[8], rec[9], rec[11], rec[13] = "", "", "", ""
		if live {
			rec[8] = num(iv.ServiceLevel, 6)
			if !iv.Unstable {
				rec[9] = num(iv.ASASeconds, 3)
			}
			if req.Policy.PatienceSeconds > 0 {
				rec[11] = num(iv.PAbandon, 6)
			}
		} else {
			rec[13] = num(iv.Backlog, 4)
		}
		rec[10] = num(iv.Occupancy, 6)
		rec[12] = iv.Binding
		rec[14], rec[15], rec[16] = iv.Group, "", ""
		if g, ok := groupAt[iv.Group]; ok && x.i < len(plan.Groups[g].Intervals) {
			giv := plan.Groups[g].Intervals[x.i]
			rec[15], rec[16] = strconv.Itoa(giv.Agents), strconv.Itoa(giv.Scheduled)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// num prints x rounded to the given decimals, without trailing zeros.
func num(x float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	r := math.Round(x*p) / p
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// sumIssueTypes merges the rows of one interval (sorted by time) into one:
// contacts summed, handle time weighted by contacts. The same issue type
// twice in an interval is reported through dup.
func sumIssueTypes(rows []demandRow, dup func(r, prev demandRow) bool) []demandRow {
	out := rows[:0]
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].t.Equal(rows[i].t) {
			j++
		}
		m := rows[i]
		seen := map[string]int{m.issueType: i}
		work := m.contacts * m.aht
		for k := i + 1; k < j; k++ {
			r := rows[k]
			if p, ok := seen[r.issueType]; ok {
				dup(r, rows[p])
				continue
			}
			seen[r.issueType] = k
			m.contacts += r.contacts
			work += r.contacts * r.aht
			if m.aht == 0 || r.aht == 0 {
				m.aht = max(m.aht, r.aht)
			}
		}
		if m.contacts > 0 && work > 0 {
			m.aht = work / m.contacts
		}
		out = append(out, m)
		i = j
	}
	return out
}
