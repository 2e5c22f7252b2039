package forecast

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// driverSeries is a synthetic shop: daily orders with a weekly pattern,
// yearly growth, a Black Friday / Cyber Monday peak and a December build
// up to a closed Christmas Day; contacts are ratio(d) x orders plus
// Poisson-like noise. ratio gives the true contacts per order.
func driverSeries(seed uint64, start, end civil.Date, growth float64, ratio func(civil.Date) float64) (DriverHistory, map[civil.Date]float64) {
	rng := rand.New(rand.NewPCG(seed, 5))
	week := [7]float64{0.8, 1.1, 1.05, 1, 1, 1.1, 0.9}
	h := DriverHistory{Contacts: map[civil.Date]float64{}, Orders: map[civil.Date]float64{}}
	truth := map[civil.Date]float64{}
	for d := start; !d.After(end); d = d.AddDays(1) {
		years := float64(d.Sub(start)) / 365
		o := 2000 * math.Pow(1+growth, years) * week[d.Weekday()]
		bf := BlackFriday(d.Year)
		switch off := d.Sub(bf); {
		case off == 0:
			o *= 4
		case off == 3:
			o *= 3
		case off > 0 && off < 10:
			o *= 1.8
		case off >= -7 && off < 0:
			o *= 1.3
		}
		if d.Month == time.December && d.Day < 24 {
			o *= 1 + 0.03*float64(d.Day)
		}
		if d.Month == time.December && d.Day == 25 {
			continue // closed
		}
		o = math.Round(o * (1 + 0.02*rng.NormFloat64()))
		mu := ratio(d) * o
		h.Orders[d] = o
		h.Contacts[d] = math.Max(0, math.Round(mu+math.Sqrt(mu)*rng.NormFloat64()))
		truth[d] = mu
	}
	return h, truth
}

// TestDriverPeak: nine weeks through Black Friday and Christmas 2025,
// forecast from the orders that were placed (known for the window, as
// backtest --orders scores it), by the method ChooseDriver picks on the
// history. With a flat ratio (0.171 all year, the case of issue 13) the
// recent level must do at least as well as last year's aligned ratio;
// with a ratio that falls 15% a year (self-service) and rises in
// December, level x shape wins. In every case the driver model is no
// worse than the event-aligned yearly naive forecast of the contacts by
// more than 0.5 WAPE points.
func TestDriverPeak(t *testing.T) {
	bf, _ := EventByName("black-friday")
	xmas, _ := EventByName("christmas")
	events := []Event{bf, xmas}
	window := Range{civil.MustDate("2025-10-27"), civil.MustDate("2025-12-28")}
	flat := func(civil.Date) float64 { return 0.171 }
	falling := func(d civil.Date) float64 {
		r := 0.2 * math.Pow(0.85, float64(d.Sub(civil.MustDate("2023-09-01")))/365)
		if d.Month == time.December {
			r *= 1.25
		}
		return r
	}
	for _, tt := range []struct {
		name   string
		ratio  func(civil.Date) float64
		growth float64
		want   []string // acceptable picks
	}{
		{"flat ratio", flat, 0.2, []string{DriverRecent, DriverRegression, DriverWeekday, DriverLevelShape}},
		{"falling ratio, December shape", falling, 0.1, []string{DriverLevelShape}},
	} {
		for seed := uint64(1); seed <= 3; seed++ {
			name := fmt.Sprintf("%s seed %d", tt.name, seed)
			h, _ := driverSeries(seed, civil.MustDate("2023-09-01"), window.End, tt.growth, tt.ratio)
			hist := DriverHistory{Contacts: map[civil.Date]float64{}, Orders: h.Orders}
			var at []civil.Date
			for d, v := range h.Contacts {
				if d.Before(window.Start) {
					hist.Contacts[d] = v
				} else {
					at = append(at, d)
				}
			}
			sortDates(at)
			f, choice, err := DriverForecast(hist, at, h.Orders, events, 3)
			if err != nil {
				t.Fatal(err)
			}
			yoy := yearAgoDates(events, 3)
			var eD, eY, a float64
			for i, d := range at {
				y := h.Contacts[d]
				src, ok := hist.Contacts[yoy(d)]
				if !ok {
					src = hist.Contacts[d.AddDays(-364)]
				}
				eD += math.Abs(y - f[i])
				eY += math.Abs(y - src)
				a += y
			}
			wD, wY := 100*eD/a, 100*eY/a
			t.Logf("%s: driver %.2f (%s, weight %.2f), yoy %.2f; scores %v", name, wD, choice.Method, choice.SeasonWeight, wY, choice.Scores)
			if wD > wY+0.5 {
				t.Errorf("%s: driver WAPE %.2f (%s), event-aligned yoy %.2f", name, wD, choice.Method, wY)
			}
			ok := false
			for _, m := range tt.want {
				ok = ok || m == choice.Method
			}
			if !ok {
				t.Errorf("%s: picked %s, want one of %v", name, choice.Method, tt.want)
			}
		}
	}
}

