package forecast

import (
	"fmt"
	"math"
	"sort"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// defaultRelSD is the relative error assumed when the history cannot be
// replayed at all (less than two seasons and less than two months).
const defaultRelSD = 0.15

// BandSource says how the forecast's uncertainty was measured.
type BandSource struct {
	Method string  // "last season replayed", "recent weeks replayed" or "assumed"
	Points int     // day forecasts scored
	Low    float64 // 10% quantile of actual/forecast
	High   float64 // 90% quantile of actual/forecast
	RelSD  float64 // relative standard deviation used for the bands
	WAPE   float64 // of the replay, in percent
}

// Widen turns a point forecast into a band: a normal distribution whose
// variance is the model's (relative error measured by replay) plus Poisson
// arrival noise, so a quiet interval gets a wide relative band and a busy
// day a narrow one.
func (b BandSource) Widen(v float64) Band {
	if v <= 0 {
		return Band{}
	}
	sd := math.Sqrt(v + b.RelSD*b.RelSD*v*v)
	return Band{P10: math.Max(0, v-z90*sd), P50: v, P90: v + z90*sd}
}

// measureBands replays the method on the history: last season forecast
// from the season before (when two seasons are there; with orders, by the
// driver model chosen on the history before last season, from last
// season's actual orders), else each of the last eight weeks forecast by
// the weekday mean of the weeks before it.
func measureBands(h *History, cfg Config) BandSource {
	var ratios []float64
	var absErr, actualSum, poissonVar float64
	add := func(actual, pred float64) {
		if pred >= 10 {
			ratios = append(ratios, actual/pred)
			poissonVar += 1 / pred
			absErr += math.Abs(actual - pred)
			actualSum += actual
		}
	}
	// Errors are scored per channel and day: the model's error is shared
	// by a channel's issue types, and a channel-day has enough contacts for
	// the Poisson part not to swamp it.
	type pair struct{ actual, pred float64 }
	pairs := map[string]*pair{}
	collect := func(k Key, d civil.Date, actual, pred float64) {
		id := k.Channel + " " + d.String()
		p := pairs[id]
		if p == nil {
			p = &pair{}
			pairs[id] = p
		}
		p.actual += actual
		p.pred += pred
	}
	flush := func() {
		for _, p := range pairs {
			add(p.actual, p.pred)
		}
		pairs = map[string]*pair{}
	}
	last := Range{cfg.Season.Start.AddDays(-364), cfg.Season.End.AddDays(-364)}
	if last.End.After(h.Last) {
		last.End = h.Last
	}
	method := ""
	driver := cfg.Orders != nil && cfg.Orders.HasForecast()
	if !last.End.Before(last.Start) {
		align := Align(last, cfg.Events, cfg.EventWindow)
		end := last.Start.AddDays(-1)
		g := MeasureGrowth(h, end, cfg.GrowthWeeks)
		for _, k := range h.Keys() {
			var drv map[civil.Date]float64
			if driver {
				drv = driverReplay(h, cfg, k, last)
			}
			for _, a := range align {
				actual, ok1 := h.Daily(k, a.Target)
				if !ok1 {
					continue
				}
				if p, ok := drv[a.Target]; ok {
					collect(k, a.Target, actual, p)
				} else if src, ok2 := h.Daily(k, a.Source); ok2 {
					collect(k, a.Target, actual, src*g.Factor)
				}
			}
		}
		flush()
		method = fmt.Sprintf("last season (%s) replayed from the season before", last)
		if driver {
			method += " (by the driver model where last season's orders are known)"
		}
	}
	if len(ratios) < 20 {
		ratios, absErr, actualSum, poissonVar = nil, 0, 0, 0
		pairs = map[string]*pair{}
		base := WeekdayMean(4)
		for _, k := range h.Keys() {
			hist := h.dailyValues(k)
			for w := 8; w >= 1; w-- {
				cut := h.Last.AddDays(-7 * w)
				var train []DayValue
				var at []civil.Date
				var actual []float64
				for _, dv := range hist {
					switch {
					case !dv.Date.After(cut):
						train = append(train, dv)
					case !dv.Date.After(cut.AddDays(7)):
						at = append(at, dv.Date)
						actual = append(actual, dv.Value)
					}
				}
				if len(train) < 28 || len(at) == 0 {
					continue
				}
				pred, _, err := base(train, at)
				if err != nil {
					continue
				}
				for i := range at {
					collect(k, at[i], actual[i], pred[i])
				}
			}
		}
		flush()
		method = "the last 8 weeks replayed one week ahead (weekday mean)"
	}
	if len(ratios) < 20 {
		return BandSource{Method: "assumed (the history is too short to replay)", RelSD: defaultRelSD, Low: 1 - z90*defaultRelSD, High: 1 + z90*defaultRelSD}
	}
	sort.Float64s(ratios)
	b := BandSource{Method: method, Points: len(ratios), Low: models.SampleQuantile(ratios, 0.1), High: models.SampleQuantile(ratios, 0.9)}
	// The replayed ratios hold the model's error and the arrivals' Poisson
	// noise; Widen adds the Poisson part per value, so only the model's
	// share (total variance minus the mean Poisson variance) is kept here.
	total := (b.High - b.Low) / (2 * z90)
	b.RelSD = math.Sqrt(math.Max(0, total*total-poissonVar/float64(len(ratios))))
	if actualSum > 0 {
		b.WAPE = 100 * absErr / actualSum
	}
	return b
}
