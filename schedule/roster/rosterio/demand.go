package rosterio

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// MaxHorizon bounds the roster's horizon before any series is laid out
// on it (the roster model allows 400 days), so that a file with two rows
// a century apart is an error, not an allocation of millions of
// intervals.
const MaxHorizon = 400 * 24 * time.Hour

// Series is one requirement series of a roster: the agents one skill
// needs on the queue per interval from Start.
type Series struct {
	Skill    string
	Start    time.Time
	Interval time.Duration
	Agents   []int
}

// ErrDemand is the cause of every problem DemandOf finds in requirement
// series (exit code 3).
var ErrDemand = diag.New(diag.InvalidData, "invalid requirement series")

// DemandError is a problem of requirement series; Field names the column
// of a requirements file at fault (interval, channel).
type DemandError struct {
	Field string
	Err   error
}

func (e *DemandError) Error() string   { return e.Err.Error() }
func (e *DemandError) Unwrap() []error { return []error{ErrDemand, e.Err} }

// DemandOf lays requirement series out as a roster's demand, one skill
// per series: the one conversion of a staffing requirement into a
// roster's demand, for a plan (PlanSeries) and for a requirements file
// (FileSeries) alike.
//
// The demand covers whole days of loc (nil: the first series' start's
// location), from the midnight before the first interval to the midnight
// after the last, with nothing required outside the series. Whole days,
// because shift templates are times of a day: a requirement that starts
// at 08:00 still lets a manager's 07:00 shift be placed, and the last
// day's late shifts run to their end instead of being cut off by the end
// of the data. A plan's requirement already covers whole days, and is
// unchanged.
//
// Every series has the interval of the first; the first interval must
// sit on that grid from midnight, and the days at most MaxHorizon.
func DemandOf(series []Series, loc *time.Location) (roster.Demand, error) {
	if len(series) == 0 {
		return roster.Demand{}, &DemandError{"", errors.New("no requirement series")}
	}
	interval := series[0].Interval
	first, end := series[0].Start, series[0].Start
	for _, s := range series {
		if s.Interval != interval {
			return roster.Demand{}, &DemandError{"interval", fmt.Errorf("%s has intervals of %v, %s of %v: want one interval", s.Skill, civil.FormatDuration(s.Interval), series[0].Skill, civil.FormatDuration(interval))}
		}
		if s.Start.Before(first) {
			first = s.Start
		}
		if e := s.Start.Add(time.Duration(len(s.Agents)) * interval); e.After(end) {
			end = e
		}
	}
	if loc == nil {
		loc = first.Location()
	}
	start := midnight(first.In(loc))
	stop := midnight(end.Add(-time.Nanosecond).In(loc)).AddDate(0, 0, 1)
	if off := first.Sub(start); off%interval != 0 {
		return roster.Demand{}, &DemandError{"interval",
			fmt.Errorf("the first interval starts at %s, not on the %v grid from midnight", first.In(loc).Format("15:04"), civil.FormatDuration(interval))}
	}
	if stop.Sub(start) > MaxHorizon {
		return roster.Demand{}, &DemandError{"interval", fmt.Errorf("the rows span %s to %s; a roster covers at most %d days",
			first.Format(time.RFC3339), end.Format(time.RFC3339), MaxHorizon/(24*time.Hour))}
	}
	n := int((stop.Sub(start) + interval - 1) / interval)
	d := roster.Demand{Start: start, Interval: interval}
	for _, s := range series {
		if slices.ContainsFunc(d.Skills, func(x roster.SkillDemand) bool { return x.Skill == s.Skill }) {
			return roster.Demand{}, &DemandError{"channel", fmt.Errorf("the skill %q has two series", s.Skill)}
		}
		sd := roster.SkillDemand{Skill: s.Skill, Required: make([]int, n)}
		at := int(s.Start.Sub(start) / interval)
		copy(sd.Required[at:], s.Agents)
		d.Skills = append(d.Skills, sd)
	}
	return d, nil
}

