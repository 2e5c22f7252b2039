package diag

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// The messages of the YAML decoder's own problems; a custom
// yaml.Unmarshaler's error is reported with its own message.
var (
	// ErrEmptyYAML is the cause of a file that holds no YAML document.
	ErrEmptyYAML = errors.New("empty file")
	// ErrUnknownKey is the cause of a key the target has no field for.
	ErrUnknownKey = errors.New("unknown key")
)

// YAML decodes YAML strictly into Go values and places every problem in
// the file: an unknown key at the key, a value of the wrong kind at the
// value, each as an *Error whose Field is the key path as the file
// writes it (rules.templates[1].step). It works on the parsed yaml.Node
// and the target's yaml tags; it never reads the YAML package's error
// text.
//
// Decoding follows go.yaml.in/yaml/v3 for fields (the tag's name, else the
// lower-cased field name; "-" skips; ",inline" structs merge their fields),
// scalars (yaml's own conversion, durations included), null (leaves the
// target as it is) and aliases, and calls a target's UnmarshalYAML. An
// error UnmarshalYAML returns is placed at the value's node, or where it
// says if it is an *Error with a line.
type YAML struct {
	// File names the file in every error.
	File string
	// Prefix is the key path of the decoded node inside the file (team.rules
	// in a plan); "" for a whole document.
	Prefix string
}

// Parse reads data as one YAML document. A syntax error comes back as an
// *Error of the file with the YAML package's message, which carries its
// own line; a file with no document as ErrEmptyYAML. Both are of class
// InvalidData.
func (y YAML) Parse(data []byte) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, &Error{File: y.File, Err: As(InvalidData, err)}
	}
	if root.Kind == 0 || (root.Kind == yaml.DocumentNode && len(root.Content) == 0) {
		return nil, &Error{File: y.File, Err: As(InvalidData, ErrEmptyYAML)}
	}
	return &root, nil
}

// Decode decodes n (a document or any node below one) into v, a non-nil
// pointer, and adds every problem to errs in file order, stopping when
// errs is full. Each problem is an *Error of class InvalidData.
func (y YAML) Decode(n *yaml.Node, v any, errs *List) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("diag: YAML.Decode needs a non-nil pointer")
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	w := walker{file: y.File, errs: errs}
	w.value(n, rv.Elem(), y.Prefix)
}

// DecodeYAML parses data (the file name) and decodes its document into v
// strictly (see YAML). It returns the document node, for placing problems
// found later, and nil or every problem at once: one *Error, or a List's
// error of up to DefaultMax of them.
func DecodeYAML(name string, data []byte, v any) (*yaml.Node, error) {
	y := YAML{File: name}
	root, err := y.Parse(data)
	if err != nil {
		return nil, err
	}
	var errs List
	y.Decode(root, v, &errs)
	return root, errs.Err()
}

type walker struct {
	file string
	errs *List
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	nodeType        = reflect.TypeFor[yaml.Node]()
)

// problem adds an error placed at node n.
func (w *walker) problem(n *yaml.Node, path string, err error) {
	var c Classed
	if !errors.As(err, &c) {
		err = As(InvalidData, err)
	}
	w.errs.Add(&Error{File: w.file, Line: n.Line, Column: n.Column, Field: path, Err: err})
}

