package sim_test

import (
	"errors"
	"math"
	"reflect"
	"runtime"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/sim"
)

// Reference values on which pyworkforce's tests
// (github.com/rodrigo-arenas/pyworkforce), the R package ErlangC (CRAN) and
// an exact recomputation agree: 100 calls / 30 min, AHT 180 s (A = 10
// Erlangs), N = 14, T = 20 s.
const (
	refSL14        = 0.8883500
	refASA14       = 7.836
	refPWait14     = 0.1741319
	refOccupancy14 = 10.0 / 14
)

// occupancyTolerance bounds the distance of a mean occupancy over many
// intervals from A/N: per-interval occupancy has a standard deviation of
// about 0.05 over 30 minutes, and tests average hundreds of intervals.
const occupancyTolerance = 0.01

// groupOf is cfg as a group with one live channel.
func groupOf(cfg sim.Config) sim.GroupConfig {
	return sim.GroupConfig{
		IntervalSeconds: cfg.IntervalSeconds,
		Agents:          cfg.Agents,
		Channels: []sim.ChannelLoad{{
			Name: "phone", Live: true, Arrivals: cfg.Arrivals, AHTSeconds: []float64{cfg.AHTSeconds},
			PatienceSeconds: cfg.PatienceSeconds, AnswerSeconds: cfg.AnswerSeconds,
		}},
		Handle: cfg.Handle, HandleCV: cfg.HandleCV, WarmupIntervals: cfg.WarmupIntervals,
		Seed: cfg.Seed, Replications: cfg.Replications,
	}
}

