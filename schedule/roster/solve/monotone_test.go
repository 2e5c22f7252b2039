package solve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// relaxation is a change to a model that only adds resources or drops a
// restriction: every roster of the model before is a roster of the model
// after, with the same shifts.
type relaxation struct {
	name  string
	apply func(m *roster.Model, rnd *rand.Rand)
}

var relaxations = []relaxation{
	{"add an agent", func(m *roster.Model, rnd *rand.Rand) {
		a := m.Agents[rnd.IntN(len(m.Agents))]
		a.ID, a.MinWeekly, a.CanLead, a.DaysOff = "extra", 0, false, nil
		if a.Tier == roster.TierVeteran && rnd.IntN(2) == 0 {
			a.CanLead = true
		}
		m.Agents = append(m.Agents, a)
	}},
	{"add a template", func(m *roster.Model, rnd *rand.Rand) {
		from := civil.Clock(rnd.IntN(20) * 60)
		m.Templates = append(m.Templates, roster.ShiftTemplate{Name: "extra", EarliestStart: from, LatestStart: from + 3*60,
			MinLength: 3 * time.Hour, MaxLength: 6 * time.Hour, Step: time.Hour})
	}},
	{"widen availability", func(m *roster.Model, rnd *rand.Rand) {
		for i := range m.Agents {
			if len(m.Agents[i].Available) > 0 || len(m.Agents[i].DaysOff) > 0 {
				m.Agents[i].Available, m.Agents[i].DaysOff = nil, nil
				return
			}
		}
		m.Agents[0].Available = nil
	}},
	{"drop the lead rule", func(m *roster.Model, rnd *rand.Rand) { m.Leads = roster.LeadRule{} }},
	{"drop the veteran rule", func(m *roster.Model, rnd *rand.Rand) { m.Veterans = roster.VeteranRule{} }},
	{"raise the weekly hours", func(m *roster.Model, rnd *rand.Rand) {
		if m.Rules.MaxWeekly > 0 { // 0 is no limit
			m.Rules.MaxWeekly += 8 * time.Hour
		}
		for i := range m.Agents {
			if m.Agents[i].MaxWeekly > 0 {
				m.Agents[i].MaxWeekly += 8 * time.Hour
			}
		}
	}},
	{"fewer days off", func(m *roster.Model, rnd *rand.Rand) {
		m.Rules.DaysOffPerWeek = max(0, m.Rules.DaysOffPerWeek-1)
		m.Rules.TwoDayWeekend = false
	}},
}

