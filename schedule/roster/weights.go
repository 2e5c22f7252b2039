package roster

import (
	"fmt"
	"math"
)

// Weights price the soft goals of a roster; the hard rules are not
// priced, they are kept. They live apart from the model so that a planner
// can tune them without touching the rules. Coverage terms are per
// agent-hour, Staffed per hour on shift (breaks included, so that break
// time counts as the overhead it is), Cost per unit of Agent.HourlyCost ×
// paid hours, MinHours per hour below an agent's weekly minimum, the
// spreads per hour (or per weekend day) of standard deviation across all
// agents.
type Weights struct {
	Shortage float64
	Excess   float64
	// LeadGap and VeteranGap price a lead or a veteran missing for an
	// hour (LeadRule, VeteranRule). Below Shortage, so that the rules
	// never keep agents off a queue that needs them: a roster staffs the
	// demand and reports the rule's gap.
	LeadGap, VeteranGap float64
	Staffed             float64
	Cost                float64
	MinHours            float64
	// Fairness: hours (scaled to a 40-hour week by each agent's weekly
	// maximum), night hours, weekend days and peak hours.
	HoursSpread, NightSpread, WeekendSpread, PeakSpread float64
}

// DefaultWeights make an uncovered agent-hour a hundred times worse than
// an idle one, so coverage comes first; a lead or veteran missing for an
// hour weighs 30, less than the agent-hour it would cost even together
// (60), more than the staffed hours of most shifts that close it; cost
// and fairness break ties between rosters of nearly the same coverage.
func DefaultWeights() Weights {
	return Weights{
		Shortage: 100, Excess: 0.5, LeadGap: 30, VeteranGap: 30, Staffed: 1, Cost: 0.001, MinHours: 2,
		HoursSpread: 0.5, NightSpread: 0.5, WeekendSpread: 1, PeakSpread: 0.2,
	}
}

func (w Weights) Validate() error {
	for _, x := range []struct {
		name string
		v    float64
	}{{"shortage", w.Shortage}, {"excess", w.Excess}, {"lead_gap", w.LeadGap}, {"veteran_gap", w.VeteranGap}, {"staffed", w.Staffed}, {"cost", w.Cost}, {"min_hours", w.MinHours},
		{"hours_spread", w.HoursSpread}, {"night_spread", w.NightSpread}, {"weekend_spread", w.WeekendSpread}, {"peak_spread", w.PeakSpread}} {
		if math.IsNaN(x.v) || math.IsInf(x.v, 0) || x.v < 0 {
			return &ValidationError{"weights", -1, "", x.name, fmt.Errorf("%v: want a finite weight >= 0", x.v)}
		}
	}
	return nil
}

// Spread is a running standard deviation over a fixed population, updated
// when one member changes.
type Spread struct {
	N      float64
	S1, S2 float64
}

func (s *Spread) Change(old, new float64) {
	s.S1 += new - old
	s.S2 += new*new - old*old
}

func (s *Spread) Sd() float64 {
	if s.N == 0 {
		return 0
	}
	m := s.S1 / s.N
	return math.Sqrt(max(0, s.S2/s.N-m*m))
}

// stdDev is the population standard deviation of xs.
func stdDev(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	m := s / float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return math.Sqrt(v / float64(len(xs)))
}
