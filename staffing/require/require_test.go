package require_test

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

var (
	friday = time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)
	sl8020 = erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}
)

func demand(channel string, interval time.Duration, contacts []float64, aht ...float64) require.Demand {
	return require.Demand{Channel: channel, Start: friday, Interval: interval, Contacts: contacts, AHTSeconds: aht}
}

func halfUnit(decimals int) float64 { return 0.5 * math.Pow(10, -float64(decimals)) }

// The reference values on which pyworkforce's tests, the R package ErlangC
// and an exact recomputation agree, to the precision given below, through
// Compute.
func TestReferenceValues(t *testing.T) {
	tests := []struct {
		name       string
		d          require.Demand
		p          require.Policy
		agents     int
		scheduled  int
		binding    string
		sl, asa    float64
		slDecimals int
	}{
		{"100 calls / 30 min, AHT 180 s, 80/20, 30% shrinkage", demand("phone", 30*time.Minute, []float64{100}, 180),
			require.Policy{Kind: require.KindLive, Targets: sl8020, Shrinkage: 0.3}, 14, 20, "service_level", 0.8883500, 7.836, 7},
		{"with a 70% occupancy cap", demand("phone", 30*time.Minute, []float64{100}, 180),
			require.Policy{Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.7}, Shrinkage: 0.3},
			15, 22, "occupancy", 0.9414528, 3.67, 7},
		{"the same load as 50 calls / 15 min", demand("phone", 15*time.Minute, []float64{50}, 180),
			require.Policy{Kind: require.KindLive, Targets: sl8020, Shrinkage: 0.3}, 14, 20, "service_level", 0.8883500, 7.836, 7},
		{"360 calls / hour, AHT 240 s", demand("phone", time.Hour, []float64{360}, 240),
			require.Policy{Kind: require.KindLive, Targets: sl8020}, 29, 29, "service_level", 0.8403, 11.63, 4},
		{"Erlang A, patience 5 min, SL 0.8, occupancy <= 0.85, abandonment <= 5%, 30% shrinkage",
			demand("phone", 30*time.Minute, []float64{100}, 180),
			require.Policy{Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.85, MaxAbandon: 0.05},
				PatienceSeconds: 300, Shrinkage: 0.3}, 13, 19, "service_level", -1, -1, 0},
		// Chat at concurrency 2 with AHT 360 s is the voice queue above:
		// effective AHT 180 s (AHT / c, erlang.EffectiveAHT).
		{"chat 100 / 30 min, AHT 360 s, 2 at once", demand("chat", 30*time.Minute, []float64{100}, 360),
			require.Policy{Kind: require.KindChat, Targets: sl8020, Concurrency: 2, Shrinkage: 0.3}, 14, 20, "service_level", 0.8883500, 7.836, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := require.Compute(tt.d, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			iv := r.Intervals[0]
			if iv.Agents != tt.agents || iv.Scheduled != tt.scheduled || iv.Binding != tt.binding {
				t.Errorf("agents %d scheduled %d binding %s; want %d %d %s", iv.Agents, iv.Scheduled, iv.Binding, tt.agents, tt.scheduled, tt.binding)
			}
			if tt.sl >= 0 && (math.Abs(iv.ServiceLevel-tt.sl) > halfUnit(tt.slDecimals) || math.Abs(iv.ASASeconds-tt.asa) > 0.01) {
				t.Errorf("SL %v ASA %v; want %v %v", iv.ServiceLevel, iv.ASASeconds, tt.sl, tt.asa)
			}
			if iv.AgentsFractional > float64(iv.Agents) || iv.AgentsFractional < float64(iv.Agents-1) {
				t.Errorf("fractional %v outside [%d, %d]", iv.AgentsFractional, iv.Agents-1, iv.Agents)
			}
			if math.Abs(iv.TrafficErlangs-10) > 1e-12 && tt.agents != 29 {
				t.Errorf("traffic %v, want 10", iv.TrafficErlangs)
			}
		})
	}
}

