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

	"github.com/peakstaff/peakstaff/cmd/internal/config"
	"github.com/peakstaff/peakstaff/schedule/require"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/sim"
)

// defaultCosts per paid hour by tier, for generated teams without costs.
var defaultCosts = map[string]float64{"veteran": 30, "regular": 24, "new": 20, "all-hands": 22, "outsourced": 26}

// defaultOnboarding is the days from hiring to a first shift per tier
// (DOMAIN.md: onboarding and training take 2-4 weeks).
var defaultOnboarding = map[string]int{"veteran": 42, "regular": 28, "new": 21, "all-hands": 7, "outsourced": 14}

// Schedule is the roster of one run and what it says about hiring.
type Schedule struct {
	Model  *roster.Model
	Result *roster.Result
	// Infeasible is set when the team cannot cover every interval; the
	// roster is still the best found.
	Infeasible error
	Hires      map[string]int
	HireBy     map[string]time.Time
	HireNote   string
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
		if agents, err = roster.ReadAgentsCSV(bytes.NewReader(data), path); err != nil {
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

// GeneratedAgent is the i-th agent of a tier in a generated team.
func GeneratedAgent(tier string, i int, channels []string, hourly float64) roster.Agent {
	prefix := map[string]string{"veteran": "V", "regular": "R", "new": "N", "all-hands": "A", "outsourced": "O"}[tier]
	a := roster.Agent{
		ID: fmt.Sprintf("%s%02d", prefix, i), Name: fmt.Sprintf("%s %d", tier, i), Tier: roster.Tier(tier),
		Skills: append([]string(nil), channels...), HourlyCost: hourly,
		MinWeekly: 24 * time.Hour, MaxWeekly: 40 * time.Hour, MaxDaily: 10 * time.Hour,
		CanLead: tier == "veteran",
	}
	if tier == "all-hands" {
		a.MinWeekly = 0 // staff from other departments help, no contract hours here
	}
	return a
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
	data, name, err := p.Team.RulesYAML(p)
	if err != nil {
		return nil, weights, err
	}
	if data != nil {
		rf, err := roster.ReadRules(bytes.NewReader(data), name)
		if err != nil {
			return nil, weights, err
		}
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
	first := st.Plan.Requirements[0]
	m.Demand = roster.Demand{Start: first.Start, Interval: first.Interval}
	for _, g := range st.Plan.Groups {
		req := make([]int, len(g.Intervals))
		for i, iv := range g.Intervals {
			req[i] = iv.Agents
		}
		m.Demand.Skills = append(m.Demand.Skills, roster.SkillDemand{Skill: g.Name, Required: req})
	}
	for i := range m.Agents {
		m.Agents[i].Skills = GroupSkills(m.Agents[i].Skills, st.Plan.Groups)
	}
	return m, weights, nil
}

// GroupSkills turns an agent's channels into the staffing groups the agent
// can work: every group whose channels the agent all serves.
func GroupSkills(channels []string, groups []require.GroupRequirement) []string {
	has := map[string]bool{}
	for _, c := range channels {
		has[c] = true
	}
	var out []string
	for _, g := range groups {
		ok := true
		for _, c := range g.Channels {
			ok = ok && has[c]
		}
		if ok {
			out = append(out, g.Name)
		}
	}
	return out
}

// BuildRoster solves the roster of the plan's team against a staffing
// requirement, and estimates the hires that would close the gap.
func BuildRoster(ctx context.Context, p *config.Plan, st *Staffing, extra map[string]int, limit time.Duration, progress func(roster.Progress)) (*Schedule, error) {
	m, weights, err := RosterModel(p, st, extra)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = time.Duration(p.Team.TimeLimit)
	}
	res, err := roster.Solve(ctx, m, roster.Options{Seed: p.Team.Seed, TimeLimit: limit, Weights: weights, Progress: progress})
	s := &Schedule{Model: m, Result: res}
	if err != nil {
		if !errors.Is(err, roster.ErrInfeasible) || res == nil {
			return nil, err
		}
		s.Infeasible = err
	}
	s.hires(p)
	return s, nil
}

// hires is the people to add to close the roster's shortfall, from the
// roster's own gap analysis (roster.Evaluation.Extra: per skill, the agents
// the worst day's short hours and peak shortfall call for, and the veterans
// the lead and peak rules miss), and the last day to hire each tier given
// its onboarding lead time. Skill gaps are hired in the plan's hire tier,
// as many as the neediest skill asks for: a hire is trained on every
// channel and goes where the gap is (gaps of several skills at the same
// moment would need more; the simulation and the Coverage sheet show
// whether they do).
func (s *Schedule) hires(p *config.Plan) {
	ev := s.Result.Evaluation
	if ev == nil || len(ev.Unmet) == 0 {
		return
	}
	tier := p.Team.HireTier
	if tier == "" {
		tier = "new"
	}
	s.Hires = map[string]int{}
	skillNeed := 0
	for _, e := range ev.Extra {
		if e.Skill == "" {
			s.Hires[string(e.Tier)] += e.Agents // leads and veterans at the peaks
			continue
		}
		skillNeed = max(skillNeed, e.Agents)
	}
	if skillNeed > 0 {
		s.Hires[tier] += skillNeed
	}
	if len(s.Hires) == 0 {
		s.Hires = nil
		return
	}
	s.HireBy = map[string]time.Time{}
	var parts []string
	for _, t := range sortedKeys(s.Hires) {
		days := defaultOnboarding[t]
		if d, ok := p.Team.Onboarding[t]; ok {
			days = d
		}
		by := p.Season.Range.Start.AddDays(-days).Midnight(p.Season.Location)
		s.HireBy[t] = by
		parts = append(parts, fmt.Sprintf("%d %s by %s (%d days of onboarding)", s.Hires[t], t, by.Format("2006-01-02"), days))
	}
	s.HireNote = fmt.Sprintf("%.0f agent-hours short in %d interval-skills: hire %s", ev.ShortageHours, len(ev.Unmet), strings.Join(parts, ", "))
}

// SimCheck is a channel's service simulated interval by interval with the
// agents of its staffing group on duty (the roster's, breaks excluded, or
// the requirement's), routed as the group works: live first, deferred work
// in the idle time.
type SimCheck struct {
	Channel       string
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
	cfg := g.SimConfig(policy, nil, opts)
	checks := make([]SimCheck, len(cfg.Channels))
	for i, c := range cfg.Channels {
		checks[i] = SimCheck{Channel: c.Name, Group: g.Name, Live: c.Live}
		if p, ok := policy[c.Name]; ok && c.Live {
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
