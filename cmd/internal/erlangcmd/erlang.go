// Package erlangcmd implements `peakstaff erlang`.
package erlangcmd

import (
	"strconv"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// Options are the inputs of the erlang command.
type Options struct {
	IO *iostreams.IOStreams

	cmdutil.QueueFlags
	JSON bool

	// Plan is the meaning of the flags, set by the command's validation.
	Plan cmdutil.QueuePlan
}

// NewCmdErlang builds the command; runF replaces the work in tests.
func NewCmdErlang(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "erlang --calls N --aht DURATION [flags]",
		Short: "Agents needed for one interval's contacts and service targets (Erlang C, A, B)",
		Long: `Compute the agents one interval needs to meet its service targets, or the
figures of a given number of agents.

Traffic = calls x AHT / interval (Erlangs). Without --patience callers wait
forever (Erlang C); with --patience (the mean time a caller waits before
hanging up) the exact Erlang A model counts abandonment, and a caller who
hangs up counts as a miss in the service level. --blocking switches to
Erlang B: the lines needed so that at most that fraction of calls finds all
lines busy (no queue).

The required agents are the smallest number meeting every target given:
--target (service level), --asa, --max-occupancy, --max-abandon. The binding
target is the first one, in the order service_level, asa, occupancy,
abandonment, that one agent fewer would miss. Scheduled agents =
ceil(agents / (1 - shrinkage)). With --concurrency c (chat), the AHT is
divided by c: an agent on c chats finishes c per AHT.

--agents N prints the figures of N agents; --sweep FROM..TO one row per N.

Durations: 20s, 3m, 1h30m, or a bare number of seconds. Fractions: 0.85 or
85%. --target: 80/20s, 80%/20s or 0.8/20.

Output: a table on a terminal, tab-separated values (with a header) when
piped, or --json: one object (an array with --sweep):
  traffic_erlangs  offered load (calls x effective AHT / interval)
  agents           agents on the phones
  scheduled        agents to roster, after shrinkage
  service_level    fraction answered within the target time (0..1)
  asa_seconds      mean wait of all callers (answered or abandoned);
                   null, with "unstable": true, when agents <= traffic
                   without patience (the queue grows without end)
  p_wait           probability a caller waits at all
  occupancy        fraction of agent time spent on contacts
  p_abandon        fraction of callers who hang up (only with --patience)
  binding          the target that sets the agents (only when computing them)
With --blocking: traffic_erlangs, lines, blocking (fraction of calls blocked).

Exit codes: 0 ok; 2 bad flags; 4 no number of agents up to 20000 meets the
targets; 1 other errors.`,
		Example: `  peakstaff erlang --calls 100 --interval 30m --aht 180s --target 80/20s --shrinkage 30%
  peakstaff erlang --calls 100 --aht 3m --patience 5m --max-abandon 5% --json
  peakstaff erlang --calls 100 --aht 180 --sweep 10..16
  peakstaff erlang --calls 100 --aht 180s --blocking 0.02`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			plan, err := opts.QueueFlags.Parse(cmd)
			if err != nil {
				return err
			}
			opts.Plan = plan
			if runF != nil {
				return runF(opts)
			}
			return erlangRun(opts)
		},
	}
	opts.QueueFlags.AddFlags(cmd)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (fields listed above)")
	cmd.MarkFlagRequired("calls")
	cmd.MarkFlagRequired("aht")
	return cmd
}

// LinesRow is one line of Erlang B output.
type LinesRow struct {
	TrafficErlangs float64 `json:"traffic_erlangs"`
	Lines          int     `json:"lines"`
	Blocking       float64 `json:"blocking"`
}

func linesRows(p cmdutil.QueuePlan) ([]LinesRow, error) {
	a := p.Queue.TrafficErlangs
	switch {
	case p.Sweeping():
		var rows []LinesRow
		for n := p.SweepFrom; n <= p.SweepTo; n++ {
			rows = append(rows, LinesRow{a, n, erlang.ErlangB(n, a)})
		}
		return rows, nil
	case p.Agents >= 0:
		return []LinesRow{{a, p.Agents, erlang.ErlangB(p.Agents, a)}}, nil
	}
	n, b, err := erlang.RequiredLines(a, p.Blocking)
	if err != nil {
		return nil, err
	}
	return []LinesRow{{a, n, b}}, nil
}

func erlangRun(opts *Options) error {
	p := opts.Plan
	if p.Blocking > 0 {
		rows, err := linesRows(p)
		if err != nil {
			return err
		}
		if opts.JSON {
			if p.Sweeping() {
				return term.PrintJSON(opts.IO.Out, rows)
			}
			return term.PrintJSON(opts.IO.Out, rows[0])
		}
		t := term.NewTable(opts.IO, "traffic_erlangs", "lines", "blocking").Title(p.Describe())
		for _, r := range rows {
			t.Row(cmdutil.FormatTraffic(r.TrafficErlangs), r.Lines, strconv.FormatFloat(r.Blocking, 'f', 5, 64))
		}
		return t.Render()
	}
	rows, err := cmdutil.QueueRows(p)
	if err != nil {
		return err
	}
	if opts.JSON {
		if p.Sweeping() {
			return term.PrintJSON(opts.IO.Out, rows)
		}
		return term.PrintJSON(opts.IO.Out, rows[0])
	}
	header := []string{"traffic_erlangs", "agents", "scheduled", "service_level", "asa_seconds", "p_wait", "occupancy"}
	if p.ErlangA() {
		header = append(header, "p_abandon")
	}
	required := !p.Sweeping() && p.Agents < 0
	if required {
		header = append(header, "binding")
	}
	t := term.NewTable(opts.IO, header...).Title(p.Describe())
	for _, r := range rows {
		cells := []any{cmdutil.FormatTraffic(r.TrafficErlangs), r.Agents, r.Scheduled, f4(r.ServiceLevel), formatASA(r.ASASeconds), f4(r.PWait), f4(r.Occupancy)}
		if r.PAbandon != nil {
			cells = append(cells, f4(*r.PAbandon))
		}
		if required {
			cells = append(cells, r.Binding)
		}
		t.Row(cells...)
	}
	return t.Render()
}

// unstable is the table's word for an ASA that does not exist: the queue
// grows without end.
const unstable = "unstable"

func f4(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// formatASA writes an ASA; none (a queue that grows without end: the
// traffic is at or above the agents) reads "unstable", as JSON's null.
func formatASA(asa *float64) string {
	if asa == nil {
		return unstable
	}
	return strconv.FormatFloat(*asa, 'f', 2, 64)
}
