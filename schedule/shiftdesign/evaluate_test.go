package shiftdesign_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

const h = time.Hour

// sixHours is a one-day model of four 6-hour intervals (00-06, 06-12,
// 12-18, 18-24) for hand computation.
func sixHours(req []float64, cyclic bool) *shiftdesign.Model {
	return &shiftdesign.Model{
		Interval: 6 * h, Required: req, Cyclic: cyclic, FirstWeekday: time.Monday,
		Templates: []shiftdesign.Template{
			{Name: "day", EarliestStart: 6 * h, LatestStart: 12 * h, MinLength: 3 * h, MaxLength: 12 * h, Step: 3 * h},
			{Name: "night", EarliestStart: 18 * h, LatestStart: 18 * h, MinLength: 12 * h, MaxLength: 12 * h, Step: 6 * h,
				Weekdays: []time.Weekday{time.Monday}, MaxAgents: 2},
		},
		Weights: shiftdesign.Weights{Shortage: 2, Excess: 1, DistinctShifts: 10, Shifts: 3},
	}
}

func shift(start, length time.Duration, agents ...int) shiftdesign.PlannedShift {
	return shiftdesign.PlannedShift{Start: start, Length: length, Agents: agents}
}

// TestEvaluateByHand checks Evaluate against values worked out by hand
// (the arithmetic is in each case's comment).
func TestEvaluateByHand(t *testing.T) {
	tests := []struct {
		name  string
		model *shiftdesign.Model
		plan  shiftdesign.Plan
		want  shiftdesign.Evaluation
	}{
		{
			// 2 agents 06-18 against 1 3 2 0: short 1·360 (00-06) + 1·360
			// (06-12) = 720, excess 0; 2·720 + 10 + 2·3 = 1456.
			name:  "whole intervals",
			model: sixHours([]float64{1, 3, 2, 0}, false),
			plan:  shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(6*h, 12*h, 2)}},
			want: shiftdesign.Evaluation{Objective: 1456, ShortageMinutes: 720, DistinctShifts: 1, Shifts: 2, StaffedHours: 24,
				OnDuty: []float64{0, 2, 2, 0}, Short: []float64{360, 360, 0, 0}, Over: []float64{0, 0, 0, 0}},
		},
		{
			// One agent 09-12 covers half of 06-12 (need 3): short
			// 3·180 + 2·180 = 900 there and 360 in 00-06; one agent 12-24
			// covers 12-18 (need 2: short 360) and 18-24 (need 0: excess
			// 360). 2·1620 + 360 + 2·10 + 2·3 = 3626.
			name:  "a shift starting inside an interval",
			model: sixHours([]float64{1, 3, 2, 0}, false),
			plan:  shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(9*h, 3*h, 1), shift(12*h, 12*h, 1)}},
			want: shiftdesign.Evaluation{Objective: 3626, ShortageMinutes: 1620, ExcessMinutes: 360, DistinctShifts: 2, Shifts: 2, StaffedHours: 15,
				OnDuty: []float64{0, 0.5, 1, 1}, Short: []float64{360, 900, 360, 0}, Over: []float64{0, 0, 0, 360}},
		},
		{
			// Night 18-06 wraps to 00-06 of the same (only) day, 2 agents:
			// short 06-12: 3·360, 12-18: 2·360; excess 00-06: 1·360,
			// 18-24: 2·360. 2·1800 + 1080 + 10 + 6 = 4696.
			name:  "cyclic wrap",
			model: sixHours([]float64{1, 3, 2, 0}, true),
			plan:  shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(18*h, 12*h, 2)}},
			want: shiftdesign.Evaluation{Objective: 4696, ShortageMinutes: 1800, ExcessMinutes: 1080, DistinctShifts: 1, Shifts: 2, StaffedHours: 24,
				OnDuty: []float64{2, 0, 0, 2}, Short: []float64{0, 1080, 720, 0}, Over: []float64{360, 0, 0, 720}},
		},
		{
			// Without the wrap the night covers 18-24 only: short
			// 360+1080+720, excess 720. 2·2160 + 720 + 10 + 6 = 5056.
			name:  "non-cyclic clip",
			model: sixHours([]float64{1, 3, 2, 0}, false),
			plan:  shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(18*h, 12*h, 2)}},
			want: shiftdesign.Evaluation{Objective: 5056, ShortageMinutes: 2160, ExcessMinutes: 720, DistinctShifts: 1, Shifts: 2, StaffedHours: 24,
				OnDuty: []float64{0, 0, 0, 2}, Short: []float64{360, 1080, 720, 0}, Over: []float64{0, 0, 0, 720}},
		},
		{
			// A zero row is not a distinct shift; fractional requirement
			// 0.5 under 1 agent is 180 minutes over.
			name:  "unused entry and fractional requirement",
			model: sixHours([]float64{0, 0.5, 0, 0}, false),
			plan:  shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(6*h, 6*h, 1), shift(12*h, 6*h, 0)}},
			want: shiftdesign.Evaluation{Objective: 180 + 10 + 3, ExcessMinutes: 180, DistinctShifts: 1, Shifts: 1, StaffedHours: 6,
				OnDuty: []float64{0, 1, 0, 0}, Short: []float64{0, 0, 0, 0}, Over: []float64{0, 180, 0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shiftdesign.Evaluate(tt.model, tt.plan)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestEvaluateViolations lists the rules a plan breaks: a shift no
// template produces, a day the template does not apply, a cap.
func TestEvaluateViolations(t *testing.T) {
	m := sixHours([]float64{1, 1, 1, 1, 1, 1, 1, 1}, true) // two days: Monday, Tuesday
	plan := shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{
		shift(7*h, 6*h, 1, 0),   // 07:00 is not on the day template's 3-hour grid
		shift(18*h, 12*h, 3, 1), // night: above the cap of 2 on Monday, not on Tuesday
		shift(6*h, 6*h, 1, 1),   // fine
	}}
	ev, err := shiftdesign.Evaluate(m, plan)
	if err != nil {
		t.Fatal(err)
	}
	want := []shiftdesign.Violation{
		{Shift: 0, Day: -1, Reason: "no template produces this start and length"},
		{Shift: 1, Day: 0, Reason: "3 agents above the cap of 2"},
		{Shift: 1, Day: 1, Reason: "no template of this shift applies on this day"},
	}
	if !reflect.DeepEqual(ev.Violations, want) {
		t.Errorf("violations %+v\nwant %+v", ev.Violations, want)
	}
	if ev.Feasible() {
		t.Error("Feasible() with violations")
	}
}

func TestEvaluateErrors(t *testing.T) {
	m := sixHours([]float64{1, 3, 2, 0}, false)
	tests := []struct {
		name string
		plan shiftdesign.Plan
		want shiftdesign.PlanError
	}{
		{"days", shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(6*h, 6*h, 1, 1)}},
			shiftdesign.PlanError{Shift: 0, Day: -1, Field: "Agents", Value: "2 days", Want: "1 days (the horizon)"}},
		{"negative", shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(6*h, 6*h, 1), shift(6*h, 3*h, -1)}},
			shiftdesign.PlanError{Shift: 1, Day: 0, Field: "Agents", Value: "-1", Want: "0..1e7"}},
		{"start", shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(24*h, 6*h, 1)}},
			shiftdesign.PlanError{Shift: 0, Day: -1, Field: "Start", Value: "24h", Want: "a whole minute in [00:00, 24:00)"}},
		{"length", shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(6*h, 0, 1)}},
			shiftdesign.PlanError{Shift: 0, Day: -1, Field: "Length", Value: "0s", Want: "whole minutes in (0, 24h]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := shiftdesign.Evaluate(m, tt.plan)
			var pe *shiftdesign.PlanError
			if !errors.As(err, &pe) || !errors.Is(err, shiftdesign.ErrInvalidPlan) {
				t.Fatalf("error %v, want a PlanError", err)
			}
			if *pe != tt.want {
				t.Errorf("got %+v, want %+v", *pe, tt.want)
			}
		})
	}
}

