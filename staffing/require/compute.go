package require

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// Compute returns the agents each interval of d needs under policy p.
//
// Live: erlang.Required per interval (Erlang C, or Erlang A with a
// patience) on traffic contacts × AHT / interval. Chat: the same with the
// effective handle time AHT / concurrency (erlang.EffectiveAHT): an agent
// on c chats finishes c per AHT, so it counts as one server c times
// faster, the convention of the common Erlang calculators, stated here
// because others exist; it errs toward more staff as c grows. AHT
// must be the one measured at that concurrency. Deferred: deferred.Solve
// on the whole series (its backlog crosses intervals), rounded up per
// interval. An interval without contacts needs no agent, but one with
// opening time gets at least MinAgents.
func Compute(d Demand, p Policy) (Requirement, error) {
	if err := d.Validate(); err != nil {
		return Requirement{}, err
	}
	if err := p.Validate(); err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Channel, e.Skill = d.Channel, d.Skill
		}
		return Requirement{}, err
	}
	n := len(d.Contacts)
	r := Requirement{Channel: d.Channel, Skill: d.Skill, Kind: p.Kind, Policy: p, Start: d.Start, Interval: d.Interval,
		Intervals: make([]IntervalRequirement, n)}
	aht, err := resolveAHT(&d, &p)
	if err != nil {
		return Requirement{}, err
	}
	open := p.hours().OpenSeconds(d.Start, d.Start.Location(), d.Interval, n)
	for i := range r.Intervals {
		r.Intervals[i] = IntervalRequirement{Start: d.start(i), Contacts: d.Contacts[i], AHTSeconds: aht[i], Open: open[i] > 0,
			TrafficErlangs: d.Contacts[i] * aht[i] / d.Interval.Seconds()}
	}
	if p.Kind == KindDeferred {
		err = computeDeferred(&d, &p, aht, &r)
	} else {
		err = computeLive(&d, &p, &r)
	}
	if err != nil && !errors.Is(err, deferred.ErrInfeasible) {
		return Requirement{}, err
	}
	hours := d.Interval.Hours()
	for _, iv := range r.Intervals {
		r.AgentHours += float64(iv.Agents) * hours
		r.FractionalAgentHours += iv.AgentsFractional * hours
		r.ScheduledHours += float64(iv.Scheduled) * hours
		r.PeakAgents = max(r.PeakAgents, iv.Agents)
		r.PeakScheduled = max(r.PeakScheduled, iv.Scheduled)
	}
	return r, err
}

// resolveAHT gives every interval a handle time: the demand's, else the
// policy's. An interval with contacts and neither is an error; one without
// contacts borrows any known value (it only matters for its work, 0).
func resolveAHT(d *Demand, p *Policy) ([]float64, error) {
	n := len(d.Contacts)
	out := make([]float64, n)
	fallback := p.AHTSeconds
	for i := range out {
		switch {
		case len(d.AHTSeconds) == 1:
			out[i] = d.AHTSeconds[0]
		case len(d.AHTSeconds) == n:
			out[i] = d.AHTSeconds[i]
		}
		if out[i] == 0 {
			out[i] = p.AHTSeconds
		}
		if fallback == 0 && out[i] > 0 {
			fallback = out[i]
		}
	}
	for i := range out {
		if out[i] > 0 {
			continue
		}
		if d.Contacts[i] > 0 {
			return nil, d.errorf(i, "AHTSeconds", "no handle time for %v contacts: give one in the demand or the policy", d.Contacts[i])
		}
		out[i] = max(fallback, 1)
	}
	return out, nil
}

