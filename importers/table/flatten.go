package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// errJSONSyntax is returned for a record the flattener cannot walk; the
// records it is given have been validated, so this is a safety net.
var errJSONSyntax = errors.New("invalid JSON")

// leafFunc receives one flattened value: key is the dotted path and val
// its text; both are only valid during the call (copy what you keep).
type leafFunc func(key, val []byte)

// flattener walks JSON objects without encoding/json's per-token
// allocations: a JSON export is read twice and has tens of leaves per
// record, so the walk is the cost of the format. Strings without escapes
// are passed as slices of the input.
type flattener struct {
	key  []byte // the current dotted path
	emit leafFunc
}

// flatten calls emit for every leaf of the object raw, in document
// order. Nested objects extend the key with "."; an empty object emits
// nothing; see jsonReader for how arrays and scalars become text.
func flatten(raw []byte, emit leafFunc) error {
	f := flattener{emit: emit}
	return f.run(raw)
}

// run flattens one record, reusing the key buffer of the previous one.
func (f *flattener) run(raw []byte) error {
	f.key = f.key[:0]
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return objectCheck(raw)
	}
	end, err := f.object(raw, i, false)
	if err != nil {
		return err
	}
	if skipSpace(raw, end) != len(raw) {
		return errJSONSyntax
	}
	return nil
}

func skipSpace(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
		i++
	}
	return i
}

// object walks the members of the object at d[i] == '{' and returns the
// index after its '}'; the keys of a nested object follow a '.'.
func (f *flattener) object(d []byte, i int, nested bool) (int, error) {
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(d) || d[i] != '"' {
			return 0, errJSONSyntax
		}
		key, next, err := stringText(d, i)
		if err != nil {
			return 0, err
		}
		saved := len(f.key)
		if nested {
			f.key = append(f.key, '.')
		}
		f.key = append(f.key, key...)
		i = skipSpace(d, next)
		if i >= len(d) || d[i] != ':' {
			return 0, errJSONSyntax
		}
		if i, err = f.value(d, skipSpace(d, i+1)); err != nil {
			return 0, err
		}
		f.key = f.key[:saved]
		i = skipSpace(d, i)
		if i >= len(d) {
			return 0, errJSONSyntax
		}
		switch d[i] {
		case ',':
			i = skipSpace(d, i+1)
		case '}':
			return i + 1, nil
		default:
			return 0, errJSONSyntax
		}
	}
}

// value emits the value at d[i] under the current key.
func (f *flattener) value(d []byte, i int) (int, error) {
	if i >= len(d) {
		return 0, errJSONSyntax
	}
	switch d[i] {
	case '{':
		return f.object(d, i, true)
	case '[':
		text, next, err := arrayText(d, i)
		if err != nil {
			return 0, err
		}
		f.emit(f.key, text)
		return next, nil
	case '"':
		s, next, err := stringText(d, i)
		if err != nil {
			return 0, err
		}
		f.emit(f.key, s)
		return next, nil
	}
	end, err := literalEnd(d, i)
	if err != nil {
		return 0, err
	}
	if d[i] == 'n' {
		f.emit(f.key, nil)
	} else {
		f.emit(f.key, d[i:end])
	}
	return end, nil
}

// literalEnd finds the end of a number, true, false or null, and checks
// its grammar, so that a record the flattener accepts is valid JSON.
func literalEnd(d []byte, i int) (int, error) {
	j := i
	for j < len(d) {
		c := d[j]
		if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		j++
	}
	lit := d[i:j]
	switch string(lit) {
	case "true", "false", "null":
		return j, nil
	}
	if !validNumber(lit) {
		return 0, errJSONSyntax
	}
	return j, nil
}

