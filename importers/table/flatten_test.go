package table

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

type leaf struct{ key, val string }

func fastLeaves(raw []byte) ([]leaf, error) {
	var out []leaf
	err := flatten(raw, func(k, v []byte) { out = append(out, leaf{string(k), string(v)}) })
	return out, err
}

func refLeaves(raw []byte) ([]leaf, error) {
	var out []leaf
	err := refFlatten(raw, func(k, v string) { out = append(out, leaf{k, v}) })
	return out, err
}

// TestFlatten fixes the flattening rules on small objects; expected
// values are written by hand.
func TestFlatten(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []leaf
	}{
		{`{"id":1700000000,"f":1.50,"e":1e3,"neg":-0}`, []leaf{{"id", "1700000000"}, {"f", "1.50"}, {"e", "1e3"}, {"neg", "-0"}}},
		{`{"a":{"b":{"c":"x"}},"d":{}}`, []leaf{{"a.b.c", "x"}}},
		{`{"t":true,"f":false,"n":null}`, []leaf{{"t", "true"}, {"f", "false"}, {"n", ""}}},
		{`{"tags":["vip","order status",null,3]}`, []leaf{{"tags", "vip, order status, 3"}}},
		{`{"cf":[{"id":1,"value":"gift"},{"id":2,"value":null},{"id":3}],"e":[]}`, []leaf{{"cf", `gift, {"id":3}`}, {"e", ""}}},
		{`{"users":[{"name":"Ana","id":1},{"name":{"first":"Bo"}}]}`, []leaf{{"users", `Ana, {"first":"Bo"}`}}},
		{`{"m":[[1, 2],{"x" : [3]}]}`, []leaf{{"m", `[1,2], {"x":[3]}`}}},
		{`{"s":"caf\u00e9 \"q\"\n","k\u002e":"v"}`, []leaf{{"s", "café \"q\"\n"}, {"k.", "v"}}},
		{" {\n \"a\" : 1 ,\t\"b\":[ ] } ", []leaf{{"a", "1"}, {"b", ""}}},
		{`{"a":1,"a":2}`, []leaf{{"a", "1"}, {"a", "2"}}},
	} {
		got, err := fastLeaves([]byte(c.in))
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, %v; want %q", c.in, got, err, c.want)
		}
		ref, err := refLeaves([]byte(c.in))
		if err != nil || !reflect.DeepEqual(ref, c.want) {
			t.Errorf("%s: the reference gives %q, %v", c.in, ref, err)
		}
	}
	for _, in := range []string{`[1]`, `"x"`, `{"a":}`, `{"a":1`, `{"a" 1}`, `{"a":1}x`, `{"a":"x}`, `{"a":[1,}`} {
		if _, err := fastLeaves([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

// FuzzFlatten checks the fast flattener against the encoding/json one:
// it accepts exactly the valid objects and gives the same leaves.
func FuzzFlatten(f *testing.F) {
	for _, s := range []string{
		`{"a":{"b":[1,{"name":"x"},null,{"value":{"k":1}}]},"c":"\u00e9\ud800"}`,
		`{"t":[[],{},[{}]],"n":-1.5e-3,"s":"a\\b"}`,
		"{\"x\":\"\xff\xfe\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, gerr := fastLeaves(data)
		if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '{' {
			return // not an object: an error, not a panic
		}
		if valid := json.Valid(data); valid != (gerr == nil) {
			t.Fatalf("%q: json.Valid %v, flatten error %v", data, valid, gerr)
		}
		if gerr != nil {
			return
		}
		want, werr := refLeaves(data)
		if werr != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n fast %q, %v\n  ref %q, %v", data, got, gerr, want, werr)
		}
	})
}

// refFlatten is the straightforward flattener on encoding/json tokens:
// the oracle the fast one is checked against.
func refFlatten(raw []byte, emit func(key, value string)) error {
	dec := newDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return jsonError(err, "")
	}
	if tok != json.Delim('{') {
		return objectCheck(raw)
	}
	return refWalkObject(dec, "", emit)
}

// refWalkObject walks the members of an object whose '{' has been read.
func refWalkObject(dec *json.Decoder, prefix string, emit func(key, value string)) error {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return jsonError(err, "")
		}
		k, ok := tok.(string)
		if !ok {
			return fmt.Errorf("object key expected, found %v", tok)
		}
		if err := refWalkValue(dec, prefix+k, emit); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return jsonError(err, "")
	}
	return nil
}

func refWalkValue(dec *json.Decoder, key string, emit func(key, value string)) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonError(err, "")
	}
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return refWalkObject(dec, key+".", emit)
		}
		var parts []string
		for dec.More() {
			var elem json.RawMessage
			if err := dec.Decode(&elem); err != nil {
				return jsonError(err, "")
			}
			if s, ok := refElementText(elem); ok {
				parts = append(parts, s)
			}
		}
		if _, err := dec.Token(); err != nil {
			return jsonError(err, "")
		}
		emit(key, strings.Join(parts, ", "))
	case string:
		emit(key, v)
	case json.Number:
		emit(key, string(v))
	case bool:
		emit(key, strconv.FormatBool(v))
	case nil:
		emit(key, "")
	}
	return nil
}

// refElementText is the text of one array element; ok is false for null.
func refElementText(raw []byte) (string, bool) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "", false
	}
	switch t[0] {
	case 'n':
		return "", false
	case '"':
		var s string
		if json.Unmarshal(t, &s) != nil {
			return string(t), true
		}
		return s, true
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(t, &m) == nil {
			for _, k := range [...]string{"name", "value"} {
				if v, ok := m[k]; ok {
					return refElementText(v)
				}
			}
		}
		fallthrough
	case '[':
		var b bytes.Buffer
		if json.Compact(&b, t) != nil {
			return string(t), true
		}
		return b.String(), true
	}
	return string(t), true
}
