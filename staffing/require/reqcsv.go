package require

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
)

// maxReadAgents bounds the agents of one interval read from a file, so that
// a corrupt cell cannot ask a scheduler for billions of people.
const maxReadAgents = 10_000_000

type reqRow struct {
	t            time.Time
	iv           IntervalRequirement
	backlog      bool // the backlog cell is filled: deferred work
	line, column int  // of the interval field
}

func (r reqRow) at() rowAt { return rowAt{r.t, r.line, r.column} }

// requirementAliases are the other names of the requirements file's
// columns (normalized).
var requirementAliases = map[string]string{"start": "interval", "interval_start": "interval", "time": "interval", "timestamp": "interval", "datetime": "interval"}

// ReadRequirementsCSV reads a requirements CSV back, as WriteRequirementsCSV
// writes it (peakstaff staff --out, peakstaff plan), into one Requirement
// per channel and skill, in order of first appearance. The columns are
// RequirementColumns in any order and case; interval (alias start),
// channel and agents are required, the others may be absent or empty (0),
// and unknown columns are ignored, so that a file edited in a spreadsheet
// still reads. Times are read as by ReadDemandCSV (opts.Location converts
// them; without it each keeps its own offset).
//
// Every series lists each of its intervals exactly once, and all series lie
// on one grid: the interval (opts.Interval, or the smallest gap between two
// rows of a series) from the earliest row. A file written by
// WriteRequirementsCSV always does; a hole is an error rather than a silent
// zero, because a scheduler would read it as no agents needed.
//
// What the file does not hold stays zero: the policy, traffic, the deferred
// evaluation and the opening flag. Kind is KindDeferred for a series with
// backlog figures (the writer fills them for deferred work only), else
// KindChat for channels DefaultKind calls chat, else KindLive; Unstable is
// set where a live interval has a service level but no ASA. The totals
// (AgentHours, PeakAgents, ...) are recomputed from the intervals.
//
// Every problem is reported with its file, line and column as a
// *CSVError; up to MaxCSVErrors are collected in one error.
func ReadRequirementsCSV(r io.Reader, name string, opts ReadOptions) ([]Requirement, error) {
	// stages: the header, the rows of each series, their common grid,
	// one Requirement per series
	in, err := openIntervals(r, name, opts, requirementAliases, "interval", "channel", "agents")
	if err != nil {
		return nil, err
	}
	rows, err := in.requirementRows(opts.Location)
	if err != nil {
		return nil, err
	}
	interval, first, err := seriesGrid(in, rows.order, opts.Interval, nil)
	if err != nil {
		return nil, err
	}
	var out []Requirement
	for _, s := range rows.order {
		req, more := in.requirement(s, interval, first)
		if !more {
			return nil, in.done()
		}
		out = append(out, req)
	}
	if in.failed() {
		return nil, in.done()
	}
	return out, nil
}

// requirementRows reads every record into the series of its channel and
// skill; a bad value is reported and its record left out.
func (in *csvInput) requirementRows(loc *time.Location) (*seriesSet[reqRow], error) {
	rows := newSeriesSet[reqRow]()
	for {
		rec, more, err := in.read()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		f := reqFields{in: in, rec: rec, ok: true}
		row, channel, skill, more := f.parse(loc)
		if !more {
			return nil, in.done()
		}
		if f.ok {
			rows.add(channel, skill, row)
		}
	}
	if in.rows == 0 {
		in.fail(0, 0, "", ErrNoRows)
	}
	if in.failed() {
		return nil, in.done()
	}
	return rows, nil
}

// reqFields reads the fields of one record of a requirements file; ok is
// false once a field was bad.
type reqFields struct {
	in  *csvInput
	rec []string
	ok  bool
}

// bad records a problem with field i; false once the error limit is
// reached.
func (f *reqFields) bad(i int, format string, a ...any) bool {
	f.ok = false
	l, c := f.in.pos(i)
	return f.in.fail(l, c, f.in.names[i], fmt.Errorf("%w: "+format, append([]any{ErrBadValue}, a...)...))
}

// cell is the trimmed value of column c, its index (-1 when the file has
// no such column) and whether it is filled.
func (f *reqFields) cell(c string) (string, int, bool) {
	i, has := f.in.col[c]
	if !has {
		return "", -1, false
	}
	v := strings.TrimSpace(f.rec[i])
	return v, i, v != ""
}

// number reads an optional figure in [0, hi]; more is false once the
// error limit is reached.
func (f *reqFields) number(c string, hi float64, what string) (x float64, more bool) {
	v, i, has := f.cell(c)
	if !has {
		return 0, true
	}
	x, err := f.in.number(v)
	if err != nil || !finite(x) || x < 0 || x > hi {
		return 0, f.bad(i, "%q: want %s", v, what)
	}
	return x, true
}