func computeLive(d *Demand, p *Policy, r *Requirement) error {
	conc := p.Concurrency
	if conc == 0 {
		conc = 1
	}
	for i := range r.Intervals {
		iv := &r.Intervals[i]
		if iv.Contacts == 0 {
			iv.ServiceLevel = 1
			if iv.Open && p.MinAgents > 0 {
				iv.Agents, iv.AgentsFractional, iv.Binding = p.MinAgents, float64(p.MinAgents), BindingMinAgents
				iv.Scheduled = erlang.Scheduled(p.MinAgents, p.Shrinkage)
			}
			continue
		}
		ahtEff, err := erlang.EffectiveAHT(iv.AHTSeconds, conc)
		if err != nil {
			return &Error{d.Channel, d.Skill, i, iv.Start, "AHTSeconds", fmt.Errorf("%w: %w", ErrInvalidInput, err)}
		}
		q := erlang.Queue{TrafficErlangs: erlang.Traffic(iv.Contacts, d.Interval.Seconds(), ahtEff), AHTSeconds: ahtEff, PatienceSeconds: p.PatienceSeconds}
		iv.TrafficErlangs = q.TrafficErlangs
		req, err := erlang.Required(q, p.Targets, p.Shrinkage)
		if err != nil {
			if errors.Is(err, erlang.ErrInvalidInput) {
				err = fmt.Errorf("%w: %w", ErrInvalidInput, err)
			}
			return &Error{d.Channel, d.Skill, i, iv.Start, "", err}
		}
		m := req.Metrics
		iv.Agents, iv.AgentsFractional, iv.Scheduled, iv.Binding = req.Agents, req.Fractional, req.Scheduled, string(req.Binding)
		if iv.Open && req.Agents < p.MinAgents {
			if m, err = erlang.Evaluate(q, p.MinAgents, p.Targets.AnswerSeconds); err != nil {
				return &Error{d.Channel, d.Skill, i, iv.Start, "", fmt.Errorf("%w: %w", ErrInvalidInput, err)}
			}
			iv.Agents, iv.AgentsFractional, iv.Binding = p.MinAgents, float64(p.MinAgents), BindingMinAgents
			iv.Scheduled = erlang.Scheduled(p.MinAgents, p.Shrinkage)
		}
		iv.ServiceLevel, iv.ASASeconds, iv.Occupancy, iv.PAbandon, iv.Unstable = m.ServiceLevel, m.ASASeconds, m.Occupancy, m.PAbandon, m.Unstable
	}
	return nil
}

func computeDeferred(d *Demand, p *Policy, aht []float64, r *Requirement) error {
	w := deferred.Workload{Start: d.Start, Interval: d.Interval, Location: d.Start.Location(), Arrivals: d.Contacts,
		HandleSeconds: aht, Deadline: p.Deadline, Hours: p.hours(), Backlog: p.Backlog,
		MaxOccupancy: p.Targets.MaxOccupancy, ClearByEnd: p.ClearByEnd}
	st, solveErr := deferred.Solve(w, deferred.Options{Block: p.Block})
	if solveErr != nil && !errors.Is(solveErr, deferred.ErrInfeasible) {
		if errors.Is(solveErr, deferred.ErrInvalidInput) {
			solveErr = fmt.Errorf("%w: %w", ErrInvalidInput, solveErr)
		}
		return &Error{d.Channel, d.Skill, -1, time.Time{}, "", solveErr}
	}
	whole := make([]float64, len(st.Agents))
	for i := range r.Intervals {
		iv := &r.Intervals[i]
		iv.AgentsFractional, iv.Agents = st.Agents[i], st.Rounded[i]
		if iv.Agents > 0 {
			iv.Binding = BindingDeadline
		}
		if iv.Open && iv.Agents < p.MinAgents {
			iv.Agents, iv.Binding = p.MinAgents, BindingMinAgents
			iv.AgentsFractional = math.Max(iv.AgentsFractional, float64(p.MinAgents))
		}
		iv.Scheduled = erlang.Scheduled(iv.Agents, p.Shrinkage)
		whole[i] = float64(iv.Agents)
	}
	// The figures are those of the whole agents, as for live queues.
	ev, err := deferred.Evaluate(w, whole)
	if err != nil {
		return &Error{d.Channel, d.Skill, -1, time.Time{}, "", fmt.Errorf("%w: %w", ErrInvalidInput, err)}
	}
	for i := range r.Intervals {
		f, iv := ev.Intervals[i], &r.Intervals[i]
		iv.Occupancy, iv.Backlog, iv.OldestAgeHours = f.Occupancy, f.Backlog, f.OldestAgeHours
	}
	r.Deferred = &ev
	if solveErr != nil {
		return &Error{d.Channel, d.Skill, -1, time.Time{}, "", solveErr}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
