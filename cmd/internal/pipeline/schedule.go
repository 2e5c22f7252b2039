package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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
// agents on duty (the roster's, breaks excluded, or the requirement's).
type SimCheck struct {
	Channel       string
	FromRoster    bool
	ServiceLevel  float64
	AbandonRate   float64
	ASASeconds    float64
	Offered       int64
	Replications  int
	TargetSL      float64
	AnswerSeconds float64
}

// Simulate runs the discrete-event simulator (schedule/sim) on every live
// and chat channel: Poisson arrivals at the forecast rate per interval, the
// interval's agents, the channel's handle time (divided by its concurrency
// for chat) and patience. It checks the analytic figures on the real,
// non-stationary day rather than interval by interval in isolation.
func Simulate(st *Staffing, sch *Schedule, seed uint64) ([]SimCheck, error) {
	onDuty := map[string][]int{}
	if sch != nil && sch.Result != nil && sch.Result.Evaluation != nil {
		for _, sc := range sch.Result.Evaluation.Skills {
			onDuty[sc.Skill] = sc.OnDuty
		}
	}
	var out []SimCheck
	for _, r := range st.Plan.Requirements {
		if r.Kind == "deferred" || len(r.Intervals) == 0 {
			continue
		}
		n := len(r.Intervals)
		arrivals := make([]float64, n)
		agents := make([]int, n)
		work, calls := 0.0, 0.0
		for i, iv := range r.Intervals {
			arrivals[i] = iv.Contacts
			agents[i] = iv.Agents
			work += iv.Contacts * iv.AHTSeconds
			calls += iv.Contacts
		}
		fromRoster := false
		if od, ok := onDuty[r.Channel]; ok && len(od) == n {
			copy(agents, od)
			fromRoster = true
		}
		if calls <= 0 {
			continue
		}
		aht := work / calls
		if c := r.Policy.Concurrency; c > 1 {
			aht /= c
		}
		res, err := sim.Run(sim.Config{
			IntervalSeconds: r.Interval.Seconds(), Arrivals: arrivals, Agents: agents, AHTSeconds: aht,
			PatienceSeconds: r.Policy.PatienceSeconds, AnswerSeconds: r.Policy.Targets.AnswerSeconds,
			Seed: seed, Replications: 4,
		})
		if err != nil {
			return nil, fmt.Errorf("simulating %s: %w", r.Channel, err)
		}
		out = append(out, SimCheck{Channel: r.Channel, FromRoster: fromRoster, ServiceLevel: res.Overall.ServiceLevel,
			AbandonRate: res.Overall.AbandonRate, ASASeconds: res.Overall.ASASeconds, Offered: res.Overall.Offered,
			Replications: res.Replications, TargetSL: r.Policy.Targets.ServiceLevel, AnswerSeconds: r.Policy.Targets.AnswerSeconds})
	}
	return out, nil
}
