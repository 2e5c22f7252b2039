package require_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// season is 90 days × 96 intervals of phone, chat and email demand with an
// intraday curve, weekends and a Black Friday week at 3x.
func season() ([]require.Demand, map[string]require.Policy) {
	start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
	n := 90 * 96
	rng := rand.New(rand.NewPCG(1, 2))
	curve := func(scale float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			t := start.Add(time.Duration(i) * 15 * time.Minute)
			h := float64(t.Hour()) + float64(t.Minute())/60
			day := 1.0
			if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
				day = 0.5
			}
			if t.Month() == time.November && t.Day() >= 28 {
				day *= 3
			}
			if h >= 7 && h < 22 {
				out[i] = scale * day * (1 + math.Sin((h-7)/15*math.Pi)) * (0.9 + 0.2*rng.Float64())
			}
		}
		return out
	}
	demands := []require.Demand{
		{Channel: "phone", Start: start, Interval: 15 * time.Minute, Contacts: curve(60), AHTSeconds: []float64{240}},
		{Channel: "chat", Start: start, Interval: 15 * time.Minute, Contacts: curve(40), AHTSeconds: []float64{420}},
		{Channel: "email", Start: start, Interval: 15 * time.Minute, Contacts: curve(30), AHTSeconds: []float64{360}},
	}
	hours, _ := deferred.ParseOpeningHours("mon-fri 08:00-20:00; sat 09:00-17:00")
	sl := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.85}
	policies := map[string]require.Policy{
		"phone": {Kind: require.KindLive, Targets: sl, PatienceSeconds: 0, Shrinkage: 0.3, MinAgents: 1, Hours: hours},
		"chat":  {Kind: require.KindChat, Targets: sl, Concurrency: 2, Shrinkage: 0.3},
		"email": {Kind: require.KindDeferred, Targets: erlang.Targets{MaxOccupancy: 0.85}, Deadline: 8 * time.Hour, Hours: hours, Shrinkage: 0.3},
	}
	return demands, policies
}

// 90 days × 96 intervals × 3 channels (25,920 interval requirements).
func BenchmarkComputeAll90Days(b *testing.B) {
	demands, policies := season()
	b.ReportAllocs()
	var plan require.Plan
	for b.Loop() {
		var err error
		if plan, err = require.ComputeAll(demands, policies); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(3*len(demands[0].Contacts))*float64(b.N)/b.Elapsed().Seconds(), "intervals/s")
	_ = plan
}

// The same without the email channel: the Erlang part alone.
func BenchmarkComputeAll90DaysLiveOnly(b *testing.B) {
	demands, policies := season()
	demands = demands[:2]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := require.ComputeAll(demands, policies); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2*len(demands[0].Contacts))*float64(b.N)/b.Elapsed().Seconds(), "intervals/s")
}

// BenchmarkGroups24 is the blended requirement of 24 staffing groups over
// 30 days of 15 minutes (issue 10: under 2 s on one core): each group takes
// a 24th of phone, chat and email.
func BenchmarkGroups24(b *testing.B) { benchmarkGroups24(b, require.GroupOptions{}) }

// BenchmarkGroups24Simulated is the same with the simulator's check and
// correction (plan and staff's default).
func BenchmarkGroups24Simulated(b *testing.B) { benchmarkGroups24(b, require.DefaultGroupOptions) }

func benchmarkGroups24(b *testing.B, opts require.GroupOptions) {
	n := 30 * 96
	rng := rand.New(rand.NewPCG(1, 2))
	curve := func(scale float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			h := float64(i%96) / 4
			out[i] = scale * math.Max(0, math.Sin((h-6)/16*math.Pi)) * (0.8 + 0.4*rng.Float64())
		}
		return out
	}
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	demands := []require.Demand{
		{Channel: "phone", Start: start, Interval: 15 * time.Minute, Contacts: curve(600), AHTSeconds: []float64{300}},
		{Channel: "chat", Start: start, Interval: 15 * time.Minute, Contacts: curve(400), AHTSeconds: []float64{420}},
		{Channel: "email", Start: start, Interval: 15 * time.Minute, Contacts: curve(300), AHTSeconds: []float64{360}},
	}
	pols := map[string]require.Policy{
		"phone": {Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.85}, Shrinkage: 0.3},
		"chat":  {Kind: require.KindChat, Concurrency: 2, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 60, MaxOccupancy: 0.85}, Shrinkage: 0.3},
		"email": {Kind: require.KindDeferred, Deadline: 24 * time.Hour, Targets: erlang.Targets{MaxOccupancy: 0.85}, Shrinkage: 0.3},
	}
	var groups []require.Group
	for g := 0; g < 24; g++ {
		groups = append(groups, require.Group{Name: fmt.Sprintf("team-%02d", g), Channels: []string{"phone", "chat", "email"},
			Share: map[string]float64{"phone": 1.0 / 24, "chat": 1.0 / 24, "email": 1.0 / 24}})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := require.ComputeGroups(demands, pols, groups, opts); err != nil {
			b.Fatal(err)
		}
	}
}
