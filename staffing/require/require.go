// Package require turns a forecast of contacts into the agents needed per
// interval, for every channel and skill: Erlang C or A for live voice,
// Erlang with an effective handle time for chat, and deadline-driven
// staffing (package deferred) for email and other deferred work. The
// forecast package converts its output into Demand; the staff command
// reads and writes it as CSV (ReadDemandCSV, WriteRequirementsCSV).
package require

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// Kind is how a channel is staffed.
type Kind string

const (
	// KindLive is a queue answered while the customer waits (voice):
	// Erlang C, or Erlang A when the policy has a patience.
	KindLive Kind = "live"
	// KindChat is a live queue where an agent handles several contacts
	// at once (erlang.EffectiveAHT).
	KindChat Kind = "chat"
	// KindDeferred is work answered within a deadline in business hours
	// (email, tickets, social messages): package deferred.
	KindDeferred Kind = "deferred"
)

// DefaultKind is the kind of a channel named as the importers name them:
// phone is live, chat and messaging are chat, the rest (email, social,
// other) is deferred.
func DefaultKind(channel string) Kind {
	switch channel {
	case "phone", "voice":
		return KindLive
	case "chat", "messaging":
		return KindChat
	}
	return KindDeferred
}

// Demand is the forecast of one channel and skill: contacts per interval
// at the chosen forecast quantile, and their handle time.
type Demand struct {
	Channel  string
	Skill    string
	Start    time.Time // start of the first interval; its location is the plan's time zone
	Interval time.Duration
	Contacts []float64 // per interval, >= 0
	// AHTSeconds is the mean handle time per interval, or one value for
	// all; a 0 (or none) takes the policy's AHTSeconds.
	AHTSeconds []float64
}

// Policy is how one channel is staffed.
type Policy struct {
	Kind Kind
	// Targets apply to live and chat; for deferred work only
	// MaxOccupancy is used (the share of open time an agent works).
	Targets erlang.Targets
	// PatienceSeconds > 0 selects Erlang A (callers hang up after this
	// mean wait); live and chat.
	PatienceSeconds float64
	// Concurrency is the chats an agent handles at once, 1 to
	// erlang.MaxConcurrency; 0 means 1.
	Concurrency float64
	// Deadline is the response time of deferred work, in business time.
	Deadline time.Duration
	// Hours are the opening hours: the business clock of deferred work,
	// and where MinAgents applies. The zero value is always open.
	Hours deferred.OpeningHours
	// Shrinkage is the fraction of paid time off the queue, in [0, 1):
	// scheduled = ceil(agents / (1 - shrinkage)).
	Shrinkage float64
	// MinAgents is the least staffing of an interval with opening time,
	// even without contacts (someone must be there to answer).
	MinAgents int
	// AHTSeconds is the handle time where the demand has none.
	AHTSeconds float64
	// Closed is what becomes of live and chat contacts that arrive while
	// the channel is closed (outside Hours): ClosedCallback (the default)
	// turns them into work waiting for the opening, due CallbackDeadline of
	// business time after it (default DefaultCallbackDeadline); ClosedLost
	// counts them as lost.
	Closed           ClosedHandling
	CallbackDeadline time.Duration
	// Deferred work only: Block (see deferred.Options), ClearByEnd (see
	// deferred.Workload) and the backlog waiting at the start.
	Block      time.Duration
	ClearByEnd bool
	Backlog    []deferred.Item
}

// ClosedHandling is what becomes of a live contact that arrives while its
// channel is closed.
type ClosedHandling string

const (
	// ClosedCallback: a call becomes a callback, a chat or message a
	// ticket, answered after the opening within CallbackDeadline.
	ClosedCallback ClosedHandling = "callback"
	// ClosedLost: the contact is lost (the line is closed); it is counted.
	ClosedLost ClosedHandling = "lost"
)

// DefaultCallbackDeadline is the business time after the opening within
// which callbacks and tickets from closed hours are answered.
const DefaultCallbackDeadline = 2 * time.Hour

// Binding names what set an interval's agents: an erlang.Target for live
// and chat, BindingDeadline for deferred work, BindingMinAgents.
const (
	BindingDeadline  = "deadline"
	BindingMinAgents = "min_agents"
)

