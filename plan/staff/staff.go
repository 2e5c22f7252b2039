// Package staff computes the agents a demand file needs under staffing
// policies, as `peakstaff staff` does: it reads the demand (a forecast's
// output), the policy file and the team's agents file, layers the
// policies from the most general settings to the most specific, and
// computes the requirement of each staffing group with
// require.ComputeGroups. Another Go program runs it with an Options value;
// nothing here prints.
package staff

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

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
	"github.com/peakstaff/peakstaff/staffing/policy"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Layers are policy settings given apart from a policy file (a command's
// flags): for every channel, and per channel. They sit above and below the
// file's channel entry (see Resolve).
type Layers struct {
	All      policy.Settings
	Channels map[string]policy.Settings
}

// Options are the inputs of Compute.
type Options struct {
	Demand     string    // path of the demand table, or - for Stdin
	Stdin      io.Reader // read when Demand is -, named "stdin" in errors
	PolicyFile string    // YAML policy file; "" for none
	AgentsFile string    // agents.csv of the team; "" for one group of every channel

	Location *time.Location // zone of the demand's local times; nil: times carry an offset
	Interval time.Duration  // interval length; 0: inferred from the demand
	Order    dates.Order    // day/month order of numeric dates when the column cannot tell
	Settings Layers         // settings given apart from the file

	Warn func(msg string) // warnings (skipped rows, settings of channels without demand); nil: dropped
}

// Compute reads the demand, the policy file and the agents file and
// computes the staffing requirement per interval, channel and group.
//
// The policy file and every channel it or the Settings name are read and
// resolved whatever the demand holds, so that the problems of the demand
// and of the policies come back together (class diag.InvalidData, exit
// 3), before any work; problems of the Settings alone are of the class
// diag.Usage. When deferred work cannot meet its deadline the plan is
// returned with an error of deferred.ErrInfeasible (class
// diag.Infeasible); no live staffing level meeting the targets is
// erlang.ErrInfeasible. Errors of neither class are I/O errors.
func Compute(opts Options) (require.Plan, error) {
	warn := opts.Warn
	if warn == nil {
		warn = func(string) {}
	}
	demands, file, err := readInputs(opts, warn)
	if err != nil {
		return require.Plan{}, err
	}
	var channels []string
	inDemand := map[string]bool{}
	for _, d := range demands {
		channels = append(channels, d.Channel)
		inDemand[d.Channel] = true
	}
	policies, err := Resolve(channels, file, opts.Settings)
	if err != nil {
		return require.Plan{}, err
	}
	for _, c := range Unused(file, opts.Settings, inDemand) {
		warn(fmt.Sprintf("channel %q has policy settings but no demand", c))
	}
	groups, err := TeamGroups(opts.AgentsFile, channels)
	if err != nil {
		return require.Plan{}, err
	}
	return require.ComputeGroups(demands, policies, groups, require.DefaultGroupOptions)
}

// readInputs reads the demand and the policy file, and resolves the
// policy of every channel the file or the settings name: the problems of
// both at once.
func readInputs(opts Options, warn func(string)) ([]require.Demand, *policy.File, error) {
	in, name := opts.Stdin, "stdin"
	if opts.Demand != "-" {
		f, err := os.Open(opts.Demand)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		in, name = f, opts.Demand
	}
	demands, demandErr := require.ReadDemandCSV(in, name, require.ReadOptions{Location: opts.Location,
		Interval: opts.Interval, Order: opts.Order, Warn: warn})
	if demandErr != nil && !errors.Is(demandErr, require.ErrInvalidInput) {
		return nil, nil, demandErr // not the demand's content: I/O
	}
	file, policyErr := ReadPolicyFile(opts.PolicyFile)
	if policyErr == nil {
		_, policyErr = Resolve(Unused(file, opts.Settings, nil), file, opts.Settings)
	}
	switch {
	case policyErr != nil && diag.ClassOf(policyErr) == diag.Failure:
		return nil, nil, policyErr // the file cannot be read
	case demandErr != nil && policyErr != nil:
		var usage *diag.UsageError
		if errors.As(policyErr, &usage) {
			policyErr = usage.Err // with the demand's, a data problem
		}
		return nil, nil, diag.As(diag.InvalidData, errors.Join(demandErr, policyErr))
	case demandErr != nil:
		return nil, nil, demandErr
	case policyErr != nil:
		return nil, nil, policyErr
	}
	return demands, file, nil
}

// ReadPolicyFile reads a policy file (defaults: and channels: of policy
// settings); no path is no settings. A file larger than
// config.MaxConfigBytes or with wrong settings is of the class
// diag.InvalidData.
func ReadPolicyFile(path string) (*policy.File, error) {
	if path == "" {
		return &policy.File{}, nil
	}
	data, err := config.ReadConfigFile(path, config.MaxConfigBytes)
	if err != nil {
		return nil, err
	}
	return policy.ReadFile(bytes.NewReader(data), path)
}

// Resolve resolves the policy of every channel, from the most general
// settings to the most specific: the defaults, the file's defaults, the
// settings for every channel, the file's channel, the settings for that
// channel. Every problem comes back at once; problems of the settings
// alone are of the class diag.Usage, others of diag.InvalidData.
func Resolve(channels []string, file *policy.File, settings Layers) (map[string]require.Policy, error) {
	out := map[string]require.Policy{}
	var errs policy.Errors
	seen := map[string]bool{}
	for _, ch := range channels {
		if _, done := out[ch]; done {
			continue
		}
		p, err := policy.Resolve(ch, file.Defaults, settings.All, file.Channels[ch], settings.Channels[ch])
		var list policy.Errors
		if errors.As(err, &list) {
			for _, e := range list {
				if !seen[e.Error()] {
					seen[e.Error()] = true
					errs = append(errs, e)
				}
			}
			continue
		}
		out[ch] = p
	}
	switch {
	case len(errs) == 0:
		return out, nil
	case policy.FromFlags(errs):
		return nil, diag.Usagef("%w", errs)
	}
	return nil, errs
}

// Unused lists, sorted, the channels the file or the settings name that
// are not in the demand (all of them for a nil demand).
func Unused(file *policy.File, settings Layers, demand map[string]bool) []string {
	seen := map[string]bool{}
	for c := range settings.Channels {
		if !demand[c] {
			seen[c] = true
		}
	}
	for c := range file.Channels {
		if !demand[c] {
			seen[c] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// TeamGroups are the staffing groups of an agents file's skill sets: one
// group per distinct set of the channels its agents serve (nil without a
// file: one group of every channel). A bad file, or a channel no agent
// serves, is of the class diag.InvalidData.
func TeamGroups(path string, channels []string) ([]require.Group, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	agents, err := rosterio.ReadAgentsCSV(bytes.NewReader(data), path)
	if err != nil {
		return nil, diag.As(diag.InvalidData, err)
	}
	skills := make([][]string, len(agents))
	for i, a := range agents {
		skills[i] = a.Skills
	}
	groups, err := require.GroupsFromSkills(skills, channels)
	if err != nil {
		return nil, diag.As(diag.InvalidData, fmt.Errorf("%s: %w", path, err))
	}
	return groups, nil
}

// Late is an error of the class diag.Infeasible (exit 4) naming every
// channel whose deferred work was answered after its deadline (work that
// no staffing answers in time); nil when there is none.
func Late(plan require.Plan) error {
	var late []string
	for _, r := range plan.Requirements {
		if r.Late > 0.005 {
			late = append(late, fmt.Sprintf("%s: %s items", Label(r.Channel, r.Skill), round2(r.Late)))
		}
	}
	if len(late) == 0 {
		return nil
	}
	return diag.As(diag.Infeasible, fmt.Errorf("deferred work cannot be answered within its deadline: %s", strings.Join(late, ", ")))
}

// Label names a requirement: its channel, and its skill after a slash.
func Label(channel, skill string) string {
	if skill == "" {
		return channel
	}
	return channel + "/" + skill
}

func round2(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
