package shiftdesign

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/schedule/filepos"
)

// ErrInvalidRequirements is the cause of every RequirementsError.
var ErrInvalidRequirements = errors.New("invalid requirements file")

// RequirementsError is a problem at one place of a requirements CSV. Line
// and Column are 1-based (Column counts bytes, as encoding/csv does; 0 when
// the whole row or file is at fault).
type RequirementsError struct {
	File         string
	Line, Column int
	Field        string // "start", "required" or "" for the file
	Err          error
}

func (e *RequirementsError) Error() string {
	return filepos.Format(e.File, e.Line, e.Column, e.Field, e.Err)
}

func (e *RequirementsError) Unwrap() []error { return []error{ErrInvalidRequirements, e.Err} }

// RequirementsErrors are the problems of one file, in file order, at most
// MaxRequirementsErrors of them.
type RequirementsErrors struct {
	Errs      []*RequirementsError
	Truncated bool
}

// MaxRequirementsErrors is the number of problems collected before reading
// stops.
const MaxRequirementsErrors = 20

func (e *RequirementsErrors) Error() string {
	lines := make([]string, len(e.Errs))
	for i, x := range e.Errs {
		lines[i] = x.Error()
	}
	if e.Truncated {
		lines = append(lines, fmt.Sprintf("(stopped after %d errors)", MaxRequirementsErrors))
	}
	return strings.Join(lines, "\n")
}

func (e *RequirementsErrors) Unwrap() []error {
	out := make([]error, len(e.Errs))
	for i, x := range e.Errs {
		out[i] = x
	}
	return out
}

// Requirements is a requirement curve: agents needed per interval from
// Start, evenly spaced.
type Requirements struct {
	// Start is the first interval's start as a wall-clock time (the
	// location is UTC and carries no meaning); it is at 00:00.
	Start    time.Time
	Interval time.Duration
	Required []float64
}

// Days is the number of days the curve touches.
func (r *Requirements) Days() int {
	if r.Interval <= 0 {
		return 0
	}
	perDay := int(day / r.Interval)
	return (len(r.Required) + perDay - 1) / perDay
}

// ReadRequirements reads a requirements CSV:
//
//	start,required
//	2025-11-24 00:00,3
//	2025-11-24 00:15,2.5
//
// start is a local wall-clock time YYYY-MM-DD HH:MM (a T instead of the
// space, and :SS, are accepted); rows are in time order and evenly spaced,
// the spacing is the interval (a whole number of minutes dividing a day),
// and the first row starts a day (00:00). required is a number of agents
// >= 0. Other columns are ignored; column names are case-insensitive. A
// daylight-saving change shows as a gap or a repeated hour and is refused:
// give the curve in one offset. name labels errors.
func ReadRequirements(r io.Reader, name string) (*Requirements, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	errs := &RequirementsErrors{}
	add := func(line, col int, field string, err error) bool {
		if len(errs.Errs) >= MaxRequirementsErrors {
			errs.Truncated = true
			return false
		}
		errs.Errs = append(errs.Errs, &RequirementsError{name, line, col, field, err})
		return true
	}
	fail := func() error {
		if len(errs.Errs) == 1 {
			return errs.Errs[0]
		}
		return errs
	}
	header, err := cr.Read()
	if err == io.EOF {
		add(0, 0, "", errors.New("the file is empty; want a header start,required"))
		return nil, fail()
	}
	if err != nil {
		add(csvPos(err, 1), 0, "", csvCause(err))
		return nil, fail()
	}
	startCol, reqCol := -1, -1
	for i, hname := range header {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(hname, "\ufeff"))) {
		case "start":
			startCol = i
		case "required":
			reqCol = i
		}
	}
	if startCol < 0 || reqCol < 0 {
		add(1, 0, "", fmt.Errorf("header %q: want the columns start and required", strings.Join(header, ",")))
		return nil, fail()
	}
	out := &Requirements{}
	var prev time.Time
	rows := 0
read:
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			add(csvPos(err, 0), 0, "", csvCause(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if startCol >= len(rec) || reqCol >= len(rec) {
			if !add(line, 0, "", fmt.Errorf("%d fields: want the start and required columns", len(rec))) {
				break read
			}
			continue
		}
		rows++
		sl, sc := cr.FieldPos(startCol)
		rl, rc := cr.FieldPos(reqCol)
		t, terr := parseWallClock(rec[startCol])
		if terr != nil {
			if !add(sl, sc, "start", terr) {
				break read
			}
		}
		v, verr := strconv.ParseFloat(strings.TrimSpace(rec[reqCol]), 64)
		if verr != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e7 {
			if !add(rl, rc, "required", fmt.Errorf("%q: want a number of agents in [0, 1e7]", rec[reqCol])) {
				break read
			}
			v = 0
		}
		out.Required = append(out.Required, v)
		if terr != nil {
			prev = time.Time{}
			continue
		}
		switch {
		case rows == 1:
			out.Start = t
			if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
				if !add(sl, sc, "start", fmt.Errorf("%s: the first interval must start at 00:00", rec[startCol])) {
					break read
				}
			}
		case rows == 2 && !prev.IsZero():
			out.Interval = t.Sub(prev)
			if iv := out.Interval; iv <= 0 || iv%time.Minute != 0 || day%iv != 0 {
				add(sl, sc, "start", fmt.Errorf("%s: the spacing %v after the first row must be a whole number of minutes dividing 24h", rec[startCol], iv))
				return nil, fail()
			}
		case !prev.IsZero() && out.Interval > 0:
			if want := prev.Add(out.Interval); !t.Equal(want) {
				if !add(sl, sc, "start", fmt.Errorf("%s: want %s (rows %v apart, in time order)", rec[startCol], want.Format("2006-01-02 15:04"), out.Interval)) {
					break read
				}
			}
		}
		prev = t
	}
	if len(errs.Errs) > 0 {
		return nil, fail()
	}
	if rows < 2 {
		add(0, 0, "", errors.New("fewer than two rows: the spacing of the rows is the interval"))
		return nil, fail()
	}
	return out, nil
}

// parseWallClock reads YYYY-MM-DD HH:MM[:SS] (or with a T) as a wall-clock
// time in UTC.
func parseWallClock(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: want a local time YYYY-MM-DD HH:MM", s)
}

func csvPos(err error, fallback int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return fallback
}

func csvCause(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
