package models

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Point is one value of a series: the contacts in the interval that starts
// at T (a day when the series is daily).
type Point struct {
	T time.Time
	V float64
}

// Sentinel causes. Every error of this package that comes from the data
// wraps ErrInvalidSeries, so the command layer maps it to exit code 3.
var (
	ErrInvalidSeries = diag.New(diag.InvalidData, "invalid series")
	ErrEmpty         = fmt.Errorf("%w: no points", ErrInvalidSeries)
	ErrNotFinite     = fmt.Errorf("%w: value is not a finite number", ErrInvalidSeries)
	ErrDuplicateTime = fmt.Errorf("%w: timestamp appears twice", ErrInvalidSeries)
	ErrOffGrid       = fmt.Errorf("%w: timestamp is not on the series' interval grid", ErrInvalidSeries)
	ErrShortHistory  = fmt.Errorf("%w: history too short", ErrInvalidSeries)
	ErrNoScoredPoint = fmt.Errorf("%w: nothing to score", ErrInvalidSeries)
	ErrZeroScale     = fmt.Errorf("%w: metric denominator is zero", ErrInvalidSeries)
	ErrUnknownModel  = errors.New("unknown model")
)

// PointError is an error about one point of a series: its index in the
// slice given and its timestamp.
type PointError struct {
	Index int
	T     time.Time
	Err   error
}

func (e *PointError) Error() string {
	return fmt.Sprintf("point %d (%s): %v", e.Index, e.T.Format("2006-01-02 15:04:05"), e.Err)
}

func (e *PointError) Unwrap() error { return e.Err }

// Day is the step of a daily series.
const Day = 24 * time.Hour

