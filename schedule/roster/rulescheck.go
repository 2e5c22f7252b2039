package roster

import (
	"errors"
	"time"
)

// ValidateRules checks what can be checked of the model without agents
// and demand (the rules, templates and breaks, and the weights w), on a
// 1-minute grid (the demand's interval is checked by Validate), and
// returns every problem: what a reader of a rules file reports.
func (m *Model) ValidateRules(w Weights) ValidationErrors {
	var errs ValidationErrors
	errs.add(m.Rules.problems()...)
	if len(m.Templates) == 0 {
		errs.add(&ValidationError{"template", -1, "", "", errors.New("no shift templates")})
	}
	names := map[string]bool{}
	for i := range m.Templates {
		t := &m.Templates[i]
		errs.add(t.problems(i, time.Minute)...)
		if names[t.Name] && t.Name != "" {
			errs.add(ValidationErrorf("template", i, t.Name, "name", "used twice"))
		}
		names[t.Name] = true
	}
	names = map[string]bool{}
	for i := range m.Breaks {
		b := &m.Breaks[i]
		errs.add(b.problems(i, time.Minute)...)
		if names[b.Name] && b.Name != "" {
			errs.add(ValidationErrorf("break", i, b.Name, "name", "used twice"))
		}
		names[b.Name] = true
	}
	errs.add(w.Validate())
	if len(errs) == 0 {
		// a break longer than its shift, a template no limit lets anyone work
		errs.add(m.checkShiftsFitLimits()...)
		errs.add(m.breaksFitEach(time.Minute)...)
	}
	return errs
}

// ValidateAgent checks one agent alone, the i-th of its team, and returns
// its first problem: what a reader of an agents file reports at its row.
func ValidateAgent(a *Agent, i int) error { return a.validate(i) }
