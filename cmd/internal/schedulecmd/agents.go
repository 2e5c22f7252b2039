package schedulecmd

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// agentsHelp is the part of the help about named-agent mode.
const agentsHelp = `Named-agent mode (--requirements with --agents and --rules) builds a roster
of the people in agents.csv (package schedule/roster): shifts from the
templates of rules.yaml with their breaks, every labour rule kept, a lead
per squad, veterans at the peaks and a reserve on call. The objective
(weights of rules.yaml) puts coverage first, then staffed hours, cost and
fairness; --seed makes runs repeatable.

The requirement is either
  - the requirements CSV of peakstaff staff --out or peakstaff plan
    (interval,channel,skill,...,agents,...): the agents column, agents on
    the queue, is what the roster covers per interval with agents on duty
    (breaks excluded; shrinkage beyond breaks is not rostered). Each
    channel is a skill, or channel/skill for a row with a skill; agents.csv
    lists them in its skills column. Times carry their offset; --tz sets
    the zone of days and weeks (default: the first row's offset).
  - or start,required as in requirements-file mode: one skill named "all",
    which every agent works unless some agent lists "all" among their
    skills (then those agents and agents without skills). Times are
    wall-clock in --tz (default UTC); fractions are rounded up.
The horizon is padded to whole days with no requirement. reserve.from_gap
needs an upper (P90) requirement these files do not have: the reserve is
then reserve.agents per block (a warning says so).

agents.csv: id,name,tier,skills,team,min_hours_week,max_hours_week,
max_hours_day,availability,days_off,hourly_cost,can_lead (only id is
required); rules.yaml: preset, rest, limits, templates, breaks, leads,
veterans, reserve, weights. See testdata/roster in the repository and the
package documentation of schedule/roster for every key.

Output: a summary, per day the required and scheduled (on duty, breaks
excluded) peak agents, shortfall and excess agent-hours, the lead and
veteran checks, then per agent the shifts and the reserve on call, on a
terminal; when piped, one tab-separated row per shift and reserve duty
(the columns of --out); or --json:
  objective          the weighted objective of rules.yaml's weights
  shortage_minutes, excess_minutes   agent-minutes below and above the
                     requirement, all skills
  distinct_shifts    patterns of start time and length (of each block for
                     split shifts) used on any day
  shifts             agent-shifts
  staffed_hours      hours on shift, breaks included
  lower_bound_hours  the least staffed hours that cover the requirement
                     (linear relaxation with the same templates); null
                     without requirement
  gap_percent        staffed hours above the bound, in percent; null
                     without a bound
  unmet_intervals    [{start, skill, required, on_duty, shortfall}]
  violations         [{rule, agent_id, time, detail}] rules broken (none
                     from the solver; listed so that an empty list is a check)
  lead_gap_hours, veteran_gap_hours   lead- and veteran-hours missing: the
                     lead and veteran rules are met where the team allows,
                     never by leaving demand unstaffed
  rule_gaps          [{rule, start, end, hours, most_missing}] where
                     leads or veterans are missing, per day and stretch
  agents             [{id, name, tier, shifts: [{start, end, skill,
                     template, blocks (split shifts), breaks: [{start, end,
                     name, paid}]}]}] every agent, in file order
  reserve            [{id, start, end}] agents on call, not in coverage
  search             how the search ended, and so how sure the verdict is:
                     {verdict: covered | short_proven (a bound proves
                     the shortfall) | short_converged (the search
                     converged with gaps) | undecided (it stopped before
                     converging; a longer --time-limit may close them),
                     stopped_by: converged | time_limit | interrupted |
                     move_limit, converged, moves, budget (moves of the
                     annealing schedule), seconds, time_limit_seconds,
                     proven_shortfall_hours (no roster of the team is short
                     by less), trend: [{seconds, moves, shortfall_hours}]
                     along the search}
Times are RFC 3339 in the roster's zone. --out FILE writes plan's
roster.csv, one row per shift block and reserve duty: Agent ID, Name,
Tier, Team, Date, Start, End (local times), Hours (paid), Breaks, Lead,
Reserve.

The search runs until it converges: the annealing's schedule of moves
(2,000 per shift), then plain descent until it stalls, then a final pass
that tries every free agent on every short stretch; a roster with gaps
beyond the proven shortfall gets another round while a round lowers them.
--time-limit bounds it (default 1m plus 3ms per agent and day of the
horizon, well above the time it needs); a limit shorter than the schedule
ends it before it converges.

Exit codes: 0 ok; 2 bad flags; 3 invalid input files (file:line:column);
4 the agents cannot cover the requirement within the rules: a bound proves
the shortfall, or the search converged and left it (the roster is still
printed and written, and the unmet intervals are listed); 5 the time limit
ended the search before it converged and the gaps it left are not proven
(the roster is printed and written; stderr gives the shortfall's trend and
a longer --time-limit may close it); 1 other errors.`