// IntervalRequirement is the staffing of one interval.
type IntervalRequirement struct {
	Start      time.Time
	Contacts   float64
	AHTSeconds float64 // the handle time used (before concurrency)
	// TrafficErlangs is contacts × effective AHT / interval (live, chat)
	// or the workload in agents (deferred: contacts × AHT / interval).
	TrafficErlangs float64
	// Agents is the whole number of agents on the queue; AgentsFractional
	// a continuous figure for adding queues up (see Plan).
	Agents           int
	AgentsFractional float64
	Scheduled        int // after shrinkage
	// PaidAgents is the paid agents before rounding, Agents / (1 -
	// shrinkage); in a group plan the channel's share of its groups'
	// (their sum over an interval's channels is the groups' paid agents).
	// Paid hours add it up: shrinkage is a share of paid time, not
	// rounded interval by interval.
	PaidAgents float64
	// Figures at Agents. Live and chat: service level (fraction answered
	// within the target time), ASA, occupancy, P(abandon) (Erlang A).
	// Deferred: occupancy, and the backlog (items waiting at the end) with
	// the oldest item's age in business hours.
	ServiceLevel   float64
	ASASeconds     float64
	Occupancy      float64
	PAbandon       float64
	Backlog        float64
	OldestAgeHours float64
	// Unstable marks a live interval whose agents cannot keep up (only
	// with MinAgents below traffic is that possible; never from Required).
	Unstable bool
	Binding  string
	Open     bool // the interval has opening time
	// Group names the staffing group(s) that serve the channel ("a;b"
	// when several share it); empty for a channel staffed on its own.
	// GroupAgents is that group's agents in the interval, as read from a
	// requirements file (ReadRequirementsCSV); 0 otherwise.
	Group       string
	GroupAgents int
}

// Requirement is the staffing of one channel and skill.
type Requirement struct {
	Channel, Skill string
	Kind           Kind
	Policy         Policy
	Start          time.Time
	Interval       time.Duration
	Intervals      []IntervalRequirement
	// Totals: Σ agents × interval length, and the peaks.
	AgentHours           float64
	FractionalAgentHours float64
	ScheduledHours       float64
	PeakAgents           int
	PeakScheduled        int
	// Deferred is the evaluation of the whole-agent plan of a deferred
	// channel staffed on its own (Compute); nil otherwise.
	Deferred *deferred.Evaluation
	// In a group plan (ComputeGroups): the contacts that arrived while
	// the channel was closed, lost or answered later as callbacks and
	// tickets; deferred items late, waiting at the end, and the longest
	// wait in hours.
	ClosedContacts, Lost, Callbacks float64
	Late, EndBacklog, MaxWaitHours  float64
}

// ErrInvalidInput is the cause of every error about a demand or policy.
var ErrInvalidInput = diag.New(diag.InvalidData, "invalid demand or policy")

// Error places a problem in a demand: its channel and skill, and the
// interval (Index -1 when it concerns the whole series). It unwraps to its
// cause: ErrInvalidInput (with erlang's or deferred's error) for bad
// input, erlang.ErrInfeasible or deferred.ErrInfeasible when no staffing
// meets the targets.
type Error struct {
	Channel, Skill string
	Index          int
	Start          time.Time
	Field          string
	Err            error
}

func (e *Error) Error() string {
	where := e.Channel
	if e.Skill != "" {
		where += "/" + e.Skill
	}
	if e.Index >= 0 {
		where += fmt.Sprintf(" interval %d (%s)", e.Index, e.Start.Format(time.RFC3339))
	}
	if e.Field != "" {
		where += ": " + e.Field
	}
	return "require: " + where + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func (d *Demand) errorf(index int, field, format string, a ...any) error {
	return &Error{Channel: d.Channel, Skill: d.Skill, Index: index, Start: d.start(index), Field: field,
		Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, a...)...)}
}

func (d *Demand) start(i int) time.Time {
	if i < 0 {
		return time.Time{}
	}
	return d.Start.Add(time.Duration(i) * d.Interval)
}

