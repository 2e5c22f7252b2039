package models

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Choice is what auto picked for a series and why.
type Choice struct {
	Model  string             // the candidate or combination picked
	Scores map[string]float64 // WAPE (%) of every candidate over the rolling origins
	Reason string
}

// Auto picks a model per series by a rolling-origin backtest inside the
// history: at each of the last Origins weeks (one week apart) it fits every
// candidate on the history before that week's cut and forecasts the days
// the real forecast will cover, counted from the cut (so the horizon is the
// one asked for). The candidate with the lowest WAPE over all those points
// wins, unless the mean of the 2 or 3 best candidates scores lower still;
// averaging forecasts whose errors differ is the most reliable gain in
// forecasting practice (Bates and Granger 1969; the M4 competition).
//
// Candidates: snaive, yoy (when the history holds a year before the
// cuts), weekday-median, weekday-mean:k for k in {2, 3, 4, 6, 8} and
// holt-winters; on an intraday series also day-profile:k (the day total of
// weekday-mean:k split into slots by a profile estimated from recent weeks,
// see chooseProfile). With calendar effects (prefix cal:, see
// calendarEffects): holt-winters, and weekday-mean:k and weekday-median on
// a daily series or day-profile:k on an intraday one. A candidate that
// cannot be fitted at some origin is left out.
//
// Because the horizon matters, the selection happens in Predict, for the
// timestamps asked; Fit only checks and lays out the history. A history
// too short for one origin (it needs four weeks before the first cut) falls
// back to snaive, and Choice says so.
type Auto struct {
	// Origins is the number of rolling origins; 0 means 6.
	Origins int

	g         *grid
	nonNeg    bool
	final     *gridModel
	choice    Choice
	residuals []residual // rolling-origin errors of the chosen model
	offsets   [2]int     // horizon the selection was made for
}

// residual is one rolling-origin error of the chosen model: its horizon in
// days from the cut, the forecast and the actual value.
type residual struct {
	offset int
	f, a   float64
}

// NewAuto returns an unfitted auto model.
func NewAuto() *Auto { return &Auto{} }

func (a *Auto) Name() string { return NameAuto }

// autoMinTrainDays is the history each origin needs before its cut.
const autoMinTrainDays = 28

func (a *Auto) Fit(history []Point) error {
	g, err := gridOf(history)
	if err != nil {
		return err
	}
	a.g, a.final, a.choice, a.residuals = g, nil, Choice{}, nil
	a.nonNeg = g.nonNegative()
	return nil
}

// Choice is the pick of the last Predict.
func (a *Auto) Choice() Choice { return a.choice }

func (a *Auto) Predict(at []time.Time) ([]float64, error) {
	if a.g == nil {
		return nil, errors.New("auto: Predict before Fit")
	}
	if len(at) == 0 {
		return []float64{}, nil
	}
	if err := a.selectFor(at); err != nil {
		return nil, err
	}
	return a.final.Predict(at)
}

// horizon is the range of day offsets after the history's last day that at
// covers (1 = the next day), at least [1, 1].
func horizon(g *grid, at []time.Time) [2]int {
	last := g.lastKey()
	lo, hi := math.MaxInt, 1
	for _, t := range at {
		o := dateKey(t) - last
		lo, hi = min(lo, o), max(hi, o)
	}
	return [2]int{max(lo, 1), hi}
}