func runGroup(t *testing.T, cfg sim.GroupConfig) sim.GroupResult {
	t.Helper()
	res, err := sim.RunGroup(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Channels {
		if c.Offered != c.Answered+c.Abandoned+c.Unanswered {
			t.Errorf("%s: offered %d != answered %d + abandoned %d + unanswered %d", c.Name, c.Offered, c.Answered, c.Abandoned, c.Unanswered)
		}
		if c.Arrived != c.Handled+c.EndBacklog || c.Arrived != c.OnTime+c.Late {
			t.Errorf("%s: arrived %d, handled %d, end backlog %d, on time %d, late %d do not add up", c.Name, c.Arrived, c.Handled, c.EndBacklog, c.OnTime, c.Late)
		}
	}
	for i, o := range res.Occupancy {
		if !(o >= 0 && o <= 1) {
			t.Errorf("occupancy %v in interval %d outside [0, 1]", o, i)
		}
	}
	return res
}

// meanOccupancy averages res.Occupancy from interval from on.
func meanOccupancy(res sim.GroupResult, from int) float64 {
	sum := 0.0
	for _, o := range res.Occupancy[from:] {
		sum += o
	}
	return sum / float64(len(res.Occupancy)-from)
}

// TestGroupOneLiveChannelIsRun: a group with one live channel is Run's
// queue, and draws its random numbers in the same order, so for the same
// seed every figure is identical, bit for bit.
func TestGroupOneLiveChannelIsRun(t *testing.T) {
	profile := sim.Config{IntervalSeconds: 900, Arrivals: []float64{0, 5, 40, 200, 80, 0, 10}, Agents: []int{1, 2, 8, 40, 20, 5, 0},
		AHTSeconds: 150, AnswerSeconds: 30, PatienceSeconds: 200, WarmupIntervals: 1, Seed: 11, Replications: 6}
	lognormal := stationary(100, 13, 6, 180, 0, 5)
	lognormal.Handle, lognormal.HandleCV = sim.Lognormal, 1.5
	for name, cfg := range map[string]sim.Config{
		"stationary, Erlang C":              stationary(100, 14, 8, 180, 0, 8),
		"stationary, Erlang A":              stationary(100, 12, 8, 180, 300, 8),
		"profile, impatient, no last shift": profile,
		"lognormal handle times":            lognormal,
	} {
		want, err := sim.Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		got := runGroup(t, groupOf(cfg))
		w, g := want.Overall, got.Channels[0]
		same := g.Offered == w.Offered && g.Answered == w.Answered && g.AnsweredInTime == w.AnsweredInTime &&
			g.Abandoned == w.Abandoned && g.Unanswered == w.Unanswered &&
			g.ServiceLevel == w.ServiceLevel && g.ServiceLevelSE == w.ServiceLevelSE &&
			g.ASASeconds == w.ASASeconds && g.ASASecondsSE == w.ASASecondsSE &&
			g.MeanWaitAnsweredSeconds == w.MeanWaitAnsweredSeconds && g.PWait == w.PWait && g.AbandonRate == w.AbandonRate
		if !same {
			t.Errorf("%s: RunGroup %+v\nRun %+v", name, g, w)
		}
		for i, f := range want.Intervals {
			p := got.PerInterval[0][i]
			if got.Occupancy[i] != f.Occupancy || p.Offered*float64(cfg.Replications) != float64(f.Offered) || p.ServiceLevel != f.ServiceLevel {
				t.Errorf("%s, interval %d: occupancy %v, offered %v, SL %v; Run: %v, %v, %v", name, i,
					got.Occupancy[i], p.Offered*float64(cfg.Replications), p.ServiceLevel, f.Occupancy, f.Offered, f.ServiceLevel)
			}
		}
		if got.Contacts != want.Calls {
			t.Errorf("%s: %d contacts, Run %d calls", name, got.Contacts, want.Calls)
		}
	}
}

// TestGroupOneLiveChannelAgreesWithRun: with independent seeds the two
// simulators agree within sampling error (the difference of two estimates
// with standard errors s1, s2 has standard error √(s1² + s2²)).
func TestGroupOneLiveChannelAgreesWithRun(t *testing.T) {
	cfg := stationary(100, 13, 24, 180, 120, 32)
	run, err := sim.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g := groupOf(cfg)
	g.Seed = cfg.Seed + 1000
	c := runGroup(t, g).Channels[0]
	o := run.Overall
	for _, f := range []struct {
		what                   string
		group, groupSE, r, rSE float64
	}{
		{"service level", c.ServiceLevel, c.ServiceLevelSE, o.ServiceLevel, o.ServiceLevelSE},
		{"ASA", c.ASASeconds, c.ASASecondsSE, o.ASASeconds, o.ASASecondsSE},
		{"P(wait)", c.PWait, c.PWaitSE, o.PWait, o.PWaitSE},
		{"abandon rate", c.AbandonRate, c.AbandonRateSE, o.AbandonRate, o.AbandonRateSE},
	} {
		agree(t, f.what+" (RunGroup vs Run)", f.group, math.Hypot(f.groupSE, f.rSE), f.r, 0.1*f.r+0.5)
	}
}

// TestGroupOneLiveChannelAgreesWithErlangC: a long stationary run of the
// reference queue agrees with its Erlang C figures.
func TestGroupOneLiveChannelAgreesWithErlangC(t *testing.T) {
	res := runGroup(t, groupOf(stationary(100, 14, 48, 180, 0, 64)))
	c := res.Channels[0]
	t.Logf("%d calls", c.Offered)
	agree(t, "service level", c.ServiceLevel, c.ServiceLevelSE, refSL14, 0.01)
	agree(t, "ASA", c.ASASeconds, c.ASASecondsSE, refASA14, 1)
	agree(t, "P(wait)", c.PWait, c.PWaitSE, refPWait14, 0.01)
	if occ := meanOccupancy(res, 1); math.Abs(occ-refOccupancy14) > occupancyTolerance {
		t.Errorf("mean occupancy %.4f, Erlang C %.4f ± %v", occ, refOccupancy14, occupancyTolerance)
	}
}

// TestGroupPooledLiveChannels: two live channels with the same AHT share
// one FIFO queue, which is the Erlang C queue of their summed traffic (60 +
// 40 calls / 30 min = the reference queue): each channel sees its
// service level and ASA.
func TestGroupPooledLiveChannels(t *testing.T) {
	cfg := groupOf(stationary(100, 14, 48, 180, 0, 64))
	phone := cfg.Channels[0]
	cfg.Channels = []sim.ChannelLoad{phone, phone}
	cfg.Channels[0].Name, cfg.Channels[0].Arrivals = "phone", scaled(phone.Arrivals, 0.6)
	cfg.Channels[1].Name, cfg.Channels[1].Arrivals = "chat", scaled(phone.Arrivals, 0.4)
	res := runGroup(t, cfg)
	for _, c := range res.Channels {
		agree(t, c.Name+" service level", c.ServiceLevel, c.ServiceLevelSE, refSL14, 0.01)
		agree(t, c.Name+" ASA", c.ASASeconds, c.ASASecondsSE, refASA14, 1.5)
	}
	if occ := meanOccupancy(res, 1); math.Abs(occ-refOccupancy14) > occupancyTolerance {
		t.Errorf("mean occupancy %.4f, Erlang C %.4f ± %v", occ, refOccupancy14, occupancyTolerance)
	}
}

func scaled(xs []float64, f float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * f
	}
	return out
}

