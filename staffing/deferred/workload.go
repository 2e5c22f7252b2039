package deferred

import (
	"fmt"
	"math"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Limits of the inputs Validate accepts; they bound the work of a solve.
const (
	MaxIntervals   = 1 << 20                   // intervals in a horizon
	MaxBacklogAge  = 10 * 365 * 24 * time.Hour // oldest backlog item before Start
	MaxDeadline    = 366 * 24 * time.Hour      // longest business-time deadline
	MaxBacklogSize = 1 << 20                   // backlog entries
)

// ErrInvalidInput is the cause of every InputError.
var ErrInvalidInput = diag.New(diag.InvalidData, "invalid deferred workload")

// ErrInfeasible means some items cannot be handled in time whatever the
// staffing: with ClearByEnd, items that arrive after the horizon's last
// open moment.
var ErrInfeasible = diag.New(diag.Infeasible, "deferred work cannot be handled in time")

// InputError reports a field of a Workload (or an argument) that is out of
// its domain. Index is the interval or backlog position, -1 when the field
// is not a list.
type InputError struct {
	Field string // e.g. "Arrivals"
	Index int    // position in the list, or -1
	Value string // the value given
	Want  string // the valid domain
}

func (e *InputError) Error() string {
	f := e.Field
	if e.Index >= 0 {
		f = fmt.Sprintf("%s[%d]", e.Field, e.Index)
	}
	return fmt.Sprintf("deferred: %s = %s: want %s", f, e.Value, e.Want)
}

func (e *InputError) Unwrap() error { return ErrInvalidInput }

// InfeasibleError says how much work no staffing can handle in time. It
// unwraps to ErrInfeasible; Solve returns it together with a full plan.
type InfeasibleError struct {
	Items float64   // items that cannot be on time
	First time.Time // the earliest such arrival (interval start)
}

func (e *InfeasibleError) Error() string {
	return fmt.Sprintf("deferred: %.4g items arriving from %s cannot be handled by the end of the horizon: no opening time is left",
		e.Items, e.First.Format(time.RFC3339))
}

func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// Item is part of the initial backlog: Count items that arrived at Arrived
// (at or before the workload's Start) and are still open.
type Item struct {
	Arrived       time.Time
	Count         float64
	HandleSeconds float64 // 0: the handle time of the first interval
}

// Workload is the deferred work of one queue (email, tickets, back-office
// tasks) over a horizon of fixed-length intervals.
type Workload struct {
	Start    time.Time
	Interval time.Duration
	// Location is the time zone of the opening hours and of days; nil
	// takes Start's.
	Location *time.Location
	// Arrivals are the items arriving in each interval (fractional for
	// forecasts). They arrive at an even pace over the interval's open
	// time; those of a closed interval arrive at the next opening.
	Arrivals []float64
	// HandleSeconds is the handle time of one item: one value for all
	// intervals, or one per interval (items arriving in that interval).
	HandleSeconds []float64
	// Deadline is the response time counted in business time: the clock
	// runs only while Hours are open.
	Deadline time.Duration
	Hours    OpeningHours
	Backlog  []Item
	// MaxOccupancy is the fraction of an agent's open time spent
	// handling items (productivity), in (0, 1]; 0 means 1.
	MaxOccupancy float64
	// ClearByEnd requires every item to be handled by the end of the
	// horizon, including those whose deadline falls after it. Without it
	// such items may stay in the ending backlog, which is reported.
	ClearByEnd bool
}

func (w *Workload) loc() *time.Location {
	if w.Location != nil {
		return w.Location
	}
	return w.Start.Location()
}

func (w *Workload) occupancy() float64 {
	if w.MaxOccupancy == 0 {
		return 1
	}
	return w.MaxOccupancy
}

func (w *Workload) handle(i int) float64 {
	if len(w.HandleSeconds) == 1 {
		return w.HandleSeconds[0]
	}
	return w.HandleSeconds[i]
}

// Validate reports the first field out of its domain as an *InputError.
func (w *Workload) Validate() error {
	n := len(w.Arrivals)
	switch {
	case w.Start.IsZero():
		return &InputError{"Start", -1, "zero time", "the start of the first interval"}
	case w.Interval <= 0 || w.Interval > 24*time.Hour:
		return &InputError{"Interval", -1, civil.FormatDuration(w.Interval), "between 1ns and 24h"}
	case n == 0:
		return &InputError{"Arrivals", -1, "empty", "at least one interval"}
	case n > MaxIntervals:
		return &InputError{"Arrivals", -1, fmt.Sprint(n, " intervals"), fmt.Sprint("at most ", MaxIntervals)}
	case time.Duration(n) > (100*365*24*time.Hour)/w.Interval:
		return &InputError{"Arrivals", -1, fmt.Sprint(n, " intervals"), "a horizon of at most 100 years"}
	case len(w.HandleSeconds) != 1 && len(w.HandleSeconds) != n:
		return &InputError{"HandleSeconds", -1, fmt.Sprint(len(w.HandleSeconds), " values"), fmt.Sprint("1 or ", n, " (one per interval)")}
	case w.Deadline <= 0 || w.Deadline > MaxDeadline:
		return &InputError{"Deadline", -1, civil.FormatDuration(w.Deadline), "> 0 and at most 366 days of business time"}
	case !finite(w.MaxOccupancy) || w.MaxOccupancy < 0 || w.MaxOccupancy > 1:
		return &InputError{"MaxOccupancy", -1, fmt.Sprint(w.MaxOccupancy), "in (0, 1] (0 means 1)"}
	case len(w.Backlog) > MaxBacklogSize:
		return &InputError{"Backlog", -1, fmt.Sprint(len(w.Backlog), " entries"), fmt.Sprint("at most ", MaxBacklogSize)}
	}
	for i, a := range w.Arrivals {
		if !finite(a) || a < 0 || a > 1e12 {
			return &InputError{"Arrivals", i, fmt.Sprint(a), "a number of items between 0 and 1e12"}
		}
	}
	for i, h := range w.HandleSeconds {
		if !finite(h) || h <= 0 || h > 1e7 {
			return &InputError{"HandleSeconds", i, fmt.Sprint(h), "> 0 and at most 1e7 seconds"}
		}
	}
	if err := w.Hours.Validate(); err != nil {
		return err
	}
	for i, it := range w.Backlog {
		switch {
		case it.Arrived.IsZero() || it.Arrived.After(w.Start):
			return &InputError{"Backlog", i, it.Arrived.Format(time.RFC3339), "an arrival at or before Start " + w.Start.Format(time.RFC3339)}
		case w.Start.Sub(it.Arrived) >= MaxBacklogAge:
			return &InputError{"Backlog", i, it.Arrived.Format(time.RFC3339), "an arrival less than 10 years before Start"}
		case !finite(it.Count) || it.Count < 0 || it.Count > 1e12:
			return &InputError{"Backlog", i, fmt.Sprint(it.Count), "a count of items between 0 and 1e12"}
		case !finite(it.HandleSeconds) || it.HandleSeconds < 0 || it.HandleSeconds > 1e7:
			return &InputError{"Backlog", i, fmt.Sprint(it.HandleSeconds), "a handle time >= 0 and at most 1e7 seconds (0 = that of the first interval)"}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
