package erlang

import "fmt"

// MaxSweep is the most agent counts Sweep evaluates at once.
const MaxSweep = 100000

// Sweep returns the figures of q (as Evaluate) for every number of agents
// from..to, both included, in order: the what-if table of a staffing
// range. It returns an *InputError for an invalid queue or answer time,
// from < 0, to < from, or more than MaxSweep counts.
func Sweep(q Queue, from, to int, answerSeconds float64) ([]Metrics, error) {
	switch {
	case from < 0:
		return nil, &InputError{"from", float64(from), ">= 0"}
	case to < from:
		return nil, &InputError{"to", float64(to), fmt.Sprintf(">= from (%d)", from)}
	case to-from >= MaxSweep:
		return nil, &InputError{"to", float64(to), fmt.Sprintf("at most %d agent counts after from (%d)", MaxSweep, from)}
	}
	out := make([]Metrics, 0, to-from+1)
	for n := from; n <= to; n++ {
		m, err := Evaluate(q, n, answerSeconds)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