func repeat[T any](x T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = x
	}
	return out
}

// dueAfter returns, for n intervals of L seconds, the due times "end of
// the arrival interval + lag".
func dueAfter(n int, L, lag float64) []float64 {
	due := make([]float64, n)
	for i := range due {
		due[i] = float64(i+1)*L + lag
	}
	return due
}

// TestGroupDeferredAmpleCapacity: 10 emails / 15 min at 300 s on 5 agents
// (3.3 Erlangs of work) due 4 hours after their interval: every item is on
// time, and the agents are busy the load's share of the time.
func TestGroupDeferredAmpleCapacity(t *testing.T) {
	const n, L = 96, 900.0
	res := runGroup(t, sim.GroupConfig{
		IntervalSeconds: L, Agents: repeat(5, n), Seed: 5, Replications: 8,
		Channels: []sim.ChannelLoad{{Name: "email", Arrivals: repeat(10.0, n), AHTSeconds: []float64{300}, DueSeconds: dueAfter(n, L, 4*3600)}},
	})
	c := res.Channels[0]
	t.Logf("%d items, mean wait %.1f s, max %.0f s, end backlog %d", c.Arrived, c.MeanWaitSeconds, c.MaxWaitSeconds, c.EndBacklog)
	if c.Late != 0 || c.OnTimeShare != 1 || c.Arrived == 0 {
		t.Errorf("ample capacity: %d of %d items late", c.Late, c.Arrived)
	}
	if c.MaxWaitSeconds >= 4*3600 {
		t.Errorf("max wait %.0f s", c.MaxWaitSeconds)
	}
	if occ, want := meanOccupancy(res, 0), 10*300/L/5; math.Abs(occ-want) > 2*occupancyTolerance {
		t.Errorf("mean occupancy %.4f, load / agents = %.4f", occ, want)
	}
}

// TestGroupDeferredWaitForAgents: 20 items arrive in the first 15 minutes,
// nobody is on duty until minute 15, then 3 agents clear them in a few
// seconds (AHT 1 s). An item arriving at a waits 900 - a plus a short
// queue, so the mean wait is 450 s (arrivals uniform on the interval) plus
// at most queueWait, and no wait exceeds 900 s + queueWait.
func TestGroupDeferredWaitForAgents(t *testing.T) {
	const queueWait = 15.0 // 20 items of 1 s on 3 agents: a few seconds, rarely more
	cfg := sim.GroupConfig{
		IntervalSeconds: 900, Agents: []int{0, 3, 3}, Seed: 9, Replications: 200,
		Channels: []sim.ChannelLoad{{Name: "email", Arrivals: []float64{20, 0, 0}, AHTSeconds: []float64{1}, DueSeconds: []float64{1000, 1800, 2700}}},
	}
	c := runGroup(t, cfg).Channels[0]
	if c.Handled != c.Arrived || c.EndBacklog != 0 || c.OnTimeShare != 1 {
		t.Errorf("due at 1000 s: handled %d of %d, on time %.3f", c.Handled, c.Arrived, c.OnTimeShare)
	}
	if c.MeanWaitSeconds < 450-seTolerance*c.MeanWaitSecondsSE || c.MeanWaitSeconds > 450+queueWait+seTolerance*c.MeanWaitSecondsSE {
		t.Errorf("mean wait %.1f ± %.1f s, want 450 to %v s", c.MeanWaitSeconds, c.MeanWaitSecondsSE, 450+queueWait)
	}
	if c.MaxWaitSeconds < 850 || c.MaxWaitSeconds > 900+queueWait {
		t.Errorf("max wait %.1f s, want just under 900 s", c.MaxWaitSeconds)
	}

	cfg.Channels[0].DueSeconds[0] = 600 // due before anyone is on duty
	res := runGroup(t, cfg)
	if c := res.Channels[0]; c.OnTime != 0 || c.Late != c.Arrived || res.PerInterval[0][0].OnTimeShare != 0 {
		t.Errorf("due at 600 s: %d on time, %d late of %d", c.OnTime, c.Late, c.Arrived)
	}
}

