// Package staffcmd implements `peakstaff staff`: the agents needed per
// interval and channel from a demand (forecast) file, printed per day and
// written per interval.
package staffcmd

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/plan/staff"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Options are the inputs of the staff command.
type Options struct {
	IO *iostreams.IOStreams

	Demand     string // path, or - for stdin
	PolicyFile string
	Agents     string // agents.csv: the team's skill sets make the staffing groups
	TZ         string
	DateOrder  string
	Interval   string
	Out        string
	Force      bool
	JSON       bool
	PolicyFlags

	// Set by the command's validation.
	Location       *time.Location
	IntervalLength time.Duration
	Flags          staff.Layers
}

// NewCmdStaff builds the command; runF replaces the work in tests.
func NewCmdStaff(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "staff DEMAND.csv [flags]",
		Short: "Agents needed per interval and channel, from a demand forecast",
		Long:  staffHelp(),
		Example: `  peakstaff staff demand.csv --tz Europe/Berlin --shrinkage 30% --out requirements.csv
  peakstaff staff demand.csv --policy policy.yaml --json
  peakstaff staff demand.csv --kind social=live --deadline email=8h --hours "mon-fri 08:00-18:00" --service-level phone=90/30s`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Demand = args[0]
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return staffRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.PolicyFile, "policy", "", "YAML file of policy settings per channel")
	f.StringVar(&opts.Agents, "agents", "", "agents.csv of the team (as peakstaff schedule reads it): one staffing group per distinct set of channels its agents serve (default: one group of every channel)")
	f.StringVar(&opts.TZ, "tz", "", "time zone of the demand's times, days and opening hours, e.g. Europe/Berlin")
	f.StringVar(&opts.Interval, "interval", "", "interval length, e.g. 15m (default: inferred from the demand)")
	f.StringVar(&opts.DateOrder, "date-order", "", "day/month order of numeric dates in the demand when the column cannot tell: dmy or mdy")
	f.StringVarP(&opts.Out, "out", "o", "", "write the requirement per interval and channel to this CSV file")
	f.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists")
	f.BoolVar(&opts.JSON, "json", false, "print JSON (fields listed above)")
	opts.PolicyFlags.addFlags(cmd)
	cmd.ValidArgsFunction = cmdutil.FileArgs(cmdutil.TableFiles...)
	cmdutil.CompleteFiles(cmd, "policy", cmdutil.YAMLFiles...)
	cmdutil.CompleteFiles(cmd, "agents", cmdutil.CSVFiles...)
	cmdutil.CompleteFiles(cmd, "out", cmdutil.CSVFiles...)
	return cmd
}

// validate reads the flags that need more than pflag's parsing: the zone,
// the day/month order, the interval and the policy flags.
func (o *Options) validate() error {
	if o.TZ != "" {
		loc, err := time.LoadLocation(o.TZ)
		if err != nil {
			return diag.Usagef("--tz %s: expected a time zone such as Europe/Berlin or UTC", o.TZ)
		}
		o.Location = loc
	}
	if _, err := dates.ParseOrder(o.DateOrder); err != nil {
		return diag.Usagef("--date-order: %v", err)
	}
	if o.Interval != "" {
		d, err := civil.ParseDuration(o.Interval)
		if err != nil || d <= 0 || d > 24*time.Hour || d%time.Second != 0 {
			return diag.Usagef("--interval %s: expected a length such as 15m or 30m, at most 24h", o.Interval)
		}
		o.IntervalLength = d
	}
	flags, err := o.PolicyFlags.parse()
	if err != nil {
		return err
	}
	o.Flags = flags
	return nil
}