// minuteScore recomputes coverage and deviation minute by minute, without
// any of the package's slot arithmetic: the independent reference.
func minuteScore(m *shiftdesign.Model, plan shiftdesign.Plan) (onDuty []float64, short, over float64, distinct, shifts int, hours float64) {
	ivMin := int(m.Interval / time.Minute)
	total := len(m.Required) * ivMin
	cov := make([]int, total)
	used := map[[2]time.Duration]bool{}
	for _, s := range plan.Shifts {
		for d, a := range s.Agents {
			if a == 0 {
				continue
			}
			used[[2]time.Duration{s.Start, s.Length}] = true
			shifts += a
			hours += float64(a) * s.Length.Hours()
			first := d*1440 + int(s.Start/time.Minute)
			if first >= total {
				continue
			}
			for t := first; t < first+int(s.Length/time.Minute); t++ {
				switch {
				case t < total:
					cov[t] += a
				case m.Cyclic:
					cov[t-total] += a
				}
			}
		}
	}
	onDuty = make([]float64, len(m.Required))
	for t, c := range cov {
		r := m.Required[t/ivMin]
		onDuty[t/ivMin] += float64(c) / float64(ivMin)
		short += math.Max(0, r-float64(c))
		over += math.Max(0, float64(c)-r)
	}
	return onDuty, short, over, len(used), shifts, hours
}

