package sample

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
)

// FreshdeskHeader is the header of the Freshdesk ticket export (default
// fields, as Freshdesk's own application tests list them, plus the contact
// fields a real export appends).
var FreshdeskHeader = []string{
	"Ticket ID", "Subject", "Description", "Status", "Priority", "Source", "Type", "Agent", "Group",
	"Created time", "Due by Time", "Resolved time", "Closed time", "Last update time", "Initial response time",
	"Time tracked", "First response time (in hrs)", "Resolution time (in hrs)", "Agent interactions",
	"Customer interactions", "Resolution status", "First response status", "Tags", "Survey results", "Product",
	"Full name", "Email", "Contact ID", "Company Name",
}

// freshdeskType is the Freshdesk "Type" label of each issue type.
var freshdeskType = [NumTypes]string{
	"Order status", "Shipping & delivery", "Returns & refunds", "Payment",
	"Product question", "Gift card", "Account", "Discount code",
}

// freshdeskTag is the tag agents add for each issue type.
var freshdeskTag = [NumTypes]string{"wismo", "shipping", "returns", "payment", "product", "giftcard", "account", "promo"}

var freshdeskPriority = [4]string{"Low", "Medium", "High", "Urgent"}

// freshdeskSource labels the stream's sub-channels. Freshchat conversations
// (web messaging in 2024) arrive as "Chat"; Instagram DMs through the
// Facebook (Meta) channel.
func freshdeskSource(c *contact) string {
	switch c.stream {
	case WebEmail:
		return [...]string{"Email", "Portal", "Feedback Widget"}[c.sub]
	case WebChat, WebMessaging:
		return "Chat"
	case WebSocial:
		return [...]string{"Facebook", "Twitter", "Facebook"}[c.sub]
	}
	return "Email"
}

// freshdeskClosedAfter: a resolved ticket is closed by automation 48 hours later.
const freshdeskClosedAfter = 48 * hour

// hms formats seconds as [h]:mm:ss with hours beyond 24 (Freshdesk's
// "(in hrs)" columns).
func hms(sec int64) string {
	return fmt.Sprintf("%02d:%02d:%02d", sec/3600, sec/60%60, sec%60)
}

// hhmm formats seconds as HH:MM, rounded to the minute (Freshdesk "Time tracked").
func hhmm(sec int64) string {
	m := (sec + 30) / 60
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// writeFreshdesk writes the tickets as the Freshdesk export taken at wall
// time exportAt: tickets not yet solved then are Open or Pending with empty
// resolved and closed times.
func (w *world) writeFreshdesk(out io.Writer, tickets []ticket, exportAt int64) error {
	cw := csv.NewWriter(out)
	if err := cw.Write(FreshdeskHeader); err != nil {
		return err
	}
	rec := make([]string, len(FreshdeskHeader))
	for i := range tickets {
		t := &tickets[i]
		c := t.c
		r := w.contactRand(c, purposeDetails)
		p := webPerson(w.opts.Seed, c.customer)
		order := w.orderRef(r, c)
		clear(rec)
		rec[0] = strconv.Itoa(t.id)
		rec[1] = ticketSubject(r, c, p, order)
		rec[2] = description(r, c.typ, order, p)
		replied, solved := t.firstReply <= exportAt, t.solved <= exportAt
		closedAt := t.solved + freshdeskClosedAfter
		closed := closedAt <= exportAt
		updated := c.created
		switch {
		case closed:
			rec[3], updated = "Closed", closedAt
		case solved:
			rec[3], updated = "Resolved", t.solved
		case replied:
			rec[3], updated = [...]string{"Pending", "Open"}[t.id%2], t.firstReply
		default:
			rec[3] = "Open"
		}
		rec[4] = freshdeskPriority[t.priority]
		rec[5] = freshdeskSource(c)
		if !chance(r, 0.04) {
			rec[6] = freshdeskType[c.typ]
		}
		if replied {
			rec[7] = t.agent
		}
		rec[8] = t.group(false)
		rec[9] = formatWall(c.created)
		due := supportHours.addBusiness(c.created, slaHours[t.priority]*hour)
		rec[10] = formatWall(due)
		if solved {
			rec[11] = formatWall(t.solved)
		}
		if closed {
			rec[12] = formatWall(closedAt)
		}
		rec[13] = formatWall(updated)
		frBiz := supportHours.businessBetween(c.created, t.firstReply)
		if replied {
			rec[14] = formatWall(t.firstReply)
			if !chance(r, 0.15) {
				rec[16] = hms(frBiz)
			}
			rec[21] = slaStatus(frBiz <= firstResponseSLAHours[t.priority]*hour)
		}
		if !chance(r, 0.03) {
			rec[15] = hhmm(int64(c.handle))
		}
		if solved {
			resBiz := supportHours.businessBetween(c.created, t.solved)
			if !chance(r, 0.15) {
				rec[17] = hms(resBiz)
			}
			rec[20] = slaStatus(t.solved <= due)
		}
		replies := 1 + r.IntN(3)
		rec[18] = strconv.Itoa(replies)
		rec[19] = strconv.Itoa(1 + r.IntN(replies+1))
		rec[22] = strings.Join(w.freshdeskTags(r, c), ",")
		if solved && chance(r, 0.12) {
			rec[23] = [...]string{"Awesome", "Neutral", "Not Good"}[pick(r, []float64{0.7, 0.2, 0.1})]
		}
		rec[24] = "Northwind Outfitters"
		rec[25], rec[26], rec[27] = p.name, p.email, strconv.FormatInt(p.id, 10)
		if chance(r, 0.04) {
			rec[28] = [...]string{"Trailhead Outfitters Co-op", "Summit Camps, Inc.", "Blue Lake Scouts"}[r.IntN(3)]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func slaStatus(within bool) string {
	if within {
		return "Within SLA"
	}
	return "SLA Violated"
}

// ticketSubject is the subject line: the customer's for e-mail, forms and
// social posts; the helpdesk's generic one for chats and messaging.
func ticketSubject(r *rand.Rand, c *contact, p person, order string) string {
	switch c.stream {
	case WebChat:
		return "Chat with " + p.name
	case WebMessaging:
		return "Conversation with " + p.name
	}
	list := subjects[c.typ]
	return fill(list[r.IntN(len(list))], order)
}

// freshdeskTags: the issue-type tag (85% of tickets), a season tag during
// Black Friday week, and "vip" for a few customers.
func (w *world) freshdeskTags(r *rand.Rand, c *contact) []string {
	var tags []string
	if r.Float64() < 0.85 {
		tags = append(tags, freshdeskTag[c.typ])
	}
	if y := c.day.year(); c.day >= blackFriday(y)-1 && c.day <= cyberMonday(y)+1 {
		tags = append(tags, fmt.Sprintf("bfcm%d", y))
	}
	if c.customer%50 == 7 {
		tags = append(tags, "vip")
	}
	return tags
}