// TestMoreResourcesNeverWorse: on 280 seeded random instances, solving a
// relaxed model (an agent, a template or availability added, a rule
// dropped or relaxed) from the roster of the model before never leaves
// more shortfall than that roster, nor, at the same shortfall, a higher
// objective than that roster has under the relaxed model. The reference
// is the earlier roster evaluated by Evaluate against the relaxed model.
func TestMoreResourcesNeverWorse(t *testing.T) {
	n := 280
	if testing.Short() {
		n = 60
	}
	counts := map[string]int{}
	improved := 0
	for seed := range uint64(n) {
		rnd := rand.New(rand.NewPCG(seed, 99))
		in := rostertest.Instance{Agents: 4 + rnd.IntN(8), Days: 2 + rnd.IntN(6), Interval: []time.Duration{30 * time.Minute, time.Hour}[rnd.IntN(2)],
			Skills: 1 + rnd.IntN(2), Peak: 2 + 4*rnd.Float64(), Seed: seed, Avail: rnd.IntN(2) == 0, Night: rnd.IntN(3) == 0}
		if rnd.IntN(2) == 0 {
			in.Leads = 2 + rnd.IntN(5)
		}
		if rnd.IntN(2) == 0 {
			in.Share, in.TopK = 0.2+0.3*rnd.Float64(), 1+rnd.IntN(4)
		}
		if rnd.IntN(3) == 0 {
			in.Preset = []string{"eu", "cn"}[rnd.IntN(2)]
		}
		m := in.Model()
		rx := relaxations[rnd.IntN(len(relaxations))]
		counts[rx.name]++
		opt := Options{Seed: seed + 1, Iterations: 3000, SkipBound: true}
		before, err := Solve(context.Background(), m, opt)
		if err != nil && !IsShort(err) {
			t.Fatalf("seed %d: %v", seed, err)
		}
		m2 := in.Model()
		rx.apply(m2, rnd)
		ref, err := roster.Evaluate(m2, &before.Roster)
		if err != nil {
			t.Fatalf("seed %d (%s): the earlier roster does not fit the relaxed model: %v", seed, rx.name, err)
		}
		if len(ref.Violations) > 0 {
			t.Fatalf("seed %d (%s): the earlier roster breaks the relaxed model: %v", seed, rx.name, ref.Violations[0])
		}
		opt.Start = &before.Roster
		after, err := Solve(context.Background(), m2, opt)
		if err != nil && !IsShort(err) {
			t.Fatalf("seed %d: %v", seed, err)
		}
		w := roster.DefaultWeights()
		ev := after.Evaluation
		what := fmt.Sprintf("seed %d (%s, %d agents, %d days)", seed, rx.name, in.Agents, in.Days)
		switch {
		case ev.ShortageHours > ref.ShortageHours+1e-9:
			t.Errorf("%s: shortfall %.2f h after, %.2f h before", what, ev.ShortageHours, ref.ShortageHours)
		case ev.ShortageHours > ref.ShortageHours-1e-9 && ev.Objective(w) > ref.Objective(w)+1e-6:
			t.Errorf("%s: same shortfall %.2f h, objective %.4f after, %.4f before", what, ev.ShortageHours, ev.Objective(w), ref.Objective(w))
		}
		if ev.ShortageHours < ref.ShortageHours-1e-9 || ev.Objective(w) < ref.Objective(w)-1e-6 {
			improved++
		}
		if len(ev.Violations) > 0 {
			t.Errorf("%s: %v", what, ev.Violations[0])
		}
	}
	t.Logf("%d instances %v, %d improved on the earlier roster", n, counts, improved)
	for _, rx := range relaxations {
		if counts[rx.name] == 0 {
			t.Errorf("no instance of %q", rx.name)
		}
	}
}

// TestWarmStartLeavesOutWhatDoesNotFit: a roster whose agent left the
// team, or whose shift no template allows any more, starts the solve with
// the rest; the result keeps every rule.
func TestWarmStartLeavesOutWhatDoesNotFit(t *testing.T) {
	m := rostertest.Instance{Agents: 10, Days: 3, Interval: 30 * time.Minute, Skills: 2, Peak: 4, Seed: 5}.Model()
	before := solveOK(t, m, Options{Seed: 1, Iterations: 5000, SkipBound: true}, true)
	gone := before.Roster.Shifts[0].AgentID
	m2 := rostertest.Instance{Agents: 10, Days: 3, Interval: 30 * time.Minute, Skills: 2, Peak: 4, Seed: 5}.Model()
	var agents []roster.Agent
	for _, a := range m2.Agents {
		if a.ID != gone {
			agents = append(agents, a)
		}
	}
	m2.Agents = agents
	left := 0
	for _, sh := range before.Roster.Shifts {
		if sh.AgentID == gone {
			left++
		}
	}
	after := solveOK(t, m2, Options{Seed: 1, Iterations: 5000, SkipBound: true, Start: &before.Roster}, true)
	want := fmt.Sprintf("%d shifts kept, %d left out", len(before.Roster.Shifts)-left, left)
	if st := after.Stages[2]; st.Name != "warm start" || st.Note != want {
		t.Errorf("stage %q %q, want \"warm start\" %q", st.Name, st.Note, want)
	}
	for _, sh := range after.Roster.Shifts {
		if sh.AgentID == gone {
			t.Fatalf("%s is not in the model but has a shift", gone)
		}
	}
}
