package importers

import (
	"encoding/binary"
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
	i := r.firstWithoutSubject(typ, category, tags)
	if j := r.firstBySubject(subject, i); j < i {
		i = j
	}
	if i == len(r.Rules) {
		return OtherType
	}
	return r.Rules[i].Type
}

// firstWithoutSubject is the index of the first rule that matches on the
// type, category and tags alone (values, tags, or a match expression on
// type or category); len(r.Rules) when none does.
func (r *TypeRules) firstWithoutSubject(typ, category string, tags []string) int {
	lt, lc := strings.ToLower(typ), strings.ToLower(category)
	for i := range r.Rules {
		rule := &r.Rules[i]
		if (lt != "" && rule.values[lt]) || (lc != "" && rule.values[lc]) {
			return i
		}
		// hierarchical values (Zendesk "Shipping::Delay", Jira "A / B")
		if lc != "" && len(rule.values) > 0 {
			for _, part := range strings.FieldsFunc(lc, func(r rune) bool { return r == '/' || r == ':' || r == '>' }) {
				if rule.values[strings.TrimSpace(part)] {
					return i
				}
			}
		}
		for _, t := range tags {
			if rule.tags[strings.ToLower(t)] {
				return i
			}
		}
		for _, re := range rule.re {
			if (typ != "" && re.MatchString(typ)) || (category != "" && re.MatchString(category)) {
				return i
			}
		}
	}
	return len(r.Rules)
}

// firstBySubject is the index of the first rule before limit whose match
// expressions match the subject; limit when none does.
func (r *TypeRules) firstBySubject(subject string, limit int) int {
	if subject == "" {
		return limit
	}
	for i := 0; i < limit; i++ {
		for _, re := range r.Rules[i].re {
			if re.MatchString(subject) {
				return i
			}
		}
	}
	return limit
}

// classifyCacheSize bounds each of a typeCache's maps: subjects are often
// unique (an order number in each), and a cache that grew with them would
// hold every subject of a ten-million-row file.
const classifyCacheSize = 1 << 16

// typeCache classifies a file's rows with the rules, remembering the
// result per distinct (type, category, tags, subject) value and, apart,
// what the type, category and tags alone decide. The first rule that
// matches wins, so for a row only the subject expressions of the rules
// before the one its type, category and tags match need to run: the
// regular expressions (case-insensitive ones are slow) run once per
// distinct value, not once per row. The results are Classify's exactly.
type typeCache struct {
	rules  *TypeRules
	static map[string]int    // type, category, raw tags -> firstWithoutSubject
	full   map[string]string // the same and the subject -> issue type
	key    []byte
}

func newTypeCache(r *TypeRules) *typeCache {
	if !r.compiled {
		if err := r.Compile(); err != nil {
			return nil // Classify reports OtherType for rules that do not compile
		}
	}
	return &typeCache{rules: r, static: map[string]int{}, full: map[string]string{}}
}

// classify returns Classify(typ, category, SplitTags of each raw tag cell,
// subject).
func (c *typeCache) classify(typ, category string, rawTags []string, subject string) string {
	// Each part is prefixed by its length, so no two values share a key.
	k := appendPart(appendPart(c.key[:0], typ), category)
	for _, t := range rawTags {
		k = appendPart(k, t)
	}
	static := len(k)
	k = append(k, subject...)
	c.key = k
	if t, ok := c.full[string(k)]; ok {
		return t
	}
	limit, ok := c.static[string(k[:static])]
	if !ok {
		var tags []string
		for _, t := range rawTags {
			tags = append(tags, SplitTags(t)...)
		}
		limit = c.rules.firstWithoutSubject(typ, category, tags)
		if len(c.static) < classifyCacheSize {
			c.static[string(k[:static])] = limit
		}
	}
	i := c.rules.firstBySubject(subject, limit)
	t := OtherType
	if i < len(c.rules.Rules) {
		t = c.rules.Rules[i].Type
	}
	if len(c.full) < classifyCacheSize {
		c.full[string(k)] = t
	}
	return t
}

// appendPart appends s prefixed by its length.
func appendPart(k []byte, s string) []byte {
	return append(binary.AppendUvarint(k, uint64(len(s))), s...)
}
