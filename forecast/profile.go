package forecast

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// eventProfileMin is the fewest timed contacts an event day of last year
// needs before its own curve is trusted over the weekday's.
const eventProfileMin = 100

// profiles holds the intraday curves per channel, by local clock slot
// (minute of the day / interval), so that they apply to days of any
// length: on a daylight-saving day the missing hour's slots get nothing
// and the repeated hour's slots are used twice, then the shares are
// renormalised to keep the day's total.
type profiles struct {
	h       *History
	perDay  int                                 // clock slots per day
	weekday map[string]*[7][]float64            // channel -> weekday -> slot weights
	overall map[string][]float64                // channel -> slot weights
	byDay   map[string]map[civil.Date][]float64 // channel -> history day -> clock slots (cached)
	weeks   int
	// intraday is the shape for channels whose history has no time of
	// day (Config.Intraday); nil spreads their days evenly.
	intraday *Intraday
}

func newProfiles(h *History, cfg Config) *profiles {
	p := &profiles{h: h, perDay: int(24 * time.Hour / h.Interval), weekday: map[string]*[7][]float64{},
		overall: map[string][]float64{}, byDay: map[string]map[civil.Date][]float64{}, weeks: cfg.ProfileWeeks, intraday: cfg.Intraday}
	// Event days and their neighbours have shapes of their own; leave them
	// out of the normal weekday curves.
	skip := map[civil.Date]bool{}
	from := h.Last.AddDays(-7*cfg.ProfileWeeks + 1)
	for d := range EventDays(Range{from.AddDays(-1), h.Last.AddDays(1)}, cfg.Events) {
		for o := -1; o <= 1; o++ {
			skip[d.AddDays(o)] = true
		}
	}
	for _, k := range h.Keys() {
		wd := p.weekday[k.Channel]
		if wd == nil {
			wd = &[7][]float64{}
			for i := range wd {
				wd[i] = make([]float64, p.perDay)
			}
			p.weekday[k.Channel] = wd
			p.overall[k.Channel] = make([]float64, p.perDay)
		}
		for d := from; !d.After(h.Last); d = d.AddDays(1) {
			if skip[d] {
				continue
			}
			slots := h.Slots(k, d)
			if slots == nil {
				continue
			}
			p.addClock(wd[d.Weekday()], d, slots)
			p.addClock(p.overall[k.Channel], d, slots)
		}
	}
	return p
}

// clockSlot is the local clock slot of t.
func (p *profiles) clockSlot(t time.Time) int {
	t = t.In(p.h.Loc)
	return (t.Hour()*60 + t.Minute()) / int(p.h.Interval/time.Minute)
}

// addClock adds a history day's interval counts to clock slots.
func (p *profiles) addClock(dst []float64, d civil.Date, slots []float64) {
	starts := DayIntervals(d, p.h.Loc, p.h.Interval)
	for i, v := range slots {
		if i < len(starts) {
			dst[p.clockSlot(starts[i])] += v
		}
	}
}

// channelDay is a history day's timed contacts of one channel by clock slot.
func (p *profiles) channelDay(channel string, d civil.Date) ([]float64, float64) {
	m := p.byDay[channel]
	if m == nil {
		m = map[civil.Date][]float64{}
		p.byDay[channel] = m
	}
	if c, ok := m[d]; ok {
		return c, sum(c)
	}
	c := make([]float64, p.perDay)
	for _, k := range p.h.Keys() {
		if k.Channel == channel {
			if s := p.h.Slots(k, d); s != nil {
				p.addClock(c, d, s)
			}
		}
	}
	m[d] = c
	return c, sum(c)
}

// shape returns the share of a day's volume in each of its intervals (they
// sum to 1) and where the curve came from.
func (p *profiles) shape(channel string, d, source civil.Date, eventDay bool) ([]float64, string) {
	var clock []float64
	from := ""
	if eventDay && !source.IsZero() {
		if c, n := p.channelDay(channel, source); n >= eventProfileMin {
			clock, from = c, "event day "+source.String()
		}
	}
	if clock == nil {
		if wd := p.weekday[channel]; wd != nil && sum(wd[d.Weekday()]) > 0 {
			clock, from = wd[d.Weekday()], fmt.Sprintf("%ss of the last %d weeks", d.Weekday(), p.weeks)
		} else if o := p.overall[channel]; sum(o) > 0 {
			clock, from = o, fmt.Sprintf("all days of the last %d weeks", p.weeks)
		}
	}
	starts := DayIntervals(d, p.h.Loc, p.h.Interval)
	out := make([]float64, len(starts))
	total := 0.0
	if clock != nil {
		for i, t := range starts {
			out[i] = clock[p.clockSlot(t)]
			total += out[i]
		}
	}
	if total == 0 && p.intraday != nil {
		// no timed history (date-only exports): the shape given
		for i, t := range starts {
			out[i] = p.intraday.weight(t.In(p.h.Loc), p.h.Interval)
			total += out[i]
		}
		if total > 0 {
			for i := range out {
				out[i] /= total
			}
			return out, fmt.Sprintf("%s %q (no times of day in the history)", IntradaySource, p.intraday.Name)
		}
	}
	if total == 0 {
		// no timed history at all (date-only exports): spread evenly
		for i := range out {
			out[i] = 1 / float64(len(out))
		}
		return out, FlatProfile
	}
	for i := range out {
		out[i] /= total
	}
	return out, from
}

// The profile names of days spread without times of day in the history.
const (
	FlatProfile    = "flat (no times of day in the history)"
	IntradaySource = "intraday profile"
)

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
