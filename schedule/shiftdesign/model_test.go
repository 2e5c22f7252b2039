package shiftdesign_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

func TestValidate(t *testing.T) {
	good := func() *shiftdesign.Model { return sixHours([]float64{1, 3, 2, 0}, true) }
	tests := []struct {
		name   string
		change func(m *shiftdesign.Model)
		want   shiftdesign.ModelError
	}{
		{"interval", func(m *shiftdesign.Model) { m.Interval = 7 * time.Hour },
			shiftdesign.ModelError{Field: "Interval", Index: -1, Value: "7h", Want: "a whole number of minutes dividing 24h"}},
		{"no intervals", func(m *shiftdesign.Model) { m.Required = nil },
			shiftdesign.ModelError{Field: "Required", Index: -1, Value: "[]", Want: "at least one interval"}},
		{"NaN", func(m *shiftdesign.Model) { m.Required[2] = math.NaN() },
			shiftdesign.ModelError{Field: "Required", Index: 2, Value: "NaN", Want: "a finite number of agents in [0, 1e7]"}},
		{"no templates", func(m *shiftdesign.Model) { m.Templates = nil },
			shiftdesign.ModelError{Field: "Templates", Index: -1, Value: "0", Want: "1..1000 templates"}},
		{"name", func(m *shiftdesign.Model) { m.Templates[1].Name = " " },
			shiftdesign.ModelError{Field: "Templates.Name", Index: 1, Value: `""`, Want: "a name"}},
		{"start", func(m *shiftdesign.Model) { m.Templates[0].EarliestStart = 24 * time.Hour },
			shiftdesign.ModelError{Field: "Templates.EarliestStart", Index: 0, Value: "24h", Want: "a whole minute in [00:00, 24:00)"}},
		{"step", func(m *shiftdesign.Model) { m.Templates[0].Step = 0 },
			shiftdesign.ModelError{Field: "Templates.Step", Index: 0, Value: "0s", Want: "a whole number of minutes in (0, 24h]"}},
		{"lengths", func(m *shiftdesign.Model) { m.Templates[0].MaxLength = time.Hour },
			shiftdesign.ModelError{Field: "Templates.MaxLength", Index: 0, Value: "1h", Want: "whole minutes, at least MinLength"}},
		{"too long", func(m *shiftdesign.Model) { m.Templates[0].MaxLength = 25 * time.Hour },
			shiftdesign.ModelError{Field: "Templates.MaxLength", Index: 0, Value: "25h", Want: "at most 24h and at most the horizon"}},
		{"cap", func(m *shiftdesign.Model) { m.Templates[1].MaxAgents = -1 },
			shiftdesign.ModelError{Field: "Templates.MaxAgents", Index: 1, Value: "-1", Want: ">= 0 (0: no cap)"}},
		{"weight", func(m *shiftdesign.Model) { m.Weights.Excess = -1 },
			shiftdesign.ModelError{Field: "Weights.Excess", Index: -1, Value: "-1", Want: "a finite weight in [0, 1e9]"}},
		{"weekday", func(m *shiftdesign.Model) { m.Templates[1].Weekdays = []time.Weekday{9} },
			shiftdesign.ModelError{Field: "Templates.Weekdays", Index: 1, Value: "9", Want: "weekdays"}},
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("valid model: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good()
			tt.change(m)
			err := m.Validate()
			var me *shiftdesign.ModelError
			if !errors.As(err, &me) || !errors.Is(err, shiftdesign.ErrInvalidModel) {
				t.Fatalf("error %v, want a ModelError", err)
			}
			if *me != tt.want {
				t.Errorf("got %+v\nwant %+v", *me, tt.want)
			}
		})
	}
}
