package forecast

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// Driver methods: the ways contacts follow orders (or customers,
// reservations) that the driver model chooses from. y is contacts, o
// orders, d the day forecast, s(d) last year's day that plays its part
// (Align), e the history's last day before the forecast.
const (
	// DriverRecent: ŷ = R × o(d), R = Σy / Σo over the last 28 days up to e:
	// the ratio's recent level.
	DriverRecent = "ratio-recent"
	// DriverAligned: ŷ = r(s(d)) × o(d), r(x) = Σy / Σo over x ± 3 days:
	// last year's ratio around the day that played the part.
	DriverAligned = "ratio-aligned"
	// DriverLevelShape: ŷ = R × r(s(d)) / R', R' = Σy / Σo over the 28 days
	// before s(e + 1): last year's shape around the events at this year's
	// level.
	DriverLevelShape = "ratio-level-shape"
	// DriverWeekday: ŷ = R_w × o(d), R_w = Σy / Σo over the same weekday
	// in the last 8 weeks.
	DriverWeekday = "ratio-weekday"
	// DriverRegression: ŷ = max(0, a + b × o(d)), a and b by least squares
	// over the last 8 weeks: a fixed load plus a share of the orders.
	DriverRegression = "regression"
)

// driverMethods are the candidates, in the order ties go.
var driverMethods = []string{DriverRecent, DriverAligned, DriverLevelShape, DriverWeekday, DriverRegression}

// Windows of the driver methods, in days.
const (
	driverRecentDays     = 28
	driverRegressionDays = 56
	ratioHalfWidth       = 3
	driverMinPairs       = 14 // days with both counts a regression needs
)

// DriverHistory is a daily contact series and its driver: the days
// observed (a missing day is no data, not zero), by date.
type DriverHistory struct {
	Contacts map[civil.Date]float64
	Orders   map[civil.Date]float64
}

// ErrNoDriver is returned when no driver method can be fitted.
var ErrNoDriver = errors.New("no day with both contacts and orders before the forecast")

// driverFit is one method fitted on the history up to end.
type driverFit struct {
	method  string
	h       DriverHistory
	end     civil.Date
	yearAgo func(civil.Date) civil.Date
	recent  float64
	scale   float64 // R / R' (level-shape)
	a, b    float64 // regression
	weekday [7]float64
}

// ratioOver is Σy / Σo over the days [from, to] (clipped at end) with both
// counts.
func (h DriverHistory) ratioOver(from, to, end civil.Date) (float64, bool) {
	if to.After(end) {
		to = end
	}
	var c, n float64
	for x := from; !x.After(to); x = x.AddDays(1) {
		y, ok1 := h.Contacts[x]
		o, ok2 := h.Orders[x]
		if ok1 && ok2 {
			c += y
			n += o
		}
	}
	if n <= 0 {
		return 0, false
	}
	return c / n, true
}

// fitDriver fits a method on the history up to end; false when the
// history lacks what it needs.
func fitDriver(h DriverHistory, method string, end civil.Date, yearAgo func(civil.Date) civil.Date) (*driverFit, bool) {
	f := &driverFit{method: method, h: h, end: end, yearAgo: yearAgo}
	r, ok := h.ratioOver(end.AddDays(-driverRecentDays+1), end, end)
	if !ok {
		return nil, false
	}
	f.recent = r
	switch method {
	case DriverLevelShape:
		ly := yearAgo(end.AddDays(1))
		prev, ok := h.ratioOver(ly.AddDays(-driverRecentDays), ly.AddDays(-1), end)
		if !ok || prev <= 0 {
			return nil, false
		}
		f.scale = r / prev
	case DriverWeekday:
		var c, n [7]float64
		for x := end.AddDays(-driverRegressionDays + 1); !x.After(end); x = x.AddDays(1) {
			y, ok1 := h.Contacts[x]
			o, ok2 := h.Orders[x]
			if ok1 && ok2 {
				c[x.Weekday()] += y
				n[x.Weekday()] += o
			}
		}
		for w := range 7 {
			f.weekday[w] = math.NaN()
			if n[w] > 0 {
				f.weekday[w] = c[w] / n[w]
			}
		}
	case DriverRegression:
		var xs, ys []float64
		for x := end.AddDays(-driverRegressionDays + 1); !x.After(end); x = x.AddDays(1) {
			y, ok1 := h.Contacts[x]
			o, ok2 := h.Orders[x]
			if ok1 && ok2 {
				xs, ys = append(xs, o), append(ys, y)
			}
		}
		if len(xs) < driverMinPairs {
			return nil, false
		}
		mx, my := meanOf(xs), meanOf(ys)
		var sxy, sxx float64
		for i := range xs {
			sxy += (xs[i] - mx) * (ys[i] - my)
			sxx += (xs[i] - mx) * (xs[i] - mx)
		}
		if sxx <= 0 {
			return nil, false
		}
		f.b = sxy / sxx
		f.a = my - f.b*mx
	}
	return f, true
}

func meanOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// predict forecasts day d with o orders; false when the method has no
// answer for d (no ratio around last year's day).
func (f *driverFit) predict(d civil.Date, o float64) (float64, bool) {
	switch f.method {
	case DriverRecent:
		return f.recent * o, true
	case DriverAligned, DriverLevelShape:
		s := f.yearAgo(d)
		r, ok := f.h.ratioOver(s.AddDays(-ratioHalfWidth), s.AddDays(ratioHalfWidth), f.end)
		if !ok {
			return 0, false
		}
		if f.method == DriverLevelShape {
			r *= f.scale
		}
		return r * o, true
	case DriverWeekday:
		r := f.weekday[d.Weekday()]
		if math.IsNaN(r) {
			return 0, false
		}
		return r * o, true
	case DriverRegression:
		return max(0, f.a+f.b*o), true
	}
	return 0, false
}

// DriverChoice is the driver method chosen for a series and why.
type DriverChoice struct {
	Key    Key // the series, in a forecast
	Method string
	// Scores, SeasonWeight and Origins are as in models.Choice: each
	// method's score (w × Season + (1 - w) × Recent WAPE), w, and the cuts.
	Scores       map[string]float64
	Candidates   map[string]models.CandidateScore
	SeasonWeight float64
	Origins      []models.Origin
	// Recent is the ratio's level over the last 28 days of the history.
	Recent float64
	Reason string
}

// driverOrigin is one cut of the driver's backtest: the history up to end
// forecasts days (with their known orders).
type driverOrigin struct {
	end    civil.Date
	season bool
	days   []civil.Date
}