// midnight is the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// PlanSeries are the series of a staffing plan: one per staffing group
// (a channel staffed alone is a group of its own), named after the
// group, with the group's agents on the queue per interval (shrinkage
// beyond breaks is covered by the reserve and by hiring, not the roster).
func PlanSeries(p *require.Plan) []Series {
	var out []Series
	for _, g := range p.Groups {
		agents := make([]int, len(g.Intervals))
		for i, iv := range g.Intervals {
			agents[i] = iv.Agents
		}
		out = append(out, Series{Skill: g.Name, Start: g.Start, Interval: g.Interval, Agents: agents})
	}
	return out
}

// Group is a staffing group of a requirements file: its name and the
// channels it serves (an agent works the group when it serves them all).
type Group struct {
	Name     string
	Channels []string
}

// SkillOf is the roster skill of a requirement series: its channel, or
// channel/skill when the series is for one skill of a channel (agents.csv
// lists the same names).
func SkillOf(channel, skill string) string {
	if skill == "" {
		return channel
	}
	return channel + "/" + skill
}

// FileSeries are the series of a requirements file read back
// (require.ReadRequirementsCSV): for a file a group plan wrote (the group
// column set on every row), one per group with the group's agents, named
// as PlanSeries names them, and the groups; otherwise one per channel (or
// channel/skill, SkillOf) with its agents column, and no groups.
func FileSeries(reqs []require.Requirement) ([]Series, []Group) {
	if groups, firsts := groupsOf(reqs); groups != nil {
		out := make([]Series, len(groups))
		for i, r := range firsts {
			agents := make([]int, len(r.Intervals))
			for k, iv := range r.Intervals {
				agents[k] = iv.GroupAgents
			}
			out[i] = Series{Skill: groups[i].Name, Start: r.Start, Interval: r.Interval, Agents: agents}
		}
		return out, groups
	}
	out := make([]Series, len(reqs))
	for i, r := range reqs {
		agents := make([]int, len(r.Intervals))
		for k, iv := range r.Intervals {
			agents[k] = iv.Agents
		}
		out[i] = Series{Skill: SkillOf(r.Channel, r.Skill), Start: r.Start, Interval: r.Interval, Agents: agents}
	}
	return out, nil
}

// groupsOf lists the staffing groups of a requirements file written by a
// group plan (the group column set on every row; a channel several groups
// share lists them as "a;b" and the group's agents come from its other
// channels), with the series of each group's first channel of its own
// (which carries group_agents); nil for a file without groups or whose
// groups cannot all be read.
func groupsOf(reqs []require.Requirement) ([]Group, []*require.Requirement) {
	var out []Group
	var firsts []*require.Requirement
	at := map[string]int{}
	for ri := range reqs {
		r := &reqs[ri]
		if len(r.Intervals) == 0 || r.Intervals[0].Group == "" {
			return nil, nil
		}
		names := strings.Split(r.Intervals[0].Group, ";")
		for _, name := range names {
			k, ok := at[name]
			if !ok {
				k = len(out)
				at[name] = k
				out = append(out, Group{Name: name})
				firsts = append(firsts, nil)
			}
			out[k].Channels = append(out[k].Channels, r.Channel)
			if len(names) == 1 && firsts[k] == nil {
				firsts[k] = r
			}
		}
	}
	for _, f := range firsts {
		if f == nil {
			return nil, nil
		}
	}
	return out, firsts
}

// PlanGroups are the staffing groups of a plan, as FileSeries finds them
// in the plan's requirements file.
func PlanGroups(p *require.Plan) []Group {
	out := make([]Group, len(p.Groups))
	for i, g := range p.Groups {
		out[i] = Group{Name: g.Name, Channels: g.Channels}
	}
	return out
}

// GroupSkills turns each agent's channels into the staffing groups it can
// work: the groups whose channels it all serves.
func GroupSkills(agents []roster.Agent, groups []Group) {
	for i := range agents {
		var skills []string
		for _, g := range groups {
			ok := true
			for _, c := range g.Channels {
				ok = ok && agents[i].HasSkill(c)
			}
			if ok {
				skills = append(skills, g.Name)
			}
		}
		agents[i].Skills = skills
	}
}
