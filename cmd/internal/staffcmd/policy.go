package staffcmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/schedule/deferred"
	"github.com/peakstaff/peakstaff/schedule/erlang"
	"github.com/peakstaff/peakstaff/schedule/require"
)

// policyKeys are the settings of a channel's policy: the YAML keys, and the
// flags with '-' for '_'. Each flag is repeatable as [CHANNEL=]VALUE.
var policyKeys = []struct{ key, usage string }{
	{"kind", "how CHANNEL is staffed: live (Erlang), chat (Erlang with concurrency) or deferred (deadline)"},
	{"target", "service level target of live and chat: PERCENT/TIME, e.g. 80/20s (default 80/20s)"},
	{"asa", "maximum average speed of answer, e.g. 30s"},
	{"max_occupancy", "maximum occupancy (live, chat) or productivity (deferred), e.g. 85%"},
	{"patience", "mean caller patience, e.g. 5m: Erlang A with abandonment"},
	{"max_abandon", "maximum abandonment rate, e.g. 5% (needs a patience)"},
	{"shrinkage", "fraction of paid time off the queue, e.g. 30%"},
	{"concurrency", "chats an agent handles at once, 1 to 4 (chat)"},
	{"min_agents", "least agents in an interval with opening time"},
	{"aht", "handle time where the demand file has none, e.g. 180s"},
	{"deadline", "response deadline of deferred work in business time, e.g. 24h (default 24h)"},
	{"hours", `opening hours, e.g. "mon-fri 08:00-20:00; sat 09:00-13:00" (default 24/7)`},
	{"closed", "closed dates, e.g. 2025-12-25,2025-12-26"},
	{"block", "deferred: length of the stretches of a day with one level, e.g. 4h (default: one per day)"},
}

func flagName(key string) string { return strings.ReplaceAll(key, "_", "-") }

// setting is one raw value and where it was given, for messages.
type setting struct{ value, source string }

// settings are the raw values of one scope (defaults or a channel).
type settings map[string]setting

// PolicyFlags hold the raw policy flags.
type PolicyFlags struct {
	Values     map[string]*[]string // by key
	ClearByEnd bool
}

func (p *PolicyFlags) addFlags(cmd *cobra.Command) {
	p.Values = map[string]*[]string{}
	for _, k := range policyKeys {
		v := new([]string)
		p.Values[k.key] = v
		cmd.Flags().StringArrayVar(v, flagName(k.key), nil, "[CHANNEL=]"+k.usage)
	}
	cmd.Flags().BoolVar(&p.ClearByEnd, "clear-by-end", false, "deferred work due after the horizon must also be handled by its end")
}

// flagSettings are the flags as settings: for every channel (key "") and
// per channel.
type flagSettings map[string]settings

// parse splits [CHANNEL=]VALUE and checks every value, so that a bad flag
// is a usage error before any file is read.
func (p *PolicyFlags) parse() (flagSettings, error) {
	out := flagSettings{}
	for _, k := range policyKeys {
		for _, raw := range *p.Values[k.key] {
			channel, value := "", raw
			if c, v, ok := strings.Cut(raw, "="); ok {
				channel, value = strings.TrimSpace(c), v
				if channel == "" {
					return nil, cmdutil.Usagef("--%s %s: expected [CHANNEL=]VALUE", flagName(k.key), raw)
				}
			}
			if _, err := convert(k.key, value); err != nil {
				return nil, cmdutil.Usagef("--%s %s: %v", flagName(k.key), raw, err)
			}
			if out[channel] == nil {
				out[channel] = settings{}
			}
			out[channel][k.key] = setting{value, "--" + flagName(k.key)}
		}
	}
	if p.ClearByEnd {
		if out[""] == nil {
			out[""] = settings{}
		}
		out[""]["clear_by_end"] = setting{"true", "--clear-by-end"}
	}
	return out, nil
}

// policyFile is the YAML policy file: settings for every channel, and per
// channel.
//
//	defaults:
//	  shrinkage: 30%
//	channels:
//	  phone: {kind: live, target: 80/20s, patience: 5m, max_abandon: 5%}
//	  email: {kind: deferred, deadline: 24h, hours: "mon-fri 08:00-20:00"}
type policyFile struct {
	Defaults yamlPolicy            `yaml:"defaults"`
	Channels map[string]yamlPolicy `yaml:"channels"`
}

