package diag

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// level is a scalar with its own UnmarshalYAML, as readers write them for
// values with units.
type level int

func (l *level) UnmarshalYAML(n *yaml.Node) error {
	switch n.Value {
	case "low":
		*l = 1
	case "high":
		*l = 2
	default:
		return fmt.Errorf("%q: want low or high", n.Value)
	}
	return nil
}

// pair places its error at its second item.
type pair [2]string

func (p *pair) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode || len(n.Content) != 2 {
		return errors.New("want two items")
	}
	if n.Content[1].Value == "" {
		return At("", n.Content[1].Line, n.Content[1].Column, "", errors.New("second item empty"))
	}
	p[0], p[1] = n.Content[0].Value, n.Content[1].Value
	return nil
}

type common struct {
	Owner string `yaml:"owner"`
}

type target struct {
	Name  string        `yaml:"name"`
	Count int           `yaml:"count"`
	Share float64       `yaml:"share"`
	On    *bool         `yaml:"on"`
	Wait  time.Duration `yaml:"wait"`
	Level level         `yaml:"level"`
	Pair  pair          `yaml:"pair"`
	Rules struct {
		MaxHours int `yaml:"max_hours"`
	} `yaml:"rules"`
	Items  []item         `yaml:"items"`
	Tags   map[string]int `yaml:"tags"`
	Skip   string         `yaml:"-"`
	Plain  string         // named plain
	Common common         `yaml:",inline"`
}

type item struct {
	ID    string `yaml:"id"`
	Level *level `yaml:"level"`
}

type wantErr struct {
	line, col int
	field     string
	msg       string
}

func TestYAMLDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []wantErr
	}{
		{"clean", "name: a\ncount: 3\nshare: 0.5\non: true\nwait: 90s\nlevel: high\npair: [a, b]\nrules: {max_hours: 8}\nitems:\n  - {id: x, level: low}\ntags: {a: 1}\nplain: p\nowner: o\n", nil},
		{"unknown key at the key", "name: a\ncolour: red\n", []wantErr{{2, 1, "colour", "unknown key"}}},
		{"unknown nested key, path in the file's words", "rules:\n  max_hour: 8\n", []wantErr{{2, 3, "rules.max_hour", "unknown key"}}},
		{"unknown key in a list item", "items:\n  - id: a\n  - id: b\n    lvl: 2\n", []wantErr{{4, 5, "items[1].lvl", "unknown key"}}},
		{"type mismatch at the value", "count: many\n", []wantErr{{1, 8, "count", "cannot unmarshal !!str `many` into a whole number"}}},
		{"nested mismatch", "rules:\n  max_hours: [1]\n", []wantErr{{2, 14, "rules.max_hours", "cannot unmarshal !!seq into a whole number"}}},
		{"not a mapping", "- a\n- b\n", []wantErr{{1, 1, "", "cannot unmarshal !!seq into a mapping of keys"}}},
		{"list wanted", "items: x\n", []wantErr{{1, 8, "items", "cannot unmarshal !!str `x` into a list"}}},
		{"bad duration", "wait: soon\n", []wantErr{{1, 7, "wait", "cannot unmarshal !!str `soon` into a duration"}}},
		{"bool", "on: maybe\n", []wantErr{{1, 5, "on", "cannot unmarshal !!str `maybe` into true or false"}}},
		{"custom error at the value", "level: mid\n", []wantErr{{1, 8, "level", `"mid": want low or high`}}},
		{"custom error placed by itself", "pair:\n  - a\n  - \"\"\n", []wantErr{{3, 5, "pair", "second item empty"}}},
		{"custom error in a list item", "items:\n  - {id: a, level: top}\n", []wantErr{{2, 20, "items[0].level", `"top": want low or high`}}},
		{"map value mismatch", "tags: {a: x}\n", []wantErr{{1, 11, "tags.a", "cannot unmarshal !!str `x` into a whole number"}}},
		{"ignored field is unknown", "skip: x\n", []wantErr{{1, 1, "skip", "unknown key"}}},
		{"duplicate key", "name: a\nname: b\n", []wantErr{{2, 1, "name", "defined twice (first at line 1)"}}},
		{"all at once, in file order", "count: x\ncolour: red\nrules:\n  max_hours: y\nlevel: mid\n", []wantErr{
			{1, 8, "count", "cannot unmarshal !!str `x` into a whole number"},
			{2, 1, "colour", "unknown key"},
			{4, 14, "rules.max_hours", "cannot unmarshal !!str `y` into a whole number"},
			{5, 8, "level", `"mid": want low or high`},
		}},
		{"a long value is cut and its control characters masked", "name: [x]\ncount: \"" + strings.Repeat("9", 45) + "\\e\"\n", []wantErr{
			{1, 7, "name", "cannot unmarshal !!seq into text"},
			{2, 8, "count", "cannot unmarshal !!str `" + strings.Repeat("9", 40) + "...` into a whole number"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v target
			_, err := DecodeYAML("f.yaml", []byte(tc.in), &v)
			got := placed(t, err)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if err != nil && ExitCode(err) != ExitInvalidData {
				t.Errorf("exit code %d, want %d", ExitCode(err), ExitInvalidData)
			}
		})
	}
}