func (a *Auto) selectFor(at []time.Time) error {
	off := horizon(a.g, at)
	if a.final != nil && a.offsets == off {
		return nil
	}
	a.offsets = off
	names := candidateNames(a.g)
	bt := rollingOrigin(a.g, names, off, a.origins(), a.nonNeg)
	pick := bt.best()
	if pick == nil {
		a.choice = Choice{Model: NameSNaive, Scores: map[string]float64{},
			Reason: fmt.Sprintf("no rolling-origin backtest at a horizon of %d days: the history (%d days) is too short (it needs %d days before the first cut, and non-zero values after it); seasonal naive",
				off[1], a.g.lastKey()-a.g.days[0].key+1, autoMinTrainDays)}
		a.final = &gridModel{f: &sNaive{}}
		a.residuals = nil
		return a.final.fitGrid(a.g)
	}
	a.choice = Choice{Model: pick.name, Scores: bt.scores(),
		Reason: fmt.Sprintf("lowest WAPE over %d rolling origins (cuts %s..%s, one week apart), forecasting days %d..%d after each cut as asked; %d points",
			len(bt.cuts), keyDate(bt.cuts[len(bt.cuts)-1]), keyDate(bt.cuts[0]), off[0], off[1], len(bt.cells))}
	if len(bt.dropped) > 0 {
		a.choice.Reason += "; left out (cannot be fitted at every cut): " + strings.Join(bt.dropped, ", ")
	}
	a.residuals = make([]residual, len(bt.cells))
	for i, c := range bt.cells {
		a.residuals[i] = residual{offset: c.offset, f: pick.preds[i], a: c.actual}
	}
	f, err := buildCandidate(pick.parts)
	if err != nil {
		return err
	}
	a.final = &gridModel{f: f}
	return a.final.fitGrid(a.g)
}

func (a *Auto) origins() int {
	if a.Origins > 0 {
		return a.Origins
	}
	return 6
}

func keyDate(k int) string { return time.Unix(int64(k)*86400, 0).UTC().Format(time.DateOnly) }

// candidateNames lists the candidates for a grid (see Auto).
func candidateNames(g *grid) []string {
	var out []string
	base := []string{NameSNaive, NameWeekdayMedian, NameHoltWinters, NameYoY}
	for _, k := range weekdayMeanKs {
		base = append(base, fmt.Sprintf("%s:%d", NameWeekdayMean, k))
	}
	out = append(out, base...)
	withCal := []string{NameHoltWinters}
	if g.slots == 1 {
		withCal = append(withCal, NameWeekdayMedian)
	}
	for _, k := range weekdayMeanKs {
		if g.slots > 1 {
			out = append(out, fmt.Sprintf("%s:%d", NameDayProfile, k))
			withCal = append(withCal, fmt.Sprintf("%s:%d", NameDayProfile, k))
		} else {
			withCal = append(withCal, fmt.Sprintf("%s:%d", NameWeekdayMean, k))
		}
	}
	for _, n := range withCal {
		out = append(out, "cal:"+n)
	}
	return out
}

// buildCandidate makes the forecaster of one candidate or the mean of
// several.
func buildCandidate(parts []string) (forecaster, error) {
	fs := make([]forecaster, len(parts))
	for i, p := range parts {
		f, err := newForecaster(p)
		if err != nil {
			return nil, err
		}
		fs[i] = f
	}
	if len(fs) == 1 {
		return fs[0], nil
	}
	return &combination{label: comboName(parts), parts: fs}, nil
}

func comboName(parts []string) string { return "mean(" + strings.Join(parts, ", ") + ")" }

// combination forecasts the mean of its parts' forecasts.
type combination struct {
	label string
	parts []forecaster
}

func (c *combination) name() string { return c.label }

func (c *combination) fit(g *grid) error {
	for _, p := range c.parts {
		if err := p.fit(g); err != nil {
			return fmt.Errorf("%s: %w", p.name(), err)
		}
	}
	return nil
}

func (c *combination) predict(key int, wd time.Weekday, slot int) float64 {
	s := 0.0
	for _, p := range c.parts {
		s += p.predict(key, wd, slot)
	}
	return s / float64(len(c.parts))
}

func (c *combination) setFuture(days map[int]bool) {
	for _, p := range c.parts {
		if fa, ok := p.(futureAware); ok {
			fa.setFuture(days)
		}
	}
}

// btCell is one point of the history forecast at some origin.
type btCell struct {
	key, slot int
	wd        time.Weekday
	offset    int // days after the cut's eve (1 = the cut day)
	actual    float64
}

// btRun is the outcome of a rolling-origin backtest.
type btRun struct {
	cuts    []int
	cells   []btCell
	cands   []*btCand
	dropped []string // candidates that could not be fitted at every cut
}

// btCand is one candidate (or combination) and its forecasts of the cells.
type btCand struct {
	name  string
	parts []string
	preds []float64
	wape  float64
}

