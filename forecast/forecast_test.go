package forecast

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", name, err)
	}
	return loc
}

func TestDayIntervalsDST(t *testing.T) {
	ny, london := mustLoc(t, "America/New_York"), mustLoc(t, "Europe/London")
	cases := []struct {
		loc  *time.Location
		day  string
		step time.Duration
		want int
	}{
		{ny, "2026-03-08", 15 * time.Minute, 92},  // spring forward: 23 hours
		{ny, "2026-11-01", 15 * time.Minute, 100}, // fall back: 25 hours
		{ny, "2026-11-02", 15 * time.Minute, 96},
		{london, "2026-03-29", 30 * time.Minute, 46},
		{london, "2026-10-25", 30 * time.Minute, 50},
		{london, "2026-10-25", time.Hour, 25},
	}
	for _, c := range cases {
		got := DayIntervals(civil.MustDate(c.day), c.loc, c.step)
		if len(got) != c.want {
			t.Errorf("%s %s %v: %d intervals, want %d", c.loc, c.day, c.step, len(got), c.want)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Sub(got[i-1]) != c.step {
				t.Fatalf("%s: intervals not %v apart at %d", c.day, c.step, i)
			}
		}
	}
}

// On a 25-hour day every contact lands in exactly one interval: nothing is
// double-counted in the repeated hour, nothing lost.
func TestHistoryDSTNoDoubleCount(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	var cs []importers.Contact
	start := civil.MustDate("2025-11-02").Midnight(ny)
	for m := 0; m < 25*60; m += 5 {
		cs = append(cs, importers.Contact{Created: start.Add(time.Duration(m) * time.Minute), Channel: "phone", IssueType: "x", Count: 1, Source: importers.Source{File: "a"}})
	}
	h, _, err := NewHistory(cs, ny, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	k := Key{"phone", "x"}
	slots := h.Slots(k, civil.MustDate("2025-11-02"))
	if len(slots) != 100 {
		t.Fatalf("%d slots, want 100", len(slots))
	}
	for i, v := range slots {
		if v != 3 {
			t.Fatalf("slot %d has %v contacts, want 3", i, v)
		}
	}
	if v, _ := h.Daily(k, civil.MustDate("2025-11-02")); v != float64(len(cs)) {
		t.Errorf("daily %v, want %d", v, len(cs))
	}
}

// A day inside an export's span without contacts is a closed day (zero);
// a day between two exports is missing, not zero.
func TestHistoryClosedVersusMissing(t *testing.T) {
	loc := time.UTC
	mk := func(file, day string) importers.Contact {
		return importers.Contact{Created: civil.MustDate(day).Midnight(loc).Add(10 * time.Hour), Channel: "email", IssueType: "a", Count: 1, Source: importers.Source{File: file}}
	}
	cs := []importers.Contact{mk("jan.csv", "2025-01-01"), mk("jan.csv", "2025-01-03"), mk("mar.csv", "2025-03-01")}
	h, _, err := NewHistory(cs, loc, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	k := Key{"email", "a"}
	if v, ok := h.Daily(k, civil.MustDate("2025-01-02")); !ok || v != 0 {
		t.Errorf("closed day: %v %v, want 0 observed", v, ok)
	}
	if _, ok := h.Daily(k, civil.MustDate("2025-02-01")); ok {
		t.Error("a day between the exports counts as observed")
	}
}

func TestNewHistoryErrors(t *testing.T) {
	if _, _, err := NewHistory(nil, time.UTC, 15*time.Minute); !errors.Is(err, ErrNoHistory) {
		t.Errorf("empty history: %v", err)
	}
	c := []importers.Contact{{Created: time.Now(), Count: 1}}
	for _, step := range []time.Duration{0, 7 * time.Minute, 2 * time.Hour, 90 * time.Second} {
		if _, _, err := NewHistory(c, time.UTC, step); err == nil {
			t.Errorf("interval %v accepted", step)
		}
	}
}

// synthetic is a known generating process: weekly and intraday seasonality,
// an event uplift and yearly growth.
type synthetic struct {
	loc    *time.Location
	base   float64
	growth float64 // per year
	start  civil.Date
}

var weekly = [7]float64{0.7, 1.3, 1.15, 1.05, 1.0, 0.95, 0.6} // Sunday..Saturday

func (s synthetic) mean(d civil.Date) float64 {
	years := float64(d.Sub(s.start)) / 364
	m := s.base * weekly[d.Weekday()] * math.Pow(s.growth, years)
	bf := BlackFriday(d.Year)
	switch d.Sub(bf) {
	case 0:
		m *= 3
	case 1, 2:
		m *= 1.8
	case 3:
		m *= 2.5
	}
	if d.Month == time.November && d.Day == 11 {
		m *= 4
	}
	return m
}

// hourShare is a double hump: 10:00 and 15:00, nothing at night; on
// Double 11 a third of the day arrives in the first hour.
func hourShare(d civil.Date, hour int) float64 {
	w := make([]float64, 24)
	for h := 8; h < 20; h++ {
		w[h] = math.Exp(-math.Pow(float64(h)-10, 2)/4) + 0.8*math.Exp(-math.Pow(float64(h)-15, 2)/5)
	}
	if d.Month == time.November && d.Day == 11 {
		total := sum(w)
		w[0] = total / 2
	}
	return w[hour] / sum(w)
}

func (s synthetic) contacts(r *rand.Rand, from, to civil.Date) []importers.Contact {
	var out []importers.Contact
	for d := from; !d.After(to); d = d.AddDays(1) {
		n := poisson(r, s.mean(d))
		var shares [24]float64
		for h := range shares {
			shares[h] = hourShare(d, h)
		}
		for i := 0; i < n; i++ {
			// draw the hour from the day's profile
			u, acc, hour := r.Float64(), 0.0, 23
			for h := 0; h < 24; h++ {
				acc += shares[h]
				if u < acc {
					hour = h
					break
				}
			}
			at := time.Date(d.Year, d.Month, d.Day, hour, r.IntN(60), r.IntN(60), 0, s.loc)
			out = append(out, importers.Contact{Created: at, Channel: "email", IssueType: "shipping", Count: 1,
				Source: importers.Source{File: "synthetic.csv", Line: len(out) + 2}, HandleKnown: true, HandleSeconds: 200 + r.Float64()*200})
		}
	}
	return out
}

func poisson(r *rand.Rand, mean float64) int {
	if mean > 50 {
		return int(math.Max(0, math.Round(mean+math.Sqrt(mean)*r.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// The forecast recovers a known process: the season's total within 4%,
// Black Friday and Double 11 within 12%, the event day's own intraday shape.
func TestForecastRecoversSyntheticTruth(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	s := synthetic{loc: ny, base: 300, growth: 1.2, start: civil.MustDate("2024-01-01")}
	r := rand.New(rand.NewPCG(1, 2))
	cs := s.contacts(r, civil.MustDate("2024-01-01"), civil.MustDate("2025-12-31"))
	h, _, err := NewHistory(cs, ny, 30*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	season := Range{civil.MustDate("2026-11-01"), civil.MustDate("2026-12-06")}
	res, err := Forecast(h, Config{Season: season, Events: []Event{mustEvent(t, "black-friday"), mustEvent(t, "double-11")}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Growth.Measured || math.Abs(res.Growth.Factor-1.2) > 0.03 {
		t.Errorf("growth %.3f (measured %v), want 1.20 ± 0.03", res.Growth.Factor, res.Growth.Measured)
	}
	var got, want float64
	for _, d := range res.Days {
		got += d.Band.P50
		want += s.mean(d.Date)
		if math.IsNaN(d.Band.P10) || d.Band.P10 > d.Band.P50 || d.Band.P50 > d.Band.P90 {
			t.Fatalf("%s: bad band %+v", d.Date, d.Band)
		}
		switch d.Date.String() {
		case "2026-11-27", "2026-11-11", "2026-11-30":
			if rel := math.Abs(d.Band.P50/s.mean(d.Date) - 1); rel > 0.12 {
				t.Errorf("%s: forecast %.0f, truth %.0f (%.0f%% off)", d.Date, d.Band.P50, s.mean(d.Date), 100*rel)
			}
		}
	}
	if rel := math.Abs(got/want - 1); rel > 0.04 {
		t.Errorf("season total %.0f, truth %.0f (%.1f%% off)", got, want, 100*rel)
	}
	// Double 11's midnight hour carries about a third of the day.
	var midnight, day float64
	for _, sl := range res.Slots {
		if civil.DateOf(sl.Start.In(ny)) == civil.MustDate("2026-11-11") {
			day += sl.Band.P50
			if sl.Start.In(ny).Hour() == 0 {
				midnight += sl.Band.P50
			}
		}
	}
	if share := midnight / day; math.Abs(share-1.0/3) > 0.05 {
		t.Errorf("Double 11 midnight share %.2f, want 0.33", share)
	}
	// Interval forecasts add up to the day's.
	perDay := map[civil.Date]float64{}
	for _, sl := range res.Slots {
		perDay[civil.DateOf(sl.Start.In(ny))] += sl.Band.P50
	}
	for _, d := range res.Days {
		if math.Abs(perDay[d.Date]-d.Band.P50) > 1e-6*math.Max(1, d.Band.P50) {
			t.Fatalf("%s: intervals sum to %v, day is %v", d.Date, perDay[d.Date], d.Band.P50)
		}
	}
	// Bands cover about 80% of the truth's draws: check against the process mean.
	inside := 0
	for _, d := range res.Days {
		m := s.mean(d.Date)
		if m >= d.Band.P10 && m <= d.Band.P90 {
			inside++
		}
	}
	if float64(inside)/float64(len(res.Days)) < 0.7 {
		t.Errorf("only %d of %d day means inside P10..P90", inside, len(res.Days))
	}
	if len(res.AHT) != 1 || math.Abs(res.AHT[0].Normal-300) > 15 {
		t.Errorf("handle time %+v, want about 300 s", res.AHT)
	}
}

// The driver model: 35 requests per 100 customers is a ratio of 0.35, and
// this season's orders times the ratio is the forecast.
func TestContactRatio(t *testing.T) {
	loc := time.UTC
	var cs []importers.Contact
	orders := &Orders{History: map[civil.Date]float64{}, Forecast: map[civil.Date]float64{}}
	for d := civil.MustDate("2025-10-01"); !d.After(civil.MustDate("2025-12-31")); d = d.AddDays(1) {
		orders.History[d] = 100
		for i := 0; i < 35; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(loc).Add(time.Duration(9*60+i) * time.Minute), Channel: "chat", IssueType: "order", Count: 1, Source: importers.Source{File: "f"}})
		}
	}
	h, _, err := NewHistory(cs, loc, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	season := Range{civil.MustDate("2026-11-01"), civil.MustDate("2026-11-30")}
	for d := season.Start; !d.After(season.End); d = d.AddDays(1) {
		orders.Forecast[d] = 1000
	}
	res, err := Forecast(h, Config{Season: season, Orders: orders, Growth: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Ratios) != 1 || math.Abs(res.Ratios[0].Season-0.35) > 1e-9 {
		t.Fatalf("ratios %+v, want 0.35", res.Ratios)
	}
	for _, d := range res.Days {
		if d.Method != "ratio" || math.Abs(d.Band.P50-350) > 1e-6 {
			t.Fatalf("%s: %s %.2f, want ratio 350", d.Date, d.Method, d.Band.P50)
		}
	}
}

func TestOrdersTotalSpread(t *testing.T) {
	o := &Orders{History: map[civil.Date]float64{civil.MustDate("2025-11-28"): 300, civil.MustDate("2025-11-29"): 100}, Total: 800}
	align := []Alignment{{Target: civil.MustDate("2026-11-27"), Source: civil.MustDate("2025-11-28")}, {Target: civil.MustDate("2026-11-28"), Source: civil.MustDate("2025-11-29")}}
	if err := o.Spread(align); err != nil {
		t.Fatal(err)
	}
	if o.Forecast[civil.MustDate("2026-11-27")] != 600 || o.Forecast[civil.MustDate("2026-11-28")] != 200 {
		t.Errorf("spread %v", o.Forecast)
	}
	o = &Orders{History: map[civil.Date]float64{}, Total: 10}
	if err := o.Spread(align); !errors.Is(err, importers.ErrInvalidData) {
		t.Errorf("missing history: %v", err)
	}
}

func TestParseOrdersErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"date,orders\n2025-01-01,10\n2025-01-02,x\n", "o.csv:3:2: orders: "},
		{"date,orders\n2025-13-01,10\n", "o.csv:2:1: date: "},
		{"date,orders\n2025-01-01,10\n2025-01-01,11\n", "appears twice (first on line 2)"},
		{"", "empty"},
		{"date,orders\n2025-01-01,-4\n", "o.csv:2:2"},
		{"when,web,app\n2025-01-01,3,4\n", `o.csv:1: column not found: no column has a name accepted for the orders`},
		{"when,total\n2025-01-01,3\n2025-01-02,\n", "o.csv:3:2"},
	}
	for _, c := range cases {
		_, err := ParseOrders("o.csv", strings.NewReader(c.in), OrdersOptions{})
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, importers.ErrInvalidData) {
			t.Errorf("%q: error %v, want it to mention %q and be invalid data", c.in, err, c.want)
		}
	}
	got, err := ParseOrders("o.csv", strings.NewReader("\ufeffday,web,orders\n2025-01-01,3,1,234\n"), OrdersOptions{})
	if err == nil {
		t.Errorf("a row with an extra field was read as %v", got)
	}
	got, err = ParseOrders("o.csv", strings.NewReader("\ufeffday,web,orders\n2025-01-01,3,\"1,234\"\n"), OrdersOptions{})
	if err != nil || got.Daily[civil.MustDate("2025-01-01")] != 1234 {
		t.Errorf("got %v %v", got, err)
	}
}

// An orders file as a travel agency's system writes it (issue 12): a BOM,
// semicolons, D-M-YYYY dates without padding, the orders in a column named
// total_reservations next to other numbers; read with no column named.
func TestParseOrdersSemicolonDayFirst(t *testing.T) {
	in := "\ufeffdate;total_reservations;cancellations;avg_price\n" +
		"3-11-2025;1.204;31;99,5\n" + // 3 November: 28-11 below proves day-first
		"4-11-2025;1.190;12;101,0\n" +
		"28-11-2025;4.880;70;89,9\n"
	got, err := ParseOrders("orders.csv", strings.NewReader(in), OrdersOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[civil.Date]float64{civil.MustDate("2025-11-03"): 1204, civil.MustDate("2025-11-04"): 1190, civil.MustDate("2025-11-28"): 4880}
	if len(got.Daily) != len(want) || got.OrdersColumn != "total_reservations" || got.DateColumn != "date" {
		t.Fatalf("read %v from %q/%q", got.Daily, got.DateColumn, got.OrdersColumn)
	}
	for d, v := range want {
		if got.Daily[d] != v {
			t.Errorf("%s: %v orders, want %v", d, got.Daily[d], v)
		}
	}
	// the column named, and a name the file does not have
	got, err = ParseOrders("orders.csv", strings.NewReader(in), OrdersOptions{OrdersColumn: "Cancellations"})
	if err != nil || got.Daily[civil.MustDate("2025-11-28")] != 70 {
		t.Errorf("--orders-col cancellations: %v %v", got, err)
	}
	_, err = ParseOrders("orders.csv", strings.NewReader(in), OrdersOptions{OrdersColumn: "bookings"})
	if err == nil || !strings.Contains(err.Error(), `--orders-col "bookings": the file has no such column; its columns are "date", "total_reservations", "cancellations", "avg_price"`) {
		t.Errorf("unknown column: %v", err)
	}
	// without a name to go by, the error lists the columns and the names accepted
	_, err = ParseOrders("orders.csv", strings.NewReader("day;web;app\n1-1-2025;3;4\n"), OrdersOptions{})
	if err == nil || !strings.Contains(err.Error(), `"web" and "app" could each be it; name it with --orders-col`) || !strings.Contains(err.Error(), "(orders, customers") {
		t.Errorf("ambiguous: %v", err)
	}
}

// A season the history cannot reach falls back to the baseline, never NaN;
// a one-week history still forecasts.
func TestForecastShortHistory(t *testing.T) {
	loc := time.UTC
	var cs []importers.Contact
	for d := civil.MustDate("2026-10-01"); !d.After(civil.MustDate("2026-10-07")); d = d.AddDays(1) {
		for i := 0; i < 20; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(loc).Add(time.Duration(8*60+i*20) * time.Minute), Channel: "email", IssueType: "a", Count: 1, Source: importers.Source{File: "f"}})
		}
	}
	h, _, err := NewHistory(cs, loc, 15*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Forecast(h, Config{Season: Range{civil.MustDate("2026-11-20"), civil.MustDate("2026-11-30")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Days {
		if d.Method != "weekday-mean-4" || d.Band.P50 != 20 || math.IsNaN(d.Band.P90) {
			t.Fatalf("%s: %s %+v", d.Date, d.Method, d.Band)
		}
	}
	if len(res.Warnings) == 0 {
		t.Error("no warning that growth could not be measured")
	}
	if _, err := Forecast(h, Config{Season: Range{civil.MustDate("2026-09-01"), civil.MustDate("2026-09-30")}}); err == nil {
		t.Error("a season before the history was accepted")
	}
}

func TestBandQuantile(t *testing.T) {
	b := Band{P10: 80, P50: 100, P90: 120}
	if b.Quantile(0.5) != 100 || b.Quantile(0.9) != 120 {
		t.Fatal("named quantiles")
	}
	if q := b.Quantile(0.975); math.Abs(q-(100+1.959964*20/z90)) > 1e-3 {
		t.Errorf("P97.5 = %v", q)
	}
	if q := b.Quantile(0.3); q >= 100 || q <= 80 {
		t.Errorf("P30 = %v", q)
	}
}

// A series without last year's days but months of history goes to the
// backtest-picked model, which names its choice.
func TestForecastAutoBaseline(t *testing.T) {
	loc := time.UTC
	var cs []importers.Contact
	for d := civil.MustDate("2026-06-01"); !d.After(civil.MustDate("2026-10-31")); d = d.AddDays(1) {
		n := 20
		if d.Weekday() == time.Monday {
			n = 40
		}
		for i := 0; i < n; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(loc).Add(time.Duration(8*60+i*10) * time.Minute), Channel: "email", IssueType: "a", Count: 1, Source: importers.Source{File: "f"}})
		}
	}
	h, _, err := NewHistory(cs, loc, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Forecast(h, Config{Season: Range{civil.MustDate("2026-11-20"), civil.MustDate("2026-11-30")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Days {
		want := 20.0
		if d.Date.Weekday() == time.Monday {
			want = 40
		}
		if !strings.HasPrefix(d.Method, "auto:") || math.Abs(d.Band.P50-want) > 0.5 {
			t.Fatalf("%s: %s %.2f, want auto ~%v", d.Date, d.Method, d.Band.P50, want)
		}
	}
}

// A given peak uplift replaces the measured one: normal handle time x uplift.
func TestAHTUpliftGiven(t *testing.T) {
	loc := time.UTC
	var cs []importers.Contact
	for d := civil.MustDate("2025-06-01"); !d.After(civil.MustDate("2025-12-31")); d = d.AddDays(1) {
		for i := 0; i < 10; i++ {
			cs = append(cs, importers.Contact{Created: d.Midnight(loc).Add(time.Duration(9*60+i) * time.Minute), Channel: "chat", IssueType: "a",
				Count: 1, Source: importers.Source{File: "f"}, HandleKnown: true, HandleSeconds: 300})
		}
	}
	h, _, err := NewHistory(cs, loc, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Forecast(h, Config{Season: Range{civil.MustDate("2026-11-20"), civil.MustDate("2026-11-22")}, Growth: 1, AHTUplift: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Days {
		if math.Abs(d.AHT-450) > 1e-9 {
			t.Errorf("%s: AHT %v, want 450", d.Date, d.AHT)
		}
	}
}

// Growth compares like with like: a channel whose export starts this year
// does not read as growth.
func TestGrowthLikeForLike(t *testing.T) {
	loc := time.UTC
	var cs []importers.Contact
	add := func(file string, ch importers.Channel, from, to string, n int) {
		for d := civil.MustDate(from); !d.After(civil.MustDate(to)); d = d.AddDays(1) {
			for i := 0; i < n; i++ {
				cs = append(cs, importers.Contact{Created: d.Midnight(loc).Add(time.Duration(600+i) * time.Minute), Channel: ch, IssueType: "a", Count: 1, Source: importers.Source{File: file}})
			}
		}
	}
	add("calls.csv", "phone", "2024-01-01", "2025-12-31", 10)   // flat phone volume for two years
	add("tickets.csv", "email", "2025-01-01", "2025-12-31", 40) // tickets only exported for 2025
	h, _, err := NewHistory(cs, loc, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	g := MeasureGrowth(h, civil.MustDate("2025-12-31"), 8)
	if !g.Measured || math.Abs(g.Factor-1) > 1e-9 {
		t.Errorf("growth %+v, want 1 (phone flat; email has no year before)", g)
	}
}
