package forecast

import (
	"fmt"
	"iter"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// ErrNoHistory is returned when there is nothing to forecast from.
var ErrNoHistory = fmt.Errorf("%w: no usable history", importers.ErrInvalidData)

// Key names one forecast series.
type Key struct {
	Channel   string
	IssueType string
}

func (k Key) String() string { return k.Channel + "/" + k.IssueType }

// dayCounts holds one series' contacts on one local day.
type dayCounts struct {
	total    float64   // every contact of the day
	timed    float64   // contacts with a time of day (usable for intraday)
	slots    []float64 // timed contacts per interval of the day (len = the day's intervals)
	handle   []float64 // handle times seen that day (seconds), for AHT
	resolved float64   // contacts resolved that day (by their resolution time)
}

// History is the past contacts binned per local day and interval, per
// series, with the days each channel was observed.
type History struct {
	Loc      *time.Location
	Interval time.Duration
	series   map[Key]map[civil.Date]*dayCounts
	// covered are the days each channel's exports span: a covered day with
	// no contacts is a closed (zero) day, an uncovered day is missing data.
	covered map[string]map[civil.Date]bool
	First   civil.Date
	Last    civil.Date
	// resolution times (seconds) per issue type, for the backlog
	resolution map[string][]float64
	Contacts   float64
}

// DayIntervals returns the start of every interval of a local day. A day
// with a daylight-saving change has fewer or more intervals (a 23-hour day
// has 92 quarter-hours, a 25-hour day 100): intervals step in elapsed time
// from local midnight to the next local midnight.
func DayIntervals(d civil.Date, loc *time.Location, step time.Duration) []time.Time {
	start := d.Midnight(loc)
	end := d.AddDays(1).Midnight(loc)
	n := int((end.Sub(start) + step - 1) / step)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = start.Add(time.Duration(i) * step)
	}
	return out
}

// slotCount is the number of intervals of a local day.
func slotCount(d civil.Date, loc *time.Location, step time.Duration) int {
	dur := d.AddDays(1).Midnight(loc).Sub(d.Midnight(loc))
	return int((dur + step - 1) / step)
}

// ValidInterval checks a forecast interval: 15, 30 or 60 minutes (any
// divisor of an hour is accepted).
func ValidInterval(step time.Duration) error {
	if step <= 0 || step > time.Hour || time.Hour%step != 0 || step%time.Minute != 0 {
		return fmt.Errorf("interval %v: expected whole minutes dividing an hour, such as 15m, 30m or 60m", civil.FormatDuration(step))
	}
	return nil
}

// NewHistory bins contacts into local days and intervals of loc. Outbound
// calls are not demand and are left out (counted in the returned number).
func NewHistory(contacts []importers.Contact, loc *time.Location, step time.Duration) (*History, int, error) {
	return HistoryOf(importers.Contacts(contacts), loc, step)
}

