package staffcmd

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan/staff"
	"github.com/peakstaff/peakstaff/staffing/policy"
)

// PolicyFlags hold the raw policy flags: one repeatable [CHANNEL=]VALUE
// flag per key of package policy, named as the key with - for _.
type PolicyFlags struct {
	Values     map[string]*[]string // by key
	ClearByEnd bool
	old        map[string]*[]string // flags of keys since renamed, by old key
}

// oldKeys are the keys whose flags were renamed; they stay as hidden flags
// so that a script using them gets the new name.
var oldKeys = []string{"target", "aht"}

func (p *PolicyFlags) addFlags(cmd *cobra.Command) {
	p.Values = map[string]*[]string{}
	for _, k := range policy.Keys() {
		if k.Name == policy.KeyClearByEnd {
			continue
		}
		v := new([]string)
		p.Values[k.Name] = v
		cmd.Flags().StringArrayVar(v, policy.FlagName(k.Name), nil, "[CHANNEL=]VALUE: the setting "+k.Name+" (see above)")
	}
	cmd.Flags().BoolVar(&p.ClearByEnd, "clear-by-end", false, "deferred work due after the horizon must also be handled by its end (every channel; per channel in --policy)")
	p.old = map[string]*[]string{}
	for _, k := range oldKeys {
		v := new([]string)
		p.old[k] = v
		cmd.Flags().StringArrayVar(v, policy.FlagName(k), nil, "renamed")
		_ = cmd.Flags().MarkHidden(policy.FlagName(k))
	}
}

// parse splits [CHANNEL=]VALUE and reads every value through package
// policy, so that bad flags are a usage error, all of them at once,
// before any file is read.
func (p *PolicyFlags) parse() (staff.Layers, error) {
	out := staff.Layers{Channels: map[string]policy.Settings{}}
	var errs policy.Errors
	for _, old := range oldKeys {
		for _, raw := range *p.old[old] {
			flag := "--" + policy.FlagName(old) + " " + raw
			errs = append(errs, &policy.Error{Source: policy.Source{Flag: flag}, Err: p.renamed(old)})
		}
	}
	for _, key := range policy.KeyNames() {
		values := p.Values[key]
		if key == policy.KeyClearByEnd {
			if p.ClearByEnd {
				values = &[]string{"true"}
			} else {
				values = nil
			}
		}
		if values == nil {
			continue
		}
		for _, raw := range *values {
			flag := "--" + policy.FlagName(key)
			if key != policy.KeyClearByEnd {
				flag += " " + raw
			}
			channel, value := "", raw
			if c, v, ok := strings.Cut(raw, "="); ok {
				channel, value = strings.TrimSpace(c), v
				if channel == "" {
					errs = append(errs, &policy.Error{Source: policy.Source{Flag: flag}, Err: errors.New("expected [CHANNEL=]VALUE")})
					continue
				}
			}
			s := out.All
			if channel != "" {
				s = out.Channels[channel]
			}
			if err := s.Set(key, value, policy.Source{Flag: flag}); err != nil {
				var e *policy.Error
				if errors.As(err, &e) {
					errs = append(errs, e)
				}
				continue
			}
			if channel == "" {
				out.All = s
			} else {
				out.Channels[channel] = s
			}
		}
	}
	if len(errs) > 0 {
		return out, diag.Usagef("%w", errs)
	}
	return out, nil
}

func (p *PolicyFlags) renamed(old string) error {
	k, _ := policy.Renamed(old)
	return &policy.RenamedError{Old: old, New: k, Flag: true}
}

// keysHelp lists the policy keys with their defaults for --help, each
// wrapped under its name.
func keysHelp() string {
	var b strings.Builder
	for _, k := range policy.Keys() {
		text := k.Usage
		if k.Default != "" {
			text += "; default " + k.Default
		}
		b.WriteString("  " + k.Name + "\n")
		line := "     "
		for _, w := range strings.Fields(text) {
			if len(line)+1+len(w) > 78 && line != "     " {
				b.WriteString(line + "\n")
				line = "     "
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
