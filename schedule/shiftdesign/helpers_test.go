package shiftdesign_test

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

type known struct {
	name      string
	interval  int
	bestKnown float64
	optimal   bool
}

func bestKnown(t testing.TB) []known {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir(t), "best_known.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []known
	for _, r := range rows[1:] {
		iv, _ := strconv.Atoi(r[2])
		bk, _ := strconv.ParseFloat(r[5], 64)
		out = append(out, known{r[1], iv, bk, r[6] == "yes"})
	}
	return out
}

// randomModel is a small seeded random model: 1-3 days, intervals of 15
// minutes to 2 hours, requirements 0-6 (sometimes fractional), 1-3
// templates whose windows may cross midnight, some on a few weekdays only,
// some capped.
func randomModel(rng *rand.Rand) *shiftdesign.Model {
	intervals := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour}
	iv := intervals[rng.IntN(len(intervals))]
	days := 1 + rng.IntN(3)
	m := &shiftdesign.Model{
		Interval:     iv,
		Required:     make([]float64, days*int(24*time.Hour/iv)),
		Cyclic:       rng.IntN(2) == 0,
		FirstWeekday: time.Weekday(rng.IntN(7)),
		Weights: shiftdesign.Weights{Shortage: float64(1 + rng.IntN(3)), Excess: float64(rng.IntN(3)),
			DistinctShifts: float64(rng.IntN(100)), Shifts: float64(rng.IntN(20))},
	}
	// A smooth daily curve with noise.
	peak := rng.Float64() * 24
	for k := range m.Required {
		hour := float64(k) * iv.Hours()
		hour -= 24 * math.Floor(hour/24)
		v := 1 + 5*math.Exp(-(hour-peak)*(hour-peak)/20) + rng.Float64()
		if rng.IntN(4) == 0 {
			m.Required[k] = math.Round(v*2) / 2
		} else {
			m.Required[k] = math.Round(v)
		}
	}
	steps := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour}
	for k := 1 + rng.IntN(3); k > 0; k-- {
		step := steps[rng.IntN(len(steps))]
		earliest := time.Duration(rng.IntN(int(24*time.Hour/step))) * step
		t := shiftdesign.Template{
			Name:          "t" + strconv.Itoa(k),
			EarliestStart: earliest,
			LatestStart:   (earliest + time.Duration(rng.IntN(6))*step) % (24 * time.Hour),
			MinLength:     time.Duration(2+rng.IntN(6)) * time.Hour,
			Step:          step,
		}
		t.MaxLength = t.MinLength + time.Duration(rng.IntN(5))*step
		if rng.IntN(3) == 0 {
			t.Weekdays = []time.Weekday{time.Weekday(rng.IntN(7)), time.Weekday(rng.IntN(7))}
		}
		if rng.IntN(3) == 0 {
			t.MaxAgents = 1 + rng.IntN(4)
		}
		m.Templates = append(m.Templates, t)
	}
	return m
}
