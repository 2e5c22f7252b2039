package models

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// Choice is what auto picked for a series and why.
type Choice struct {
	Model string // the candidate or combination picked
	// Scores is the score that ranked every candidate: the weighted WAPE
	// (%) of Candidates.
	Scores map[string]float64
	Reason string
	// Origins are the cuts the candidates were scored at: the recent weeks
	// and the windows of earlier years that look like the one forecast.
	Origins []Origin
	// SeasonWeight is the weight of the season-like origins in a score
	// (0 when the history has none).
	SeasonWeight float64
	// Candidates holds each candidate's scores per kind of origin.
	Candidates map[string]CandidateScore
}

// Origin is one cut of auto's backtest: the models were fitted on the
// history before Cut and scored on the days From..To (inclusive).
type Origin struct {
	Kind     string // OriginRecent or OriginSeason
	Cut      time.Time
	From, To time.Time
	Points   int
}

// Kinds of origin.
const (
	// OriginRecent is one of the last weeks of the history.
	OriginRecent = "recent"
	// OriginSeason is the forecast window one or two years earlier,
	// aligned on its events (or a week either side of it).
	OriginSeason = "season"
)

// CandidateScore is one candidate's backtest: WAPE (%) over the recent
// and over the season-like origins, and the score that ranks it,
//
//	Score = w × Season + (1 - w) × Recent,  w = Choice.SeasonWeight.
//
// A candidate that cannot be fitted at any season-like origin (a yearly
// model on less than two years of history) takes its recent WAPE as its
// season WAPE (SeasonImputed); one that has no recent origin the
// reverse. Recent or Season is NaN when the history has no such origin.
type CandidateScore struct {
	Score, Recent, Season float64
	SeasonImputed         bool
	Origins               int // origins the candidate was fitted at
}

