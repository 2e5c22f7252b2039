package sim_test

import (
	"math"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// dayConfig returns one day of 96 15-minute intervals with total expected
// calls spread over a two-peak intraday profile (10:00 and 15:00, quiet at
// night), staffed per interval by erlang.Required for 80% in 20 s, AHT
// 240 s, patience 5 minutes.
func dayConfig(b *testing.B, totalCalls float64) sim.Config {
	cfg := sim.Config{IntervalSeconds: 900, AHTSeconds: 240, PatienceSeconds: 300, AnswerSeconds: 20, Seed: 1, Replications: 1}
	weights := make([]float64, 96)
	sum := 0.0
	for i := range weights {
		h := float64(i) / 4
		weights[i] = 0.05 + math.Exp(-(h-10)*(h-10)/4) + 0.8*math.Exp(-(h-15)*(h-15)/6)
		sum += weights[i]
	}
	for _, w := range weights {
		calls := totalCalls * w / sum
		q := erlang.Queue{TrafficErlangs: erlang.Traffic(calls, 900, 240), AHTSeconds: 240}
		r, err := erlang.Required(q, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, 0)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Arrivals = append(cfg.Arrivals, calls)
		cfg.Agents = append(cfg.Agents, r.Agents)
	}
	return cfg
}

func benchmarkDay(b *testing.B, totalCalls float64) {
	cfg := dayConfig(b, totalCalls)
	var calls int64
	for b.Loop() {
		res, err := sim.Run(cfg)
		if err != nil {
			b.Fatal(err)
		}
		calls = res.Calls
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(calls), "ns/call")
}

// BenchmarkDay10kCalls: one replication of a 1-day, 15-minute-interval,
// 10,000-call day (the benchmark).
func BenchmarkDay10kCalls(b *testing.B) { benchmarkDay(b, 10_000) }

// BenchmarkDay1MCalls: the same day with 1,000,000 calls (about 2,800
// Erlangs at the peak).
func BenchmarkDay1MCalls(b *testing.B) { benchmarkDay(b, 1_000_000) }
