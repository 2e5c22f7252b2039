package models

import (
	"math"
	"time"

	"gonum.org/v1/gonum/optimize"
)

// holtWinters is triple exponential smoothing of a daily series with a
// weekly season indexed by weekday (Holt 1957, Winters 1960; the damped
// trend of Gardner and McKenzie 1985; notation of Hyndman and
// Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., 8.3):
//
//	additive:        ŷ = ℓ + φb + s_w
//	                 ℓ' = α(y - s_w) + (1-α)(ℓ + φb)
//	                 b' = β(ℓ' - ℓ) + (1-β)φb
//	                 s_w' = γ(y - ℓ') + (1-γ)s_w
//	multiplicative:  ŷ = (ℓ + φb)·s_w, with y - s_w -> y/s_w and y - ℓ' -> y/ℓ'
//
// w is the weekday of the day. One step is one operating day present in
// the history: a closed day (holiday) is skipped, not read as zero. α, β,
// γ and φ are fitted by Nelder-Mead (gonum/optimize) minimising the sum of
// squared one-step errors; the four forms (additive or multiplicative
// season, no trend or damped trend) compete on AIC = n ln(SSE/n) + 2p.
// Forecasts h operating days ahead use ℓ + (φ + ... + φ^h)b. The
// smoothing runs over the last 53 weeks of the history (hwMaxDays).
type holtWinters struct {
	form   hwForm
	params hwParams
	level  float64
	trend  float64
	season [7]float64
	last   int // key of the last day
	ops    [7]bool
	aic    float64
}

type hwForm struct {
	multiplicative bool
	trend          bool
}

type hwParams struct{ alpha, beta, gamma, phi float64 }

// daySeq is a daily series as the smoothing sees it: operating days
// present in the history, in order.
type daySeq struct {
	keys []int
	wds  []time.Weekday
	y    []float64
	ops  [7]bool
	per  int // operating days per week
}

// hwMaxDays bounds the history the smoothing runs over (the last 53
// weeks): the fitted states depend on recent weeks only, and the cost of
// fitting grows with the length.
const hwMaxDays = 371

func seqOf(g *grid) daySeq {
	dg := g.dailyGrid()
	s := daySeq{ops: dg.weekdays, per: dg.daysPerWeek()}
	from := dg.lastKey() - hwMaxDays + 1
	for _, d := range dg.days {
		if d.key < from || !dg.weekdays[d.wd] || math.IsNaN(d.v[0]) {
			continue
		}
		s.keys = append(s.keys, d.key)
		s.wds = append(s.wds, d.wd)
		s.y = append(s.y, d.v[0])
	}
	return s
}

// hwMinWeeks is the history holt-winters needs: two weeks to start the
// season, more to fit the smoothing.
const hwMinWeeks = 3

func (h *holtWinters) fitSeq(s daySeq) error {
	if s.per == 0 || len(s.y) < hwMinWeeks*s.per {
		return ErrShortHistory
	}
	h.ops = s.ops
	h.last = s.keys[len(s.keys)-1]
	positive := true
	for _, y := range s.y {
		if y <= 0 {
			positive = false
		}
	}
	best := math.Inf(1)
	var start hwParams // the no-trend optimum starts the damped-trend search
	for _, form := range []hwForm{{false, false}, {false, true}, {true, false}, {true, true}} {
		if form.multiplicative && !positive {
			continue
		}
		if !form.trend {
			start = hwParams{alpha: 0.3, gamma: 0.1}
		}
		p, sse := fitHW(s, form, start)
		start = p
		n := float64(len(s.y) - s.per)
		k := 2.0
		if form.trend {
			k = 4
		}
		aic := n*math.Log(sse/n+1e-300) + 2*k
		if aic < best {
			best = aic
			h.form, h.params, h.aic = form, p, aic
		}
	}
	if math.IsInf(best, 1) {
		return ErrShortHistory
	}
	h.level, h.trend, h.season, _ = runHW(s, h.form, h.params)
	return nil
}