// staffHelp is the long help of staff: the demand it reads, the policy
// keys and flags, the outputs and the exit codes.
func staffHelp() string {
	return `Compute the agents each interval needs, per channel and skill, from a demand
file (the forecast's output), and print the requirement per day. The
staffing policy is the one of peakstaff plan: the same keys, defaults and
ranges, so the same demand and policy give the same agents.

DEMAND.csv has a header and one row per interval and channel:
  interval,channel,skill,contacts,aht_seconds
It is read as peakstaff import reads exports: CSV with any of , ; tab |, a
byte-order mark or none, XLSX, decimal commas. interval (or start,
interval_start, time, timestamp) is the interval's start: RFC 3339, or with
--tz any local time import reads (2025-11-28 09:00, 28-11-2025 9:00), the
day/month order learnt from the column; contacts may be named count,
volume or calls, channel queue; skill and aht_seconds (or aht) are optional
(an empty handle time takes --handle-time). Missing intervals are zero contacts; the interval length is
the smallest gap between two rows of a series unless --interval is given.
- reads stdin.

The requirement is computed as peakstaff plan computes it (see its --help):
one staffing group of every channel (with --agents, one group per distinct
set of channels the team's agents serve), whose agents answer live contacts
first and deferred work in the time left. Per interval the group needs the
fewest agents such that the pooled live queue (Erlang C, or A when every
live channel has a patience; chat handle time divided by its concurrency)
meets each live channel's targets under the occupancy cap, deferred work
(email, tickets, callbacks from closed hours) meets its deadline in
business hours, and a simulation of the group meets the live targets and
keeps 99% of the deferred items on time each day. Each channel's agents are
its share of the group's. Channels need one series each, on one grid of
intervals. No agent is needed while a channel is closed; min_agents staffs
every interval with opening time. Scheduled agents = agents / (1 -
shrinkage).

Policy settings (the keys of a plan's channels:, and of --policy FILE):
` + keysHelp() + `
Each key is also a flag, with - for _, that takes [CHANNEL=]VALUE and
repeats: --shrinkage 30% applies to every channel, --shrinkage email=40% to
one; --clear-by-end (no value) to every channel. --policy FILE (YAML) holds
the same settings for every channel (defaults:) and per channel:
  defaults: {shrinkage: 30%}
  channels:
    phone: {kind: live, service_level: 80/20s, patience: 5m, max_abandon: 5%}
    email: {kind: deferred, deadline: 24h, hours: "mon-fri 08:00-20:00", closed_dates: [2025-12-25]}
The most specific setting wins: the defaults above, then the file's
defaults, then flags without a channel, then the file's channel, then flags
with that channel. Unknown keys are errors; the old names (target, aht,
closed with dates) name their replacement (service_level, handle_time,
closed_dates).

Output, per date (of the interval starts, in --tz) and channel, then "all"
for the sum of the channels: a table on a terminal, tab-separated values
when piped, or --json:
  {"interval_minutes", "days": [...], "channels": [...], "groups": [...], "out"}
  days[]:     date, channel, skill, contacts, peak_agents, avg_agents
              (agent-hours over the hours with agents), agent_hours,
              peak_scheduled, scheduled_hours, peak_fractional (for "all",
              the peak of the summed fractional agents: agents shared
              across channels), end_backlog (deferred items waiting at the
              day's last interval)
  channels[]: channel, skill, kind, agent_hours, fractional_agent_hours,
              scheduled_hours, peak_agents, peak_scheduled, and for
              deferred work late, ending_backlog, max_age_hours
  groups[]:   group, channels, agent_hours, scheduled_hours (paid:
              agent_hours / (1 - shrinkage)), peak_agents,
              peak_scheduled, channel_shares (of the group's busy time)
Numbers are rounded to 4 decimals.

--out FILE writes one row per interval and channel:
  interval,channel,skill,contacts,aht_seconds,agents,agents_fractional,
  scheduled,service_level,asa_seconds,occupancy,p_abandon,binding,backlog,
  group,group_agents,group_scheduled
(agents, agents_fractional and scheduled are the channel's share of the
group's group_agents and group_scheduled; written atomically; an existing
FILE needs --force).

Exit codes: 0 ok; 2 bad flags; 3 invalid demand or policy file (the
problems of both listed at once, each at its file:line:column); 4 no
staffing meets the targets (deferred work answered after its deadline: the
plan is still printed and written); 1 other errors.`
}

// computeOptions are the library's options of the command's.
func (o *Options) computeOptions() staff.Options {
	order, _ := dates.ParseOrder(o.DateOrder)
	return staff.Options{Demand: o.Demand, Stdin: o.IO.In, PolicyFile: o.PolicyFile, AgentsFile: o.Agents,
		Location: o.Location, Interval: o.IntervalLength, Order: order, Settings: o.Flags,
		Warn: func(msg string) { term.Warnf(o.IO.ErrOut, "%s", msg) }}
}