// Validate checks the demand's fields.
func (d *Demand) Validate() error {
	n := len(d.Contacts)
	switch {
	case d.Channel == "":
		return d.errorf(-1, "Channel", "empty")
	case d.Start.IsZero():
		return d.errorf(-1, "Start", "zero time")
	case d.Interval <= 0 || d.Interval > 24*time.Hour:
		return d.errorf(-1, "Interval", "%v: want between 1ns and 24h", civil.FormatDuration(d.Interval))
	case n == 0:
		return d.errorf(-1, "Contacts", "no intervals")
	case n > deferred.MaxIntervals:
		return d.errorf(-1, "Contacts", "%d intervals: at most %d", n, deferred.MaxIntervals)
	case len(d.AHTSeconds) > 1 && len(d.AHTSeconds) != n:
		return d.errorf(-1, "AHTSeconds", "%d values for %d intervals: want 0, 1 or one per interval", len(d.AHTSeconds), n)
	}
	for i, c := range d.Contacts {
		if !finite(c) || c < 0 || c > 1e12 {
			return d.errorf(i, "Contacts", "%v: want a number >= 0", c)
		}
	}
	for i, a := range d.AHTSeconds {
		if !finite(a) || a < 0 || a > 1e7 {
			return d.errorf(i, "AHTSeconds", "%v: want seconds >= 0 (0: the policy's)", a)
		}
	}
	return nil
}

// Validate checks the policy's fields that do not depend on the demand.
func (p *Policy) Validate() error {
	bad := func(field, format string, a ...any) error {
		return &Error{Index: -1, Field: "Policy." + field, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalidInput}, a...)...)}
	}
	switch p.Kind {
	case KindLive, KindChat, KindDeferred:
	default:
		return bad("Kind", "%q: want live, chat or deferred", p.Kind)
	}
	switch {
	case !finite(p.Shrinkage) || p.Shrinkage < 0 || p.Shrinkage >= 1:
		return bad("Shrinkage", "%v: want a fraction in [0, 1)", p.Shrinkage)
	case p.MinAgents < 0 || p.MinAgents > erlang.MaxAgents:
		return bad("MinAgents", "%d: want 0 to %d", p.MinAgents, erlang.MaxAgents)
	case !finite(p.AHTSeconds) || p.AHTSeconds < 0 || p.AHTSeconds > 1e7:
		return bad("AHTSeconds", "%v: want seconds >= 0", p.AHTSeconds)
	case p.Concurrency != 0 && (!finite(p.Concurrency) || p.Concurrency < 1 || p.Concurrency > erlang.MaxConcurrency):
		return bad("Concurrency", "%v: want 1 to %d", p.Concurrency, erlang.MaxConcurrency)
	case p.Concurrency > 1 && p.Kind != KindChat:
		return bad("Concurrency", "%v: only chat handles several contacts at once", p.Concurrency)
	case !p.Hours.IsZero():
		if err := p.Hours.Validate(); err != nil {
			return bad("Hours", "%w", err)
		}
	}
	switch {
	case p.Closed != "" && p.Closed != ClosedCallback && p.Closed != ClosedLost:
		return bad("Closed", "%q: want callback or lost", p.Closed)
	case p.CallbackDeadline < 0 || p.CallbackDeadline > deferred.MaxDeadline:
		return bad("CallbackDeadline", "%v: want a business-time deadline > 0 such as 2h", civil.FormatDuration(p.CallbackDeadline))
	}
	if p.Kind == KindDeferred {
		switch {
		case p.Deadline <= 0 || p.Deadline > deferred.MaxDeadline:
			return bad("Deadline", "%v: want a business-time deadline > 0 such as 24h", civil.FormatDuration(p.Deadline))
		case !finite(p.Targets.MaxOccupancy) || p.Targets.MaxOccupancy < 0 || p.Targets.MaxOccupancy > 1:
			return bad("Targets.MaxOccupancy", "%v: want a fraction in (0, 1]", p.Targets.MaxOccupancy)
		}
		return nil
	}
	if err := p.Targets.Validate(erlang.Queue{TrafficErlangs: 1, AHTSeconds: 1, PatienceSeconds: p.PatienceSeconds}); err != nil {
		return bad("Targets", "%w", err)
	}
	if !finite(p.PatienceSeconds) || p.PatienceSeconds < 0 {
		return bad("PatienceSeconds", "%v: want seconds >= 0 (0: callers never hang up)", p.PatienceSeconds)
	}
	return nil
}

func (p *Policy) hours() deferred.OpeningHours {
	if p.Hours.IsZero() {
		return deferred.AlwaysOpen()
	}
	return p.Hours
}
