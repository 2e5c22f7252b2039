package bound

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/compiled"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// explicitLP solves the covering LP of a one-day model with every column
// written out (each shift with each placement of its breaks) by gonum's
// simplex, an independent implementation.
func explicitLP(t testing.TB, m *roster.Model) float64 {
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
func explicitPrograms(t testing.TB, m *roster.Model) []standardLP {
	t.Helper()
	p, err := compiled.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	n := p.G.N
	ivh := float64(p.G.IvMin) / 60
	var out []standardLP
	for k := range p.NSkills {
		var cols [][]float64
		var cost []float64
		for i := range p.Pats {
			pt := &p.Pats[i]
			// every joint placement of the breaks
			var rec func(j int, chosen []int32)
			rec = func(j int, chosen []int32) {
				if j == len(pt.Needs) {
					col := make([]float64, n)
					for _, b := range pt.Blocks {
						for s := b.S; s < b.E; s++ {
							col[s] = 1
						}
					}
					for q, nd := range pt.Needs {
						for s := chosen[q]; s < chosen[q]+nd.Dur; s++ {
							col[s] = 0
						}
					}
					cols = append(cols, col)
					cost = append(cost, float64(pt.Staffed)*ivh)
					return
				}
				nd := pt.Needs[j]
				for pos := nd.Lo; pos <= nd.Hi; pos++ {
					ok := true
					for q := 0; q < j; q++ {
						if pos < chosen[q]+pt.Needs[q].Dur && chosen[q] < pos+nd.Dur {
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
			if p.Req[k][s] > 0 {
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
			b[i] = float64(p.Req[k][s])
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
		p, err := compiled.Compile(m)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("revised/%v", iv), func(b *testing.B) {
			for b.Loop() {
				lp := newCoverLP(p)
				for k := range p.NSkills {
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
func oneDay(seed uint64, iv time.Duration) *roster.Model {
	rnd := rand.New(rand.NewPCG(seed, 3))
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC)
	n := int(24 * time.Hour / iv)
	m := &roster.Model{Demand: roster.Demand{Start: start, Interval: iv}}
	for _, name := range []string{"voice", "chat"} {
		sd := roster.SkillDemand{Skill: name, Required: make([]int, n)}
		for t := range n {
			h := float64(t) * iv.Hours()
			if h >= 7 && h < 22 {
				sd.Required[t] = int(math.Round(rostertest.DemandCurve(h, time.Tuesday, 6+4*rnd.Float64()) + rnd.Float64()))
			}
		}
		m.Demand.Skills = append(m.Demand.Skills, sd)
	}
	m.Templates = []roster.ShiftTemplate{
		{Name: "early", EarliestStart: 6 * 60, LatestStart: 9 * 60, MinLength: 6 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour},
		{Name: "late", EarliestStart: 12 * 60, LatestStart: 15 * 60, MinLength: 6 * time.Hour, MaxLength: 8 * time.Hour, Step: time.Hour},
		{Name: "short", EarliestStart: 10 * 60, LatestStart: 18 * 60, MinLength: 4 * time.Hour, MaxLength: 4 * time.Hour, Step: time.Hour},
	}
	m.Breaks = []roster.BreakRule{
		{Name: "coffee", Duration: iv, From: time.Hour, To: 4 * time.Hour, Paid: true, RequiredAbove: 5 * time.Hour},
		{Name: "lunch", Duration: iv, From: 3 * time.Hour, BeforeEnd: 2 * time.Hour, RequiredAbove: 6 * time.Hour},
	}
	m.Agents = []roster.Agent{{ID: "a", Skills: []string{"voice", "chat"}}}
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
