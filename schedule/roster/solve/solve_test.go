package solve

import (
	"context"
	"errors"
	"math"
	"slices"
	"sort"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// invariantCases are seeded random instances covering the rules: leads,
// veterans at peaks, reserve, availability windows, split shifts, both
// presets, leads off the queue, a time zone with a DST change, and a team
// too small for its demand.
func invariantCases(t *testing.T) []rostertest.Instance {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return []rostertest.Instance{
		{Agents: 30, Days: 7, Interval: 30 * time.Minute, Skills: 2, Peak: 6, Seed: 1, Leads: 6, Share: 0.3, TopK: 4, Reserve: 1, Avail: true},
		{Agents: 40, Days: 10, Interval: 15 * time.Minute, Skills: 3, Peak: 5, Seed: 2, Preset: "eu", Leads: 8, Split: true, Night: true},
		{Agents: 25, Days: 7, Interval: time.Hour, Skills: 1, Peak: 8, Seed: 3, Preset: "cn", MinHours: true, Share: 0.25, TopK: 3},
		{Agents: 30, Days: 7, Interval: 30 * time.Minute, Skills: 2, Peak: 6, Seed: 4, Leads: 5, Avail: true, MinHours: true,
			Start: time.Date(2025, 10, 23, 0, 0, 0, 0, berlin)}, // DST ends on 10-26
		{Agents: 8, Days: 7, Interval: 30 * time.Minute, Skills: 2, Peak: 6, Seed: 5, Leads: 4, Share: 0.3, TopK: 4}, // too few agents
	}
}

func TestSolveInvariants(t *testing.T) {
	for i, in := range invariantCases(t) {
		m := in.Model()
		if i == 3 {
			m.Leads.ExcludeFromCoverage = true
		}
		res := solveOK(t, m, Options{Seed: uint64(i + 1), Iterations: 60_000}, true)
		if len(res.Roster.Shifts) == 0 {
			t.Fatalf("case %d: empty roster", i)
		}
		ev := res.Evaluation
		t.Logf("case %d: %d shifts, %d reserve, staffed %.1f h, short %.1f h, bound %.1f h, gap %.1f%%", i, len(res.Roster.Shifts), len(res.Roster.Reserve), ev.StaffedHours, ev.ShortageHours, ev.LowerBoundHours, ev.GapPercent)
		checkInvariants(t, i, m, res)
	}
}

// checkInvariants recomputes, from the roster's times and the model alone,
// what must hold of every roster Solve returns.
func checkInvariants(t *testing.T, c int, m *roster.Model, res *Result) {
	t.Helper()
	loc := m.Demand.Start.Location()
	iv := m.Demand.Interval
	n := m.Demand.Intervals()
	at := func(i int) time.Time { return m.Demand.Start.Add(time.Duration(i) * iv) }
	agents := map[string]*roster.Agent{}
	for i := range m.Agents {
		agents[m.Agents[i].ID] = &m.Agents[i]
	}
	inSpans := func(x time.Time, spans []roster.Span) bool {
		for _, s := range spans {
			if !x.Before(s.Start) && x.Before(s.End) {
				return true
			}
		}
		return false
	}
	breakSpans := func(sh *roster.Shift) []roster.Span {
		var out []roster.Span
		for _, b := range sh.Breaks {
			out = append(out, roster.Span{Start: b.Start, End: b.End})
		}
		return out
	}

	// coverage, presence, leads and veterans per interval, recomputed
	onDuty := map[string][]int{}
	for _, s := range m.Demand.Skills {
		onDuty[s.Skill] = make([]int, n)
	}
	present, leads, vets := make([]int, n), make([]int, n), make([]int, n)
	for i := range res.Roster.Shifts {
		sh := &res.Roster.Shifts[i]
		a := agents[sh.AgentID]
		brk := breakSpans(sh)
		for ti := range n {
			x := at(ti)
			if !inSpans(x, sh.Blocks) {
				continue
			}
			present[ti]++
			if a.CanLead && (!m.Leads.ExcludeFromCoverage || sh.Skill == "") {
				leads[ti]++
			}
			if a.Tier == roster.TierVeteran {
				vets[ti]++
			}
			if sh.Skill != "" && !inSpans(x, brk) {
				onDuty[sh.Skill][ti]++
			}
		}
	}
	ev := res.Evaluation
	var short float64
	for k, s := range m.Demand.Skills {
		for ti := range n {
			if got, want := ev.Skills[k].OnDuty[ti], onDuty[s.Skill][ti]; got != want {
				t.Fatalf("case %d: %s at %v: evaluation has %d on duty, recomputed %d", c, s.Skill, at(ti), got, want)
			}
			short += float64(max(0, s.Required[ti]-onDuty[s.Skill][ti])) * iv.Hours()
		}
	}
	if math.Abs(short-ev.ShortageHours) > 1e-9 {
		t.Errorf("case %d: shortage %.4f h, recomputed %.4f h", c, ev.ShortageHours, short)
	}

	// leads and veterans: the rules are soft, so what is missing must be
	// what the evaluation reports as rule gaps, apart from the shortfall
	var leadGap, vetGap float64
	for ti := range n {
		if N := m.Leads.PerAgents; N > 0 {
			need := (present[ti] - leads[ti] + N - 1) / N
			leadGap += float64(max(0, need-leads[ti])) * iv.Hours()
		}
	}
	if v := m.Veterans; v.Share > 0 && v.TopK > 0 {
		// the top-k intervals of each local day by total requirement
		byDay := map[civil.Date][]int{}
		for ti := range n {
			d := civil.DateOf(at(ti).In(loc))
			byDay[d] = append(byDay[d], ti)
		}
		total := func(ti int) int {
			s := 0
			for _, sd := range m.Demand.Skills {
				s += sd.Required[ti]
			}
			return s
		}
		for _, idx := range byDay {
			sort.SliceStable(idx, func(i, j int) bool { return total(idx[i]) > total(idx[j]) })
			for j := 0; j < v.TopK && j < len(idx) && total(idx[j]) > 0; j++ {
				ti := idx[j]
				need := int(math.Ceil(v.Share*float64(present[ti]) - 1e-9))
				vetGap += float64(max(0, need-vets[ti])) * iv.Hours()
			}
		}
	}
	if math.Abs(leadGap-ev.LeadGapHours) > 1e-9 || math.Abs(vetGap-ev.VeteranGapHours) > 1e-9 {
		t.Errorf("case %d: lead gap %.2f h, veteran gap %.2f h; recomputed %.2f and %.2f", c, ev.LeadGapHours, ev.VeteranGapHours, leadGap, vetGap)
	}
	var gapSum float64
	for _, g := range ev.RuleGaps {
		gapSum += g.Hours
		if !g.Start.Before(g.End) || civil.DateOf(g.Start.In(loc)) != civil.DateOf(g.End.Add(-iv).In(loc)) {
			t.Errorf("case %d: rule gap %v-%v is not a stretch of one day", c, g.Start, g.End)
		}
	}
	if math.Abs(gapSum-leadGap-vetGap) > 1e-9 {
		t.Errorf("case %d: rule gaps sum to %.2f h, want %.2f", c, gapSum, leadGap+vetGap)
	}

	// per agent: overlaps, breaks, rest, hours, availability, days off
	byAgent := map[string][]*roster.Shift{}
	for i := range res.Roster.Shifts {
		sh := &res.Roster.Shifts[i]
		byAgent[sh.AgentID] = append(byAgent[sh.AgentID], sh)
	}
	r := m.Rules
	for id, list := range byAgent {
		a := agents[id]
		sort.Slice(list, func(i, j int) bool { return list[i].Blocks[0].Start.Before(list[j].Blocks[0].Start) })
		weekHours := map[civil.Date]time.Duration{}
		startDays := map[civil.Date]bool{}
		for i, sh := range list {
			first, last := sh.Blocks[0].Start, sh.Blocks[len(sh.Blocks)-1].End
			if i > 0 {
				prevEnd := list[i-1].Blocks[len(list[i-1].Blocks)-1].End
				if gap := first.Sub(prevEnd); gap < r.MinRest || gap < 0 {
					t.Errorf("case %d: %s rests %v before %v", c, id, gap, first)
				}
			}
			var paid time.Duration
			for bi, b := range sh.Blocks {
				paid += b.End.Sub(b.Start)
				if bi > 0 && b.Start.Sub(sh.Blocks[bi-1].End) < r.MinBlockRest {
					t.Errorf("case %d: %s rests too little between blocks at %v", c, id, b.Start)
				}
				// each required break once, inside its window
				for _, rule := range m.Breaks {
					if b.End.Sub(b.Start) <= rule.RequiredAbove {
						continue
					}
					count := 0
					for _, br := range sh.Breaks {
						if br.Rule != rule.Name || br.Start.Before(b.Start) || br.End.After(b.End) {
							continue
						}
						count++
						lo, hi := b.Start.Add(rule.From), b.End.Add(-rule.BeforeEnd)
						if rule.To > 0 && b.Start.Add(rule.To).Before(hi) {
							hi = b.Start.Add(rule.To)
						}
						if br.Start.Before(lo) || br.End.After(hi) || br.End.Sub(br.Start) != rule.Duration {
							t.Errorf("case %d: %s %s break %v-%v outside %v-%v", c, id, rule.Name, br.Start, br.End, lo, hi)
						}
					}
					if count != 1 {
						t.Errorf("case %d: %s block at %v has %d %s breaks", c, id, b.Start, count, rule.Name)
					}
				}
			}
			for j, br := range sh.Breaks {
				if !br.Paid {
					paid -= br.End.Sub(br.Start)
				}
				for _, o := range sh.Breaks[j+1:] {
					if br.Start.Before(o.End) && o.Start.Before(br.End) {
						t.Errorf("case %d: %s breaks overlap at %v", c, id, br.Start)
					}
				}
			}
			maxDaily := roster.TighterLimit(a.MaxDaily, r.MaxDaily)
			if maxDaily > 0 && paid > maxDaily {
				t.Errorf("case %d: %s works %v in a day", c, id, paid)
			}
			// availability (the generator's windows do not cross midnight)
			for x := first; x.Before(last); x = x.Add(iv) {
				if !inSpans(x, sh.Blocks) {
					continue
				}
				lx := x.In(loc)
				d := civil.DateOf(lx)
				if slices.Contains(a.DaysOff, d) || slices.Contains(a.WeekdaysOff, d.Weekday()) {
					t.Errorf("case %d: %s works on day off %v", c, id, d)
				}
				if len(a.Available) > 0 {
					ok := false
					mins := lx.Hour()*60 + lx.Minute()
					for _, w := range a.Available {
						if (len(w.Days) == 0 || slices.Contains(w.Days, lx.Weekday())) && mins >= int(w.Span.From) && mins+int(iv/time.Minute) <= int(w.Span.To) {
							ok = true
						}
					}
					if !ok {
						t.Errorf("case %d: %s works at %v outside availability", c, id, lx)
					}
				}
			}
			d := civil.DateOf(first.In(loc))
			startDays[d] = true
			back := (int(d.Weekday()) - int(r.WeekStart) + 7) % 7
			weekHours[d.AddDays(-back)] += paid
		}
		maxWeekly := roster.TighterLimit(a.MaxWeekly, r.MaxWeekly)
		for wk, h := range weekHours {
			if maxWeekly > 0 && h > maxWeekly {
				t.Errorf("case %d: %s works %v in the week of %v", c, id, h, wk)
			}
			if r.DaysOffPerWeek > 0 {
				inHorizon, worked := 0, 0
				first := civil.DateOf(m.Demand.Start.In(loc))
				lastD := civil.DateOf(at(n - 1).In(loc))
				for k := range 7 {
					day := wk.AddDays(k)
					if day.Sub(first) < 0 || lastD.Sub(day) < 0 {
						continue
					}
					inHorizon++
					if startDays[day] {
						worked++
					}
				}
				if inHorizon-worked < r.DaysOffPerWeek*inHorizon/7 {
					t.Errorf("case %d: %s has %d days off in the week of %v", c, id, inHorizon-worked, wk)
				}
			}
		}
	}
	// Reserve agents are off shift during their block
	for _, d := range res.Roster.Reserve {
		for _, sh := range byAgent[d.AgentID] {
			for _, b := range sh.Blocks {
				if b.Start.Before(d.End) && d.Start.Before(b.End) {
					t.Errorf("case %d: %s on call %v while on shift", c, d.AgentID, d.Start)
				}
			}
		}
	}
}

func TestSolveDeterministic(t *testing.T) {
	m := rostertest.Instance{Agents: 20, Days: 5, Interval: 30 * time.Minute, Skills: 2, Peak: 5, Seed: 9, Leads: 6}.Model()
	a := solveOK(t, m, Options{Seed: 7, Iterations: 30_000}, true)
	b := solveOK(t, m, Options{Seed: 7, Iterations: 30_000}, true)
	if len(a.Roster.Shifts) != len(b.Roster.Shifts) {
		t.Fatalf("same seed, %d and %d shifts", len(a.Roster.Shifts), len(b.Roster.Shifts))
	}
	for i := range a.Roster.Shifts {
		x, y := a.Roster.Shifts[i], b.Roster.Shifts[i]
		if x.AgentID != y.AgentID || x.Skill != y.Skill || !x.Blocks[0].Start.Equal(y.Blocks[0].Start) || len(x.Breaks) != len(y.Breaks) {
			t.Fatalf("same seed, shift %d differs: %+v and %+v", i, x, y)
		}
	}
}

// TestSolveKnownOptimum: three agents needed 08:00-16:00 and two more
// 12:00-14:00. With shifts of 2 to 8 hours starting on the hour between
// 08:00 and 14:00 and no breaks, the least staffed time is the
// requirement itself, 3×8 + 2×2 = 28 agent-hours, with no excess; the LP
// bound is the same (the covering matrix of one-block shifts is an
// interval matrix, totally unimodular).
func TestSolveKnownOptimum(t *testing.T) {
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)
	req := make([]int, 24)
	for h := 8; h < 16; h++ {
		req[h] = 3
	}
	req[12], req[13] = 5, 5
	m := &roster.Model{
		Demand:    roster.Demand{Start: start, Interval: time.Hour, Skills: []roster.SkillDemand{{Skill: "chat", Required: req}}},
		Templates: []roster.ShiftTemplate{{Name: "any", EarliestStart: 8 * 60, LatestStart: 14 * 60, MinLength: 2 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour}},
	}
	for _, id := range []string{"a", "b", "c", "d", "e", "f"} {
		m.Agents = append(m.Agents, roster.Agent{ID: id, Skills: []string{"chat"}})
	}
	res := solveOK(t, m, Options{Seed: 1, Iterations: 50_000}, false)
	ev := res.Evaluation
	if ev.StaffedHours != 28 || ev.ExcessHours != 0 || ev.ShortageHours != 0 {
		t.Errorf("staffed %.2f h, excess %.2f, shortage %.2f; want 28, 0, 0", ev.StaffedHours, ev.ExcessHours, ev.ShortageHours)
	}
	if math.Abs(ev.LowerBoundHours-28) > 1e-6 || math.Abs(ev.GapPercent) > 1e-6 {
		t.Errorf("lower bound %.4f, gap %.4f%%; want 28 and 0", ev.LowerBoundHours, ev.GapPercent)
	}
}

