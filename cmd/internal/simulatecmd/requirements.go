package simulatecmd

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/policy"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// requirementsPlan is the meaning of the flags in --requirements mode.
type requirementsPlan struct {
	File            string
	AnswerSeconds   float64
	PatienceSeconds float64
	Concurrency     float64 // for chat channels
	Scheduled       bool    // simulate the scheduled agents instead of the required ones
}

// parseRequirementsFlags reads the flags that apply to a requirements
// file: the target's answer time, the patience and the chat concurrency;
// the contacts, handle times and agents come from the file.
func parseRequirementsFlags(cmd *cobra.Command, opts *Options) (requirementsPlan, error) {
	// Without flags, the staffing policy's defaults: live 80/20s, chat at
	// concurrency 2.
	p := requirementsPlan{File: opts.Requirements, Scheduled: opts.UseScheduled,
		AnswerSeconds: policy.Defaults(require.KindLive).ServiceLevel.Answer.Seconds(),
		Concurrency:   *policy.Defaults(require.KindChat).Concurrency}
	for _, name := range []string{"calls", "aht", "agents", "sweep", "blocking", "interval"} {
		if cmd.Flags().Changed(name) {
			return p, diag.Usagef("--%s does not apply with --requirements: the file gives the contacts, handle times, agents and intervals", name)
		}
	}
	// The values are read as the staffing policy reads them.
	var s policy.Settings
	set := func(flag, key, value string) error {
		if err := s.Set(key, value, policy.Source{Flag: "--" + flag + " " + value}); err != nil {
			return diag.Usagef("%w", err)
		}
		return nil
	}
	if cmd.Flags().Changed("target") {
		if err := set("target", policy.KeyServiceLevel, opts.Target); err != nil {
			return p, err
		}
		p.AnswerSeconds = s.ServiceLevel.Answer.Seconds()
	}
	if opts.Patience != "" {
		if err := set("patience", policy.KeyPatience, opts.Patience); err != nil {
			return p, err
		}
		p.PatienceSeconds = s.Patience.Seconds()
	}
	if cmd.Flags().Changed("concurrency") {
		if err := set("concurrency", policy.KeyConcurrency, strconv.FormatFloat(opts.Concurrency, 'g', -1, 64)); err != nil {
			return p, err
		}
		p.Concurrency = *s.Concurrency
	}
	return p, nil
}

// requirementsResult is one channel of a requirements file, simulated.
type requirementsResult struct {
	Channel       string  `json:"channel"`
	Skill         string  `json:"skill,omitempty"`
	Agents        string  `json:"agents"` // "required" or "scheduled"
	Intervals     int     `json:"intervals"`
	Calls         int64   `json:"calls_simulated"`
	ServiceLevel  float64 `json:"service_level"`
	ASASeconds    float64 `json:"asa_seconds"`
	AbandonRate   float64 `json:"abandon_rate"`
	Occupancy     float64 `json:"occupancy"`
	WorstInterval string  `json:"worst_interval,omitempty"`
	WorstSL       float64 `json:"worst_service_level"`
}

// requirementsRun replays a requirements file (peakstaff staff --out,
// peakstaff plan) through require.ReplayFile and prints each live and
// chat channel's simulated figures.
func requirementsRun(opts *Options, p requirementsPlan) error {
	replayed, err := require.ReplayFile(p.File, require.ReplayOptions{AnswerSeconds: p.AnswerSeconds, PatienceSeconds: p.PatienceSeconds,
		Concurrency: p.Concurrency, Scheduled: p.Scheduled, Handle: opts.HandleDist, HandleCV: opts.CV, Seed: opts.Seed, Replications: opts.Replications})
	if err != nil {
		return err
	}
	out := make([]requirementsResult, 0, len(replayed))
	for _, r := range replayed {
		rr := requirementsResult{Channel: r.Channel, Skill: r.Skill, Agents: "required", Intervals: r.Intervals, Calls: r.Overall.Offered,
			ServiceLevel: round4(r.Overall.ServiceLevel), ASASeconds: round4(r.Overall.ASASeconds),
			AbandonRate: round4(r.Overall.AbandonRate), Occupancy: round4(r.Overall.Occupancy), WorstSL: round4(r.WorstServiceLevel)}
		if p.Scheduled {
			rr.Agents = "scheduled"
		}
		if !r.Worst.IsZero() {
			rr.WorstInterval = r.Worst.Format(time.RFC3339)
		}
		out = append(out, rr)
	}
	if opts.JSON {
		return term.PrintJSON(opts.IO.Out, out)
	}
	t := term.NewTable(opts.IO, "channel", "agents", "intervals", "calls simulated", "service level", "ASA (s)", "abandon", "occupancy", "worst interval", "its service level").
		Title(fmt.Sprintf("Simulated interval by interval (%d replications, target answer %gs)", opts.Replications, p.AnswerSeconds))
	for _, r := range out {
		t.Row(r.Channel, r.Agents, r.Intervals, r.Calls, pct(r.ServiceLevel), fmt.Sprintf("%.1f", r.ASASeconds), pct(r.AbandonRate), pct(r.Occupancy), r.WorstInterval, pct(r.WorstSL))
	}
	return t.Render()
}

func pct(v float64) string     { return fmt.Sprintf("%.1f%%", 100*v) }
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }
