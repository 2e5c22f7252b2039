package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/require"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// defaultCosts per paid hour by tier, for generated teams without costs.
var defaultCosts = map[string]float64{"veteran": 30, "regular": 24, "new": 20, "all-hands": 22, "outsourced": 26}

// defaultOnboarding is the days from hiring to a first shift per tier
// (onboarding and training take two to four weeks in support teams, so
// hiring starts before the peak).
var defaultOnboarding = map[string]int{"veteran": 42, "regular": 28, "new": 21, "all-hands": 7, "outsourced": 14}

// Schedule is the roster of one run and what it says about hiring.
type Schedule struct {
	Model  *roster.Model
	Result *solve.Result
	// Infeasible is set when the team cannot cover every interval or
	// leaves leads or veterans missing (roster.ErrInfeasible), or the
	// search stopped before it could tell (roster.ErrUndecided); the
	// roster is still the best found.
	Infeasible error
	// Explanation is why the roster stays short where it does, stretch
	// by stretch, and why its rule gaps stay open.
	Explanation *solve.Explanation
	// HirePlan is the hires verified by re-solving (nil when nothing is
	// short or the search was not run); Hires and HireBy sum it per tier.
	HirePlan *solve.HirePlan
	Hires    map[string]int
	HireBy   map[string]time.Time
	HireNote string
}

// RosterOptions tune BuildRoster.
type RosterOptions struct {
	// Extra are a scenario's extra hires per tier.
	Extra map[string]int
	// Limit is the search's time limit (0: the plan's team.time_limit,
	// and without one roster.DefaultTimeLimit, which grows with the team).
	Limit time.Duration
	// Start is a roster to start from (a scenario starts from the
	// baseline's, so that more agents never leave it worse).
	Start *roster.Roster
	// Today dates the hiring: a hire can work from today plus the tier's
	// onboarding, or the season's first day if later (zero: the season's
	// first day).
	Today time.Time
	// HireSolves caps the re-solves of the hire search per kind (0: 6;
	// negative: no search, no hires).
	HireSolves int
	// SkipBound leaves out the lower bound (a few seconds on a big team)
	// where it is not shown: the scenario table.
	SkipBound bool
	Progress  func(solve.Progress)
}

// Team builds the agents: the agents file, or a generated team of the
// plan's size per tier with every channel as a skill.
func Team(p *config.Plan, channels []string, extra map[string]int) ([]roster.Agent, error) {
	t := p.Team
	var agents []roster.Agent
	count := map[string]int{}
	if t.Agents != "" {
		path := p.Resolve(t.Agents)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if agents, err = rosterio.ReadAgentsCSV(bytes.NewReader(data), path); err != nil {
			return nil, err
		}
	} else {
		for _, tier := range roster.Tiers {
			n := t.Size[string(tier)]
			for i := 1; i <= n; i++ {
				agents = append(agents, GeneratedAgent(string(tier), i, channels, cost(t, string(tier))))
			}
			count[string(tier)] = n
		}
	}
	// a scenario's extra hires, numbered after the team's own
	for _, tier := range roster.Tiers {
		for i := 1; i <= extra[string(tier)]; i++ {
			a := GeneratedAgent(string(tier), count[string(tier)]+i, channels, cost(t, string(tier)))
			a.ID = "hire-" + a.ID
			agents = append(agents, a)
		}
	}
	return agents, nil
}

// GeneratedAgent is the i-th agent of a tier in a generated team
// (config.GeneratedAgent, which the plan's check builds too).
func GeneratedAgent(tier string, i int, channels []string, hourly float64) roster.Agent {
	return config.GeneratedAgent(tier, i, channels, hourly)
}

func cost(t *config.TeamSpec, tier string) float64 {
	if c, ok := t.Costs[tier]; ok {
		return c
	}
	return defaultCosts[tier]
}