// TestGroupDeferredEndBacklog: with nobody on duty every item waits to the
// end; those due after the horizon are on time, the others late.
func TestGroupDeferredEndBacklog(t *testing.T) {
	res := runGroup(t, sim.GroupConfig{
		IntervalSeconds: 900, Agents: []int{0, 0}, Seed: 1, Replications: 10,
		Channels: []sim.ChannelLoad{{Name: "email", Arrivals: []float64{5, 5}, AHTSeconds: []float64{60}, DueSeconds: []float64{1000, 1e5}}},
	})
	c, per := res.Channels[0], res.PerInterval[0]
	if c.Handled != 0 || c.EndBacklog != c.Arrived || c.MaxWaitSeconds != 0 {
		t.Errorf("no agents: handled %d, end backlog %d of %d, max wait %v", c.Handled, c.EndBacklog, c.Arrived, c.MaxWaitSeconds)
	}
	if per[0].OnTime != 0 || per[1].OnTime != per[1].Arrived || float64(c.OnTime) != per[1].Arrived*10 {
		t.Errorf("overdue items counted on time or not-yet-due ones late: %+v", per)
	}
}

// TestGroupBlended: phone at 100 calls / 30 min, AHT 180 s, staffed at its
// Erlang C requirement alone (14 for 80/20, SL 0.888), plus 7
// agents for email at 300 s due 24 hours after arrival, on three days of
// 30-minute intervals. Every email is on time in both cases below.
//   - 40 emails / 30 min (6.7 Erlangs on 7 extra agents, the whole number
//     of agents the work needs): with 1 or 2 agents kept idle for calls
//     the phone keeps at least its Erlang C service level (agents finishing
//     emails answer calls too, so it does better).
//   - 48 emails / 30 min (8 Erlangs: email also uses the phone's slack, so
//     a backlog is nearly always there): with no reserve calls wait for
//     agents busy on email and the service level drops below Erlang C by
//     more than blendTolerance; a reserve of 1 or 2 brings it back above
//     Erlang C - blendTolerance (0.880 and 0.916 with seed 3).
//
// The service level grows with the reserve in both. Simulated standard
// errors are at most 0.005, and every margin here is over 5 of them.
func TestGroupBlended(t *testing.T) {
	const (
		n, L           = 3 * 48, 1800.0
		blendTolerance = 0.03
	)
	for _, tc := range []struct {
		emails float64
		tight  bool
	}{{40, false}, {48, true}} {
		cfg := sim.GroupConfig{
			IntervalSeconds: L, Agents: repeat(14+7, n), WarmupIntervals: 1, Seed: 3, Replications: 16,
			Channels: []sim.ChannelLoad{
				{Name: "phone", Live: true, Arrivals: repeat(100.0, n), AHTSeconds: []float64{180}, AnswerSeconds: 20},
				{Name: "email", Arrivals: repeat(tc.emails, n), AHTSeconds: []float64{300}, DueSeconds: dueAfter(n, L, 24*3600-L)},
			},
		}
		var sl [3]float64
		for reserve := range sl {
			cfg.MinIdleForDeferred = reserve
			res := runGroup(t, cfg)
			phone, email := res.Channels[0], res.Channels[1]
			sl[reserve] = phone.ServiceLevel
			t.Logf("%.0f emails, reserve %d: phone SL %.4f ± %.4f, ASA %.2f s; email on time %.4f, mean wait %.0f s, max %.0f s; occupancy %.3f",
				tc.emails, reserve, phone.ServiceLevel, phone.ServiceLevelSE, phone.ASASeconds,
				email.OnTimeShare, email.MeanWaitSeconds, email.MaxWaitSeconds, meanOccupancy(res, 1))
			if email.Late != 0 {
				t.Errorf("%.0f emails, reserve %d: %d of %d emails late", tc.emails, reserve, email.Late, email.Arrived)
			}
			switch {
			case reserve > 0 && !tc.tight && phone.ServiceLevel < refSL14:
				t.Errorf("%.0f emails, reserve %d: phone service level %.4f below Erlang C %.4f", tc.emails, reserve, phone.ServiceLevel, refSL14)
			case reserve > 0 && tc.tight && phone.ServiceLevel < refSL14-blendTolerance:
				t.Errorf("%.0f emails, reserve %d: phone service level %.4f below Erlang C %.4f - %v", tc.emails, reserve, phone.ServiceLevel, refSL14, blendTolerance)
			case reserve == 0 && tc.tight && phone.ServiceLevel > refSL14-blendTolerance:
				t.Errorf("%.0f emails, no reserve: phone service level %.4f, want below Erlang C %.4f - %v", tc.emails, phone.ServiceLevel, refSL14, blendTolerance)
			}
		}
		if !(sl[0] < sl[1] && sl[1] < sl[2]) {
			t.Errorf("%.0f emails: phone service level should grow with the reserve: %v", tc.emails, sl)
		}
	}
}

