package require

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// csvInput is what the demand and requirements readers share: the file
// read by the reading layer of the exports (package sheet: any delimiter
// and encoding, a BOM or none, XLSX), the header's columns by normalized
// name, the interval column's times read with the day/month order learnt
// from the whole column, and the collected errors (at most MaxCSVErrors).
type csvInput struct {
	name   string
	sh     *sheet.Sheet
	header []string
	names  []string       // normalized header names, by column
	col    map[string]int // column of each normalized name
	errs   []*CSVError
	// truncated is set when a problem past MaxCSVErrors was dropped.
	truncated bool
	rows      int // data records read, good or bad
	next      int // the row read() returns next
	cur       int // the row read() returned last

	times *sheet.Times
	// Warnings are what the file did not say and was assumed (the
	// day/month order of its times).
	Warnings []string
}

// openCSV reads the file and its header: names are trimmed, lower-cased,
// underscores read as spaces, and renamed by aliases; a repeated name or a
// missing required one is an error.
func openCSV(r io.Reader, name string, opts ReadOptions, aliases map[string]string, required ...string) (*csvInput, error) {
	sh, err := sheet.Read(r, name, opts.Table)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) && !errors.Is(err, table.ErrBadOption) {
			return nil, err
		}
		if errors.Is(err, table.ErrEmptyFile) {
			return nil, csvError(name, 0, 0, "", ErrNoRows)
		}
		return nil, csvError(name, 0, 0, "", fmt.Errorf("%w: %w", ErrBadValue, err))
	}
	in := &csvInput{name: name, sh: sh, col: map[string]int{}, header: sh.Header}
	for _, b := range sh.Bad {
		in.fail(b.Line, b.Column, "", fmt.Errorf("%w: %w", ErrBadValue, b.Err))
	}
	in.names = make([]string, len(sh.Header))
	for i, h := range sh.Header {
		h = strings.ReplaceAll(sheet.NormalizeName(h), " ", "_")
		if a, ok := aliases[h]; ok {
			h = a
		}
		in.names[i] = h
		if _, dup := in.col[h]; dup && h != "" {
			in.fail(sh.HeaderLine, i+1, h, fmt.Errorf("%w: column %q appears twice", ErrBadValue, h))
		}
		in.col[h] = i
	}
	for _, need := range required {
		if _, ok := in.col[need]; !ok {
			accepted := []string{need}
			for a, to := range aliases {
				if to == need {
					accepted = append(accepted, a)
				}
			}
			sort.Strings(accepted[1:])
			also := ""
			if len(accepted) > 1 {
				also = "; accepted names: " + strings.Join(accepted, ", ")
			}
			in.fail(sh.HeaderLine, 0, need, fmt.Errorf("%w %q (the header has %s%s)", ErrMissingColumn, need, strings.Join(in.header, ","), also))
		}
	}
	if in.failed() {
		return nil, in.done()
	}
	if len(sh.Rows) == 0 {
		in.fail(0, 0, "", ErrNoRows)
		return nil, in.done()
	}
	return in, nil
}

// parseTimes reads the interval column whole: RFC 3339, or with loc any
// local time import reads (2025-11-28 09:00, 28-11-2025 9:00, 28/11/2025
// 09:00), the day/month order learnt from the column or given.
func (in *csvInput) parseTimes(c int, loc *time.Location, order dates.Order) {
	in.times, _ = in.sh.ParseTimes(c, sheet.TimeOptions{Location: loc, Order: order})
	in.Warnings = append(in.Warnings, in.times.Warnings...)
}

// timeAt is the current row's interval start: in loc, or, without a
// zone, with the offset the value carries (a value without one is then an
// error).
func (in *csvInput) timeAt(loc *time.Location) (time.Time, error) {
	if e := in.times.Err[in.cur]; e != nil {
		return time.Time{}, e.Err
	}
	r := in.times.Values[in.cur]
	switch {
	case loc != nil:
		return r.Time.In(loc), nil
	case !r.Zoned:
		return time.Time{}, errors.New("no UTC offset: give the time zone")
	}
	return sheet.WallClock(r), nil
}

// pos is the line and column (1-based field number) of field i of the
// current row.
func (in *csvInput) pos(i int) (line, column int) {
	return in.sh.Rows[in.cur].Line, i + 1
}

// number reads a figure as spreadsheets write it (1234.5, 1 234,5).
func (in *csvInput) number(v string) (float64, error) { return in.sh.Number(v) }

// fail records a problem; false once the limit is reached.
func (in *csvInput) fail(line, col int, field string, err error) bool {
	if len(in.errs) >= MaxCSVErrors {
		in.truncated = true
		return false
	}
	in.errs = append(in.errs, csvError(in.name, line, col, field, err))
	return true
}

// done returns the collected errors in file order (problems are found
// stage by stage, not line by line) as one diag.List, or nil.
func (in *csvInput) done() error {
	sort.SliceStable(in.errs, func(i, j int) bool {
		a, b := in.errs[i], in.errs[j]
		return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
	})
	list := diag.List{Max: MaxCSVErrors}
	for _, e := range in.errs {
		list.Add(e)
	}
	if in.truncated {
		list.Truncate()
	}
	return list.Err()
}

