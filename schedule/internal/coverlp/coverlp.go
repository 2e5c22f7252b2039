// Package coverlp is the one linear-programming solver of the schedule
// packages: a revised simplex for covering programs,
//
//	minimise Σ_j c_j·x_j  subject to  Σ_{j ∋ i} x_j ≥ r_i  for every covering row i,
//	                                  Σ_{j ∋ i} x_j ≤ u_i  for every capacity row i,
//	                                  x ≥ 0,
//
// where every column j has coefficient 1 in the rows it lists and 0
// elsewhere, costs c_j ≥ 0, requirements r_i ≥ 0 and capacities u_i ≥ 0.
// The roster's day-by-day lower bound (package roster) and the covering
// bound of split shifts (package shiftdesign) are such programs.
//
// Columns are generated on demand: the caller prices its columns against
// the current duals and offers the one to enter (Dantzig's rule, or the
// first improving one under Bland's rule after a run of degenerate pivots;
// Chvátal, Linear Programming, Freeman 1983, chapters 7 and 3). Surplus and
// slack columns are priced here. The basis inverse is kept dense (m² per
// pivot for m rows) and refactored by Gauss-Jordan elimination every 64
// pivots against the drift of product-form updates. Phase one is a big-M
// artificial per covering row.
package coverlp

import (
	"math"
)

// Column is a structural column: the rows where it has coefficient 1, and
// its cost. ID is the caller's, returned in the basis.
type Column struct {
	Rows []int32
	Cost float64
	ID   int
}

// Pricer offers the column to enter the basis: one with reduced cost
// c_j − Σ_{i ∈ j} u_i below limit (a negative number), the most negative
// the caller finds, or under bland the first it finds. ok false means no
// column prices below limit: the basis is optimal.
type Pricer func(u []float64, limit float64, bland bool) (col Column, reduced float64, ok bool)

// Problem is a covering program: Required are the right-hand sides of the
// covering rows (rows 0 to len(Required)-1), Capacity those of the
// capacity rows that follow them.
type Problem struct {
	Required []float64
	Capacity []float64
	// BigM is the cost of the artificial columns; it must exceed any
	// column's cost by a wide margin (100 times the largest cost, say).
	BigM float64
	// MaxIterations bounds the pivots (0: 50 per row plus 500).
	MaxIterations int
}

// Result is the last basis of a solve.
type Result struct {
	// Objective is Σ c_j·x_j of the basis, artificials included at BigM.
	Objective float64
	// Duals are the simplex multipliers u = c_B·B⁻¹, one per row.
	Duals []float64
	// Optimal is true when no column prices out (false: the iteration
	// bound or a numerical stall ended the solve; the duals still stand).
	Optimal bool
	// Artificial is the requirement still carried by artificial columns:
	// more than 0 means the covering rows cannot be met.
	Artificial float64
	// Basis are the structural columns in the basis and their values.
	Basis  []Column
	Values []float64
}

// column kinds in the basis
const (
	structural uint8 = iota
	surplus          // −1 in a covering row, cost 0
	slack            // +1 in a row: the artificial of a covering row (cost BigM), the slack of a capacity row (cost 0)
)

type basic struct {
	kind uint8
	row  int32
	col  Column
	cost float64
}

// Solver holds the working arrays of solves, reused from one to the next.
// Its zero value is ready; a Solver is not safe for concurrent use.
type Solver struct {
	m     int
	rhs   []float64
	binv  []float64 // m×m, row major
	basis []basic
	xB    []float64
	cB    []float64
	alpha []float64
	u     []float64
}

const tol = 1e-9