// whole reads a number of agents, required or optional.
func (f *reqFields) whole(c string, required bool) (n int, more bool) {
	v, i, has := f.cell(c)
	if !has {
		if required {
			return 0, f.bad(i, "empty: want a whole number of agents >= 0")
		}
		return 0, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxReadAgents {
		return 0, f.bad(i, "%q: want a whole number of agents >= 0", v)
	}
	return n, true
}

// parse reads the record into a row of its series; more is false once
// the error limit is reached.
func (f *reqFields) parse(loc *time.Location) (row reqRow, channel, skill string, more bool) {
	in, rec := f.in, f.rec
	line, _ := in.pos(0)
	ic := in.col["interval"]
	t, err := in.timeAt(loc)
	if err != nil && !f.bad(ic, "%q: %v", rec[ic], err) {
		return row, "", "", false
	}
	channel, cc, _ := f.cell("channel")
	if channel == "" && !f.bad(cc, "empty channel") {
		return row, "", "", false
	}
	skill, _, _ = f.cell("skill")
	iv := &row.iv
	cont := true
	for _, c := range []struct {
		col  string
		hi   float64
		what string
		dst  *float64
	}{
		{"contacts", 1e12, "a number of contacts >= 0", &iv.Contacts},
		{"aht_seconds", 1e7, "a handle time in seconds >= 0", &iv.AHTSeconds},
		{"agents_fractional", maxReadAgents, "a number of agents >= 0", &iv.AgentsFractional},
		{"service_level", 1, "a fraction between 0 and 1", &iv.ServiceLevel},
		{"asa_seconds", 1e12, "a wait in seconds >= 0", &iv.ASASeconds},
		{"occupancy", 1e6, "a fraction >= 0", &iv.Occupancy},
		{"p_abandon", 1, "a probability between 0 and 1", &iv.PAbandon},
		{"backlog", 1e12, "a backlog of items >= 0", &iv.Backlog},
	} {
		x, c2 := f.number(c.col, c.hi, c.what)
		*c.dst = x
		cont = cont && c2
	}
	if !cont {
		return row, "", "", false
	}
	for _, w := range []struct {
		col      string
		required bool
		dst      *int
	}{{"agents", true, &iv.Agents}, {"scheduled", false, &iv.Scheduled}, {"group_agents", false, &iv.GroupAgents}} {
		if *w.dst, cont = f.whole(w.col, w.required); !cont {
			return row, "", "", false
		}
	}
	iv.Binding, _, _ = f.cell("binding")
	iv.Group, _, _ = f.cell("group")
	_, _, row.backlog = f.cell("backlog")
	_, _, hasSL := f.cell("service_level")
	_, _, hasASA := f.cell("asa_seconds")
	iv.Unstable = hasSL && !hasASA
	_, row.column = in.pos(ic)
	row.t, row.line, row.iv.Start = t, line, t
	return row, channel, skill, true
}

// requirement assembles one series' Requirement: every interval on the
// file's grid from first, each listed once, the totals recomputed. Rows
// off the grid or after a hole are reported and left out; more is false
// once the error limit is reached.
func (in *csvInput) requirement(s *series[reqRow], interval time.Duration, first time.Time) (req Requirement, more bool) {
	last := s.rows[len(s.rows)-1]
	if n := last.t.Sub(s.rows[0].t) / interval; n >= deferred.MaxIntervals {
		in.fail(last.line, last.column, "interval", fmt.Errorf("%w: %s is %d intervals after the series' first row; at most %d are supported",
			ErrBadValue, last.t.Format(time.RFC3339), n, deferred.MaxIntervals))
		return req, true
	}
	req = Requirement{Channel: s.channel, Skill: s.skill, Kind: KindLive, Start: s.rows[0].t, Interval: interval}
	if DefaultKind(s.channel) == KindChat {
		req.Kind = KindChat
	}
	req.Intervals = make([]IntervalRequirement, 0, len(s.rows))
	hours := interval.Hours()
	for i, r := range s.rows {
		if off := r.t.Sub(first); off%interval != 0 {
			if !in.fail(r.line, r.column, "interval", fmt.Errorf("%w: %s is %v after the file's first interval %s, not a multiple of %v",
				ErrGap, r.t.Format(time.RFC3339), civil.FormatDuration(off), first.Format(time.RFC3339), civil.FormatDuration(interval))) {
				return req, false
			}
			continue
		}
		if i > 0 {
			if want := s.rows[i-1].t.Add(interval); !r.t.Equal(want) {
				if !in.fail(r.line, r.column, "interval", fmt.Errorf("%w: %s: %s follows %s; every interval of a series must be listed (%s is missing)",
					ErrGap, label2(s.channel, s.skill), r.t.Format(time.RFC3339), s.rows[i-1].t.Format(time.RFC3339), want.Format(time.RFC3339))) {
					return req, false
				}
				continue
			}
		}
		if r.backlog {
			req.Kind = KindDeferred
		}
		iv := r.iv
		req.AgentHours += float64(iv.Agents) * hours
		req.FractionalAgentHours += iv.AgentsFractional * hours
		req.ScheduledHours += float64(iv.Scheduled) * hours
		req.PeakAgents = max(req.PeakAgents, iv.Agents)
		req.PeakScheduled = max(req.PeakScheduled, iv.Scheduled)
		req.Intervals = append(req.Intervals, iv)
	}
	return req, true
}

// label2 names a series in messages: channel, or channel/skill.
func label2(channel, skill string) string {
	if skill == "" {
		return channel
	}
	return channel + "/" + skill
}
