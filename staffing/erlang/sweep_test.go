package erlang_test

import (
	"errors"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// TestSweep: each row is Evaluate's at its agents, in order; the service
// level rises with the agents; bad ranges are input errors.
func TestSweep(t *testing.T) {
	for _, q := range []erlang.Queue{
		{TrafficErlangs: 10, AHTSeconds: 180},
		{TrafficErlangs: 10, AHTSeconds: 180, PatienceSeconds: 300},
	} {
		ms, err := erlang.Sweep(q, 8, 16, 20)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 9 {
			t.Fatalf("%d rows, want 9", len(ms))
		}
		for i, m := range ms {
			want, _ := erlang.Evaluate(q, 8+i, 20)
			if m != want {
				t.Errorf("%+v: row %d %+v, Evaluate %+v", q, i, m, want)
			}
			if i > 0 && m.ServiceLevel < ms[i-1].ServiceLevel {
				t.Errorf("%+v: service level falls from %v to %v at %d agents", q, ms[i-1].ServiceLevel, m.ServiceLevel, m.Agents)
			}
		}
	}
	q := erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180}
	for _, r := range [][2]int{{-1, 3}, {5, 4}, {0, erlang.MaxSweep}} {
		var ie *erlang.InputError
		if _, err := erlang.Sweep(q, r[0], r[1], 20); !errors.As(err, &ie) {
			t.Errorf("%d..%d: %v, want an input error", r[0], r[1], err)
		}
	}
	if _, err := erlang.Sweep(erlang.Queue{TrafficErlangs: -1, AHTSeconds: 180}, 1, 2, 20); !errors.Is(err, erlang.ErrInvalidInput) {
		t.Errorf("an invalid queue: %v", err)
	}
}