// Solve runs the simplex from the slack basis (artificials on the
// covering rows, slacks on the capacity rows) until price offers no
// column, and returns the last basis with its duals.
func (s *Solver) Solve(p Problem, price Pricer) Result {
	s.start(p)
	maxIter := p.MaxIterations
	if maxIter <= 0 {
		maxIter = 50 * (s.m + 10)
	}
	degenerate := 0
	optimal := false
	for iter := 0; iter < maxIter; iter++ {
		if iter > 0 && iter%64 == 0 {
			s.refactor()
		}
		s.duals()
		bland := degenerate > 30
		enter, ok := s.entering(p, price, bland)
		if !ok {
			optimal = true
			break
		}
		leave, step := s.ratioTest(enter)
		if leave < 0 {
			break // unbounded cannot happen with costs >= 0
		}
		if step < 1e-12 {
			degenerate++
		} else {
			degenerate = 0
		}
		s.pivot(leave, enter)
	}
	s.duals()
	return s.result(p, optimal)
}

// start sets up the slack basis: B = I, x_B = the right-hand sides.
func (s *Solver) start(p Problem) {
	nr := len(p.Required)
	m := nr + len(p.Capacity)
	s.m = m
	s.rhs = append(append(s.rhs[:0], p.Required...), p.Capacity...)
	s.binv = resize(s.binv, m*m)
	clear(s.binv)
	s.basis = s.basis[:0]
	s.xB = resize(s.xB, m)
	s.cB = resize(s.cB, m)
	s.alpha = resize(s.alpha, m)
	s.u = resize(s.u, m)
	for i := range m {
		s.binv[i*m+i] = 1
		cost := 0.0
		if i < nr {
			cost = p.BigM // the artificial of a covering row
		}
		s.basis = append(s.basis, basic{kind: slack, row: int32(i), cost: cost})
		s.xB[i] = s.rhs[i]
		s.cB[i] = cost
	}
}

// entering prices the surplus and slack columns, then the caller's.
func (s *Solver) entering(p Problem, price Pricer, bland bool) (basic, bool) {
	nr := len(p.Required)
	limit := -tol * (1 + p.BigM)
	var enter basic
	found := false
	for i := range s.m {
		// surplus of a covering row: reduced cost u_i; slack of a
		// capacity row: −u_i
		d := s.u[i]
		kind := surplus
		if i >= nr {
			d, kind = -s.u[i], slack
		}
		if d < limit {
			enter, limit, found = basic{kind: kind, row: int32(i)}, d, true
			if bland {
				return enter, true
			}
		}
	}
	if found {
		return enter, true
	}
	col, _, ok := price(s.u, limit, bland)
	if !ok {
		return basic{}, false
	}
	return basic{kind: structural, col: col, cost: col.Cost}, true
}

// ratioTest computes alpha = B⁻¹a of the entering column and the row
// that leaves (ties: an artificial first, then the smallest row), with
// the step.
func (s *Solver) ratioTest(enter basic) (int, float64) {
	clear(s.alpha)
	s.ftran(enter)
	leave := -1
	best := math.Inf(1)
	for i := range s.m {
		if a := s.alpha[i]; a > tol {
			ratio := s.xB[i] / a
			if ratio < best-1e-12 || (ratio < best+1e-12 && leave >= 0 && s.isArtificial(i) && !s.isArtificial(leave)) {
				best, leave = ratio, i
			}
		}
	}
	return leave, best
}

func (s *Solver) isArtificial(i int) bool {
	return s.basis[i].kind == slack && s.basis[i].cost > 0
}

// duals sets u = c_B B⁻¹.
func (s *Solver) duals() {
	m := s.m
	clear(s.u)
	for i := range m {
		c := s.cB[i]
		if c == 0 {
			continue
		}
		row := s.binv[i*m : (i+1)*m]
		for j, v := range row {
			s.u[j] += c * v
		}
	}
}

// ftran adds B⁻¹a of a column to alpha.
func (s *Solver) ftran(c basic) {
	m := s.m
	add := func(r int32, v float64) {
		for i := range m {
			s.alpha[i] += s.binv[i*m+int(r)] * v
		}
	}
	switch c.kind {
	case structural:
		for _, r := range c.col.Rows {
			add(r, 1)
		}
	case surplus:
		add(c.row, -1)
	case slack:
		add(c.row, 1)
	}
}

