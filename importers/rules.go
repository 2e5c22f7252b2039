package importers

import (
	"fmt"
	"regexp"
	"strings"
)

// OtherType is the issue type of contacts no rule matched.
const OtherType = "other"

// TypeRules map what exports say about a contact (its type, category or
// reason field, its tags, its subject) to the planner's issue types. The
// first rule that matches wins; contacts no rule matches get OtherType.
// The YAML form (loaded by the command layer) is:
//
//	types:
//	  - type: gift_card
//	    values: ["Gift card", "礼品卡"]   # exact, case-insensitive
//	    tags: [gift_card]
//	    match: ["(?i)gift ?card"]        # on type, category and subject
type TypeRules struct {
	Rules []TypeRule `yaml:"types" json:"types"`

	compiled bool
	subject  bool
}

// TypeRule is one issue type and what recognises it.
type TypeRule struct {
	Type   string   `yaml:"type" json:"type"`
	Values []string `yaml:"values" json:"values,omitempty"`
	Tags   []string `yaml:"tags" json:"tags,omitempty"`
	Match  []string `yaml:"match" json:"match,omitempty"`

	values map[string]bool
	tags   map[string]bool
	re     []*regexp.Regexp
}

// Compile validates the rules and prepares them for matching. Errors name
// the rule by its position and type.
func (r *TypeRules) Compile() error {
	if len(r.Rules) == 0 {
		return fmt.Errorf("%w: the rules file lists no types", ErrInvalidData)
	}
	for i := range r.Rules {
		rule := &r.Rules[i]
		rule.Type = strings.TrimSpace(rule.Type)
		if rule.Type == "" {
			return fmt.Errorf("%w: rule %d has no type", ErrInvalidData, i+1)
		}
		if len(rule.Values)+len(rule.Tags)+len(rule.Match) == 0 {
			return fmt.Errorf("%w: rule %d (%s) has no values, tags or match", ErrInvalidData, i+1, rule.Type)
		}
		rule.values = map[string]bool{}
		for _, v := range rule.Values {
			rule.values[strings.ToLower(strings.TrimSpace(v))] = true
		}
		rule.tags = map[string]bool{}
		for _, t := range rule.Tags {
			rule.tags[strings.ToLower(strings.TrimSpace(t))] = true
		}
		rule.re = nil
		for _, m := range rule.Match {
			re, err := regexp.Compile(m)
			if err != nil {
				return fmt.Errorf("%w: rule %d (%s): match %q: %v", ErrInvalidData, i+1, rule.Type, m, err)
			}
			rule.re = append(rule.re, re)
			r.subject = true
		}
	}
	r.compiled = true
	return nil
}

func (r *TypeRules) usesSubject() bool { return r.subject }

// Classify returns the issue type for a contact's type value, category,
// tags and subject; OtherType when no rule matches.
func (r *TypeRules) Classify(typ, category string, tags []string, subject string) string {
	if !r.compiled {
		if err := r.Compile(); err != nil {
			return OtherType
		}
	}
	lt, lc := strings.ToLower(typ), strings.ToLower(category)
	for i := range r.Rules {
		rule := &r.Rules[i]
		if (lt != "" && rule.values[lt]) || (lc != "" && rule.values[lc]) {
			return rule.Type
		}
		// hierarchical values (Zendesk "Shipping::Delay", Jira "A / B")
		if lc != "" && len(rule.values) > 0 {
			for _, part := range strings.FieldsFunc(lc, func(r rune) bool { return r == '/' || r == ':' || r == '>' }) {
				if rule.values[strings.TrimSpace(part)] {
					return rule.Type
				}
			}
		}
		for _, t := range tags {
			if rule.tags[strings.ToLower(t)] {
				return rule.Type
			}
		}
		for _, re := range rule.re {
			if (typ != "" && re.MatchString(typ)) || (category != "" && re.MatchString(category)) || (subject != "" && re.MatchString(subject)) {
				return rule.Type
			}
		}
	}
	return OtherType
}
