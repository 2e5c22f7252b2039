// Package report is the plain model of everything a plan run shows, and
// the view every writer reads: the plan command fills one Model, and each
// output shows the same figures from it. The writers live in rooms of
// their own and write to an io.Writer: report/xlsx (the workbook),
// report/html (the HTML report and its SVG charts), report/ics (one
// calendar per agent); the roster CSV is WriteRosterCSV here, and the
// terminal summary is drawn by the command line (cmd/internal/render).
// Files (a temporary name and a rename, --force, never over an input) are
// the caller's business.
//
// Times in the model are instants (time.Time); every writer shows them as
// wall-clock times in Model.Loc. Text from user files (agent names, teams,
// issue types) is written so that no spreadsheet evaluates it as a formula.
package report

import (
	"fmt"
	"time"
)

// Tiers of agents. Any other string is allowed and drawn in grey.
const (
	TierVeteran    = "veteran"
	TierRegular    = "regular"
	TierNew        = "new"
	TierAllHands   = "all-hands" // staff from other departments who help at the peak
	TierOutsourced = "outsourced"
)

// Model is everything a plan run shows. It is plain data: the plan command
// fills it, the writers only read it. Empty sections are left out of every
// output (no roster yet means no Roster sheet, no calendars).
type Model struct {
	// Title names the run, e.g. "Northwind Outfitters — BFCM 2026".
	Title string
	// Lang is the language of every label: "en" (or "") or "zh".
	Lang string
	// Season is the first and last day of the plan, each at local midnight
	// in Loc (End is the start of the last day, not the day after).
	Season DateRange
	// Loc is the plan's time zone; every time is shown as wall-clock time
	// in it. Nil means UTC.
	Loc *time.Location
	// Interval is the length of one planning interval (15 or 30 minutes
	// usually); it sets the columns of the timeline sheets.
	Interval time.Duration
	// Generated is when the run was made (masked in golden tests).
	Generated time.Time
	// Currency is shown next to costs, e.g. "USD" or "CNY"; may be empty.
	Currency string

	// Assumptions are the inputs a reader needs to trust the figures:
	// targets, shrinkage, AHT per issue type, growth.
	Assumptions []KV
	// Warnings are notes of the run worth a manager's attention.
	Warnings []string
	// Totals are the season's headline figures.
	Totals Totals

	// ForecastDays are the daily forecast per channel and issue type.
	ForecastDays []ForecastDay
	// Intraday is the peak day's forecast per interval and channel.
	Intraday []IntervalValue
	// Staffing are the Erlang figures per interval and channel.
	Staffing []StaffInterval
	// Coverage is the requirement against the roster per interval, all
	// channels together.
	Coverage []CoverageInterval
	// Agents are the people on the roster with their shifts.
	Agents []Agent
	// AgentStats are the fairness figures per agent (matched by ID).
	AgentStats []AgentStat
	// PeakDays are the local days (any time on the day) that get a
	// timeline sheet; five at most is usual, MaxPeakDays is the limit.
	PeakDays []time.Time
	// Scenarios are the what-if runs to compare, the base plan included.
	Scenarios []Scenario

	// Groups are the staffing groups of the requirement: agents who serve
	// every channel of their group, live contacts first and deferred work
	// in the time the live work leaves.
	Groups []Group
	// Simulated is the service each channel got in the simulation of its
	// group, one entry per channel and group; a live channel's callbacks
	// of closed hours are an entry of their own ("phone (closed hours)").
	Simulated []SimulatedService

	// WhyShort are the stretches the roster leaves short, each with the
	// cause that binds there; RuleGaps the stretches where leads or
	// veterans are missing. The two are apart: a rule gap is not a
	// shortfall.
	WhyShort []ShortStretch
	RuleGaps []RuleGap
}

// ShortStretch is a stretch of one day in which a staffing group has
// fewer agents on the queue than required, and why.
type ShortStretch struct {
	Start, End time.Time
	Group      string
	// AgentHours is the shortfall over the stretch; Most the most agents
	// missing at once.
	AgentHours float64
	Most       int
	// Cause is a key (no_template, skill, availability, rules, agents,
	// search, weights, hire_date); Detail says it in words, Fix is the smallest
	// change that closes it ("" when none is known).
	Cause, Detail, Fix string
	// HiresCanClose: more agents would close it.
	HiresCanClose bool
}

// RuleGap is a stretch of one day where a rule about who is on duty is
// not met, and why.
type RuleGap struct {
	Start, End time.Time
	// Rule is "leads" or "veterans"; Hours the lead- or veteran-hours
	// missing, Most the most missing at once.
	Rule               string
	Hours              float64
	Most               int
	Cause, Detail, Fix string
}

// MaxPeakDays bounds the timeline sheets, each a wide sheet of its own.
const MaxPeakDays = 31

// MaxSeasonDays bounds the season so a wrong date cannot ask for a roster
// with a million columns.
const MaxSeasonDays = 732

// DateRange is an inclusive range of days, each at local midnight.
type DateRange struct {
	Start, End time.Time
}

