package models

import (
	"math"
	"math/rand/v2"
	"time"
)

// synthSpec describes a synthetic contact series with a known mean: a
// weekly pattern times an intraday double hump, plus Poisson-like noise.
type synthSpec struct {
	start    time.Time
	days     int
	step     time.Duration // Day for a daily series
	open     int           // first hour of the day (intraday)
	close    int           // hour after the last slot (intraday)
	level    float64       // mean contacts per slot (per day when daily)
	weekdays []float64     // factor per weekday, Sunday first; 0 = closed
	closed   map[string]bool
	noise    bool
	seed     uint64
}

var callCenterWeek = []float64{0, 1.25, 1.1, 1.0, 1.0, 0.9, 0}

// intradayShape is a double hump (late morning, early afternoon) on [0, 1].
func intradayShape(x float64) float64 {
	return 0.3 + math.Exp(-math.Pow((x-0.3)/0.12, 2)) + 0.8*math.Exp(-math.Pow((x-0.62)/0.15, 2))
}

// truth is the expected value at t (0 when closed).
func (s synthSpec) truth(t time.Time) float64 {
	w := s.weekdays[t.Weekday()]
	if w == 0 || s.closed[t.Format(time.DateOnly)] {
		return 0
	}
	if s.step >= Day {
		return s.level * w
	}
	h := float64(t.Hour()) + float64(t.Minute())/60
	if h < float64(s.open) || h >= float64(s.close) {
		return 0
	}
	x := (h - float64(s.open)) / float64(s.close-s.open)
	return s.level * w * intradayShape(x) / 0.8
}

// points generates the series; closed days and weekdays are absent.
func (s synthSpec) points() []Point {
	rng := rand.New(rand.NewPCG(s.seed, 7))
	var out []Point
	for d := range s.days {
		day := s.start.AddDate(0, 0, d)
		if s.weekdays[day.Weekday()] == 0 || s.closed[day.Format(time.DateOnly)] {
			continue
		}
		times := []time.Time{day}
		if s.step < Day {
			times = times[:0]
			for t := day.Add(time.Duration(s.open) * time.Hour); t.Before(day.Add(time.Duration(s.close) * time.Hour)); t = t.Add(s.step) {
				times = append(times, t)
			}
		}
		for _, t := range times {
			mu := s.truth(t)
			v := mu
			if s.noise {
				v = math.Max(0, math.Round(mu+math.Sqrt(mu)*rng.NormFloat64()))
			}
			out = append(out, Point{T: t, V: v})
		}
	}
	return out
}

// future lists the operating timestamps of the n days after the history.
func (s synthSpec) future(n int) []time.Time {
	next := s
	next.start = s.start.AddDate(0, 0, s.days)
	next.days = n
	next.noise = false
	pts := next.points()
	out := make([]time.Time, len(pts))
	for i, p := range pts {
		out[i] = p.T
	}
	return out
}