// validNumber follows the JSON grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
func validNumber(s []byte) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// stringText returns the text of the string at d[i] == '"' and the index
// after it. Escapes and invalid UTF-8 go through encoding/json, so the
// text is exactly what json.Unmarshal gives.
func stringText(d []byte, i int) ([]byte, int, error) {
	j, plain := i+1, true
	for j < len(d) {
		c := d[j]
		if c == '"' {
			break
		}
		if c == '\\' || c >= utf8.RuneSelf || c < 0x20 {
			plain = false
			if c == '\\' {
				j++
			}
		}
		j++
	}
	if j >= len(d) {
		return nil, 0, errJSONSyntax
	}
	s := d[i+1 : j]
	if plain || utf8.Valid(s) && bytes.IndexByte(s, '\\') < 0 && !hasControl(s) {
		return s, j + 1, nil
	}
	var str string
	if err := json.Unmarshal(d[i:j+1], &str); err != nil {
		return nil, 0, err
	}
	return []byte(str), j + 1, nil
}

func hasControl(s []byte) bool {
	for _, c := range s {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// valueEnd returns the index after the JSON value at d[i].
func valueEnd(d []byte, i int) (int, error) {
	if i >= len(d) {
		return 0, errJSONSyntax
	}
	switch d[i] {
	case '"':
		_, next, err := stringText(d, i)
		return next, err
	case '{', '[':
	default:
		return literalEnd(d, i)
	}
	depth := 0
	for j := i; j < len(d); j++ {
		switch d[j] {
		case '"':
			_, next, err := stringText(d, j)
			if err != nil {
				return 0, err
			}
			j = next - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, errJSONSyntax
}

// arrayText joins the texts of the elements of the array at d[i] == '['
// with ", "; nulls are left out.
func arrayText(d []byte, i int) ([]byte, int, error) {
	var out []byte
	n := 0
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == ']' {
		return []byte{}, i + 1, nil
	}
	for {
		end, err := valueEnd(d, i)
		if err != nil {
			return nil, 0, err
		}
		if (d[i] == '{' || d[i] == '[') && !json.Valid(d[i:end]) {
			return nil, 0, errJSONSyntax
		}
		if text, ok := elementText(d[i:end]); ok {
			if n > 0 {
				out = append(out, ", "...)
			}
			out = append(out, text...)
			n++
		}
		i = skipSpace(d, end)
		if i >= len(d) {
			return nil, 0, errJSONSyntax
		}
		switch d[i] {
		case ',':
			i = skipSpace(d, i+1)
		case ']':
			if out == nil {
				out = []byte{}
			}
			return out, i + 1, nil
		default:
			return nil, 0, errJSONSyntax
		}
	}
}

// elementText is the text of one array element, ok false for null: a
// string's text, a literal as written, an object's "name" or else its
// "value" member (what Zendesk's custom_fields and tags-like arrays of
// objects hold), else the compact JSON of the object or array.
func elementText(v []byte) ([]byte, bool) {
	switch v[0] {
	case 'n':
		return nil, false
	case '"':
		s, _, err := stringText(v, 0)
		if err != nil {
			return v, true
		}
		return s, true
	case '{':
		if m, ok := member(v, "name"); ok {
			return elementText(m)
		}
		if m, ok := member(v, "value"); ok {
			return elementText(m)
		}
		fallthrough
	case '[':
		var b bytes.Buffer
		if json.Compact(&b, v) != nil {
			return v, true
		}
		return b.Bytes(), true
	}
	return v, true
}

// member returns the value of the top-level member name of the object
// obj (the last one if repeated, as json.Unmarshal does).
func member(obj []byte, name string) ([]byte, bool) {
	var found []byte
	i := skipSpace(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		key, next, err := stringText(obj, i)
		if err != nil {
			return nil, false
		}
		i = skipSpace(obj, next)
		if i >= len(obj) || obj[i] != ':' {
			return nil, false
		}
		i = skipSpace(obj, i+1)
		end, err := valueEnd(obj, i)
		if err != nil {
			return nil, false
		}
		if string(key) == name {
			found = obj[i:end]
		}
		i = skipSpace(obj, end)
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
	return found, found != nil
}
