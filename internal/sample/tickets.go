package sample

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Opening hours of the web store's teams (New York wall time). Tickets and
// calls wait for them; the "within business hours" metrics count them.
var (
	// supportHours: e-mail, messaging and social agents, and the phone line:
	// Monday to Saturday 08:00-20:00, closed on New Year's Day,
	// Thanksgiving and Christmas.
	supportHours = &schedule{open: 8 * 3600, close: 20 * 3600,
		days: [7]bool{false, true, true, true, true, true, true}, closedOn: usClosed}
	// chatHours: live chat every day 08:00-22:00 (same closed days); a chat
	// started outside them is an offline message answered like e-mail.
	chatHours = &schedule{open: 8 * 3600, close: 22 * 3600,
		days: [7]bool{true, true, true, true, true, true, true}, closedOn: usClosed}
)

// ticket is a web contact handled in the helpdesk (every web stream but
// phone), with its life cycle in wall seconds (New York).
type ticket struct {
	c           *contact
	id          int
	firstReply  int64
	firstSolved int64
	solved      int64 // final solve (after a reopen)
	reopened    bool
	priority    int // 0 low, 1 medium/normal, 2 high, 3 urgent
	agent       string
	assigned    int64
}

const hour = 3600

// tickets returns the helpdesk tickets created in [from, to), ordered by
// creation, with ids from firstID up. Each ticket's life cycle comes from
// its own random sequence (seed, stream, position), so the same ticket is
// identical in every export that holds it.
func (w *world) tickets(from, to date, firstID int) []ticket {
	var out []ticket
	for _, s := range []Stream{WebEmail, WebChat, WebMessaging, WebSocial} {
		cs := w.contacts[s]
		i, _ := slices.BinarySearchFunc(cs, from, func(c contact, d date) int { return int(c.day - d) })
		for ; i < len(cs) && cs[i].day < to; i++ {
			out = append(out, ticket{c: &cs[i]})
		}
	}
	slices.SortStableFunc(out, func(a, b ticket) int {
		if a.c.created != b.c.created {
			return int(a.c.created - b.c.created)
		}
		return int(a.c.stream) - int(b.c.stream)
	})
	for i := range out {
		t := &out[i]
		t.id = firstID + i
		w.lifecycle(t)
	}
	return out
}

// contactRand is the random sequence of one contact for one purpose.
func (w *world) contactRand(c *contact, purpose uint64) *rand.Rand {
	return rand.New(rand.NewPCG(w.opts.Seed^purpose, uint64(c.stream)<<40|uint64(c.seq)))
}

const (
	purposeLifecycle uint64 = 0x6c6966656379636c
	purposeDetails   uint64 = 0x64657461696c7321
	purposeCall      uint64 = 0x63616c6c73212121
)

// lifecycle draws when a ticket is first answered and solved. Waits grow with
// the day's load (load^0.8 for the first reply): a busy team answers later.
//
//	e-mail, social:  first reply after lognormal(median 2.5 h x load^0.8, sd 0.9) business time,
//	                 solved lognormal(median 5 h x load^0.5, sd 1.1) business time later
//	chat (online):   first reply after lognormal(median 40 s x load, sd 0.6), solved when the chat ends
//	messaging:       first reply after lognormal(median 20 min x load^0.8, sd 1.0) business time,
//	                 solved lognormal(median 1.5 h, sd 1.2) business time later
//
// Business durations are capped at 3 working days (first reply) and 4 (solve).
// 4% of tickets are reopened and solved again 1-3 days later.
func (w *world) lifecycle(t *ticket) {
	r := w.contactRand(t.c, purposeLifecycle)
	c := t.c
	load := float64(c.load)
	// Business durations are capped (first reply at 3 working days, the
	// solve at 4 more): the export's open tickets are then only the last
	// days' ones, as in a team that clears its backlog.
	biz := func(median, sd float64, capDays float64) int64 {
		return int64(math.Min(logMedian(r, median, sd), capDays*12*hour))
	}
	switch {
	case c.stream == WebChat && chatHours.isOpen(c.created):
		t.firstReply = c.created + int64(math.Max(5, logMedian(r, 40*load, 0.6)))
		t.firstSolved = t.firstReply + int64(c.handle) + r.Int64N(120)
	case c.stream == WebMessaging:
		t.firstReply = supportHours.addBusiness(c.created, biz(20*60*math.Pow(load, 0.8), 1.0, 3))
		t.firstSolved = supportHours.addBusiness(t.firstReply, biz(1.5*hour, 1.2, 4)) + int64(c.handle)
	default: // e-mail, social, offline chat messages
		median := 2.5 * hour * math.Pow(load, 0.8)
		if c.stream == WebChat {
			median = 1 * hour
		}
		t.firstReply = supportHours.addBusiness(c.created, biz(median, 0.9, 3))
		t.firstSolved = supportHours.addBusiness(t.firstReply, biz(5*hour*math.Sqrt(load), 1.1, 4)) + int64(c.handle)
	}
	t.solved = t.firstSolved
	if chance(r, 0.04) {
		t.reopened = true
		t.solved = t.firstSolved + 24*hour + r.Int64N(48*hour)
	}
	t.priority = pick(r, []float64{0.2, 0.6, 0.15, 0.05})
	// Agents take the ticket when they first reply; holiday temps join on
	// November 10.
	pool := webAgents
	if m, dd := wallDate(t.firstReply).monthDay(); (m == time.November && dd >= 10) || m == time.December {
		pool = append(slices.Clip(webAgents), seasonalAgents...)
	}
	t.agent = pool[r.IntN(len(pool))]
	t.assigned = t.firstReply - min(int64(r.IntN(600)), t.firstReply-c.created)
}

// group returns the helpdesk group of a ticket.
func (t *ticket) group(zendesk bool) string {
	switch {
	case t.c.stream == WebSocial:
		return "Social Media"
	case t.c.stream == WebChat || t.c.stream == WebMessaging:
		if zendesk {
			return "Chat & Messaging"
		}
		return "Live Chat"
	case t.c.typ == ReturnsRefunds:
		return "Returns & Refunds"
	}
	return "Customer Support"
}

// slaHours is the resolution target by priority (business hours): low 48,
// medium 24, high 8, urgent 4; firstResponseSLAHours the first-reply target.
var (
	slaHours              = [4]int64{48, 24, 8, 4}
	firstResponseSLAHours = [4]int64{24, 8, 4, 1}
)

// orderRef returns an order number plausible for a contact: an order placed
// a few days before it.
func (w *world) orderRef(r *rand.Rand, c *contact) string {
	back := date(r.IntN(10))
	i := int(c.day - back - w.start)
	if i < 0 {
		i = 0
	}
	n := 100000
	if i < len(w.cumWebOrders) {
		n += w.cumWebOrders[i]
	}
	if i < len(w.orders) && w.orders[i].web > 0 {
		n += r.IntN(w.orders[i].web)
	}
	return orderNumber(n)
}
