// Package simulatecmd implements `peakstaff simulate`: the erlang command's
// queue simulated, next to its analytic figures.
package simulatecmd

import (
	"fmt"
	"math"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// Options are the inputs of the simulate command.
type Options struct {
	IO *iostreams.IOStreams

	cmdutil.QueueFlags
	Seed         uint64
	Replications int
	Intervals    int
	Handle       string
	CV           float64
	JSON         bool
	// Requirements switches to simulating a requirements file.
	Requirements string
	UseScheduled bool

	// Plan and HandleDist are the meaning of the flags, set by validation.
	Plan       cmdutil.QueuePlan
	HandleDist sim.Handle
}

// maxIntervals bounds --intervals (a year of 15-minute intervals).
const maxIntervals = 35040

// NewCmdSimulate builds the command; runF replaces the work in tests.
func NewCmdSimulate(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "simulate --calls N --aht DURATION [flags]",
		Short: "Simulate a queue and print its figures next to the Erlang ones",
		Long: `Simulate the queue the erlang command describes (same flags) with a seeded
discrete-event simulation, and print the simulated figures next to the
analytic ones, with their standard errors.

--requirements FILE instead simulates a requirements file (peakstaff staff
--out or plan) interval by interval: every live and chat channel with its
contacts, handle times and required agents (--scheduled: the scheduled
ones), the queue carrying from one interval to the next. --target sets the
answer time, --patience the callers' patience, --concurrency the chats per
agent (default 2). JSON: an array of {channel, skill, agents, intervals,
calls_simulated, service_level, asa_seconds, abandon_rate, occupancy,
worst_interval, worst_service_level}.

The number of agents is the required number (as erlang prints it), --agents
N, or each N of --sweep FROM..TO. Each replication starts with an empty
queue, runs one warm-up interval that is not counted, then --intervals
intervals of --calls Poisson arrivals each; replications are independent
and the run is reproducible for a --seed. Handle times are exponential
(--handle exp, what Erlang assumes) or lognormal with the same mean and a
coefficient of variation --cv. A caller who hangs up counts as a miss in
the service level. Standard error = standard deviation of the replications'
figures / sqrt(replications).

--blocking (Erlang B) is not simulated: the simulator models a queue.
Simulating a requirements file (--requirements) comes with the staffing
stage.

Output: one row per agents and metric (service_level, asa_seconds, p_wait,
occupancy, p_abandon with --patience): agents, metric, analytic, simulated,
std_error; a table on a terminal, tab-separated values when piped. --json
prints one object (an array with --sweep):
  traffic_erlangs, agents, scheduled, binding (when computing the agents),
  replications, intervals, seed, handle (exp or lognormal), cv (lognormal
  only), calls (simulated, over all replications),
  analytic:  {service_level, asa_seconds, p_wait, occupancy, p_abandon}
  simulated: {service_level, service_level_se, asa_seconds, asa_seconds_se,
              p_wait, p_wait_se, occupancy, occupancy_se,
              p_abandon, p_abandon_se}
(p_abandon only with --patience; asa_seconds analytic is null when the
Erlang C queue is unstable, simulated (and its _se) when there are no
agents: no figure is ever NaN or infinite.)

Exit codes: 0 ok; 2 bad flags; 4 no number of agents meets the targets; 1
other errors.`,
		Example: `  peakstaff simulate --requirements out/requirements.csv --patience 3m
  peakstaff simulate --calls 100 --interval 30m --aht 180s --target 80/20s
  peakstaff simulate --calls 100 --aht 3m --patience 5m --agents 13 --replications 50
  peakstaff simulate --calls 100 --aht 3m --handle lognormal --cv 1.5 --sweep 12..15 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Requirements != "" {
				return runRequirementsMode(cmd, opts)
			}
			for _, name := range []string{"calls", "aht"} {
				if !cmd.Flags().Changed(name) {
					return diag.Usagef(`required flag(s) "%s" not set (or give --requirements FILE)`, name)
				}
			}
			plan, err := opts.QueueFlags.Parse(cmd)
			if err != nil {
				return err
			}
			if plan.Blocking > 0 {
				return diag.Usagef("--blocking: Erlang B has no queue to simulate; use peakstaff erlang --blocking")
			}
			opts.Plan = plan
			switch opts.Handle {
			case "exp", "exponential":
				opts.HandleDist = sim.Exponential
				if cmd.Flags().Changed("cv") {
					return diag.Usagef("--cv applies to --handle lognormal (an exponential handle time has CV 1)")
				}
			case "lognormal":
				opts.HandleDist = sim.Lognormal
			default:
				return diag.Usagef("--handle %s: expected exp or lognormal", opts.Handle)
			}
			// beyond 20 the lognormal's sigma makes draws overflow to NaN
			if !(opts.CV >= 0 && opts.CV <= maxCV) {
				return diag.Usagef("--cv %v: expected a coefficient of variation from 0 to %d such as 1.0", opts.CV, maxCV)
			}
			if opts.Replications < 1 || opts.Replications > 10000 {
				return diag.Usagef("--replications %d: expected 1 to 10000 (2 or more for standard errors)", opts.Replications)
			}
			if opts.Intervals < 1 || opts.Intervals > maxIntervals {
				return diag.Usagef("--intervals %d: expected 1 to %d intervals per replication", opts.Intervals, maxIntervals)
			}
			if runF != nil {
				return runF(opts)
			}
			return simulateRun(opts)
		},
	}
	opts.QueueFlags.AddFlags(cmd)
	f := cmd.Flags()
	f.Uint64Var(&opts.Seed, "seed", 1, "random seed: the same seed gives the same figures")
	f.IntVar(&opts.Replications, "replications", 20, "independent replications (standard errors need 2 or more)")
	f.IntVar(&opts.Intervals, "intervals", 48, "intervals per replication after the warm-up interval")
	f.StringVar(&opts.Handle, "handle", "exp", "handle-time distribution: exp or lognormal")
	f.Float64Var(&opts.CV, "cv", 1.0, "coefficient of variation of lognormal handle times (standard deviation / mean)")
	f.BoolVar(&opts.JSON, "json", false, "print JSON (fields listed above)")
	f.StringVar(&opts.Requirements, "requirements", "", "simulate every live and chat channel of a requirements file (peakstaff staff/plan --out) interval by interval")
	f.BoolVar(&opts.UseScheduled, "scheduled", false, "with --requirements: simulate the scheduled agents (after shrinkage) instead of the required ones")
	// --calls and --aht are required unless --requirements gives them
	// (checked in RunE: cobra's required flags cannot depend on another flag).
	cmdutil.CompleteFiles(cmd, "requirements", cmdutil.CSVFiles...)
	cmdutil.CompleteWords(cmd, "handle", "exp", "lognormal")
	return cmd
}

// Analytic holds the Erlang figures in the JSON output.
type Analytic struct {
	ServiceLevel float64  `json:"service_level"`
	ASASeconds   *float64 `json:"asa_seconds"`
	PWait        float64  `json:"p_wait"`
	Occupancy    float64  `json:"occupancy"`
	PAbandon     *float64 `json:"p_abandon,omitempty"`
}

// Simulated holds the simulated figures and their standard errors.
type Simulated struct {
	ServiceLevel   float64 `json:"service_level"`
	ServiceLevelSE float64 `json:"service_level_se"`
	// ASASeconds is null when nobody was answered (no agents): the wait
	// has no finite mean.
	ASASeconds   *float64 `json:"asa_seconds"`
	ASASecondsSE *float64 `json:"asa_seconds_se"`
	PWait        float64  `json:"p_wait"`
	PWaitSE      float64  `json:"p_wait_se"`
	Occupancy    float64  `json:"occupancy"`
	OccupancySE  float64  `json:"occupancy_se"`
	PAbandon     *float64 `json:"p_abandon,omitempty"`
	PAbandonSE   *float64 `json:"p_abandon_se,omitempty"`
}

// Comparison is one agents figure, analytic and simulated: the JSON output.
type Comparison struct {
	TrafficErlangs float64   `json:"traffic_erlangs"`
	Agents         int       `json:"agents"`
	Scheduled      int       `json:"scheduled"`
	Binding        string    `json:"binding,omitempty"`
	Replications   int       `json:"replications"`
	Intervals      int       `json:"intervals"`
	Seed           uint64    `json:"seed"`
	Handle         string    `json:"handle"`
	CV             *float64  `json:"cv,omitempty"`
	Calls          int64     `json:"calls"`
	Analytic       Analytic  `json:"analytic"`
	Simulated      Simulated `json:"simulated"`
}

func simulateRun(opts *Options) error {
	p := opts.Plan
	rows, err := cmdutil.QueueRows(p)
	if err != nil {
		return err
	}
	if opts.HandleDist != sim.Exponential {
		fmt.Fprintln(opts.IO.ErrOut, "note: the analytic figures assume exponential handle times")
	}
	var out []Comparison
	for _, r := range rows {
		c, err := compare(opts, r)
		if err != nil {
			return err
		}
		out = append(out, c)
	}
	if opts.JSON {
		if p.Sweeping() {
			return term.PrintJSON(opts.IO.Out, out)
		}
		return term.PrintJSON(opts.IO.Out, out[0])
	}
	title := fmt.Sprintf("%s\n%d replications x %d intervals (+1 warm-up), seed %d, %s handle times",
		p.Describe(), opts.Replications, opts.Intervals, opts.Seed, handleName(opts))
	t := term.NewTable(opts.IO, "agents", "metric", "analytic", "simulated", "std_error").Title(title)
	for _, c := range out {
		a, s := c.Analytic, c.Simulated
		// no ASA (JSON null): the queue grows without end
		asa := "unstable"
		if a.ASASeconds != nil {
			asa = f(*a.ASASeconds, 2)
		}
		t.Row(c.Agents, "service_level", f(a.ServiceLevel, 4), f(s.ServiceLevel, 4), f(s.ServiceLevelSE, 4))
		simASA, simSE := "unstable", ""
		if s.ASASeconds != nil {
			simASA, simSE = f(*s.ASASeconds, 2), f(*s.ASASecondsSE, 2)
		}
		t.Row(c.Agents, "asa_seconds", asa, simASA, simSE)
		t.Row(c.Agents, "p_wait", f(a.PWait, 4), f(s.PWait, 4), f(s.PWaitSE, 4))
		t.Row(c.Agents, "occupancy", f(a.Occupancy, 4), f(s.Occupancy, 4), f(s.OccupancySE, 4))
		if a.PAbandon != nil {
			t.Row(c.Agents, "p_abandon", f(*a.PAbandon, 4), f(*s.PAbandon, 4), f(*s.PAbandonSE, 4))
		}
	}
	return t.Render()
}

// compare simulates the stationary queue with the agents of row r
// (sim.Steady) next to the row's analytic figures.
func compare(opts *Options, r cmdutil.QueueRow) (Comparison, error) {
	p := opts.Plan
	res, err := sim.Steady(sim.Config{IntervalSeconds: p.Interval.Seconds(), AHTSeconds: p.Queue.AHTSeconds, Handle: opts.HandleDist,
		HandleCV: opts.CV, PatienceSeconds: p.Queue.PatienceSeconds, AnswerSeconds: p.Targets.AnswerSeconds,
		Seed: opts.Seed, Replications: opts.Replications}, p.Calls, r.Agents, opts.Intervals)
	if err != nil {
		return Comparison{}, err
	}
	o := res.Overall
	c := Comparison{
		TrafficErlangs: r.TrafficErlangs, Agents: r.Agents, Scheduled: r.Scheduled, Binding: r.Binding,
		Replications: opts.Replications, Intervals: opts.Intervals, Seed: opts.Seed, Handle: opts.HandleDist.String(),
		Calls:    res.Calls,
		Analytic: Analytic{ServiceLevel: r.ServiceLevel, ASASeconds: r.ASASeconds, PWait: r.PWait, Occupancy: r.Occupancy, PAbandon: r.PAbandon},
		Simulated: Simulated{
			ServiceLevel: o.ServiceLevel, ServiceLevelSE: o.ServiceLevelSE,
			PWait: o.PWait, PWaitSE: o.PWaitSE,
			Occupancy: o.Occupancy, OccupancySE: o.OccupancySE,
		},
	}
	if r.Agents > 0 && !math.IsNaN(o.ASASeconds) && !math.IsInf(o.ASASeconds, 0) {
		asa, se := o.ASASeconds, o.ASASecondsSE
		c.Simulated.ASASeconds, c.Simulated.ASASecondsSE = &asa, &se
	}
	if opts.HandleDist == sim.Lognormal {
		cv := opts.CV
		c.CV = &cv
	}
	if p.ErlangA() {
		c.Simulated.PAbandon, c.Simulated.PAbandonSE = &o.AbandonRate, &o.AbandonRateSE
	}
	return c, nil
}

func handleName(opts *Options) string {
	if opts.HandleDist == sim.Lognormal {
		return "lognormal cv " + strconv.FormatFloat(opts.CV, 'g', 4, 64)
	}
	return "exp"
}

// maxCV bounds --cv: a handle time whose standard deviation is 20 times
// its mean is already beyond any helpdesk.
const maxCV = 20

func f(x float64, decimals int) string { return strconv.FormatFloat(x, 'f', decimals, 64) }

// runRequirementsMode validates the flags of --requirements mode and runs it.
func runRequirementsMode(cmd *cobra.Command, opts *Options) error {
	p, err := parseRequirementsFlags(cmd, opts)
	if err != nil {
		return err
	}
	switch opts.Handle {
	case "exp", "exponential":
		opts.HandleDist = sim.Exponential
	case "lognormal":
		opts.HandleDist = sim.Lognormal
	default:
		return diag.Usagef("--handle %s: expected exp or lognormal", opts.Handle)
	}
	if opts.Replications < 1 || opts.Replications > 10000 {
		return diag.Usagef("--replications %d: expected 1 to 10000", opts.Replications)
	}
	return requirementsRun(opts, p)
}
