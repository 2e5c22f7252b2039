// Package erlangcmd implements `peakstaff erlang`, and the queue flags
// `peakstaff simulate` shares with it.
package erlangcmd

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/term"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// Options are the inputs of the erlang command.
type Options struct {
	IO *iostreams.IOStreams

	QueueFlags
	JSON bool

	// Plan is the meaning of the flags, set by the command's validation.
	Plan Plan
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

// Row is one line of output for a queue: the JSON fields of the command.
type Row struct {
	TrafficErlangs float64  `json:"traffic_erlangs"`
	Agents         int      `json:"agents"`
	Scheduled      int      `json:"scheduled"`
	ServiceLevel   float64  `json:"service_level"`
	ASASeconds     *float64 `json:"asa_seconds"`
	PWait          float64  `json:"p_wait"`
	Occupancy      float64  `json:"occupancy"`
	PAbandon       *float64 `json:"p_abandon,omitempty"`
	Binding        string   `json:"binding,omitempty"`
	Unstable       bool     `json:"unstable,omitempty"`
}

// NewRow turns erlang figures into an output row; shrinkage sets Scheduled
// and withAbandon includes p_abandon.
func NewRow(m erlang.Metrics, shrinkage float64, withAbandon bool) Row {
	r := Row{
		TrafficErlangs: m.TrafficErlangs,
		Agents:         m.Agents,
		Scheduled:      erlang.Scheduled(m.Agents, shrinkage),
		ServiceLevel:   m.ServiceLevel,
		PWait:          m.PWait,
		Occupancy:      m.Occupancy,
		Unstable:       m.Unstable,
	}
	if !m.Unstable {
		asa := m.ASASeconds
		r.ASASeconds = &asa
	}
	if withAbandon {
		pa := m.PAbandon
		r.PAbandon = &pa
	}
	return r
}

// LinesRow is one line of Erlang B output.
type LinesRow struct {
	TrafficErlangs float64 `json:"traffic_erlangs"`
	Lines          int     `json:"lines"`
	Blocking       float64 `json:"blocking"`
}

// Rows computes the rows the plan asks for: the required agents, the given
// agents, or one row per agents of the sweep.
func Rows(p Plan) ([]Row, error) {
	var agents []int
	switch {
	case p.Sweeping():
		for n := p.SweepFrom; n <= p.SweepTo; n++ {
			agents = append(agents, n)
		}
	case p.Agents >= 0:
		agents = []int{p.Agents}
	default:
		req, err := erlang.Required(p.Queue, p.Targets, p.Shrinkage)
		if err != nil {
			return nil, err
		}
		r := NewRow(req.Metrics, p.Shrinkage, p.ErlangA())
		r.Binding = string(req.Binding)
		return []Row{r}, nil
	}
	rows := make([]Row, 0, len(agents))
	for _, n := range agents {
		m, err := erlang.Evaluate(p.Queue, n, p.Targets.AnswerSeconds)
		if err != nil {
			return nil, err
		}
		rows = append(rows, NewRow(m, p.Shrinkage, p.ErlangA()))
	}
	return rows, nil
}

func linesRows(p Plan) ([]LinesRow, error) {
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
		t := term.NewTable(opts.IO, "traffic_erlangs", "lines", "blocking").Title(Describe(p))
		for _, r := range rows {
			t.Row(FormatTraffic(r.TrafficErlangs), r.Lines, strconv.FormatFloat(r.Blocking, 'f', 5, 64))
		}
		return t.Render()
	}
	rows, err := Rows(p)
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
	t := term.NewTable(opts.IO, header...).Title(Describe(p))
	for _, r := range rows {
		cells := []any{FormatTraffic(r.TrafficErlangs), r.Agents, r.Scheduled, f4(r.ServiceLevel), formatASA(r.ASASeconds), f4(r.PWait), f4(r.Occupancy)}
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

// Describe is the one-line summary of a plan printed above tables.
func Describe(p Plan) string {
	var b strings.Builder
	model := "Erlang C"
	switch {
	case p.Blocking > 0:
		model = "Erlang B"
	case p.ErlangA():
		model = "Erlang A"
	}
	fmt.Fprintf(&b, "%s: %s contacts per %s, AHT %s", model, FormatTraffic(p.Calls), FormatDuration(p.Interval), FormatDuration(p.AHT))
	if p.Concurrency != 1 {
		fmt.Fprintf(&b, " / %s concurrent", FormatTraffic(p.Concurrency))
	}
	fmt.Fprintf(&b, " = %s Erlangs", FormatTraffic(p.Queue.TrafficErlangs))
	if p.Blocking > 0 {
		fmt.Fprintf(&b, "; blocking at most %s%%", FormatTraffic(100*p.Blocking))
		return b.String()
	}
	if p.ErlangA() {
		fmt.Fprintf(&b, ", patience %s", FormatDuration(time.Duration(p.Queue.PatienceSeconds*float64(time.Second))))
	}
	t := p.Targets
	fmt.Fprintf(&b, "; target %s%% in %s", FormatTraffic(100*t.ServiceLevel), FormatDuration(time.Duration(t.AnswerSeconds*float64(time.Second))))
	if t.MaxASASeconds > 0 {
		fmt.Fprintf(&b, ", ASA <= %s", FormatDuration(time.Duration(t.MaxASASeconds*float64(time.Second))))
	}
	if t.MaxOccupancy > 0 {
		fmt.Fprintf(&b, ", occupancy <= %s%%", FormatTraffic(100*t.MaxOccupancy))
	}
	if t.MaxAbandon > 0 {
		fmt.Fprintf(&b, ", abandonment <= %s%%", FormatTraffic(100*t.MaxAbandon))
	}
	if p.Shrinkage > 0 {
		fmt.Fprintf(&b, "; shrinkage %s%%", FormatTraffic(100*p.Shrinkage))
	}
	return b.String()
}

// FormatTraffic prints up to 6 significant digits without trailing zeros.
func FormatTraffic(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

// FormatDuration prints 20s, 3m, 1h30m, 2.5s: Go's form without zero units.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func f4(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

func formatASA(asa *float64) string {
	if asa == nil {
		return "inf"
	}
	return strconv.FormatFloat(*asa, 'f', 2, 64)
}
