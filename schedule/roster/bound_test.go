package roster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// explicitLP solves the covering LP of a one-day model with every column
// written out (each shift with each placement of its breaks) by gonum's
// simplex, an independent implementation.
func explicitLP(t testing.TB, m *Model) float64 {
	t.Helper()
	var total float64
	for _, x := range explicitPrograms(t, m) {
		opt, _, err := lp.Simplex(x.c, x.A, x.b, 1e-10, nil)
		if err != nil {
			t.Fatalf("gonum simplex: %v", err)
		}
		total += opt
	}
	return total
}

// standardLP is a program min c·x, Ax = b, x >= 0 as gonum's Simplex takes it.
type standardLP struct {
	c []float64
	A *mat.Dense
	b []float64
}

// explicitPrograms writes out the covering LP of each skill of a one-day
// model in standard form: a column per shift and placement of its
// breaks, a surplus per row with a requirement.
func explicitPrograms(t testing.TB, m *Model) []standardLP {
	t.Helper()
	p, err := compile(m)
	if err != nil {
		t.Fatal(err)
	}
	n := p.g.n
	ivh := float64(p.g.ivMin) / 60
	var out []standardLP
	for k := range p.nSkills {
		var cols [][]float64
		var cost []float64
		for i := range p.pats {
			pt := &p.pats[i]
			// every joint placement of the breaks
			var rec func(j int, chosen []int32)
			rec = func(j int, chosen []int32) {
				if j == len(pt.needs) {
					col := make([]float64, n)
					for _, b := range pt.blocks {
						for s := b.s; s < b.e; s++ {
							col[s] = 1
						}
					}
					for q, nd := range pt.needs {
						for s := chosen[q]; s < chosen[q]+nd.dur; s++ {
							col[s] = 0
						}
					}
					cols = append(cols, col)
					cost = append(cost, float64(pt.staffed)*ivh)
					return
				}
				nd := pt.needs[j]
				for pos := nd.lo; pos <= nd.hi; pos++ {
					ok := true
					for q := 0; q < j; q++ {
						if pos < chosen[q]+pt.needs[q].dur && chosen[q] < pos+nd.dur {
							ok = false
						}
					}
					if ok {
						rec(j+1, append(chosen, pos))
					}
				}
			}
			rec(0, nil)
		}
		// rows with requirement only (others hold for x >= 0)
		var rows []int
		for s := range n {
			if p.req[k][s] > 0 {
				rows = append(rows, s)
			}
		}
		if len(rows) == 0 {
			continue
		}
		nc := len(cols)
		A := mat.NewDense(len(rows), nc+len(rows), nil)
		c := make([]float64, nc+len(rows))
		b := make([]float64, len(rows))
		for i, s := range rows {
			for j := range nc {
				A.Set(i, j, cols[j][s])
			}
			A.Set(i, nc+i, -1)
			b[i] = float64(p.req[k][s])
		}
		copy(c, cost)
		out = append(out, standardLP{c, A, b})
	}
	return out
}

