package policy

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// File is a policy file: settings for every channel, and per channel.
//
//	defaults:
//	  shrinkage: 30%
//	channels:
//	  phone: {kind: live, service_level: 80/20s, patience: 5m, max_abandon: 5%}
//	  email: {kind: deferred, deadline: 24h, hours: "mon-fri 08:00-20:00"}
type File struct {
	Defaults Settings
	Channels map[string]Settings
}

// ReadFile reads a policy file, named name in messages. Unknown, renamed
// and bad keys are collected and returned together as Errors.
func ReadFile(r io.Reader, name string) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// yaml's own message, which places the problem itself.
		return nil, Errors{{Source{File: name}, err}}
	}
	f := &File{Channels: map[string]Settings{}}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	if doc.Kind == 0 || isNull(doc) {
		return nil, Errors{{Source{File: name}, errors.New("the file is empty")}}
	}
	if doc.Kind != yaml.MappingNode {
		return nil, Errors{{Source{File: name, Line: doc.Line, Column: doc.Column}, errors.New("expected a mapping with defaults: and channels:")}}
	}
	var errs Errors
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], resolveAlias(doc.Content[i+1])
		switch k.Value {
		case "defaults":
			s, err := Decode(name, v, "defaults")
			errs = appendErr(errs, err)
			f.Defaults = s
		case "channels":
			if isNull(v) {
				continue
			}
			if v.Kind != yaml.MappingNode {
				errs = append(errs, &Error{Source{File: name, Line: v.Line, Column: v.Column, Key: "channels"},
					errors.New("expected a mapping of channel names to settings")})
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				ck, cv := v.Content[j], v.Content[j+1]
				s, err := Decode(name, cv, "channels."+ck.Value)
				errs = appendErr(errs, err)
				f.Channels[ck.Value] = s
			}
		default:
			errs = append(errs, &Error{Source{File: name, Line: k.Line, Column: k.Column, Key: k.Value},
				errors.New("unknown key; a policy file has defaults: and channels:")})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return f, nil
}

// Decode reads one layer of settings from a YAML mapping of keys (a
// channel's entry, a file's defaults) in file; path names the mapping in
// messages (channels.phone). An empty (null) node is no setting. Every
// problem is returned, together, as Errors.
func Decode(file string, n *yaml.Node, path string) (Settings, error) {
	var s Settings
	errs := decodeInto(&s, file, resolveAlias(n), path)
	return s, errs.err()
}

func decodeInto(s *Settings, file string, n *yaml.Node, path string) Errors {
	if n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return Errors{{Source{File: file, Line: n.Line, Column: n.Column, Key: path}, errors.New("expected a mapping of settings (key: value)")}}
	}
	var errs Errors
	// Merge keys (<<: *base) first, so that the mapping's own keys win.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], resolveAlias(n.Content[i+1]); k.Value == "<<" && k.Tag == "!!merge" {
			bases := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				bases = v.Content
			}
			for _, b := range bases {
				errs = append(errs, decodeInto(s, file, resolveAlias(b), path)...)
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		if k.Value == "<<" && k.Tag == "!!merge" {
			continue
		}
		if err := s.SetYAML(file, k.Value, v, path); err != nil {
			var e *Error
			if errors.As(err, &e) && specOf(k.Value) == nil {
				// A key error points at the key.
				e.Line, e.Column = k.Line, k.Column
			}
			errs = appendErr(errs, err)
		}
	}
	return errs
}

// SetYAML sets key from a YAML value in file (a scalar, or for the dates
// a list); path is the mapping key belongs to, for messages ("" at the
// top of a file).
func (s *Settings) SetYAML(file, key string, v *yaml.Node, path string) error {
	v = resolveAlias(v)
	src := Source{File: file, Line: v.Line, Column: v.Column, Key: key}
	if path != "" {
		src.Key = path + "." + key
	}
	var text string
	switch {
	case isNull(v):
		return &Error{src, errors.New("no value")}
	case v.Kind == yaml.ScalarNode:
		text = v.Value
	case v.Kind == yaml.SequenceNode && (key == KeyClosedDates || key == KeyClosed):
		parts := make([]string, 0, len(v.Content))
		for _, c := range v.Content {
			c = resolveAlias(c)
			if c.Kind != yaml.ScalarNode {
				return &Error{Source{File: file, Line: c.Line, Column: c.Column, Key: src.Key}, errors.New("expected a date YYYY-MM-DD")}
			}
			if strings.Contains(c.Value, ",") {
				return &Error{Source{File: file, Line: c.Line, Column: c.Column, Key: src.Key}, fmt.Errorf("date %q: want YYYY-MM-DD", c.Value)}
			}
			parts = append(parts, c.Value)
		}
		text = strings.Join(parts, ",")
	case specOf(key) == nil:
		text = "" // the key's own error follows
	default:
		return &Error{src, errors.New("expected a single value")}
	}
	return s.Set(key, text, src)
}

func appendErr(errs Errors, err error) Errors {
	if err == nil {
		return errs
	}
	var list Errors
	var one *Error
	switch {
	case errors.As(err, &list):
		return append(errs, list...)
	case errors.As(err, &one):
		return append(errs, one)
	}
	return append(errs, &Error{Err: err})
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}
