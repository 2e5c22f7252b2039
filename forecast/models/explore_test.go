package models

import (
	"fmt"
	"sort"
	"os"
	"testing"
	"time"
)

func loadSeries(t testing.TB, rel string) []Point {
	f, err := os.Open("../../../shared/data/series/" + rel)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	p, err := ReadCSV(f, rel, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func day(s string) time.Time { t, _, _ := ParseTime(s); return t }

func runSplit(t *testing.T, pts []Point, trainEnd, ts, te string, f func() Model) Scores {
	var train, test []Point
	for _, p := range pts {
		if !p.T.After(day(trainEnd).Add(Day - 1)) {
			train = append(train, p)
		} else if !p.T.Before(day(ts)) && p.T.Before(day(te).Add(Day)) {
			test = append(test, p)
		}
	}
	m := f()
	if err := m.Fit(train); err != nil {
		t.Fatal(err)
	}
	at := make([]time.Time, len(test))
	act := make([]float64, len(test))
	for i, p := range test {
		at[i], act[i] = p.T, p.V
	}
	fc, err := m.Predict(at)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Metrics(act, fc, train, 0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExplore(t *testing.T) {
	d := loadSeries(t, "bank_calls_5min/bank_calls_daily.csv")
	i := loadSeries(t, "bank_calls_5min/bank_calls_5min.csv")
	for _, k := range []int{1, 2, 3, 4, 6, 8} {
		k := k
		mk := func() Model { return wrap(&weekdayAgg{k: k}) }
		t.Logf("wm%d D14 %+v", k, runSplit(t, d, "2003-10-03", "2003-10-06", "2003-10-24", mk))
		t.Logf("wm%d I2W %+v", k, runSplit(t, i, "2003-10-10", "2003-10-13", "2003-10-24", mk))
	}
	mk := func() Model { return wrap(&sNaive{}) }
	t.Logf("sn D14 %+v", runSplit(t, d, "2003-10-03", "2003-10-06", "2003-10-24", mk))
	t.Logf("sn I2W %+v", runSplit(t, i, "2003-10-10", "2003-10-13", "2003-10-24", mk))
}

func TestExplore2(t *testing.T) {
	d := loadSeries(t, "bank_calls_5min/bank_calls_daily.csv")
	i := loadSeries(t, "bank_calls_5min/bank_calls_5min.csv")
	for _, name := range []string{"holt-winters", "day-profile", "weekday-mean", "weekday-median"} {
		mk := func() Model { m, _ := New(name); return m }
		t.Logf("%s D14 %+v", name, runSplit(t, d, "2003-10-03", "2003-10-06", "2003-10-24", mk))
		t.Logf("%s I2W %+v", name, runSplit(t, i, "2003-10-10", "2003-10-13", "2003-10-24", mk))
	}
	for _, k := range []int{2, 3, 4, 6, 8} {
		mk := func() Model { return wrap(&profiled{day: &weekdayAgg{k: k}}) }
		t.Logf("prof wm%d I2W %+v", k, runSplit(t, i, "2003-10-10", "2003-10-13", "2003-10-24", mk))
	}
}

func TestExploreHW(t *testing.T) {
	d := loadSeries(t, "bank_calls_5min/bank_calls_daily.csv")
	var train []Point
	for _, p := range d {
		if p.T.Before(day("2003-10-04")) {
			train = append(train, p)
		}
	}
	g, _ := gridOf(train)
	s := seqOf(g)
	for _, form := range []hwForm{{false, false}, {false, true}, {true, false}, {true, true}} {
		p, sse := fitHW(s, form)
		h := holtWinters{form: form, params: p, ops: s.ops, last: s.keys[len(s.keys)-1]}
		h.level, h.trend, h.season, _ = runHW(s, form, p)
		mk := func() Model { return wrap(&fixedHW{h}) }
		sc := runSplit(t, d, "2003-10-03", "2003-10-06", "2003-10-24", mk)
		t.Logf("%+v %+v sse=%.4g wape=%.3f lvl=%.0f tr=%.1f", form, p, sse, sc.WAPE, h.level, h.trend)
	}
}

type fixedHW struct{ h holtWinters }

func (f *fixedHW) name() string      { return "x" }
func (f *fixedHW) fit(g *grid) error { return nil }
func (f *fixedHW) predict(key int, wd time.Weekday, _ int) float64 {
	return f.h.predictDay(key, wd)
}

func TestExploreCal(t *testing.T) {
	d := loadSeries(t, "bank_calls_5min/bank_calls_daily.csv")
	i := loadSeries(t, "bank_calls_5min/bank_calls_5min.csv")
	var train []Point
	for _, p := range d {
		if p.T.Before(day("2003-10-04")) {
			train = append(train, p)
		}
	}
	g, _ := gridOf(train)
	c := estimateCalendar(g)
	t.Logf("post %.3f pos %v", c.post, c.position)
	for _, k := range []int{2, 3, 4, 6, 8, 0} {
		mk := func() Model { return wrap(&calendarAdjusted{inner: &weekdayAgg{k: k}}) }
		t.Logf("cal wm%d D14 %.3f", k, runSplit(t, d, "2003-10-03", "2003-10-06", "2003-10-24", mk).WAPE)
		mk2 := func() Model { return wrap(&profiled{day: &calendarAdjusted{inner: &weekdayAgg{k: k}}}) }
		t.Logf("cal prof wm%d I2W %.3f", k, runSplit(t, i, "2003-10-10", "2003-10-13", "2003-10-24", mk2).WAPE)
	}
	mk := func() Model { return wrap(&calendarAdjusted{inner: &hwDay{}}) }
	t.Logf("cal hw D14 %.3f", runSplit(t, d, "2003-10-03", "2003-10-06", "2003-10-24", mk).WAPE)
	mk2 := func() Model { return wrap(&profiled{day: &calendarAdjusted{inner: &hwDay{}}}) }
	t.Logf("cal hw I2W %.3f", runSplit(t, i, "2003-10-10", "2003-10-13", "2003-10-24", mk2).WAPE)
}

func TestExploreAuto(t *testing.T) {
	d := loadSeries(t, "bank_calls_5min/bank_calls_daily.csv")
	i := loadSeries(t, "bank_calls_5min/bank_calls_5min.csv")
	for _, c := range []struct {
		s           []Point
		tr, ts, te string
	}{{d, "2003-10-03", "2003-10-06", "2003-10-24"}, {i, "2003-10-10", "2003-10-13", "2003-10-24"}} {
		start := time.Now()
		r, err := Backtest(c.s, day(c.tr).Add(Day-1), day(c.ts), day(c.te).Add(Day-1), "auto")
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v WAPE %.3f base %.3f pick %s (%s)", time.Since(start), r.Scores.WAPE, r.Baseline.WAPE, r.Choice.Model, r.Choice.Reason)
		type kv struct {
			k string
			v float64
		}
		var kvs []kv
		for k, v := range r.Choice.Scores {
			kvs = append(kvs, kv{k, v})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].v < kvs[j].v })
		for _, x := range kvs {
			r2, _ := Backtest(c.s, day(c.tr).Add(Day-1), day(c.ts), day(c.te).Add(Day-1), x.k)
			t.Logf("   %-60s bt %.3f  test %.3f", x.k, x.v, r2.Scores.WAPE)
		}
	}
}

func TestExploreMany(t *testing.T) {
	d := loadSeries(t, "bank_calls_5min/bank_calls_daily.csv")
	i := loadSeries(t, "bank_calls_5min/bank_calls_5min.csv")
	it := loadSeries(t, "helpdesk_italy_tickets/helpdesk_new_tickets_daily.csv")
	type split struct {
		s     []Point
		tr    string
		days  int
		label string
	}
	var splits []split
	for tr := day("2003-05-30"); tr.Before(day("2003-10-04")); tr = tr.Add(14 * Day) {
		splits = append(splits, split{d, tr.Format(time.DateOnly), 21, "D"})
		splits = append(splits, split{i, tr.Format(time.DateOnly), 14, "I"})
	}
	for tr := day("2011-06-30"); tr.Before(day("2012-07-10")); tr = tr.Add(42 * Day) {
		splits = append(splits, split{it, tr.Format(time.DateOnly), 28, "IT"})
	}
	sum := map[string]map[string]float64{}
	for _, sp := range splits {
		te := day(sp.tr).Add(time.Duration(sp.days) * Day)
		line := sp.label + " " + sp.tr
		for _, m := range []string{"auto", "weekday-mean:4", "snaive", "cal:weekday-mean:4", "holt-winters"} {
			r, err := Backtest(sp.s, day(sp.tr).Add(Day-1), day(sp.tr).Add(Day), te.Add(Day-1), m)
			if err != nil {
				t.Logf("%s %s: %v", line, m, err)
				continue
			}
			line += fmt.Sprintf(" %s=%.2f", m, r.Scores.WAPE)
			if sum[sp.label] == nil {
				sum[sp.label] = map[string]float64{}
			}
			sum[sp.label][m] += r.Scores.WAPE
			if r.Choice != nil {
				line += " [" + r.Choice.Model + "]"
			}
		}
		t.Log(line)
	}
	t.Log(sum)
}

func TestExploreCost(t *testing.T) {
	s := synthSpec{start: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), days: 730, step: 15 * time.Minute,
		open: 0, close: 24, level: 40, weekdays: []float64{0.6, 1.25, 1.1, 1.0, 1.0, 0.9, 0.7}, noise: true, seed: 1}
	hist := s.points()
	g, _ := gridOf(hist)
	for _, name := range candidateNames(g) {
		best := time.Hour
		for range 3 {
			g, _ := gridOf(hist)
			start := time.Now()
			rollingOrigin(g, []string{name}, [2]int{1, 30}, 6, true)
			best = min(best, time.Since(start))
		}
		t.Logf("%-24s %v", name, best)
	}
}
