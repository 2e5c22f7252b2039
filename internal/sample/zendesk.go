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

// ZendeskHeader is the header of the Zendesk legacy CSV ticket export
// (https://support.zendesk.com/hc/en-us/articles/4408886165402) with the
// account's custom fields appended as "<title> [list]" and the like.
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
		clear(rec)
		w.zendeskRecord(rec, &tickets[i], exportAt)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// zendeskSeen is what an export taken at exportAt knows of a ticket.
type zendeskSeen struct {
	replied, solved, firstSolved, closed, assigned bool
	closedAt                                       int64
}

func seenAt(t *ticket, exportAt int64) zendeskSeen {
	closedAt := t.solved + zendeskClosedAfter
	return zendeskSeen{
		replied:     t.firstReply <= exportAt,
		solved:      t.solved <= exportAt,
		firstSolved: t.firstSolved <= exportAt,
		closed:      closedAt <= exportAt,
		assigned:    t.assigned <= exportAt,
		closedAt:    closedAt,
	}
}

// zendeskDraws are the ticket's random values. They are drawn whatever
// the status, so that the same ticket in two exports gets the same values.
type zendeskDraws struct {
	ticketType, satisfaction int
	groupSt, assigneeSt      int
	extraReplies             int
	agentShare, holdShare    float64
	withOrder, timeTracked   bool
	lastShare                float64
}

func drawZendesk(r *rand.Rand, t *ticket) zendeskDraws {
	d := zendeskDraws{
		ticketType:   pick(r, []float64{0.55, 0.25, 0.03, 0.02, 0.15}),
		satisfaction: pick(r, []float64{0.4, 0.18, 0.04, 0.38}),
		groupSt:      1 + r.IntN(10)/9,
		assigneeSt:   1 + r.IntN(10)/8,
		extraReplies: r.IntN(3),
		agentShare:   0.3 + 0.5*r.Float64(),
		holdShare:    0.2 * r.Float64(),
		withOrder:    chance(r, 0.7),
		timeTracked:  !chance(r, 0.05),
		lastShare:    0.2 + 0.8*r.Float64(),
	}
	if t.id%25 != 0 {
		d.holdShare = 0
	}
	return d
}

// zendeskRecord fills rec (cleared) with ticket t's row, in stages: the
// people, the subject and tags, the status, the timestamps, the counts, the
// time metrics and the custom fields. The random draws keep their order.
func (w *world) zendeskRecord(rec []string, t *ticket, exportAt int64) {
	c := t.c
	r := w.contactRand(c, purposeDetails)
	p := webPerson(w.opts.Seed, c.customer)
	order := w.orderRef(r, c)
	seen := seenAt(t, exportAt)
	zendeskPeople(rec, t, p, seen)
	rec[9] = ticketSubject(r, c, p, order)
	reason := ""
	if !chance(r, 0.03) {
		opts := zendeskReasons[c.typ]
		reason = opts[r.IntN(len(opts))]
	}
	rec[10] = strings.Join(w.zendeskTags(r, c, reason), " ")
	d := drawZendesk(r, t)
	updated := zendeskStatus(rec, t, seen)
	if t.id%3 != 0 {
		rec[12] = zendeskPriority[t.priority]
	}
	rec[13] = zendeskVia(c)
	rec[14] = [...]string{"question", "incident", "problem", "task", ""}[d.ticketType]
	zendeskDates(rec, t, seen, d, updated)
	zendeskCounts(rec, t, seen, d)
	zendeskMetrics(rec, t, seen, d)
	rec[40] = emptyList
	if reason != "" {
		rec[40] = reason
	}
	if c.typ <= Payment && d.withOrder {
		rec[41] = order
	}
	if d.timeTracked {
		rec[42] = strconv.Itoa(int(c.handle))
		rec[43] = strconv.Itoa(int(float64(c.handle) * d.lastShare))
	}
}

