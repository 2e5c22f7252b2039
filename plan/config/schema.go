package config

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// checkShape compares the plan's YAML with the types it is read into
// (their yaml tags) and reports every key the plan does not have and
// every value of the wrong kind, each at its line under its key as the
// plan writes it. A value at fault is then cleared (null), so that the
// rest of the plan still decodes and later checks take it as not given:
// one run of the plan lists all its problems, not the decoder's first.
func checkShape(n *yaml.Node, t reflect.Type, path string, ps *problems) {
	n = resolve(n)
	if n == nil || isNull(n) {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func(format string, a ...any) {
		ps.atNode(n, path, format, a...)
		unset(n)
	}
	switch t {
	case reflect.TypeFor[yaml.Node](), reflect.TypeFor[Channel]():
		return // read by package roster and package policy, which check them
	case reflect.TypeFor[Duration]():
		if n.Kind != yaml.ScalarNode {
			bad("expected a duration such as 30m or 1h30m")
		} else if _, err := civil.ParseDuration(n.Value); err != nil {
			bad("%s: %v", textsafe.Quote(n.Value), err)
		}
		return
	case reflect.TypeFor[Fraction]():
		if n.Kind != yaml.ScalarNode {
			bad("expected a share such as 30%% or 0.3")
		} else if _, err := civil.ParseFraction(n.Value); err != nil {
			bad("%s: %v", textsafe.Quote(n.Value), err)
		}
		return
	case reflect.TypeFor[EventList]():
		if n.Kind == yaml.ScalarNode && (strings.EqualFold(n.Value, "none") || n.Value == "") {
			return
		}
		if n.Kind != yaml.SequenceNode {
			bad("expected a list of events, or none")
			return
		}
	case reflect.TypeFor[EventSpec]():
		if n.Kind == yaml.ScalarNode {
			return // a built-in event's name
		}
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			bad("expected a mapping of %s", strings.Join(yamlKeys(t), ", "))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				checkShape(v, t, path, ps)
				continue
			}
			f, ok := fieldOf(t, k.Value)
			if !ok {
				ps.atNode(k, join(path, k.Value), "unknown key; the keys%s are %s", under(path), strings.Join(yamlKeys(t), ", "))
				continue
			}
			checkShape(v, f.Type, join(path, k.Value), ps)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			bad("expected a mapping (name: value)")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				ps.atNode(k, path, "expected a name as the key")
				continue
			}
			checkShape(v, t.Elem(), join(path, k.Value), ps)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			bad("expected a list")
			return
		}
		for i, item := range n.Content {
			checkShape(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), ps)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			bad("expected a single value")
		}
	case reflect.Int, reflect.Uint64:
		// 4.5 agents would be read as 4: a count is whole
		x, ok := number(n)
		switch {
		case !ok || x != math.Trunc(x) || math.Abs(x) > 1<<53:
			bad("%s: expected a whole number", shown(n))
		case t.Kind() == reflect.Uint64 && x < 0:
			bad("%s: expected a whole number of 0 or more", shown(n))
		}
	case reflect.Float64:
		if x, ok := number(n); !ok || math.IsNaN(x) || math.IsInf(x, 0) {
			bad("%s: expected a number", shown(n))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			bad("%s: expected true or false", shown(n))
		}
	}
}

// shown is a value as a message shows it: quoted, or what it is when it
// is not a single value.
func shown(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return textsafe.Quote(n.Value)
}

// number reads a YAML number (an int or a float as YAML resolves them,
// not a quoted string).
func number(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.ShortTag() != "!!float") {
		return 0, false
	}
	var x float64
	if err := n.Decode(&x); err != nil {
		return 0, false
	}
	return x, true
}

// fieldOf finds the field read from key.
func fieldOf(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); f.IsExported() && name == key && name != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// yamlKeys lists the keys of a struct, in the order of its fields.
func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); f.IsExported() && name != "" && name != "-" && !slices.Contains(keys, name) {
			keys = append(keys, name)
		}
	}
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func under(path string) string {
	if path == "" {
		return " of a plan"
	}
	return " of " + path
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// unset makes n a null value: not given.
func unset(n *yaml.Node) {
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
}