// Auto picks a model per series by a rolling-origin backtest inside the
// history, at the horizon asked for (the forecast's days counted from the
// history's end), at two kinds of origin:
//
//   - recent: the last Origins weeks (one week apart);
//   - season: the window forecast, one and two years earlier, aligned on
//     the events of the Calendar (Black Friday week against Black Friday
//     week), and a week either side of it, when the history holds them.
//
// Each candidate's WAPE is measured over each kind, and its score mixes
// the two with a weight learnt from the history: w is the median, over
// the candidates scored at both kinds, of Season / (Season + Recent). A
// calm window that last year's behaved like the recent weeks gets w near
// 1/2; a peak, on which models of the recent weeks miss by far more than
// they do in calm weeks, gets w near 1, and the season's origins decide.
// The candidate with the lowest score wins, unless the mean of the 2 or 3
// best (fitted at the same origins) scores lower still; averaging
// forecasts whose errors differ is the most reliable gain in forecasting
// practice (Bates and Granger 1969; the M4 competition). So auto is never
// worse, on the score it reports, than the best single candidate.
//
// Candidates: snaive, weekday-median, weekday-mean:k for k in {2, 3, 4,
// 6, 8, 12, 16, 26} and holt-winters; when the history spans a year, yoy
// (the yearly naive forecast aligned on the events) and yoy-growth (the
// same times the level's growth over the last 8 weeks); on a daily
// series, weekday-share:k for k in {2, 4, 8}. With calendar effects
// (prefix cal:, see calendarEffects, daily series only): holt-winters,
// weekday-mean:k and weekday-median. An intraday series chooses in two
// stages (see intradayCandidates): the daily model among these on the day
// totals, then profile:<that model> against the slot-level candidates. A
// candidate that cannot be fitted at an origin is not scored there (see
// CandidateScore).
//
// Because the horizon matters, the selection happens in Predict, for the
// timestamps asked; Fit only checks and lays out the history. A history
// too short for one origin (it needs four weeks before the first cut) falls
// back to snaive, and Choice says so.
type Auto struct {
	// Origins is the number of recent origins; 0 means 6.
	Origins int

	cal       Calendar
	g         *grid
	nonNeg    bool
	final     *gridModel
	choice    Choice
	residuals []residual // rolling-origin errors of the chosen model
	offsets   [2]int     // horizon the selection was made for
	ctx       context.Context
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

// SetCalendar tells auto which days of last year play the part of the
// days it forecasts (before Fit).
func (a *Auto) SetCalendar(c Calendar) { a.cal = c }

// SetContext makes the model search stop once ctx is done: Predict then
// returns an error wrapping diag.ErrInterrupted. The candidates are
// backtested one after another and ctx is checked before each.
func (a *Auto) SetContext(ctx context.Context) { a.ctx = ctx }

func (a *Auto) context() context.Context {
	if a.ctx == nil {
		return context.Background()
	}
	return a.ctx
}

// interrupted is the error of a model search stopped by its context.
func (a *Auto) interrupted() error {
	if err := a.context().Err(); err != nil {
		return fmt.Errorf("model search stopped: %w (%v)", diag.ErrInterrupted, err)
	}
	return nil
}

// autoMinTrainDays is the history each recent origin needs before its
// cut; seasonMinTrainDays the history a season-like origin needs (two
// weeks, so that a history of a year and a few weeks can still tell how
// models of the weeks before the season fare on it).
const (
	autoMinTrainDays   = 28
	seasonMinTrainDays = 14
)

func (a *Auto) Fit(history []Point) error {
	g, err := gridFor(history, a.cal)
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
	if err := a.selectFor(a.g.tm.times(at)); err != nil {
		return nil, err
	}
	return a.final.Predict(at)
}

// horizon is the range of day offsets after the history's last day that at
// (on the grid) covers (1 = the next day), at least [1, 1].
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
	if a.g.slots > 1 {
		names = a.intradayCandidates(off)
	}
	bt := rollingOriginContext(a.context(), a.g, names, off, a.origins(), a.nonNeg)
	if err := a.interrupted(); err != nil {
		return err
	}
	pick := bt.best()
	if pick == nil {
		a.choice = Choice{Model: NameSNaive, Scores: map[string]float64{},
			Reason: fmt.Sprintf("no rolling-origin backtest at a horizon of %d days: the history (%d days) is too short (it needs %d days before the first cut, and non-zero values after it); seasonal naive",
				off[1], a.g.lastKey()-a.g.days[0].key+1, autoMinTrainDays)}
		a.final = &gridModel{f: &sNaive{}}
		a.residuals = nil
		return a.final.fitGrid(a.g)
	}
	// The pick is fitted on the whole history; one that cannot be (a rare
	// edge of the yearly models' data needs) gives way to the next best.
	for pick != nil {
		f, err := buildCandidate(pick.parts)
		if err != nil {
			return err
		}
		final := &gridModel{f: f}
		if err := final.fitGrid(a.g); err == nil {
			a.final = final
			break
		}
		pick = bt.without(pick)
	}
	if pick == nil {
		a.final = &gridModel{f: &sNaive{}}
		a.choice = Choice{Model: NameSNaive, Scores: map[string]float64{}, Reason: "no candidate could be fitted on the whole history; seasonal naive"}
		return a.final.fitGrid(a.g)
	}
	a.choice = bt.choice(a.g, pick, off)
	a.residuals = a.residuals[:0]
	for i, c := range bt.cells {
		if !math.IsNaN(pick.preds[i]) {
			a.residuals = append(a.residuals, residual{offset: c.offset, f: pick.preds[i], a: c.actual})
		}
	}
	return nil
}

// without drops a candidate that cannot be fitted on the whole history
// and returns the next best (nil when none is left).
func (r *btRun) without(c *btCand) *btCand {
	r.cands = slices.DeleteFunc(r.cands, func(x *btCand) bool { return x == c || slices.Contains(x.parts, c.name) })
	var best *btCand
	for _, x := range r.cands {
		if best == nil || x.score.Score < best.score.Score {
			best = x
		}
	}
	return best
}

func (a *Auto) origins() int {
	if a.Origins > 0 {
		return a.Origins
	}
	return 6
}

