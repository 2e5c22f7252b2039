package roster_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// TestValidateAll: every problem of a model, not the first; Validate
// still returns the first.
func TestValidateAll(t *testing.T) {
	m := rostertest.EvalModel()
	m.Templates[0].Step = 20 * time.Minute
	m.Breaks[0].Duration = 20 * time.Minute
	m.Agents[1].ID = ""
	m.Leads.PerAgents = -1
	err := m.ValidateAll()
	var list roster.ValidationErrors
	if !errors.As(err, &list) || !errors.Is(err, roster.ErrInvalidModel) {
		t.Fatalf("err = %v, want ValidationErrors", err)
	}
	var got []string
	for _, ve := range list {
		got = append(got, ve.Section+":"+ve.Field)
	}
	want := []string{"template:step", "break:duration", "agent:id", "leads:per_agents"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	var first *roster.ValidationError
	if !errors.As(m.Validate(), &first) || first.Error() != list[0].Error() {
		t.Errorf("Validate = %v, want the first of ValidateAll", m.Validate())
	}
}

// TestTemplateNobodyMayWork: a template whose shortest shift is longer
// than every agent may work in a day is an error at the template, not a
// roster with nobody on it.
func TestTemplateNobodyMayWork(t *testing.T) {
	m := rostertest.EvalModel()
	m.Rules.MaxDaily, m.Rules.MaxWeekly = 0, 0
	for i := range m.Agents {
		m.Agents[i].MaxDaily = 7 * time.Hour
	}
	m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "long", EarliestStart: 8 * 60, LatestStart: 9 * 60,
		MinLength: 10 * time.Hour, MaxLength: 10 * time.Hour, Step: time.Hour})
	var ve *roster.ValidationError
	if err := m.Validate(); !errors.As(err, &ve) || ve.Index != 1 || ve.Field != "min_length" ||
		!strings.Contains(err.Error(), "longer than any agent may work in a day (max_hours_day, at most 7h)") {
		t.Errorf("err = %v, want template 2 min_length", err)
	}
	m.Agents[0].MaxDaily = 0 // one agent without a limit of their own
	if err := m.Validate(); err != nil {
		t.Errorf("an agent may work it: %v", err)
	}
}

// TestTooManyShifts: a template that alone allows more shifts than the
// solver generates is an error of the model, at the template, not a
// failure once the candidates are built.
func TestTooManyShifts(t *testing.T) {
	m := rostertest.EvalModel()
	days := 60
	m.Demand.Interval = 15 * time.Minute
	m.Demand.Skills[0].Required = make([]int, days*96)
	m.Rules = roster.Rules{WeekStart: time.Monday}
	m.Breaks = nil
	m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "any", EarliestStart: 0, LatestStart: 23*60 + 45,
		MinLength: 15 * time.Minute, MaxLength: 24 * time.Hour, Step: 15 * time.Minute})
	var ve *roster.ValidationError
	if err := m.Validate(); !errors.As(err, &ve) || ve.Index != 1 || ve.Field != "step" || !strings.Contains(err.Error(), "96 starts and 96 lengths a day make 543744 shifts") {
		t.Fatalf("err = %v, want template 2 step", err)
	}
	// the same template over a fortnight is fine
	m.Demand.Skills[0].Required = make([]int, 14*96)
	if err := m.Validate(); err != nil {
		t.Errorf("a fortnight: %v", err)
	}
}
