package erlangcmd

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/schedule/erlang"
)

// QueueFlags are the flags that describe one queue and its targets; erlang
// and simulate share them. Values that need more than pflag's parsing
// (durations given as bare seconds, "80%/20s", "85%") are kept as strings
// and turned into a Plan by Parse, so every message names its flag.
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

// Plan is what the queue flags mean once parsed and checked.
type Plan struct {
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
func (p Plan) ErlangA() bool { return p.Queue.PatienceSeconds > 0 }

// Sweeping reports whether --sweep was given.
func (p Plan) Sweeping() bool { return p.SweepTo >= 0 }

// maxSweepRows bounds --sweep.
const maxSweepRows = 2000

// Parse checks the flags set on cmd and returns the plan, or a usage error
// naming the flag and what it expects.
func (q *QueueFlags) Parse(cmd *cobra.Command) (Plan, error) {
	fs := cmd.Flags()
	p := Plan{Calls: q.Calls, Concurrency: q.Concurrency, Agents: -1, SweepTo: -1}
	var err error
	if math.IsNaN(q.Calls) || math.IsInf(q.Calls, 0) || q.Calls < 0 {
		return p, cmdutil.Usagef("--calls %v: expected a number of contacts per interval >= 0", q.Calls)
	}
	if p.Interval, err = parseDuration("--interval", q.Interval); err != nil {
		return p, err
	}
	if p.Interval <= 0 {
		return p, cmdutil.Usagef("--interval %s: expected a duration > 0 such as 15m or 30m", q.Interval)
	}
	if p.AHT, err = parseDuration("--aht", q.AHT); err != nil {
		return p, err
	}
	if p.AHT <= 0 {
		return p, cmdutil.Usagef("--aht %s: expected a handle time > 0 such as 180s or 3m", q.AHT)
	}
	if q.Concurrency < 1 || q.Concurrency > erlang.MaxConcurrency || math.IsNaN(q.Concurrency) {
		return p, cmdutil.Usagef("--concurrency %v: expected 1 to %d contacts at once", q.Concurrency, erlang.MaxConcurrency)
	}
	aht := p.AHT.Seconds() / q.Concurrency
	traffic := erlang.Traffic(q.Calls, p.Interval.Seconds(), aht)
	if traffic > erlang.MaxTrafficErlangs {
		return p, cmdutil.Usagef("--calls %v: %v contacts of %v per %v is %.0f Erlangs; at most %d are supported",
			q.Calls, q.Calls, p.AHT, p.Interval, traffic, erlang.MaxTrafficErlangs)
	}
	p.Queue = erlang.Queue{TrafficErlangs: traffic, AHTSeconds: aht}

	changed := func(name string) bool { return fs.Changed(name) }
	if q.Blocking != "" {
		for _, other := range []string{"target", "asa", "max-occupancy", "shrinkage", "patience", "max-abandon", "concurrency"} {
			if changed(other) {
				return p, cmdutil.Usagef("--blocking computes lines without a queue (Erlang B) and excludes --%s", other)
			}
		}
		if p.Blocking, err = parseFraction("--blocking", q.Blocking); err != nil {
			return p, err
		}
		if p.Blocking <= 0 || p.Blocking >= 1 {
			return p, cmdutil.Usagef("--blocking %s: expected a fraction between 0 and 1 such as 0.02 or 2%%", q.Blocking)
		}
	} else {
		if p.Targets.ServiceLevel, p.Targets.AnswerSeconds, err = parseTarget(q.Target); err != nil {
			return p, err
		}
		if q.ASA != "" {
			d, err := parseDuration("--asa", q.ASA)
			if err != nil {
				return p, err
			}
			if d <= 0 {
				return p, cmdutil.Usagef("--asa %s: expected a duration > 0 such as 30s", q.ASA)
			}
			p.Targets.MaxASASeconds = d.Seconds()
		}
		if q.MaxOccupancy != "" {
			if p.Targets.MaxOccupancy, err = parseFraction("--max-occupancy", q.MaxOccupancy); err != nil {
				return p, err
			}
			if p.Targets.MaxOccupancy <= 0 {
				return p, cmdutil.Usagef("--max-occupancy %s: expected a fraction above 0 such as 0.85 or 85%%", q.MaxOccupancy)
			}
		}
		if p.Shrinkage, err = parseFraction("--shrinkage", q.Shrinkage); err != nil {
			return p, err
		}
		if p.Shrinkage >= 1 {
			return p, cmdutil.Usagef("--shrinkage %s: expected a fraction below 1 such as 0.3 or 30%%", q.Shrinkage)
		}
		if q.Patience != "" {
			d, err := parseDuration("--patience", q.Patience)
			if err != nil {
				return p, err
			}
			if d <= 0 {
				return p, cmdutil.Usagef("--patience %s: expected a mean patience > 0 such as 5m", q.Patience)
			}
			p.Queue.PatienceSeconds = d.Seconds()
			if err := p.Queue.Validate(); err != nil {
				return p, cmdutil.Usagef("--patience %s: expected at most a million handle times", q.Patience)
			}
		}
		if q.MaxAbandon != "" {
			if q.Patience == "" {
				return p, cmdutil.Usagef("--max-abandon needs --patience: without a patience nobody abandons")
			}
			if p.Targets.MaxAbandon, err = parseFraction("--max-abandon", q.MaxAbandon); err != nil {
				return p, err
			}
			if p.Targets.MaxAbandon <= 0 {
				return p, cmdutil.Usagef("--max-abandon %s: expected a fraction above 0 such as 0.05 or 5%%", q.MaxAbandon)
			}
		}
	}

	if changed("agents") {
		if q.Sweep != "" {
			return p, cmdutil.Usagef("--agents and --sweep exclude each other")
		}
		if q.Agents < 0 || q.Agents > erlang.MaxAgents {
			return p, cmdutil.Usagef("--agents %d: expected 0 to %d agents", q.Agents, erlang.MaxAgents)
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

// parseDuration reads a Go duration (20s, 3m, 1h30m) or a bare number of
// seconds (20, 2.5).
func parseDuration(flag, s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, cmdutil.Usagef("%s: expected a duration such as 20s, 3m or 1h", flag)
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) || x > 1e9 {
			return 0, cmdutil.Usagef("%s %s: expected a duration >= 0 such as 20s, 3m or 1h", flag, s)
		}
		return time.Duration(x * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, cmdutil.Usagef("%s %s: expected a duration >= 0 such as 20s, 3m or 1h (a bare number is seconds)", flag, s)
	}
	return d, nil
}

// parseFraction reads 0.85 or 85% into 0.85, in [0, 1].
func parseFraction(flag, s string) (float64, error) {
	t := strings.TrimSpace(s)
	percent := strings.HasSuffix(t, "%")
	x, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
	if err == nil && percent {
		x /= 100
	}
	if err != nil || math.IsNaN(x) || x < 0 || x > 1 {
		return 0, cmdutil.Usagef("%s %s: expected a fraction between 0 and 1 such as 0.85, or a percentage such as 85%%", flag, s)
	}
	return x, nil
}

// parseTarget reads a service level target PERCENT/TIME: 80/20s, 80%/20s
// or 0.8/20. A level without % is a percentage when above 1, a fraction
// otherwise; a time without a unit is seconds.
func parseTarget(s string) (level, seconds float64, err error) {
	bad := func(why string) error {
		return cmdutil.Usagef("--target %s: %s; expected PERCENT/TIME such as 80/20s, 80%%/20s or 0.8/20", s, why)
	}
	left, right, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		return 0, 0, bad("no '/'")
	}
	left = strings.TrimSpace(left)
	percent := strings.HasSuffix(left, "%")
	x, perr := strconv.ParseFloat(strings.TrimSuffix(left, "%"), 64)
	if perr != nil || math.IsNaN(x) {
		return 0, 0, bad("the service level is not a number")
	}
	if percent || x > 1 {
		x /= 100
	}
	if x <= 0 || x > 1 {
		return 0, 0, bad("the service level must be above 0 and at most 100%")
	}
	d, derr := parseDuration("--target", right)
	if derr != nil {
		return 0, 0, bad("the answer time is not a duration")
	}
	return x, d.Seconds(), nil
}

// parseSweep reads FROM..TO with 0 <= FROM <= TO <= erlang.MaxAgents.
func parseSweep(s string) (from, to int, err error) {
	bad := func(why string) error {
		return cmdutil.Usagef("--sweep %s: %s; expected FROM..TO agents such as 10..16", s, why)
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
