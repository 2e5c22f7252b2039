// Package plancmd implements `peakstaff plan`, `peakstaff compare` and
// `peakstaff demo`: the whole job from one plan file.
package plancmd

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/cmd/internal/render"
	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/term"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/html"
	"github.com/peakstaff/peakstaff/report/ics"
	"github.com/peakstaff/peakstaff/report/xlsx"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Options are the inputs of the plan command.
type Options struct {
	IO *iostreams.IOStreams

	PlanFile string
	Out      string
	Force    bool
	JSON     bool
	Lang     string

	// dir overrides the directory the plan's paths resolve against (demo).
	dir string
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
	return cmd
}

// Run holds everything one plan run produced.
type Run struct {
	Plan     *config.Plan
	Set      *importers.Set
	Inputs   []string
	History  *forecast.History
	Forecast *forecast.Result
	Staffing *pipeline.Staffing
	Schedule *pipeline.Schedule // nil when the plan has no team
	Sim      []pipeline.SimCheck
	Warnings []string
	Notes    []string
}

// Execute runs import -> forecast -> staffing for the plan (no scenario).
func Execute(p *config.Plan, progress io.Writer) (*Run, error) {
	return ExecuteContext(context.Background(), p, progress)
}

// ExecuteContext is Execute with a context: once it is cancelled the
// roster search stops and returns the best roster found so far.
func ExecuteContext(ctx context.Context, p *config.Plan, progress io.Writer) (*Run, error) {
	step := func(format string, a ...any) {
		if progress != nil {
			fmt.Fprintf(progress, "== "+format+"\n", a...)
		}
	}
	r := &Run{Plan: p}
	step("importing %d history files", len(p.History))
	set, inputs, err := pipeline.Import(p)
	if err != nil {
		return nil, err
	}
	r.Set, r.Inputs = set, inputs
	for _, f := range set.Files {
		for _, w := range f.Warnings {
			r.Warnings = append(r.Warnings, f.Path+": "+w)
		}
		if f.ErrorCount > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: %d bad rows or values (run peakstaff import on it for the list)", f.Path, f.ErrorCount))
		}
	}
	// contacts that read but cannot be right, as import warns of them
	for _, w := range importers.Plausibility(set.All()) {
		r.Warnings = append(r.Warnings, textsafe.Message(w))
	}
	step("forecasting %s (%d contacts of history)", p.Season.Range, set.Summarize().Contacts)
	h, _, err := forecast.HistoryOf(set.All(), p.Season.Location, time.Duration(p.Season.Interval))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", importers.ErrInvalidData, err)
	}
	r.History = h
	res, err := pipeline.Forecast(p, h, nil)
	if err != nil {
		return nil, err
	}
	r.Forecast = res
	r.Warnings = append(r.Warnings, res.Warnings...)
	r.Notes = append(r.Notes, res.Notes...)
	step("computing the agents needed per interval")
	st, err := pipeline.Staff(p, res, nil)
	if err != nil {
		return nil, err
	}
	r.Staffing = st
	r.Notes = append(r.Notes, st.Notes...)
	if st.Infeasible != nil {
		r.Warnings = append(r.Warnings, st.Infeasible.Error())
	}
	if p.Team != nil {
		if p.Team.TimeLimit > 0 {
			step("building the roster (time limit %s)", time.Duration(p.Team.TimeLimit))
		} else {
			step("building the roster (until the search converges)")
		}
		outfile.TestPauseContext(ctx, "roster")
		last := time.Now()
		sch, err := pipeline.BuildRoster(ctx, p, st, pipeline.RosterOptions{Progress: func(pr roster.Progress) {
			if progress != nil && time.Since(last) > 2*time.Second {
				last = time.Now()
				fmt.Fprintf(progress, "   %s %.0fs objective %.0f, %d shifts\n", pr.Stage, pr.Elapsed.Seconds(), pr.Objective, pr.Shifts)
			}
		}})
		if err != nil {
			return nil, err
		}
		r.Schedule = sch
		if ev := sch.Result.Evaluation; ev != nil && len(ev.Unmet) > 0 {
			short := map[int64]bool{}
			for _, u := range ev.Unmet {
				short[u.Start.Unix()] = true
			}
			r.Warnings = append(r.Warnings, fmt.Sprintf("the roster leaves %d intervals short (%.1f agent-hours); the Why short sheet says why", len(short), ev.ShortageHours))
		}
		if ev := sch.Result.Evaluation; ev != nil && len(ev.RuleGaps) > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("the team cannot meet the lead and veteran rules everywhere: %.1f lead-hours and %.1f veteran-hours missing (Why short sheet)",
				ev.LeadGapHours, ev.VeteranGapHours))
		}
		if sch.HireNote != "" {
			r.Notes = append(r.Notes, sch.HireNote)
		}
	}
	step("simulating the live channels interval by interval")
	sims, err := pipeline.Simulate(st, r.Schedule, 1)
	if err != nil {
		return nil, err
	}
	r.Sim = sims
	for _, c := range sims {
		switch {
		case c.Live && c.ServiceLevel < c.TargetSL-0.05:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: simulated service level %.1f%% against a target of %.0f%% in %.0f s", c.Channel, 100*c.ServiceLevel, 100*c.TargetSL, c.AnswerSeconds))
		case !c.Live && c.Offered > 0 && c.OnTimeShare < require.DefaultGroupOptions.MinOnTime:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: %.1f%% of the simulated items answered within the deadline (%d late)", c.Channel, 100*c.OnTimeShare, c.Late))
		}
	}
	return r, nil
}