func sortDates(ds []civil.Date) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Before(ds[j-1]); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// TestDriverMethods checks each method's formula on a tiny history where
// the answer is known: 10 orders and 2 contacts a day for 8 weeks (ratio
// 0.2, no intercept), then the last week at 20 orders and 5 contacts.
func TestDriverMethods(t *testing.T) {
	h := DriverHistory{Contacts: map[civil.Date]float64{}, Orders: map[civil.Date]float64{}}
	start := civil.MustDate("2025-01-06") // a Monday
	for i := range 63 {
		d := start.AddDays(i)
		h.Orders[d], h.Contacts[d] = 10, 2
		if i >= 56 {
			h.Orders[d], h.Contacts[d] = 20, 5
		}
	}
	end := start.AddDays(62)
	ya := func(d civil.Date) civil.Date { return d.AddDays(-364) }
	recent := (21*2 + 7*5) / (21*10 + 7*20.0)
	f, ok := fitDriver(h, DriverRecent, end, ya)
	if !ok {
		t.Fatal("recent: not fitted")
	}
	if got, _ := f.predict(end.AddDays(1), 100); math.Abs(got-100*recent) > 1e-9 {
		t.Errorf("recent: %v, want %v", got, 100*recent)
	}
	// regression on 56 days: 49 at (10, 2) and 7 at (20, 5): the line
	// through both points, y = 0.3 o - 1
	f, ok = fitDriver(h, DriverRegression, end, ya)
	if !ok {
		t.Fatal("regression: not fitted")
	}
	if got, _ := f.predict(end.AddDays(1), 30); math.Abs(got-8) > 1e-9 {
		t.Errorf("regression at 30 orders: %v, want 8", got)
	}
	// aligned: no history a year back
	if f, ok := fitDriver(h, DriverAligned, end, ya); ok {
		if _, ok := f.predict(end.AddDays(1), 10); ok {
			t.Error("aligned: forecast without last year")
		}
	}
	if _, _, err := DriverForecast(DriverHistory{Contacts: map[civil.Date]float64{}, Orders: map[civil.Date]float64{}}, []civil.Date{end}, nil, nil, 3); !errors.Is(err, ErrNoDriver) {
		t.Errorf("empty history: %v, want ErrNoDriver", err)
	}
}

// TestDriverBands: with orders, the bands are measured on last season
// replayed by the driver model from last season's orders, so a series
// that follows its orders exactly gets narrow bands, where the yearly
// naive replay would see the orders' own swings as error.
func TestDriverBands(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	orders := &Orders{History: map[civil.Date]float64{}, Forecast: map[civil.Date]float64{}}
	var cs []importers.Contact
	for d := civil.MustDate("2023-09-01"); !d.After(civil.MustDate("2025-10-31")); d = d.AddDays(1) {
		o := math.Round(1000 * (1 + 0.3*rng.Float64()))
		orders.History[d] = o
		n := int(0.2 * o)
		cs = append(cs, importers.Contact{Created: d.Midnight(time.UTC).Add(10 * time.Hour), Channel: "chat", IssueType: "a", Count: n, Source: importers.Source{File: "f"}})
	}
	season := Range{civil.MustDate("2025-11-17"), civil.MustDate("2025-12-07")}
	for d := season.Start; !d.After(season.End); d = d.AddDays(1) {
		orders.Forecast[d] = 1200
	}
	h, _, err := NewHistory(cs, time.UTC, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Forecast(h, Config{Season: season, Orders: orders})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Bands.Method, "driver model") || res.Bands.WAPE > 1 {
		t.Errorf("bands %+v: want the driver's replay, WAPE under 1%%", res.Bands)
	}
	for _, d := range res.Days {
		if math.Abs(d.Band.P50-240) > 2 {
			t.Fatalf("%s: %.1f, want 0.2 x 1200 = 240", d.Date, d.Band.P50)
		}
	}
}
