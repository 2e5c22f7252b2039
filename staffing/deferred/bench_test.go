package deferred_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
)

// season is 60 days of 15-minute intervals from 2025-11-01, opening hours
// Monday-Saturday 08:00-20:00, email arriving around the clock with an
// intraday curve, a weekly cycle and a Black Friday peak of 3x, 6-minute
// items, a business-time deadline, a backlog at the start.
func season(deadline time.Duration) deferred.Workload {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		berlin = time.UTC
	}
	start := time.Date(2025, 11, 1, 0, 0, 0, 0, berlin)
	n := 60 * 96
	rng := rand.New(rand.NewPCG(1, 1))
	arr := make([]float64, n)
	for i := range arr {
		t := start.Add(time.Duration(i) * 15 * time.Minute)
		h := float64(t.Hour()) + float64(t.Minute())/60
		day := 1.0
		if t.Weekday() == time.Sunday || t.Weekday() == time.Saturday {
			day = 0.6
		}
		if t.Month() == time.November && t.Day() >= 28 && t.Day() <= 30 {
			day *= 3
		}
		arr[i] = day * (2 + 10*math.Exp(-(h-11)*(h-11)/8) + 6*math.Exp(-(h-20)*(h-20)/6)) * (0.8 + 0.4*rng.Float64())
	}
	var hours deferred.OpeningHours
	for d := time.Monday; d <= time.Saturday; d++ {
		hours.Weekly[d] = []deferred.Window{{From: 8 * time.Hour, To: 20 * time.Hour}}
	}
	hours.Closed = []civil.Date{{Year: 2025, Month: time.December, Day: 25}, {Year: 2025, Month: time.December, Day: 26}}
	return deferred.Workload{Start: start, Interval: 15 * time.Minute, Arrivals: arr, HandleSeconds: []float64{360},
		Deadline: deadline, Hours: hours, MaxOccupancy: 0.85,
		Backlog: []deferred.Item{{Arrived: start.Add(-20 * time.Hour), Count: 200}}}
}

func benchmarkSolve(b *testing.B, deadline time.Duration, opts deferred.Options) {
	w := season(deadline)
	b.ReportAllocs()
	var st deferred.Staffing
	for b.Loop() {
		var err error
		st, err = deferred.Solve(w, opts)
		if err != nil {
			b.Fatal(err)
		}
	}
	if st.Late > st.OverdueAtStart+1e-6 {
		b.Fatalf("%v late", st.Late)
	}
	b.ReportMetric(float64(len(w.Arrivals))*float64(b.N)/b.Elapsed().Seconds(), "intervals/s")
	b.ReportMetric(st.AgentHours, "agent-hours")
}

// 60 days × 96 intervals, one level per day.
func BenchmarkSolve60Days8h(b *testing.B)  { benchmarkSolve(b, 8*time.Hour, deferred.Options{}) }
func BenchmarkSolve60Days24h(b *testing.B) { benchmarkSolve(b, 24*time.Hour, deferred.Options{}) }

// One level per 2-hour block: six times as many levels to find.
func BenchmarkSolve60Days8hBlocks2h(b *testing.B) {
	benchmarkSolve(b, 8*time.Hour, deferred.Options{Block: 2 * time.Hour})
}

func BenchmarkEvaluate60Days(b *testing.B) {
	w := season(8 * time.Hour)
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := deferred.Evaluate(w, st.Agents); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(w.Arrivals))*float64(b.N)/b.Elapsed().Seconds(), "intervals/s")
}