func TestGroupDeterministicForASeed(t *testing.T) {
	cfg := sim.GroupConfig{
		IntervalSeconds: 900, Agents: []int{3, 5, 0, 4}, MinIdleForDeferred: 1, Seed: 77, Replications: 7,
		Handle: sim.Lognormal, HandleCV: 0.8,
		Channels: []sim.ChannelLoad{
			{Name: "phone", Live: true, Arrivals: []float64{20, 30, 10, 5}, AHTSeconds: []float64{200}, PatienceSeconds: 100, AnswerSeconds: 20},
			{Name: "email", Arrivals: []float64{10, 10, 10, 10}, AHTSeconds: []float64{100, 200, 300, 400}, DueSeconds: dueAfter(4, 900, 600)},
		},
	}
	a := runGroup(t, cfg)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := runGroup(t, cfg)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed on 1 CPU and on all CPUs gives different results")
	}
	cfg.Seed++
	if reflect.DeepEqual(a, runGroup(t, cfg)) {
		t.Error("runs with different seeds are identical")
	}
}

func TestGroupConfigErrors(t *testing.T) {
	valid := func() sim.GroupConfig {
		return sim.GroupConfig{
			IntervalSeconds: 900, Agents: []int{1, 1}, Replications: 1,
			Channels: []sim.ChannelLoad{
				{Name: "phone", Live: true, Arrivals: []float64{1, 2}, AHTSeconds: []float64{100}, AnswerSeconds: 20},
				{Name: "email", Arrivals: []float64{1, 2}, AHTSeconds: []float64{100, 200}, DueSeconds: []float64{900, 1800}},
			},
		}
	}
	tests := []struct {
		name   string
		modify func(c *sim.GroupConfig)
		want   sim.ConfigError
	}{
		{"no interval length", func(c *sim.GroupConfig) { c.IntervalSeconds = 0 }, sim.ConfigError{Field: "IntervalSeconds", Want: "> 0"}},
		{"infinite interval", func(c *sim.GroupConfig) { c.IntervalSeconds = math.Inf(1) }, sim.ConfigError{Field: "IntervalSeconds", Want: "> 0"}},
		{"no intervals", func(c *sim.GroupConfig) { c.Agents = nil }, sim.ConfigError{Field: "Agents", Want: "at least one interval"}},
		{"no channels", func(c *sim.GroupConfig) { c.Channels = nil }, sim.ConfigError{Field: "Channels", Want: "at least one channel"}},
		{"negative reserve", func(c *sim.GroupConfig) { c.MinIdleForDeferred = -1 }, sim.ConfigError{Field: "MinIdleForDeferred", Want: ">= 0"}},
		{"unknown handle law", func(c *sim.GroupConfig) { c.Handle = 7 }, sim.ConfigError{Field: "Handle", Want: "Exponential or Lognormal"}},
		{"NaN CV", func(c *sim.GroupConfig) { c.HandleCV = math.NaN() }, sim.ConfigError{Field: "HandleCV", Want: ">= 0"}},
		{"warm-up covers all", func(c *sim.GroupConfig) { c.WarmupIntervals = 2 }, sim.ConfigError{Field: "WarmupIntervals", Want: "between 0 and 1"}},
		{"no replication", func(c *sim.GroupConfig) { c.Replications = 0 }, sim.ConfigError{Field: "Replications", Want: ">= 1"}},
		{"negative agents", func(c *sim.GroupConfig) { c.Agents[1] = -1 }, sim.ConfigError{Field: "Agents[1]", Want: ">= 0"}},
		{"no name", func(c *sim.GroupConfig) { c.Channels[1].Name = "" }, sim.ConfigError{Field: "Channels[1].Name", Want: "a name"}},
		{"repeated name", func(c *sim.GroupConfig) { c.Channels[1].Name = "phone" }, sim.ConfigError{Field: "Channels[1].Name", Want: `unique ("phone" repeats)`}},
		{"arrivals short", func(c *sim.GroupConfig) { c.Channels[0].Arrivals = []float64{1} }, sim.ConfigError{Field: "Channels[0].Arrivals", Want: "one entry per interval (2), got 1"}},
		{"negative arrivals", func(c *sim.GroupConfig) { c.Channels[1].Arrivals[1] = -3 }, sim.ConfigError{Field: "Channels[1].Arrivals[1]", Want: "finite and >= 0"}},
		{"no AHT", func(c *sim.GroupConfig) { c.Channels[0].AHTSeconds = nil }, sim.ConfigError{Field: "Channels[0].AHTSeconds", Want: "one entry, or one per interval (2), got 0"}},
		{"zero AHT", func(c *sim.GroupConfig) { c.Channels[1].AHTSeconds[1] = 0 }, sim.ConfigError{Field: "Channels[1].AHTSeconds[1]", Want: "finite and > 0"}},
		{"negative patience", func(c *sim.GroupConfig) { c.Channels[0].PatienceSeconds = -1 }, sim.ConfigError{Field: "Channels[0].PatienceSeconds", Want: ">= 0 (0 = infinite)"}},
		{"infinite T", func(c *sim.GroupConfig) { c.Channels[0].AnswerSeconds = math.Inf(1) }, sim.ConfigError{Field: "Channels[0].AnswerSeconds", Want: ">= 0"}},
		{"live with due times", func(c *sim.GroupConfig) { c.Channels[0].DueSeconds = []float64{900, 1800} }, sim.ConfigError{Field: "Channels[0].DueSeconds", Want: "empty for a live channel"}},
		{"deferred with patience", func(c *sim.GroupConfig) { c.Channels[1].PatienceSeconds = 60 }, sim.ConfigError{Field: "Channels[1].PatienceSeconds", Want: "0 for a deferred channel (deferred items never abandon)"}},
		{"deferred with T", func(c *sim.GroupConfig) { c.Channels[1].AnswerSeconds = 20 }, sim.ConfigError{Field: "Channels[1].AnswerSeconds", Want: "0 for a deferred channel (it has DueSeconds)"}},
		{"deferred without due times", func(c *sim.GroupConfig) { c.Channels[1].DueSeconds = nil }, sim.ConfigError{Field: "Channels[1].DueSeconds", Want: "one entry per interval (2), got 0"}},
		{"due before its interval", func(c *sim.GroupConfig) { c.Channels[1].DueSeconds[1] = 600 }, sim.ConfigError{Field: "Channels[1].DueSeconds[1]", Want: "finite and >= 900 (the interval's start)"}},
		{"NaN due", func(c *sim.GroupConfig) { c.Channels[1].DueSeconds[0] = math.NaN() }, sim.ConfigError{Field: "Channels[1].DueSeconds[0]", Want: "finite and >= 0 (the interval's start)"}},
		{"live with opening", func(c *sim.GroupConfig) { c.Channels[0].Open = []bool{true, false} }, sim.ConfigError{Field: "Channels[0].Open", Want: "nil for a live channel (its Arrivals say when it is open)"}},
		{"opening short", func(c *sim.GroupConfig) { c.Channels[1].Open = []bool{true} }, sim.ConfigError{Field: "Channels[1].Open", Want: "nil or one entry per interval (2), got 1"}},
		{"too many contacts", func(c *sim.GroupConfig) { c.Channels[0].Arrivals[0] = 2e8 }, sim.ConfigError{Field: "Channels", Want: "at most 1e+08 expected contacts per replication, got 2e+08"}},
	}
	for _, tt := range tests {
		c := valid()
		if _, err := sim.RunGroup(c); err != nil {
			t.Fatalf("valid config: %v", err)
		}
		tt.modify(&c)
		_, err := sim.RunGroup(c)
		var ce *sim.ConfigError
		if !errors.As(err, &ce) || *ce != tt.want || !errors.Is(err, sim.ErrInvalidConfig) {
			t.Errorf("%s: error %v, want %+v", tt.name, err, tt.want)
		}
	}
}