// read returns the next record. more is false at the end of the file; err
// is set when reading must stop (the error limit). A record with the
// wrong number of fields is recorded and skipped.
func (in *csvInput) read() (rec []string, more bool, err error) {
	for in.next < len(in.sh.Rows) {
		in.cur = in.next
		in.next++
		in.rows++
		row := in.sh.Rows[in.cur]
		if len(row.Fields) == len(in.header) {
			return row.Fields, true, nil
		}
		if !in.fail(row.Line, 0, "", fmt.Errorf("%w: %d fields, the header has %d", ErrBadValue, len(row.Fields), len(in.header))) {
			return nil, false, in.done()
		}
	}
	return nil, false, nil
}

// rowAt is where a row of a series sits in time and in the file.
type rowAt struct {
	t            time.Time
	line, column int
}

// gridInterval reports the intervals a series lists twice (its rows sorted
// by time) and returns the interval length: given, or the smallest gap of
// any series, at most 24 hours.
func (in *csvInput) gridInterval(series [][]rowAt, labels []string, given time.Duration) (time.Duration, error) {
	interval := given
	for k, rows := range series {
		for i := 1; i < len(rows); i++ {
			r, prev := rows[i], rows[i-1]
			gap := r.t.Sub(prev.t)
			if gap == 0 && !in.fail(r.line, r.column, "interval", fmt.Errorf("%w: %s %s again (line %d)", ErrDuplicate,
				r.t.Format(time.RFC3339), labels[k], prev.line)) {
				return 0, in.done()
			}
			if given == 0 && gap > 0 && (interval == 0 || gap < interval) {
				interval = gap
			}
		}
	}
	switch {
	case in.failed():
	case interval <= 0:
		in.fail(0, 0, "interval", fmt.Errorf("%w: every series has one row: the interval length cannot be inferred; give it", ErrBadValue))
	case interval > 24*time.Hour:
		in.fail(0, 0, "interval", fmt.Errorf("%w: rows are %v apart; intervals of at most 24h are supported", ErrGap, civil.FormatDuration(interval)))
	case interval < time.Minute:
		// two rows a second apart are a typo, not 1-second intervals
		// (1,812 agents for 20 contacts)
		in.fail(0, 0, "interval", fmt.Errorf("%w: rows are %v apart; intervals of at least 1m are supported: check the times, or give the interval", ErrGap, civil.FormatDuration(interval)))
	default:
		return interval, nil
	}
	return 0, in.done()
}

// openIntervals opens a file of interval rows (demand, requirements): its
// header (openCSV) and its interval column read whole (parseTimes), what
// was assumed about the times passed to opts.Warn.
func openIntervals(r io.Reader, name string, opts ReadOptions, aliases map[string]string, required ...string) (*csvInput, error) {
	in, err := openCSV(r, name, opts, aliases, required...)
	if err != nil {
		return nil, err
	}
	in.parseTimes(in.col["interval"], opts.Location, opts.Order)
	if opts.Warn != nil {
		for _, w := range in.Warnings {
			opts.Warn(name + ": " + w)
		}
	}
	return in, nil
}

// failed reports whether a problem was recorded.
func (in *csvInput) failed() bool { return len(in.errs) > 0 }

// series is the rows of one channel and skill.
type series[R any] struct {
	channel, skill string
	rows           []R
}

// seriesSet gathers rows into the series of their channel and skill, in
// order of first appearance.
type seriesSet[R any] struct {
	order []*series[R]
	byKey map[string]*series[R]
}

func newSeriesSet[R any]() *seriesSet[R] { return &seriesSet[R]{byKey: map[string]*series[R]{}} }

func (ss *seriesSet[R]) add(channel, skill string, row R) {
	key := channel + "\x00" + skill
	s := ss.byKey[key]
	if s == nil {
		s = &series[R]{channel: channel, skill: skill}
		ss.byKey[key] = s
		ss.order = append(ss.order, s)
	}
	s.rows = append(s.rows, row)
}

// timedRow is a row of a series: it has a place in time and in the file.
type timedRow interface{ at() rowAt }

// seriesGrid sorts each series' rows by time, merges them with merge when
// given (issue types of one interval), and returns the grid the series
// share: the interval (given, or the smallest gap of any series; see
// gridInterval) and the earliest start of the file.
func seriesGrid[R timedRow](in *csvInput, order []*series[R], given time.Duration, merge func(*series[R])) (time.Duration, time.Time, error) {
	var first time.Time
	var grid [][]rowAt
	var labels []string
	for _, s := range order {
		sort.SliceStable(s.rows, func(i, j int) bool { return s.rows[i].at().t.Before(s.rows[j].at().t) })
		if merge != nil {
			merge(s)
		}
		if t := s.rows[0].at().t; first.IsZero() || t.Before(first) {
			first = t
		}
		pos := make([]rowAt, len(s.rows))
		for i, r := range s.rows {
			pos[i] = r.at()
		}
		grid = append(grid, pos)
		labels = append(labels, label2(s.channel, s.skill))
	}
	interval, err := in.gridInterval(grid, labels, given)
	return interval, first, err
}
