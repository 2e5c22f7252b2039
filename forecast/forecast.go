// Package forecast turns last year's contacts into this season's: daily
// volume per channel and issue type aligned on the season's events, spread
// over the intervals of each day with the history's intraday profiles, with
// handle times, a received-vs-resolved backlog and P10/P50/P90 bands.
//
// The pipeline, for every series (channel x issue type):
//
//  1. Align: each day of the season is mapped to last year's day that plays
//     its part (Align): the same offset from the nearest event within a
//     window (Black Friday, Double 11, ...), else the day 364 days before.
//  2. Daily volume: last year's aligned day x growth (YoY), or, with an order
//     forecast, this year's orders x the contact ratio by the driver method
//     a backtest on the history picks per series (the ratio's recent level,
//     last year's ratio around the aligned day, that shape at this year's
//     level, per weekday, or a regression on orders: ChooseDriver). Days
//     with no aligned history fall back to a baseline model on the recent
//     weeks (Baseline). A history of weekly or monthly counts is first
//     spread over its days (Config.WeekShape).
//  3. Intraday: the day's volume is spread over its intervals with the
//     channel's profile: last year's own curve on an event day (the midnight
//     spike of Double 11), else the weekday's curve of the recent weeks.
//  4. Bands: the same method is replayed on last season from the season
//     before (when the history has it), and the spread of actual/forecast
//     ratios gives the P10/P90 bands, widened by Poisson noise per interval.
package forecast

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Config describes one forecast run.
type Config struct {
	Season Range
	Events []Event
	// EventWindow is how many days either side of an event follow it
	// rather than the 364-day lag (default 3: wider windows around
	// fixed-date events such as Double 11 would compare Sundays with
	// Saturdays). EventDayOnly aligns the event days alone.
	EventWindow int
	// Growth scales last year's volume; 0 measures it on the history
	// (GrowthWeeks before the season, or the history's last weeks, against
	// the same weeks a year earlier).
	Growth      float64
	GrowthWeeks int
	// Orders switches to the driver-based model when it has a forecast.
	Orders *Orders
	// ProfileWeeks of recent history shape the weekday intraday curves.
	ProfileWeeks int
	// Baseline forecasts days without an aligned day last year; nil uses
	// AutoBaseline (a backtest picks the model per series).
	Baseline Baseline
	// AHTUplift, when > 0, replaces the measured peak handle time: every
	// season day takes the series' normal handle time x AHTUplift.
	AHTUplift float64
	// Capacity is the deferred tickets resolved per day for the backlog
	// projection; 0 uses the history's last four weeks.
	Capacity float64
	// Intraday shapes the days of channels whose history has no time of
	// day (IntradayByName, ReadIntraday); nil spreads them evenly.
	Intraday *Intraday
	// IntradayHint names the setting that gives Intraday, for the
	// warning about date-only history: "--intraday" (default) or a plan
	// key.
	IntradayHint string
	// WeekShape spreads a channel whose history is one count a week or a
	// month over the days (see spreadPeriods); nil uses the built-in
	// retail week.
	WeekShape *WeekShape
}

// EventDayOnly is the EventWindow that aligns only the event days themselves.
const EventDayOnly = -1

// Baseline forecasts a daily series at the given days from its history
// (observed days only, in order). It returns the values and the model's name.
type Baseline func(history []DayValue, at []civil.Date) ([]float64, string, error)

// DayValue is one observed day of a series.
type DayValue struct {
	Date  civil.Date
	Value float64
}

func (c *Config) defaults() {
	switch {
	case c.EventWindow == 0:
		c.EventWindow = 3
	case c.EventWindow < 0: // EventDayOnly
		c.EventWindow = 0
	}
	if c.GrowthWeeks == 0 {
		c.GrowthWeeks = 8
	}
	if c.ProfileWeeks == 0 {
		c.ProfileWeeks = 8
	}
	if c.Baseline == nil {
		c.Baseline = AutoBaseline()
	}
}

// Band is a forecast with its uncertainty.
type Band struct{ P10, P50, P90 float64 }

