package config

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"go.yaml.in/yaml/v3"
)

// Duration is a YAML duration: 30m, 1h30m, 90s, or a bare number of
// seconds (civil.ParseDuration). Errors name the line.
type Duration time.Duration

// UnmarshalYAML reads a duration scalar.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := civil.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q: %w", n.Line, n.Value, err)
	}
	*d = Duration(v)
	return nil
}

// Fraction is a YAML share: 0.3, 30% or "30 %" (civil.ParseFraction).
// Errors name the line.
type Fraction float64

// UnmarshalYAML reads a fraction scalar.
func (f *Fraction) UnmarshalYAML(n *yaml.Node) error {
	v, err := civil.ParseFraction(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q: %w", n.Line, n.Value, err)
	}
	*f = Fraction(v)
	return nil
}
