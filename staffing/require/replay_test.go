package require_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
	"github.com/peakstaff/peakstaff/staffing/sim"
)

// replayRequirement is a channel of n half-hour intervals with the given
// contacts and agents (scheduled: one more each).
func replayRequirement(channel string, kind require.Kind, contacts []float64, agents []int, ahtSeconds float64) require.Requirement {
	start := time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)
	r := require.Requirement{Channel: channel, Kind: kind, Interval: 30 * time.Minute}
	for i, c := range contacts {
		r.Intervals = append(r.Intervals, require.IntervalRequirement{Start: start.Add(time.Duration(i) * 30 * time.Minute),
			Contacts: c, AHTSeconds: ahtSeconds, Agents: agents[i], Scheduled: agents[i] + 1})
	}
	return r
}

// TestReplay: a steady live channel staffed by Erlang C replays near the
// formula's service level; the understaffed interval is the worst; the
// deferred channel is left out; more agents (scheduled) answer better.
func TestReplay(t *testing.T) {
	q := erlang.Queue{TrafficErlangs: 100 * 180 / 1800.0, AHTSeconds: 180}
	m, err := erlang.Evaluate(q, 13, 20)
	if err != nil {
		t.Fatal(err)
	}
	live := replayRequirement("phone", require.KindLive, []float64{100, 100, 100, 100}, []int{13, 13, 9, 13}, 180)
	email := replayRequirement("email", require.KindDeferred, []float64{10, 10, 10, 10}, []int{1, 1, 1, 1}, 600)
	opts := require.ReplayOptions{AnswerSeconds: 20, Handle: sim.Exponential, Seed: 1, Replications: 200}
	got, err := require.Replay([]require.Requirement{email, live}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Channel != "phone" || got[0].Intervals != 4 {
		t.Fatalf("replayed %+v, want phone's 4 intervals", got)
	}
	if want := live.Intervals[2].Start; !got[0].Worst.Equal(want) || got[0].WorstServiceLevel >= got[0].Overall.ServiceLevel {
		t.Errorf("worst %v at %v, want the 9 agents' interval %v", got[0].WorstServiceLevel, got[0].Worst, want)
	}
	opts.Scheduled = true
	more, err := require.Replay([]require.Requirement{live}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if more[0].Overall.ServiceLevel <= got[0].Overall.ServiceLevel {
		t.Errorf("scheduled agents %v, required %v: one more agent should answer better", more[0].Overall.ServiceLevel, got[0].Overall.ServiceLevel)
	}
	// all intervals at 13 agents: the simulation meets Erlang C's figure
	steady := replayRequirement("phone", require.KindLive, []float64{100, 100, 100, 100}, []int{13, 13, 13, 13}, 180)
	opts.Scheduled = false
	st, err := require.Replay([]require.Requirement{steady}, opts)
	if err != nil {
		t.Fatal(err)
	}
	// the first interval starts empty, so the replay answers a little better
	if d := st[0].Overall.ServiceLevel - m.ServiceLevel; d < -0.02 || d > 0.08 {
		t.Errorf("replayed service level %v, Erlang C %v", st[0].Overall.ServiceLevel, m.ServiceLevel)
	}
}

// TestReplayChatConcurrency: a chat agent at concurrency 2 works half
// as long per contact: the same agents answer better.
func TestReplayChatConcurrency(t *testing.T) {
	chat := replayRequirement("chat", require.KindChat, []float64{20, 20}, []int{8, 8}, 420)
	opts := require.ReplayOptions{AnswerSeconds: 60, Handle: sim.Exponential, Seed: 2, Replications: 100, Concurrency: 1}
	one, err := require.Replay([]require.Requirement{chat}, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Concurrency = 2
	two, err := require.Replay([]require.Requirement{chat}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if two[0].Overall.Occupancy >= one[0].Overall.Occupancy || math.Abs(two[0].Overall.Occupancy*2-one[0].Overall.Occupancy) > 0.05 {
		t.Errorf("occupancy %v at concurrency 2, %v at 1: want about half", two[0].Overall.Occupancy, one[0].Overall.Occupancy)
	}
}

// TestReplayNothingLive: only deferred work, or no contacts, is invalid
// data (exit 3), named by the file in ReplayFile.
func TestReplayNothingLive(t *testing.T) {
	email := replayRequirement("email", require.KindDeferred, []float64{10}, []int{1}, 600)
	quiet := replayRequirement("phone", require.KindLive, []float64{0}, []int{1}, 180)
	_, err := require.Replay([]require.Requirement{email, quiet}, require.ReplayOptions{Replications: 1})
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("exit %d: %v", diag.ExitCode(err), err)
	}
	_, err = require.ReplayFile(filepath.Join(t.TempDir(), "none.csv"), require.ReplayOptions{Replications: 1})
	if !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
	if err != nil && strings.Contains(err.Error(), "simulate") {
		t.Errorf("a missing file is not a simulation error: %v", err)
	}
}
