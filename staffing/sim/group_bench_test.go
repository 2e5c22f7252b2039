package sim_test

import (
	"math"
	"testing"

	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// blendedMonth returns 17 days of 96 15-minute intervals for a group
// serving phone, chat (concurrency 2), messaging (concurrency 3), email
// (due 24 h after its interval) and social (due 2 h after), about 100,000
// contacts in all: the dayConfig profile, weekends at 60%, every channel
// with its share. Staffing per interval: Erlang C for the pooled live
// traffic at 80/20, plus the deferred work at 85% occupancy, rounded up.
func blendedMonth(tb testing.TB) sim.GroupConfig {
	const (
		days, perDay, L = 17, 96, 900.0
		totalContacts   = 100_000
	)
	channels := []struct {
		name     string
		live     bool
		share    float64
		aht      float64 // effective: divided by the concurrency
		dueAfter float64
	}{
		{"phone", true, 0.45, 300, 0},
		{"chat", true, 0.20, 600.0 / 2, 0},
		{"messaging", true, 0.10, 900.0 / 3, 0},
		{"email", false, 0.20, 360, 24 * 3600},
		{"social", false, 0.05, 240, 2 * 3600},
	}
	weights := make([]float64, 0, days*perDay)
	sum := 0.0
	for d := range days {
		day := 1.0
		if d%7 >= 5 {
			day = 0.6
		}
		for i := range perDay {
			h := float64(i) / 4
			w := day * (0.05 + math.Exp(-(h-10)*(h-10)/4) + 0.8*math.Exp(-(h-15)*(h-15)/6))
			weights = append(weights, w)
			sum += w
		}
	}
	cfg := sim.GroupConfig{IntervalSeconds: L, MinIdleForDeferred: 1, Seed: 1, Replications: 4}
	for _, c := range channels {
		load := sim.ChannelLoad{Name: c.name, Live: c.live, AHTSeconds: []float64{c.aht}}
		if c.live {
			load.AnswerSeconds = 20
			if c.name == "phone" {
				load.PatienceSeconds = 300
			}
		}
		for i, w := range weights {
			load.Arrivals = append(load.Arrivals, totalContacts*c.share*w/sum)
			if !c.live {
				load.DueSeconds = append(load.DueSeconds, float64(i+1)*L+c.dueAfter)
			}
		}
		cfg.Channels = append(cfg.Channels, load)
	}
	for i := range weights {
		var liveWork, liveCalls, deferredWork float64 // seconds of work, contacts
		for k, c := range channels {
			a := cfg.Channels[k].Arrivals[i]
			if c.live {
				liveWork += a * c.aht
				liveCalls += a
			} else {
				deferredWork += a * c.aht
			}
		}
		agents := int(math.Ceil(deferredWork / L / 0.85))
		if liveCalls > 0 {
			q := erlang.Queue{TrafficErlangs: liveWork / L, AHTSeconds: liveWork / liveCalls}
			r, err := erlang.Required(q, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, 0)
			if err != nil {
				tb.Fatal(err)
			}
			agents += r.Agents
		}
		cfg.Agents = append(cfg.Agents, agents)
	}
	return cfg
}

// BenchmarkGroup: RunGroup on blendedMonth, 4 replications of about
// 100,000 contacts each, in parallel on GOMAXPROCS CPUs.
func BenchmarkGroup(b *testing.B) {
	cfg := blendedMonth(b)
	var res sim.GroupResult
	for b.Loop() {
		var err error
		if res, err = sim.RunGroup(cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Contacts)/float64(res.Replications), "contacts/rep")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(res.Contacts), "ns/contact")
}

// TestBlendedMonth checks the benchmark's instance is what it claims:
// about 100,000 contacts a replication, every channel served, and its
// staffing rule meeting the targets.
func TestBlendedMonth(t *testing.T) {
	cfg := blendedMonth(t)
	cfg.Replications = 1
	res := runGroup(t, cfg)
	if per := float64(res.Contacts); per < 95_000 || per > 105_000 {
		t.Errorf("%v contacts, want about 100,000", per)
	}
	for _, c := range res.Channels {
		if c.Live {
			t.Logf("%-9s %6d offered, SL %.3f, ASA %.1f s, abandoned %.3f", c.Name, c.Offered, c.ServiceLevel, c.ASASeconds, c.AbandonRate)
			if c.ServiceLevel < 0.8 {
				t.Errorf("%s: service level %.3f below the 80%% the staffing was computed for", c.Name, c.ServiceLevel)
			}
		} else {
			t.Logf("%-9s %6d arrived, on time %.4f, mean wait %.0f s, max %.0f s, end backlog %d", c.Name, c.Arrived, c.OnTimeShare, c.MeanWaitSeconds, c.MaxWaitSeconds, c.EndBacklog)
			if c.OnTimeShare < 0.99 {
				t.Errorf("%s: on time %.4f", c.Name, c.OnTimeShare)
			}
		}
	}
}
