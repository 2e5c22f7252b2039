package config

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// numberRange is the domain of the numbers of the plan under some keys;
// planRanges is the one place each is written. The channels' settings
// have theirs in package policy, the roster rules theirs in package
// roster.
type numberRange struct {
	keys     []string // key paths; * is any name or list index
	min, max float64  // for durations, in seconds
	above    bool     // min itself is out (zero makes no sense)
	below    bool     // max itself is out
	duration bool     // the value is a duration (15s), not a number
	want     string   // what the plan should hold, in its words
}

var planRanges = []numberRange{
	{keys: []string{"forecast.event_window"}, min: 0, max: 30, want: "0 to 30 days"},
	{keys: []string{"forecast.growth", "scenarios[*].growth"}, min: 0, max: 100, above: true,
		want: "a factor above 0 and at most 100, such as 1.2 (20% more contacts than last year)"},
	{keys: []string{"forecast.handle_time_uplift"}, min: 0, max: 20, above: true,
		want: "a factor above 0 and at most 20, such as 1.15 (peak handle times 15% above normal)"},
	{keys: []string{"forecast.quantile", "scenarios[*].quantile"}, min: 0, max: 1, above: true, below: true,
		want: "a quantile above 0 and below 1, such as 0.5 or 0.9"},
	{keys: []string{"forecast.orders.total"}, min: 0, max: 1e12, above: true,
		want: "a number of orders above 0 (leave the key out to read the season's days from the file)"},
	{keys: []string{"team.size.*", "scenarios[*].hires.*"}, min: 0, max: 5000, want: "0 to 5000 agents"},
	{keys: []string{"team.costs.*"}, min: 0, max: 1e6, want: "a cost per paid hour of 0 or more"},
	{keys: []string{"team.onboarding_days.*"}, min: 0, max: 365, want: "0 to 365 days"},
	{keys: []string{"team.time_limit"}, min: 0, max: 24 * 3600, above: true, duration: true,
		want: "a time above 0 and at most 24h, such as 15s or 2m (leave the key out for a limit that grows with the team)"},
	{keys: []string{"scenarios[*].volume_change"}, min: -1, max: 100, above: true,
		want: "a change above -1, such as 0.3 (30% more contacts) or -0.1 (10% fewer)"},
	{keys: []string{"scenarios[*].handle_time_change.*"}, min: -1, max: 10, above: true,
		want: "a change above -1 and at most 10, such as -0.1 (10% faster) or 0.2 (20% slower)"},
}

// checkRanges reports every number of the plan outside its range, at its
// line. Values of the wrong kind were reported (and cleared) before.
func checkRanges(ps *problems) {
	for _, r := range planRanges {
		for _, key := range r.keys {
			for path, n := range matching(docNode(ps.root), segments(key), "") {
				x, ok := r.value(n)
				if ok && r.holds(x) {
					continue
				}
				ps.atNode(n, path, "%s: expected %s", textsafe.Quote(n.Value), r.want)
			}
		}
	}
}

// value reads a number (or a duration, in seconds) from n.
func (r numberRange) value(n *yaml.Node) (float64, bool) {
	if r.duration {
		d, err := civil.ParseDuration(n.Value)
		return d.Seconds(), err == nil
	}
	return number(n)
}

func (r numberRange) holds(x float64) bool {
	return x >= r.min && x <= r.max && !(r.above && x == r.min) && !(r.below && x == r.max)
}

// matching yields the scalar values under a key path with wildcards,
// with their paths as the plan writes them.
func matching(n *yaml.Node, segs []string, path string) func(yield func(string, *yaml.Node) bool) {
	return func(yield func(string, *yaml.Node) bool) {
		var walk func(n *yaml.Node, segs []string, path string) bool
		walk = func(n *yaml.Node, segs []string, path string) bool {
			n = resolve(n)
			if n == nil {
				return true
			}
			if len(segs) == 0 {
				if n.Kind == yaml.ScalarNode && !isNull(n) {
					return yield(path, n)
				}
				return true
			}
			seg := segs[0]
			switch {
			case strings.HasPrefix(seg, "["):
				if n.Kind != yaml.SequenceNode {
					return true
				}
				for i, item := range n.Content {
					if seg == "[*]" || seg == fmt.Sprintf("[%d]", i) {
						if !walk(item, segs[1:], fmt.Sprintf("%s[%d]", path, i)) {
							return false
						}
					}
				}
			case n.Kind == yaml.MappingNode:
				for i := 0; i+1 < len(n.Content); i += 2 {
					if k := n.Content[i].Value; seg == "*" || k == seg {
						if !walk(n.Content[i+1], segs[1:], join(path, k)) {
							return false
						}
					}
				}
			}
			return true
		}
		walk(n, segs, path)
	}
}