// The Erlang A reference case (5 min patience) evaluated at 14 agents (a
// MinAgents floor): P(abandon) 0.013984, occupancy 0.704297, ASA 4.195 s,
// SL 0.916792.
func TestMinAgentsEvaluatesErlangA(t *testing.T) {
	p := require.Policy{Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, PatienceSeconds: 300, MinAgents: 14}
	r, err := require.Compute(demand("phone", 30*time.Minute, []float64{100, 0}, 180), p)
	if err != nil {
		t.Fatal(err)
	}
	iv := r.Intervals[0]
	if iv.Agents != 14 || iv.Binding != "min_agents" || math.Abs(iv.PAbandon-0.013984) > halfUnit(6) ||
		math.Abs(iv.Occupancy-0.704297) > halfUnit(6) || math.Abs(iv.ASASeconds-4.195) > halfUnit(3) || math.Abs(iv.ServiceLevel-0.916792) > halfUnit(6) {
		t.Errorf("got %+v", iv)
	}
	if z := r.Intervals[1]; z.Agents != 14 || z.Binding != "min_agents" || z.ServiceLevel != 1 {
		t.Errorf("zero-contact interval with MinAgents: %+v", z)
	}
}

// Zero contacts need no agent, except MinAgents within opening hours.
func TestZeroContactsAndOpeningHours(t *testing.T) {
	hours, err := deferred.ParseOpeningHours("mon-fri 09:00-10:00")
	if err != nil {
		t.Fatal(err)
	}
	d := demand("phone", 30*time.Minute, []float64{0, 0, 0, 100}, 180) // 09:00, 09:30, 10:00, 10:30
	for _, tt := range []struct {
		p    require.Policy
		want []int
	}{
		{require.Policy{Kind: require.KindLive, Targets: sl8020}, []int{0, 0, 0, 14}},
		{require.Policy{Kind: require.KindLive, Targets: sl8020, MinAgents: 2}, []int{2, 2, 2, 14}},
		{require.Policy{Kind: require.KindLive, Targets: sl8020, MinAgents: 2, Hours: hours}, []int{2, 2, 0, 14}},
		{require.Policy{Kind: require.KindLive, Targets: sl8020, MinAgents: 20, Hours: hours}, []int{20, 20, 0, 14}},
	} {
		r, err := require.Compute(d, tt.p)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range tt.want {
			if r.Intervals[i].Agents != w {
				t.Errorf("MinAgents %d, hours %v: interval %d has %d agents, want %d", tt.p.MinAgents, !tt.p.Hours.IsZero(), i, r.Intervals[i].Agents, w)
			}
		}
	}
}

// Chat: concurrency c divides the handle time, so c = 2 at AHT 360 s is
// AHT 180 s at c = 1, and more concurrency never needs more agents.
func TestChatConcurrency(t *testing.T) {
	prev := math.MaxInt
	for _, c := range []float64{1, 1.5, 2, 3, 4} {
		r, err := require.Compute(demand("chat", 30*time.Minute, []float64{100}, 360), require.Policy{Kind: require.KindChat, Targets: sl8020, Concurrency: c})
		if err != nil {
			t.Fatal(err)
		}
		iv := r.Intervals[0]
		if math.Abs(iv.TrafficErlangs-20/c) > 1e-12 || iv.Agents > prev || iv.AHTSeconds != 360 {
			t.Errorf("c=%v: traffic %v (want %v), agents %d (previous %d), AHT %v", c, iv.TrafficErlangs, 20/c, iv.Agents, prev, iv.AHTSeconds)
		}
		prev = iv.Agents
	}
	_, err := require.Compute(demand("chat", 30*time.Minute, []float64{100}, 360), require.Policy{Kind: require.KindChat, Targets: sl8020, Concurrency: 5})
	if !errors.Is(err, require.ErrInvalidInput) {
		t.Errorf("concurrency 5: %v", err)
	}
}