func staffRun(opts *Options) error {
	plan, err := staff.Compute(opts.computeOptions())
	if err != nil && !errors.Is(err, deferred.ErrInfeasible) {
		return err
	}
	infeasible := err
	if opts.Out != "" {
		inputs := []string{opts.Demand}
		if opts.PolicyFile != "" {
			inputs = append(inputs, opts.PolicyFile)
		}
		if err := outfile.WriteFileAtomic(opts.Out, opts.Force, inputs, func(w io.Writer) error {
			return require.WriteRequirementsCSV(w, plan)
		}); err != nil {
			return err
		}
	}
	notesErr := noteOutcomes(opts.IO.ErrOut, plan)
	if err := printPlan(opts, plan); err != nil {
		return err
	}
	if infeasible != nil {
		return infeasible
	}
	return notesErr
}

// noteOutcomes writes what became of the contacts that arrived while a
// channel was closed and of the deferred work still waiting at the end,
// and returns staff.Late's error when deferred work was answered after
// its deadline.
func noteOutcomes(w io.Writer, plan require.Plan) error {
	for _, r := range plan.Requirements {
		if r.ClosedContacts > 0.005 {
			fmt.Fprintf(w, "note: %s: %s contacts arrived while closed: %s lost, %s called back after the opening\n",
				staff.Label(r.Channel, r.Skill), round2(r.ClosedContacts), round2(r.Lost), round2(r.Callbacks))
		}
		if r.EndBacklog > 0.005 || r.Late > 0.005 {
			fmt.Fprintf(w, "note: %s: %s items waiting at the end of the horizon, %s late\n",
				staff.Label(r.Channel, r.Skill), round2(r.EndBacklog), round2(r.Late))
		}
	}
	return staff.Late(plan)
}

// DayRow is one line of the per-day output.
type DayRow struct {
	Date           string  `json:"date"`
	Channel        string  `json:"channel"`
	Skill          string  `json:"skill"`
	Contacts       float64 `json:"contacts"`
	PeakAgents     int     `json:"peak_agents"`
	AvgAgents      float64 `json:"avg_agents"`
	AgentHours     float64 `json:"agent_hours"`
	PeakScheduled  int     `json:"peak_scheduled"`
	ScheduledHours float64 `json:"scheduled_hours"`
	PeakFractional float64 `json:"peak_fractional"`
	EndBacklog     float64 `json:"end_backlog"`
}

// ChannelRow sums one channel over the horizon.
type ChannelRow struct {
	Channel              string   `json:"channel"`
	Skill                string   `json:"skill"`
	Kind                 string   `json:"kind"`
	AgentHours           float64  `json:"agent_hours"`
	FractionalAgentHours float64  `json:"fractional_agent_hours"`
	ScheduledHours       float64  `json:"scheduled_hours"`
	PeakAgents           int      `json:"peak_agents"`
	PeakScheduled        int      `json:"peak_scheduled"`
	Late                 *float64 `json:"late,omitempty"`
	EndingBacklog        *float64 `json:"ending_backlog,omitempty"`
	MaxAgeHours          *float64 `json:"max_age_hours,omitempty"`
}

// Result is the JSON output.
type Result struct {
	IntervalMinutes float64      `json:"interval_minutes"`
	Days            []DayRow     `json:"days"`
	Channels        []ChannelRow `json:"channels"`
	Groups          []GroupRow   `json:"groups"`
	Out             string       `json:"out,omitempty"`
}

// GroupRow is one staffing group over the horizon: agent-hours on the
// queue, paid hours (agent-hours / (1 - shrinkage)), peaks, and the share
// of the group's busy time per channel.
type GroupRow struct {
	Group          string             `json:"group"`
	Channels       []string           `json:"channels"`
	AgentHours     float64            `json:"agent_hours"`
	ScheduledHours float64            `json:"scheduled_hours"`
	PeakAgents     int                `json:"peak_agents"`
	PeakScheduled  int                `json:"peak_scheduled"`
	Shares         map[string]float64 `json:"channel_shares"`
}