// zendeskPeople fills the requester, submitter and assignee columns.
func zendeskPeople(rec []string, t *ticket, p person, seen zendeskSeen) {
	rec[0] = strconv.Itoa(t.id)
	rec[1] = p.name
	rec[2] = strconv.FormatInt(p.id*7919+360000000000, 10)
	if t.c.customer%10 == 3 {
		rec[3] = "C" + strconv.FormatInt(p.id, 10)
	}
	rec[4] = p.email
	rec[5] = p.email[strings.IndexByte(p.email, '@')+1:]
	rec[6] = p.name
	if seen.assigned {
		rec[7] = t.agent
	}
	rec[8] = t.group(true)
}

// zendeskStatus fills Status and returns the wall time of the last update.
func zendeskStatus(rec []string, t *ticket, seen zendeskSeen) (updated int64) {
	updated = t.c.created
	switch {
	case seen.closed:
		rec[11], updated = "closed", seen.closedAt
	case seen.solved:
		rec[11], updated = "solved", t.solved
	case seen.replied:
		rec[11] = [...]string{"pending", "open", "pending", "hold"}[t.id%4]
		updated = t.firstReply
	case seen.assigned:
		rec[11], updated = "open", t.assigned
	default:
		rec[11] = "new"
	}
	return updated
}

// zendeskDates fills the timestamps, the resolution time and the
// satisfaction score.
func zendeskDates(rec []string, t *ticket, seen zendeskSeen, d zendeskDraws, updated int64) {
	c := t.c
	rec[15] = formatWall(c.created)
	rec[16] = formatWall(updated)
	if seen.assigned {
		rec[17], rec[20] = formatWall(t.assigned), formatWall(t.assigned)
	}
	if c.customer%40 == 11 {
		rec[18] = "Summit Camps, Inc."
	}
	if rec[14] == "task" {
		rec[19] = formatWall(wallOf(c.day+3, 12*hour))
	}
	if seen.solved {
		rec[21] = formatWall(t.solved)
		rec[22] = strconv.FormatInt((newYork.instant(t.solved)-newYork.instant(c.created)+hour/2)/hour, 10)
		rec[23] = [...]string{"Offered", "Good", "Bad", "Unoffered"}[d.satisfaction]
	} else {
		rec[23] = "Unoffered"
	}
}

// zendeskCounts fills the stations, reopens and replies.
func zendeskCounts(rec []string, t *ticket, seen zendeskSeen, d zendeskDraws) {
	rec[24] = strconv.Itoa(d.groupSt)
	rec[25] = strconv.Itoa(d.assigneeSt)
	reopens := 0
	if t.reopened && seen.solved {
		reopens = 1
	}
	rec[26] = strconv.Itoa(reopens)
	replies := 0
	if seen.replied {
		replies = 1 + d.extraReplies + reopens
	}
	rec[27] = strconv.Itoa(replies)
}

// zendeskMetrics fills the time metrics in minutes, on the calendar and
// within business hours.
func zendeskMetrics(rec []string, t *ticket, seen zendeskSeen, d zendeskDraws) {
	c := t.c
	calendar := func(a, b int64) string { return minutesOf(newYork.instant(b) - newYork.instant(a)) }
	business := func(a, b int64) string { return minutesOf(supportHours.businessBetween(a, b)) }
	if seen.replied {
		rec[28], rec[29] = calendar(c.created, t.firstReply), business(c.created, t.firstReply)
	}
	if seen.firstSolved {
		rec[30], rec[31] = calendar(c.created, t.firstSolved), business(c.created, t.firstSolved)
	}
	if !seen.solved {
		return
	}
	rec[32], rec[33] = calendar(c.created, t.solved), business(c.created, t.solved)
	// Agent wait: the ticket sat in new/open; requester wait: pending;
	// on hold for a few.
	full := newYork.instant(t.solved) - newYork.instant(c.created)
	fullBiz := supportHours.businessBetween(c.created, t.solved)
	split := func(total int64, share float64) string { return minutesOf(int64(float64(total) * share)) }
	rec[34], rec[35] = split(full, d.agentShare), split(fullBiz, d.agentShare)
	rec[36], rec[37] = split(full, 1-d.agentShare-d.holdShare), split(fullBiz, 1-d.agentShare-d.holdShare)
	rec[38], rec[39] = split(full, d.holdShare), split(fullBiz, d.holdShare)
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
