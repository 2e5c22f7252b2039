package erlang_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// benchSolves is the size of the benchmark: 100,000 interval solves.
const benchSolves = 100_000

// BenchmarkRequired100k solves 100,000 intervals with traffic log-uniform
// in 0.1 .. 5,000 Erlangs (AHT 180 s, 80% within 20 s, 30% shrinkage).
// One op is the whole batch; ns/solve is reported besides.
func BenchmarkRequired100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(100, 100))
	queues := make([]erlang.Queue, benchSolves)
	for i := range queues {
		a := 0.1 * math.Exp(rng.Float64()*math.Log(50000))
		queues[i] = erlang.Queue{TrafficErlangs: a, AHTSeconds: 180}
	}
	targets := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}
	b.ResetTimer()
	for b.Loop() {
		for _, q := range queues {
			if _, err := erlang.Required(q, targets, 0.3); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchSolves, "ns/solve")
}

// BenchmarkRequiredErlangA is one Erlang A solve at 500 Erlangs, patience 2 AHT.
func BenchmarkRequiredErlangA(b *testing.B) {
	q := erlang.Queue{TrafficErlangs: 500, AHTSeconds: 180, PatienceSeconds: 360}
	targets := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxAbandon: 0.03}
	for b.Loop() {
		if _, err := erlang.Required(q, targets, 0.3); err != nil {
			b.Fatal(err)
		}
	}
}
