package models

import (
	"math"
	"slices"
	"sort"
	"time"
)

// weekdayAgg forecasts each weekday (and slot of the day) by the mean, or
// the median, of its last k values in the history. The median ignores one
// holiday-hit or outage-hit week. k = 0 chooses k (from {2, 3, 4, 6, 8} for
// the mean, {3, 5, 7, 9} for the median) by the lowest WAPE of one-week-
// ahead forecasts made at each of the history's last weeks (up to 8), so
// the data decide how much recency matters.
type weekdayAgg struct {
	median bool
	k      int // as asked; 0 = choose
	chosen int
	table  [7][]float64
}

var (
	weekdayMeanKs   = []int{2, 3, 4, 6, 8}
	weekdayMedianKs = []int{3, 5, 7, 9}
)

func (w *weekdayAgg) name() string {
	if w.median {
		return NameWeekdayMedian
	}
	return NameWeekdayMean
}

func (w *weekdayAgg) fit(g *grid) error {
	agg, ks := mean, weekdayMeanKs
	if w.median {
		agg, ks = median, weekdayMedianKs
	}
	w.chosen = w.k
	if w.k == 0 {
		w.chosen = chooseK(g, ks, agg)
	}
	w.table = weekdayTables(g, agg, []int{w.chosen})[0]
	return nil
}

func (w *weekdayAgg) predict(_ int, wd time.Weekday, slot int) float64 { return w.table[wd][slot] }

// weekdayTables applies agg to the last k values of every (weekday,
// operating slot), for each k of ks, scanning the days backwards once per
// weekday.
func weekdayTables(g *grid, agg func([]float64) float64, ks []int) [][7][]float64 {
	maxK := slices.Max(ks)
	out := make([][7][]float64, len(ks))
	for wd := range 7 {
		if !g.weekdays[wd] {
			continue
		}
		vals := make([][]float64, g.slots)
		need := 0
		for s := range g.slots {
			if g.slotUsed[s] {
				need++
				vals[s] = make([]float64, 0, maxK)
			}
		}
		for i := len(g.days) - 1; i >= 0 && need > 0; i-- {
			d := g.days[i]
			if d.wd != time.Weekday(wd) {
				continue
			}
			for s, x := range d.v {
				if !g.slotUsed[s] || math.IsNaN(x) || len(vals[s]) >= maxK {
					continue
				}
				vals[s] = append(vals[s], x)
				if len(vals[s]) == maxK {
					need--
				}
			}
		}
		for i, k := range ks {
			t := make([]float64, g.slots)
			for s, xs := range vals {
				if n := min(k, len(xs)); n > 0 {
					t[s] = agg(xs[:n])
				}
			}
			out[i][wd] = t
		}
	}
	return out
}

// chooseK backtests the k of a weekday model one week ahead at the last
// weeks of the history and returns the k with the lowest WAPE (the first
// on ties). With less than three weeks of history it returns the middle
// candidate.
func chooseK(g *grid, ks []int, agg func([]float64) float64) int {
	cuts := weeklyCuts(g, 7, 8)
	if len(cuts) == 0 {
		return ks[len(ks)/2]
	}
	absE := make([]float64, len(ks))
	absA := 0.0
	for _, c := range cuts {
		tables := weekdayTables(g.prefix(c), agg, ks)
		i := sort.Search(len(g.days), func(i int) bool { return g.days[i].key >= c })
		for ; i < len(g.days) && g.days[i].key < c+7; i++ {
			d := g.days[i]
			if !g.weekdays[d.wd] {
				continue
			}
			for s, a := range d.v {
				if math.IsNaN(a) || !g.slotUsed[s] {
					continue
				}
				absA += math.Abs(a)
				for j := range ks {
					absE[j] += math.Abs(a - tables[j][d.wd][s])
				}
			}
		}
	}
	best := len(ks) / 2
	if absA == 0 {
		return ks[best]
	}
	for j := range ks {
		if absE[j] < absE[best] || absE[j] == absE[best] && j < best {
			best = j
		}
	}
	return ks[best]
}

// weeklyCuts returns up to n cut days (calendar keys, exclusive end of the
// training part) one week apart, the last horizonDays before the end of the
// history, each leaving at least two weeks of training.
func weeklyCuts(g *grid, horizonDays, n int) []int {
	first, last := g.days[0].key, g.lastKey()
	var cuts []int
	for c := last + 1 - horizonDays; len(cuts) < n && c-first >= 14; c -= 7 {
		cuts = append(cuts, c)
	}
	return cuts
}

// prefix is the grid of the days before key (a view sharing the values).
func (g *grid) prefix(key int) *grid {
	n := sort.Search(len(g.days), func(i int) bool { return g.days[i].key >= key })
	p := *g
	p.days = g.days[:n]
	if g.slots > 1 {
		p.daily = g.dailyGrid().prefix(key)
	}
	return &p
}

// sNaive forecasts the value one week earlier at the same slot; when that
// is missing or not yet observed, the same slot further weeks back.
type sNaive struct{ g *grid }

func (n *sNaive) name() string { return NameSNaive }

func (n *sNaive) fit(g *grid) error { n.g = g; return nil }

func (n *sNaive) predict(key int, _ time.Weekday, slot int) float64 {
	first, last := n.g.days[0].key, n.g.lastKey()
	k := key - 7
	if k > last {
		k -= (k - last + 6) / 7 * 7 // the latest same weekday in the history
	}
	for ; k >= first; k -= 7 {
		if i, ok := n.g.byKey[k]; ok && i < len(n.g.days) && n.g.days[i].key == k {
			if x := n.g.days[i].v[slot]; !math.IsNaN(x) {
				return x
			}
		}
	}
	return 0
}