// Quantile returns the value at quantile q (0 < q < 1) of a normal
// distribution fitted to the band's P10 and P90 around its P50.
func (b Band) Quantile(q float64) float64 {
	switch q {
	case 0.5:
		return b.P50
	case 0.1:
		return b.P10
	case 0.9:
		return b.P90
	}
	z := math.Sqrt2 * math.Erfinv(2*q-1)
	var sd float64
	if z >= 0 {
		sd = (b.P90 - b.P50) / z90
	} else {
		sd = (b.P50 - b.P10) / z90
	}
	return math.Max(0, b.P50+z*sd)
}

// Rate returns the arrival rate of an interval or day at quantile q: the
// P50 scaled by the model's uncertainty alone. Staffing formulas (Erlang)
// already model the Poisson variability of arrivals around a rate, so
// staffing to a quantile must move the rate, not add the arrival noise a
// second time (which would staff a quiet night interval for several times
// its volume).
func (b BandSource) Rate(p50, q float64) float64 {
	if q == 0.5 || p50 <= 0 {
		return max(p50, 0)
	}
	z := math.Sqrt2 * math.Erfinv(2*q-1)
	return math.Max(0, p50*(1+z*b.RelSD))
}

// z90 is the standard normal's 90% quantile.
const z90 = 1.2815515655446004

// Day is the forecast of one series on one day.
type Day struct {
	Date    civil.Date
	Key     Key
	Band    Band
	Method  string     // "yoy", "ratio", or the baseline model's name
	Source  civil.Date // last year's aligned day (yoy, ratio)
	Event   string     // the event the day was aligned on
	Offset  int        // days from that event
	Ratio   float64
	AHT     float64 // handle time forecast, seconds; 0 when the history has none
	Profile string  // where the intraday shape came from
}

// EventLabel names the event the day was aligned on and the day's offset
// from it: "black-friday", "black-friday-2", "cyber-monday+1"; "" for a
// day aligned on no event.
func (d Day) EventLabel() string {
	switch {
	case d.Event == "":
		return ""
	case d.Offset == 0:
		return d.Event
	default:
		return fmt.Sprintf("%s%+d", d.Event, d.Offset)
	}
}

// Interval is the forecast of one series in one interval.
type Interval struct {
	Start time.Time
	Key   Key
	Band  Band
	AHT   float64
}

// Result is the whole forecast.
type Result struct {
	Season   Range
	Interval time.Duration
	Loc      *time.Location
	Keys     []Key
	Days     []Day      // by key, then date
	Slots    []Interval // by key, then time
	Growth   Growth
	Ratios   []Ratio
	// Drivers are the driver methods chosen per series (with orders).
	Drivers  []DriverChoice
	AHT      []HandleTime
	Bands    BandSource
	Backlog  Backlog
	Notes    []string
	Warnings []string
}

// Forecast runs the pipeline on a binned history.
// Every error comes from the data or the configuration the user gave, so
// each wraps importers.ErrInvalidData (exit code 3).
func Forecast(h *History, cfg Config) (*Result, error) {
	return ForecastContext(context.Background(), h, cfg)
}