type yamlPolicy struct {
	Kind         yaml.Node `yaml:"kind"`
	Target       yaml.Node `yaml:"target"`
	ASA          yaml.Node `yaml:"asa"`
	MaxOccupancy yaml.Node `yaml:"max_occupancy"`
	Patience     yaml.Node `yaml:"patience"`
	MaxAbandon   yaml.Node `yaml:"max_abandon"`
	Shrinkage    yaml.Node `yaml:"shrinkage"`
	Concurrency  yaml.Node `yaml:"concurrency"`
	MinAgents    yaml.Node `yaml:"min_agents"`
	AHT          yaml.Node `yaml:"aht"`
	Deadline     yaml.Node `yaml:"deadline"`
	Hours        yaml.Node `yaml:"hours"`
	Closed       yaml.Node `yaml:"closed"`
	Block        yaml.Node `yaml:"block"`
	ClearByEnd   yaml.Node `yaml:"clear_by_end"`
}

func (y *yamlPolicy) nodes() map[string]*yaml.Node {
	return map[string]*yaml.Node{"kind": &y.Kind, "target": &y.Target, "asa": &y.ASA, "max_occupancy": &y.MaxOccupancy,
		"patience": &y.Patience, "max_abandon": &y.MaxAbandon, "shrinkage": &y.Shrinkage, "concurrency": &y.Concurrency,
		"min_agents": &y.MinAgents, "aht": &y.AHT, "deadline": &y.Deadline, "hours": &y.Hours, "closed": &y.Closed,
		"block": &y.Block, "clear_by_end": &y.ClearByEnd}
}

// errPolicyFile marks a policy file whose content is wrong (exit code 3).
var errPolicyFile = fmt.Errorf("%w: invalid policy file", cmdutil.ErrInvalidData)

// loadPolicyFile reads the policy file strictly (unknown keys are errors)
// into settings whose sources are file:line.
func loadPolicyFile(path string, data []byte) (defaults settings, channels map[string]settings, err error) {
	var f policyFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("%s: %w: the file is empty", path, errPolicyFile)
		}
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			// "line 4: field sla not found in type ..." -> "file:4: ..."
			var first string
			var more []string
			for i, e := range te.Errors {
				at, msg := "", e
				if rest, ok := strings.CutPrefix(e, "line "); ok {
					if n, m, ok := strings.Cut(rest, ": "); ok {
						at, msg = ":"+n, m
					}
				}
				msg = strings.Replace(msg, "in type staffcmd.yamlPolicy", "(see peakstaff staff --help)", 1)
				if i == 0 {
					first = path + at
					more = append(more, msg)
				} else {
					more = append(more, path+at+": "+msg)
				}
			}
			return nil, nil, fmt.Errorf("%s: %w: %s", first, errPolicyFile, strings.Join(more, "; "))
		}
		return nil, nil, fmt.Errorf("%s: %w: %s", path, errPolicyFile, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	read := func(y *yamlPolicy) (settings, error) {
		s := settings{}
		for key, n := range y.nodes() {
			if n.Kind == 0 {
				continue
			}
			src := fmt.Sprintf("%s:%d", path, n.Line)
			var value string
			switch n.Kind {
			case yaml.ScalarNode:
				value = n.Value
			case yaml.SequenceNode:
				if key != "closed" {
					return nil, fmt.Errorf("%s: %w: %s: expected a single value", src, errPolicyFile, key)
				}
				parts := make([]string, len(n.Content))
				for i, c := range n.Content {
					parts[i] = c.Value
				}
				value = strings.Join(parts, ",")
			default:
				return nil, fmt.Errorf("%s: %w: %s: expected a value", src, errPolicyFile, key)
			}
			if _, err := convert(key, value); err != nil {
				return nil, fmt.Errorf("%s: %w: %s %q: %v", src, errPolicyFile, key, value, err)
			}
			s[key] = setting{value, src}
		}
		return s, nil
	}
	if defaults, err = read(&f.Defaults); err != nil {
		return nil, nil, err
	}
	channels = map[string]settings{}
	for name, y := range f.Channels {
		if channels[name], err = read(&y); err != nil {
			return nil, nil, err
		}
	}
	return defaults, channels, nil
}