func planRun(opts *Options) error {
	dir := opts.dir
	if dir == "" {
		dir = filepath.Dir(opts.PlanFile)
	}
	p, err := config.LoadPlanIn(opts.PlanFile, dir)
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
	// no output may overwrite a file the plan reads
	inputs := []string{opts.PlanFile}
	for _, h := range p.History {
		inputs = append(inputs, p.Resolve(h.File))
	}
	if p.Types != "" {
		inputs = append(inputs, p.Resolve(p.Types))
	}
	if o := p.Forecast.Orders; o != nil {
		inputs = append(inputs, p.Resolve(o.File))
	}
	if t := p.Team; t != nil {
		if t.Agents != "" {
			inputs = append(inputs, p.Resolve(t.Agents))
		}
		if t.Rules.Kind == yaml.ScalarNode && t.Rules.Value != "" {
			inputs = append(inputs, p.Resolve(t.Rules.Value))
		}
	}
	// every output is checked and the folder locked before any work; the
	// set is written aside and moved into place whole at the end
	set, err := outfile.BeginOutputSet(opts.Out, planOutputs, opts.Force, inputs)
	if err != nil {
		return err
	}
	defer set.Abort()
	outfile.TestPause("begun")
	run, err := ExecuteContext(ctx, p, opts.IO.ErrOut)
	if ctx.Err() != nil && (err != nil || run.Schedule == nil) {
		return fmt.Errorf("%w: nothing written, %s holds the set it had", diag.ErrInterrupted, opts.Out)
	}
	if err != nil {
		return err
	}
	var outputs []string
	write := func(name string, fill func(w io.Writer) error) error {
		if err := outfile.WriteFileAtomic(filepath.Join(set.Stage, name), true, inputs, fill); err != nil {
			return err
		}
		outputs = append(outputs, filepath.Join(opts.Out, name))
		outfile.TestPause("staged " + name)
		return nil
	}
	if err := write("contacts.csv", func(w io.Writer) error { return importers.WriteCSV(w, run.Set.All()) }); err != nil {
		return err
	}
	if err := write("forecast.csv", func(w io.Writer) error {
		return forecast.WriteIntervalsCSV(w, run.Forecast, p.Forecast.Quantile)
	}); err != nil {
		return err
	}
	if err := write("requirements.csv", func(w io.Writer) error {
		return require.WriteRequirementsCSV(w, run.Staffing.Plan)
	}); err != nil {
		return err
	}
	var scenarios []*config.Scenario
	for i := range p.Scenarios {
		scenarios = append(scenarios, &p.Scenarios[i])
	}
	var compared []pipeline.Summary
	if len(scenarios) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "== running %d scenarios\n", len(scenarios))
		if compared, err = CompareRun(run, scenarios); err != nil {
			return err
		}
	}
	model := buildModel(run, compared, time.Now())
	if err := writeReport(set.Stage, opts.Out, model, inputs, &outputs); err != nil {
		return err
	}
	if err := set.Commit(manifest(opts.PlanFile, inputs)); err != nil {
		return err
	}
	outputs = append(outputs, filepath.Join(opts.Out, outfile.ManifestName))
	for _, w := range run.Warnings {
		term.Warnf(opts.IO.ErrOut, "%s", w)
	}
	sum := summarize(run, outputs)
	sum.Scenarios = compared
	if opts.JSON {
		if err := term.PrintJSON(opts.IO.Out, sum); err != nil {
			return err
		}
		if run.Schedule != nil && run.Schedule.Infeasible != nil {
			return run.Schedule.Infeasible
		}
		return nil
	}
	if err := printSummary(opts.IO, sum, p.Lang); err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out)
	if err := printGroups(opts.IO, sum.Groups, p.Lang); err != nil {
		return err
	}
	if opts.IO.IsStdoutTTY() {
		// day by day: required against scheduled, shortfall, service level
		day := *model
		day.Warnings = nil // already on stderr
		fmt.Fprintln(opts.IO.Out)
		if err := render.PrintSummary(opts.IO, &day); err != nil {
			return err
		}
	}
	if r := sum.Roster; r != nil {
		if err := printRoster(opts.IO, r, p.Lang, p.Season.Location); err != nil {
			return err
		}
	}
	if len(sum.Simulation) > 0 {
		fmt.Fprintln(opts.IO.Out)
		L := func(k string) string { return report.T(p.Lang, k) }
		t := term.NewTable(opts.IO, L("channel"), L("group"), L("agents_from"), L("sim_sl"), L("target"), L("abandon_rate"), L("asa_s")).Title(L("sim_sl"))
		for _, c := range sum.Simulation {
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
		if err := t.Render(); err != nil {
			return err
		}
	}
	if len(compared) > 0 {
		fmt.Fprintln(opts.IO.Out)
		if err := printComparison(opts.IO, compared, p.Lang); err != nil {
			return err
		}
	}
	for _, n := range run.Notes {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", n)
	}
	fmt.Fprintf(opts.IO.ErrOut, "\nResults in %s: %s\n", opts.Out, joinBase(outputs))
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the roster is the best found before the signal", diag.ErrInterrupted)
	}
	if run.Schedule != nil && run.Schedule.Infeasible != nil {
		// the partial roster is written; its gaps are listed in the workbook
		return run.Schedule.Infeasible
	}
	return nil
}

