package erlang_test

import (
	"errors"
	"math"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// The reference values are those on which pyworkforce's tests
// (github.com/rodrigo-arenas/pyworkforce), the R package ErlangC (CRAN) and
// an exact recomputation agree. Each is checked to half a unit of the last
// digit given below.

// halfUnit returns the tolerance of a value printed with the given number
// of decimals.
func halfUnit(decimals int) float64 { return 0.5 * math.Pow(10, -float64(decimals)) }

func checkClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol || math.IsNaN(got) {
		t.Errorf("%s = %.10g, want %.10g ± %g", what, got, want, tol)
	}
}

// 100 calls / 30 min, AHT 180 s, target 20 s: A = 10.
var callsPer30 = erlang.Queue{TrafficErlangs: erlang.Traffic(100, 1800, 180), AHTSeconds: 180}

func TestErlangCReferenceTable(t *testing.T) {
	tests := []struct {
		n                         int
		pWait, sl, asa, occupancy float64
		asaDecimals               int
	}{
		{11, 0.6821182, 0.3896138, 122.78, 0.9091, 2},
		{12, 0.4493882, 0.6401580, 40.44, 0.8333, 2},
		{13, 0.2852705, 0.7955948, 17.12, 0.7692, 2},
		{14, 0.1741319, 0.8883500, 7.836, 0.7143, 3},
		{15, 0.1020424, 0.9414528, 3.67, 0.6667, 2},
	}
	if callsPer30.TrafficErlangs != 10 {
		t.Fatalf("traffic = %v, want 10", callsPer30.TrafficErlangs)
	}
	for _, tt := range tests {
		m, err := erlang.Evaluate(callsPer30, tt.n, 20)
		if err != nil {
			t.Fatal(err)
		}
		checkClose(t, "P(wait)", m.PWait, tt.pWait, halfUnit(7))
		checkClose(t, "ErlangC", erlang.ErlangC(tt.n, 10), tt.pWait, halfUnit(7))
		checkClose(t, "SL(20 s)", m.ServiceLevel, tt.sl, halfUnit(7))
		checkClose(t, "ServiceLevelC", erlang.ServiceLevelC(tt.n, 10, 180, 20), tt.sl, halfUnit(7))
		checkClose(t, "ASA", m.ASASeconds, tt.asa, halfUnit(tt.asaDecimals))
		checkClose(t, "occupancy", m.Occupancy, tt.occupancy, halfUnit(4))
		if m.Unstable || m.PAbandon != 0 {
			t.Errorf("N=%d: Unstable %v, PAbandon %v; want false, 0", tt.n, m.Unstable, m.PAbandon)
		}
	}
}

func TestRequiredReference(t *testing.T) {
	sl8020 := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}
	tests := []struct {
		name      string
		q         erlang.Queue
		targets   erlang.Targets
		shrinkage float64
		agents    int
		scheduled int
		binding   erlang.Target
	}{
		{"A=10 80/20", callsPer30, sl8020, 0.3, 14, 20, erlang.TargetServiceLevel},
		{"A=10 80/20 occupancy<=0.70", callsPer30, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.70}, 0.3, 15, 22, erlang.TargetOccupancy},
		{"50 calls/15 min", erlang.Queue{TrafficErlangs: erlang.Traffic(50, 900, 180), AHTSeconds: 180}, sl8020, 0.3, 14, 20, erlang.TargetServiceLevel},
		{"360/h AHT 240 s", erlang.Queue{TrafficErlangs: erlang.Traffic(360, 3600, 240), AHTSeconds: 240}, sl8020, 0, 29, 29, erlang.TargetServiceLevel},
		{"Erlang A patience 5 min", erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180, PatienceSeconds: 300},
			erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.85, MaxAbandon: 0.05}, 0.3, 13, 19, erlang.TargetServiceLevel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := erlang.Required(tt.q, tt.targets, tt.shrinkage)
			if err != nil {
				t.Fatal(err)
			}
			if r.Agents != tt.agents || r.Scheduled != tt.scheduled || r.Binding != tt.binding {
				t.Errorf("Required = %d agents, %d scheduled, binding %q; want %d, %d, %q",
					r.Agents, r.Scheduled, r.Binding, tt.agents, tt.scheduled, tt.binding)
			}
			if r.Fractional <= float64(r.Agents-1) || r.Fractional > float64(r.Agents) {
				t.Errorf("Fractional = %v, want in (%d, %d]", r.Fractional, r.Agents-1, r.Agents)
			}
		})
	}
	// 360 calls/hour at 240 s: A = 24, SL 0.8403, ASA 11.63 s at 29 agents.
	r, err := erlang.Required(erlang.Queue{TrafficErlangs: 24, AHTSeconds: 240}, sl8020, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "SL at 29", r.Metrics.ServiceLevel, 0.8403, halfUnit(4))
	checkClose(t, "ASA at 29", r.Metrics.ASASeconds, 11.63, halfUnit(2))
	// With a 70% occupancy cap, 15 = ceil(10/0.7) exactly.
	occ, _ := erlang.Required(callsPer30, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.70}, 0.3)
	checkClose(t, "Fractional with occupancy cap", occ.Fractional, 10/0.70, 1e-12)
}