// policySources are every place a policy value can come from.
type policySources struct {
	flags        flagSettings
	fileDefaults settings
	fileChannels map[string]settings
	filePath     string
}

func (ps *policySources) load(path string) error {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	ps.filePath = path
	ps.fileDefaults, ps.fileChannels, err = loadPolicyFile(path, data)
	return err
}

// resolve merges the settings of a channel, from the most general to the
// most specific: file defaults, flags without a channel, the file's
// channel, flags with that channel.
func (ps *policySources) resolve(channel string) settings {
	out := settings{}
	for _, s := range []settings{ps.fileDefaults, ps.flags[""], ps.fileChannels[channel], ps.flags[channel]} {
		for k, v := range s {
			out[k] = v
		}
	}
	return out
}

// unused lists channels named in the flags or the file that are not in
// the demand, for a warning.
func (ps *policySources) unused(demand map[string]bool) []string {
	seen := map[string]bool{}
	for c := range ps.flags {
		if c != "" && !demand[c] {
			seen[c] = true
		}
	}
	for c := range ps.fileChannels {
		if !demand[c] {
			seen[c] = true
		}
	}
	var out []string
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// policy builds the require.Policy of a channel. Values were checked when
// read; what remains are combinations (a patience cap without patience).
func (ps *policySources) policy(channel string) (require.Policy, error) {
	s := ps.resolve(channel)
	get := func(key string) (any, bool) {
		v, ok := s[key]
		if !ok {
			return nil, false
		}
		x, _ := convert(key, v.value)
		return x, true
	}
	p := require.Policy{Kind: require.DefaultKind(channel)}
	if k, ok := get("kind"); ok {
		p.Kind = k.(require.Kind)
	}
	p.Targets = erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}
	if t, ok := get("target"); ok {
		p.Targets = t.(erlang.Targets)
	}
	if d, ok := get("asa"); ok {
		p.Targets.MaxASASeconds = d.(time.Duration).Seconds()
	}
	if f, ok := get("max_occupancy"); ok {
		p.Targets.MaxOccupancy = f.(float64)
	}
	if d, ok := get("patience"); ok {
		p.PatienceSeconds = d.(time.Duration).Seconds()
	}
	if f, ok := get("max_abandon"); ok {
		if p.PatienceSeconds == 0 && p.Kind != require.KindDeferred {
			return p, ps.combination(s["max_abandon"], "max_abandon needs a patience: without one nobody abandons")
		}
		p.Targets.MaxAbandon = f.(float64)
	}
	if f, ok := get("shrinkage"); ok {
		p.Shrinkage = f.(float64)
	}
	if f, ok := get("concurrency"); ok {
		p.Concurrency = f.(float64)
		if p.Concurrency > 1 && p.Kind != require.KindChat {
			return p, ps.combination(s["concurrency"], fmt.Sprintf("concurrency for %s, a %s channel: only chat handles several contacts at once", channel, p.Kind))
		}
	}
	if n, ok := get("min_agents"); ok {
		p.MinAgents = n.(int)
	}
	if d, ok := get("aht"); ok {
		p.AHTSeconds = d.(time.Duration).Seconds()
	}
	p.Deadline = 24 * time.Hour
	if d, ok := get("deadline"); ok {
		p.Deadline = d.(time.Duration)
	}
	if h, ok := get("hours"); ok {
		p.Hours = h.(deferred.OpeningHours)
	}
	if c, ok := get("closed"); ok {
		if p.Hours.IsZero() {
			p.Hours = deferred.AlwaysOpen()
		}
		p.Hours.Closed = c.([]deferred.Date)
	}
	if d, ok := get("block"); ok {
		p.Block = d.(time.Duration)
	}
	if b, ok := get("clear_by_end"); ok {
		p.ClearByEnd = b.(bool)
	}
	return p, nil
}

// combination reports two settings that do not go together: a usage error
// when the setting is a flag, a data error when it is in the file.
func (ps *policySources) combination(s setting, msg string) error {
	if strings.HasPrefix(s.source, "--") {
		return cmdutil.Usagef("%s: %s", s.source, msg)
	}
	return fmt.Errorf("%s: %w: %s", s.source, errPolicyFile, msg)
}