// AgentSolution is the result of named-agent mode with what the outputs
// need.
type AgentSolution struct {
	Inputs *rosterio.Team
	Result *solve.Result
	// Infeasible is the solver's *roster.InfeasibleError when requirement
	// is left unmet (or the reserve short); the roster is still the best.
	Infeasible error
	// Limit is the time limit the search ran under.
	Limit time.Duration
}

// SolveAgents runs the roster solver with the options' limits; progress,
// if set, hears about it.
func SolveAgents(ctx context.Context, in *rosterio.Team, opts *Options, progress func(solve.Progress)) (*AgentSolution, error) {
	limit := opts.timeLimit(in.Model)
	res, err := solve.Solve(ctx, in.Model, solve.Options{
		Seed: opts.Seed, TimeLimit: limit, Iterations: opts.MaxEvaluations, Weights: in.Weights, Progress: progress,
	})
	sol := &AgentSolution{Inputs: in, Result: res, Limit: limit}
	if err != nil {
		if !solve.IsShort(err) || res == nil {
			if errors.Is(err, roster.ErrInvalidModel) {
				return nil, diag.As(diag.InvalidData, in.Rules.Position(err))
			}
			return nil, err
		}
		sol.Infeasible = err
	}
	return sol, nil
}

// timeLimit is the search's limit: --time-limit, or for named agents the
// default that grows with the team.
func (o *Options) timeLimit(m *roster.Model) time.Duration {
	if o.TimeLimit > 0 {
		return o.TimeLimit
	}
	return solve.DefaultTimeLimit(m)
}

// errShortRoster is returned after the output when the roster leaves
// requirement unmet: exit code 4, or 5 when the search stopped before it
// could tell (roster.ErrUndecided).
type errShortRoster struct{ err error }

func (e *errShortRoster) Error() string { return e.err.Error() }
func (e *errShortRoster) Unwrap() []error {
	if errors.Is(e.err, solve.ErrUndecided) {
		return []error{diag.ErrUndecided, e.err}
	}
	return []error{diag.ErrInfeasible, e.err}
}

func (o *Options) agentInputs() []string {
	return []string{o.Requirements, o.Agents, o.Rules}
}

func agentsRun(opts *Options) error {
	var loc *time.Location
	if opts.TZ != "" {
		l, err := time.LoadLocation(opts.TZ)
		if err != nil {
			return diag.Usagef("--tz %s: expected a time zone such as Europe/Berlin or UTC", opts.TZ)
		}
		loc = l
	}
	order, _ := dates.ParseOrder(opts.DateOrder)
	in, err := rosterio.ReadTeam(rosterio.TeamFiles{Requirement: opts.Requirements, Agents: opts.Agents, Rules: opts.Rules, Location: loc, Order: order})
	if err != nil {
		return err
	}
	for _, n := range in.Notes {
		term.Warnf(opts.IO.ErrOut, "%s", n)
	}
	bar := newProgress(opts.IO, opts.timeLimit(in.Model))
	ctx := opts.context()
	sol, err := SolveAgents(ctx, in, opts, func(p solve.Progress) {
		bar.update(shiftdesign.Progress{Elapsed: p.Elapsed, Best: p.Objective})
	})
	bar.finish()
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := outfile.WriteFileAtomic(opts.Out, opts.Force, opts.agentInputs(), sol.WriteCSV); err != nil {
			return err
		}
	}
	if opts.JSON {
		err = term.PrintJSON(opts.IO.Out, sol.Report())
	} else {
		err = sol.Print(opts.IO)
	}
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return errStopped(opts)
	}
	if sr := &sol.Result.Search; sol.Infeasible == nil && !sr.Converged() {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s after %d of its %d moves, before it converged; the roster covers the requirement, a longer --time-limit may lower its cost\n",
			stopNote(sr.Stop, sol.Limit), sr.Moves, sr.Budget)
	}
	if sol.Infeasible != nil {
		if v := sol.VerdictNote(); v != "" {
			fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", v)
		}
		if extra := sol.ExtraAgents(); extra != "" && sol.Result.Verdict != solve.VerdictUndecided {
			fmt.Fprintf(opts.IO.ErrOut, "note: to close the gap, about %s\n", extra)
		}
		return &errShortRoster{sol.Infeasible}
	}
	return nil
}

