// Package importers reads helpdesk exports as users download them (Zendesk,
// Freshdesk, Jira, call logs, Qianniu chat records, any CSV/XLSX through a
// column map, aggregated series) into one normalized Contact record per
// ticket, conversation or call.
//
// Each vendor format lives in a file of its own and is described by a schema:
// the aliases of its header names, the channel labels it uses, its duration
// units and its quirks. The format of a file is detected by sniffing its
// header (Detect); the engine (ReadFile) then parses every row, collects every
// bad row as a *RowError with file, line, column and field, and never drops a
// row without counting it. Merge counts a contact once however many rows or
// files it appears in.
package importers

import (
	"fmt"
	"strings"
	"time"
)

// Channel is the medium of a contact.
type Channel string

// The channels the planner staffs for. Live channels (phone, chat) are
// staffed with queueing models, deferred ones (email) with deadlines.
const (
	ChannelPhone     Channel = "phone"
	ChannelChat      Channel = "chat"
	ChannelEmail     Channel = "email"
	ChannelSocial    Channel = "social"
	ChannelMessaging Channel = "messaging"
	ChannelOther     Channel = "other"
)

// Channels lists every channel in display order.
var Channels = []Channel{ChannelPhone, ChannelChat, ChannelEmail, ChannelMessaging, ChannelSocial, ChannelOther}

// ParseChannel accepts a canonical channel name ("phone", "chat", ...).
func ParseChannel(s string) (Channel, error) {
	c := Channel(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Channels {
		if c == k {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown channel %q: expected one of phone, chat, email, messaging, social, other", s)
}

// Source is where a record came from: the file and the 1-based line (or
// sheet row) of its first row.
type Source struct {
	File string
	Line int
}

func (s Source) String() string { return fmt.Sprintf("%s:%d", s.File, s.Line) }

// Contact is one ticket, conversation or call, normalized. Fields the export
// does not have stay empty (zero time, empty string, HandleKnown false);
// nothing is invented.
type Contact struct {
	ID     string // the export's own id; empty when the export has none (aggregated rows)
	Source Source // first row the contact was read from

	Created       time.Time // when the customer made contact (in the zone of the export or its offset)
	FirstResponse time.Time // first agent reply / call answered; zero when unknown
	Resolved      time.Time // solved / resolved / closed / call ended; zero when unknown or still open

	Channel   Channel
	IssueType string // planner's issue type (after the rules file), or the export's own type when no rules are given
	Status    string
	Priority  string
	Agent     string
	Group     string

	// HandleSeconds is the agent handling time the export states (talk time,
	// time tracked, handling time); valid only when HandleKnown.
	HandleSeconds float64

	// Count is how many contacts the record stands for: 1 for a ticket, the
	// count of an aggregated series row.
	Count int

	// Family is the id namespace the contact was deduplicated in (the
	// vendor: "zendesk" for its CSV, Explore and JSON exports alike). It is
	// set when the contact joins a Set and written to contacts files, so a
	// re-read contacts file still merges with the vendor's exports.
	Family string

	// The flags sit together so the record stays small (a million of them
	// are held at once).

	// CreatedDateOnly: the export gave a date without a time of day, usable
	// for daily counts, not intraday.
	CreatedDateOnly bool
	// HandleKnown: HandleSeconds holds the export's handling time.
	HandleKnown bool
	// Outbound marks contacts the business started (outbound calls,
	// proactive messages): kept, but not customer demand.
	Outbound bool
}