// TestSolveInfeasible: two agents cannot cover five; the roster is
// still returned, within the rules, with its unmet intervals, an estimate
// of the agents missing, and ErrInfeasible.
func TestSolveInfeasible(t *testing.T) {
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)
	req := make([]int, 24)
	for h := 9; h < 17; h++ {
		req[h] = 5
	}
	m := &roster.Model{
		Demand:    roster.Demand{Start: start, Interval: time.Hour, Skills: []roster.SkillDemand{{Skill: "voice", Required: req}}},
		Templates: []roster.ShiftTemplate{{Name: "day", EarliestStart: 9 * 60, LatestStart: 9 * 60, MinLength: 8 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour}},
		Agents:    []roster.Agent{{ID: "a", Skills: []string{"voice"}}, {ID: "b", Skills: []string{"voice"}}},
	}
	res, err := Solve(context.Background(), m, Options{Seed: 1, Iterations: 10_000})
	if !errors.Is(err, ErrInfeasible) {
		t.Fatalf("err = %v, want ErrInfeasible", err)
	}
	var ie *InfeasibleError
	if !errors.As(err, &ie) || ie.UnmetIntervals != 8 || ie.ShortageHours != 24 {
		t.Errorf("err = %#v, want 8 unmet intervals and 24 short hours", ie)
	}
	if res == nil || len(res.Roster.Shifts) != 2 || len(res.Evaluation.Violations) != 0 {
		t.Fatalf("want the two agents rostered within the rules, got %+v", res)
	}
	ev := res.Evaluation
	if len(ev.Unmet) != 8 || ev.Unmet[0].Shortfall != 3 || !ev.Unmet[0].Start.Equal(start.Add(9*time.Hour)) {
		t.Errorf("unmet = %+v, want 8 intervals from 09:00 short by 3", ev.Unmet)
	}
	if len(ev.Extra) != 1 || ev.Extra[0].Skill != "voice" || ev.Extra[0].Agents != 3 {
		t.Errorf("extra = %+v, want 3 more voice agents", ev.Extra)
	}
}