// KV is one labelled value of the assumptions list.
type KV struct {
	// Label is shown as given (the plan command supplies it in Lang).
	Label string
	// Value is a string, an int, a float64, a time.Time (shown as a date,
	// or a date and time when it is not midnight in Loc) or a
	// time.Duration; anything else is shown with fmt.Sprint.
	Value any
	// Unit follows a number ("s", "agents"); "%" means Value is a
	// fraction shown as a percentage (0.8 shows as 80%).
	Unit string
}

// Totals are the season's headline figures. A zero RequiredHours,
// ScheduledHours or Cost means "not computed" (no roster yet): that line is
// left out of every output rather than shown as 0.
type Totals struct {
	// Contacts is the forecast number of contacts (P50) in the season.
	Contacts float64
	// RequiredHours are the agent-hours the requirement asks for,
	// shrinkage included.
	RequiredHours float64
	// ScheduledHours are the paid agent-hours of the roster.
	ScheduledHours float64
	// ServiceLevel is the expected service level per channel, a fraction.
	ServiceLevel map[string]float64
	// Cost is the roster's cost in Currency.
	Cost float64
	// Hires are the people to hire per tier to close the gap.
	Hires map[string]int
	// HireBy is the last day to hire each tier (training lead time).
	HireBy map[string]time.Time
	// Roster are the roster's figures; nil before a roster exists.
	Roster *RosterTotals
}

// RosterTotals are a roster's figures as every output shows them (the
// definitions are in README, "Figures").
type RosterTotals struct {
	// ShortfallHours are the agent-hours on the queue below the
	// requirement, summed over intervals and staffing groups;
	// ShortIntervals the intervals in which some group is short.
	ShortfallHours float64
	ShortIntervals int
	// LeadGapHours and VeteranGapHours are the lead- and veteran-hours
	// missing (rule gaps, apart from the shortfall).
	LeadGapHours, VeteranGapHours float64
	// StaffedHours are the hours on shift, breaks included;
	// LowerBoundHours a lower bound on the staffed hours of any roster
	// that covers the requirement (and the team's contract minimums);
	// AboveBound is StaffedHours / LowerBoundHours - 1.
	StaffedHours, LowerBoundHours, AboveBound float64
	// HiresChecked: the hires were verified by re-solving the roster with
	// them; ShortfallWithHires is what that roster leaves short, and
	// UnclosableHours the part no hire can close (WhyShort says why).
	HiresChecked       bool
	ShortfallWithHires float64
	UnclosableHours    float64
}

// ForecastDay is the forecast of one day for one channel and issue type.
type ForecastDay struct {
	Date          time.Time // local midnight of the day
	Channel       string
	IssueType     string
	P10, P50, P90 float64 // contacts; P10 <= P50 <= P90
	AHTSeconds    float64 // mean handle time of the day
	Event         string  // event name when the day is part of one, e.g. "Black Friday"
}

// IntervalValue is one value per interval and channel.
type IntervalValue struct {
	Start   time.Time
	Channel string
	Value   float64
}

// StaffInterval are the Erlang figures of one interval and channel.
type StaffInterval struct {
	Start            time.Time
	Channel          string
	Contacts         float64 // forecast contacts in the interval
	AHTSeconds       float64
	TrafficErlangs   float64 // offered load, contacts x AHT / interval
	Agents           int     // agents on the phones that meet the targets
	AgentsFractional float64 // the requirement before rounding up
	Scheduled        int     // agents to roster, shrinkage included
	ServiceLevel     float64 // fraction answered within the target time, at Agents
	ASASeconds       float64
	Occupancy        float64 // fraction of agent time spent on contacts
	PAbandon         float64 // fraction of callers who hang up
	Binding          string  // the target that sets Agents: service_level, asa, occupancy, abandonment
	// Deferred work (email, social): ServiceLevel is the share handled
	// within the deadline, which is not the expected service level of
	// the live channels.
	Deferred bool
}

// CoverageInterval is the requirement against the roster in one interval.
type CoverageInterval struct {
	Start time.Time
	// Required are the agents required on the queue (answering, breaks
	// and absence excluded), all groups: what the roster covers.
	Required float64
	// Scheduled are the roster's agents on the queue (on shift, not on a
	// break); NaN before a roster exists.
	Scheduled float64
	// Short are the agents missing, summed per staffing group (one
	// group's spare agents do not serve another's channels); at least
	// Required - Scheduled.
	Short float64
	// ToSchedule are the agents to schedule, shrinkage included (what
	// "Peak required" is the most of); 0 when not given.
	ToSchedule float64
}

// Gap is negative by the agents missing (Short, per group) when the
// interval is short, and else Scheduled - Required, the agents to spare.
func (c CoverageInterval) Gap() float64 {
	if s := c.short(); s > 0 {
		return -s
	}
	return c.Scheduled - c.Required
}

// Agent is one person on the roster.
type Agent struct {
	ID      string // unique; names the calendar file
	Name    string
	Tier    string // one of the Tier constants, or any other label
	Team    string
	Lead    bool // a team lead: marked on the roster
	Reserve bool // on the reserve list (called in when needed)
	Shifts  []Shift
}

