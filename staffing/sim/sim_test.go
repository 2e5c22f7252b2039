package sim_test

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// seTolerance is how many standard errors a simulated figure may sit from
// its analytic value: for a correct simulator each comparison fails with
// probability about 6e-5 (normal tails), and the seeds are fixed.
const seTolerance = 4

// stationary returns a config with the same load and staffing in every
// interval: one warm-up interval, then intervals 30-minute intervals.
func stationary(calls float64, agents, intervals int, aht, patience float64, reps int) sim.Config {
	cfg := sim.Config{
		IntervalSeconds: 1800, AHTSeconds: aht, PatienceSeconds: patience,
		AnswerSeconds: 20, WarmupIntervals: 1, Seed: 7, Replications: reps,
	}
	for i := 0; i <= intervals; i++ {
		cfg.Arrivals = append(cfg.Arrivals, calls)
		cfg.Agents = append(cfg.Agents, agents)
	}
	return cfg
}

// agree checks |sim - analytic| <= seTolerance standard errors, and that the
// standard error is small enough for the check to mean something.
func agree(t *testing.T, what string, simulated, se, analytic, maxSE float64) {
	t.Helper()
	if se <= 0 || se > maxSE {
		t.Errorf("%s: standard error %g outside (0, %g]: the comparison would be meaningless", what, se, maxSE)
	}
	if d := math.Abs(simulated - analytic); d > seTolerance*se {
		t.Errorf("%s: simulated %.5f ± %.5f, analytic %.5f: %.1f standard errors apart", what, simulated, se, analytic, d/se)
	} else {
		t.Logf("%s: simulated %.5f ± %.5f, analytic %.5f (%.1f SE)", what, simulated, se, analytic, d/se)
	}
}

func TestStationaryAgreesWithErlangC(t *testing.T) {
	for _, tc := range []struct {
		calls  float64
		agents int
		aht    float64
	}{
		{100, 14, 180}, // the Erlang C reference queue: A = 10
		{100, 12, 180}, // heavy load, SL 0.64
		{180, 29, 240}, // 360 calls/h at 240 s, A = 24: 29 agents for 80/20
	} {
		q := erlang.Queue{TrafficErlangs: erlang.Traffic(tc.calls, 1800, tc.aht), AHTSeconds: tc.aht}
		if float64(tc.agents) <= q.TrafficErlangs {
			tc.agents = int(q.TrafficErlangs) + 5
		}
		want, err := erlang.Evaluate(q, tc.agents, 20)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(stationary(tc.calls, tc.agents, 48, tc.aht, 0, 64))
		if err != nil {
			t.Fatal(err)
		}
		o := res.Overall
		t.Logf("A=%.1f N=%d: %d calls", q.TrafficErlangs, tc.agents, o.Offered)
		agree(t, "service level", o.ServiceLevel, o.ServiceLevelSE, want.ServiceLevel, 0.01)
		agree(t, "P(wait)", o.PWait, o.PWaitSE, want.PWait, 0.01)
		agree(t, "ASA", o.ASASeconds, o.ASASecondsSE, want.ASASeconds, 0.1*want.ASASeconds+0.5)
		agree(t, "occupancy", o.Occupancy, o.OccupancySE, want.Occupancy, 0.01)
		if o.Abandoned != 0 || o.Unanswered != 0 {
			t.Errorf("no patience: %d abandoned, %d unanswered", o.Abandoned, o.Unanswered)
		}
	}
}