// TestSolveSplitShifts: on a Double 11 with peaks at 00:00-02:00,
// 10:00-12:00 and 22:00-24:00 and only a split template that day, six
// agents work two or three blocks with at least the minimum rest between
// them and cover everything.
func TestSolveSplitShifts(t *testing.T) {
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)
	req := make([]int, 48) // 30-minute intervals
	for i := range req {
		h := i / 2
		switch {
		case h < 2, h >= 22:
			req[i] = 4
		case h >= 10 && h < 12:
			req[i] = 4
		case h >= 14 && h < 17:
			req[i] = 2
		}
	}
	m := &roster.Model{
		Demand: roster.Demand{Start: start, Interval: 30 * time.Minute, Skills: []roster.SkillDemand{{Skill: "chat", Required: req}}},
		Templates: []roster.ShiftTemplate{{Name: "split",
			Blocks:    []roster.ClockSpan{{From: 0, To: 120}, {From: 10 * 60, To: 12 * 60}, {From: 14 * 60, To: 17 * 60}, {From: 22 * 60, To: 24 * 60}},
			MinBlocks: 2, MaxBlocks: 3, MinBlockRest: 3 * time.Hour, Dates: []civil.Date{{Year: 2025, Month: 11, Day: 11}}}},
		Rules: roster.Rules{MinBlockRest: 2 * time.Hour},
	}
	for i := range 6 {
		m.Agents = append(m.Agents, roster.Agent{ID: string(rune('a' + i)), Skills: []string{"chat"}})
	}
	res := solveOK(t, m, Options{Seed: 3, Iterations: 40_000}, false)
	if res.Evaluation.ShortageHours != 0 {
		t.Errorf("shortage %.2f h", res.Evaluation.ShortageHours)
	}
	three := false
	for _, sh := range res.Roster.Shifts {
		if len(sh.Blocks) < 2 || len(sh.Blocks) > 3 {
			t.Errorf("%s works %d blocks", sh.AgentID, len(sh.Blocks))
		}
		three = three || len(sh.Blocks) == 3
		for j := 1; j < len(sh.Blocks); j++ {
			if gap := sh.Blocks[j].Start.Sub(sh.Blocks[j-1].End); gap < 3*time.Hour {
				t.Errorf("%s rests %v between blocks", sh.AgentID, gap)
			}
		}
	}
	// 14 blocks are needed (4 + 4 + 2 + 4) and 6 agents work at most 12
	// in two blocks each, so some must take three
	if !three {
		t.Error("no shift has three blocks")
	}
}

