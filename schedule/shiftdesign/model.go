package shiftdesign

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Limits of the inputs Validate accepts; they bound the work of a solve.
const (
	MaxSlots      = 1 << 18 // slots in the horizon, at the model's finest grid
	MaxTemplates  = 1000
	MaxCandidates = 200000 // distinct (start, length) pairs × days
	day           = 24 * time.Hour
)

// ErrInvalidModel is the cause of every ModelError.
var ErrInvalidModel = errors.New("invalid shift design model")

// ModelError reports a field of a Model that is out of its domain. Index is
// the position in a list (-1 when the field is not in a list).
type ModelError struct {
	Field string // e.g. "Templates.Step"
	Index int    // position in the list, or -1
	Value string // the value given
	Want  string // the valid domain
}

func (e *ModelError) Error() string {
	f := e.Field
	if e.Index >= 0 {
		f = fmt.Sprintf("%s[%d]", e.Field, e.Index)
	}
	return fmt.Sprintf("shiftdesign: %s = %s: want %s", f, e.Value, e.Want)
}

func (e *ModelError) Unwrap() error { return ErrInvalidModel }

// Model is a Shift Design problem: a requirement per interval over a horizon
// of days, the shift templates that may cover it and the weights of the
// objective. Interval 0 starts at 00:00 of day 0.
type Model struct {
	// Interval is the length of one requirement interval; it divides 24 h.
	Interval time.Duration
	// Required is the number of agents needed in each interval (fractional
	// values allowed, e.g. several skills summed). len(Required) need not be
	// a whole number of days: the last day may be partial.
	Required []float64
	// Cyclic makes the horizon wrap: a shift running past the last interval
	// continues at the first (a repeating week). Without it, the part of a
	// shift beyond the horizon covers nothing.
	Cyclic bool
	// FirstWeekday is the weekday of day 0; templates restricted to some
	// weekdays use it.
	FirstWeekday time.Weekday
	Templates    []Template
	Weights      Weights
}

// Template describes a family of shifts: every start from EarliestStart to
// LatestStart and every length from MinLength to MaxLength, both moving in
// Step.
type Template struct {
	Name string
	// EarliestStart and LatestStart are times of day in [0, 24h). When
	// LatestStart < EarliestStart the window crosses midnight (21:00..00:00
	// is EarliestStart 21h, LatestStart 0).
	EarliestStart, LatestStart time.Duration
	MinLength, MaxLength       time.Duration
	Step                       time.Duration
	// Weekdays the template applies to; empty means every day.
	Weekdays []time.Weekday
	// MaxAgents caps the agents on one shift of this template on one day;
	// 0 means no cap.
	MaxAgents int
}

// Weights of the objective
//
//	Shortage·shortage + Excess·excess + DistinctShifts·distinct + Shifts·shifts
//
// where shortage and excess are agent-minutes below and above the
// requirement over the horizon, distinct counts the (start, length) pairs
// used on at least one day and shifts counts agent-shifts.
type Weights struct {
	Shortage       float64 // per agent-minute short
	Excess         float64 // per agent-minute over
	DistinctShifts float64 // per distinct shift used
	Shifts         float64 // per agent-shift
}

func modelErr(field string, index int, value any, want string) error {
	return &ModelError{Field: field, Index: index, Value: fmt.Sprint(value), Want: want}
}

// Validate checks every field of the model against its domain and returns
// the first ModelError found.
func (m *Model) Validate() error {
	if m.Interval <= 0 || day%m.Interval != 0 || m.Interval%time.Minute != 0 {
		return modelErr("Interval", -1, civil.FormatDuration(m.Interval), "a whole number of minutes dividing 24h")
	}
	if len(m.Required) == 0 {
		return modelErr("Required", -1, "[]", "at least one interval")
	}
	for i, r := range m.Required {
		if math.IsNaN(r) || math.IsInf(r, 0) || r < 0 || r > 1e7 {
			return modelErr("Required", i, r, "a finite number of agents in [0, 1e7]")
		}
	}
	if m.FirstWeekday < time.Sunday || m.FirstWeekday > time.Saturday {
		return modelErr("FirstWeekday", -1, int(m.FirstWeekday), "a weekday")
	}
	if len(m.Templates) == 0 || len(m.Templates) > MaxTemplates {
		return modelErr("Templates", -1, len(m.Templates), fmt.Sprintf("1..%d templates", MaxTemplates))
	}
	horizon := time.Duration(len(m.Required)) * m.Interval
	for i := range m.Templates {
		if err := m.Templates[i].validate(i, horizon); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		name string
		v    float64
	}{{"Weights.Shortage", m.Weights.Shortage}, {"Weights.Excess", m.Weights.Excess},
		{"Weights.DistinctShifts", m.Weights.DistinctShifts}, {"Weights.Shifts", m.Weights.Shifts}} {
		if math.IsNaN(w.v) || math.IsInf(w.v, 0) || w.v < 0 || w.v > 1e9 {
			return modelErr(w.name, -1, w.v, "a finite weight in [0, 1e9]")
		}
	}
	g := m.grid()
	slots := int64(horizon / g)
	if slots > MaxSlots {
		return modelErr("Required", -1, fmt.Sprintf("%d intervals at a %v grid", len(m.Required), civil.FormatDuration(g)),
			fmt.Sprintf("at most %d slots (horizon / greatest common step)", MaxSlots))
	}
	var cands int64
	for _, t := range m.Templates {
		cands += int64(t.starts()) * int64(t.lengths())
	}
	if days := (horizon + day - 1) / day; cands*int64(days) > MaxCandidates {
		return modelErr("Templates", -1, fmt.Sprintf("%d shifts × %d days", cands, days),
			fmt.Sprintf("at most %d candidate shifts over the horizon", MaxCandidates))
	}
	return nil
}