func TestErlangAReference(t *testing.T) {
	q := erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180, PatienceSeconds: 300}
	m, err := erlang.Evaluate(q, 14, 20)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "P(wait)", m.PWait, 0.14526, halfUnit(5))
	checkClose(t, "P(abandon)", m.PAbandon, 0.013984, halfUnit(6))
	checkClose(t, "occupancy", m.Occupancy, 0.704297, halfUnit(6))
	checkClose(t, "ASA", m.ASASeconds, 4.195, halfUnit(3))
	checkClose(t, "SL(20 s)", m.ServiceLevel, 0.916792, halfUnit(6))
	// Conservation: occupancy = A (1 - P(abandon)) / N.
	checkClose(t, "occupancy by conservation", m.Occupancy, 10*(1-m.PAbandon)/14, 1e-12)
	// ASA is the mean wait of all arrivals, E[queue]/λ = P(abandon)/θ.
	checkClose(t, "ASA = P(abandon) × patience", m.ASASeconds, m.PAbandon*300, 1e-9)
	if !(m.MeanWaitAnsweredSeconds < m.ASASeconds) {
		t.Errorf("mean wait of the answered %v should be below the mean wait of all %v (abandoners wait longest)", m.MeanWaitAnsweredSeconds, m.ASASeconds)
	}
}

func TestErlangBReference(t *testing.T) {
	checkClose(t, "B(16, 10)", erlang.ErlangB(16, 10), 0.02230, halfUnit(5))
	checkClose(t, "B(17, 10)", erlang.ErlangB(17, 10), 0.01295, halfUnit(5))
	n, b, err := erlang.RequiredLines(10, 0.02)
	if err != nil || n != 17 {
		t.Fatalf("RequiredLines(10, 0.02) = %d, %v; want 17", n, err)
	}
	checkClose(t, "blocking at 17", b, 0.01295, halfUnit(5))
}

func TestPatienceToInfinityConvergesToErlangC(t *testing.T) {
	for _, tc := range []struct {
		a float64
		n int
	}{{10, 14}, {10, 11}, {24, 29}, {500, 520}} {
		c, _ := erlang.Evaluate(erlang.Queue{TrafficErlangs: tc.a, AHTSeconds: 180}, tc.n, 20)
		prevGap := math.Inf(1)
		for _, aht := range []float64{1e1, 1e2, 1e3, 1e4, 1e5, 1e6} {
			q := erlang.Queue{TrafficErlangs: tc.a, AHTSeconds: 180, PatienceSeconds: aht * 180}
			m, err := erlang.Evaluate(q, tc.n, 20)
			if err != nil {
				t.Fatal(err)
			}
			gap := math.Max(math.Abs(m.ServiceLevel-c.ServiceLevel), math.Abs(m.PWait-c.PWait))
			gap = math.Max(gap, math.Abs(m.ASASeconds-c.ASASeconds)/c.ASASeconds)
			if gap > prevGap {
				t.Errorf("A=%v N=%d patience %g AHT: gap to Erlang C %g grew from %g", tc.a, tc.n, aht, gap, prevGap)
			}
			prevGap = gap
		}
		// Patience of a million handle times: Erlang C to 1e-4 relative.
		if prevGap > 1e-4 {
			t.Errorf("A=%v N=%d: gap to Erlang C at patience 1e6 AHT = %g, want < 1e-4", tc.a, tc.n, prevGap)
		}
	}
}

func TestTrafficInvariance(t *testing.T) {
	// The same load per 15 or per 30 minutes needs the same agents.
	targets := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxASASeconds: 30}
	for _, calls := range []float64{1, 7, 50, 333, 2500, 20000} {
		for _, patience := range []float64{0, 120} {
			q15 := erlang.Queue{TrafficErlangs: erlang.Traffic(calls, 900, 240), AHTSeconds: 240, PatienceSeconds: patience}
			q30 := erlang.Queue{TrafficErlangs: erlang.Traffic(2*calls, 1800, 240), AHTSeconds: 240, PatienceSeconds: patience}
			r15, err1 := erlang.Required(q15, targets, 0.25)
			r30, err2 := erlang.Required(q30, targets, 0.25)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if r15 != r30 {
				t.Errorf("%v calls/15 min vs %v/30 min, patience %v: %+v != %+v", calls, 2*calls, patience, r15, r30)
			}
		}
	}
}

