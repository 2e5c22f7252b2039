package require

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

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
// Every problem is reported with its file, line and column; up to
// MaxCSVErrors are collected in a *CSVErrors.
func ReadRequirementsCSV(r io.Reader, name string, opts ReadOptions) ([]Requirement, error) {
	in, err := openCSV(r, name, opts, map[string]string{"start": "interval", "interval_start": "interval", "time": "interval", "timestamp": "interval", "datetime": "interval"}, "interval", "channel", "agents")
	if err != nil {
		return nil, err
	}
	col, names, fail, done := in.col, in.names, in.fail, in.done
	in.parseTimes(col["interval"], opts.Location, opts.Order)
	if opts.Warn != nil {
		for _, w := range in.Warnings {
			opts.Warn(name + ": " + w)
		}
	}

	type series struct {
		channel, skill string
		rows           []reqRow
	}
	var order []*series
	byKey := map[string]*series{}
	for {
		rec, more, err := in.read()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		ok := true
		// bad records a problem with field i; false once the limit is reached.
		bad := func(i int, format string, a ...any) bool {
			ok = false
			l, c := in.pos(i)
			return fail(l, c, names[i], fmt.Errorf("%w: "+format, append([]any{ErrBadValue}, a...)...))
		}
		cell := func(c string) (string, int, bool) {
			i, has := col[c]
			if !has {
				return "", -1, false
			}
			v := strings.TrimSpace(rec[i])
			return v, i, v != ""
		}
		// number reads an optional figure in [0, hi].
		number := func(c string, hi float64, what string) (float64, bool) {
			v, i, has := cell(c)
			if !has {
				return 0, true
			}
			x, err := in.number(v)
			if err != nil || !finite(x) || x < 0 || x > hi {
				return 0, bad(i, "%q: want %s", v, what)
			}
			return x, true
		}
		whole := func(c string, required bool) (int, bool) {
			v, i, has := cell(c)
			if !has {
				if required {
					return 0, bad(i, "empty: want a whole number of agents >= 0")
				}
				return 0, true
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > maxReadAgents {
				return 0, bad(i, "%q: want a whole number of agents >= 0", v)
			}
			return n, true
		}
		line, _ := in.pos(0)
		var row reqRow
		ic := col["interval"]
		row.t, err = in.timeAt(opts.Location)
		if err != nil && !bad(ic, "%q: %v", rec[ic], err) {
			return nil, done()
		}
		channel, cc, _ := cell("channel")
		if channel == "" && !bad(cc, "empty channel") {
			return nil, done()
		}
		skill, _, _ := cell("skill")
		iv := &row.iv
		cont := true
		for _, f := range []struct {
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
			x, c := number(f.col, f.hi, f.what)
			*f.dst = x
			cont = cont && c
		}
		if !cont {
			return nil, done()
		}
		if iv.Agents, cont = whole("agents", true); !cont {
			return nil, done()
		}
		if iv.Scheduled, cont = whole("scheduled", false); !cont {
			return nil, done()
		}
		iv.Binding, _, _ = cell("binding")
		iv.Group, _, _ = cell("group")
		if iv.GroupAgents, cont = whole("group_agents", false); !cont {
			return nil, done()
		}
		_, _, row.backlog = cell("backlog")
		_, _, hasSL := cell("service_level")
		_, _, hasASA := cell("asa_seconds")
		iv.Unstable = hasSL && !hasASA
		if !ok {
			continue
		}
		key := channel + "\x00" + skill
		s := byKey[key]
		if s == nil {
			s = &series{channel: channel, skill: skill}
			byKey[key] = s
			order = append(order, s)
		}
		_, row.column = in.pos(ic)
		row.line = line
		row.iv.Start = row.t
		s.rows = append(s.rows, row)
	}
	if in.rows == 0 {
		fail(0, 0, "", ErrNoRows)
	}
	if len(in.errs.Errs) > 0 {
		return nil, done()
	}

	// The interval: given, or the smallest gap of any series; the grid
	// starts at the file's earliest row.
	var first time.Time
	var grid [][]rowAt
	var labels []string
	for _, s := range order {
		sort.SliceStable(s.rows, func(i, j int) bool { return s.rows[i].t.Before(s.rows[j].t) })
		if first.IsZero() || s.rows[0].t.Before(first) {
			first = s.rows[0].t
		}
		pos := make([]rowAt, len(s.rows))
		for i, r := range s.rows {
			pos[i] = rowAt{r.t, r.line, r.column}
		}
		grid = append(grid, pos)
		labels = append(labels, label2(s.channel, s.skill))
	}
	interval, err := in.gridInterval(grid, labels, opts.Interval)
	if err != nil {
		return nil, err
	}
	var out []Requirement
	for _, s := range order {
		last := s.rows[len(s.rows)-1]
		if n := last.t.Sub(s.rows[0].t) / interval; n >= deferred.MaxIntervals {
			fail(last.line, last.column, "interval", fmt.Errorf("%w: %s is %d intervals after the series' first row; at most %d are supported",
				ErrBadValue, last.t.Format(time.RFC3339), n, deferred.MaxIntervals))
			continue
		}
		req := Requirement{Channel: s.channel, Skill: s.skill, Kind: KindLive, Start: s.rows[0].t, Interval: interval}
		if DefaultKind(s.channel) == KindChat {
			req.Kind = KindChat
		}
		req.Intervals = make([]IntervalRequirement, 0, len(s.rows))
		hours := interval.Hours()
		for i, r := range s.rows {
			if off := r.t.Sub(first); off%interval != 0 {
				if !fail(r.line, r.column, "interval", fmt.Errorf("%w: %s is %v after the file's first interval %s, not a multiple of %v",
					ErrGap, r.t.Format(time.RFC3339), off, first.Format(time.RFC3339), interval)) {
					return nil, done()
				}
				continue
			}
			if i > 0 {
				if want := s.rows[i-1].t.Add(interval); !r.t.Equal(want) {
					if !fail(r.line, r.column, "interval", fmt.Errorf("%w: %s: %s follows %s; every interval of a series must be listed (%s is missing)",
						ErrGap, label2(s.channel, s.skill), r.t.Format(time.RFC3339), s.rows[i-1].t.Format(time.RFC3339), want.Format(time.RFC3339))) {
						return nil, done()
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
		out = append(out, req)
	}
	if len(in.errs.Errs) > 0 {
		return nil, done()
	}
	return out, nil
}

// label2 names a series in messages: channel, or channel/skill.
func label2(channel, skill string) string {
	if skill == "" {
		return channel
	}
	return channel + "/" + skill
}
