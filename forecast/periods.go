package forecast

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// WeekShape is how a week's contacts spread over its days: the relative
// weight of each weekday, Sunday first (time.Weekday order).
type WeekShape struct {
	Name   string
	Weight [7]float64
}

// retailWeek is the built-in "retail" week: an online shop's support
// contacts by weekday, Monday the busiest (the weekend's orders and
// questions arrive), Saturday and Sunday the quietest. It is an
// assumption, not a measurement, like the built-in intraday shape; give
// your own weights when the history is weekly and you know them.
var retailWeek = WeekShape{Name: "retail", Weight: [7]float64{0.75, 1.2, 1.1, 1.05, 1.0, 0.95, 0.8}}

// WeekShapeByName returns a built-in week: "retail" or "flat".
func WeekShapeByName(name string) (WeekShape, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "retail":
		return retailWeek, nil
	case "flat":
		return WeekShape{Name: "flat", Weight: [7]float64{1, 1, 1, 1, 1, 1, 1}}, nil
	}
	return WeekShape{}, fmt.Errorf("unknown week shape %q: expected retail, flat, or seven weights Monday to Sunday such as 1.2,1.1,1,1,1,0.8,0.7", name)
}

// ParseWeekShape reads a built-in name or seven non-negative weights,
// Monday to Sunday, separated by commas (not all zero).
func ParseWeekShape(s string) (WeekShape, error) {
	parts := strings.Split(s, ",")
	if len(parts) == 1 {
		return WeekShapeByName(s)
	}
	if len(parts) != 7 {
		return WeekShape{}, fmt.Errorf("week shape %q: expected seven weights, Monday to Sunday", s)
	}
	w := WeekShape{Name: strings.ReplaceAll(s, " ", "")}
	total := 0.0
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return WeekShape{}, fmt.Errorf("week shape %q: %q is not a weight (0 or more)", s, p)
		}
		w.Weight[(i+1)%7] = v // Monday first in, Sunday first stored
		total += v
	}
	if total == 0 {
		return WeekShape{}, fmt.Errorf("week shape %q: every weight is zero", s)
	}
	return w, nil
}

// periodChannels finds the channels whose history is one date-only count
// per week or per month (a weekly or monthly report imported as
// contacts): models.DetectCadence on the channel's day totals.
func periodChannels(h *History) map[string]models.Cadence {
	byChannel := map[string]map[civil.Date]float64{}
	timed := map[string]bool{}
	for k, days := range h.series {
		m := byChannel[k.Channel]
		if m == nil {
			m = map[civil.Date]float64{}
			byChannel[k.Channel] = m
		}
		for d, dc := range days {
			if dc.total > 0 {
				m[d] += dc.total
			}
			if dc.timed > 0 {
				timed[k.Channel] = true
			}
		}
	}
	out := map[string]models.Cadence{}
	for ch, days := range byChannel {
		if timed[ch] || len(days) < 4 {
			continue
		}
		pts := make([]models.Point, 0, len(days))
		for d, v := range days {
			pts = append(pts, models.Point{T: d.Midnight(time.UTC), V: v})
		}
		if c := models.DetectCadence(pts); c != models.CadenceDaily {
			out[ch] = c
		}
	}
	return out
}

// periodDays are the days a count dated d stands for: the week from d, or
// d's calendar month.
func periodDays(d civil.Date, c models.Cadence) (civil.Date, civil.Date) {
	if c == models.CadenceMonthly {
		first := civil.Date{Year: d.Year, Month: d.Month, Day: 1}
		return first, civil.DateOf(time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC))
	}
	return d, d.AddDays(6)
}

// spreadPeriods returns the history with the counts of weekly and monthly
// channels spread over the days they stand for, in proportion to the
// week shape (a week dated by its first day; a month by any of its
// days), and a warning per channel; h itself is not changed. Handle
// times stay with the period's first day; resolutions are spread like
// the counts.
func spreadPeriods(h *History, shape WeekShape) (*History, []string) {
	chans := periodChannels(h)
	if len(chans) == 0 {
		return h, nil
	}
	out := *h
	out.series = make(map[Key]map[civil.Date]*dayCounts, len(h.series))
	out.covered = make(map[string]map[civil.Date]bool, len(h.covered))
	for ch, cov := range h.covered {
		out.covered[ch] = cov
	}
	for k, days := range h.series {
		c, ok := chans[k.Channel]
		if !ok {
			out.series[k] = days
			continue
		}
		spread := map[civil.Date]*dayCounts{}
		for d, dc := range days {
			from, to := periodDays(d, c)
			total := 0.0
			for x := from; !x.After(to); x = x.AddDays(1) {
				total += shape.Weight[x.Weekday()]
			}
			if total <= 0 {
				continue
			}
			for x := from; !x.After(to); x = x.AddDays(1) {
				share := shape.Weight[x.Weekday()] / total
				n := spread[x]
				if n == nil {
					n = &dayCounts{slots: make([]float64, slotCount(x, h.Loc, h.Interval))}
					spread[x] = n
				}
				n.total += dc.total * share
				n.resolved += dc.resolved * share
				if x == from {
					n.handle = append(n.handle, dc.handle...)
				}
				if x.After(out.Last) {
					out.Last = x
				}
				if x.Before(out.First) {
					out.First = x
				}
			}
		}
		out.series[k] = spread
	}
	var warns []string
	names := make([]string, 0, len(chans))
	for ch := range chans {
		names = append(names, ch)
	}
	sort.Strings(names)
	for _, ch := range names {
		cov := map[civil.Date]bool{}
		for d := range h.covered[ch] {
			from, to := periodDays(d, chans[ch])
			for x := from; !x.After(to); x = x.AddDays(1) {
				cov[x] = true
			}
		}
		out.covered[ch] = cov
		warns = append(warns, fmt.Sprintf("%s: the history holds one count a %s (%s totals); each is spread over its days by the %s week (%s), a week dated by its first day; an event day's own peak within its week is not in such history (give the week shape with --week-shape or forecast.week_shape)",
			ch, periodWord(chans[ch]), chans[ch], shape.Name, shape.describe()))
	}
	return &out, warns
}

func periodWord(c models.Cadence) string {
	if c == models.CadenceMonthly {
		return "month"
	}
	return "week"
}

// describe lists the weekday shares, Monday first, in percent.
func (w WeekShape) describe() string {
	total := 0.0
	for _, v := range w.Weight {
		total += v
	}
	var parts []string
	for i := 1; i <= 7; i++ {
		wd := time.Weekday(i % 7)
		parts = append(parts, fmt.Sprintf("%s %.0f%%", wd.String()[:3], 100*w.Weight[wd]/total))
	}
	return strings.Join(parts, ", ")
}