// placed takes the *Error values out of err (one, or a List's).
func placed(t *testing.T, err error) []wantErr {
	t.Helper()
	if err == nil {
		return nil
	}
	errs := []error{err}
	if l, ok := err.(interface{ Unwrap() []error }); ok {
		errs = l.Unwrap()
	}
	var out []wantErr
	for _, e := range errs {
		de, ok := e.(*Error)
		if !ok {
			t.Fatalf("%v (%T) is not a *diag.Error", e, e)
		}
		if de.File != "f.yaml" {
			t.Errorf("file %q", de.File)
		}
		out = append(out, wantErr{de.Line, de.Column, de.Field, de.Err.Error()})
	}
	return out
}

func TestYAMLDecodeValues(t *testing.T) {
	in := "name: a\ncount: 3\nshare: 0.5\non: true\nwait: 90s\nlevel: high\npair: [a, b]\nrules: {max_hours: 8}\nitems:\n  - {id: x, level: low}\n  - {id: y}\ntags: {a: 1}\nplain: p\nowner: o\n"
	var v target
	if _, err := DecodeYAML("f.yaml", []byte(in), &v); err != nil {
		t.Fatal(err)
	}
	low := level(1)
	want := target{Name: "a", Count: 3, Share: 0.5, On: v.On, Wait: 90 * time.Second, Level: 2, Pair: pair{"a", "b"},
		Items: []item{{"x", &low}, {"y", nil}}, Tags: map[string]int{"a": 1}, Plain: "p", Common: common{Owner: "o"}}
	want.Rules.MaxHours = 8
	if v.On == nil || !*v.On || !reflect.DeepEqual(v, want) {
		t.Errorf("got %+v\nwant %+v", v, want)
	}
	// as yaml.v3 itself decodes the same document
	var ref target
	if err := yaml.Unmarshal([]byte(in), &ref); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v, ref) {
		t.Errorf("got %+v\nyaml.v3 %+v", v, ref)
	}

	// null and an absent key leave the target's value; an alias is followed
	v = target{Count: 7}
	if _, err := DecodeYAML("f.yaml", []byte("count: ~\nname: &n x\nplain: *n\n"), &v); err != nil || v.Count != 7 || v.Plain != "x" {
		t.Errorf("null/alias: %+v %v", v, err)
	}
}

func TestYAMLParse(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n"} {
		_, err := DecodeYAML("f.yaml", []byte(in), &target{})
		var de *Error
		if !errors.As(err, &de) || !errors.Is(err, ErrEmptyYAML) || err.Error() != "f.yaml: empty file" || ExitCode(err) != ExitInvalidData {
			t.Errorf("%q: err = %v", in, err)
		}
	}
	// a syntax error keeps the YAML package's message, line included
	_, err := DecodeYAML("f.yaml", []byte("a: [\n"), &target{})
	var de *Error
	if !errors.As(err, &de) || de.File != "f.yaml" || de.Line != 0 || !strings.Contains(err.Error(), "line 1") || ExitCode(err) != ExitInvalidData {
		t.Errorf("syntax: %v", err)
	}
}

// TestYAMLDecodePrefix: a block decoded from inside another file is
// named under its key path and placed at its own lines.
func TestYAMLDecodePrefix(t *testing.T) {
	root, err := YAML{File: "plan.yaml"}.Parse([]byte("team:\n  rules:\n    max_hour: 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	block := root.Content[0].Content[1].Content[1]
	var errs List
	var v struct {
		MaxHours int `yaml:"max_hours"`
	}
	YAML{File: "plan.yaml", Prefix: "team.rules"}.Decode(block, &v, &errs)
	if err := errs.Err(); err == nil || err.Error() != "plan.yaml:3:5: team.rules.max_hour: unknown key" {
		t.Errorf("got %v", err)
	}
}

func TestYAMLDecodeCapped(t *testing.T) {
	var b strings.Builder
	for i := range DefaultMax + 5 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	_, err := DecodeYAML("f.yaml", []byte(b.String()), &target{})
	if err == nil || len(err.(interface{ Unwrap() []error }).Unwrap()) != DefaultMax ||
		!strings.HasSuffix(err.Error(), fmt.Sprintf("(stopped after %d errors)", DefaultMax)) {
		t.Errorf("err = %v", err)
	}
}