func TestScheduled(t *testing.T) {
	tests := []struct {
		agents    int
		shrinkage float64
		want      int
	}{
		{14, 0.3, 20}, {13, 0.3, 19}, {15, 0.3, 22}, {0, 0.3, 0}, {14, 0, 14}, {7, 0.3, 10}, {1, 0.5, 2}, {3, 0.5, 6}, {100, 0.35, 154},
	}
	for _, tt := range tests {
		if got := erlang.Scheduled(tt.agents, tt.shrinkage); got != tt.want {
			t.Errorf("Scheduled(%d, %v) = %d, want %d", tt.agents, tt.shrinkage, got, tt.want)
		}
	}
}

func TestEffectiveAHT(t *testing.T) {
	// Two chats at a time: each agent clears two per AHT, so a chat queue
	// staffs like a voice queue with half the handle time.
	eff, err := erlang.EffectiveAHT(360, 2)
	if err != nil || eff != 180 {
		t.Fatalf("EffectiveAHT(360, 2) = %v, %v; want 180", eff, err)
	}
	chats := 100.0 // per 30 minutes
	chat := erlang.Queue{TrafficErlangs: erlang.Traffic(chats, 1800, eff), AHTSeconds: eff}
	r, err := erlang.Required(chat, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, 0.3)
	if err != nil || r.Agents != 14 || r.Scheduled != 20 {
		t.Errorf("chat at concurrency 2 = %+v, %v; want the voice answer 14 (20)", r, err)
	}
	for _, c := range []float64{0, 0.5, 4.5, math.NaN(), math.Inf(1)} {
		_, err := erlang.EffectiveAHT(360, c)
		var ie *erlang.InputError
		if !errors.As(err, &ie) || ie.Field != "concurrency" || !errors.Is(err, erlang.ErrInvalidInput) {
			t.Errorf("EffectiveAHT(360, %v) error = %v, want an InputError on concurrency", c, err)
		}
	}
	if eff, err := erlang.EffectiveAHT(360, 4); err != nil || eff != 90 {
		t.Errorf("EffectiveAHT(360, 4) = %v, %v; want 90", eff, err)
	}
}

func TestInputErrors(t *testing.T) {
	valid := erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180}
	sl := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}
	tests := []struct {
		name      string
		q         erlang.Queue
		targets   erlang.Targets
		shrinkage float64
		want      erlang.InputError
	}{
		{"negative traffic", erlang.Queue{TrafficErlangs: -1, AHTSeconds: 180}, sl, 0, erlang.InputError{Field: "TrafficErlangs", Value: -1, Want: "between 0 and 10000"}},
		{"traffic too large", erlang.Queue{TrafficErlangs: 10001, AHTSeconds: 180}, sl, 0, erlang.InputError{Field: "TrafficErlangs", Value: 10001, Want: "between 0 and 10000"}},
		{"zero AHT", erlang.Queue{TrafficErlangs: 10}, sl, 0, erlang.InputError{Field: "AHTSeconds", Value: 0, Want: "> 0"}},
		{"negative patience", erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180, PatienceSeconds: -5}, sl, 0, erlang.InputError{Field: "PatienceSeconds", Value: -5, Want: ">= 0 (0 = infinite)"}},
		{"SL over 1", valid, erlang.Targets{ServiceLevel: 1.2, AnswerSeconds: 20}, 0, erlang.InputError{Field: "ServiceLevel", Value: 1.2, Want: "a fraction in (0, 1], or 0 for none"}},
		{"abandonment without patience", valid, erlang.Targets{MaxAbandon: 0.05}, 0, erlang.InputError{Field: "MaxAbandon", Value: 0.05, Want: "a patience (Queue.PatienceSeconds > 0): without one nobody abandons"}},
		{"no target", valid, erlang.Targets{}, 0, erlang.InputError{Field: "Targets", Value: 0, Want: "at least one target"}},
		{"shrinkage 1", valid, sl, 1, erlang.InputError{Field: "shrinkage", Value: 1, Want: "a fraction in [0, 1)"}},
	}
	for _, tt := range tests {
		_, err := erlang.Required(tt.q, tt.targets, tt.shrinkage)
		var ie *erlang.InputError
		if !errors.As(err, &ie) || *ie != tt.want || !errors.Is(err, erlang.ErrInvalidInput) {
			t.Errorf("%s: error %v, want %+v", tt.name, err, tt.want)
		}
	}
	// Targets no staffing can meet.
	for _, q := range []erlang.Queue{{TrafficErlangs: 9000, AHTSeconds: 180}, {TrafficErlangs: 9000, AHTSeconds: 180, PatienceSeconds: 60}} {
		_, err := erlang.Required(q, erlang.Targets{MaxOccupancy: 0.4}, 0)
		if !errors.Is(err, erlang.ErrInfeasible) {
			t.Errorf("%+v, occupancy <= 0.4 (22,500 agents): error %v, want ErrInfeasible", q, err)
		}
	}
	if _, err := erlang.Evaluate(valid, -1, 20); !errors.Is(err, erlang.ErrInvalidInput) {
		t.Errorf("Evaluate with -1 agents: error %v, want ErrInvalidInput", err)
	}
}