// ForecastContext is Forecast that stops once ctx is done (Ctrl-C): it
// checks ctx before each series and before each model candidate of the
// default baseline's search, and returns an error wrapping
// diag.ErrInterrupted (exit 130) and no result.
func ForecastContext(ctx context.Context, h *History, cfg Config) (res *Result, err error) {
	defer func() {
		if err != nil && !errors.Is(err, importers.ErrInvalidData) && !errors.Is(err, diag.ErrInterrupted) {
			err = fmt.Errorf("%w: %w", importers.ErrInvalidData, err)
		}
	}()
	if cfg.Baseline == nil {
		cfg.Baseline = AutoBaselineContext(ctx)
	}
	cfg.defaults()
	if err := checkSeason(h, cfg); err != nil {
		return nil, err
	}
	shape := retailWeek
	if cfg.WeekShape != nil {
		shape = *cfg.WeekShape
	}
	h, periodWarnings := spreadPeriods(h, shape)
	res = &Result{Season: cfg.Season, Interval: h.Interval, Loc: h.Loc, Keys: h.Keys(), Warnings: periodWarnings}
	align := Align(cfg.Season, cfg.Events, cfg.EventWindow)
	res.Growth = seasonGrowth(h, cfg)
	if !res.Growth.Given && !res.Growth.Measured {
		res.Warnings = append(res.Warnings, "growth: "+res.Growth.Why+"; last year's volume is used as is (give --growth to set it)")
	}
	driver := cfg.Orders != nil && cfg.Orders.HasForecast()
	if driver {
		if err := cfg.Orders.Spread(align); err != nil {
			return nil, err
		}
	}
	if err := forecastDays(ctx, h, cfg, align, driver, res); err != nil {
		return nil, err
	}
	bands := measureBands(h, cfg)
	res.Bands = bands
	for i := range res.Days {
		res.Days[i].Band = bands.Widen(res.Days[i].Band.P50)
	}
	spreadIntervals(h, cfg, newProfiles(h, cfg), res)
	res.Backlog = projectBacklog(h, res, cfg.Capacity)
	res.Notes = append(res.Notes, describe(res, align, driver)...)
	return res, nil
}

// checkSeason refuses a forecast without history or with a season that
// is empty, longer than 400 days or not after the history's first day.
func checkSeason(h *History, cfg Config) error {
	if h == nil || h.Contacts == 0 {
		return ErrNoHistory
	}
	if cfg.Season.Start.IsZero() {
		return fmt.Errorf("the season has no dates")
	}
	if cfg.Season.Days() > 400 {
		return fmt.Errorf("season %s: %d days; a season is at most 400 days", cfg.Season, cfg.Season.Days())
	}
	if !cfg.Season.Start.After(h.First) {
		return fmt.Errorf("season %s starts before the history's first day %s: forecast a season after the history", cfg.Season, h.First)
	}
	return nil
}

// seasonGrowth is the growth given in the config, or measured over the
// history's weeks before the season.
func seasonGrowth(h *History, cfg Config) Growth {
	if cfg.Growth > 0 {
		return Growth{Factor: cfg.Growth, Given: true}
	}
	end := cfg.Season.Start.AddDays(-1)
	if h.Last.Before(end) {
		end = h.Last
	}
	return MeasureGrowth(h, end, cfg.GrowthWeeks)
}

// forecastDays forecasts the season's days of every key (channel and
// skill) with their handle times, stopping when ctx is done.
func forecastDays(ctx context.Context, h *History, cfg Config, align []Alignment, driver bool, res *Result) error {
	aht := newHandleTimes(h, cfg, align)
	res.AHT = aht.summary()
	for _, k := range res.Keys {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("forecast stopped: %w (%v)", diag.ErrInterrupted, err)
		}
		var drv map[civil.Date]float64
		if driver {
			var choice DriverChoice
			drv, choice = driverDays(h, cfg, k, align)
			if drv != nil {
				res.Drivers = append(res.Drivers, choice)
			}
		}
		days, ratio, err := forecastKey(h, cfg, k, align, res.Growth.Factor, drv)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if driver {
			res.Ratios = append(res.Ratios, ratio)
		}
		for i := range days {
			days[i].AHT = aht.at(k, days[i].Source, days[i].Method != "yoy" && days[i].Method != "ratio")
			if cfg.AHTUplift > 0 {
				if n := aht.sum[k].Normal; n > 0 {
					days[i].AHT = n * cfg.AHTUplift
				}
			}
		}
		res.Days = append(res.Days, days...)
	}
	return nil
}

