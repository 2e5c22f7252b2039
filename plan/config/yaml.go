// Package config loads the YAML files users write (issue-type rules, column
// maps) into the plain structs of the domain packages, with errors that name
// the file, the line and the key.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrInvalid marks a YAML file whose content is wrong (exit code 3).
var ErrInvalid = diag.New(diag.InvalidData, "invalid configuration file")

// MaxConfigBytes caps a plan, rules, policy, types or column map file:
// real ones are a few kilobytes, and a YAML parser holds many times its
// input (a 50 MB plan exhausted a 1 GB address space).
const MaxConfigBytes = 256 << 10

// MaxAgentsBytes caps an agents file the plan names (a team of 50,000 is
// a few megabytes).
const MaxAgentsBytes = 16 << 20

// ReadConfigFile reads a file of at most max bytes; a larger one is an
// error (ErrInvalid, exit 3) that says what it is, before any of it is
// parsed.
func ReadConfigFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, invalid(path, 0, 0, "", fmt.Errorf("the file is larger than %d KiB, more than such a file ever holds: is it the right file?", max>>10))
	}
	return data, nil
}

// decodeStrict decodes YAML into v, refusing unknown keys, and names the file
// in every error.
func decodeStrict(path string, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: %w: the file is empty", path, ErrInvalid)
		}
		return fmt.Errorf("%s: %w: %s", path, ErrInvalid, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return nil
}

// LoadTypeRules reads an issue-type rules file (see importers.TypeRules).
func LoadTypeRules(path string) (*importers.TypeRules, error) {
	data, err := ReadConfigFile(path, MaxConfigBytes)
	if err != nil {
		return nil, err
	}
	var rules importers.TypeRules
	if err := decodeStrict(path, data, &rules); err != nil {
		return nil, err
	}
	if err := rules.Compile(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &rules, nil
}

// LoadMap reads a column map file: a flat mapping of field to column name
// (or a list of names), plus default_channel, handle_unit and date_order:
//
//	created: "Opened At"
//	type: Reason
//	tags: [Label, Label]
//	default_channel: phone
func LoadMap(path string) (*importers.MapSpec, error) {
	data, err := ReadConfigFile(path, MaxConfigBytes)
	if err != nil {
		return nil, err
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("%s: %w: %s", path, ErrInvalid, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(node.Content) == 0 || node.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: %w: expected a mapping of field: column", path, ErrInvalid)
	}
	m := node.Content[0]
	spec := &importers.MapSpec{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var values []string
		switch v.Kind {
		case yaml.ScalarNode:
			values = []string{v.Value}
		case yaml.SequenceNode:
			for _, item := range v.Content {
				values = append(values, item.Value)
			}
		default:
			return nil, fmt.Errorf("%s:%d: %w: %s: expected a column name or a list of names", path, v.Line, ErrInvalid, k.Value)
		}
		for _, val := range values {
			if err := spec.Set(k.Value, val); err != nil {
				return nil, fmt.Errorf("%s:%d: %w: %v", path, k.Line, ErrInvalid, err)
			}
		}
	}
	if err := spec.Check(); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrInvalid, err)
	}
	return spec, nil
}
