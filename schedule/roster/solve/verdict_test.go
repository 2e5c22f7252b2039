package solve

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/bound"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// TestShortfallBoundKnown: each argument of the bound on a case built
// for it, against the shortfall worked out by hand.
func TestShortfallBoundKnown(t *testing.T) {
	voice := func(id string) roster.Agent { return roster.Agent{ID: id, Skills: []string{"voice"}} }
	hours := func(from, to int) map[int]int {
		r := map[int]int{}
		for h := from; h < to; h++ {
			r[h] = 1
		}
		return r
	}
	// two skills in one interval: 2 voice and 2 chat wanted, two agents
	// with both and one with voice only. Voice alone (2 of 3) and chat
	// alone (2 of 2) fit, the pair does not: 4 wanted of 3 (Hall).
	hall := explainModel(map[int]int{9: 2}, roster.Agent{ID: "a", Skills: []string{"voice", "chat"}}, roster.Agent{ID: "b", Skills: []string{"voice", "chat"}}, voice("c"))
	chat := make([]int, 48)
	chat[9] = 2
	hall.Demand.Skills = append(hall.Demand.Skills, roster.SkillDemand{Skill: "chat", Required: chat})

	morning := voice("a")
	morning.Available = []roster.Window{{Span: roster.ClockSpan{From: 9 * 60, To: 13 * 60}}}
	weekly := voice("a")
	weekly.MaxWeekly = 8 * time.Hour
	twoDays := hours(9, 17)
	for h := 33; h < 41; h++ {
		twoDays[h] = 1
	}
	tests := []struct {
		name string
		m    *roster.Model
		want bound.ShortfallBound
	}{
		{"more required than agents", explainModel(map[int]int{9: 3, 10: 3}, voice("a"), voice("b")), bound.ShortfallBound{Hours: 2, IntervalHours: 2}},
		{"skill sets", hall, bound.ShortfallBound{Hours: 1, IntervalHours: 1}},
		{"no template", explainModel(map[int]int{2: 1, 3: 2, 9: 1}, voice("a")), bound.ShortfallBound{Hours: 3, NoTemplateHours: 3}},
		{"availability", explainModel(hours(9, 17), morning), bound.ShortfallBound{Hours: 4, IntervalHours: 4}},
		{"hours a week", explainModel(twoDays, weekly), bound.ShortfallBound{Hours: 8, HorizonHours: 8}},
		{"coverable", explainModel(twoDays, voice("a"), voice("b")), bound.ShortfallBound{}},
	}
	for _, tt := range tests {
		p, err := compiled.Compile(tt.m)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := bound.Shortfall(p); got != tt.want {
			t.Errorf("%s: bound %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestShortfallBoundBelowRosters: the bound holds for every roster, so
// no solved roster of a seeded random instance is short by less, and
// teams far too small are proven short.
func TestShortfallBoundBelowRosters(t *testing.T) {
	proven := 0
	for seed := uint64(1); seed <= 12; seed++ {
		in := rostertest.Instance{Agents: 4 + int(seed)*3, Days: 7, Interval: 30 * time.Minute, Skills: 1 + int(seed%3), Peak: 6, Seed: seed,
			Night: seed%2 == 0, Avail: seed%3 == 0, MinHours: seed%4 == 0, Leads: 6}
		m := in.Model()
		res := solveOK(t, m, Options{Seed: seed, Iterations: 20_000, SkipBound: true}, true)
		b := res.Search.Bound
		if b.Hours > res.Evaluation.ShortageHours+1e-9 {
			t.Errorf("seed %d: bound %+v above the roster's shortfall %.2f h", seed, b, res.Evaluation.ShortageHours)
		}
		if b.Hours > 0 {
			proven++
		}
	}
	if proven < 6 {
		t.Errorf("only %d of 12 teams, most of them too small, proven short", proven)
	}
}

// TestVerdicts: a shortfall is "cannot be covered" (ErrInfeasible) when
// the bound proves it, whatever the time limit, or when the search
// converged; a search cut short with gaps no bound proves is undecided
// (ErrUndecided), never ErrInfeasible.
func TestVerdicts(t *testing.T) {
	voice := func(id string) roster.Agent { return roster.Agent{ID: id, Skills: []string{"voice"}} }
	weekly := voice("a")
	weekly.MaxWeekly = 8 * time.Hour
	// 45 agents for a week: covered by the search, not by the first
	// roster (8.5 agent-hours short when the time limit leaves no move)
	busy := rostertest.Instance{Agents: 45, Days: 7, Interval: 30 * time.Minute, Skills: 2, Peak: 8, Seed: 3, Leads: 6, Night: true}.Model()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		m       *roster.Model
		ctx     context.Context
		opt     Options
		verdict Verdict
		stop    Stop
		err     error
	}{
		{"proven, time limit", explainModel(map[int]int{9: 2}, voice("a")), nil, Options{TimeLimit: time.Nanosecond}, VerdictProven, StopTimeLimit, ErrInfeasible},
		{"proven, converged", explainModel(map[int]int{9: 2}, voice("a")), nil, Options{}, VerdictProven, StopConverged, ErrInfeasible},
		// one 8-hour shift a week for two days of work: no bound sees the
		// weekly limit bind on 1 hour a day, the converged search does
		{"converged", explainModel(map[int]int{9: 1, 33: 1}, weekly), nil, Options{}, VerdictConverged, StopConverged, ErrInfeasible},
		{"undecided, time limit", busy, nil, Options{TimeLimit: time.Nanosecond}, VerdictUndecided, StopTimeLimit, ErrUndecided},
		{"undecided, interrupted", busy, cancelled, Options{}, VerdictUndecided, StopInterrupted, ErrUndecided},
		{"covered", busy, nil, Options{}, VerdictCovered, StopConverged, nil},
	}
	for _, tt := range tests {
		ctx := tt.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		tt.opt.Seed, tt.opt.SkipBound = 1, true
		res, err := Solve(ctx, tt.m, tt.opt)
		if res == nil {
			t.Fatalf("%s: no roster (%v)", tt.name, err)
		}
		if res.Verdict != tt.verdict || res.Search.Stop != tt.stop || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("%s: verdict %s, stop %s, err %v; want %s, %s, %v", tt.name, res.Verdict, res.Search.Stop, err, tt.verdict, tt.stop, tt.err)
		}
		if tt.err == ErrUndecided && (errors.Is(err, ErrInfeasible) || res.Evaluation.ShortageHours == 0 || res.Search.Bound.Hours != 0) {
			t.Errorf("%s: undecided with %v, %.2f h short, bound %.2f h", tt.name, err, res.Evaluation.ShortageHours, res.Search.Bound.Hours)
		}
		var ie *InfeasibleError
		if errors.As(err, &ie) && (ie.Verdict != res.Verdict || ie.Stop != res.Search.Stop || math.Abs(ie.ProvenHours-res.Search.Bound.Hours) > 1e-9) {
			t.Errorf("%s: error %+v does not match the result", tt.name, ie)
		}
	}
}

// TestConvergedLeavesNoSearchCause: once the search converged, Explain
// never says it ended early: its final pass tried every agent Explain
// finds free, so each stretch has a cause in the team, the rules or the
// weights. Cut short, the same teams do have such stretches.
func TestConvergedLeavesNoSearchCause(t *testing.T) {
	searchCut := 0
	for seed := uint64(1); seed <= 4; seed++ {
		m := rostertest.Instance{Agents: 40, Days: 7, Interval: 30 * time.Minute, Skills: 2, Peak: 8, Seed: seed, Leads: 6, Night: true}.Model()
		for _, limit := range []time.Duration{0, time.Nanosecond} {
			res := solveOK(t, m, Options{Seed: seed, TimeLimit: limit, SkipBound: true}, true)
			x, err := Explain(m, res)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range x.Shortfall {
				if s.Cause == CauseSearch {
					n++
				}
			}
			for _, g := range x.RuleGaps {
				if g.Cause == CauseSearch {
					n++
				}
			}
			switch {
			case res.Search.Converged() && n > 0:
				t.Errorf("seed %d: converged, yet %d stretches say the search ended early", seed, n)
			case !res.Search.Converged():
				searchCut += n
			}
		}
	}
	if searchCut == 0 {
		t.Error("no stretch of the rosters cut short is CauseSearch: the test shows nothing")
	}
}

// TestCauseWeights: a shortage priced below the shift that closes it
// stays open after the search converged (from an empty roster: a
// roster never gives up coverage it has), and Explain says so.
func TestCauseWeights(t *testing.T) {
	m := explainModel(map[int]int{9: 1}, roster.Agent{ID: "a", Skills: []string{"voice"}})
	res, err := Solve(context.Background(), m, Options{Seed: 1, SkipBound: true, Weights: roster.Weights{Shortage: 0.5, Staffed: 1}, Start: &roster.Roster{}})
	if !errors.Is(err, ErrInfeasible) || res.Verdict != VerdictConverged {
		t.Fatalf("err %v, verdict %s; want ErrInfeasible, converged", err, res.Verdict)
	}
	x, err := Explain(m, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Shortfall) != 1 || x.Shortfall[0].Cause != CauseWeights || x.Shortfall[0].Fix != "raise weights.shortage" {
		t.Errorf("stretches %+v, want one of cause weights", x.Shortfall)
	}
}

// TestTracer: a search of any length keeps at most maxTrace points,
// evenly spaced, from its first to its last.
func TestTracer(t *testing.T) {
	for _, n := range []int{1, 10, maxTrace, maxTrace + 1, 1000, 4097} {
		var tr tracer
		for i := range n {
			tr.add(SearchPoint{Moves: i})
		}
		pts := tr.final(SearchPoint{Moves: n})
		if len(pts) > maxTrace || pts[0].Moves != 0 || pts[len(pts)-1].Moves != n {
			t.Errorf("%d points: kept %d, first %d, last %d", n, len(pts), pts[0].Moves, pts[len(pts)-1].Moves)
			continue
		}
		for i := 2; i < len(pts)-1; i++ {
			if pts[i].Moves-pts[i-1].Moves != pts[1].Moves-pts[0].Moves {
				t.Errorf("%d points: uneven steps at %d: %v", n, i, pts)
				break
			}
		}
		if n >= maxTrace && len(pts) < maxTrace/2 {
			t.Errorf("%d points: only %d kept", n, len(pts))
		}
	}
}

// TestDefaultTimeLimit: a minute plus 3 ms per agent and day.
func TestDefaultTimeLimit(t *testing.T) {
	for _, tt := range []struct {
		agents, days int
		want         time.Duration
	}{{1, 1, time.Minute + 3*time.Millisecond}, {3000, 21, 60*time.Second + 189*time.Second}, {10_000, 21, 690 * time.Second}} {
		m := &roster.Model{Demand: roster.Demand{Start: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), Interval: 15 * time.Minute,
			Skills: []roster.SkillDemand{{Skill: "voice", Required: make([]int, tt.days*96)}}}, Agents: make([]roster.Agent, tt.agents)}
		if got := DefaultTimeLimit(m); got != tt.want {
			t.Errorf("%d agents, %d days: %v, want %v", tt.agents, tt.days, got, tt.want)
		}
	}
}

// TestRepairPass: the final pass adds the shift Explain would call
// CauseSearch (a free agent, a short stretch), and only where it lowers
// the objective; a second pass finds nothing more.
func TestRepairPass(t *testing.T) {
	voice := func(id string) roster.Agent { return roster.Agent{ID: id, Skills: []string{"voice"}} }
	m := explainModel(map[int]int{9: 1, 10: 2, 33: 1}, voice("a"), voice("b"))
	p, err := compiled.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	s := newState(p, roster.DefaultWeights())
	never := func() Stop { return stalled }
	if n, end := s.repairPass(never); n != 3 || end != stalled || s.shortSlots != 0 {
		t.Errorf("first pass added %d shifts (%s), %d slots short; want 3 and none", n, end, s.shortSlots)
	}
	if n, _ := s.repairPass(never); n != 0 {
		t.Errorf("second pass added %d shifts", n)
	}
	// priced out: nothing added
	s = newState(p, roster.Weights{Shortage: 0.5, Staffed: 1})
	if n, _ := s.repairPass(never); n != 0 {
		t.Errorf("a shortage priced below its shift: %d shifts added", n)
	}
	// the time limit stops it
	s = newState(p, roster.DefaultWeights())
	if n, end := s.repairPass(func() Stop { return StopTimeLimit }); n != 0 || end != StopTimeLimit {
		t.Errorf("past the time limit: %d shifts added, end %q", n, end)
	}
}