// intradayCandidates are the candidates of an intraday series, chosen in
// two stages so that the day's total and the shape of the day are
// separate choices: first the daily model, picked by the same backtest on
// the day totals among the daily candidates (combinations included); then,
// on the slots, that model's totals split by the intraday profile
// (profile:<daily pick>, see chooseProfile for the profile) against the
// slot-level candidates, which take total and shape together: the
// weekday-and-slot means and median, snaive, and last year's slots (yoy,
// yoy-growth: an event day's own shape, such as Double 11's midnight).
func (a *Auto) intradayCandidates(off [2]int) []string {
	dg := a.g.dailyGrid()
	names := []string{NameSNaive, NameWeekdayMedian}
	if needYear(a.g, NameYoY) == nil {
		names = append(names, NameYoY, NameYoYGrowth)
	}
	for _, k := range autoMeanKs {
		names = append(names, fmt.Sprintf("%s:%d", NameWeekdayMean, k))
	}
	if len(dg.days) == 0 {
		return names
	}
	if day := rollingOriginContext(a.context(), dg, candidateNames(dg), off, a.origins(), a.nonNeg).best(); day != nil {
		names = append(names, profilePrefix+day.name)
	}
	return names
}

// autoMeanKs are the k of the weekday-mean candidates: from a fortnight,
// which follows a level shift at once, to half a year, which averages
// the noise of a few contacts a day away.
var autoMeanKs = []int{2, 3, 4, 6, 8, 12, 16, 26}

// autoShareKs are the level windows of the weekday-share candidates.
var autoShareKs = []int{2, 4, 8}

