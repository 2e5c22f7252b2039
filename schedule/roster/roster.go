package roster

import "time"

// Roster is a schedule of named agents: their shifts with breaks, and the
// reserve squad on call, listed apart because it does not cover demand.
type Roster struct {
	Shifts  []Shift
	Reserve []ReserveDuty
}

// Shift is one agent's shift: one block, or two or three for a split
// shift, working one skill ("" is lead duty off the queue, see LeadRule).
// Template names the template it comes from.
type Shift struct {
	AgentID  string
	Skill    string
	Template string
	Blocks   []Span
	Breaks   []Break
}

// Span is a stretch of time [Start, End).
type Span struct {
	Start, End time.Time
}

// Break is a break inside a shift's block, taken under the named rule.
type Break struct {
	Rule       string
	Start, End time.Time
	Paid       bool
}

// ReserveDuty is an agent on call for a block of the day.
type ReserveDuty struct {
	AgentID    string
	Start, End time.Time
}