// convert parses one policy value.
func convert(key, value string) (any, error) {
	value = strings.TrimSpace(value)
	switch key {
	case "kind":
		switch k := require.Kind(strings.ToLower(value)); k {
		case require.KindLive, require.KindChat, require.KindDeferred:
			return k, nil
		}
		return nil, errors.New("expected live, chat or deferred")
	case "target":
		return parseTarget(value)
	case "asa", "patience", "aht", "deadline":
		d, err := parseDuration(value)
		if err == nil && d <= 0 {
			err = errors.New("expected a duration > 0 such as 30s, 5m or 24h")
		}
		if err == nil && key == "deadline" && d > deferred.MaxDeadline {
			err = errors.New("expected at most 366 days")
		}
		return d, err
	case "block":
		d, err := parseDuration(value)
		if err == nil && d > 24*time.Hour {
			err = errors.New("expected at most 24h (0: one level per day)")
		}
		return d, err
	case "max_occupancy", "max_abandon":
		f, err := parseFraction(value)
		if err == nil && f <= 0 {
			err = errors.New("expected a fraction above 0 such as 0.85 or 85%")
		}
		return f, err
	case "shrinkage":
		f, err := parseFraction(value)
		if err == nil && f >= 1 {
			err = errors.New("expected a fraction below 1 such as 0.3 or 30%")
		}
		return f, err
	case "concurrency":
		f, err := strconv.ParseFloat(value, 64)
		if err != nil || math.IsNaN(f) || f < 1 || f > erlang.MaxConcurrency {
			return nil, fmt.Errorf("expected 1 to %d contacts at once", erlang.MaxConcurrency)
		}
		return f, nil
	case "min_agents":
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 || n > erlang.MaxAgents {
			return nil, fmt.Errorf("expected a whole number of agents, 0 to %d", erlang.MaxAgents)
		}
		return n, nil
	case "hours":
		return deferred.ParseOpeningHours(value)
	case "closed":
		var out []deferred.Date
		for _, part := range strings.Split(value, ",") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			d, err := deferred.ParseDate(part)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		}
		return out, nil
	case "clear_by_end":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return nil, errors.New("expected true or false")
		}
		return b, nil
	}
	return nil, fmt.Errorf("unknown setting %q", key)
}

// parseDuration reads a Go duration (20s, 3m, 1h30m) or a bare number of
// seconds.
func parseDuration(s string) (time.Duration, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		if x < 0 || math.IsNaN(x) || x > 1e9 {
			return 0, errors.New("expected a duration >= 0 such as 20s, 3m or 24h")
		}
		return time.Duration(x * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errors.New("expected a duration such as 20s, 3m or 24h (a bare number is seconds)")
	}
	return d, nil
}

// parseFraction reads 0.85 or 85% into 0.85, in [0, 1].
func parseFraction(s string) (float64, error) {
	percent := strings.HasSuffix(s, "%")
	x, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err == nil && percent {
		x /= 100
	}
	if err != nil || math.IsNaN(x) || x < 0 || x > 1 {
		return 0, errors.New("expected a fraction between 0 and 1 such as 0.85, or a percentage such as 85%")
	}
	return x, nil
}

// parseTarget reads PERCENT/TIME: 80/20s, 80%/20s or 0.8/20.
func parseTarget(s string) (erlang.Targets, error) {
	left, right, ok := strings.Cut(s, "/")
	if !ok {
		return erlang.Targets{}, errors.New("expected PERCENT/TIME such as 80/20s")
	}
	left = strings.TrimSpace(left)
	percent := strings.HasSuffix(left, "%")
	x, err := strconv.ParseFloat(strings.TrimSuffix(left, "%"), 64)
	if err != nil || math.IsNaN(x) {
		return erlang.Targets{}, errors.New("expected PERCENT/TIME such as 80/20s: the service level is not a number")
	}
	if percent || x > 1 {
		x /= 100
	}
	if x <= 0 || x > 1 {
		return erlang.Targets{}, errors.New("expected PERCENT/TIME such as 80/20s: the service level must be above 0 and at most 100%")
	}
	d, err := parseDuration(strings.TrimSpace(right))
	if err != nil {
		return erlang.Targets{}, errors.New("expected PERCENT/TIME such as 80/20s: the answer time is not a duration")
	}
	return erlang.Targets{ServiceLevel: x, AnswerSeconds: d.Seconds()}, nil
}
