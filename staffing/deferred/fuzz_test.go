package deferred_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
)

// workloadFrom builds a small workload from fuzz bytes: a header of
// deadline, interval, opening and option bytes, then one byte of arrivals
// per interval; a few bytes become a backlog.
func workloadFrom(data []byte) (deferred.Workload, deferred.Options, bool) {
	if len(data) < 6 {
		return deferred.Workload{}, deferred.Options{}, false
	}
	h, body := data[:6], data[6:]
	if len(body) > 300 {
		body = body[:300]
	}
	var hours deferred.OpeningHours
	for d := range hours.Weekly {
		if h[2]>>d&1 == 1 {
			from := time.Duration(h[3]%24) * time.Hour
			to := from + time.Duration(1+int(h[4])%(24-int(h[3]%24)))*time.Hour
			hours.Weekly[d] = []deferred.Window{{From: from, To: min(to, 24*time.Hour)}}
		}
	}
	start := time.Date(2025, 11, 24, int(h[5]%24), 0, 0, 0, time.UTC)
	w := deferred.Workload{
		Start:         start,
		Interval:      time.Duration(1+int(h[1])%12) * 15 * time.Minute,
		Arrivals:      make([]float64, len(body)),
		HandleSeconds: []float64{float64(60 + int(h[0])*7)},
		Deadline:      time.Duration(1+int(h[0])%48) * 30 * time.Minute,
		Hours:         hours,
		ClearByEnd:    h[5]&0x80 != 0,
		MaxOccupancy:  float64(1+h[1]%10) / 10,
	}
	for i, b := range body {
		w.Arrivals[i] = float64(b%32) / 2
		if b >= 250 {
			w.Backlog = append(w.Backlog, deferred.Item{Arrived: start.Add(-time.Duration(b-240) * 3 * time.Hour), Count: float64(i % 7)})
		}
	}
	opts := deferred.Options{Block: time.Duration(h[4]%5) * 3 * time.Hour, NoShave: h[3]&0x80 != 0}
	return w, opts, true
}

// FuzzSolve: no panic; a plan without error keeps every avoidable
// deadline, and Evaluate agrees with the figures Solve reports.
func FuzzSolve(f *testing.F) {
	f.Add([]byte{4, 1, 0x3e, 9, 8, 9, 10, 0, 0, 4, 4, 4})
	f.Add([]byte{40, 3, 0x7f, 0, 23, 0x80, 31, 31, 31, 0, 0, 0, 31, 31})
	f.Add([]byte{0, 0, 0x01, 22, 1, 23, 5, 251, 255, 3})
	f.Add([]byte{200, 11, 0x41, 12, 200, 0x85, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Fuzz(func(t *testing.T, data []byte) {
		w, opts, ok := workloadFrom(data)
		if !ok {
			return
		}
		st, err := deferred.Solve(w, opts)
		if err != nil {
			if errors.Is(err, deferred.ErrInvalidInput) {
				return
			}
			if !errors.Is(err, deferred.ErrInfeasible) || st.Unservable == 0 {
				t.Fatalf("unexpected error %v", err)
			}
		}
		if st.Late > st.OverdueAtStart+st.Unservable+1e-6*(1+st.Items) {
			t.Fatalf("%v late, %v exempt", st.Late, st.OverdueAtStart+st.Unservable)
		}
		ev, err := deferred.Evaluate(w, st.Agents)
		if err != nil || math.Abs(ev.Late-st.Late) > 1e-9 || math.Abs(ev.AgentHours-st.AgentHours) > 1e-9 {
			t.Fatalf("Evaluate: %v, late %v vs %v", err, ev.Late, st.Late)
		}
		for i, a := range st.Agents {
			if math.IsNaN(a) || a < 0 || math.IsInf(a, 0) {
				t.Fatalf("agents[%d] = %v", i, a)
			}
		}
	})
}

func FuzzParseWindows(f *testing.F) {
	for _, s := range []string{"08:00-20:00", "08:00-12:00,13:00-17:30", "closed", "00:00-24:00", "9-5", "24:00-24:00", "07:00-06:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws, err := deferred.ParseWindows(s)
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.From < 0 || w.To > 24*time.Hour || w.From >= w.To {
				t.Fatalf("%q gave window %v", s, w)
			}
		}
	})
}
