package erlang

import (
	"fmt"
	"math"
)

// Target names a service target. The order of the constants is the order
// in which a binding target is chosen when several bind at once.
type Target string

const (
	TargetServiceLevel Target = "service_level" // at least Targets.ServiceLevel answered within Targets.AnswerSeconds
	TargetASA          Target = "asa"           // mean wait at most Targets.MaxASASeconds
	TargetOccupancy    Target = "occupancy"     // occupancy at most Targets.MaxOccupancy
	TargetAbandonment  Target = "abandonment"   // P(abandon) at most Targets.MaxAbandon (Erlang A)
	// TargetStability binds only when no service-level or ASA target is set
	// and Erlang C needs N > A for its queue to stay finite.
	TargetStability Target = "stability"
	// TargetBlocking is the target of RequiredLines.
	TargetBlocking Target = "blocking"
)

// Targets are the service targets a staffing level must meet. A zero field
// is no target; at least one must be set.
type Targets struct {
	ServiceLevel  float64 // fraction answered within AnswerSeconds, in (0, 1]
	AnswerSeconds float64 // the T of "80% in T seconds", >= 0
	MaxASASeconds float64 // cap on ASA (Metrics.ASASeconds), > 0
	MaxOccupancy  float64 // cap on occupancy, in (0, 1]
	MaxAbandon    float64 // cap on P(abandon), in (0, 1]; needs a patience
}

// Validate reports the first target out of its domain as an *InputError.
func (t Targets) Validate(q Queue) error {
	switch {
	case !finite(t.ServiceLevel) || t.ServiceLevel < 0 || t.ServiceLevel > 1:
		return &InputError{"ServiceLevel", t.ServiceLevel, "a fraction in (0, 1], or 0 for none"}
	case !finite(t.AnswerSeconds) || t.AnswerSeconds < 0:
		return &InputError{"AnswerSeconds", t.AnswerSeconds, ">= 0"}
	case !finite(t.MaxASASeconds) || t.MaxASASeconds < 0:
		return &InputError{"MaxASASeconds", t.MaxASASeconds, "> 0, or 0 for none"}
	case !finite(t.MaxOccupancy) || t.MaxOccupancy < 0 || t.MaxOccupancy > 1:
		return &InputError{"MaxOccupancy", t.MaxOccupancy, "a fraction in (0, 1], or 0 for none"}
	case !finite(t.MaxAbandon) || t.MaxAbandon < 0 || t.MaxAbandon > 1:
		return &InputError{"MaxAbandon", t.MaxAbandon, "a fraction in (0, 1], or 0 for none"}
	case t.MaxAbandon > 0 && q.PatienceSeconds == 0:
		return &InputError{"MaxAbandon", t.MaxAbandon, "a patience (Queue.PatienceSeconds > 0): without one nobody abandons"}
	case t.ServiceLevel == 0 && t.MaxASASeconds == 0 && t.MaxOccupancy == 0 && t.MaxAbandon == 0:
		return &InputError{"Targets", 0, "at least one target"}
	}
	return nil
}

// targetOrder is the order in which misses are reported.
var targetOrder = [...]Target{TargetServiceLevel, TargetASA, TargetOccupancy, TargetAbandonment}

// misses reports whether m misses target tg (false when tg is not set). N = 0
// with traffic answers nobody and misses every target that is set.
func (t Targets) misses(m Metrics, tg Target) bool {
	if !t.set(tg) {
		return false
	}
	if m.Agents == 0 && m.TrafficErlangs > 0 {
		return true
	}
	switch tg {
	case TargetServiceLevel:
		return m.ServiceLevel < t.ServiceLevel
	case TargetASA:
		return m.Unstable || m.ASASeconds > t.MaxASASeconds
	case TargetOccupancy:
		return m.Occupancy > t.MaxOccupancy
	case TargetAbandonment:
		return m.PAbandon > t.MaxAbandon
	}
	return false
}

// firstMiss returns the first target, in targetOrder, that m misses, then
// TargetStability for an unstable Erlang C queue, or "" when m meets all.
func (t Targets) firstMiss(m Metrics) Target {
	for _, tg := range targetOrder {
		if t.misses(m, tg) {
			return tg
		}
	}
	if m.Unstable {
		return TargetStability
	}
	return ""
}

func (t Targets) set(tg Target) bool {
	switch tg {
	case TargetServiceLevel:
		return t.ServiceLevel > 0
	case TargetASA:
		return t.MaxASASeconds > 0
	case TargetOccupancy:
		return t.MaxOccupancy > 0
	case TargetAbandonment:
		return t.MaxAbandon > 0
	}
	return false
}