// RosterModel assembles the roster model: the team, the rules and the
// requirement of every channel (agents on the queue per interval, breaks
// excluded: shrinkage beyond breaks is covered by the reserve and by hiring).
func RosterModel(p *config.Plan, st *Staffing, extra map[string]int) (*roster.Model, roster.Weights, error) {
	var channels []string
	for _, r := range st.Plan.Requirements {
		channels = append(channels, r.Channel)
	}
	agents, err := Team(p, channels, extra)
	if err != nil {
		return nil, roster.Weights{}, err
	}
	m := &roster.Model{Agents: agents}
	weights := roster.DefaultWeights()
	rf, err := p.Team.ReadRules(p)
	if err != nil {
		return nil, weights, err
	}
	if rf != nil {
		m.Rules, m.Templates, m.Breaks = rf.Rules, rf.Templates, rf.Breaks
		m.Leads, m.Veterans, m.Reserve = rf.Leads, rf.Veterans, rf.Reserve
		if rf.Weights != (roster.Weights{}) {
			weights = rf.Weights
		}
	} else {
		rules, breaks, err := roster.Preset("eu")
		if err != nil {
			return nil, weights, err
		}
		m.Rules, m.Breaks = rules, breaks
	}
	if len(m.Templates) == 0 {
		return nil, weights, fmt.Errorf("%s: %w: team.rules has no shift templates", p.Path, config.ErrInvalid)
	}
	// the one requirement-to-demand conversion, as schedule --agents reads
	// the plan's requirements.csv
	if m.Demand, err = rosterio.DemandOf(rosterio.PlanSeries(&st.Plan), nil); err != nil {
		return nil, weights, err
	}
	rosterio.GroupSkills(m.Agents, rosterio.PlanGroups(&st.Plan))
	if m.Reserve.FromGap {
		if err := upperDemand(p, st, m); err != nil {
			return nil, weights, err
		}
	}
	return m, weights, nil
}

// upperQuantile is the forecast quantile the reserve's gap is measured
// to (reserve.from_gap): the P90 band.
const upperQuantile = 0.9

// upperDemand gives every group of the roster's demand its upper series
// for reserve.from_gap: the requirement plus the agents the forecast's
// P90 needs above the staffed quantile, both computed the analytic way
// (Erlang and the deferred backlog, without the simulated correction, so
// that the gap is the forecast's and not the simulation's noise). A plan
// staffed at P90 or above has no gap; the reserve is then reserve.agents.
func upperDemand(p *config.Plan, st *Staffing, m *roster.Model) error {
	q := p.Forecast.Quantile
	if sc := st.Scenario; sc != nil && sc.Quantile > 0 {
		q = sc.Quantile
	}
	gap := map[string][]int{}
	if st.Forecast != nil && q < upperQuantile {
		at := func(q float64) (require.Plan, error) {
			demands, _ := Demands(p, st.Forecast, st.Scenario, q)
			var channels []string
			for _, d := range demands {
				channels = append(channels, d.Channel)
			}
			pols, err := Policies(p, channels, st.Scenario)
			if err != nil {
				return require.Plan{}, fmt.Errorf("%s: %w: %w", p.Path, config.ErrInvalid, err)
			}
			groups, err := TeamGroups(p, channels)
			if err != nil {
				return require.Plan{}, err
			}
			plan, err := require.ComputeGroups(demands, pols, groups, require.GroupOptions{})
			if err != nil && !errors.Is(err, deferred.ErrInfeasible) {
				return require.Plan{}, err
			}
			return plan, nil
		}
		lo, err := at(q)
		if err != nil {
			return err
		}
		hi, err := at(upperQuantile)
		if err != nil {
			return err
		}
		for gi, g := range hi.Groups {
			if gi >= len(lo.Groups) || lo.Groups[gi].Name != g.Name {
				continue
			}
			d := make([]int, len(g.Intervals))
			for i := range d {
				if i < len(lo.Groups[gi].Intervals) {
					d[i] = max(0, g.Intervals[i].Agents-lo.Groups[gi].Intervals[i].Agents)
				}
			}
			gap[g.Name] = d
		}
	}
	for k := range m.Demand.Skills {
		sd := &m.Demand.Skills[k]
		sd.Upper = make([]int, len(sd.Required))
		for i, r := range sd.Required {
			sd.Upper[i] = r
			if g := gap[sd.Skill]; i < len(g) {
				sd.Upper[i] += g[i]
			}
		}
	}
	return nil
}

