// Package plancmd implements `peakstaff plan`, `peakstaff compare` and
// `peakstaff demo`: the whole job from one plan file.
package plancmd

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/render"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
)

// Options are the inputs of the plan command.
type Options struct {
	IO *iostreams.IOStreams

	PlanFile string
	Out      string
	Force    bool
	JSON     bool
	Lang     string

	// ctx is cancelled by SIGINT or SIGTERM: the solvers stop and return
	// the best roster found so far.
	ctx context.Context
}

// NewCmdPlan builds the command; runF replaces the work in tests.
func NewCmdPlan(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "plan PLAN.yaml --out DIR [flags]",
		Short: "Run the whole job from a plan file: import, forecast, staffing, outputs",
		Long: `Run the plan's stages in order: import last year's exports, forecast the
season per channel and issue type, and compute the agents needed per interval
for every staffing group, then write the results to --out:

  contacts.csv       the normalized contacts
  forecast.csv       the interval forecast (P10/P50/P90) per channel and issue type
  requirements.csv   one row per interval and channel: interval, channel,
                     skill, contacts, aht_seconds, agents, agents_fractional,
                     scheduled (the channel's share of its group's agents),
                     service_level, asa_seconds, occupancy, p_abandon,
                     binding, backlog, group, group_agents, group_scheduled
                     (the group's agents: add up groups, not rows)
  plan.xlsx          the workbook: summary, forecast, staffing, scenarios
  report.html        the same as one self-contained page

and print a summary: contacts by channel, peak and average required agents,
required agent-hours, the staffing groups and the simulated service.

Staffing groups: agents serve every channel of their group, live contacts
first and deferred work (email, social, callbacks) in the time left. One
group of all channels without a team (or with a generated team); with an
agents file, one group per distinct set of channels its agents serve. Per
interval a group needs the fewest agents such that the pooled live queue
(Erlang C, or A when every live channel has a patience; chat handle time
divided by its concurrency) meets each live channel's targets under the
occupancy cap, the deferred work meets its deadlines in the idle time (whole
agents added where it waits), and a simulation of the group meets the live
targets and keeps 99% of the deferred items on time each day. No agent is
needed while a channel is closed (its hours); calls that arrive then are
lost or called back after the opening (closed: lost | callback).

With a team, the roster covers the agents needed on the queue per interval
and group (its breaks are placed explicitly, so the requirement before
shrinkage is what it must cover; absence and meetings are what the required
agent-hours after shrinkage and the reserve squad are for). Every group is
then simulated with the roster's agents on duty.

The plan's scenarios are run too and shown side by side (as peakstaff
compare does).

--json prints {"plan", "season", "contacts", "by_channel": {channel:
{"contacts", "peak_required", "avg_required", "required_hours",
"aht_seconds"}}, "peak_required", "peak_at", "avg_required",
"required_hours", "groups": [...], "roster": {"agents", "shifts",
"paid_hours", "staffed_hours", "lower_bound_hours", "above_bound_percent",
"shortfall_hours", "short_intervals", "lead_gap_hours",
"veteran_gap_hours", "why_short": [{"start", "end", "group",
"shortfall_hours", "most_missing", "cause", "detail", "fix",
"hires_can_close"}], "rule_gaps": [{"start", "end", "rule", "hours",
"most_missing", "cause", "detail", "fix"}], "hires", "hire_by",
"shortfall_with_hires", "unclosable_hours", "verdict" (covered,
short_proven, short_converged or undecided: see README, a true verdict),
"search_stopped_by", "proven_shortfall_hours", ...}, "simulation": [...],
"scenarios": [as compare --json], "outputs": [paths], "notes": [...],
"warnings": [...]}. The figures are defined in README ("Figures").

With a team the roster never leaves a day without shifts for want of
leads or veterans: what the lead and veteran rules miss is reported as rule
gaps, apart from the shortfall; every short stretch gets its cause and the
smallest change that closes it; the hires are verified by re-solving the
roster with them.

The plan is checked whole before any work: its keys and values, the
channels' settings, the team's rules (inline or a file) and agents file;
every problem is listed at once as FILE:LINE:COLUMN: KEY: what was
expected.

Exit codes: 0 ok; 2 bad flags; 3 invalid plan or data (every problem, each
with its file, line and key); 4 the roster leaves a shortfall or a rule gap
that a bound proves or the converged search left (it is still written, with
the Why short sheet); 5 the roster search's time limit (team.time_limit)
ended it before it converged, with gaps no bound proves (the set is written
as with 4; a longer limit may close them); 130 interrupted (Ctrl-C or
SIGTERM): the best roster found so far is written as a complete set, or,
before the roster, nothing (the folder keeps the set it had); 1 other
errors.`,
		Example: `  peakstaff plan plan.yaml --out out/
  peakstaff plan plan.yaml --out out/ --force --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return diag.Usagef("plan needs exactly one PLAN.yaml")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.PlanFile = args[0]
			opts.ctx = cmd.Context()
			if opts.Out == "" {
				return diag.Usagef("--out DIR is required: the directory for the plan's outputs")
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "directory for the outputs (created if missing)")
	f.BoolVar(&opts.Force, "force", false, "overwrite outputs that exist")
	f.BoolVar(&opts.JSON, "json", false, "print the summary as JSON")
	f.StringVar(&opts.Lang, "lang", "", "language of the outputs and tables: en or zh (default: the plan's lang)")
	cmd.ValidArgsFunction = cmdutil.FileArgs(cmdutil.YAMLFiles...)
	cmdutil.CompleteDir(cmd, "out")
	cmdutil.CompleteWords(cmd, "lang", "en", "zh")
	return cmd
}

func planRun(opts *Options) error {
	p, err := plan.Load(opts.PlanFile)
	if err != nil {
		return err
	}
	switch opts.Lang {
	case "":
	case "en", "zh":
		p.Lang = opts.Lang
	default:
		return diag.Usagef("--lang %q: expected en or zh", opts.Lang)
	}
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := plan.Run(ctx, plan.Options{Plan: p, Out: opts.Out, Force: opts.Force, Progress: opts.IO.ErrOut})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		term.Warnf(opts.IO.ErrOut, "%s", w)
	}
	sum := res.Summary()
	if opts.JSON {
		if err := term.PrintJSON(opts.IO.Out, sum); err != nil {
			return err
		}
		return res.Short()
	}
	if err := printResult(opts.IO, res, sum); err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", n)
	}
	fmt.Fprintf(opts.IO.ErrOut, "\nResults in %s: %s\n", opts.Out, joinBase(res.Outputs))
	if ctx.Err() != nil {
		if sch := res.Schedule; sch != nil && sch.Result.Search.Stop != solve.StopInterrupted {
			return fmt.Errorf("%w: the set holds the baseline, whose roster search had ended; the scenarios were not run", diag.ErrInterrupted)
		}
		return fmt.Errorf("%w: the roster is the best found before the signal", diag.ErrInterrupted)
	}
	// the partial roster is written; its gaps are listed in the workbook
	return res.Short()
}

// printResult shows the plan's tables: the channels, the staffing groups,
// on a terminal the season day by day, the roster, the simulated service
// and the scenarios.
func printResult(ios *iostreams.IOStreams, res *plan.Result, sum plan.Summary) error {
	p := res.Plan
	if err := printSummary(ios, sum, p.Lang); err != nil {
		return err
	}
	fmt.Fprintln(ios.Out)
	if err := printGroups(ios, sum.Groups, p.Lang); err != nil {
		return err
	}
	if ios.IsStdoutTTY() {
		// day by day: required against scheduled, shortfall, service level
		day := *res.Report
		day.Warnings = nil // already on stderr
		fmt.Fprintln(ios.Out)
		if err := render.PrintSummary(ios, &day); err != nil {
			return err
		}
	}
	if r := sum.Roster; r != nil {
		if err := printRoster(ios, r, p.Lang, p.Season.Location); err != nil {
			return err
		}
	}
	if len(sum.Simulation) > 0 {
		fmt.Fprintln(ios.Out)
		if err := printSimulation(ios, sum.Simulation, p.Lang); err != nil {
			return err
		}
	}
	if len(res.Scenarios) > 0 {
		fmt.Fprintln(ios.Out)
		if err := printComparison(ios, res.Scenarios, p.Lang); err != nil {
			return err
		}
	}
	return nil
}

// printSimulation shows each channel's simulated service: the service
// level against the target, or for deferred work the share on time.
func printSimulation(ios *iostreams.IOStreams, sims []plan.SimService, lang string) error {
	L := func(k string) string { return report.T(lang, k) }
	t := term.NewTable(ios, L("channel"), L("group"), L("agents_from"), L("sim_sl"), L("target"), L("abandon_rate"), L("asa_s")).Title(L("sim_sl"))
	for _, c := range sims {
		label := c.Channel
		if c.Callbacks {
			label = fmt.Sprintf(L("closed_hours_of"), c.Channel)
		}
		if c.ServiceLevel == nil { // deferred: the share handled within the deadline
			t.Row(label, c.Group, c.Agents, fmt.Sprintf("%.1f%%", 100**c.OnTimeShare), L("within_deadline"), "", "")
			continue
		}
		t.Row(label, c.Group, c.Agents, fmt.Sprintf("%.1f%%", 100**c.ServiceLevel), fmt.Sprintf("%.0f%%/%.0fs", 100**c.Target, *c.AnswerSeconds), fmt.Sprintf("%.1f%%", 100**c.AbandonRate), fmt.Sprintf("%.1f", *c.ASASeconds))
	}
	return t.Render()
}

// maxWhyRows bounds the short stretches and rule gaps the terminal lists;
// the workbook's Why short sheet has them all.
const maxWhyRows = 12

// printRoster shows the roster's figures, the shortfall by group, why
// the roster is short stretch by stretch and the rules it cannot meet:
// the figures and names of the workbook and plan --json.
func printRoster(ios *iostreams.IOStreams, r *plan.RosterSummary, lang string, loc *time.Location) error {
	L := func(k string) string { return report.T(lang, k) }
	fmt.Fprintln(ios.Out)
	hdr := []string{L("sheet.agents"), L("shifts"), L("scheduled_hours"), L("staffed_hours"), L("lower_bound"), L("gap_to_bound"),
		L("shortfall_hours"), L("short_intervals")}
	above := L("bound_not_comparable")
	if r.AboveBoundPercent != nil {
		above = fmt.Sprintf("%.1f%%", *r.AboveBoundPercent)
	}
	row := []any{r.Agents, r.Shifts, f0(r.PaidHours), f0(r.StaffedHours), f0(r.LowerBoundHours), above,
		fmt.Sprintf("%.1f", r.ShortfallHours), r.ShortIntervals}
	if r.LeadGapHours > 0 || r.VeteranGapHours > 0 {
		hdr = append(hdr, L("lead_gap_hours"), L("veteran_gap_hours"))
		row = append(row, fmt.Sprintf("%.1f", r.LeadGapHours), fmt.Sprintf("%.1f", r.VeteranGapHours))
	}
	hdr = append(hdr, L("cost"), L("hires"))
	row = append(row, f0(r.Cost), hireList(r.Hires, r.HireBy))
	if r.ShortfallWithHires != nil {
		hdr = append(hdr, L("shortfall_with_hires"), L("unclosable_hours"))
		row = append(row, fmt.Sprintf("%.1f", *r.ShortfallWithHires), fmt.Sprintf("%.1f", *r.UnclosableHours))
	}
	t := term.NewTable(ios, hdr...).Title(L("sheet.roster"))
	t.Row(row...)
	if err := t.Render(); err != nil {
		return err
	}
	if r.ShortfallHours > 0 {
		fmt.Fprintln(ios.Out)
		st := term.NewTable(ios, L("group"), L("shortfall_hours"), L("group_channels")).Title(L("shortfall_by_group"))
		for _, g := range r.ShortfallByGroup {
			var parts []string
			for _, ch := range sortedChannels(g.ByChannel) {
				parts = append(parts, fmt.Sprintf("%s %.1f", ch, round1(g.ByChannel[ch])))
			}
			st.Row(g.Group, fmt.Sprintf("%.1f", round1(g.Hours)), strings.Join(parts, ", "))
		}
		if err := st.Render(); err != nil {
			return err
		}
	}
	if len(r.WhyShort) > 0 {
		fmt.Fprintln(ios.Out)
		wt := term.NewTable(ios, L("start"), L("end"), L("group"), L("shortfall_hours"), L("cause"), L("fix")).Title(L("why_short"))
		for i, w := range r.WhyShort {
			if i == maxWhyRows {
				wt.Footer(fmt.Sprintf("+%d", len(r.WhyShort)-maxWhyRows), "", "", "", L("sheet.why_short"), "")
				break
			}
			wt.Row(whenText(w.Start, loc), whenText(w.End, loc), w.Group, fmt.Sprintf("%.1f", w.ShortfallHours), report.CauseLabel(lang, w.Cause), w.Fix)
		}
		if err := wt.Render(); err != nil {
			return err
		}
	}
	if len(r.RuleGaps) > 0 {
		fmt.Fprintln(ios.Out)
		gt := term.NewTable(ios, L("start"), L("end"), L("rule"), L("gap_hours"), L("cause"), L("fix")).Title(L("rule_gaps"))
		for i, g := range r.RuleGaps {
			if i == maxWhyRows {
				gt.Footer(fmt.Sprintf("+%d", len(r.RuleGaps)-maxWhyRows), "", "", "", L("sheet.why_short"), "")
				break
			}
			gt.Row(whenText(g.Start, loc), whenText(g.End, loc), report.RuleLabel(lang, g.Rule), fmt.Sprintf("%.1f", g.Hours), report.CauseLabel(lang, g.Cause), g.Fix)
		}
		if err := gt.Render(); err != nil {
			return err
		}
	}
	return nil
}

// whenText is an RFC 3339 time of plan --json as the terminal shows it:
// "2026-11-20 06:00", with the UTC offset in the hour a daylight-saving
// change repeats.
func whenText(rfc string, loc *time.Location) string {
	t, err := time.Parse(time.RFC3339, rfc)
	if err != nil {
		return rfc
	}
	if report.Repeated(t, loc) {
		return t.In(loc).Format("2006-01-02 15:04 (-07:00)")
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

func joinBase(paths []string) string {
	s := ""
	for i, p := range paths {
		if i > 0 {
			s += ", "
		}
		s += filepath.Base(p)
	}
	return s
}

func printSummary(ios *iostreams.IOStreams, s plan.Summary, lang string) error {
	L := func(k string) string { return report.T(lang, k) }
	t := term.NewTable(ios, L("channel"), L("contacts"), L("aht_s"), L("peak_required"), L("avg_required"), L("required_hours")).
		Title(fmt.Sprintf("%s — %s (%s)", s.Plan, s.Season, s.TimeZone))
	var chans []string
	for ch := range s.ByChannel {
		chans = append(chans, ch)
	}
	sort.Strings(chans)
	for _, ch := range chans {
		c := s.ByChannel[ch]
		t.Row(ch, f0(c.Contacts), f0(c.AHTSeconds), c.PeakRequired, c.AvgRequired, f0(c.RequiredHours))
	}
	t.Footer("all", f0(s.Contacts), "", fmt.Sprintf("%d (%s)", s.PeakRequired, s.PeakAt), s.AvgRequired, f0(s.RequiredHours))
	return t.Render()
}

// printGroups shows each staffing group's hours and where its time goes,
// and what became of the contacts that arrived while a channel was closed.
func printGroups(ios *iostreams.IOStreams, groups []plan.GroupSummary, lang string) error {
	L := func(k string) string { return report.T(lang, k) }
	t := term.NewTable(ios, L("group"), L("group_channels"), L("required_hours"), L("agent_hours"), L("peak_required"), L("channel_shares"), L("closed_contacts")).
		Title(L("groups"))
	for _, g := range groups {
		var shares, closed []string
		for _, ch := range g.Channels {
			shares = append(shares, fmt.Sprintf("%s %.0f%%", ch, 100*g.Shares[ch]))
			if c := g.Closed[ch]; c > 0 {
				closed = append(closed, fmt.Sprintf("%s %.0f (%s %.0f, %s %.0f)", ch, c, L("closed_lost"), g.Lost[ch], L("closed_callbacks"), g.Callbacks[ch]))
			}
		}
		t.Row(g.Group, strings.Join(g.Channels, ", "), f0(g.RequiredHours), f0(g.AgentHours), g.PeakRequired, strings.Join(shares, ", "), strings.Join(closed, "; "))
	}
	return t.Render()
}

func sortedChannels(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// round1 rounds to 0.1 as the figures are shown.
func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

func f0(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