// Requirement is the staffing that meets a set of targets.
type Requirement struct {
	// Agents is the smallest N meeting every target.
	Agents int
	// Fractional is a continuous figure in [Agents-1, Agents] for adding
	// up queues before rounding (rounding each queue up over-staffs;
	// pyworkforce issue #41). For each target that N-1 misses, the metric
	// is interpolated linearly between N-1 and N and the point where it
	// meets the target is taken; Fractional is the largest such point.
	// Exceptions: an Erlang C occupancy cap gives A/cap exactly; when N-1
	// is unstable (Erlang C, N-1 <= A) the lower end is A itself, where the
	// service level is 0 and 1/ASA is 0 (ASA is interpolated in 1/ASA
	// there). Fractional is 0 when Agents is 0.
	Fractional float64
	// Scheduled is ceil(Agents / (1 - shrinkage)): the agents to roster so
	// that Agents remain on the phones after breaks, meetings, absence.
	Scheduled int
	// Binding is the target that sets Agents: the first target, in the
	// order service_level, asa, occupancy, abandonment, that N-1 agents
	// miss. Removing it alone lowers N when it is the only one N-1 misses.
	// Empty when Agents is 0.
	Binding Target
	// Metrics are the figures at Agents.
	Metrics Metrics
}

// Required returns the smallest number of agents N that meets every target
// in t for queue q (Erlang C with infinite patience, exact Erlang A
// otherwise), which target binds, a fractional figure and the scheduled
// agents with the given shrinkage (fraction of paid time off the phones, in
// [0, 1)).
//
// Erlang C: N starts at the larger of floor(A)+1 (stability) and the
// occupancy bound ceil(A/cap), where B(N, A) is computed once in O(√A), and
// rises by the recursion B(N+1) = A B / (N+1 + A B) in O(1) per step until
// every target holds; the service level, ASA and occupancy are monotone in N,
// so the first N that meets them is the smallest. Erlang A: exponential then
// binary search over N on the exact chain (service level rises, ASA,
// abandonment and occupancy fall with N). It returns an *InputError for
// invalid inputs and ErrInfeasible when no N <= MaxAgents meets the
// targets (e.g. a service level of 100% within 0 s).
func Required(q Queue, t Targets, shrinkage float64) (Requirement, error) {
	if err := q.Validate(); err != nil {
		return Requirement{}, err
	}
	if err := t.Validate(q); err != nil {
		return Requirement{}, err
	}
	if !finite(shrinkage) || shrinkage < 0 || shrinkage >= 1 {
		return Requirement{}, &InputError{"shrinkage", shrinkage, "a fraction in [0, 1)"}
	}
	a := q.TrafficErlangs
	if a == 0 {
		return Requirement{Metrics: evaluate(q, 0, t.AnswerSeconds)}, nil
	}
	var at, below Metrics
	var err error
	if q.PatienceSeconds > 0 {
		at, below, err = searchA(q, t)
	} else {
		at, below, err = searchC(q, t)
	}
	if err != nil {
		return Requirement{}, err
	}
	n := at.Agents
	return Requirement{
		Agents:     n,
		Fractional: fractional(q, t, below, at),
		Scheduled:  Scheduled(n, shrinkage),
		Binding:    t.firstMiss(below),
		Metrics:    at,
	}, nil
}

// searchC returns the Erlang C figures at the smallest N meeting t and at N-1.
func searchC(q Queue, t Targets) (at, below Metrics, err error) {
	a, aht, sec := q.TrafficErlangs, q.AHTSeconds, t.AnswerSeconds
	lo := int(math.Floor(a)) + 1
	if t.MaxOccupancy > 0 {
		lo = max(lo, minAgentsForOccupancy(a, t.MaxOccupancy))
	}
	if lo > MaxAgents {
		return at, below, fmt.Errorf("%w: more than %d agents needed for %.6g Erlangs", ErrInfeasible, MaxAgents, a)
	}
	var b float64
	if fl := int(math.Floor(a)); lo == fl+1 && fl > 0 {
		// One step from floor(A) <= A, where 1/B is a sum of products
		// (no division per term, no special function).
		b = nextErlangB(fl, a, 1/lossSumBelow(fl, a))
	} else {
		b = ErlangB(lo, a)
	}
	prev := metricsC(lo-1, a, previousErlangB(lo, a, b), aht, sec)
	for n := lo; n <= MaxAgents; n++ {
		m := metricsC(n, a, b, aht, sec)
		m.MeanWaitAnsweredSeconds = m.ASASeconds
		if t.firstMiss(m) == "" {
			prev.MeanWaitAnsweredSeconds = prev.ASASeconds
			return m, prev, nil
		}
		prev = m
		b = nextErlangB(n, a, b)
	}
	return at, below, fmt.Errorf("%w: more than %d agents needed", ErrInfeasible, MaxAgents)
}

// previousErlangB returns B(n-1, a) from b = B(n, a), inverting the
// recursion: B(n-1) = n B(n) / (a (1 - B(n))). One step amplifies the
// relative error by 1/(1 - B(n)) only. It is used for n-1 > a, else 0.
func previousErlangB(n int, a, b float64) float64 {
	if float64(n-1) <= a || b >= 1 {
		return 0
	}
	return float64(n) * b / (a * (1 - b))
}