// ChooseDriver picks the driver method for forecasting the days at (after
// the history's last day before at[0]) by a backtest on the history, as
// models.Auto picks a model: each method is fitted at recent origins (the
// last 6 weeks, one week apart, with the same gap and horizon as at) and
// at the counterpart of at one and two years earlier (and a week either
// side), with the orders that were known for those days; each method's
// WAPE over each kind is mixed with the weight models.SeasonWeight learns,
// and the lowest score wins (ties go to the simpler method, in the order
// of the constants). A method that cannot be fitted at an origin is not
// scored there; with no season-like origin to score it on, its season
// WAPE is its recent one.
func ChooseDriver(h DriverHistory, at []civil.Date, events []Event, window int) (DriverChoice, error) {
	if len(at) == 0 {
		return DriverChoice{}, fmt.Errorf("%w: no day to forecast", ErrNoDriver)
	}
	yearAgo := yearAgoDates(events, window)
	sorted := append([]civil.Date(nil), at...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	end, first, ok := driverSpan(h, sorted[0])
	if !ok {
		return DriverChoice{}, ErrNoDriver
	}
	off0, off1 := sorted[0].Sub(end), sorted[len(sorted)-1].Sub(end)
	origins := driverOrigins(h, end, first, off0, off1, sorted, yearAgo)
	choice := DriverChoice{Method: DriverRecent, Scores: map[string]float64{}, Candidates: map[string]models.CandidateScore{}}
	if f, ok := fitDriver(h, DriverRecent, end, yearAgo); ok {
		choice.Recent = f.recent
	} else {
		return DriverChoice{}, ErrNoDriver
	}
	if len(origins) == 0 {
		choice.Reason = "the history is too short to backtest the driver methods; the ratio of its last 28 days"
		return choice, nil
	}
	type group struct{ e, a [2]float64 } // [recent, season]
	groups := map[string]*group{}
	for _, m := range driverMethods {
		g := &group{}
		for _, o := range origins {
			f, ok := fitDriver(h, m, o.end, yearAgo)
			if !ok {
				continue
			}
			k := 0
			if o.season {
				k = 1
			}
			for _, d := range o.days {
				p, ok := f.predict(d, h.Orders[d])
				if !ok {
					continue
				}
				y := h.Contacts[d]
				g.e[k] += math.Abs(y - p)
				g.a[k] += math.Abs(y)
			}
		}
		if g.a[0] > 0 || g.a[1] > 0 {
			groups[m] = g
		}
	}
	hasSeason := false
	for _, o := range origins {
		hasSeason = hasSeason || o.season
	}
	var pairs [][2]float64
	wape := func(g *group, k int) float64 {
		if g.a[k] == 0 {
			return math.NaN()
		}
		return 100 * g.e[k] / g.a[k]
	}
	for _, g := range groups {
		if r, s := wape(g, 0), wape(g, 1); !math.IsNaN(r) && !math.IsNaN(s) {
			pairs = append(pairs, [2]float64{r, s})
		}
	}
	w := 0.0
	if hasSeason {
		w = models.SeasonWeight(pairs)
	}
	choice.SeasonWeight = w
	best := math.Inf(1)
	for _, m := range driverMethods {
		g, ok := groups[m]
		if !ok {
			continue
		}
		cs := models.CandidateScore{Recent: wape(g, 0), Season: wape(g, 1)}
		switch {
		case math.IsNaN(cs.Season) && hasSeason:
			cs.Season, cs.SeasonImputed = cs.Recent, true
		case math.IsNaN(cs.Recent):
			cs.Recent = cs.Season
		}
		cs.Score = cs.Recent
		if hasSeason {
			cs.Score = w*cs.Season + (1-w)*cs.Recent
		}
		choice.Scores[m], choice.Candidates[m] = cs.Score, cs
		if cs.Score < best {
			best, choice.Method = cs.Score, m
		}
	}
	var recent, season []string
	for _, o := range origins {
		kind := models.OriginRecent
		if o.season {
			kind = models.OriginSeason
			season = append(season, o.end.AddDays(1).String())
		} else {
			recent = append(recent, o.end.AddDays(1).String())
		}
		choice.Origins = append(choice.Origins, models.Origin{Kind: kind, Cut: o.end.AddDays(1).Midnight(time.UTC),
			From: o.days[0].Midnight(time.UTC), To: o.days[len(o.days)-1].Midnight(time.UTC), Points: len(o.days)})
	}
	choice.Reason = fmt.Sprintf("lowest score over %d recent origins (cuts %s)", len(recent), strings.Join(recent, ", "))
	if len(season) > 0 {
		choice.Reason += fmt.Sprintf(" and %d like the forecast window a year or two earlier (cuts %s), weighted %.2f", len(season), strings.Join(season, ", "), w)
	}
	choice.Reason += fmt.Sprintf(", forecasting days %d..%d after each cut with the orders known for them", off0, off1)
	return choice, nil
}

// driverSpan is the last day before `before` with both counts, and the
// first such day of the history.
func driverSpan(h DriverHistory, before civil.Date) (end, first civil.Date, ok bool) {
	for d, y := range h.Contacts {
		_ = y
		if _, has := h.Orders[d]; !has || !d.Before(before) {
			continue
		}
		if !ok || d.After(end) {
			end = d
		}
		if !ok || d.Before(first) {
			first = d
		}
		ok = true
	}
	return end, first, ok
}

// driverOrigins lays out the backtest's cuts: recent ones one week apart
// (the latest leaving room for the horizon), each with 28 days of history
// before it, and the season-like ones.
func driverOrigins(h DriverHistory, end, first civil.Date, off0, off1 int, at []civil.Date, yearAgo func(civil.Date) civil.Date) []driverOrigin {
	window := func(e civil.Date) []civil.Date {
		var days []civil.Date
		for d := e.AddDays(off0); !d.After(e.AddDays(off1)) && !d.After(end); d = d.AddDays(1) {
			_, ok1 := h.Contacts[d]
			_, ok2 := h.Orders[d]
			if ok1 && ok2 {
				days = append(days, d)
			}
		}
		return days
	}
	var out []driverOrigin
	seen := map[civil.Date]bool{}
	add := func(e civil.Date, season bool) {
		if seen[e] || e.Sub(first) < driverRecentDays-1 || e.AddDays(off1).After(end) {
			return
		}
		if days := window(e); len(days) > 0 {
			seen[e] = true
			out = append(out, driverOrigin{end: e, season: season, days: days})
		}
	}
	for k := range 6 {
		add(end.AddDays(-off1-7*k), false)
	}
	shift := yearShiftDates(at, yearAgo)
	for y := 1; y <= 2; y++ {
		for _, d := range []int{0, -7, 7} {
			add(end.AddDays(-y*shift+d), true)
		}
	}
	return out
}

// yearShiftDates is the shift, in whole weeks of days, most of the days
// have under the alignment (364 on a tie).
func yearShiftDates(at []civil.Date, yearAgo func(civil.Date) civil.Date) int {
	count := map[int]int{}
	for _, d := range at {
		s := d.Sub(yearAgo(d))
		count[int(math.Round(float64(s)/7))*7]++
	}
	best, n := 364, count[364]
	for _, s := range sortedKeys(count) {
		if count[s] > n {
			best, n = s, count[s]
		}
	}
	return best
}

func sortedKeys(m map[int]int) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// yearAgoDates is YearAgo on Dates.
func yearAgoDates(events []Event, window int) func(civil.Date) civil.Date {
	f := YearAgo(events, window)
	return func(d civil.Date) civil.Date { return civil.DateOf(f(d.Midnight(time.UTC))) }
}

// DriverForecast forecasts the days at with their orders by the method
// ChooseDriver picks on the history; a day the method has no answer for
// (no ratio around last year's day) takes the ratio's recent level.
func DriverForecast(h DriverHistory, at []civil.Date, orders map[civil.Date]float64, events []Event, window int) ([]float64, DriverChoice, error) {
	choice, err := ChooseDriver(h, at, events, window)
	if err != nil {
		return nil, choice, err
	}
	yearAgo := yearAgoDates(events, window)
	end, _, _ := driverSpan(h, minDate(at))
	f, ok := fitDriver(h, choice.Method, end, yearAgo)
	if !ok {
		return nil, choice, fmt.Errorf("%w: %s cannot be fitted on the whole history", ErrNoDriver, choice.Method)
	}
	fallback, _ := fitDriver(h, DriverRecent, end, yearAgo)
	out := make([]float64, len(at))
	for i, d := range at {
		o, ok := orders[d]
		if !ok {
			return nil, choice, fmt.Errorf("%w: no orders for %s, a day forecast", ErrBadOrders, d)
		}
		v, ok := f.predict(d, o)
		if !ok {
			v, _ = fallback.predict(d, o)
		}
		out[i] = v
	}
	return out, choice, nil
}

func minDate(ds []civil.Date) civil.Date {
	m := ds[0]
	for _, d := range ds[1:] {
		if d.Before(m) {
			m = d
		}
	}
	return m
}

// driverDays forecasts a series' season days from the season's orders by
// the driver method chosen on its history before the season (see
// DriverForecast); nil when the history has no day with both counts.
func driverDays(h *History, cfg Config, k Key, align []Alignment) (map[civil.Date]float64, DriverChoice) {
	dh := DriverHistory{Contacts: map[civil.Date]float64{}, Orders: cfg.Orders.History}
	for _, dv := range h.dailyValues(k) {
		if dv.Date.Before(cfg.Season.Start) {
			dh.Contacts[dv.Date] = dv.Value
		}
	}
	var at []civil.Date
	for _, a := range align {
		if _, ok := cfg.Orders.Forecast[a.Target]; ok {
			at = append(at, a.Target)
		}
	}
	if len(at) == 0 {
		return nil, DriverChoice{}
	}
	vals, choice, err := DriverForecast(dh, at, cfg.Orders.Forecast, cfg.Events, cfg.EventWindow)
	if err != nil {
		return nil, DriverChoice{}
	}
	choice.Key = k
	out := make(map[civil.Date]float64, len(at))
	for i, d := range at {
		out[d] = vals[i]
	}
	return out, choice
}

// DriverResult is the driver model's backtest on a split of a series.
type DriverResult struct {
	Scores   models.Scores
	Baseline models.Scores // snaive on the same points
	Choice   DriverChoice
	Train    []models.Point
	Actual   []models.Point
	Forecast []float64
}

// ErrDriverSeries is returned for a series the driver model cannot score.
var ErrDriverSeries = fmt.Errorf("%w: the driver model scores daily, weekly or monthly series", models.ErrInvalidSeries)

// BacktestDriver scores the driver model on a split of a series: the
// method is chosen (ChooseDriver) on the points up to split.TrainEnd and
// the orders of those days, and forecasts each point of the test window
// from the orders of its own period, which are taken as known (as when a
// plan is checked against what happened, or with a sales forecast that is
// right). A weekly or monthly series is matched with the orders summed
// over each of its periods (a week from the day it is dated by). The
// seasonal naive forecast of the series is scored on the same points.
// Points without orders in the test window are an error; an intraday
// series is ErrDriverSeries.
func BacktestDriver(series []models.Point, orders map[civil.Date]float64, split models.Split, events []Event, window int) (DriverResult, error) {
	var r DriverResult
	cad := models.DetectCadence(series)
	if step, err := models.InferStep(series); err != nil {
		return r, err
	} else if step < models.Day {
		return r, fmt.Errorf("%w, not %v intervals: sum the series per day", ErrDriverSeries, civil.FormatDuration(step))
	}
	naive, err := models.BacktestWith(series, split, models.NameSNaive, ModelCalendar(events, window))
	if err != nil {
		return r, err
	}
	r.Baseline, r.Train, r.Actual = naive.Scores, naive.Train, naive.Actual
	periods := periodOrders(series, orders, cad)
	h := DriverHistory{Contacts: map[civil.Date]float64{}, Orders: periods}
	for _, p := range r.Train {
		h.Contacts[civil.DateOf(p.T)] = p.V
	}
	at := make([]civil.Date, len(r.Actual))
	actual := make([]float64, len(r.Actual))
	for i, p := range r.Actual {
		at[i], actual[i] = civil.DateOf(p.T), p.V
		if _, ok := periods[at[i]]; !ok {
			return r, fmt.Errorf("%w: no orders for %s, a point of the test window", ErrBadOrders, at[i])
		}
	}
	if r.Forecast, r.Choice, err = DriverForecast(h, at, periods, events, window); err != nil {
		if errors.Is(err, ErrNoDriver) {
			return r, fmt.Errorf("%w: %w", models.ErrInvalidSeries, err)
		}
		return r, err
	}
	r.Scores, err = models.Metrics(actual, r.Forecast, r.Train, naive.Scores.Season)
	return r, err
}

// periodOrders matches the orders to a series' periods: the days as they
// are, or the sum over each week (from the day it is dated by) or month
// of the series' points; a period some of whose days have no orders is
// left out.
func periodOrders(series []models.Point, orders map[civil.Date]float64, cad models.Cadence) map[civil.Date]float64 {
	if cad == models.CadenceDaily {
		return orders
	}
	out := map[civil.Date]float64{}
	for _, p := range series {
		start := civil.DateOf(p.T)
		end := start.AddDays(6)
		if cad == models.CadenceMonthly {
			start = civil.Date{Year: start.Year, Month: start.Month, Day: 1}
			end = civil.DateOf(time.Date(start.Year, start.Month+1, 0, 0, 0, 0, 0, time.UTC))
		}
		sum, complete := 0.0, true
		for d := start; !d.After(end); d = d.AddDays(1) {
			o, ok := orders[d]
			complete = complete && ok
			sum += o
		}
		if complete {
			out[civil.DateOf(p.T)] = sum
		}
	}
	return out
}

// driverReplay forecasts last season's days of a series by the driver
// model, chosen and fitted on the history before them, from the orders
// those days had: the replay the bands are measured on (see
// measureBands); nil when the history or the orders do not allow it.
func driverReplay(h *History, cfg Config, k Key, last Range) map[civil.Date]float64 {
	dh := DriverHistory{Contacts: map[civil.Date]float64{}, Orders: map[civil.Date]float64{}}
	for _, dv := range h.dailyValues(k) {
		if dv.Date.Before(last.Start) {
			dh.Contacts[dv.Date] = dv.Value
		}
	}
	var at []civil.Date
	for d, o := range cfg.Orders.History {
		if d.Before(last.Start) {
			dh.Orders[d] = o
		} else if last.Contains(d) {
			at = append(at, d)
		}
	}
	if len(at) == 0 {
		return nil
	}
	sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
	vals, _, err := DriverForecast(dh, at, cfg.Orders.History, cfg.Events, cfg.EventWindow)
	if err != nil {
		return nil
	}
	out := make(map[civil.Date]float64, len(at))
	for i, d := range at {
		out[d] = vals[i]
	}
	return out
}