func TestStationaryAgreesWithErlangA(t *testing.T) {
	for _, tc := range []struct {
		calls            float64
		agents           int
		aht, patienceSec float64
	}{
		{100, 14, 180, 300}, // the Erlang A reference: 5 min patience, 14 agents
		{100, 10, 180, 300}, // N = A: only abandonment keeps the queue finite
		{300, 20, 300, 120}, // overloaded: A = 50 on 20 agents, impatient callers
		{100, 13, 180, 60},
	} {
		q := erlang.Queue{TrafficErlangs: erlang.Traffic(tc.calls, 1800, tc.aht), AHTSeconds: tc.aht, PatienceSeconds: tc.patienceSec}
		want, err := erlang.Evaluate(q, tc.agents, 20)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(stationary(tc.calls, tc.agents, 48, tc.aht, tc.patienceSec, 64))
		if err != nil {
			t.Fatal(err)
		}
		o := res.Overall
		t.Logf("A=%.1f N=%d patience %v s: %d calls", q.TrafficErlangs, tc.agents, tc.patienceSec, o.Offered)
		agree(t, "service level", o.ServiceLevel, o.ServiceLevelSE, want.ServiceLevel, 0.01)
		agree(t, "P(wait)", o.PWait, o.PWaitSE, want.PWait, 0.01)
		agree(t, "P(abandon)", o.AbandonRate, o.AbandonRateSE, want.PAbandon, 0.01)
		agree(t, "ASA", o.ASASeconds, o.ASASecondsSE, want.ASASeconds, 0.1*want.ASASeconds+0.5)
		agree(t, "mean wait answered", o.MeanWaitAnsweredSeconds, o.MeanWaitAnsweredSecondsSE, want.MeanWaitAnsweredSeconds, 0.1*want.MeanWaitAnsweredSeconds+0.5)
		agree(t, "occupancy", o.Occupancy, o.OccupancySE, want.Occupancy, 0.01)
	}
}

// TestLognormalHandleTimes: with lognormal handle times of CV 1 the mean
// load is the same, so occupancy still equals A/N; the waits differ from
// Erlang C (not tested), but the offered load must not.
func TestLognormalHandleTimes(t *testing.T) {
	cfg := stationary(100, 14, 48, 180, 0, 16)
	cfg.Handle, cfg.HandleCV = sim.Lognormal, 1.5
	res, err := sim.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	agree(t, "occupancy (lognormal, CV 1.5)", res.Overall.Occupancy, res.Overall.OccupancySE, 10.0/14, 0.01)
	cfg.HandleCV = 0 // constant handle times: M/D/N waits less than M/M/N
	det, _ := sim.Run(cfg)
	exp, _ := sim.Run(stationary(100, 14, 48, 180, 0, 16))
	if !(det.Overall.ASASeconds < exp.Overall.ASASeconds && exp.Overall.ASASeconds < res.Overall.ASASeconds) {
		t.Errorf("ASA should grow with handle-time spread: CV 0 %.2f s, CV 1 %.2f s, CV 1.5 %.2f s",
			det.Overall.ASASeconds, exp.Overall.ASASeconds, res.Overall.ASASeconds)
	}
}

func TestZeroAgents(t *testing.T) {
	cfg := stationary(100, 0, 4, 180, 300, 20)
	res, err := sim.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	o := res.Overall
	if o.Offered == 0 || o.Abandoned != o.Offered || o.Answered != 0 || o.ServiceLevel != 0 || o.PWait != 1 || o.AbandonRate != 1 || o.Occupancy != 0 {
		t.Errorf("zero agents with patience: every call should wait and abandon: %+v", o)
	}
	// Mean wait of abandoners = mean patience (no one is answered).
	agree(t, "wait until abandoning", o.ASASeconds, o.ASASecondsSE, 300, 30)

	cfg.PatienceSeconds = 0
	res, err = sim.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	o = res.Overall
	if o.Offered == 0 || o.Unanswered != o.Offered || o.ServiceLevel != 0 || o.PWait != 1 {
		t.Errorf("zero agents, infinite patience: every call should stay unanswered: %+v", o)
	}
}

// TestAgentsLeaveAfterTheirCall: 5 agents in the first interval, none in
// the second. Calls in service at the boundary are finished (their agents
// stay logged in until then); queued calls are never answered afterwards.
func TestAgentsLeaveAfterTheirCall(t *testing.T) {
	cfg := sim.Config{
		IntervalSeconds: 900, Arrivals: []float64{60, 0}, Agents: []int{5, 0},
		AHTSeconds: 600, AnswerSeconds: 20, Seed: 3, Replications: 4,
	}
	res, err := sim.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	first, second := res.Intervals[0], res.Intervals[1]
	if second.Offered != 0 || second.Occupancy != 1 {
		t.Errorf("second interval: offered %d, occupancy %v; want 0 and 1 (only agents finishing calls are logged in)", second.Offered, second.Occupancy)
	}
	// Each agent answers at most a handful of calls in 900 s at 600 s AHT;
	// every answered call completes, the rest stay queued forever.
	if first.Answered < 5 || first.Answered > 5*12 || first.Answered+first.Unanswered != first.Offered {
		t.Errorf("first interval: %+v", first)
	}
	if first.Occupancy <= 0 || first.Occupancy > 1 {
		t.Errorf("occupancy %v outside (0, 1]", first.Occupancy)
	}
	// Raising the staffing in the second interval answers the queue.
	cfg.Agents = []int{5, 50}
	res, _ = sim.Run(cfg)
	if res.Overall.Unanswered != 0 {
		t.Errorf("with 50 agents in the second interval %d calls stay unanswered", res.Overall.Unanswered)
	}
}