// candidateNames lists the candidates for a daily, weekly or monthly grid
// (see Auto; an intraday one takes intradayCandidates).
func candidateNames(g *grid) []string {
	out := []string{NameSNaive, NameWeekdayMedian, NameHoltWinters}
	if needYear(g, NameYoY) == nil {
		out = append(out, NameYoY, NameYoYGrowth)
	}
	for _, k := range autoMeanKs {
		out = append(out, fmt.Sprintf("%s:%d", NameWeekdayMean, k))
	}
	if g.tm.cadence != CadenceDaily {
		// one value a week or a month: no weekday pattern, no calendar of
		// business days within the period
		return out
	}
	withCal := []string{NameHoltWinters, NameWeekdayMedian}
	for _, k := range autoMeanKs {
		withCal = append(withCal, fmt.Sprintf("%s:%d", NameWeekdayMean, k))
	}
	if g.daysPerWeek() > 1 {
		for _, k := range autoShareKs {
			out = append(out, fmt.Sprintf("%s:%d", NameWeekdayShare, k))
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

// btOrigin is one cut of the backtest and its cells.
type btOrigin struct {
	cut       int
	season    bool
	from, to  int // cells [from, to)
	absActual float64
	train     *grid
	future    map[int]bool
}

// btRun is the outcome of a rolling-origin backtest.
type btRun struct {
	origins []btOrigin
	cells   []btCell
	cands   []*btCand
	dropped []string // candidates that could not be fitted at any cut
	weight  float64  // of the season-like origins
}

// btCand is one candidate (or combination) and its forecasts of the cells
// (NaN where it could not forecast: at an origin it could not be fitted
// at, or, for a yearly model, on a day whose counterpart a year earlier
// is before the history).
type btCand struct {
	name   string
	parts  []string
	preds  []float64
	fitted []bool    // per origin: some cell forecast
	absErr []float64 // per origin, over the cells forecast
	absAct []float64 // per origin, the actual values of those cells
	score  CandidateScore
}

// tally sums a candidate's errors per origin from its forecasts.
func (r *btRun) tally(c *btCand) {
	c.fitted = make([]bool, len(r.origins))
	c.absErr = make([]float64, len(r.origins))
	c.absAct = make([]float64, len(r.origins))
	for oi, o := range r.origins {
		for i := o.from; i < o.to; i++ {
			if p := c.preds[i]; !math.IsNaN(p) {
				a := r.cells[i].actual
				c.fitted[oi] = true
				c.absErr[oi] += math.Abs(a - p)
				c.absAct[oi] += math.Abs(a)
			}
		}
	}
}

// recentCuts are up to n cuts one week apart, the latest leaving room for
// the horizon inside the history, each with autoMinTrainDays before it.
func recentCuts(g *grid, off [2]int, n int) []int {
	first, last := g.days[0].key, g.lastKey()
	var cuts []int
	for c := last - off[1] + 1; len(cuts) < n && c-first >= autoMinTrainDays; c -= 7 {
		cuts = append(cuts, c)
	}
	return cuts
}

// seasonCuts are the cuts whose windows stand for the forecast window one
// and two years earlier (shifted by yearShift), and a week either side,
// when the history holds the window and seasonMinTrainDays before it.
func seasonCuts(g *grid, off [2]int, recent []int) []int {
	first, last := g.days[0].key, g.lastKey()
	shift := g.yearShift(last+off[0], last+off[1])
	var cuts []int
	for y := 1; y <= 2; y++ {
		for _, d := range []int{0, -7, 7} {
			c := last + 1 - y*shift + d
			if c-first < seasonMinTrainDays || c+off[1]-1 > last || slices.Contains(recent, c) || slices.Contains(cuts, c) {
				continue
			}
			cuts = append(cuts, c)
		}
	}
	return cuts
}

// yearShift is how far back, in grid days and whole weeks, last year's
// counterpart of the days [from, to] lies: the shift most of them have
// under the calendar's alignment (364 days without one; 12 months on a
// monthly series).
func (g *grid) yearShift(from, to int) int {
	switch {
	case g.tm.cadence == CadenceMonthly:
		return g.tm.yearDays()
	case g.yearAgo == nil:
		return 364
	}
	count := map[int]int{}
	for d := from; d <= to && d < from+400; d++ {
		count[wholeWeeks(d-g.yearAgo(d))]++
	}
	return majorityShift(count)
}

// rollingOrigin backtests the named candidates at the recent cuts (up to
// n) and the season-like ones (see Auto).
func rollingOrigin(g *grid, names []string, off [2]int, n int, nonNeg bool) *btRun {
	return rollingOriginContext(context.Background(), g, names, off, n, nonNeg)
}

// rollingOriginContext is rollingOrigin that stops before the next
// candidate once ctx is done (the run is then partial: the caller checks
// ctx).
func rollingOriginContext(ctx context.Context, g *grid, names []string, off [2]int, n int, nonNeg bool) *btRun {
	run := &btRun{}
	recent := recentCuts(g, off, n)
	if len(recent) == 0 {
		return run
	}
	for _, c := range recent {
		run.addOrigin(g, c, false, off)
	}
	for _, c := range seasonCuts(g, off, recent) {
		run.addOrigin(g, c, true, off)
	}
	sumAbs := 0.0
	for _, o := range run.origins {
		sumAbs += o.absActual
	}
	if len(run.cells) == 0 || sumAbs == 0 {
		run.origins = nil
		return run
	}
	for _, name := range names {
		if ctx.Err() != nil {
			return run
		}
		if cand := run.backtest(name, nonNeg); cand != nil {
			run.cands = append(run.cands, cand)
		} else {
			run.dropped = append(run.dropped, name)
		}
	}
	run.weight = run.seasonWeight()
	for _, c := range run.cands {
		run.rate(c)
	}
	return run
}

// addOrigin adds the cut c and the cells of its window (the operating
// days c+off[0]-1 .. c+off[1]-1 present in the history).
func (r *btRun) addOrigin(g *grid, c int, season bool, off [2]int) {
	o := btOrigin{cut: c, season: season, train: g.prefix(c), future: map[int]bool{}, from: len(r.cells)}
	lo, hi := c+off[0]-1, c+off[1]-1
	j := sort.Search(len(g.days), func(j int) bool { return g.days[j].key >= lo })
	for ; j < len(g.days) && g.days[j].key <= hi; j++ {
		d := g.days[j]
		if !g.weekdays[d.wd] {
			continue
		}
		o.future[d.key] = true
		for s, x := range d.v {
			if g.slotUsed[s] && !math.IsNaN(x) {
				r.cells = append(r.cells, btCell{key: d.key, slot: s, wd: d.wd, offset: d.key - c + 1, actual: x})
				o.absActual += math.Abs(x)
			}
		}
	}
	o.to = len(r.cells)
	if o.to > o.from {
		r.origins = append(r.origins, o)
	} else {
		r.cells = r.cells[:o.from]
	}
}

// backtest fits one candidate at every origin and forecasts its cells;
// nil when it could forecast none.
func (r *btRun) backtest(name string, nonNeg bool) *btCand {
	cand := &btCand{name: name, parts: []string{name}, preds: make([]float64, len(r.cells))}
	for i := range cand.preds {
		cand.preds[i] = math.NaN()
	}
	anyFit := false
origins:
	for _, o := range r.origins {
		f, err := newForecaster(name)
		if err != nil {
			return nil
		}
		s, ok := f.(strictAware)
		strict := ok && s.setStrict()
		if err := f.fit(o.train); err != nil {
			continue
		}
		if fa, ok := f.(futureAware); ok {
			fa.setFuture(o.future)
		}
		for i := o.from; i < o.to; i++ {
			c := r.cells[i]
			v := f.predict(c.key, c.wd, c.slot)
			switch {
			case math.IsNaN(v) && strict:
				continue // no counterpart a year earlier: not scored
			case !finite(v):
				for j := o.from; j < o.to; j++ {
					cand.preds[j] = math.NaN()
				}
				continue origins
			case nonNeg && v < 0:
				v = 0
			}
			cand.preds[i] = v
			anyFit = true
		}
	}
	if !anyFit {
		return nil
	}
	r.tally(cand)
	return cand
}

// groupWAPE is a candidate's WAPE over the origins of one kind it was
// fitted at; false when there are none.
func (r *btRun) groupWAPE(c *btCand, season bool) (float64, bool) {
	var e, a float64
	for i, o := range r.origins {
		if o.season == season && c.fitted[i] {
			e += c.absErr[i]
			a += c.absAct[i]
		}
	}
	if a == 0 {
		return math.NaN(), false
	}
	return 100 * e / a, true
}

// hasSeason reports whether the run has season-like origins.
func (r *btRun) hasSeason() bool {
	return slices.ContainsFunc(r.origins, func(o btOrigin) bool { return o.season })
}

// seasonWeight learns w (see Auto) from the single candidates scored at
// both kinds of origin (see SeasonWeight); 0 without season-like origins.
func (r *btRun) seasonWeight() float64 {
	if !r.hasSeason() {
		return 0
	}
	var pairs [][2]float64
	for _, c := range r.cands {
		rec, ok1 := r.groupWAPE(c, false)
		sea, ok2 := r.groupWAPE(c, true)
		if ok1 && ok2 {
			pairs = append(pairs, [2]float64{rec, sea})
		}
	}
	return SeasonWeight(pairs)
}

// SeasonWeight is the weight w of the season-like origins in a score
// w × Season + (1 - w) × Recent, learnt from the candidates' (Recent,
// Season) WAPE pairs as the median of
//
//	max(0, 1 - Recent / Season),
//
// the share of a candidate's error on last year's window that the recent
// weeks do not show: near 0 when the window forecast is as calm as the
// recent weeks (which, being recent, then decide), near 1 on a peak that
// models of the recent weeks miss. With no pair it is 1/2; a pair with
// Season = 0 counts as 0.
func SeasonWeight(pairs [][2]float64) float64 {
	if len(pairs) == 0 {
		return 0.5
	}
	ws := make([]float64, len(pairs))
	for i, p := range pairs {
		if p[1] > 0 {
			ws[i] = max(0, 1-p[0]/p[1])
		}
	}
	return median(ws)
}

// rate fills a candidate's CandidateScore.
func (r *btRun) rate(c *btCand) {
	rec, okR := r.groupWAPE(c, false)
	sea, okS := r.groupWAPE(c, true)
	s := CandidateScore{Recent: rec, Season: sea}
	for _, f := range c.fitted {
		if f {
			s.Origins++
		}
	}
	switch {
	case !okS && r.hasSeason():
		s.Season, s.SeasonImputed = rec, true
	case !okR:
		s.Recent = sea
	}
	if r.hasSeason() {
		s.Score = r.weight*s.Season + (1-r.weight)*s.Recent
	} else {
		s.Score = s.Recent
	}
	c.score = s
}

// samePreds reports whether two candidates forecast the same (NaN where
// both were not fitted).
func samePreds(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}

// sameCells reports whether two candidates forecast the same cells.
func sameCells(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.IsNaN(x) == math.IsNaN(y) })
}

// best ranks the candidates, adds the means of the best 2 and 3 distinct
// ones fitted at the same origins as the best (a cal: variant whose
// calendar effects shrank to nothing repeats its plain twin and is
// skipped), and returns the lowest score (nil when nothing could be
// backtested).
func (r *btRun) best() *btCand {
	if len(r.cands) == 0 {
		return nil
	}
	sort.SliceStable(r.cands, func(i, j int) bool { return r.cands[i].score.Score < r.cands[j].score.Score })
	var distinct []*btCand
	for _, c := range r.cands {
		if !slices.ContainsFunc(distinct, func(d *btCand) bool { return samePreds(d.preds, c.preds) }) &&
			sameCells(c.preds, r.cands[0].preds) {
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
		r.tally(c)
		c.name = comboName(c.parts)
		r.rate(c)
		r.cands = append(r.cands, c)
	}
	best := r.cands[0]
	for _, c := range r.cands[1:] {
		if c.score.Score < best.score.Score {
			best = c
		}
	}
	return best
}

// choice reports the pick, the origins and every candidate's scores.
func (r *btRun) choice(g *grid, pick *btCand, off [2]int) Choice {
	ch := Choice{Model: pick.name, Scores: make(map[string]float64, len(r.cands)),
		Candidates: make(map[string]CandidateScore, len(r.cands)), SeasonWeight: r.weight}
	for _, c := range r.cands {
		ch.Scores[c.name] = c.score.Score
		ch.Candidates[c.name] = c.score
	}
	var recent, season []string
	for _, o := range r.origins {
		from, to := r.cells[o.from].key, r.cells[o.to-1].key
		kind := OriginRecent
		if o.season {
			kind = OriginSeason
			season = append(season, g.tm.date(g.periodAtOrAfter(o.cut)).Format(time.DateOnly))
		} else {
			recent = append(recent, g.tm.date(g.periodAtOrAfter(o.cut)).Format(time.DateOnly))
		}
		ch.Origins = append(ch.Origins, Origin{Kind: kind, Cut: g.tm.date(g.periodAtOrAfter(o.cut)), From: g.tm.date(from), To: g.tm.date(to), Points: o.to - o.from})
	}
	apart := "week"
	if g.tm.cadence == CadenceMonthly {
		apart = "month"
	}
	ch.Reason = fmt.Sprintf("lowest score over %d recent origins (cuts %s..%s, one %s apart)", len(recent), recent[len(recent)-1], recent[0], apart)
	if len(season) > 0 {
		ch.Reason += fmt.Sprintf(" and %d origins like the forecast window a year or two earlier (cuts %s), weighted %.2f (learnt: the median share of the candidates' error there that the recent origins do not show)",
			len(season), strings.Join(season, ", "), r.weight)
	}
	ch.Reason += fmt.Sprintf(", forecasting %s after each cut as asked; %d points", g.horizonText(off), len(r.cells))
	if len(r.dropped) > 0 {
		ch.Reason += "; left out (cannot be fitted at any cut): " + strings.Join(r.dropped, ", ")
	}
	return ch
}

// periodAtOrAfter is the first day at or after key on which the series'
// periods start: key itself for a daily series, the next week (month) of
// a weekly (monthly) one, so that a cut reads as the first period left out
// of the training data.
func (g *grid) periodAtOrAfter(key int) int {
	if g.tm.cadence == CadenceDaily || len(g.days) == 0 {
		return key
	}
	return key + ((g.days[0].key-key)%7+7)%7
}

// horizonText names the horizon in the series' own periods.
func (g *grid) horizonText(off [2]int) string {
	switch g.tm.cadence {
	case CadenceMonthly:
		return fmt.Sprintf("months %d..%d", (off[0]+6)/7, (off[1]+6)/7)
	case CadenceWeekly:
		return fmt.Sprintf("weeks %d..%d", (off[0]+6)/7, (off[1]+6)/7)
	}
	return fmt.Sprintf("days %d..%d", off[0], off[1])
}