// maxWhyRows bounds the short stretches and rule gaps the terminal lists;
// the workbook's Why short sheet has them all.
const maxWhyRows = 12

// printRoster shows the roster's figures, the shortfall by group, why
// the roster is short stretch by stretch and the rules it cannot meet:
// the figures and names of the workbook and plan --json.
func printRoster(ios *iostreams.IOStreams, r *rosterSummary, lang string, loc *time.Location) error {
	L := func(k string) string { return report.T(lang, k) }
	fmt.Fprintln(ios.Out)
	hdr := []string{L("sheet.agents"), L("shifts"), L("scheduled_hours"), L("staffed_hours"), L("lower_bound"), L("gap_to_bound"),
		L("shortfall_hours"), L("short_intervals")}
	row := []any{r.Agents, r.Shifts, f0(r.PaidHours), f0(r.StaffedHours), f0(r.LowerBoundHours), fmt.Sprintf("%.1f%%", r.AboveBoundPercent),
		fmt.Sprintf("%.1f", r.ShortfallHours), r.ShortIntervals}
	if r.LeadGapHours > 0 || r.VeteranGapHours > 0 {
		hdr = append(hdr, L("lead_gap_hours"), L("veteran_gap_hours"))
		row = append(row, fmt.Sprintf("%.1f", r.LeadGapHours), fmt.Sprintf("%.1f", r.VeteranGapHours))
	}
	hdr = append(hdr, L("cost"), L("hires"))
	hire := ""
	for _, tier := range sortedTiers(r.Hires) {
		hire += fmt.Sprintf("%d %s by %s ", r.Hires[tier], tier, r.HireBy[tier])
	}
	row = append(row, f0(r.Cost), strings.TrimSpace(hire))
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

type channelSummary struct {
	Contacts      float64 `json:"contacts"`
	PeakRequired  int     `json:"peak_required"`
	AvgRequired   float64 `json:"avg_required"`
	RequiredHours float64 `json:"required_hours"`
	AHTSeconds    float64 `json:"aht_seconds"`
}

// groupSummary is one staffing group: agents who serve all its channels.
type groupSummary struct {
	Group    string   `json:"group"`
	Channels []string `json:"channels"`
	// RequiredHours are paid hours (agent-hours on the queue / (1 -
	// shrinkage)), PeakRequired the most scheduled agents in an interval.
	RequiredHours float64 `json:"required_hours"`
	AgentHours    float64 `json:"agent_hours"`
	PeakRequired  int     `json:"peak_required"`
	// Shares of the group's busy time per channel.
	Shares map[string]float64 `json:"channel_shares"`
	// Per channel: contacts that arrived while it was closed, lost, or
	// answered after the opening; deferred items late.
	Closed    map[string]float64 `json:"closed_contacts"`
	Lost      map[string]float64 `json:"lost"`
	Callbacks map[string]float64 `json:"callbacks"`
	Late      map[string]float64 `json:"late"`
}

type planSummary struct {
	Plan          string                    `json:"plan"`
	Season        string                    `json:"season"`
	TimeZone      string                    `json:"time_zone"`
	Contacts      float64                   `json:"contacts"`
	ByChannel     map[string]channelSummary `json:"by_channel"`
	PeakRequired  int                       `json:"peak_required"`
	PeakAt        string                    `json:"peak_at"`
	AvgRequired   float64                   `json:"avg_required"`
	RequiredHours float64                   `json:"required_hours"`
	Groups        []groupSummary            `json:"groups"`
	Roster        *rosterSummary            `json:"roster,omitempty"`
	Simulation    []simJSON                 `json:"simulation"`
	Scenarios     []pipeline.Summary        `json:"scenarios,omitempty"`
	Outputs       []string                  `json:"outputs"`
	Notes         []string                  `json:"notes"`
	Warnings      []string                  `json:"warnings"`
}

func summarize(run *Run, outputs []string) planSummary {
	s := planSummary{Plan: run.Plan.Name, Season: run.Plan.Season.Range.String(), TimeZone: run.Plan.Season.TimeZone,
		ByChannel: map[string]channelSummary{}, Outputs: outputs, Notes: run.Notes, Warnings: run.Warnings}
	if s.Notes == nil {
		s.Notes = []string{}
	}
	if s.Warnings == nil {
		s.Warnings = []string{}
	}
	for _, r := range run.Staffing.Plan.Requirements {
		cs := channelSummary{PeakRequired: r.PeakScheduled, RequiredHours: round1(r.ScheduledHours)}
		work, open := 0.0, 0
		sum := 0
		for _, iv := range r.Intervals {
			cs.Contacts += iv.Contacts
			work += iv.Contacts * iv.AHTSeconds
			sum += iv.Scheduled
			open++
		}
		if cs.Contacts > 0 {
			cs.AHTSeconds = round1(work / cs.Contacts)
		}
		if open > 0 {
			cs.AvgRequired = round1(float64(sum) / float64(open))
		}
		s.Contacts += cs.Contacts
		cs.Contacts = math.Round(cs.Contacts) // whole contacts
		s.ByChannel[r.Channel] = cs
	}
	s.Groups = summarizeGroups(run.Staffing.Plan.Groups)
	for _, g := range run.Staffing.Plan.Groups {
		s.RequiredHours += g.ScheduledHours // one definition: the groups' paid hours
	}
	total, n := 0, 0
	for _, c := range run.Staffing.Plan.Combined {
		if c.Scheduled > s.PeakRequired {
			s.PeakRequired = c.Scheduled
			s.PeakAt = c.Start.In(run.Plan.Season.Location).Format("2006-01-02 15:04")
		}
		total += c.Scheduled
		n++
	}
	if n > 0 {
		s.AvgRequired = round1(float64(total) / float64(n))
	}
	s.Contacts = math.Round(s.Contacts)
	s.RequiredHours = round1(s.RequiredHours)
	s.Simulation = []simJSON{}
	for _, c := range run.Sim {
		src := "requirement"
		if c.FromRoster {
			src = "roster"
		}
		j := simJSON{Channel: c.Channel, Callbacks: c.Callback, Group: c.Group, Agents: src, Calls: c.Offered}
		if c.Live {
			j.ServiceLevel, j.Target, j.AnswerSeconds = ptr(round3(c.ServiceLevel)), ptr(c.TargetSL), ptr(c.AnswerSeconds)
			j.AbandonRate, j.ASASeconds = ptr(round3(c.AbandonRate)), ptr(round1(c.ASASeconds))
		} else {
			j.OnTimeShare, j.Late = ptr(math.Round(c.OnTimeShare*10000)/10000), &c.Late
		}
		s.Simulation = append(s.Simulation, j)
	}
	if sch := run.Schedule; sch != nil && sch.Result.Evaluation != nil {
		ev := sch.Result.Evaluation
		rt := rosterTotals(run)
		rs := &rosterSummary{Agents: len(sch.Model.Agents), Shifts: len(sch.Result.Roster.Shifts),
			PaidHours: round1(ev.PaidHours), StaffedHours: rt.StaffedHours, LowerBoundHours: rt.LowerBoundHours,
			AboveBoundPercent: round1(100 * rt.AboveBound), ShortfallHours: rt.ShortfallHours, ShortIntervals: rt.ShortIntervals,
			LeadGapHours: rt.LeadGapHours, VeteranGapHours: rt.VeteranGapHours,
			Violations: len(ev.Violations), Cost: round1(ev.Cost), Hires: sch.Hires, HireBy: map[string]string{},
			WhyShort: []whyJSON{}, RuleGaps: []ruleGapJSON{}, Verdict: string(sch.Result.Verdict),
			SearchStoppedBy: string(sch.Result.Search.Stop), ProvenShortfallHours: round1(sch.Result.Search.Bound.Hours)}
		if rt.HiresChecked {
			rs.ShortfallWithHires, rs.UnclosableHours = &rt.ShortfallWithHires, &rt.UnclosableHours
		}
		for t, d := range sch.HireBy {
			rs.HireBy[t] = d.Format("2006-01-02")
		}
		loc := run.Plan.Season.Location
		stamp := func(t time.Time) string { return t.In(loc).Format(time.RFC3339) }
		for _, u := range ev.Unmet {
			rs.Unmet = append(rs.Unmet, unmetJSON{Start: stamp(u.Start), Skill: u.Skill,
				Required: u.Required, OnDuty: u.OnDuty, Shortfall: u.Shortfall})
		}
		why, gaps := whyShort(sch)
		for _, w := range why {
			rs.WhyShort = append(rs.WhyShort, whyJSON{Start: stamp(w.Start), End: stamp(w.End), Group: w.Group, ShortfallHours: round1(w.AgentHours),
				Most: w.Most, Cause: w.Cause, Detail: w.Detail, Fix: w.Fix, HiresCanClose: w.HiresCanClose})
		}
		for _, g := range gaps {
			rs.RuleGaps = append(rs.RuleGaps, ruleGapJSON{Start: stamp(g.Start), End: stamp(g.End), Rule: g.Rule, Hours: round1(g.Hours),
				Most: g.Most, Cause: g.Cause, Detail: g.Detail, Fix: g.Fix})
		}
		rs.ShortfallByGroup = pipeline.ShortfallByGroup(run.Staffing, sch)
		s.Roster = rs
	}
	return s
}

// simJSON is one channel's simulated service: live channels have the
// service level, target, abandon rate and ASA; deferred channels (and the
// callbacks of closed hours) the share handled by the deadline.
type simJSON struct {
	Channel string `json:"channel"`
	// Callbacks: the callbacks and tickets of the channel's closed hours.
	Callbacks     bool     `json:"callbacks,omitempty"`
	Group         string   `json:"group"`
	Agents        string   `json:"agents"` // "roster" or "requirement"
	ServiceLevel  *float64 `json:"service_level,omitempty"`
	Target        *float64 `json:"target,omitempty"`
	AnswerSeconds *float64 `json:"answer_seconds,omitempty"`
	AbandonRate   *float64 `json:"abandon_rate,omitempty"`
	ASASeconds    *float64 `json:"asa_seconds,omitempty"`
	OnTimeShare   *float64 `json:"on_time_share,omitempty"`
	Late          *int64   `json:"late,omitempty"`
	Calls         int64    `json:"calls_simulated"`
}

func ptr[T any](x T) *T { return &x }

type unmetJSON struct {
	Start     string `json:"start"`
	Skill     string `json:"skill"`
	Required  int    `json:"required"`
	OnDuty    int    `json:"on_duty"`
	Shortfall int    `json:"shortfall"`
}

// rosterSummary is the roster in plan --json, its figures named and
// defined as in README's "Figures" (the workbook's and report's too).
type rosterSummary struct {
	Agents            int         `json:"agents"`
	Shifts            int         `json:"shifts"`
	PaidHours         float64     `json:"paid_hours"`
	StaffedHours      float64     `json:"staffed_hours"`
	LowerBoundHours   float64     `json:"lower_bound_hours"`
	AboveBoundPercent float64     `json:"above_bound_percent"`
	ShortfallHours    float64     `json:"shortfall_hours"`
	ShortIntervals    int         `json:"short_intervals"`
	Unmet             []unmetJSON `json:"unmet,omitempty"`
	// ShortfallByGroup splits ShortfallHours per staffing group and channel.
	ShortfallByGroup []pipeline.GroupShortfall `json:"shortfall_by_group"`
	// The rule gaps, apart from the shortfall.
	LeadGapHours    float64 `json:"lead_gap_hours"`
	VeteranGapHours float64 `json:"veteran_gap_hours"`
	// WhyShort and RuleGaps are the stretches and their causes.
	WhyShort   []whyJSON     `json:"why_short"`
	RuleGaps   []ruleGapJSON `json:"rule_gaps"`
	Violations int           `json:"violations"`
	Cost       float64       `json:"cost"`
	// Hires are verified by re-solving with them: ShortfallWithHires is
	// what that roster leaves, UnclosableHours what no hire closes.
	Hires              map[string]int    `json:"hires,omitempty"`
	HireBy             map[string]string `json:"hire_by,omitempty"`
	ShortfallWithHires *float64          `json:"shortfall_with_hires,omitempty"`
	UnclosableHours    *float64          `json:"unclosable_hours,omitempty"`
	// Verdict is how sure the gaps are (roster.Verdict), from how the
	// search stopped and the shortfall no roster avoids.
	Verdict              string  `json:"verdict"`
	SearchStoppedBy      string  `json:"search_stopped_by"`
	ProvenShortfallHours float64 `json:"proven_shortfall_hours"`
}

// whyJSON is a short stretch and its cause.
type whyJSON struct {
	Start          string  `json:"start"`
	End            string  `json:"end"`
	Group          string  `json:"group"`
	ShortfallHours float64 `json:"shortfall_hours"`
	Most           int     `json:"most_missing"`
	Cause          string  `json:"cause"`
	Detail         string  `json:"detail"`
	Fix            string  `json:"fix"`
	HiresCanClose  bool    `json:"hires_can_close"`
}

// ruleGapJSON is a stretch with leads or veterans missing, and why.
type ruleGapJSON struct {
	Start  string  `json:"start"`
	End    string  `json:"end"`
	Rule   string  `json:"rule"`
	Hours  float64 `json:"hours"`
	Most   int     `json:"most_missing"`
	Cause  string  `json:"cause"`
	Detail string  `json:"detail"`
	Fix    string  `json:"fix"`
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }
func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }

