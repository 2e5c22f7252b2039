package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
)

// ReadRules reads the team's roster rules: the rules file team.rules
// names, or the keys given inline under it (their problems at the plan's
// own lines). Nil when the team has no rules.
func (t *TeamSpec) ReadRules(p *Plan) (*rosterio.RulesFile, error) {
	n := resolve(&t.Rules)
	switch {
	case n == nil || n.Kind == 0 || isNull(n) || (n.Kind == yaml.ScalarNode && n.Value == ""):
		return nil, nil
	case n.Kind == yaml.ScalarNode:
		path := p.Resolve(n.Value)
		data, err := ReadConfigFile(path, MaxConfigBytes)
		if err != nil {
			return nil, err
		}
		return rosterio.ReadRules(bytes.NewReader(data), path)
	}
	return rosterio.ReadRulesNode(n, p.Path, "team.rules")
}

// GeneratedAgent is the i-th agent of a tier in a team the plan
// generates from team.size: every channel a skill, 24 to 40 hours a week
// (none for all-hands, who help from other departments) and at most 10 a
// day; veterans may lead.
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

// readTeam reads the team's rules and agents and checks the roster
// model they make on the season's interval grid, so that a break longer
// than its shift, a template nobody may work, a reserve block off the
// grid or a lead rule without leads fails here, at its line, before the
// import and the forecast run.
func (p *Plan) readTeam(ps *problems) {
	t := p.Team
	if t == nil {
		return
	}
	rf, err := t.ReadRules(p)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return // reported as team.rules: no such file
	case err != nil:
		ps.add(err)
		return
	case rf == nil:
		ps.at("team", "the team needs roster rules with shift templates: team.rules names a rules file, or gives its keys (preset, templates, breaks, ...) inline")
		return
	}
	var agents []roster.Agent
	if t.Agents != "" {
		path := p.Resolve(t.Agents)
		data, err := ReadConfigFile(path, MaxAgentsBytes)
		if errors.Is(err, os.ErrNotExist) {
			return // reported as team.agents: no such file
		}
		if err != nil {
			ps.add(err)
			return
		}
		if agents, err = rosterio.ReadAgentsCSV(bytes.NewReader(data), path); err != nil {
			ps.add(err)
			return
		}
	} else {
		for _, tier := range roster.Tiers {
			if t.Size[string(tier)] > 0 {
				agents = append(agents, GeneratedAgent(string(tier), 1, []string{"all"}, 0))
			}
		}
	}
	demand, ok := p.emptyDemand(rf.Reserve.FromGap)
	if !ok || len(agents) == 0 {
		return // the season or the team is at fault, and reported
	}
	var list roster.ValidationErrors
	if !errors.As(rf.Model(agents, demand).ValidateAll(), &list) {
		return
	}
	for _, ve := range list {
		if placed := rf.Position(ve); placed != ve {
			ps.add(placed)
			continue
		}
		// not the rules': the agents (placed at their file) or the team
		key := "team.size"
		if t.Agents != "" {
			key = "team.agents"
		}
		ps.at(key, "%v", ve.Err)
	}
}

// emptyDemand is a demand of the season's intervals with nobody
// required: what the roster model is checked on before the forecast
// says what is required.
func (p *Plan) emptyDemand(upper bool) (roster.Demand, bool) {
	s := &p.Season
	if s.Location == nil || s.Interval <= 0 || s.Range.Days() <= 0 {
		return roster.Demand{}, false
	}
	first, last := s.Range.Start, s.Range.End.AddDays(1)
	start := time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, s.Location)
	end := time.Date(last.Year, last.Month, last.Day, 0, 0, 0, 0, s.Location)
	n := int(end.Sub(start) / time.Duration(s.Interval))
	sd := roster.SkillDemand{Skill: "all", Required: make([]int, n)}
	if upper {
		sd.Upper = make([]int, n)
	}
	return roster.Demand{Start: start, Interval: time.Duration(s.Interval), Skills: []roster.SkillDemand{sd}}, true
}