// spreadIntervals spreads each forecast day over its intervals by the
// day's intraday profile, and warns about channels whose history has no
// times of day.
func spreadIntervals(h *History, cfg Config, profiles *profiles, res *Result) {
	untimed := map[string]string{} // channel -> the shape its days took
	for i := range res.Days {
		d := &res.Days[i]
		shape, from := profiles.shape(d.Key.Channel, d.Date, d.Source, d.Event != "" && d.Offset == 0)
		d.Profile = from
		if from == FlatProfile || strings.HasPrefix(from, IntradaySource) {
			untimed[d.Key.Channel] = from
		}
		starts := DayIntervals(d.Date, h.Loc, h.Interval)
		for j, t := range starts {
			v := d.Band.P50 * shape[j]
			res.Slots = append(res.Slots, Interval{Start: t, Key: d.Key, Band: res.Bands.Widen(v), AHT: d.AHT})
		}
	}
	hint := cfg.IntradayHint
	if hint == "" {
		hint = "--intraday"
	}
	for _, ch := range sortedChannels(untimed) {
		if h.timed(ch) {
			// times of day exist, too few of them near the season: the
			// forecast's notes say which profile the days took
			continue
		}
		if from := untimed[ch]; from == FlatProfile {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the history has dates without times of day: each day is spread evenly over its 24 hours, night hours included; give the shape of the day with %s (retail, or a file of hour,share)", ch, hint))
		} else {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s: the history has dates without times of day: each day is spread with the %s", ch, strings.TrimSuffix(from, " (no times of day in the history)")))
		}
	}
}

// forecastKey forecasts the daily volume of one series.
// drv holds the driver model's forecast of the season's days (nil without
// orders; see driverDays).
func forecastKey(h *History, cfg Config, k Key, align []Alignment, growth float64, drv map[civil.Date]float64) ([]Day, Ratio, error) {
	driver := cfg.Orders != nil && cfg.Orders.HasForecast()
	out := make([]Day, len(align))
	var baseAt []civil.Date
	var baseIdx []int
	ratio := Ratio{Key: k}
	for i, a := range align {
		d := Day{Date: a.Target, Key: k, Source: a.Source, Event: a.Event, Offset: a.Offset}
		v, ok := h.Daily(k, a.Source)
		switch {
		case driver:
			if p, pok := drv[a.Target]; pok {
				if o := cfg.Orders.Forecast[a.Target]; o > 0 {
					d.Ratio = p / o
				}
				d.Band.P50 = p
				d.Method = "ratio"
				break
			}
			if ok {
				d.Band.P50 = v * growth
				d.Method = "yoy"
				break
			}
			baseAt, baseIdx = append(baseAt, a.Target), append(baseIdx, i)
		case ok:
			d.Band.P50 = v * growth
			d.Method = "yoy"
		default:
			baseAt, baseIdx = append(baseAt, a.Target), append(baseIdx, i)
		}
		out[i] = d
	}
	if driver {
		ratio = cfg.Orders.seasonRatio(h, k, align)
	}
	if len(baseAt) > 0 {
		// the baseline sees only the days before the season (a season
		// inside the history must not learn from its own days)
		var hist []DayValue
		for _, dv := range h.dailyValues(k) {
			if dv.Date.Before(cfg.Season.Start) {
				hist = append(hist, dv)
			}
		}
		if len(hist) == 0 {
			return nil, ratio, fmt.Errorf("%w: no observed day for this series", ErrNoHistory)
		}
		vals, name, err := cfg.Baseline(hist, baseAt)
		if err != nil {
			return nil, ratio, err
		}
		for j, i := range baseIdx {
			v := vals[j]
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				v = 0
			}
			out[i].Band.P50 = v
			out[i].Method = name
			out[i].Source = civil.Date{}
		}
	}
	return out, ratio, nil
}

// dailyValues lists the observed days of a series, in order.
func (h *History) dailyValues(k Key) []DayValue {
	var out []DayValue
	for d := h.First; !d.After(h.Last); d = d.AddDays(1) {
		if v, ok := h.Daily(k, d); ok {
			out = append(out, DayValue{d, v})
		}
	}
	return out
}

