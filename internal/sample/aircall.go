package sample

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// AircallHeader is the header of the Aircall call-history export (fields as
// https://support.aircall.io/hc/en-gb/articles/13395542101661 lists them).
var AircallHeader = []string{
	"Call ID (UUID)", "Call direction", "Call type", "Answered", "Unanswered Call Reason",
	"Started at", "Answered at", "Ended at", "Duration (total)", "Duration (in call)",
	"User", "Team", "Line", "Tags",
}

// aircallTag is the tag agents put on a call for each issue type.
var aircallTag = [NumTypes]string{
	"order-status", "shipping", "returns", "payment", "product-question", "gift-card", "account", "discount-code",
}

// Lines of the web store's phone system.
const (
	lineMain    = "Northwind Support (US)"
	lineReturns = "Northwind Returns & Exchanges"
	phoneTeam   = "Phone Support"
)

// call is one row of the call log.
type call struct {
	c        *contact // the inbound call, or the call a callback returns
	outbound bool
	started  int64 // wall seconds, New York
	answered int64 // 0 when nobody answered
	ended    int64
	callType string
	reason   string
	agent    string
	tagged   bool
	line     string
	uuid     [16]byte
	talkSecs int64
}

// Call-centre behaviour of the phone line (open Monday to Saturday
// 08:00-20:00, supportHours):
//
//	queue wait     exponential, mean 15 s x load^2.2 (a busy day queues longer)
//	patience       exponential, mean 240 s; a caller whose patience ends first abandons
//	queue timeout  300 s, then voicemail
//	missed         2% of the calls that reach an agent ring out unanswered
//	tagging        agents tag 90% of the calls they answer with the issue type
//	callbacks      80% of voicemails and missed calls and 35% of abandoned calls (after
//	               10 s) get an outbound callback lognormal(median 45 min) business time
//	               later; 70% of callbacks are answered.
const (
	queueWaitMean    = 15.0
	queueLoadPower   = 2.2
	patienceMean     = 240.0
	queueTimeout     = 300
	shortAbandonSecs = 10
)

// calls builds the call log: every inbound call with its outcome and the
// outbound callbacks, ordered by start time.
func (w *world) calls() []call {
	cs := w.contacts[WebPhone]
	out := make([]call, 0, len(cs)+len(cs)/20)
	for i := range cs {
		c := &cs[i]
		r := w.contactRand(c, purposeCall)
		k := call{c: c, started: c.created, line: lineMain}
		if c.typ == ReturnsRefunds && chance(r, 0.8) {
			k.line = lineReturns
		}
		fillUUID(r, &k.uuid)
		wait := int64(r.ExpFloat64() * math.Min(900, queueWaitMean*math.Pow(float64(c.load), queueLoadPower)))
		patience := int64(r.ExpFloat64() * patienceMean)
		missed := chance(r, 0.02)
		callback := r.Float64()
		switch {
		case !supportHours.isOpen(c.created):
			k.callType, k.reason = "Out of business hours", "out_of_opening_hours"
			k.ended = c.created + 8 + r.Int64N(30)
		case patience < wait && patience < queueTimeout:
			k.callType, k.reason = "Abandoned", "no_available_agent"
			if patience < shortAbandonSecs {
				k.reason = "short_abandoned"
			}
			k.ended = c.created + patience
		case wait >= queueTimeout:
			k.callType, k.reason = "Voicemail", "no_available_agent"
			k.ended = c.created + queueTimeout + 15 + r.Int64N(75)
		case missed:
			k.callType, k.reason = "Missed", "agents_did_not_answer"
			k.ended = c.created + wait + 30
		default:
			k.callType = "Answered"
			k.answered = c.created + wait
			k.talkSecs = int64(c.handle)
			k.ended = k.answered + k.talkSecs
			k.agent = w.phoneAgent(r, c.day)
			k.tagged = chance(r, 0.9)
		}
		out = append(out, k)
		var p float64
		switch {
		case k.callType == "Voicemail" || k.callType == "Missed":
			p = 0.8
		case k.callType == "Abandoned" && k.reason != "short_abandoned":
			p = 0.35
		}
		if callback < p {
			out = append(out, w.callback(r, c))
		}
	}
	slices.SortStableFunc(out, func(a, b call) int { return int(a.started - b.started) })
	return out
}

// callback is an agent calling a customer back.
func (w *world) callback(r *rand.Rand, c *contact) call {
	k := call{c: c, outbound: true, line: lineMain, callType: "Answered"}
	fillUUID(r, &k.uuid)
	k.started = supportHours.addBusiness(c.created, int64(math.Max(60, logMedian(r, 45*60, 0.8))))
	k.agent = w.phoneAgent(r, wallDate(k.started))
	if chance(r, 0.7) {
		k.answered = k.started + 5 + r.Int64N(20)
		k.talkSecs = int64(math.Max(20, float64(c.handle)*0.8))
		k.ended = k.answered + k.talkSecs
		k.tagged = chance(r, 0.9)
	} else {
		k.callType = "Missed"
		k.ended = k.started + 30
	}
	return k
}

func (w *world) phoneAgent(r *rand.Rand, d date) string {
	pool := webAgents[:12]
	if m, dd := d.monthDay(); (m == time.November && dd >= 10) || m == time.December {
		pool = append(slices.Clip(pool), seasonalAgents[:3]...)
	}
	return pool[r.IntN(len(pool))]
}

// fillUUID writes a random (version 4, RFC 9562) UUID.
func fillUUID(r *rand.Rand, u *[16]byte) {
	a, b := r.Uint64(), r.Uint64()
	for i := range 8 {
		u[i] = byte(a >> (8 * i))
		u[8+i] = byte(b >> (8 * i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
}

func formatUUID(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// utf8BOM starts the Aircall file: its CSV is written for Excel.
const utf8BOM = "\ufeff"

// writeAircall writes the call log.
func (w *world) writeAircall(out io.Writer, calls []call) error {
	if _, err := io.WriteString(out, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(out)
	if err := cw.Write(AircallHeader); err != nil {
		return err
	}
	rec := make([]string, len(AircallHeader))
	for i := range calls {
		k := &calls[i]
		clear(rec)
		rec[0] = formatUUID(k.uuid)
		rec[1] = "Inbound"
		if k.outbound {
			rec[1] = "Outbound"
		}
		rec[2] = k.callType
		rec[3] = "No"
		if k.answered != 0 {
			rec[3] = "Yes"
		}
		rec[4] = k.reason
		rec[5] = formatWall(k.started)
		if k.answered != 0 {
			rec[6] = formatWall(k.answered)
		}
		rec[7] = formatWall(k.ended)
		rec[8] = strconv.FormatInt(newYork.instant(k.ended)-newYork.instant(k.started), 10)
		if k.answered != 0 {
			rec[9] = strconv.FormatInt(k.talkSecs, 10)
		}
		rec[10] = k.agent
		rec[11] = phoneTeam
		rec[12] = k.line
		if k.tagged {
			rec[13] = aircallTag[k.c.typ]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