// minAgentsForOccupancy returns the smallest n with a/n <= cap, computed with
// the same division metricsC uses, so the bound and the check agree.
func minAgentsForOccupancy(a, cap float64) int {
	n := max(1, int(math.Ceil(a/cap)))
	for n > 1 && a/float64(n-1) <= cap {
		n--
	}
	for a/float64(n) > cap {
		n++
	}
	return n
}

// searchA returns the Erlang A figures at the smallest N meeting t and at
// N-1, by doubling then bisection.
func searchA(q Queue, t Targets) (at, below Metrics, err error) {
	memo := map[int]Metrics{}
	eval := func(n int) Metrics {
		m, ok := memo[n]
		if !ok {
			m = evaluate(q, n, t.AnswerSeconds)
			memo[n] = m
		}
		return m
	}
	meets := func(n int) bool { return t.firstMiss(eval(n)) == "" }
	lo, hi := 0, max(1, int(math.Ceil(q.TrafficErlangs))) // N = 0 never meets (traffic > 0)
	for !meets(hi) {
		if hi == MaxAgents {
			return at, below, fmt.Errorf("%w: more than %d agents needed", ErrInfeasible, MaxAgents)
		}
		lo, hi = hi, min(2*hi, MaxAgents)
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if meets(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return eval(hi), eval(hi - 1), nil
}

// fractional implements Requirement.Fractional from the figures at N-1
// (below) and N (at).
func fractional(q Queue, t Targets, below, at Metrics) float64 {
	n := float64(at.Agents)
	a := q.TrafficErlangs
	x0 := n - 1
	if below.Unstable {
		x0 = a
	}
	// interp returns where a metric, linear between (x0, y0) and (n, y1),
	// reaches y; n when the line does not reach y inside [x0, n].
	interp := func(y0, y1, y float64) float64 {
		x := x0 + (y-y0)/(y1-y0)*(n-x0)
		if !(x >= x0 && x <= n) {
			return n
		}
		return x
	}
	f := x0
	for _, tg := range targetOrder {
		if !t.misses(below, tg) {
			continue
		}
		x := n
		switch tg {
		case TargetServiceLevel:
			x = interp(below.ServiceLevel, at.ServiceLevel, t.ServiceLevel)
		case TargetASA:
			if below.Unstable || below.Agents == 0 {
				if at.ASASeconds > 0 {
					x = interp(0, 1/at.ASASeconds, 1/t.MaxASASeconds)
				}
			} else {
				x = interp(below.ASASeconds, at.ASASeconds, t.MaxASASeconds)
			}
		case TargetOccupancy:
			if q.PatienceSeconds == 0 {
				x = a / t.MaxOccupancy
			} else if below.Agents > 0 {
				x = interp(below.Occupancy, at.Occupancy, t.MaxOccupancy)
			}
		case TargetAbandonment:
			x = interp(below.PAbandon, at.PAbandon, t.MaxAbandon)
		}
		f = max(f, x)
	}
	return min(f, n)
}

// Scheduled returns ceil(agents / (1 - shrinkage)), the agents to roster so
// that agents remain available after shrinkage (breaks, meetings, training,
// absence: a fraction of paid time in [0, 1)). A quotient within 1e-9 of an
// integer counts as that integer, so 14 agents at 30% give 20, not 21
// (14/0.7 is 20.000000000000004 in float64).
func Scheduled(agents int, shrinkage float64) int {
	x := float64(agents) / (1 - shrinkage)
	if r := math.Round(x); math.Abs(x-r) <= 1e-9*math.Max(1, x) {
		return int(r)
	}
	return int(math.Ceil(x))
}

// RequiredLines returns the smallest number of lines (trunks, or agents in
// a system without a queue) whose Erlang B blocking is at most maxBlocking
// for a Erlangs, and that blocking. The search starts at floor(a (1 - p)):
// since the carried load a (1 - B) cannot exceed n, B(n) >= 1 - n/a, so no
// smaller n can block less than p. It returns an *InputError for a outside
// [0, MaxTrafficErlangs] or maxBlocking outside (0, 1), and ErrInfeasible
// beyond MaxAgents lines.
func RequiredLines(trafficErlangs, maxBlocking float64) (lines int, blocking float64, err error) {
	a := trafficErlangs
	if !finite(a) || a < 0 || a > MaxTrafficErlangs {
		return 0, 0, &InputError{"trafficErlangs", a, fmt.Sprintf("between 0 and %d", MaxTrafficErlangs)}
	}
	if !finite(maxBlocking) || maxBlocking <= 0 || maxBlocking >= 1 {
		return 0, 0, &InputError{"maxBlocking", maxBlocking, "a fraction in (0, 1)"}
	}
	if a == 0 {
		return 0, 0, nil
	}
	n := int(math.Floor(a * (1 - maxBlocking)))
	b := ErlangB(n, a)
	for ; n <= MaxAgents; n++ {
		if b <= maxBlocking {
			return n, b, nil
		}
		b = nextErlangB(n, a, b)
	}
	return 0, 0, fmt.Errorf("%w: more than %d lines needed", ErrInfeasible, MaxAgents)
}
