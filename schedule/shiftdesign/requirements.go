package shiftdesign

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrInvalidRequirements is the cause of every problem of a requirements
// CSV (exit code 3).
var ErrInvalidRequirements = diag.New(diag.InvalidData, "invalid requirements file")

// MaxRequirementsErrors is the number of problems collected before reading
// stops.
const MaxRequirementsErrors = 20

// badRequirements is the cause of a problem of a requirements CSV: its
// own message, and ErrInvalidRequirements for errors.Is and the exit code.
type badRequirements struct{ err error }

func (e badRequirements) Error() string   { return e.err.Error() }
func (e badRequirements) Unwrap() []error { return []error{ErrInvalidRequirements, e.err} }

// Requirements is a requirement curve: agents needed per interval from
// Start, evenly spaced.
type Requirements struct {
	// Start is the first interval's start as a wall-clock time (the
	// location is UTC and carries no meaning); it is at 00:00.
	Start    time.Time
	Interval time.Duration
	Required []float64
	// Warnings say what the file did not tell and was assumed (the
	// day/month order of its times).
	Warnings []string
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
// The file is read as peakstaff import reads exports (package sheet): CSV
// with any of , ; tab |, a byte-order mark or none, XLSX, decimal commas.
// start (alias interval, interval_start) is a local wall-clock time
// in any form import reads (2025-11-24 00:00, 24-11-2025 0:00, 24/11/2025
// 00:00), the day/month order learnt from the whole column; rows are in
// time order and evenly spaced, the spacing is the interval (a whole
// number of minutes dividing a day), and the first row starts a day
// (00:00). required is a number of agents >= 0. Other
// columns are ignored; column names are case-insensitive. A
// daylight-saving change shows as a gap or a repeated hour and is refused:
// give the curve in one offset. name labels errors.
func ReadRequirements(r io.Reader, name string) (*Requirements, error) {
	return ReadRequirementsOrder(r, name, dates.OrderUnknown)
}

// ReadRequirementsOrder is ReadRequirements with the day/month order of
// numeric dates given (dates.OrderUnknown learns it from the column).
func ReadRequirementsOrder(r io.Reader, name string, order dates.Order) (*Requirements, error) {
	// every problem a *diag.Error (Column counts bytes, as encoding/csv
	// does; 0 when the whole row or file is at fault), in file order
	errs := diag.List{Max: MaxRequirementsErrors}
	add := func(line, col int, field string, err error) bool {
		if errs.Full() { // one more than kept: reading stops, and says so
			errs.Truncate()
			return false
		}
		errs.Add(&diag.Error{File: name, Line: line, Column: col, Field: field, Err: badRequirements{err}})
		return true
	}
	fail := errs.Err
	sh, err := sheet.Read(r, name, table.Options{})
	if err != nil {
		if errors.Is(err, table.ErrEmptyFile) {
			add(0, 0, "", errors.New("the file is empty; want a header start,required"))
		} else {
			add(0, 0, "", err)
		}
		return nil, fail()
	}
	for _, b := range sh.Bad {
		add(b.Line, 0, "", b.Err)
	}
	startCol, err := sh.Find(sheet.Want{Name: "start", Aliases: []string{"start", "interval", "interval_start"}, Flag: "the header start"})
	if err == nil {
		var reqCol int
		reqCol, err = sh.Find(sheet.Want{Name: "required", Aliases: []string{"required"}, Flag: "the header required"}, startCol)
		if err == nil {
			return readCurve(sh, startCol, reqCol, order, add, fail)
		}
	}
	add(sh.HeaderLine, 0, "", fmt.Errorf("header %q: want the columns start and required", strings.Join(sh.Header, ",")))
	return nil, fail()
}

func readCurve(sh *sheet.Sheet, startCol, reqCol int, order dates.Order, add func(line, col int, field string, err error) bool, fail func() error) (*Requirements, error) {
	times, _ := sh.ParseTimes(startCol, sheet.TimeOptions{Location: time.UTC, Order: order})
	out := &Requirements{}
	for _, w := range times.Warnings {
		out.Warnings = append(out.Warnings, sh.File+": "+w)
	}
	var prev time.Time
	rows := 0
	for i, row := range sh.Rows {
		line := row.Line
		if sh.Short(i, startCol) || sh.Short(i, reqCol) {
			if !add(line, 0, "", fmt.Errorf("%d fields: want the start and required columns", len(row.Fields))) {
				break
			}
			continue
		}
		rows++
		sc, rc := startCol+1, reqCol+1
		raw := sh.Cell(i, startCol)
		var t time.Time
		var terr error
		if e := times.Err[i]; e != nil {
			terr = fmt.Errorf("%q: want a local time YYYY-MM-DD HH:MM (%w)", raw, e.Err)
		} else {
			w := sheet.WallClock(times.Values[i])
			t = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
		}
		if terr != nil {
			if !add(line, sc, "start", terr) {
				break
			}
		}
		v, verr := sh.Number(sh.Cell(i, reqCol))
		if verr != nil || v < 0 || v > 1e7 {
			if !add(line, rc, "required", fmt.Errorf("%q: want a number of agents in [0, 1e7]", sh.Cell(i, reqCol))) {
				break
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
				if !add(line, sc, "start", fmt.Errorf("%s: the first interval must start at 00:00", raw)) {
					return nil, fail()
				}
			}
		case rows == 2 && !prev.IsZero():
			out.Interval = t.Sub(prev)
			if iv := out.Interval; iv <= 0 || iv%time.Minute != 0 || day%iv != 0 {
				add(line, sc, "start", fmt.Errorf("%s: the spacing %v after the first row must be a whole number of minutes dividing 24h", raw, civil.FormatDuration(iv)))
				return nil, fail()
			}
		case !prev.IsZero() && out.Interval > 0:
			if want := prev.Add(out.Interval); !t.Equal(want) {
				if !add(line, sc, "start", fmt.Errorf("%s: want %s (rows %v apart, in time order)", raw, want.Format("2006-01-02 15:04"), civil.FormatDuration(out.Interval))) {
					return nil, fail()
				}
			}
		}
		prev = t
	}
	if err := fail(); err != nil {
		return nil, err
	}
	if rows < 2 {
		add(0, 0, "", errors.New("fewer than two rows: the spacing of the rows is the interval"))
		return nil, fail()
	}
	return out, nil
}