// Deferred work goes through package deferred: ten 6-minute emails
// arriving 09:00-09:30 with a 2-hour deadline need 0.4 agents until 11:30
// (the hand case of package deferred), one whole agent each.
func TestDeferredIntegration(t *testing.T) {
	hours, _ := deferred.ParseOpeningHours("mon-fri 09:00-17:00")
	contacts := make([]float64, 16)
	contacts[0] = 10
	p := require.Policy{Kind: require.KindDeferred, Deadline: 2 * time.Hour, Hours: hours, Shrinkage: 0.2}
	r, err := require.Compute(demand("email", 30*time.Minute, contacts, 360), p)
	if err != nil {
		t.Fatal(err)
	}
	for i, iv := range r.Intervals {
		// 20% shrinkage: 1 agent on the queue is ceil(1 / 0.8) = 2 scheduled.
		wantF, want, scheduled, binding := 0.0, 0, 0, ""
		if i < 5 {
			wantF, want, scheduled, binding = 0.4, 1, 2, "deadline"
		}
		if math.Abs(iv.AgentsFractional-wantF) > 1e-9 || iv.Agents != want || iv.Scheduled != scheduled || iv.Binding != binding {
			t.Errorf("interval %d: %d (%v) agents, %d scheduled, %q", i, iv.Agents, iv.AgentsFractional, iv.Scheduled, iv.Binding)
		}
	}
	// Whole agents: 1 agent handles 0.5 h per half hour against 1 h of
	// work arriving in the first: 5 items wait at 09:30, none at 10:00.
	if r.Intervals[0].Backlog != 5 || r.Intervals[1].Backlog != 0 || r.Deferred == nil || r.Deferred.Late != 0 {
		t.Errorf("backlog %v, %v; evaluation %+v", r.Intervals[0].Backlog, r.Intervals[1].Backlog, r.Deferred)
	}
	if math.Abs(r.FractionalAgentHours-1) > 1e-9 || r.AgentHours != 2.5 || r.PeakAgents != 1 || r.PeakScheduled != 2 {
		t.Errorf("fractional hours %v, hours %v, peak %d / %d", r.FractionalAgentHours, r.AgentHours, r.PeakAgents, r.PeakScheduled)
	}
	// A deferred channel that cannot finish: the plan comes with the error.
	p.ClearByEnd = true
	contacts[15] = 3
	contacts = append(contacts, 4) // 17:00-17:30, closed: after the last opening
	r, err = require.Compute(demand("email", 30*time.Minute, contacts, 360), p)
	if !errors.Is(err, deferred.ErrInfeasible) || len(r.Intervals) != 17 {
		t.Errorf("ClearByEnd with arrivals after closing: %v, %d intervals", err, len(r.Intervals))
	}
}

// Combined totals: Σ whole agents and Σ fractional agents (pooled).
func TestComputeAllCombined(t *testing.T) {
	demands := []require.Demand{
		demand("phone", 30*time.Minute, []float64{100, 50}, 180),
		demand("chat", 30*time.Minute, []float64{60, 0}, 300),
	}
	policies := map[string]require.Policy{
		"phone": {Kind: require.KindLive, Targets: sl8020, Shrinkage: 0.3},
		"chat":  {Kind: require.KindChat, Targets: sl8020, Concurrency: 2},
	}
	plan, err := require.ComputeAll(demands, policies)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Combined) != 2 {
		t.Fatalf("%d combined intervals", len(plan.Combined))
	}
	for k, c := range plan.Combined {
		a, f, s := 0, 0.0, 0
		for _, r := range plan.Requirements {
			a += r.Intervals[k].Agents
			f += r.Intervals[k].AgentsFractional
			s += r.Intervals[k].Scheduled
		}
		if c.Agents != a || math.Abs(c.AgentsFractional-f) > 1e-12 || c.Scheduled != s || c.AgentsPooled != int(math.Ceil(f)) || c.AgentsPooled > c.Agents {
			t.Errorf("combined %d: %+v; want %d, %v, %d", k, c, a, f, s)
		}
	}
	if plan.Combined[0].AgentsPooled >= plan.Combined[0].Agents {
		t.Errorf("pooling two queues saves nothing: %+v", plan.Combined[0])
	}
	if _, err := require.ComputeAll(demands, map[string]require.Policy{"phone": policies["phone"]}); !errors.Is(err, require.ErrInvalidInput) {
		t.Errorf("missing policy: %v", err)
	}
	demands[1].Interval = 15 * time.Minute
	if _, err := require.ComputeAll(demands, policies); !errors.Is(err, require.ErrInvalidInput) {
		t.Errorf("mixed intervals: %v", err)
	}
}