// BenchmarkDayLP times the two LP solvers on the roster's use, the
// day-by-day covering LP with break placements, on the same one-day
// models (hourly and half-hourly, two skills): the revised simplex of
// package coverlp with columns priced on demand, and gonum's Simplex on
// every column written out. Building the programs is left out of both.
func BenchmarkDayLP(b *testing.B) {
	for _, iv := range []time.Duration{time.Hour, 30 * time.Minute} {
		m := oneDay(2, iv)
		p, err := compile(m)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("revised/%v", iv), func(b *testing.B) {
			for b.Loop() {
				lp := newCoverLP(p)
				for k := range p.nSkills {
					lp.solveDay(0, k)
				}
			}
		})
		progs := explicitPrograms(b, m)
		b.Run(fmt.Sprintf("gonum/%v", iv), func(b *testing.B) {
			for b.Loop() {
				for _, x := range progs {
					if _, _, err := lp.Simplex(x.c, x.A, x.b, 1e-10, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// oneDay is a small one-day model whose shifts stay inside the day, so the
// day-by-day bound is the exact LP optimum.
func oneDay(seed uint64, iv time.Duration) *Model {
	rnd := rand.New(rand.NewPCG(seed, 3))
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)
	n := int(24 * time.Hour / iv)
	m := &Model{Demand: Demand{Start: start, Interval: iv}}
	for _, name := range []string{"voice", "chat"} {
		sd := SkillDemand{Skill: name, Required: make([]int, n)}
		for t := range n {
			h := float64(t) * iv.Hours()
			if h >= 7 && h < 22 {
				sd.Required[t] = int(math.Round(demandCurve(h, time.Tuesday, 6+4*rnd.Float64()) + rnd.Float64()))
			}
		}
		m.Demand.Skills = append(m.Demand.Skills, sd)
	}
	m.Templates = []ShiftTemplate{
		{Name: "early", EarliestStart: 6 * 60, LatestStart: 9 * 60, MinLength: 6 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour},
		{Name: "late", EarliestStart: 12 * 60, LatestStart: 15 * 60, MinLength: 6 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour},
		{Name: "short", EarliestStart: 10 * 60, LatestStart: 18 * 60, MinLength: 4 * time.Hour, MaxLength: 4 * time.Hour, Step: time.Hour},
	}
	m.Breaks = []BreakRule{
		{Name: "coffee", Duration: iv, From: time.Hour, To: 4 * time.Hour, Paid: true, RequiredAbove: 5 * time.Hour},
		{Name: "lunch", Duration: iv, From: 3 * time.Hour, BeforeEnd: 2 * time.Hour, RequiredAbove: 6 * time.Hour},
	}
	m.Agents = []Agent{{ID: "a", Skills: []string{"voice", "chat"}}}
	return m
}

func TestLowerBoundMatchesExplicitLP(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		iv := time.Hour
		if seed%2 == 0 {
			iv = 30 * time.Minute
		}
		m := oneDay(seed, iv)
		want := explicitLP(t, m)
		got, err := LowerBound(m)
		if err != nil {
			t.Fatal(err)
		}
		// The certificate equals the LP optimum when the simplex ends optimal.
		if math.Abs(got.BreaksHours-want) > 1e-6*max(1, want) {
			t.Errorf("seed %d (%v): bound %.6f, explicit LP %.6f", seed, iv, got.BreaksHours, want)
		}
		// Leaving breaks out (shiftdesign's flow) can only lower the LP.
		if got.CoverHours > want+1e-6 || got.CoverHours <= 0 || got.Hours != max(got.BreaksHours, got.CoverHours) {
			t.Errorf("seed %d: cover bound %.6f, breaks bound %.6f, reported %.6f", seed, got.CoverHours, want, got.Hours)
		}
	}
}

// TestLowerBoundBelowEveryRoster: the bound is at most the staffed hours
// of any roster that covers everything; on a one-agent-per-shift model with
// enough agents, Solve's roster covers all and must not beat the bound.
func TestLowerBoundBelowSolvedRosters(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		m := instance{agents: 60, days: 3, interval: 30 * time.Minute, skills: 2, peak: 8, seed: seed}.model()
		lb, err := LowerBound(m)
		if err != nil {
			t.Fatal(err)
		}
		res := solveOK(t, m, Options{Seed: seed, Iterations: 100_000}, true)
		ev := res.Evaluation
		covered := ev.ShortageHours <= lb.UncoverableHours+1e-9
		if covered && ev.StaffedHours < lb.Hours-1e-6 {
			t.Errorf("seed %d: roster staffs %.2f h, below the lower bound %.2f", seed, ev.StaffedHours, lb.Hours)
		}
	}
}

// TestLowerBoundContractHours: the contract hours are the agents' weekly
// minimums, pro rata in the partial weeks (10 days from a Wednesday, weeks
// from Monday: 5 days, then 5), and a roster that honours every minimum
// staffs at least that.
func TestLowerBoundContractHours(t *testing.T) {
	m := instance{agents: 12, days: 10, interval: time.Hour, skills: 1, peak: 2, seed: 4,
		start: time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC)}.model() // Wednesday: weeks of 5 and 5 days
	for i := range m.Agents {
		m.Agents[i].MinWeekly = 0
	}
	m.Agents[0].MinWeekly, m.Agents[1].MinWeekly = 21*time.Hour, 14*time.Hour
	lb, err := LowerBound(m)
	if err != nil {
		t.Fatal(err)
	}
	// 21h: 15h in each 5-day week; 14h: 10h each
	if want := 2*15.0 + 2*10.0; math.Abs(lb.ContractHours-want) > 1e-9 {
		t.Errorf("contract hours %.4f, want %.1f", lb.ContractHours, want)
	}
	res := solveOK(t, m, Options{Seed: 1, Iterations: 60_000}, true)
	ev := res.Evaluation
	if ev.MinHoursShort == 0 && ev.StaffedHours < lb.ContractHours-1e-9 {
		t.Errorf("a roster honouring the minimums staffs %.2f h, below their %.2f h", ev.StaffedHours, lb.ContractHours)
	}
	if ev.MinHoursShort > 0 {
		t.Errorf("the roster leaves %.1f h of minimums: the check above proved nothing", ev.MinHoursShort)
	}
}
