package forecast

import (
	"math"
	"sort"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Handle time samples above maxHandleSeconds are not handling (a ticket left
// open for weeks, a call log's hold-and-forget): they are dropped before the
// trimmed mean.
const (
	maxHandleSeconds = 4 * 3600
	minHandleSamples = 30
	trimShare        = 0.1
)

// HandleTime summarises a series' handle time, in seconds.
type HandleTime struct {
	Key     Key
	Normal  float64 // trimmed mean over the last year outside the season days
	Season  float64 // trimmed mean on last year's aligned season days
	Median  float64 // median over the last year
	Uplift  float64 // Season / Normal (1 when either is unknown)
	Samples int
}

type handleTimes struct {
	h     *History
	keys  []Key
	sum   map[Key]HandleTime
	cache map[Key]map[civil.Date]float64
}

// TrimmedMean is the mean of xs without the lowest and highest share of
// values (each side): robust to the odd ticket timed for hours, still a
// mean, which is what queueing formulas need. xs is sorted in place.
func TrimmedMean(xs []float64, share float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sort.Float64s(xs)
	cut := int(float64(len(xs)) * share)
	xs = xs[cut : len(xs)-cut]
	return sum(xs) / float64(len(xs))
}

// Median of xs (sorted in place); NaN when empty.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

func (h *History) handleSamples(k Key, from, to civil.Date, skip map[civil.Date]bool) []float64 {
	var out []float64
	days := h.series[k]
	for d := from; !d.After(to); d = d.AddDays(1) {
		if skip[d] {
			continue
		}
		if dc := days[d]; dc != nil {
			for _, x := range dc.handle {
				if x > 0 && x <= maxHandleSeconds {
					out = append(out, x)
				}
			}
		}
	}
	return out
}

func newHandleTimes(h *History, cfg Config, align []Alignment) *handleTimes {
	ht := &handleTimes{h: h, keys: h.Keys(), sum: map[Key]HandleTime{}, cache: map[Key]map[civil.Date]float64{}}
	season := map[civil.Date]bool{}
	for _, a := range align {
		season[a.Source] = true
	}
	from := h.Last.AddDays(-364)
	for _, k := range ht.keys {
		s := HandleTime{Key: k, Uplift: 1}
		normal := h.handleSamples(k, from, h.Last, season)
		var inSeason []float64
		for d := range season {
			inSeason = append(inSeason, h.handleSamples(k, d, d, nil)...)
		}
		all := append(append([]float64(nil), normal...), inSeason...)
		s.Samples = len(all)
		if len(all) > 0 {
			s.Median = Median(all)
		}
		if len(normal) >= minHandleSamples {
			s.Normal = TrimmedMean(normal, trimShare)
		}
		if len(inSeason) >= minHandleSamples {
			s.Season = TrimmedMean(inSeason, trimShare)
		}
		if s.Normal > 0 && s.Season > 0 {
			s.Uplift = s.Season / s.Normal
		}
		ht.sum[k] = s
	}
	return ht
}

// at is the handle time forecast of a series on a day aligned with source:
// the trimmed mean of the week around last year's aligned day when it has
// enough samples (gift cards in December), else last season's, else the
// normal one; 0 when the history has no handle times.
func (ht *handleTimes) at(k Key, source civil.Date, baseline bool) float64 {
	s := ht.sum[k]
	if !baseline && !source.IsZero() {
		c := ht.cache[k]
		if c == nil {
			c = map[civil.Date]float64{}
			ht.cache[k] = c
		}
		if v, ok := c[source]; ok {
			return v
		}
		xs := ht.h.handleSamples(k, source.AddDays(-3), source.AddDays(3), nil)
		v := 0.0
		switch {
		case len(xs) >= minHandleSamples:
			v = TrimmedMean(xs, trimShare)
		case s.Season > 0:
			v = s.Season
		default:
			v = s.Normal
		}
		c[source] = v
		return v
	}
	if s.Normal > 0 {
		return s.Normal
	}
	return s.Season
}

func (ht *handleTimes) summary() []HandleTime {
	out := make([]HandleTime, 0, len(ht.keys))
	for _, k := range ht.keys {
		out = append(out, ht.sum[k])
	}
	return out
}