// Shift is one block of work. A split shift is two Shifts.
type Shift struct {
	Start, End time.Time
	Breaks     []Break // inside [Start, End]
	Lead       bool    // the agent leads the floor in this shift
	Reserve    bool    // the shift is on call, not planned on the floor
}

// Hours is the paid length of the shift: unpaid breaks are taken off. A
// reserve duty is on-call standby, not paid work (the season's scheduled
// agent-hours and cost leave it out): its Hours are 0 and its length is
// OnCallHours.
func (s Shift) Hours() float64 {
	if s.Reserve {
		return 0
	}
	d := s.End.Sub(s.Start)
	for _, b := range s.Breaks {
		if !b.Paid {
			d -= b.End.Sub(b.Start)
		}
	}
	return d.Hours()
}

// OnCallHours is the length of a reserve duty; 0 for a shift.
func (s Shift) OnCallHours() float64 {
	if !s.Reserve {
		return 0
	}
	return s.End.Sub(s.Start).Hours()
}

// Break is a pause inside a shift.
type Break struct {
	Start, End time.Time
	Paid       bool
}

// AgentStat are the fairness figures of one agent.
type AgentStat struct {
	ID           string
	HoursPerWeek map[string]float64 // ISO week ("2026-W48") -> paid hours
	Nights       int                // shifts that end after 22:00 or start before 06:00
	Weekends     int                // weekend days worked
	PeakBlocks   int                // intervals worked on peak days
}

// Scenario is one what-if run. A figure that is zero in every scenario is
// taken as not computed and gets no row; Hires and HireBy rows appear for
// the tiers some scenario has.
type Scenario struct {
	Name                  string
	Contacts              float64
	WorkloadHours         float64 // contacts x AHT, in hours
	PeakRequired          int     // largest requirement of an interval
	AvgRequired           float64 // mean requirement over the intervals
	RequiredHours         float64 // agent-hours the requirement asks for, shrinkage included
	ScheduledHours        float64
	Cost                  float64
	ServiceLevel          float64 // expected (analytic), a fraction; NaN without live channels
	SimulatedServiceLevel float64 // from the simulation, a fraction
	AbandonRate           float64 // from the simulation, a fraction
	ShortfallHours        float64 // the roster's shortfall, agent-hours
	ShortIntervals        int     // intervals in which a staffing group is short
	Hires                 map[string]int
	HireBy                map[string]time.Time
}

// Group is one staffing group over the season. The plan command rounds its
// figures as people read them (hours to 0.1, shares to 0.1 percentage
// point), the same numbers the terminal and plan --json show.
type Group struct {
	Name     string
	Channels []string
	// RequiredHours are the paid agent-hours the group needs: AgentHours /
	// (1 - shrinkage). The season's Totals.RequiredHours are their sum.
	RequiredHours float64
	// AgentHours are the agent-hours on the queue (breaks and absence
	// excluded).
	AgentHours float64
	// PeakRequired is the most agents to schedule in one interval,
	// shrinkage included.
	PeakRequired int
	// ByChannel is what each channel took of the group, Channels order.
	ByChannel []GroupChannel
}

// GroupChannel is one channel as its group served it.
type GroupChannel struct {
	Channel string
	// Deferred work (email, social) is answered within a deadline; the
	// other channels are live and may have opening hours.
	Deferred bool
	// Share is the fraction of the group's busy hours spent on the channel.
	Share float64
	// Live channels: contacts that arrived while the channel was closed,
	// and what became of them (lost, or answered after the opening as
	// callbacks and tickets). Contacts are expected values, not whole.
	ClosedContacts, Lost, Callbacks float64
	// Late are the deferred items (and callbacks) handled after their
	// deadline in the group's plan.
	Late float64
}

// SimulatedService is one channel's service in the simulation of its
// group. Live channels have a service level against their target, an
// abandon rate and a mean wait; deferred channels and callbacks the share
// of items handled within their deadline.
type SimulatedService struct {
	Channel string
	// Callback: the callbacks and tickets of Channel's closed hours.
	Callback bool
	Group    string
	Live     bool
	// FromRoster: the simulation put the roster's agents on duty; false
	// means the requirement's agents (no roster yet).
	FromRoster bool
	// Live channels: fractions, and the target's answer time and the
	// average speed of answer in seconds.
	ServiceLevel, TargetServiceLevel float64
	AnswerSeconds, ASASeconds        float64
	AbandonRate                      float64
	// Deferred channels and callbacks: the fraction handled within the
	// deadline, and the items handled after it.
	OnTimeShare float64
	Late        int64
}

// Label is the channel as the outputs show it, in lang: the callbacks of a
// channel's closed hours are "phone (closed hours)".
func (c SimulatedService) Label(lang string) string {
	if c.Callback {
		return fmt.Sprintf(T(lang, "closed_hours_of"), c.Channel)
	}
	return c.Channel
}