func TestDaily(t *testing.T) {
	// Friday 22:00 to Saturday 02:00 in hours: two dates.
	start := time.Date(2025, 11, 28, 22, 0, 0, 0, time.UTC)
	demands := []require.Demand{
		{Channel: "phone", Start: start, Interval: time.Hour, Contacts: []float64{200, 0, 100, 200}, AHTSeconds: []float64{180}},
		{Channel: "chat", Start: start, Interval: time.Hour, Contacts: []float64{100, 100, 0, 0}, AHTSeconds: []float64{180}},
	}
	pol := require.Policy{Kind: require.KindLive, Targets: sl8020}
	plan, err := require.ComputeAll(demands, map[string]require.Policy{"phone": pol, "chat": {Kind: require.KindChat, Targets: sl8020}})
	if err != nil {
		t.Fatal(err)
	}
	a := func(r, i int) int { return plan.Requirements[r].Intervals[i].Agents }
	days := require.Daily(plan)
	if len(days) != 6 {
		t.Fatalf("%d day rows: %+v", len(days), days)
	}
	want := []struct {
		channel   string
		day, peak int
		hours     float64
		contacts  float64
	}{
		{"phone", 28, max(a(0, 0), a(0, 1)), float64(a(0, 0) + a(0, 1)), 200},
		{"chat", 28, max(a(1, 0), a(1, 1)), float64(a(1, 0) + a(1, 1)), 200},
		{"all", 28, max(a(0, 0)+a(1, 0), a(0, 1)+a(1, 1)), float64(a(0, 0) + a(0, 1) + a(1, 0) + a(1, 1)), 400},
		{"phone", 29, max(a(0, 2), a(0, 3)), float64(a(0, 2) + a(0, 3)), 300},
		{"chat", 29, 0, 0, 0},
		{"all", 29, max(a(0, 2), a(0, 3)), float64(a(0, 2) + a(0, 3)), 300},
	}
	for i, w := range want {
		d := days[i]
		if d.Channel != w.channel || d.Date.Day != w.day || d.PeakAgents != w.peak || d.AgentHours != w.hours || d.Contacts != w.contacts {
			t.Errorf("row %d: %+v; want %+v", i, d, w)
		}
	}
	// phone on the 28th: one staffed hour (22:00), so the average is its agents.
	if days[0].AvgAgents != float64(a(0, 0)) {
		t.Errorf("average %v, want %d", days[0].AvgAgents, a(0, 0))
	}
}

func TestComputeErrors(t *testing.T) {
	live := require.Policy{Kind: require.KindLive, Targets: sl8020}
	tests := []struct {
		name    string
		d       require.Demand
		p       require.Policy
		is      error
		message string
	}{
		{"negative contacts", demand("phone", time.Hour, []float64{1, -1}, 180), live, require.ErrInvalidInput,
			"require: phone interval 1 (2025-11-28T10:00:00Z): Contacts: invalid demand or policy: -1: want a number >= 0"},
		{"no AHT", demand("phone", time.Hour, []float64{0, 5}), live, require.ErrInvalidInput,
			"require: phone interval 1 (2025-11-28T10:00:00Z): AHTSeconds: invalid demand or policy: no handle time for 5 contacts: give one in the demand or the policy"},
		{"bad kind", demand("phone", time.Hour, []float64{1}, 180), require.Policy{Kind: "voice"}, require.ErrInvalidInput,
			`require: phone: Policy.Kind: invalid demand or policy: "voice": want live, chat or deferred`},
		{"no deadline", demand("email", time.Hour, []float64{1}, 180), require.Policy{Kind: require.KindDeferred}, require.ErrInvalidInput,
			"require: email: Policy.Deadline: invalid demand or policy: 0s: want a business-time deadline > 0 such as 24h"},
		{"no targets", demand("phone", time.Hour, []float64{1}, 180), require.Policy{Kind: require.KindLive}, require.ErrInvalidInput, ""},
		{"too much traffic", demand("phone", time.Minute, []float64{1e6}, 180), live, require.ErrInvalidInput, ""},
		// 9,000 Erlangs at 40% occupancy would take 22,500 agents.
		{"infeasible targets", demand("phone", 3*time.Minute, []float64{9000}, 180), require.Policy{Kind: require.KindLive, Targets: erlang.Targets{MaxOccupancy: 0.4}},
			erlang.ErrInfeasible, ""},
		{"AHT count", require.Demand{Channel: "phone", Start: friday, Interval: time.Hour, Contacts: []float64{1, 2, 3}, AHTSeconds: []float64{1, 2}}, live, require.ErrInvalidInput, ""},
		{"interval", require.Demand{Channel: "phone", Start: friday, Contacts: []float64{1}}, live, require.ErrInvalidInput, ""},
	}
	for _, tt := range tests {
		_, err := require.Compute(tt.d, tt.p)
		var e *require.Error
		if !errors.Is(err, tt.is) || !errors.As(err, &e) || e.Channel != tt.d.Channel || (tt.message != "" && err.Error() != tt.message) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
