package forecast

import (
	"sort"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// BacklogDay is one day of received and resolved tickets.
type BacklogDay struct {
	Date     civil.Date
	Received float64
	Resolved float64
	// Backlog is the open tickets at the end of the day added since the
	// first day shown (the export does not say how many were open before).
	Backlog float64
}

// Backlog accounts for deferred work (email, messaging, social and other
// tickets; calls and chats are answered live): the history's received vs
// resolved tickets, the resolution time per issue type and the season's
// projection at a given daily capacity.
type Backlog struct {
	History         []BacklogDay       // the last four weeks of the history
	ResolutionHours map[string]float64 // median created -> resolved, per issue type
	Capacity        float64            // tickets resolved per day in the projection
	CapacityGiven   bool
	Projection      []BacklogDay // the season at that capacity
	PeakBacklog     float64
	PeakDate        civil.Date
}

func deferred(channel string) bool { return channel != "phone" && channel != "chat" }

func projectBacklog(h *History, res *Result, capacity float64) Backlog {
	b := Backlog{ResolutionHours: map[string]float64{}, Capacity: capacity, CapacityGiven: capacity > 0}
	for t, xs := range h.resolution {
		if len(xs) > 0 {
			b.ResolutionHours[t] = Median(append([]float64(nil), xs...)) / 3600
		}
	}
	from := h.Last.AddDays(-27)
	open, resolvedSum, days := 0.0, 0.0, 0
	for d := from; !d.After(h.Last); d = d.AddDays(1) {
		day := BacklogDay{Date: d}
		any := false
		for _, k := range res.Keys {
			if !deferred(k.Channel) {
				continue
			}
			if v, ok := h.Daily(k, d); ok {
				day.Received += v
				any = true
			}
			day.Resolved += h.Resolved(k, d)
		}
		if !any {
			continue
		}
		open += day.Received - day.Resolved
		day.Backlog = open
		resolvedSum += day.Resolved
		days++
		b.History = append(b.History, day)
	}
	if capacity <= 0 && days > 0 {
		b.Capacity = resolvedSum / float64(days)
	}
	if b.Capacity <= 0 {
		return b
	}
	received := map[civil.Date]float64{}
	for _, d := range res.Days {
		if deferred(d.Key.Channel) {
			received[d.Date] += d.Band.P50
		}
	}
	open = 0
	for _, d := range sortedDates(received) {
		in := received[d]
		out := min(open+in, b.Capacity)
		open += in - out
		b.Projection = append(b.Projection, BacklogDay{Date: d, Received: in, Resolved: out, Backlog: open})
		if open > b.PeakBacklog {
			b.PeakBacklog, b.PeakDate = open, d
		}
	}
	sort.Slice(b.Projection, func(i, j int) bool { return b.Projection[i].Date.Before(b.Projection[j].Date) })
	return b
}
