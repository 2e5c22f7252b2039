package plan

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// ChannelSummary is one channel's figures over the season.
type ChannelSummary struct {
	Contacts      float64 `json:"contacts"`
	PeakRequired  int     `json:"peak_required"`
	AvgRequired   float64 `json:"avg_required"`
	RequiredHours float64 `json:"required_hours"`
	AHTSeconds    float64 `json:"aht_seconds"`
}

// GroupSummary is one staffing group: agents who serve all its channels.
type GroupSummary struct {
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

// Summary is the result as plan --json prints it.
type Summary struct {
	Plan          string                    `json:"plan"`
	Season        string                    `json:"season"`
	TimeZone      string                    `json:"time_zone"`
	Contacts      float64                   `json:"contacts"`
	ByChannel     map[string]ChannelSummary `json:"by_channel"`
	PeakRequired  int                       `json:"peak_required"`
	PeakAt        string                    `json:"peak_at"`
	AvgRequired   float64                   `json:"avg_required"`
	RequiredHours float64                   `json:"required_hours"`
	Groups        []GroupSummary            `json:"groups"`
	Roster        *RosterSummary            `json:"roster,omitempty"`
	Simulation    []SimService              `json:"simulation"`
	Scenarios     []pipeline.Summary        `json:"scenarios,omitempty"`
	Outputs       []string                  `json:"outputs"`
	Notes         []string                  `json:"notes"`
	Warnings      []string                  `json:"warnings"`
}

// Summary is the result as plan --json prints it: the figures named and
// defined as in README's "Figures" (the workbook's and report's too).
func (r *Result) Summary() Summary {
	s := summarize(r, r.Outputs)
	s.Scenarios = r.Scenarios
	return s
}

func summarize(run *Result, outputs []string) Summary {
	s := Summary{Plan: run.Plan.Name, Season: run.Plan.Season.Range.String(), TimeZone: run.Plan.Season.TimeZone,
		ByChannel: map[string]ChannelSummary{}, Outputs: outputs, Notes: run.Notes, Warnings: run.Warnings}
	if s.Notes == nil {
		s.Notes = []string{}
	}
	if s.Warnings == nil {
		s.Warnings = []string{}
	}
	for _, r := range run.Staffing.Plan.Requirements {
		cs := ChannelSummary{PeakRequired: r.PeakScheduled, RequiredHours: round1(r.ScheduledHours)}
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
	s.Simulation = []SimService{}
	for _, c := range run.Sim {
		src := "requirement"
		if c.FromRoster {
			src = "roster"
		}
		j := SimService{Channel: c.Channel, Callbacks: c.Callback, Group: c.Group, Agents: src, Calls: c.Offered}
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
		rs := &RosterSummary{Agents: len(sch.Model.Agents), Shifts: len(sch.Result.Roster.Shifts),
			PaidHours: round1(ev.PaidHours), StaffedHours: rt.StaffedHours, LowerBoundHours: rt.LowerBoundHours,
			ShortfallHours: rt.ShortfallHours, ShortIntervals: rt.ShortIntervals,
			LeadGapHours: rt.LeadGapHours, VeteranGapHours: rt.VeteranGapHours,
			Violations: len(ev.Violations), Cost: round1(ev.Cost), Hires: sch.Hires, HireBy: map[string]string{},
			WhyShort: []ShortStretch{}, RuleGaps: []RuleGap{}, Verdict: string(sch.Result.Verdict),
			SearchStoppedBy: string(sch.Result.Search.Stop), ProvenShortfallHours: round1(sch.Result.Search.Bound.Hours)}
		if rt.ShortfallHours == 0 {
			// the bound holds for rosters that cover the requirement: a
			// short roster below it is not better than the optimum
			rs.AboveBoundPercent = ptr(round1(100 * rt.AboveBound))
		}
		if rt.HiresChecked {
			rs.ShortfallWithHires, rs.UnclosableHours = &rt.ShortfallWithHires, &rt.UnclosableHours
		}
		for t, d := range sch.HireBy {
			rs.HireBy[t] = d.Format("2006-01-02")
		}
		loc := run.Plan.Season.Location
		stamp := func(t time.Time) string { return t.In(loc).Format(time.RFC3339) }
		for _, u := range ev.Unmet {
			rs.Unmet = append(rs.Unmet, UnmetInterval{Start: stamp(u.Start), Skill: u.Skill,
				Required: u.Required, OnDuty: u.OnDuty, Shortfall: u.Shortfall})
		}
		why, gaps := whyShort(sch)
		for _, w := range why {
			rs.WhyShort = append(rs.WhyShort, ShortStretch{Start: stamp(w.Start), End: stamp(w.End), Group: w.Group, ShortfallHours: round1(w.AgentHours),
				Most: w.Most, Cause: w.Cause, Detail: w.Detail, Fix: w.Fix, HiresCanClose: w.HiresCanClose})
		}
		for _, g := range gaps {
			rs.RuleGaps = append(rs.RuleGaps, RuleGap{Start: stamp(g.Start), End: stamp(g.End), Rule: g.Rule, Hours: round1(g.Hours),
				Most: g.Most, Cause: g.Cause, Detail: g.Detail, Fix: g.Fix})
		}
		rs.ShortfallByGroup = pipeline.ShortfallByGroup(run.Staffing, sch)
		s.Roster = rs
	}
	return s
}

// SimService is one channel's simulated service: live channels have the
// service level, target, abandon rate and ASA; deferred channels (and the
// callbacks of closed hours) the share handled by the deadline.
type SimService struct {
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

// UnmetInterval is an interval and skill the roster leaves short.
type UnmetInterval struct {
	Start     string `json:"start"`
	Skill     string `json:"skill"`
	Required  int    `json:"required"`
	OnDuty    int    `json:"on_duty"`
	Shortfall int    `json:"shortfall"`
}

// RosterSummary is the roster in plan --json, its figures named and
// defined as in README's "Figures" (the workbook's and report's too).
type RosterSummary struct {
	Agents          int     `json:"agents"`
	Shifts          int     `json:"shifts"`
	PaidHours       float64 `json:"paid_hours"`
	StaffedHours    float64 `json:"staffed_hours"`
	LowerBoundHours float64 `json:"lower_bound_hours"`
	// AboveBoundPercent is StaffedHours against LowerBoundHours; null for
	// a short roster (the bound holds for rosters that cover the
	// requirement).
	AboveBoundPercent *float64        `json:"above_bound_percent"`
	ShortfallHours    float64         `json:"shortfall_hours"`
	ShortIntervals    int             `json:"short_intervals"`
	Unmet             []UnmetInterval `json:"unmet,omitempty"`
	// ShortfallByGroup splits ShortfallHours per staffing group and channel.
	ShortfallByGroup []pipeline.GroupShortfall `json:"shortfall_by_group"`
	// The rule gaps, apart from the shortfall.
	LeadGapHours    float64 `json:"lead_gap_hours"`
	VeteranGapHours float64 `json:"veteran_gap_hours"`
	// WhyShort and RuleGaps are the stretches and their causes.
	WhyShort   []ShortStretch `json:"why_short"`
	RuleGaps   []RuleGap      `json:"rule_gaps"`
	Violations int            `json:"violations"`
	Cost       float64        `json:"cost"`
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

// ShortStretch is a short stretch and its cause.
type ShortStretch struct {
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

// RuleGap is a stretch with leads or veterans missing, and why.
type RuleGap struct {
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

func summarizeGroups(groups []require.GroupRequirement) []GroupSummary {
	out := []GroupSummary{}
	for _, g := range groups {
		gs := GroupSummary{Group: g.Name, Channels: g.Channels, RequiredHours: round1(g.ScheduledHours), AgentHours: round1(g.AgentHours),
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