// TestEvaluateAgainstMinutes compares Evaluate with the minute-by-minute
// recomputation on seeded random plans, shifts off every grid included.
func TestEvaluateAgainstMinutes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 200; i++ {
		m := randomModel(rng)
		var plan shiftdesign.Plan
		for k := rng.IntN(5); k >= 0; k-- {
			s := shiftdesign.PlannedShift{
				Start:  time.Duration(rng.IntN(24*12)) * 5 * time.Minute,
				Length: time.Duration(1+rng.IntN(24*6)) * 10 * time.Minute,
				Agents: make([]int, m.Days()),
			}
			for d := range s.Agents {
				s.Agents[d] = rng.IntN(4)
			}
			plan.Shifts = append(plan.Shifts, s)
		}
		ev, err := shiftdesign.Evaluate(m, plan)
		if err != nil {
			t.Fatal(err)
		}
		onDuty, short, over, distinct, shifts, hours := minuteScore(m, plan)
		checkClose(t, "shortage", ev.ShortageMinutes, short)
		checkClose(t, "excess", ev.ExcessMinutes, over)
		checkClose(t, "hours", ev.StaffedHours, hours)
		for k := range onDuty {
			checkClose(t, "on duty", ev.OnDuty[k], onDuty[k])
		}
		if ev.DistinctShifts != distinct || ev.Shifts != shifts {
			t.Errorf("distinct/shifts %d/%d, want %d/%d", ev.DistinctShifts, ev.Shifts, distinct, shifts)
		}
		w := m.Weights
		checkClose(t, "objective", ev.Objective, w.Shortage*short+w.Excess*over+w.DistinctShifts*float64(distinct)+w.Shifts*float64(shifts))
	}
}

func checkClose(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// TestEvaluateLongerThanHorizon: a plan shift longer than a cyclic horizon
// of four hours covers some hours twice (01:00 for 6 hours: 1,2,3,0,1,2).
func TestEvaluateLongerThanHorizon(t *testing.T) {
	m := &shiftdesign.Model{Interval: h, Required: []float64{0, 0, 0, 0}, Cyclic: true,
		Templates: []shiftdesign.Template{{Name: "a", EarliestStart: 0, LatestStart: 0, MinLength: h, MaxLength: h, Step: h}},
		Weights:   shiftdesign.Weights{Excess: 1}}
	ev, err := shiftdesign.Evaluate(m, shiftdesign.Plan{Shifts: []shiftdesign.PlannedShift{shift(h, 6*h, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{1, 2, 2, 1}; !reflect.DeepEqual(ev.OnDuty, want) || ev.ExcessMinutes != 360 {
		t.Errorf("on duty %v excess %v, want %v and 360", ev.OnDuty, ev.ExcessMinutes, want)
	}
}
