package pipeline

import (
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/plan/config"
)

// Demands sums a channel's issue types per interval and weights their
// handle times by contacts; a scenario's volume change and deflection
// scale the contacts, a handle-time change the handle times.
func TestDemands(t *testing.T) {
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	slot := func(i int, typ string, v, aht float64) forecast.Interval {
		return forecast.Interval{Start: start.Add(time.Duration(i) * 30 * time.Minute), Key: forecast.Key{Channel: "phone", IssueType: typ},
			Band: forecast.Band{P10: v, P50: v, P90: v}, AHT: aht}
	}
	res := &forecast.Result{Interval: 30 * time.Minute, Slots: []forecast.Interval{
		slot(0, "gift_card", 10, 600), slot(0, "shipping", 30, 200),
		slot(1, "gift_card", 0, 600), slot(1, "shipping", 20, 200),
	}}
	p := &config.Plan{Forecast: config.ForecastSpec{Quantile: 0.5}}
	ds, _ := Demands(p, res, nil, 0.5)
	if len(ds) != 1 || len(ds[0].Contacts) != 2 {
		t.Fatalf("demands %+v", ds)
	}
	d := ds[0]
	if d.Contacts[0] != 40 || d.Contacts[1] != 20 {
		t.Errorf("contacts %v, want [40 20]", d.Contacts)
	}
	if math.Abs(d.AHTSeconds[0]-300) > 1e-9 || math.Abs(d.AHTSeconds[1]-200) > 1e-9 { // (10x600 + 30x200) / 40
		t.Errorf("aht %v, want [300 200]", d.AHTSeconds)
	}

	sc := &config.Scenario{VolumeChange: 0.5, Deflection: map[string]config.Fraction{"shipping": 0.2},
		HandleTimeChange: map[string]float64{"gift_card": -0.5}}
	ds, _ = Demands(p, res, sc, 0.5)
	d = ds[0]
	// interval 0: gift 10x1.5 = 15 at 300 s; shipping 30x1.5x0.8 = 36 at 200 s
	if math.Abs(d.Contacts[0]-51) > 1e-9 {
		t.Errorf("scenario contacts %v, want 51", d.Contacts[0])
	}
	if want := (15*300 + 36*200) / 51.0; math.Abs(d.AHTSeconds[0]-want) > 1e-9 {
		t.Errorf("scenario aht %v, want %v", d.AHTSeconds[0], want)
	}
}

// A channel without handle times takes the plan's, else a stated default,
// and says so.
func TestDemandsMissingHandleTime(t *testing.T) {
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	res := &forecast.Result{Interval: time.Hour, Slots: []forecast.Interval{
		{Start: start, Key: forecast.Key{Channel: "email", IssueType: "a"}, Band: forecast.Band{P50: 5}},
	}}
	p := &config.Plan{}
	ds, notes := Demands(p, res, nil, 0.5)
	if ds[0].AHTSeconds[0] != defaultHandle["email"] || len(notes) != 1 {
		t.Errorf("aht %v notes %v", ds[0].AHTSeconds, notes)
	}
	ht := config.Duration(9 * time.Minute)
	p.Channels = map[string]config.Channel{"email": {HandleTime: &ht}}
	ds, notes = Demands(p, res, nil, 0.5)
	if ds[0].AHTSeconds[0] != 540 || len(notes) != 0 {
		t.Errorf("aht %v notes %v, want 540 s from the plan", ds[0].AHTSeconds, notes)
	}
}