// pivot brings enter in at row leave (alpha holds B⁻¹a).
func (s *Solver) pivot(leave int, enter basic) {
	m := s.m
	a := s.alpha[leave]
	theta := s.xB[leave] / a
	rowL := s.binv[leave*m : (leave+1)*m]
	for j := range rowL {
		rowL[j] /= a
	}
	for i := range m {
		if i == leave || s.alpha[i] == 0 {
			continue
		}
		f := s.alpha[i]
		ri := s.binv[i*m : (i+1)*m]
		for j, v := range rowL {
			if v != 0 {
				ri[j] -= f * v
			}
		}
		s.xB[i] -= theta * f
		if s.xB[i] < 0 && s.xB[i] > -tol {
			s.xB[i] = 0
		}
	}
	s.xB[leave] = theta
	s.basis[leave] = enter
	s.cB[leave] = enter.cost
}

// refactor recomputes B⁻¹ and x_B from the basis columns (Gauss-Jordan
// with partial pivoting); a singular basis keeps the updated inverse.
func (s *Solver) refactor() {
	m := s.m
	B := make([]float64, m*m)
	for j, c := range s.basis {
		switch c.kind {
		case structural:
			for _, r := range c.col.Rows {
				B[int(r)*m+j] += 1
			}
		case surplus:
			B[int(c.row)*m+j] = -1
		case slack:
			B[int(c.row)*m+j] = 1
		}
	}
	inv := make([]float64, m*m)
	for i := range m {
		inv[i*m+i] = 1
	}
	if !gaussJordan(B, inv, m) {
		return
	}
	copy(s.binv, inv)
	for i := range m {
		var v float64
		for j := range m {
			v += inv[i*m+j] * s.rhs[j]
		}
		s.xB[i] = max(v, 0)
	}
}

// gaussJordan turns B into I and inv (I on entry) into B⁻¹; false if B
// is singular.
func gaussJordan(B, inv []float64, m int) bool {
	for col := range m {
		piv := col
		for i := col + 1; i < m; i++ {
			if math.Abs(B[i*m+col]) > math.Abs(B[piv*m+col]) {
				piv = i
			}
		}
		if math.Abs(B[piv*m+col]) < 1e-12 {
			return false
		}
		if piv != col {
			for j := range m {
				B[col*m+j], B[piv*m+j] = B[piv*m+j], B[col*m+j]
				inv[col*m+j], inv[piv*m+j] = inv[piv*m+j], inv[col*m+j]
			}
		}
		f := B[col*m+col]
		for j := range m {
			B[col*m+j] /= f
			inv[col*m+j] /= f
		}
		for i := range m {
			if i == col || B[i*m+col] == 0 {
				continue
			}
			f := B[i*m+col]
			for j := range m {
				B[i*m+j] -= f * B[col*m+j]
				inv[i*m+j] -= f * inv[col*m+j]
			}
		}
	}
	return true
}

func (s *Solver) result(p Problem, optimal bool) Result {
	res := Result{Optimal: optimal, Duals: append([]float64(nil), s.u...)}
	for i, b := range s.basis {
		res.Objective += s.cB[i] * s.xB[i]
		switch {
		case s.isArtificial(i):
			res.Artificial += s.xB[i]
		case b.kind == structural:
			res.Basis = append(res.Basis, b.col)
			res.Values = append(res.Values, s.xB[i])
		}
	}
	return res
}

func resize(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	return x[:n]
}

// Columns prices a fixed list of columns (Dantzig's rule; Bland's: the
// first improving one in list order).
func Columns(cols []Column) Pricer {
	return func(u []float64, limit float64, bland bool) (Column, float64, bool) {
		best, at := limit, -1
		for j := range cols {
			d := cols[j].Cost
			for _, r := range cols[j].Rows {
				d -= u[r]
			}
			if d < best {
				best, at = d, j
				if bland {
					break
				}
			}
		}
		if at < 0 {
			return Column{}, 0, false
		}
		return cols[at], best, true
	}
}