// fitHW minimises the one-step SSE over the smoothing parameters, mapped
// to (0, 1) by the logistic function (φ to [0.8, 0.98], the usual range
// for damping), from start's α and γ.
func fitHW(s daySeq, form hwForm, start hwParams) (hwParams, float64) {
	decode := func(x []float64) hwParams {
		p := hwParams{alpha: logistic(x[0]), gamma: logistic(x[1]), phi: 1}
		if form.trend {
			p.beta = logistic(x[2])
			p.phi = 0.8 + 0.18*logistic(x[3])
		}
		return p
	}
	dim := 2
	if form.trend {
		dim = 4
	}
	f := func(x []float64) float64 {
		_, _, _, sse := runHW(s, form, decode(x))
		return sse
	}
	clamp := func(p float64) float64 { return math.Min(math.Max(p, 1e-4), 1-1e-4) }
	x0 := make([]float64, dim)
	x0[0], x0[1] = logit(clamp(start.alpha)), logit(clamp(start.gamma))
	if form.trend {
		x0[2], x0[3] = logit(0.05), 0
	}
	settings := &optimize.Settings{
		FuncEvaluations: 400,
		Converger:       &optimize.FunctionConverge{Relative: 1e-6, Iterations: 20},
	}
	res, err := optimize.Minimize(optimize.Problem{Func: f}, x0, settings, &optimize.NelderMead{})
	if err != nil && res == nil {
		return decode(x0), f(x0)
	}
	return decode(res.X), res.F
}

func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
func logit(p float64) float64    { return math.Log(p / (1 - p)) }

// runHW runs the recursions from the initial states and returns the final
// states and the SSE of the one-step forecasts after the first week. The
// initial level is the mean of the first week; the initial season of a
// weekday is its mean over the first two weeks against that level.
func runHW(s daySeq, form hwForm, p hwParams) (level, trend float64, season [7]float64, sse float64) {
	per := s.per
	level = mean(s.y[:per])
	var sum [7]float64
	var cnt [7]int
	for i := 0; i < 2*per && i < len(s.y); i++ {
		sum[s.wds[i]] += s.y[i]
		cnt[s.wds[i]]++
	}
	for w := range 7 {
		switch {
		case cnt[w] == 0 && form.multiplicative:
			season[w] = 1
		case cnt[w] == 0:
			season[w] = 0
		case form.multiplicative:
			season[w] = sum[w] / float64(cnt[w]) / level
		default:
			season[w] = sum[w]/float64(cnt[w]) - level
		}
	}
	phi := p.phi
	for i := per; i < len(s.y); i++ {
		y, w := s.y[i], s.wds[i]
		base := level + phi*trend
		var yhat, newLevel float64
		if form.multiplicative {
			yhat = base * season[w]
			newLevel = p.alpha*y/season[w] + (1-p.alpha)*base
			if newLevel <= 0 {
				newLevel = base
			}
		} else {
			yhat = base + season[w]
			newLevel = p.alpha*(y-season[w]) + (1-p.alpha)*base
		}
		e := y - yhat
		sse += e * e
		if form.trend {
			trend = p.beta*(newLevel-level) + (1-p.beta)*phi*trend
		}
		if form.multiplicative {
			season[w] = p.gamma*y/newLevel + (1-p.gamma)*season[w]
		} else {
			season[w] = p.gamma*(y-newLevel) + (1-p.gamma)*season[w]
		}
		level = newLevel
	}
	if !finite(sse) {
		sse = math.MaxFloat64
	}
	return level, trend, season, sse
}

// predictDay forecasts the day key (after the history).
func (h *holtWinters) predictDay(key int, wd time.Weekday) float64 {
	steps := max(operatingDays(h.ops, h.last+1, key), 1)
	// φ + φ² + ... + φ^h
	phi := h.params.phi
	damp := float64(steps)
	if phi < 1 {
		damp = phi * (1 - math.Pow(phi, float64(steps))) / (1 - phi)
	}
	base := h.level + damp*h.trend
	if h.form.multiplicative {
		return base * h.season[wd]
	}
	return base + h.season[wd]
}

// operatingDays counts the operating weekdays among the days [from, to].
func operatingDays(ops [7]bool, from, to int) int {
	if to < from {
		return 0
	}
	per := 0
	for _, ok := range ops {
		if ok {
			per++
		}
	}
	n := (to - from + 1) / 7 * per
	for k := from + (to-from+1)/7*7; k <= to; k++ {
		if ops[weekdayOfKey(k)] {
			n++
		}
	}
	return n
}