// rollingOrigin backtests the named candidates at up to n cuts one week
// apart, the latest leaving room for the horizon inside the history.
func rollingOrigin(g *grid, names []string, off [2]int, n int, nonNeg bool) *btRun {
	run := &btRun{}
	first, last := g.days[0].key, g.lastKey()
	for c := last - off[1] + 1; len(run.cuts) < n && c-first >= autoMinTrainDays; c -= 7 {
		run.cuts = append(run.cuts, c)
	}
	if len(run.cuts) == 0 {
		return run
	}
	type window struct {
		train  *grid
		future map[int]bool
		from   int // index of the first cell of this cut
		to     int
	}
	wins := make([]window, len(run.cuts))
	for i, c := range run.cuts {
		w := window{train: g.prefix(c), future: map[int]bool{}, from: len(run.cells)}
		lo, hi := c+off[0]-1, c+off[1]-1
		j := sort.Search(len(g.days), func(j int) bool { return g.days[j].key >= lo })
		for ; j < len(g.days) && g.days[j].key <= hi; j++ {
			d := g.days[j]
			if !g.weekdays[d.wd] {
				continue
			}
			w.future[d.key] = true
			for s, x := range d.v {
				if g.slotUsed[s] && !math.IsNaN(x) {
					run.cells = append(run.cells, btCell{key: d.key, slot: s, wd: d.wd, offset: d.key - c + 1, actual: x})
				}
			}
		}
		w.to = len(run.cells)
		wins[i] = w
	}
	sumAbs := 0.0
	for _, c := range run.cells {
		sumAbs += math.Abs(c.actual)
	}
	if len(run.cells) == 0 || sumAbs == 0 {
		run.cuts = nil
		return run
	}
candidates:
	for _, name := range names {
		cand := &btCand{name: name, parts: []string{name}, preds: make([]float64, len(run.cells))}
		for _, w := range wins {
			f, err := newForecaster(name)
			if err != nil {
				run.dropped = append(run.dropped, name)
				continue candidates
			}
			if err := f.fit(w.train); err != nil {
				run.dropped = append(run.dropped, name)
				continue candidates
			}
			if fa, ok := f.(futureAware); ok {
				fa.setFuture(w.future)
			}
			for i := w.from; i < w.to; i++ {
				c := run.cells[i]
				v := f.predict(c.key, c.wd, c.slot)
				if !finite(v) {
					run.dropped = append(run.dropped, name)
					continue candidates
				}
				if nonNeg && v < 0 {
					v = 0
				}
				cand.preds[i] = v
			}
		}
		cand.wape = run.wape(cand.preds)
		run.cands = append(run.cands, cand)
	}
	return run
}

func (r *btRun) wape(preds []float64) float64 {
	var e, s float64
	for i, c := range r.cells {
		e += math.Abs(c.actual - preds[i])
		s += math.Abs(c.actual)
	}
	return 100 * e / s
}

// best ranks the candidates, adds the means of the best 2 and 3 distinct
// ones (a cal: variant whose calendar effects shrank to nothing repeats
// its plain twin and is skipped), and returns the lowest WAPE (nil when
// nothing could be backtested).
func (r *btRun) best() *btCand {
	if len(r.cands) == 0 {
		return nil
	}
	sort.SliceStable(r.cands, func(i, j int) bool { return r.cands[i].wape < r.cands[j].wape })
	var distinct []*btCand
	for _, c := range r.cands {
		if !slices.ContainsFunc(distinct, func(d *btCand) bool { return slices.Equal(d.preds, c.preds) }) {
			distinct = append(distinct, c)
		}
	}
	for n := 2; n <= 3 && n <= len(distinct); n++ {
		c := &btCand{preds: make([]float64, len(r.cells))}
		for _, p := range distinct[:n] {
			c.parts = append(c.parts, p.name)
			for i, v := range p.preds {
				c.preds[i] += v / float64(n)
			}
		}
		c.name = comboName(c.parts)
		c.wape = r.wape(c.preds)
		r.cands = append(r.cands, c)
	}
	best := r.cands[0]
	for _, c := range r.cands[1:] {
		if c.wape < best.wape {
			best = c
		}
	}
	return best
}

func (r *btRun) scores() map[string]float64 {
	m := make(map[string]float64, len(r.cands))
	for _, c := range r.cands {
		m[c.name] = c.wape
	}
	return m
}
