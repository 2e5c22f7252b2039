package shiftdesign

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// ErrInvalidPlan is the cause of every PlanError.
var ErrInvalidPlan = errors.New("invalid shift plan")

// PlanError reports a plan entry that cannot be evaluated at all. Shift is
// the index in Plan.Shifts, Day the day (-1 when the whole entry is at
// fault).
type PlanError struct {
	Shift, Day int
	Field      string
	Value      string
	Want       string
}

func (e *PlanError) Error() string {
	at := fmt.Sprintf("shift %d", e.Shift)
	if e.Day >= 0 {
		at += fmt.Sprintf(" day %d", e.Day)
	}
	return fmt.Sprintf("shiftdesign: plan %s: %s = %s: want %s", at, e.Field, e.Value, e.Want)
}

func (e *PlanError) Unwrap() error { return ErrInvalidPlan }

// Plan says which shifts are used and how many agents work each on each
// day of the horizon.
type Plan struct {
	Shifts []PlannedShift
}

// PlannedShift is one distinct shift of a plan.
type PlannedShift struct {
	// Template names a template that produces the shift (informational;
	// Evaluate checks the shift against every template).
	Template string
	Start    time.Duration // time of day, [0, 24h)
	Length   time.Duration
	// Agents working the shift, starting on each day of the horizon.
	Agents []int
}

// Violation is a rule of the model a plan breaks: a shift no template
// produces, a shift used on a day its templates do not apply, or more agents
// than the cap.
type Violation struct {
	Shift, Day int // Day is -1 for a shift no template produces
	Reason     string
}

// Evaluation is the exact score of a plan, computed slot by slot and
// independent of the solver.
type Evaluation struct {
	Objective       float64 // the weighted sum of the model's Weights
	ShortageMinutes float64 // agent-minutes below the requirement, summed over the horizon
	ExcessMinutes   float64 // agent-minutes above the requirement
	DistinctShifts  int     // (start, length) pairs with at least one agent on some day
	Shifts          int     // agent-shifts
	StaffedHours    float64 // agent-hours of all shifts (whole shifts, even past a non-cyclic horizon)
	// Per requirement interval: agents on duty (the mean over the interval
	// when shifts start or end inside it), and the agent-minutes short and
	// over.
	OnDuty, Short, Over []float64
	Violations          []Violation
}

// Evaluate scores plan against m. It returns an error only when the plan
// cannot be scored (wrong number of days, negative agents, a start or length
// outside a day); shifts that break the templates are scored and listed in
// Violations.
func Evaluate(m *Model, plan Plan) (*Evaluation, error) {
	days := m.Days()
	var extra []time.Duration
	for i, s := range plan.Shifts {
		if s.Start < 0 || s.Start >= day || s.Start%time.Minute != 0 {
			return nil, &PlanError{i, -1, "Start", civil.FormatDuration(s.Start), "a whole minute in [00:00, 24:00)"}
		}
		if s.Length <= 0 || s.Length > day || s.Length%time.Minute != 0 {
			return nil, &PlanError{i, -1, "Length", civil.FormatDuration(s.Length), "whole minutes in (0, 24h]"}
		}
		if len(s.Agents) != days {
			return nil, &PlanError{i, -1, "Agents", fmt.Sprint(len(s.Agents), " days"), fmt.Sprint(days, " days (the horizon)")}
		}
		for d, a := range s.Agents {
			if a < 0 || a > 1e7 {
				return nil, &PlanError{i, d, "Agents", fmt.Sprint(a), "0..1e7"}
			}
		}
		extra = append(extra, s.Start, s.Length)
	}
	p, err := compileOn(m, extra)
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{}
	cov := make([]float64, p.n)
	used := map[[2]int]bool{}
	for i, s := range plan.Shifts {
		c := cand{start: int(s.Start/time.Minute) / p.slotMin, length: int(s.Length/time.Minute) / p.slotMin}
		ci, known := p.byKey[[2]int{c.start, c.length}]
		if !known {
			ev.Violations = append(ev.Violations, Violation{i, -1, "no template produces this start and length"})
		}
		total := 0
		for d, a := range s.Agents {
			if a == 0 {
				continue
			}
			total += a
			if d*p.perDay+c.start >= p.n {
				ev.Violations = append(ev.Violations, Violation{i, d, "starts after the end of the horizon"})
				continue // covers nothing
			}
			p.addCoverage(cov, &c, d, float64(a))
			if known {
				switch k := p.cands[ci].cap[d]; {
				case k == 0:
					ev.Violations = append(ev.Violations, Violation{i, d, "no template of this shift applies on this day"})
				case k != unlimited && a > k:
					ev.Violations = append(ev.Violations, Violation{i, d, fmt.Sprintf("%d agents above the cap of %d", a, k)})
				}
			}
		}
		if total > 0 {
			used[[2]int{c.start, c.length}] = true
		}
		ev.Shifts += total
		ev.StaffedHours += float64(total) * s.Length.Hours()
	}
	ev.DistinctShifts = len(used)
	iv := len(m.Required)
	ev.OnDuty, ev.Short, ev.Over = make([]float64, iv), make([]float64, iv), make([]float64, iv)
	sm := float64(p.slotMin)
	for k, c := range cov {
		i := k / p.perIv
		ev.OnDuty[i] += c
		if d := p.req[k] - c; d > 0 {
			ev.Short[i] += d * sm
		} else {
			ev.Over[i] -= d * sm
		}
	}
	for i := range ev.Short {
		ev.OnDuty[i] /= float64(p.perIv)
		ev.ShortageMinutes += ev.Short[i]
		ev.ExcessMinutes += ev.Over[i]
	}
	w := m.Weights
	ev.Objective = w.Shortage*ev.ShortageMinutes + w.Excess*ev.ExcessMinutes +
		w.DistinctShifts*float64(ev.DistinctShifts) + w.Shifts*float64(ev.Shifts)
	return ev, nil
}

// Feasible tells whether the plan breaks no rule of the model.
func (e *Evaluation) Feasible() bool { return len(e.Violations) == 0 }

// GapPercent is 100·(value − reference)/reference, the distance of an
// objective from a best-known or bound; 0 when both are 0 and +Inf when only
// the reference is.
func GapPercent(value, reference float64) float64 {
	if reference == 0 {
		if value == 0 {
			return 0
		}
		return math.Inf(1)
	}
	return 100 * (value - reference) / reference
}
