// Package cmdutil holds the flag helpers the commands share: the queue
// flags of erlang and simulate, and the source flags of the commands that
// read exports (import, forecast, init). Commands never import each other;
// what two of them parse the same way is defined here once.
package cmdutil

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/policy"
)

// QueueFlags are the flags that describe one queue and its targets; erlang
// and simulate share them. Values that need more than pflag's parsing
// (durations given as bare seconds, "80%/20s", "85%") are kept as strings
// and turned into a QueuePlan by Parse, so every message names its flag.
type QueueFlags struct {
	Calls        float64
	Interval     string
	AHT          string
	Target       string
	ASA          string
	MaxOccupancy string
	Shrinkage    string
	Patience     string
	MaxAbandon   string
	Concurrency  float64
	Agents       int
	Sweep        string
	Blocking     string
}

// AddFlags registers the queue flags on cmd.
func (q *QueueFlags) AddFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.Float64Var(&q.Calls, "calls", 0, "contacts offered per interval (required)")
	fs.StringVar(&q.Interval, "interval", "30m", "interval length: a duration such as 15m, 30m, 1h")
	fs.StringVar(&q.AHT, "aht", "", "average handle time: a duration (180s, 3m) or seconds (required)")
	fs.StringVar(&q.Target, "target", "80/20s", "service level target: PERCENT/TIME, e.g. 80/20s, 80%/20s or 0.8/20")
	fs.StringVar(&q.ASA, "asa", "", "maximum average speed of answer, e.g. 30s")
	fs.StringVar(&q.MaxOccupancy, "max-occupancy", "", "maximum occupancy, a fraction (0.85) or percentage (85%)")
	fs.StringVar(&q.Shrinkage, "shrinkage", "0", "shrinkage: fraction of paid time off the phones (0.3 or 30%)")
	fs.StringVar(&q.Patience, "patience", "", "mean caller patience (e.g. 5m): switches to Erlang A with abandonment")
	fs.StringVar(&q.MaxAbandon, "max-abandon", "", "maximum abandonment rate, e.g. 0.05 or 5% (needs --patience)")
	fs.Float64Var(&q.Concurrency, "concurrency", 1, "contacts an agent handles at once (chat, 1 to 4): the AHT is divided by it")
	fs.IntVar(&q.Agents, "agents", 0, "evaluate this number of agents instead of finding the required number")
	fs.StringVar(&q.Sweep, "sweep", "", "evaluate a range of agents FROM..TO, one row each, e.g. 10..16")
	fs.StringVar(&q.Blocking, "blocking", "", "Erlang B: lines needed so that at most this fraction of calls is blocked, e.g. 0.02")
}

// QueuePlan is what the queue flags mean once parsed and checked.
type QueuePlan struct {
	Calls       float64
	Interval    time.Duration
	AHT         time.Duration // as given, before concurrency
	Concurrency float64
	// Queue has the offered traffic and the effective AHT (AHT / concurrency).
	Queue     erlang.Queue
	Targets   erlang.Targets
	Shrinkage float64
	// Blocking > 0 selects Erlang B (lines, no queue).
	Blocking float64
	// Agents >= 0 evaluates that many agents; -1 finds the required number.
	Agents int
	// SweepFrom..SweepTo, when SweepTo >= 0, evaluates each N in the range.
	SweepFrom, SweepTo int
}

// ErlangA reports whether the plan has a patience (Erlang A).
func (p QueuePlan) ErlangA() bool { return p.Queue.PatienceSeconds > 0 }

// Sweeping reports whether --sweep was given.
func (p QueuePlan) Sweeping() bool { return p.SweepTo >= 0 }

// maxSweepRows bounds --sweep.
const maxSweepRows = 2000

