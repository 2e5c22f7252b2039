package sample

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// ZendeskHeader is the header of the Zendesk legacy CSV ticket export with
// the account's custom fields appended (EXPORTS.md 1.1 A).
var ZendeskHeader = []string{
	"Id", "Requester", "Requester id", "Requester external id", "Requester email", "Requester domain",
	"Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via", "Ticket type",
	"Created at", "Updated at", "Assigned at", "Organization", "Due date", "Initially assigned at", "Solved at",
	"Resolution time", "Satisfaction Score", "Group stations", "Assignee stations", "Reopens", "Replies",
	"First reply time in minutes", "First reply time in minutes within business hours",
	"First resolution time in minutes", "First resolution time in minutes within business hours",
	"Full resolution time in minutes", "Full resolution time in minutes within business hours",
	"Agent wait time in minutes", "Agent wait time in minutes within business hours",
	"Requester wait time in minutes", "Requester wait time in minutes within business hours",
	"On hold time in minutes", "On hold time in minutes within business hours",
	"Contact reason [list]", "Order number [txt]", "Total time spent (sec) [int]", "Time spent last update (sec) [int]",
}

// zendeskReasons are the options of the "Contact reason" drop-down; nested
// options are written "Parent::Child" and tagged contact_reason_parent__child.
var zendeskReasons = [NumTypes][]string{
	OrderStatus:      {"Order status"},
	ShippingDelivery: {"Shipping::Delay", "Shipping::Lost parcel", "Shipping::Address change"},
	ReturnsRefunds:   {"Returns::Return request", "Returns::Refund status", "Returns::Exchange"},
	Payment:          {"Payment"},
	ProductQuestion:  {"Product question"},
	GiftCard:         {"Gift card"},
	Account:          {"Account"},
	DiscountCode:     {"Discount code"},
}

// zendeskReasonTag is the tag Zendesk adds for a drop-down option.
func zendeskReasonTag(option string) string {
	s := strings.ToLower(option)
	s = strings.ReplaceAll(s, "::", "__")
	s = strings.ReplaceAll(s, " ", "_")
	return "contact_reason_" + s
}

// zendeskVia labels the stream's sub-channels.
func zendeskVia(c *contact) string {
	switch c.stream {
	case WebEmail:
		return [...]string{"Mail", "Web form", "Web form"}[c.sub]
	case WebChat:
		return "Chat"
	case WebMessaging:
		return [...]string{"Native Messaging", "WhatsApp"}[c.sub]
	case WebSocial:
		return [...]string{"Facebook", "Twitter", "Instagram DM"}[c.sub]
	}
	return "Mail"
}

var zendeskPriority = [4]string{"low", "normal", "high", "urgent"}

// zendeskClosedAfter: solved tickets are closed by the default automation 4
// days later.
const zendeskClosedAfter = 4 * 24 * hour

// emptyList is how the export writes an unset drop-down field.
const emptyList = "-"

func minutesOf(sec int64) string { return strconv.FormatInt((sec+30)/60, 10) }