func (t *Template) validate(i int, horizon time.Duration) error {
	field := func(f string) string { return "Templates." + f }
	minute := func(d time.Duration) bool { return d%time.Minute == 0 }
	if strings.TrimSpace(t.Name) == "" {
		return modelErr(field("Name"), i, `""`, "a name")
	}
	if t.EarliestStart < 0 || t.EarliestStart >= day || !minute(t.EarliestStart) {
		return modelErr(field("EarliestStart"), i, civil.FormatDuration(t.EarliestStart), "a whole minute in [00:00, 24:00)")
	}
	if t.LatestStart < 0 || t.LatestStart >= day || !minute(t.LatestStart) {
		return modelErr(field("LatestStart"), i, civil.FormatDuration(t.LatestStart), "a whole minute in [00:00, 24:00)")
	}
	if t.Step <= 0 || !minute(t.Step) || t.Step > day {
		return modelErr(field("Step"), i, civil.FormatDuration(t.Step), "a whole number of minutes in (0, 24h]")
	}
	if t.MinLength <= 0 || !minute(t.MinLength) {
		return modelErr(field("MinLength"), i, civil.FormatDuration(t.MinLength), "a positive whole number of minutes")
	}
	if t.MaxLength < t.MinLength || !minute(t.MaxLength) {
		return modelErr(field("MaxLength"), i, civil.FormatDuration(t.MaxLength), "whole minutes, at least MinLength")
	}
	if t.MaxLength > day || t.MaxLength > horizon {
		return modelErr(field("MaxLength"), i, civil.FormatDuration(t.MaxLength), "at most 24h and at most the horizon")
	}
	for _, d := range t.Weekdays {
		if d < time.Sunday || d > time.Saturday {
			return modelErr(field("Weekdays"), i, int(d), "weekdays")
		}
	}
	if t.MaxAgents < 0 {
		return modelErr(field("MaxAgents"), i, t.MaxAgents, ">= 0 (0: no cap)")
	}
	return nil
}

// starts is the number of start times of the template.
func (t *Template) starts() int {
	span := t.LatestStart - t.EarliestStart
	if span < 0 {
		span += day
	}
	return int(span/t.Step) + 1
}

// lengths is the number of lengths of the template.
func (t *Template) lengths() int { return int((t.MaxLength-t.MinLength)/t.Step) + 1 }

// appliesOn tells whether the template may be used on weekday w.
func (t *Template) appliesOn(w time.Weekday) bool {
	if len(t.Weekdays) == 0 {
		return true
	}
	for _, d := range t.Weekdays {
		if d == w {
			return true
		}
	}
	return false
}

// grid is the finest time step the model needs: the greatest common divisor
// of the interval and every start and length a template can produce, so
// that every shift starts and ends on a slot boundary and coverage is exact
// in agent-minutes.
func (m *Model) grid() time.Duration {
	g := int64(m.Interval / time.Minute)
	for _, t := range m.Templates {
		for _, v := range []time.Duration{t.EarliestStart, t.Step, t.MinLength} {
			g = gcd(g, int64(v/time.Minute))
		}
	}
	return time.Duration(g) * time.Minute
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

// Days is the number of days the horizon touches (the last may be partial).
func (m *Model) Days() int {
	if m.Interval <= 0 {
		return 0
	}
	perDay := int(day / m.Interval)
	return (len(m.Required) + perDay - 1) / perDay
}