func printSummary(ios *iostreams.IOStreams, s planSummary, lang string) error {
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

func summarizeGroups(groups []require.GroupRequirement) []groupSummary {
	out := []groupSummary{}
	for _, g := range groups {
		gs := groupSummary{Group: g.Name, Channels: g.Channels, RequiredHours: round1(g.ScheduledHours), AgentHours: round1(g.AgentHours),
			PeakRequired: g.PeakScheduled, Shares: map[string]float64{}, Closed: map[string]float64{}, Lost: map[string]float64{},
			Callbacks: map[string]float64{}, Late: map[string]float64{}}
		for _, o := range g.Outcomes {
			gs.Shares[o.Channel] = math.Round(o.Share*1000) / 1000
			if o.ClosedContacts > 0 {
				gs.Closed[o.Channel], gs.Lost[o.Channel], gs.Callbacks[o.Channel] = round1(o.ClosedContacts), round1(o.Lost), round1(o.Callbacks)
			}
			if o.Late > 0 {
				gs.Late[o.Channel] = round1(o.Late)
			}
		}
		out = append(out, gs)
	}
	return out
}

// printGroups shows each staffing group's hours and where its time goes,
// and what became of the contacts that arrived while a channel was closed.
func printGroups(ios *iostreams.IOStreams, groups []groupSummary, lang string) error {
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

func f0(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }

// planOutputs are every name a plan may write into --out; a set that
// has no roster removes an earlier set's roster.csv and ics/.
var planOutputs = []string{"contacts.csv", "forecast.csv", "requirements.csv", "plan.xlsx", "report.html", "roster.csv", "ics"}

// manifest lists the plan's inputs with their sizes and hashes.
func manifest(planFile string, inputs []string) outfile.Manifest {
	m := outfile.Manifest{Version: outfile.Version, Created: time.Now().UTC().Truncate(time.Second)}
	if h, err := outfile.HashFile(planFile); err == nil {
		m.PlanHash = h.SHA256
	}
	for _, in := range inputs {
		if h, err := outfile.HashFile(in); err == nil {
			m.Inputs = append(m.Inputs, h)
		}
	}
	return m
}

// writeReport writes the workbook and the HTML report (and, once the plan
// has a roster, the calendars and the roster CSV) into stage; outputs
// get their final paths in dir.
func writeReport(stage, dir string, m *report.Model, inputs []string, outputs *[]string) error {
	if err := m.Validate(); err != nil {
		return err
	}
	write := func(name string, fill func(io.Writer) error) error {
		return outfile.WriteFileAtomic(filepath.Join(stage, name), true, inputs, fill)
	}
	if err := write("plan.xlsx", func(w io.Writer) error { return xlsx.Write(w, m) }); err != nil {
		return err
	}
	if err := write("report.html", func(w io.Writer) error { return html.Write(w, m) }); err != nil {
		return err
	}
	*outputs = append(*outputs, filepath.Join(dir, "plan.xlsx"), filepath.Join(dir, "report.html"))
	if len(m.Agents) > 0 {
		if err := report.WriteRosterCSV(m, filepath.Join(stage, "roster.csv"), true, inputs); err != nil {
			return err
		}
		cals, err := ics.Calendars(m)
		if err != nil {
			return err
		}
		if len(cals) > 0 {
			if err := os.MkdirAll(filepath.Join(stage, "ics"), 0o755); err != nil {
				return err
			}
		}
		for _, c := range cals {
			if err := write(filepath.Join("ics", c.Name), c.Write); err != nil {
				return err
			}
		}
		*outputs = append(*outputs, filepath.Join(dir, "roster.csv"), filepath.Join(dir, "ics"))
	}
	return nil
}