// Parse checks the flags set on cmd and returns the plan, or a usage error
// naming the flag and what it expects. The values that are staffing policy
// settings (handle time, target, ASA, occupancy, shrinkage, patience,
// abandonment, concurrency) are read by package policy, with its ranges.
func (q *QueueFlags) Parse(cmd *cobra.Command) (QueuePlan, error) {
	fs := cmd.Flags()
	changed := func(name string) bool { return fs.Changed(name) }
	p := QueuePlan{Calls: q.Calls, Concurrency: q.Concurrency, Agents: -1, SweepTo: -1}
	var s policy.Settings
	set := func(flag, key, value string) error {
		if err := s.Set(key, value, policy.Source{Flag: "--" + flag + " " + value}); err != nil {
			return diag.Usagef("%w", err)
		}
		return nil
	}
	if math.IsNaN(q.Calls) || math.IsInf(q.Calls, 0) || q.Calls < 0 {
		return p, diag.Usagef("--calls %v: expected a number of contacts per interval >= 0", q.Calls)
	}
	interval, err := civil.ParseDuration(q.Interval)
	if err != nil {
		return p, diag.Usagef("--interval %s: %w", q.Interval, err)
	}
	if interval <= 0 {
		return p, diag.Usagef("--interval %s: expected a duration > 0 such as 15m or 30m", q.Interval)
	}
	p.Interval = interval
	if err := set("aht", policy.KeyHandleTime, q.AHT); err != nil {
		return p, err
	}
	p.AHT = *s.HandleTime
	if err := set("concurrency", policy.KeyConcurrency, strconv.FormatFloat(q.Concurrency, 'g', -1, 64)); err != nil {
		return p, err
	}
	aht := p.AHT.Seconds() / q.Concurrency
	traffic := erlang.Traffic(q.Calls, p.Interval.Seconds(), aht)
	if traffic > erlang.MaxTrafficErlangs {
		return p, diag.Usagef("--calls %v: %v contacts of %v per %v is %.0f Erlangs; at most %d are supported",
			q.Calls, q.Calls, civil.FormatDuration(p.AHT), civil.FormatDuration(p.Interval), traffic, erlang.MaxTrafficErlangs)
	}
	p.Queue = erlang.Queue{TrafficErlangs: traffic, AHTSeconds: aht}

	if q.Blocking != "" {
		for _, other := range []string{"target", "asa", "max-occupancy", "shrinkage", "patience", "max-abandon", "concurrency"} {
			if changed(other) {
				return p, diag.Usagef("--blocking computes lines without a queue (Erlang B) and excludes --%s", other)
			}
		}
		b, err := civil.ParseFraction(q.Blocking)
		if err != nil || b <= 0 || b >= 1 {
			return p, diag.Usagef("--blocking %s: expected a fraction between 0 and 1 such as 0.02 or 2%%", q.Blocking)
		}
		p.Blocking = b
	} else {
		if err := set("target", policy.KeyServiceLevel, q.Target); err != nil {
			return p, err
		}
		p.Targets.ServiceLevel, p.Targets.AnswerSeconds = s.ServiceLevel.Share, s.ServiceLevel.Answer.Seconds()
		if q.ASA != "" {
			if err := set("asa", policy.KeyASA, q.ASA); err != nil {
				return p, err
			}
			p.Targets.MaxASASeconds = s.ASA.Seconds()
		}
		if q.MaxOccupancy != "" {
			if err := set("max-occupancy", policy.KeyMaxOccupancy, q.MaxOccupancy); err != nil {
				return p, err
			}
			p.Targets.MaxOccupancy = *s.MaxOccupancy
		}
		if err := set("shrinkage", policy.KeyShrinkage, q.Shrinkage); err != nil {
			return p, err
		}
		p.Shrinkage = *s.Shrinkage
		if q.Patience != "" {
			if err := set("patience", policy.KeyPatience, q.Patience); err != nil {
				return p, err
			}
			p.Queue.PatienceSeconds = s.Patience.Seconds()
			if err := p.Queue.Validate(); err != nil {
				return p, diag.Usagef("--patience %s: expected at most a million handle times", q.Patience)
			}
		}
		if q.MaxAbandon != "" {
			if q.Patience == "" {
				return p, diag.Usagef("--max-abandon needs --patience: without a patience nobody abandons")
			}
			if err := set("max-abandon", policy.KeyMaxAbandon, q.MaxAbandon); err != nil {
				return p, err
			}
			p.Targets.MaxAbandon = *s.MaxAbandon
		}
	}

	if changed("agents") {
		if q.Sweep != "" {
			return p, diag.Usagef("--agents and --sweep exclude each other")
		}
		if q.Agents < 0 || q.Agents > erlang.MaxAgents {
			return p, diag.Usagef("--agents %d: expected 0 to %d agents", q.Agents, erlang.MaxAgents)
		}
		p.Agents = q.Agents
	}
	if q.Sweep != "" {
		if p.SweepFrom, p.SweepTo, err = parseSweep(q.Sweep); err != nil {
			return p, err
		}
	}
	return p, nil
}

// parseSweep reads FROM..TO with 0 <= FROM <= TO <= erlang.MaxAgents.
func parseSweep(s string) (from, to int, err error) {
	bad := func(why string) error {
		return diag.Usagef("--sweep %s: %s; expected FROM..TO agents such as 10..16", s, why)
	}
	a, b, ok := strings.Cut(strings.TrimSpace(s), "..")
	if !ok {
		return 0, 0, bad("no '..'")
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	switch {
	case err1 != nil || err2 != nil:
		return 0, 0, bad("FROM and TO must be whole numbers")
	case from < 0:
		return 0, 0, bad("FROM must be >= 0")
	case from > to:
		return 0, 0, bad("FROM must not exceed TO")
	case to > erlang.MaxAgents:
		return 0, 0, bad(fmt.Sprintf("TO must be at most %d", erlang.MaxAgents))
	case to-from+1 > maxSweepRows:
		return 0, 0, bad(fmt.Sprintf("at most %d rows", maxSweepRows))
	}
	return from, to, nil
}