// BuildRoster solves the roster of the plan's team against a staffing
// requirement, explains what stays short, and finds the hires that close
// it by re-solving with them (solve.PlanHires).
func BuildRoster(ctx context.Context, p *config.Plan, st *Staffing, o RosterOptions) (*Schedule, error) {
	m, weights, err := RosterModel(p, st, o.Extra)
	if err != nil {
		return nil, err
	}
	limit := o.Limit
	if limit <= 0 {
		limit = time.Duration(p.Team.TimeLimit)
	}
	if limit <= 0 {
		limit = solve.DefaultTimeLimit(m)
	}
	opt := solve.Options{Seed: p.Team.Seed, TimeLimit: limit, Weights: weights, Progress: o.Progress, Start: o.Start, SkipBound: o.SkipBound}
	res, err := solve.Solve(ctx, m, opt)
	s := &Schedule{Model: m, Result: res}
	if err != nil {
		if !solve.IsShort(err) || res == nil {
			return nil, err
		}
		s.Infeasible = err
	}
	if s.Explanation, err = solve.Explain(m, res); err != nil {
		return nil, err
	}
	if o.HireSolves >= 0 && s.Infeasible != nil {
		if err := s.planHires(ctx, p, opt, o); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// hireKind is a hire of a tier as the plan's generated agents are, minus
// the weekly minimum (a hire's hours go where the gap is), trained on
// every channel, able to work from the later of the season's first day
// and today plus the tier's onboarding.
func hireKind(p *config.Plan, m *roster.Model, tier string, lead bool, today time.Time) (solve.HireKind, time.Time) {
	var channels []string
	for _, sk := range m.Demand.Skills {
		channels = append(channels, sk.Skill)
	}
	a := GeneratedAgent(tier, 0, channels, cost(p.Team, tier))
	a.MinWeekly, a.CanLead, a.Skills = 0, lead, nil // every skill of the demand
	days := onboarding(p, tier)
	first := p.Season.Range.Start
	from := first
	if !today.IsZero() {
		if ready := civil.DateOf(today.In(p.Season.Location)).AddDays(days); ready.After(first) {
			from = ready
		}
	}
	by := from.AddDays(-days).Midnight(p.Season.Location)
	k := solve.HireKind{Name: tier, Agent: a}
	if from != first {
		k.From = civil.Date{Year: from.Year, Month: from.Month, Day: from.Day}
	}
	if lead {
		k.Name = "lead"
	}
	return k, by
}

func onboarding(p *config.Plan, tier string) int {
	if d, ok := p.Team.Onboarding[tier]; ok {
		return d
	}
	return defaultOnboarding[tier]
}

// planHires runs the hire search: the plan's hire tier for the
// shortfall, veterans who lead for the lead gaps, veterans for the
// veteran gaps; each re-solve has a quarter of the first solve's budget
// and starts from the roster before.
func (s *Schedule) planHires(ctx context.Context, p *config.Plan, opt solve.Options, o RosterOptions) error {
	tier := p.Team.HireTier
	if tier == "" {
		tier = "new"
	}
	m := s.Model
	short, shortBy := hireKind(p, m, tier, false, o.Today)
	hopt := solve.HireOptions{Shortfall: short, MaxSolves: o.HireSolves}
	ev := s.Result.Evaluation
	var leadBy, vetBy time.Time
	if ev.LeadGapHours > 0 {
		k, b := hireKind(p, m, "veteran", true, o.Today)
		hopt.Leads, leadBy = &k, b
	}
	if ev.VeteranGapHours > 0 {
		k, b := hireKind(p, m, "veteran", false, o.Today)
		hopt.Veteran, vetBy = &k, b
	}
	shifts := len(s.Result.Roster.Shifts)
	hopt.Solve = solve.Options{Seed: opt.Seed + 1, Weights: opt.Weights, Iterations: max(50_000, 500*shifts), TimeLimit: opt.TimeLimit / 4}
	hp, err := solve.PlanHires(ctx, m, s.Result, hopt)
	if err != nil {
		return err
	}
	s.HirePlan = hp
	s.Hires, s.HireBy = map[string]int{}, map[string]time.Time{}
	for i, k := range hp.Kinds {
		n := hp.Counts[i]
		if n == 0 {
			continue
		}
		t := string(k.Agent.Tier)
		s.Hires[t] += n
		b := shortBy
		switch {
		case k.Agent.CanLead:
			b = leadBy
		case i > 0:
			b = vetBy
		}
		if old, ok := s.HireBy[t]; !ok || b.Before(old) {
			s.HireBy[t] = b
		}
	}
	if len(s.Hires) == 0 {
		s.Hires, s.HireBy = nil, nil
	}
	s.HireNote = hireNote(hp, s.Hires, s.HireBy, p)
	return nil
}

// hours1 writes hours with one decimal, halves away from zero, as the
// report's tables and the workbook round them (8.25 is 8.3 everywhere).
func hours1(h float64) string { return report.FmtFixed(h, 1) }

// hireNote says what the hires close, verified, and what no hire closes.
func hireNote(hp *solve.HirePlan, hires map[string]int, by map[string]time.Time, p *config.Plan) string {
	var parts []string
	for _, t := range sortedKeys(hires) {
		parts = append(parts, fmt.Sprintf("%d %s by %s (%d days of onboarding)", hires[t], t, by[t].Format("2006-01-02"), onboarding(p, t)))
	}
	b, a := hp.Before, hp.After
	msg := fmt.Sprintf("%s agent-hours short", hours1(b.ShortageHours))
	if b.LeadGapHours > 0 || b.VeteranGapHours > 0 {
		msg += fmt.Sprintf(", %s lead-hours and %s veteran-hours missing", hours1(b.LeadGapHours), hours1(b.VeteranGapHours))
	}
	if len(parts) > 0 {
		msg += ": hire " + strings.Join(parts, ", ") + fmt.Sprintf("; re-solved with them: %s agent-hours short", hours1(a.ShortageHours))
		if b.LeadGapHours > 0 || b.VeteranGapHours > 0 {
			msg += fmt.Sprintf(", %s lead-hours and %s veteran-hours missing", hours1(a.LeadGapHours), hours1(a.VeteranGapHours))
		}
		if n := hp.Near; n != nil {
			msg += fmt.Sprintf("; %d %s would leave %s agent-hours short (re-solved)", n.Count, hp.Kinds[0].Agent.Tier, hours1(n.After.ShortageHours))
		}
	} else {
		msg += ": no hire closes it"
	}
	if a.UnclosableHours > 0 {
		var causes []string
		for _, st := range hp.Left.Shortfall {
			if !st.Cause.HiresCanClose() && len(causes) < 3 {
				causes = append(causes, st.Detail+" ("+st.Fix+")")
			}
		}
		msg += fmt.Sprintf("; %s agent-hours no hire can close: %s", hours1(a.UnclosableHours), strings.Join(causes, "; "))
	}
	return msg
}

// SimCheck is a channel's service simulated interval by interval with the
// agents of its staffing group on duty (the roster's, breaks excluded, or
// the requirement's), routed as the group works: live first, deferred work
// in the idle time.
type SimCheck struct {
	Channel string
	// Callback: the callbacks and tickets of the channel's closed hours.
	Callback      bool
	Group         string
	Live          bool
	FromRoster    bool
	ServiceLevel  float64
	AbandonRate   float64
	ASASeconds    float64
	Offered       int64
	Replications  int
	TargetSL      float64
	AnswerSeconds float64
	// Deferred channels and callbacks: the share handled by the deadline
	// (items still waiting at the end but not yet due count as on time).
	OnTimeShare float64
	Late        int64
}

// Simulate runs the blended discrete-event simulator (schedule/sim
// RunGroup) on every staffing group: Poisson arrivals at the forecast rate
// per interval for each channel, the group's agents per interval, live
// contacts first in one queue (chat handle time divided by its
// concurrency), deferred items and callbacks earliest deadline first in
// the idle time. It checks the analytic figures on the real,
// non-stationary days.
func Simulate(st *Staffing, sch *Schedule, seed uint64) ([]SimCheck, error) {
	onDuty := map[string][]int{}
	if sch != nil && sch.Result != nil && sch.Result.Evaluation != nil {
		for _, sc := range sch.Result.Evaluation.Skills {
			onDuty[sc.Skill] = sc.OnDuty
		}
	}
	policy := map[string]require.Policy{}
	for _, r := range st.Plan.Requirements {
		policy[r.Channel] = r.Policy
	}
	var out []SimCheck
	for _, g := range st.Plan.Groups {
		cfg, checks := groupSimConfig(&g, policy, seed)
		if len(cfg.Channels) == 0 {
			continue
		}
		fromRoster := false
		if od, ok := onDuty[g.Name]; ok && len(od) == len(cfg.Agents) {
			copy(cfg.Agents, od)
			fromRoster = true
		}
		res, err := sim.RunGroup(cfg)
		if err != nil {
			return nil, fmt.Errorf("simulating group %s: %w", g.Name, err)
		}
		out = append(out, simChecks(res, checks, fromRoster)...)
	}
	return out, nil
}

// groupSimConfig is a group's load as the simulator takes it, and one
// check per channel (or callback stream) in the config's order.
func groupSimConfig(g *require.GroupRequirement, policy map[string]require.Policy, seed uint64) (sim.GroupConfig, []SimCheck) {
	opts := require.DefaultGroupOptions
	opts.Seed = seed
	cfg, what := g.SimConfig(policy, nil, opts)
	checks := make([]SimCheck, len(cfg.Channels))
	for i, c := range cfg.Channels {
		checks[i] = SimCheck{Channel: what[i].Channel, Callback: what[i].Callback, Group: g.Name, Live: c.Live}
		if p, ok := policy[what[i].Channel]; ok && c.Live {
			checks[i].TargetSL, checks[i].AnswerSeconds = p.Targets.ServiceLevel, p.Targets.AnswerSeconds
		}
	}
	return cfg, checks
}

func simChecks(res sim.GroupResult, checks []SimCheck, fromRoster bool) []SimCheck {
	for i, c := range res.Channels {
		x := &checks[i]
		x.FromRoster, x.Replications = fromRoster, res.Replications
		if c.Live {
			x.ServiceLevel, x.AbandonRate, x.ASASeconds, x.Offered = c.ServiceLevel, c.AbandonRate, c.ASASeconds, c.Offered
		} else {
			x.OnTimeShare, x.Late, x.Offered = c.OnTimeShare, c.Late, c.Arrived
		}
	}
	return checks
}

// GroupShortfall is the roster's shortfall in one staffing group, in
// agent-hours on the queue, and its split over the group's channels by
// the share of the group's time each takes in the short intervals.
type GroupShortfall struct {
	Group     string             `json:"group"`
	Hours     float64            `json:"hours"`
	ByChannel map[string]float64 `json:"by_channel"`
}

// ShortfallByGroup splits the roster's shortfall per group and channel.
func ShortfallByGroup(st *Staffing, sch *Schedule) []GroupShortfall {
	if sch == nil || sch.Result == nil || sch.Result.Evaluation == nil {
		return nil
	}
	short := map[string][]int{}
	for _, sc := range sch.Result.Evaluation.Skills {
		short[sc.Skill] = sc.Shortfall
	}
	var out []GroupShortfall
	for _, g := range st.Plan.Groups {
		s := short[g.Name]
		gs := GroupShortfall{Group: g.Name, ByChannel: map[string]float64{}}
		hours := g.Interval.Hours()
		for i, iv := range g.Intervals {
			if i >= len(s) || s[i] == 0 {
				continue
			}
			h := float64(s[i]) * hours
			gs.Hours += h
			for k, ch := range g.Channels {
				gs.ByChannel[ch] += h * iv.Shares[k]
			}
		}
		gs.Hours = math.Round(gs.Hours*100) / 100
		for ch, h := range gs.ByChannel {
			gs.ByChannel[ch] = math.Round(h*100) / 100
		}
		out = append(out, gs)
	}
	return out
}