// WeekdayMean is the baseline that forecasts a day by the mean of the last
// k observed same weekdays of the history (missing days are skipped, not
// read as zero). On daily call-center data it is hard to beat: on a
// bank's daily calls (R package fpp3's bank_calls) its WAPE over three
// weeks, 4.75%, beats STL+ETS, auto.arima, TBATS and Holt-Winters (R
// forecast 8.20, statsmodels 0.13.5).
func WeekdayMean(k int) Baseline {
	return func(hist []DayValue, at []civil.Date) ([]float64, string, error) {
		if len(hist) == 0 {
			return nil, "", fmt.Errorf("%w: empty series", ErrNoHistory)
		}
		out := make([]float64, len(at))
		for i, d := range at {
			sum, n := 0.0, 0
			for j := len(hist) - 1; j >= 0 && n < k; j-- {
				if hist[j].Date.Weekday() == d.Weekday() && hist[j].Date.Before(d) {
					sum += hist[j].Value
					n++
				}
			}
			if n == 0 {
				// no same weekday yet: the mean of the last week
				for j := len(hist) - 1; j >= 0 && n < 7; j-- {
					sum += hist[j].Value
					n++
				}
			}
			out[i] = sum / float64(n)
		}
		return out, fmt.Sprintf("weekday-mean-%d", k), nil
	}
}

// Growth is the factor applied to last year's volume.
type Growth struct {
	Factor    float64
	Given     bool
	Measured  bool
	From, To  civil.Date // the weeks measured
	This      float64    // contacts in those weeks
	LastYear  float64    // contacts in the same weeks a year earlier
	Why       string     // why it could not be measured
	Weeks     int
	DaysUsed  int
	Reference string
}

// MeasureGrowth compares the weeks ending on end with the same weeks 364
// days earlier, over the days observed in both years.
func MeasureGrowth(h *History, end civil.Date, weeks int) Growth {
	g := Growth{Factor: 1, Weeks: weeks, To: end, From: end.AddDays(-7*weeks + 1)}
	// Like with like: a channel counts on a day only when its exports cover
	// both that day and the same day a year earlier (a phone log that
	// starts a year before the ticket export must not read as growth).
	channels := make([]string, 0, len(h.covered))
	for ch := range h.covered {
		channels = append(channels, ch)
	}
	sort.Strings(channels)
	for d := g.From; !d.After(g.To); d = d.AddDays(1) {
		used := false
		for _, ch := range channels {
			a, ok1 := h.ChannelDaily(ch, d)
			b, ok2 := h.ChannelDaily(ch, d.AddDays(-364))
			if ok1 && ok2 {
				g.This += a
				g.LastYear += b
				used = true
			}
		}
		if used {
			g.DaysUsed++
		}
	}
	switch {
	case g.DaysUsed < 7:
		g.Why = fmt.Sprintf("the history does not cover %s..%s and the same weeks a year earlier", g.From, g.To)
	case g.LastYear <= 0:
		g.Why = "no contacts in the same weeks a year earlier"
	default:
		g.Factor = g.This / g.LastYear
		g.Measured = true
	}
	return g
}

// sortDays orders day forecasts by key then date.
func sortDays(ds []Day) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Key != ds[j].Key {
			return ds[i].Key.String() < ds[j].Key.String()
		}
		return ds[i].Date.Before(ds[j].Date)
	})
}

// DayTotal is the forecast of all series on one day.
type DayTotal struct {
	Date  civil.Date
	Event string
	Band  Band
}

// Totals sums the series per day. The band of a sum is not the sum of the
// bands: the Poisson parts add as variances, the model's error (shared by
// every series of the day) scales with the total.
func (r *Result) Totals() []DayTotal {
	idx := map[civil.Date]int{}
	var out []DayTotal
	for _, d := range r.Days {
		i, ok := idx[d.Date]
		if !ok {
			i = len(out)
			idx[d.Date] = i
			out = append(out, DayTotal{Date: d.Date})
		}
		out[i].Band.P50 += d.Band.P50
		if d.Event != "" && d.Offset == 0 {
			out[i].Event = d.Event
		}
	}
	for i := range out {
		out[i].Band = r.Bands.Widen(out[i].Band.P50)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// sortedChannels lists a map's channels in the channels' usual order.
func sortedChannels(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := channelRank(out[i]), channelRank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}