func TestDeterministicForASeed(t *testing.T) {
	cfg := stationary(100, 13, 6, 180, 120, 5)
	a, _ := sim.Run(cfg)
	b, _ := sim.Run(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs with the same seed differ")
	}
	cfg.Seed++
	c, _ := sim.Run(cfg)
	if reflect.DeepEqual(a, c) {
		t.Error("runs with different seeds are identical")
	}
}

// TestNonStationaryArrivals: the expected number of offered calls per
// interval follows the profile (Poisson counts: SE √(mean × reps)).
func TestNonStationaryArrivals(t *testing.T) {
	profile := []float64{0, 5, 40, 200, 80, 0, 10}
	cfg := sim.Config{IntervalSeconds: 900, Arrivals: profile, Agents: []int{1, 2, 8, 40, 20, 5, 3},
		AHTSeconds: 150, AnswerSeconds: 30, PatienceSeconds: 200, Seed: 11, Replications: 50}
	res, err := sim.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range profile {
		got := float64(res.Intervals[i].Offered)
		want := m * 50
		if math.Abs(got-want) > seTolerance*math.Sqrt(want)+1e-9 {
			t.Errorf("interval %d: %v calls offered over 50 replications, want %v ± %.0f", i, got, want, seTolerance*math.Sqrt(want))
		}
		f := res.Intervals[i]
		if f.Answered+f.Abandoned+f.Unanswered != f.Offered || f.Occupancy > 1 || f.ServiceLevel > 1 {
			t.Errorf("interval %d: inconsistent figures %+v", i, f)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	valid := func() sim.Config {
		return sim.Config{IntervalSeconds: 900, Arrivals: []float64{1, 2}, Agents: []int{1, 1}, AHTSeconds: 100, Replications: 1}
	}
	tests := []struct {
		name   string
		modify func(c *sim.Config)
		want   sim.ConfigError
	}{
		{"no interval length", func(c *sim.Config) { c.IntervalSeconds = 0 }, sim.ConfigError{Field: "IntervalSeconds", Want: "> 0"}},
		{"no intervals", func(c *sim.Config) { c.Arrivals, c.Agents = nil, nil }, sim.ConfigError{Field: "Arrivals", Want: "at least one interval"}},
		{"agents short", func(c *sim.Config) { c.Agents = []int{1} }, sim.ConfigError{Field: "Agents", Want: "one entry per interval (2), got 1"}},
		{"negative arrivals", func(c *sim.Config) { c.Arrivals[1] = -1 }, sim.ConfigError{Field: "Arrivals[1]", Want: "finite and >= 0"}},
		{"negative agents", func(c *sim.Config) { c.Agents[0] = -2 }, sim.ConfigError{Field: "Agents[0]", Want: ">= 0"}},
		{"NaN AHT", func(c *sim.Config) { c.AHTSeconds = math.NaN() }, sim.ConfigError{Field: "AHTSeconds", Want: "> 0"}},
		{"warm-up covers all", func(c *sim.Config) { c.WarmupIntervals = 2 }, sim.ConfigError{Field: "WarmupIntervals", Want: "between 0 and 1"}},
		{"no replication", func(c *sim.Config) { c.Replications = 0 }, sim.ConfigError{Field: "Replications", Want: ">= 1"}},
	}
	for _, tt := range tests {
		c := valid()
		tt.modify(&c)
		_, err := sim.Run(c)
		var ce *sim.ConfigError
		if !errors.As(err, &ce) || *ce != tt.want || !errors.Is(err, sim.ErrInvalidConfig) {
			t.Errorf("%s: error %v, want %+v", tt.name, err, tt.want)
		}
	}
}