func TestSolveOptionsErrors(t *testing.T) {
	m := rostertest.Instance{Agents: 5, Days: 2, Interval: time.Hour, Skills: 1, Peak: 3, Seed: 1}.Model()
	if _, err := Solve(context.Background(), m, Options{Weights: roster.Weights{Shortage: math.NaN()}}); err == nil {
		t.Error("NaN weight accepted")
	}
	bad := *m
	bad.Agents = nil
	var ve *roster.ValidationError
	if _, err := Solve(context.Background(), &bad, Options{}); !errors.As(err, &ve) || ve.Section != "agent" {
		t.Errorf("no agents: err = %v", err)
	}
}

func TestSolveTimeLimitAndProgress(t *testing.T) {
	m := rostertest.Instance{Agents: 40, Days: 7, Interval: 15 * time.Minute, Skills: 2, Peak: 8, Seed: 2}.Model()
	var stages []string
	start := time.Now()
	res, err := Solve(context.Background(), m, Options{Seed: 1, Iterations: 1 << 40, TimeLimit: 1500 * time.Millisecond,
		Progress: func(p Progress) {
			if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
				stages = append(stages, p.Stage)
			}
		}})
	if err != nil && !IsShort(err) {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 6*time.Second {
		t.Errorf("took %v with a 1.5s limit", el)
	}
	// a schedule of 2^40 moves follows the clock: the limit ends it
	if sr := res.Search; sr.Stop != StopTimeLimit || sr.Elapsed < 1500*time.Millisecond || len(sr.Trace) < 2 ||
		sr.Trace[len(sr.Trace)-1].Moves != sr.Moves || sr.Moves == 0 {
		t.Errorf("search %+v, want ended by the time limit after 1.5 s with a trace to its last move", sr)
	}
	want := []string{"candidates", "coverage index", "construct", "assign", "breaks", "improve", "reserve", "evaluate"}
	if len(stages) != len(want) {
		t.Fatalf("stages %v, want %v", stages, want)
	}
	for i := range want {
		if stages[i] != want[i] || res.Stages[i].Name != want[i] {
			t.Errorf("stage %d = %s, want %s", i, stages[i], want[i])
		}
	}
}