// writeZendesk writes tickets as the Zendesk export taken at wall time
// exportAt (statuses and metrics as they were then).
func (w *world) writeZendesk(out io.Writer, tickets []ticket, exportAt int64) error {
	cw := csv.NewWriter(out)
	cw.UseCRLF = true
	if err := cw.Write(ZendeskHeader); err != nil {
		return err
	}
	rec := make([]string, len(ZendeskHeader))
	for i := range tickets {
		t := &tickets[i]
		c := t.c
		r := w.contactRand(c, purposeDetails)
		p := webPerson(w.opts.Seed, c.customer)
		order := w.orderRef(r, c)
		clear(rec)
		rec[0] = strconv.Itoa(t.id)
		rec[1] = p.name
		rec[2] = strconv.FormatInt(p.id*7919+360000000000, 10)
		if c.customer%10 == 3 {
			rec[3] = "C" + strconv.FormatInt(p.id, 10)
		}
		rec[4] = p.email
		rec[5] = p.email[strings.IndexByte(p.email, '@')+1:]
		rec[6] = p.name
		replied, solved := t.firstReply <= exportAt, t.solved <= exportAt
		firstSolved := t.firstSolved <= exportAt
		closedAt := t.solved + zendeskClosedAfter
		closed := closedAt <= exportAt
		assigned := t.assigned <= exportAt
		if assigned {
			rec[7] = t.agent
		}
		rec[8] = t.group(true)
		rec[9] = ticketSubject(r, c, p, order)
		reason := ""
		if !chance(r, 0.03) {
			opts := zendeskReasons[c.typ]
			reason = opts[r.IntN(len(opts))]
		}
		rec[10] = strings.Join(w.zendeskTags(r, c, reason), " ")
		// Draw everything else now, whatever the status: the same ticket in
		// two exports must get the same values.
		var (
			ticketType   = pick(r, []float64{0.55, 0.25, 0.03, 0.02, 0.15})
			satisfaction = pick(r, []float64{0.4, 0.18, 0.04, 0.38})
			groupSt      = 1 + r.IntN(10)/9
			assigneeSt   = 1 + r.IntN(10)/8
			extraReplies = r.IntN(3)
			agentShare   = 0.3 + 0.5*r.Float64()
			holdShare    = 0.2 * r.Float64()
			withOrder    = chance(r, 0.7)
			timeTracked  = !chance(r, 0.05)
			lastShare    = 0.2 + 0.8*r.Float64()
		)
		if t.id%25 != 0 {
			holdShare = 0
		}
		updated := c.created
		switch {
		case closed:
			rec[11], updated = "closed", closedAt
		case solved:
			rec[11], updated = "solved", t.solved
		case replied:
			rec[11] = [...]string{"pending", "open", "pending", "hold"}[t.id%4]
			updated = t.firstReply
		case assigned:
			rec[11], updated = "open", t.assigned
		default:
			rec[11] = "new"
		}
		if t.id%3 != 0 {
			rec[12] = zendeskPriority[t.priority]
		}
		rec[13] = zendeskVia(c)
		rec[14] = [...]string{"question", "incident", "problem", "task", ""}[ticketType]
		rec[15] = formatWall(c.created)
		rec[16] = formatWall(updated)
		if assigned {
			rec[17], rec[20] = formatWall(t.assigned), formatWall(t.assigned)
		}
		if c.customer%40 == 11 {
			rec[18] = "Summit Camps, Inc."
		}
		if rec[14] == "task" {
			rec[19] = formatWall(wallOf(c.day+3, 12*hour))
		}
		if solved {
			rec[21] = formatWall(t.solved)
			rec[22] = strconv.FormatInt((newYork.instant(t.solved)-newYork.instant(c.created)+hour/2)/hour, 10)
			rec[23] = [...]string{"Offered", "Good", "Bad", "Unoffered"}[satisfaction]
		} else {
			rec[23] = "Unoffered"
		}
		rec[24] = strconv.Itoa(groupSt)
		rec[25] = strconv.Itoa(assigneeSt)
		reopens := 0
		if t.reopened && solved {
			reopens = 1
		}
		rec[26] = strconv.Itoa(reopens)
		replies := 0
		if replied {
			replies = 1 + extraReplies + reopens
		}
		rec[27] = strconv.Itoa(replies)
		calendar := func(a, b int64) string { return minutesOf(newYork.instant(b) - newYork.instant(a)) }
		business := func(a, b int64) string { return minutesOf(supportHours.businessBetween(a, b)) }
		if replied {
			rec[28], rec[29] = calendar(c.created, t.firstReply), business(c.created, t.firstReply)
		}
		if firstSolved {
			rec[30], rec[31] = calendar(c.created, t.firstSolved), business(c.created, t.firstSolved)
		}
		if solved {
			rec[32], rec[33] = calendar(c.created, t.solved), business(c.created, t.solved)
			// Agent wait: the ticket sat in new/open; requester wait: pending;
			// on hold for a few.
			full := newYork.instant(t.solved) - newYork.instant(c.created)
			fullBiz := supportHours.businessBetween(c.created, t.solved)
			split := func(total int64, share float64) string { return minutesOf(int64(float64(total) * share)) }
			rec[34], rec[35] = split(full, agentShare), split(fullBiz, agentShare)
			rec[36], rec[37] = split(full, 1-agentShare-holdShare), split(fullBiz, 1-agentShare-holdShare)
			rec[38], rec[39] = split(full, holdShare), split(fullBiz, holdShare)
		}
		rec[40] = emptyList
		if reason != "" {
			rec[40] = reason
		}
		if c.typ <= Payment && withOrder {
			rec[41] = order
		}
		if timeTracked {
			rec[42] = strconv.Itoa(int(c.handle))
			rec[43] = strconv.Itoa(int(float64(c.handle) * lastShare))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// zendeskTags are written space-separated and sorted, as Zendesk stores
// them: the contact-reason tag, the channel's tag, a season tag, "vip".
func (w *world) zendeskTags(r *rand.Rand, c *contact, reason string) []string {
	var tags []string
	if reason != "" {
		tags = append(tags, zendeskReasonTag(reason))
	}
	switch zendeskVia(c) {
	case "WhatsApp":
		tags = append(tags, "whatsapp")
	case "Instagram DM":
		tags = append(tags, "instagram")
	case "Web form":
		tags = append(tags, "web_form")
	}
	if y := c.day.year(); c.day >= blackFriday(y)-1 && c.day <= cyberMonday(y)+1 {
		tags = append(tags, fmt.Sprintf("bfcm_%d", y))
	}
	if c.customer%50 == 7 {
		tags = append(tags, "vip")
	}
	if chance(r, 0.02) {
		tags = append(tags, "escalated")
	}
	slices.Sort(tags)
	return tags
}