// HistoryOf is NewHistory on contacts read one at a time (importers.Set's
// All): only the bins are kept, so a history of ten million contacts never
// holds them all as records.
func HistoryOf(contacts iter.Seq[*importers.Contact], loc *time.Location, step time.Duration) (*History, int, error) {
	if err := ValidInterval(step); err != nil {
		return nil, 0, err
	}
	if loc == nil {
		loc = time.Local
	}
	h := &History{Loc: loc, Interval: step, series: map[Key]map[civil.Date]*dayCounts{},
		covered: map[string]map[civil.Date]bool{}, resolution: map[string][]float64{}}
	type span struct{ first, last civil.Date }
	spans := map[[2]string]*span{} // (file, channel) -> days spanned
	outbound := 0
	for c := range contacts {
		if c.Outbound {
			outbound++
			continue
		}
		if c.Created.IsZero() || c.Count <= 0 {
			continue
		}
		var local time.Time
		var d civil.Date
		if c.CreatedDateOnly {
			// a date without a time is a calendar day, whatever the zone
			d = civil.DateOf(c.Created)
		} else {
			local = c.Created.In(loc)
			d = civil.DateOf(local)
		}
		k := Key{Channel: string(c.Channel), IssueType: c.IssueType}
		if k.IssueType == "" {
			k.IssueType = "other"
		}
		days := h.series[k]
		if days == nil {
			days = map[civil.Date]*dayCounts{}
			h.series[k] = days
		}
		dc := days[d]
		if dc == nil {
			dc = &dayCounts{slots: make([]float64, slotCount(d, loc, step))}
			days[d] = dc
		}
		n := float64(c.Count)
		dc.total += n
		h.Contacts += n
		if !c.CreatedDateOnly {
			idx := int(local.Sub(d.Midnight(loc)) / step)
			if idx >= 0 && idx < len(dc.slots) {
				dc.slots[idx] += n
				dc.timed += n
			}
		}
		if c.HandleKnown && c.HandleSeconds > 0 && c.Count == 1 {
			dc.handle = append(dc.handle, c.HandleSeconds)
		}
		if !c.Resolved.IsZero() && c.Count == 1 {
			rd := civil.DateOf(c.Resolved.In(loc))
			rdays := days[rd]
			if rdays == nil {
				rdays = &dayCounts{slots: make([]float64, slotCount(rd, loc, step))}
				days[rd] = rdays
			}
			rdays.resolved++
			// resolution time is a ticket's (calls and chats end when answered)
			if r := c.Resolved.Sub(c.Created).Seconds(); r >= 0 && deferred(k.Channel) {
				h.resolution[k.IssueType] = append(h.resolution[k.IssueType], r)
			}
		}
		sk := [2]string{c.Source.File, k.Channel}
		sp := spans[sk]
		if sp == nil {
			spans[sk] = &span{d, d}
		} else {
			if d.Before(sp.first) {
				sp.first = d
			}
			if d.After(sp.last) {
				sp.last = d
			}
		}
		if h.First.IsZero() || d.Before(h.First) {
			h.First = d
		}
		if d.After(h.Last) {
			h.Last = d
		}
	}
	if h.Contacts == 0 {
		return nil, outbound, fmt.Errorf("%w: no inbound contacts with a created time", ErrNoHistory)
	}
	for sk, sp := range spans {
		cov := h.covered[sk[1]]
		if cov == nil {
			cov = map[civil.Date]bool{}
			h.covered[sk[1]] = cov
		}
		for d := sp.first; !d.After(sp.last); d = d.AddDays(1) {
			cov[d] = true
		}
	}
	return h, outbound, nil
}

// Keys lists the series, by channel then issue type.
func (h *History) Keys() []Key {
	out := make([]Key, 0, len(h.series))
	for k := range h.series {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Channel != out[j].Channel {
			return channelRank(out[i].Channel) < channelRank(out[j].Channel)
		}
		return out[i].IssueType < out[j].IssueType
	})
	return out
}

func channelRank(c string) int {
	for i, ch := range importers.Channels {
		if string(ch) == c {
			return i
		}
	}
	return len(importers.Channels)
}

// Observed reports whether a channel's exports cover day d.
func (h *History) Observed(channel string, d civil.Date) bool { return h.covered[channel][d] }

// Daily returns a series' contacts on day d and whether the day is observed
// (a covered day without contacts is a real zero; an uncovered day is
// missing and ok is false).
func (h *History) Daily(k Key, d civil.Date) (float64, bool) {
	if !h.Observed(k.Channel, d) {
		return 0, false
	}
	if dc := h.series[k][d]; dc != nil {
		return dc.total, true
	}
	return 0, true
}

// Resolved returns the contacts of a series resolved on day d.
func (h *History) Resolved(k Key, d civil.Date) float64 {
	if dc := h.series[k][d]; dc != nil {
		return dc.resolved
	}
	return 0
}

// Slots returns the timed contacts per interval of day d (nil when none).
func (h *History) Slots(k Key, d civil.Date) []float64 {
	if dc := h.series[k][d]; dc != nil && dc.timed > 0 {
		return dc.slots
	}
	return nil
}

// ChannelDaily sums a channel's series on day d.
func (h *History) ChannelDaily(channel string, d civil.Date) (float64, bool) {
	if !h.Observed(channel, d) {
		return 0, false
	}
	sum := 0.0
	for k, days := range h.series {
		if k.Channel == channel {
			if dc := days[d]; dc != nil {
				sum += dc.total
			}
		}
	}
	return sum, true
}

// TotalDaily sums every series on day d; ok is false when no channel
// covers the day.
func (h *History) TotalDaily(d civil.Date) (float64, bool) {
	sum, any := 0.0, false
	for ch := range h.covered {
		v, ok := h.ChannelDaily(ch, d)
		if ok {
			sum += v
			any = true
		}
	}
	return sum, any
}

// timed reports whether any contact of the channel has a time of day.
func (h *History) timed(channel string) bool {
	for k, days := range h.series {
		if k.Channel != channel {
			continue
		}
		for _, dc := range days {
			if dc.timed > 0 {
				return true
			}
		}
	}
	return false
}