// InferStep returns the interval of a series: the most common positive
// difference between consecutive timestamps of the same calendar day, or
// Day when no day has two points (or that difference is a day or more).
// Ties go to the smaller step. The points need not be sorted.
func InferStep(series []Point) (time.Duration, error) {
	if len(series) == 0 {
		return 0, ErrEmpty
	}
	ts := make([]time.Time, len(series))
	for i, p := range series {
		ts[i] = p.T
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	count := map[time.Duration]int{}
	for i := 1; i < len(ts); i++ {
		if dateKey(ts[i]) != dateKey(ts[i-1]) {
			continue
		}
		if d := ts[i].Sub(ts[i-1]); d > 0 {
			count[d]++
		}
	}
	best, bestN := Day, 0
	for d, n := range count {
		if n > bestN || n == bestN && d < best {
			best, bestN = d, n
		}
	}
	if best >= Day {
		return Day, nil
	}
	return best, nil
}

// dateKey numbers the calendar day of t's clock (in t's own location), so
// that days, weekdays and slots follow the wall clock through DST changes.
func dateKey(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// clockSeconds is t's time of day on the wall clock.
func clockSeconds(t time.Time) int {
	h, m, s := t.Clock()
	return h*3600 + m*60 + s
}

// weekdayOfKey is the weekday of a dateKey (1970-01-01 was a Thursday).
func weekdayOfKey(k int) time.Weekday {
	return time.Weekday(((k+4)%7 + 7) % 7)
}

// grid is a series laid out as calendar days by slots of the day, the shape
// every model here works on. Missing points are NaN and stay missing: a
// holiday absent from the file is never read as zero contacts.
type grid struct {
	step     time.Duration
	slots    int // slots per day; 1 for a daily series
	firstSec int // time of day of slot 0, seconds (0 for daily)
	days     []gridDay
	byKey    map[int]int // dateKey -> index in days
	// weekdays marks the weekdays the series operates on; see operating.
	weekdays [7]bool
	// slotUsed marks the slots of the day the series operates in.
	slotUsed []bool
	// memo caches what depends only on the days' shapes, so a grid, its
	// prefixes and its rescaled copies share it (see profile.go).
	memo *gridMemo
	// daily is the series summed per day, computed once (see dailyGrid).
	daily *grid
	// tm says how the series' timestamps map to the grid (monthly series
	// are laid out as weeks); cadence is how often the series is recorded.
	tm timeMap
	// yearAgo maps a day key to last year's day that plays its part (see
	// Calendar); nil keeps the weekday 364 days back.
	yearAgo func(key int) int
}

type gridDay struct {
	key int
	wd  time.Weekday
	v   []float64 // one per slot, NaN when missing
}

// total is the day's sum over present slots and how many were present.
func (d gridDay) total() (float64, int) {
	s, n := 0.0, 0
	for _, x := range d.v {
		if !math.IsNaN(x) {
			s += x
			n++
		}
	}
	return s, n
}

// validate checks every point is finite and no timestamp repeats.
func validate(series []Point) error {
	if len(series) == 0 {
		return ErrEmpty
	}
	seen := make(map[int64]int, len(series))
	for i, p := range series {
		if math.IsNaN(p.V) || math.IsInf(p.V, 0) {
			return &PointError{Index: i, T: p.T, Err: ErrNotFinite}
		}
		k := p.T.UnixNano()
		if j, ok := seen[k]; ok {
			return &PointError{Index: i, T: p.T, Err: fmt.Errorf("%w (also point %d)", ErrDuplicateTime, j)}
		}
		seen[k] = i
	}
	return nil
}

// maxGridCells bounds days x slots of the day, so that a few points a
// second apart on distant days cannot make the grid exhaust memory. Ten
// years of 5-minute slots around the clock take 1.05 M.
const maxGridCells = 20_000_000

// newGrid lays out a validated, non-empty series with the given step.
func newGrid(series []Point, step time.Duration) (*grid, error) {
	if err := validate(series); err != nil {
		return nil, err
	}
	g := &grid{step: step, slots: 1, byKey: map[int]int{}, memo: newGridMemo()}
	if step < Day {
		lo, hi := math.MaxInt, -1
		for _, p := range series {
			c := clockSeconds(p.T)
			lo, hi = min(lo, c), max(hi, c)
		}
		stepSec := int(step / time.Second)
		if stepSec <= 0 || step%time.Second != 0 {
			return nil, fmt.Errorf("%w: interval %v is not a whole number of seconds", ErrInvalidSeries, civil.FormatDuration(step))
		}
		g.firstSec = lo
		g.slots = (hi-lo)/stepSec + 1
		days := map[int]bool{}
		for _, p := range series {
			days[dateKey(p.T)] = true
		}
		if cells := len(days) * g.slots; cells > maxGridCells && cells > 4*len(series) {
			return nil, fmt.Errorf("%w: %d points on %d days of %d slots of %v: too sparse for its interval (at most %d cells)",
				ErrInvalidSeries, len(series), len(days), g.slots, civil.FormatDuration(step), maxGridCells)
		}
	}
	keys := make([]int, 0)
	vals := map[int][]float64{}
	for i, p := range series {
		k := dateKey(p.T)
		row, ok := vals[k]
		if !ok {
			row = make([]float64, g.slots)
			for j := range row {
				row[j] = math.NaN()
			}
			vals[k] = row
			keys = append(keys, k)
		}
		s, ok := g.slotOf(p.T)
		if !ok {
			return nil, &PointError{Index: i, T: p.T, Err: fmt.Errorf("%w of %v from %s", ErrOffGrid, civil.FormatDuration(step), secondsClock(g.firstSec))}
		}
		if !math.IsNaN(row[s]) {
			return nil, &PointError{Index: i, T: p.T, Err: ErrDuplicateTime}
		}
		row[s] = p.V
	}
	sort.Ints(keys)
	g.days = make([]gridDay, len(keys))
	for i, k := range keys {
		g.days[i] = gridDay{key: k, wd: weekdayOfKey(k), v: vals[k]}
		g.byKey[k] = i
	}
	g.markOperating()
	if step >= Day && g.daysPerWeek() == 1 {
		g.tm.cadence = CadenceWeekly
	}
	return g, nil
}

// slotOf is the slot of the day of t, false when t is between slots or
// outside the day's range of slots.
func (g *grid) slotOf(t time.Time) (int, bool) {
	if g.slots == 1 && g.step >= Day {
		return 0, true
	}
	off := clockSeconds(t) - g.firstSec
	stepSec := int(g.step / time.Second)
	if off < 0 || off%stepSec != 0 || t.Nanosecond() != 0 {
		return 0, false
	}
	s := off / stepSec
	return s, s < g.slots
}

func secondsClock(s int) string {
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// markOperating decides which weekdays and slots the series operates on:
// those seen at least half as often as the most frequent one. A weekday seen
// once in a year (a special opening) does not make the week seven days long.
func (g *grid) markOperating() {
	var wdCount [7]int
	slotCount := make([]int, g.slots)
	for _, d := range g.days {
		wdCount[d.wd]++
		for s, x := range d.v {
			if !math.IsNaN(x) {
				slotCount[s]++
			}
		}
	}
	maxWd := 0
	for _, n := range wdCount {
		maxWd = max(maxWd, n)
	}
	for w, n := range wdCount {
		g.weekdays[w] = n > 0 && 2*n >= maxWd
	}
	maxSlot := 0
	for _, n := range slotCount {
		maxSlot = max(maxSlot, n)
	}
	g.slotUsed = make([]bool, g.slots)
	for s, n := range slotCount {
		g.slotUsed[s] = n > 0 && 2*n >= maxSlot
	}
}

// daysPerWeek is the number of operating weekdays.
func (g *grid) daysPerWeek() int {
	n := 0
	for _, ok := range g.weekdays {
		if ok {
			n++
		}
	}
	return n
}

// slotsPerDay is the number of operating slots of the day.
func (g *grid) slotsPerDay() int {
	n := 0
	for _, ok := range g.slotUsed {
		if ok {
			n++
		}
	}
	return n
}

// SeasonalPeriod returns m, the number of points in one week of the series
// as it is recorded: operating days per week for a daily series (5 for a
// weekday-only series, 7 for every day), slots per day x days per week for
// an intraday one (169 x 5 = 845 for 5-minute slots 07:00-21:00 on
// weekdays). Weekdays and slots count when they hold at least half as many
// points as the most frequent one. A weekly or monthly series (see
// DetectCadence) has m = 52 or 12, a year, when it holds more than a
// year of points, else 1. It is the lag of MASE's denominator.
func SeasonalPeriod(series []Point) (int, error) {
	step, err := InferStep(series)
	if err != nil {
		return 0, err
	}
	switch c := DetectCadence(series); c {
	case CadenceWeekly, CadenceMonthly:
		year := 52
		if c == CadenceMonthly {
			year = 12
		}
		if len(series) > year {
			return year, nil
		}
		return 1, validate(series)
	}
	g, err := newGrid(series, step)
	if err != nil {
		return 0, err
	}
	return g.daysPerWeek() * g.slotsPerDay(), nil
}

// sortedCopy returns the points sorted by time.
func sortedCopy(series []Point) []Point {
	s := append([]Point(nil), series...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].T.Before(s[j].T) })
	return s
}