func newResult(opts *Options, plan require.Plan) Result {
	res := Result{Days: []DayRow{}, Channels: []ChannelRow{}, Groups: []GroupRow{}, Out: opts.Out}
	for _, g := range plan.Groups {
		row := GroupRow{Group: g.Name, Channels: g.Channels, AgentHours: r4(g.AgentHours), ScheduledHours: r4(g.ScheduledHours),
			PeakAgents: g.PeakAgents, PeakScheduled: g.PeakScheduled, Shares: map[string]float64{}}
		for _, o := range g.Outcomes {
			row.Shares[o.Channel] = r4(o.Share)
		}
		res.Groups = append(res.Groups, row)
	}
	if len(plan.Requirements) > 0 {
		res.IntervalMinutes = plan.Requirements[0].Interval.Minutes()
	}
	for _, d := range require.Daily(plan) {
		res.Days = append(res.Days, DayRow{Date: d.Date.String(), Channel: d.Channel, Skill: d.Skill, Contacts: r4(d.Contacts),
			PeakAgents: d.PeakAgents, AvgAgents: r4(d.AvgAgents), AgentHours: r4(d.AgentHours), PeakScheduled: d.PeakScheduled,
			ScheduledHours: r4(d.ScheduledHours), PeakFractional: r4(d.PeakFractional), EndBacklog: r4(d.EndBacklog)})
	}
	for _, r := range plan.Requirements {
		c := ChannelRow{Channel: r.Channel, Skill: r.Skill, Kind: string(r.Kind), AgentHours: r4(r.AgentHours),
			FractionalAgentHours: r4(r.FractionalAgentHours), ScheduledHours: r4(r.ScheduledHours),
			PeakAgents: r.PeakAgents, PeakScheduled: r.PeakScheduled}
		if r.Kind == require.KindDeferred {
			late, end, age := r4(r.Late), r4(r.EndBacklog), r4(r.MaxWaitHours)
			c.Late, c.EndingBacklog, c.MaxAgeHours = &late, &end, &age
		}
		res.Channels = append(res.Channels, c)
	}
	return res
}

func printPlan(opts *Options, plan require.Plan) error {
	res := newResult(opts, plan)
	if opts.JSON {
		return term.PrintJSON(opts.IO.Out, res)
	}
	t := term.NewTable(opts.IO, "date", "channel", "skill", "contacts", "peak_agents", "avg_agents", "agent_hours",
		"peak_scheduled", "scheduled_hours", "peak_fractional", "end_backlog")
	t.Title(describe(plan))
	for _, d := range res.Days {
		backlog := ""
		if d.Channel == require.AllChannels || kindOf(plan, d.Channel, d.Skill) == require.KindDeferred {
			backlog = round2(d.EndBacklog)
		}
		t.Row(d.Date, d.Channel, d.Skill, round2(d.Contacts), d.PeakAgents, round2(d.AvgAgents), round2(d.AgentHours),
			d.PeakScheduled, round2(d.ScheduledHours), round2(d.PeakFractional), backlog)
	}
	if err := t.Render(); err != nil {
		return err
	}
	if len(res.Groups) < 2 {
		return nil // one group: the "all" rows are the group
	}
	fmt.Fprintln(opts.IO.Out)
	g := term.NewTable(opts.IO, "group", "channels", "agent_hours", "scheduled_hours", "peak_agents", "peak_scheduled", "channel_shares")
	g.Title("Staffing groups (agents who serve all the group's channels)")
	for _, r := range res.Groups {
		var shares []string
		for _, ch := range r.Channels {
			shares = append(shares, fmt.Sprintf("%s %.0f%%", ch, 100*r.Shares[ch]))
		}
		g.Row(r.Group, strings.Join(r.Channels, ", "), round2(r.AgentHours), round2(r.ScheduledHours), r.PeakAgents, r.PeakScheduled, strings.Join(shares, ", "))
	}
	return g.Render()
}

// describe is the line above the table on a terminal.
func describe(plan require.Plan) string {
	if len(plan.Requirements) == 0 {
		return "no demand"
	}
	var parts []string
	for _, r := range plan.Requirements {
		parts = append(parts, fmt.Sprintf("%s (%s)", staff.Label(r.Channel, r.Skill), r.Kind))
	}
	first := plan.Requirements[0]
	return fmt.Sprintf("Requirements per day, %s intervals: %s", civil.FormatDuration(first.Interval), strings.Join(parts, ", "))
}

func kindOf(plan require.Plan, channel, skill string) require.Kind {
	for _, r := range plan.Requirements {
		if r.Channel == channel && r.Skill == skill {
			return r.Kind
		}
	}
	return ""
}

func r4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func round2(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
