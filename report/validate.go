package report

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrInvalidModel is the cause of every *ModelError, so the plan command
// can map a bad model to one exit code with errors.Is.
var ErrInvalidModel = diag.New(diag.InvalidData, "invalid report model")

// ModelError is a model that no output can be written from. Path is the
// position of the offending value, e.g. "Agents[3].Shifts[1].Breaks[0]".
type ModelError struct {
	Path string
	Msg  string
}

func (e *ModelError) Error() string {
	if e.Path == "" {
		return "report: " + e.Msg
	}
	return "report: " + e.Path + ": " + e.Msg
}

// Unwrap returns ErrInvalidModel.
func (e *ModelError) Unwrap() error { return ErrInvalidModel }

func modelErr(path, format string, a ...any) *ModelError {
	return &ModelError{Path: path, Msg: fmt.Sprintf(format, a...)}
}

// maxShift is the longest shift accepted; longer ones are a unit mistake.
const maxShift = 24 * time.Hour

// Validate reports the first value no output can show, as a *ModelError.
// NaN and infinite figures are not errors: writers show them as blanks.
func (m *Model) Validate() error {
	if m == nil {
		return modelErr("", "no model")
	}
	if m.Lang != "" && m.Lang != "en" && m.Lang != "zh" {
		return modelErr("Lang", "unknown language %q: expected en or zh", m.Lang)
	}
	if m.Season.Start.IsZero() || m.Season.End.IsZero() {
		return modelErr("Season", "start and end are required")
	}
	if m.Season.End.Before(m.Season.Start) {
		return modelErr("Season", "ends (%s) before it starts (%s)", m.Season.End.Format(time.DateOnly), m.Season.Start.Format(time.DateOnly))
	}
	if m.Season.End.Sub(m.Season.Start) > MaxSeasonDays*24*time.Hour {
		return modelErr("Season", "longer than %d days", MaxSeasonDays)
	}
	needInterval := len(m.Coverage) > 0 || len(m.Staffing) > 0 || len(m.Intraday) > 0 || (len(m.PeakDays) > 0 && len(m.Agents) > 0)
	if needInterval && (m.Interval < time.Minute || m.Interval > 24*time.Hour) {
		return modelErr("Interval", "%v: expected between 1m and 24h", civil.FormatDuration(m.Interval))
	}
	if len(m.PeakDays) > MaxPeakDays {
		return modelErr("PeakDays", "%d days: at most %d get a timeline", len(m.PeakDays), MaxPeakDays)
	}
	for i, d := range m.PeakDays {
		if d.IsZero() {
			return modelErr(fmt.Sprintf("PeakDays[%d]", i), "zero date")
		}
	}
	ids := make(map[string]int, len(m.Agents))
	for i, a := range m.Agents {
		p := fmt.Sprintf("Agents[%d]", i)
		if a.ID == "" {
			return modelErr(p, "empty ID")
		}
		if j, dup := ids[a.ID]; dup {
			return modelErr(p, "ID %q already used by Agents[%d]", a.ID, j)
		}
		ids[a.ID] = i
		for k, s := range a.Shifts {
			sp := fmt.Sprintf("%s.Shifts[%d]", p, k)
			if s.Start.IsZero() || !s.End.After(s.Start) {
				return modelErr(sp, "ends at or before its start")
			}
			if s.End.Sub(s.Start) > maxShift {
				return modelErr(sp, "longer than %v", civil.FormatDuration(maxShift))
			}
			for l, b := range s.Breaks {
				bp := fmt.Sprintf("%s.Breaks[%d]", sp, l)
				if !b.End.After(b.Start) {
					return modelErr(bp, "ends at or before its start")
				}
				if b.Start.Before(s.Start) || b.End.After(s.End) {
					return modelErr(bp, "outside its shift")
				}
			}
		}
	}
	return nil
}