// value decodes n into out, which is addressable.
func (w *walker) value(n *yaml.Node, out reflect.Value, path string) {
	if w.errs.Full() {
		return
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if out.Type() == nodeType {
		out.Set(reflect.ValueOf(*n))
		return
	}
	if isNull(n) {
		return // yaml.v3 leaves the target as it is
	}
	if out.Kind() == reflect.Pointer {
		if out.IsNil() {
			out.Set(reflect.New(out.Type().Elem()))
		}
		w.value(n, out.Elem(), path)
		return
	}
	if out.CanAddr() && out.Addr().Type().Implements(unmarshalerType) {
		w.custom(n, out.Addr().Interface().(yaml.Unmarshaler), path)
		return
	}
	switch out.Kind() {
	case reflect.Struct:
		w.structValue(n, out, path)
	case reflect.Map:
		w.mapValue(n, out, path)
	case reflect.Slice:
		w.sliceValue(n, out, path)
	case reflect.Interface:
		if err := n.Decode(out.Addr().Interface()); err != nil {
			w.problem(n, path, mismatch(n, out.Type()))
		}
	default:
		w.scalar(n, out, path)
	}
}

// custom calls a target's own UnmarshalYAML and places its error.
func (w *walker) custom(n *yaml.Node, u yaml.Unmarshaler, path string) {
	err := u.UnmarshalYAML(n)
	if err == nil {
		return
	}
	var at *Error
	if errors.As(err, &at) && at.Line > 0 {
		e := *at
		if e.File == "" {
			e.File = w.file
		}
		if e.Field == "" {
			e.Field = path
		}
		var c Classed
		if !errors.As(e.Err, &c) {
			e.Err = As(InvalidData, e.Err)
		}
		w.errs.Add(&e)
		return
	}
	w.problem(n, path, err)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// field is a struct field reachable by a key: its index path through
// inline structs.
type field struct {
	index []int
}

// fields lists the keys of struct type t as yaml.v3 names them.
func fields(t reflect.Type) map[string]field {
	out := map[string]field{}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous {
				continue
			}
			tag := f.Tag.Get("yaml")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			index := append(append([]int(nil), prefix...), i)
			if hasOpt(opts, "inline") && f.Type.Kind() == reflect.Struct {
				walk(f.Type, index)
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			out[name] = field{index: index}
		}
	}
	walk(t, nil)
	return out
}

func hasOpt(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

func childPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (w *walker) structValue(n *yaml.Node, out reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		w.problem(n, path, mismatch(n, out.Type()))
		return
	}
	known := fields(out.Type())
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		p := childPath(path, key)
		if first, dup := seen[key]; dup {
			w.problem(k, p, fmt.Errorf("defined twice (first at line %d)", first.Line))
			continue
		}
		seen[key] = k
		f, ok := known[key]
		if !ok || k.Kind != yaml.ScalarNode {
			w.problem(k, p, ErrUnknownKey)
			continue
		}
		w.value(v, out.FieldByIndex(f.index), p)
	}
}

func (w *walker) mapValue(n *yaml.Node, out reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		w.problem(n, path, mismatch(n, out.Type()))
		return
	}
	if out.IsNil() {
		out.Set(reflect.MakeMap(out.Type()))
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := childPath(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			w.problem(k, p, fmt.Errorf("defined twice (first at line %d)", first.Line))
			continue
		}
		seen[k.Value] = k
		key := reflect.New(out.Type().Key()).Elem()
		w.value(k, key, p)
		elem := reflect.New(out.Type().Elem()).Elem()
		w.value(v, elem, p)
		out.SetMapIndex(key, elem)
	}
}

func (w *walker) sliceValue(n *yaml.Node, out reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		w.problem(n, path, mismatch(n, out.Type()))
		return
	}
	s := reflect.MakeSlice(out.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		w.value(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	out.Set(s)
}

// scalar decodes a plain value (text, number, bool, duration) with the
// YAML package's own conversions.
func (w *walker) scalar(n *yaml.Node, out reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		w.problem(n, path, mismatch(n, out.Type()))
		return
	}
	tmp := reflect.New(out.Type())
	if err := n.Decode(tmp.Interface()); err != nil {
		w.problem(n, path, mismatch(n, out.Type()))
		return
	}
	out.Set(tmp.Elem())
}

// mismatch says what the node holds and what was wanted, in the words
// of yaml.v3's type errors with the Go type put in a reader's terms.
func mismatch(n *yaml.Node, t reflect.Type) error {
	got := n.ShortTag()
	if n.Kind == yaml.ScalarNode {
		got += " `" + shorten(n.Value, 40) + "`"
	}
	return fmt.Errorf("cannot unmarshal %s into %s", got, describe(t))
}

// shorten keeps the first max runes of s, control characters as '?', so
// that a hostile value never floods or garbles a message.
func shorten(s string, max int) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i == max {
			b.WriteString("...")
			break
		}
		if unicode.IsControl(r) {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// describe names a Go type as a reader of the file knows it.
func describe(t reflect.Type) string {
	if t.String() == "time.Duration" {
		return "a duration"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return describe(t.Elem())
	case reflect.Struct, reflect.Map:
		return "a mapping of keys"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number >= 0"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}
