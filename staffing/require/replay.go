package require

import (
	"fmt"
	"os"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// ReplayOptions say how Replay simulates a requirement's live queue.
type ReplayOptions struct {
	AnswerSeconds   float64 // T of the service level
	PatienceSeconds float64 // mean patience; 0: callers never hang up
	Concurrency     float64 // contacts a chat agent handles at once (its handle time is divided by it)
	Scheduled       bool    // simulate the scheduled agents instead of the required ones

	Handle       sim.Handle // distribution of the handle time
	HandleCV     float64    // coefficient of variation of a lognormal handle time
	Seed         uint64
	Replications int // independent runs, >= 1
}

// Replayed is one live or chat channel of a requirement, simulated
// interval by interval with its agents.
type Replayed struct {
	Channel, Skill string
	Intervals      int
	Overall        sim.Figures // over every interval
	// Worst is the start of the interval with the lowest service level
	// among those offered at least 5 calls per replication (zero when
	// none was), WorstServiceLevel its service level (1 when none).
	Worst             time.Time
	WorstServiceLevel float64
}

// Replay simulates every live and chat channel of reqs interval by
// interval with its agents (the required ones, or the scheduled ones):
// the check that the per-interval Erlang figures hold on the real,
// non-stationary day, where the queue carries from one interval to the
// next. Each channel's handle time is its contact-weighted mean (divided
// by the concurrency for chat). Deferred channels and channels without
// contacts are left out; none left is an error of the class
// diag.InvalidData.
func Replay(reqs []Requirement, opts ReplayOptions) ([]Replayed, error) {
	var out []Replayed
	for _, r := range reqs {
		if r.Kind == KindDeferred || len(r.Intervals) == 0 {
			continue
		}
		cfg, ok := replayConfig(r, opts)
		if !ok {
			continue
		}
		res, err := sim.Run(cfg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Channel, err)
		}
		rr := Replayed{Channel: r.Channel, Skill: r.Skill, Intervals: len(r.Intervals), Overall: res.Overall, WorstServiceLevel: 1}
		for i, fig := range res.Intervals {
			if fig.Offered >= int64(opts.Replications)*5 && fig.ServiceLevel < rr.WorstServiceLevel {
				rr.WorstServiceLevel = fig.ServiceLevel
				rr.Worst = r.Intervals[i].Start
			}
		}
		out = append(out, rr)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no live or chat channel with contacts to simulate", diag.ErrInvalidData)
	}
	return out, nil
}

// replayConfig is the simulation of one requirement's intervals; false
// when it has no contacts or no work.
func replayConfig(r Requirement, opts ReplayOptions) (sim.Config, bool) {
	n := len(r.Intervals)
	arrivals, agents := make([]float64, n), make([]int, n)
	work, calls := 0.0, 0.0
	for i, iv := range r.Intervals {
		arrivals[i] = iv.Contacts
		agents[i] = iv.Agents
		if opts.Scheduled {
			agents[i] = iv.Scheduled
		}
		work += iv.Contacts * iv.AHTSeconds
		calls += iv.Contacts
	}
	if calls <= 0 || work <= 0 {
		return sim.Config{}, false
	}
	aht := work / calls
	if r.Kind == KindChat && opts.Concurrency > 1 {
		aht /= opts.Concurrency
	}
	return sim.Config{IntervalSeconds: r.Interval.Seconds(), Arrivals: arrivals, Agents: agents,
		AHTSeconds: aht, Handle: opts.Handle, HandleCV: opts.HandleCV, PatienceSeconds: opts.PatienceSeconds,
		AnswerSeconds: opts.AnswerSeconds, Seed: opts.Seed, Replications: opts.Replications}, true
}

// ReplayFile is Replay of a requirements file (peakstaff staff --out,
// peakstaff plan), its errors named by the file.
func ReplayFile(path string, opts ReplayOptions) ([]Replayed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	reqs, err := ReadRequirementsCSV(f, path, ReadOptions{})
	if err != nil {
		return nil, err
	}
	out, err := Replay(reqs, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
