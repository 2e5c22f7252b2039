package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a YAML duration: 30m, 1h30m, 90s, or a bare number of
// seconds. Errors name the line.
type Duration time.Duration

// UnmarshalYAML reads a duration scalar.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q: %w", n.Line, n.Value, err)
	}
	*d = Duration(v)
	return nil
}

// ParseDuration reads 30m, 1h30m, 90s or a bare number of seconds.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 {
			return 0, fmt.Errorf("expected a duration of 0 or more")
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("expected a duration such as 30m, 1h30m or 90s")
	}
	return d, nil
}

// Fraction is a YAML share: 0.3, 30% or "30 %". Errors name the line.
type Fraction float64

// UnmarshalYAML reads a fraction scalar.
func (f *Fraction) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseFraction(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q: %w", n.Line, n.Value, err)
	}
	*f = Fraction(v)
	return nil
}

// ParseFraction reads 0.3 or 30%; values must lie in [0, 1].
func ParseFraction(s string) (float64, error) {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v {
		return 0, fmt.Errorf("expected a share such as 0.3 or 30%%")
	}
	if pct {
		v /= 100
	}
	if v < 0 || v > 1 {
		return 0, fmt.Errorf("expected a share between 0 and 1 (0%% to 100%%)")
	}
	return v, nil
}

// ServiceTarget is "80/20s": the share of contacts answered within a time.
type ServiceTarget struct {
	Share  float64
	Answer time.Duration
}

// UnmarshalYAML reads 80/20s, 80%/20s or 0.8/20.
func (t *ServiceTarget) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseServiceTarget(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q: %w", n.Line, n.Value, err)
	}
	*t = v
	return nil
}

// ParseServiceTarget reads 80/20s, 80%/20s or 0.8/20.
func ParseServiceTarget(s string) (ServiceTarget, error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return ServiceTarget{}, fmt.Errorf("expected a service level such as 80/20s (80%% answered within 20 seconds)")
	}
	a = strings.TrimSpace(a)
	share, err := ParseFraction(a)
	if err == nil && !strings.HasSuffix(a, "%") && share <= 1 {
		if f, _ := strconv.ParseFloat(a, 64); f > 1 {
			share = f / 100
		}
	} else if err != nil {
		if f, ferr := strconv.ParseFloat(a, 64); ferr == nil && f > 1 && f <= 100 {
			share, err = f/100, nil
		}
	}
	if err != nil || share <= 0 {
		return ServiceTarget{}, fmt.Errorf("expected a service level such as 80/20s (80%% answered within 20 seconds)")
	}
	d, err := ParseDuration(b)
	if err != nil {
		return ServiceTarget{}, fmt.Errorf("the answer time: %w", err)
	}
	return ServiceTarget{Share: share, Answer: d}, nil
}