// VerdictNote says how sure the roster's gaps are: proven by a bound,
// left after the search converged, or undecided, with how far the search
// got; "" for a roster without gaps.
func (s *AgentSolution) VerdictNote() string {
	sr := &s.Result.Search
	switch s.Result.Verdict {
	case solve.VerdictProven:
		return fmt.Sprintf("at least %s agent-hours are short in any roster of this team (more required than agents who can be on duty, or hours no shift reaches)",
			num(sr.Bound.Hours))
	case solve.VerdictConverged:
		return fmt.Sprintf("the search converged (%d moves, then a final pass over every short stretch): the gaps stand with this team", sr.Moves)
	case solve.VerdictUndecided:
		ev := s.Result.Evaluation
		msg := fmt.Sprintf("%s after %d of its %d moves, before it converged: %s agent-hours short", stopNote(sr.Stop, s.Limit), sr.Moves, sr.Budget, num(ev.ShortageHours))
		if p, ok := sr.Earlier(); ok && p.Moves < sr.Moves {
			msg += fmt.Sprintf(" (%s at %.1f s, %s)", num(p.ShortageHours), p.Elapsed.Seconds(), trendWord(p.ShortageHours, ev.ShortageHours))
		}
		if ev.LeadGapHours+ev.VeteranGapHours > 0 {
			msg += fmt.Sprintf(", %s lead-hours and %s veteran-hours missing", num(ev.LeadGapHours), num(ev.VeteranGapHours))
		}
		return msg + "; not proven: a longer --time-limit may close the gaps"
	}
	return ""
}

func stopNote(stop solve.Stop, limit time.Duration) string {
	switch stop {
	case solve.StopTimeLimit:
		return fmt.Sprintf("the time limit (%v) ended the search", civil.FormatDuration(limit))
	case solve.StopInterrupted:
		return "the search was interrupted"
	}
	return "the search ended at twice its budget of moves"
}

// trendWord says which way the shortfall went from before to now.
func trendWord(before, now float64) string {
	switch {
	case now < before-1e-9:
		return "falling"
	case now > before+1e-9:
		return "rising"
	}
	return "flat"
}

// ExtraAgents says in words how many more agents of which tier would
// close the shortfall (the evaluation's estimate); "" when none.
func (s *AgentSolution) ExtraAgents() string {
	var parts []string
	for _, x := range s.Result.Evaluation.Extra {
		p := fmt.Sprintf("%d more %s agents", x.Agents, tierName(x.Tier))
		if x.CanLead {
			p += " who can lead"
		}
		if x.Skill != "" {
			p += " for " + x.Skill
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

func tierName(t roster.Tier) string {
	if t == "" {
		return string(roster.TierRegular)
	}
	return string(t)
}

// validateAgents checks the flags of named-agent mode and sets the mode.
func (o *Options) validateAgents() error {
	switch {
	case strings.TrimSpace(o.Shifts) != "":
		return diag.Usagef("--shifts and --agents: choose requirements-file mode (--shifts) or named agents (--agents, --rules)")
	case strings.TrimSpace(o.Requirements) == "":
		return diag.Usagef("--requirements: expected the requirement CSV (of peakstaff staff/plan, or start,required)")
	case strings.TrimSpace(o.Agents) == "":
		return diag.Usagef("--agents: expected the agents CSV with --rules")
	case strings.TrimSpace(o.Rules) == "":
		return diag.Usagef("--rules: expected the rules YAML with --agents")
	}
	if o.TZ != "" {
		if _, err := time.LoadLocation(o.TZ); err != nil {
			return diag.Usagef("--tz %s: expected a time zone such as Europe/Berlin or UTC", o.TZ)
		}
	}
	o.Mode = ModeAgents
	if o.Out != "" {
		return outfile.CheckOutputPath(o.Out, o.Force, o.agentInputs())
	}
	return nil
}
