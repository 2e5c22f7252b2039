// Package pipeline runs a plan's stages in order (import -> forecast ->
// staffing), once per scenario, and hands plain results to the commands that
// print and write them.
package pipeline

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/policy"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Import reads the plan's history files into one merged set of contacts.
func Import(p *config.Plan) (*importers.Set, []string, error) {
	var rules *importers.TypeRules
	if p.Types != "" {
		r, err := config.LoadTypeRules(p.Resolve(p.Types))
		if err != nil {
			return nil, nil, err
		}
		rules = r
	}
	set := importers.NewSet()
	var inputs []string
	for _, h := range p.History {
		o := importers.Options{Location: p.Season.Location, Rules: rules}
		if h.TZ != "" {
			loc, err := time.LoadLocation(h.TZ)
			if err != nil {
				return nil, nil, err
			}
			o.FileLocation = loc
		}
		if h.Format != "" {
			f, err := importers.FormatByName(h.Format)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w: history %s: %w", p.Path, config.ErrInvalid, h.File, err)
			}
			o.Format = f
		}
		if h.Spec != nil {
			o.Format = &importers.MapFormat{Spec: h.Spec}
		}
		o.DefaultChannel, o.DateOrder = h.DefaultChannel, h.DateOrder
		path := p.Resolve(h.File)
		o.HeldContacts = set.Len() // the files share the memory budget
		fr, err := importers.ReadFile(path, o)
		if err != nil {
			return nil, nil, err
		}
		if err := fr.LimitError(); err != nil {
			return nil, nil, err
		}
		set.Add(fr)
		inputs = append(inputs, path)
	}
	if !p.HistoryEndAt.IsZero() {
		p.HistoryCut = set.CutAfter(p.HistoryEndAt)
	}
	if set.Len() == 0 {
		if p.HistoryCut > 0 {
			return nil, nil, fmt.Errorf("%w: no contact of the plan's history files was created by history_end %s", importers.ErrInvalidData, p.HistoryEnd)
		}
		return nil, nil, fmt.Errorf("%w: no contact could be read from the plan's history files", importers.ErrInvalidData)
	}
	return set, inputs, nil
}

// Forecast runs the forecast of the plan (with a scenario's growth).
func Forecast(p *config.Plan, h *forecast.History, sc *config.Scenario) (*forecast.Result, error) {
	cfg := forecast.Config{Season: p.Season.Range, Growth: p.Forecast.Growth, AHTUplift: p.Forecast.HandleTimeUplift,
		Intraday: p.Forecast.IntradayProfile, IntradayHint: "forecast.intraday in the plan", WeekShape: p.Forecast.WeekWeights}
	for _, e := range p.Forecast.Events {
		cfg.Events = append(cfg.Events, e.Event)
	}
	if len(cfg.Events) == 0 && !p.Forecast.Events.None() {
		cfg.Events = forecast.EventsNear(p.Season.Range, 10)
	}
	if w := p.Forecast.EventWindow; w != nil {
		cfg.EventWindow = *w
		if *w == 0 {
			cfg.EventWindow = forecast.EventDayOnly
		}
	}
	if sc != nil && sc.Growth > 0 {
		cfg.Growth = sc.Growth
	}
	var orderWarnings []string
	if o := p.Forecast.Orders; o != nil {
		file, err := forecast.ReadOrders(p.Resolve(o.File), o.Options)
		if err != nil {
			return nil, err
		}
		ord := &forecast.Orders{History: map[civil.Date]float64{}, Forecast: map[civil.Date]float64{}, Total: o.Total}
		for d, v := range file.Daily {
			if d.Before(p.Season.Range.Start) {
				ord.History[d] = v
			} else if o.Total == 0 && p.Season.Range.Contains(d) {
				ord.Forecast[d] = v
			}
		}
		if sc != nil && sc.Growth > 0 && p.Forecast.Growth > 0 {
			// a scenario's growth scales the order forecast the same way
			ord.Total *= sc.Growth / p.Forecast.Growth
		}
		cfg.Orders = ord
		orderWarnings = file.Warnings
	}
	res, err := forecast.Forecast(h, cfg)
	if err == nil {
		for _, w := range orderWarnings {
			res.Warnings = append(res.Warnings, p.Forecast.Orders.File+": "+w)
		}
		if p.HistoryEnd != "" {
			res.Notes = append(res.Notes, fmt.Sprintf("history_end %s: the history ends that day; %d contacts created after it were left out", p.HistoryEnd, p.HistoryCut))
		}
		if p.Forecast.Events.None() {
			res.Notes = append(res.Notes, "events: none: every day follows the day 364 days before (same weekday)")
		}
	}
	return res, err
}

// defaultHandle is the handle time assumed for a channel whose history has
// none and whose plan gives none (seconds): a typical e-commerce ticket,
// chat and call.
var defaultHandle = map[string]float64{"phone": 360, "chat": 480, "email": 420, "messaging": 420, "social": 300, "other": 420}

// Demands sums the forecast per channel and interval, at quantile q, with
// a scenario's volume, deflection and handle-time changes applied. The
// handle time per interval is the contacts-weighted mean of the issue
// types' (so a gift-card surge lengthens it), each SlotAHT.
func Demands(p *config.Plan, res *forecast.Result, sc *config.Scenario, q float64) ([]require.Demand, []string) {
	var notes []string
	type acc struct {
		contacts, work []float64
	}
	byChannel := map[string]*acc{}
	index := map[int64]int{}
	var starts []time.Time
	for _, s := range res.Slots {
		if _, ok := index[s.Start.Unix()]; !ok {
			index[s.Start.Unix()] = len(starts)
			starts = append(starts, s.Start)
		}
	}
	n := len(starts)
	missingAHT := map[string]bool{}
	for _, s := range res.Slots {
		a := byChannel[s.Key.Channel]
		if a == nil {
			a = &acc{contacts: make([]float64, n), work: make([]float64, n)}
			byChannel[s.Key.Channel] = a
		}
		v := res.Bands.Rate(s.Band.P50, q)
		aht, assumed := SlotAHT(p, &s)
		if assumed {
			missingAHT[s.Key.Channel] = true
		}
		if sc != nil {
			v *= 1 + sc.VolumeChange
			if d, ok := sc.Deflection[s.Key.IssueType]; ok {
				v *= 1 - float64(d)
			}
			if c, ok := sc.HandleTimeChange[s.Key.IssueType]; ok {
				aht *= 1 + c
			} else if c, ok := sc.HandleTimeChange["all"]; ok {
				aht *= 1 + c
			}
		}
		i := index[s.Start.Unix()]
		a.contacts[i] += v
		a.work[i] += v * aht
	}
	for ch := range missingAHT {
		notes = append(notes, fmt.Sprintf("%s: the history has no handle times; %.0f s assumed (set channels.%s.handle_time)", ch, defaultHandle[ch], ch))
	}
	var out []require.Demand
	for _, ch := range sortedKeys(byChannel) {
		a := byChannel[ch]
		d := require.Demand{Channel: ch, Start: starts[0], Interval: res.Interval, Contacts: a.contacts, AHTSeconds: make([]float64, n)}
		fallback := 0.0
		sumC, sumW := 0.0, 0.0
		for i := range a.contacts {
			sumC += a.contacts[i]
			sumW += a.work[i]
		}
		if sumC > 0 {
			fallback = sumW / sumC
		}
		for i := range a.contacts {
			if a.contacts[i] > 0 {
				d.AHTSeconds[i] = a.work[i] / a.contacts[i]
			} else {
				d.AHTSeconds[i] = fallback
			}
		}
		out = append(out, d)
	}
	sort.Slice(notes, func(i, j int) bool { return notes[i] < notes[j] })
	return out, notes
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		return rank(out[i]) < rank(out[j]) || (rank(out[i]) == rank(out[j]) && out[i] < out[j])
	})
	return out
}

func rank(ch string) int {
	for i, c := range importers.Channels {
		if string(c) == ch {
			return i
		}
	}
	return len(importers.Channels)
}

// Policies resolves the staffing policy of every channel through package
// policy: the plan's settings and a scenario's (config.Plan.PolicyLayers)
// over the built-in defaults, the same as peakstaff staff with a policy
// file of the same keys.
func Policies(p *config.Plan, channels []string, sc *config.Scenario) (map[string]require.Policy, error) {
	out := map[string]require.Policy{}
	for _, name := range channels {
		pol, err := policy.Resolve(name, p.PolicyLayers(name, sc)...)
		if err != nil {
			return nil, err
		}
		out[name] = pol
	}
	return out, nil
}

// TeamGroups are the staffing groups of the plan's team: one group per
// distinct set of channels the agents of the agents file serve (4
// phone-only agents and 10 who serve everything are two groups). A channel
// several groups serve is split between them by the time their agents can
// give it: each agent gives 1/k of its time to each of its k channels.
// Without an agents file (no team, or a generated team whose agents serve
// every channel) there is one group of all channels (nil).
func TeamGroups(p *config.Plan, channels []string) ([]require.Group, error) {
	if p.Team == nil || p.Team.Agents == "" {
		return nil, nil
	}
	agents, err := Team(p, channels, nil)
	if err != nil {
		return nil, err
	}
	skills := make([][]string, len(agents))
	for i, a := range agents {
		skills[i] = a.Skills
	}
	groups, err := require.GroupsFromSkills(skills, channels)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: team.agents: %w (give an agent the skill, or drop the channel)", p.Path, config.ErrInvalid, err)
	}
	return groups, nil
}

// Staffing is the requirement of one scenario.
type Staffing struct {
	Plan  require.Plan
	Notes []string
	// Infeasible lists deferred channels whose deadlines cannot all be met.
	Infeasible error
	// Forecast and Scenario are what the requirement was computed from
	// (the roster's reserve sizes itself on the forecast's upper band).
	Forecast *forecast.Result
	Scenario *config.Scenario
}

// Staff computes the agents needed per interval for every channel.
func Staff(p *config.Plan, res *forecast.Result, sc *config.Scenario) (*Staffing, error) {
	q := p.Forecast.Quantile
	if sc != nil && sc.Quantile > 0 {
		q = sc.Quantile
	}
	demands, notes := Demands(p, res, sc, q)
	var channels []string
	for _, d := range demands {
		channels = append(channels, d.Channel)
	}
	pols, err := Policies(p, channels, sc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", p.Path, config.ErrInvalid, err)
	}
	groups, err := TeamGroups(p, channels)
	if err != nil {
		return nil, err
	}
	plan, err := require.ComputeGroups(demands, pols, groups, require.DefaultGroupOptions)
	st := &Staffing{Plan: plan, Notes: notes, Forecast: res, Scenario: sc}
	if err != nil {
		if !errors.Is(err, deferred.ErrInfeasible) {
			return nil, err
		}
		st.Infeasible = err
	}
	return st, nil
}

// Summary is one scenario's figures side by side with the others'.
type Summary struct {
	Name          string         `json:"name"`
	Contacts      float64        `json:"contacts"`
	WorkloadHours float64        `json:"workload_hours"`
	PeakRequired  int            `json:"peak_required"`
	AvgRequired   float64        `json:"avg_required"`
	RequiredHours float64        `json:"required_hours"`
	ByChannel     map[string]int `json:"peak_by_channel"`
	// ServiceLevel is the expected (Erlang) service level of the live and
	// chat channels at the required agents, weighted by contacts; nil
	// (JSON null) when the plan has no live channel.
	ServiceLevel *float64 `json:"service_level"`
	// With a team: the roster's figures and its simulation.
	ScheduledHours        float64           `json:"scheduled_hours"`
	Cost                  float64           `json:"cost"`
	SimulatedServiceLevel float64           `json:"simulated_service_level"`
	AbandonRate           float64           `json:"abandon_rate"`
	ShortfallHours        float64           `json:"shortfall_hours"`
	ShortIntervals        int               `json:"short_intervals"`
	Hires                 map[string]int    `json:"hires"`
	HireBy                map[string]string `json:"hire_by"`
}

// AddRoster adds a roster's figures and its simulation to the summary.
func (s *Summary) AddRoster(sch *Schedule, sims []SimCheck) {
	if sch != nil && sch.Result != nil && sch.Result.Evaluation != nil {
		ev := sch.Result.Evaluation
		s.ScheduledHours = math.Round(ev.PaidHours*10) / 10
		s.Cost = math.Round(ev.Cost*100) / 100
		seen := map[int64]bool{} // intervals in which some group is short
		for _, u := range ev.Unmet {
			seen[u.Start.Unix()] = true
		}
		s.ShortIntervals = len(seen)
		s.ShortfallHours = math.Round(ev.ShortageHours*10) / 10
		for t, n := range sch.Hires {
			s.Hires[t] = n
		}
		for t, d := range sch.HireBy {
			s.HireBy[t] = d.Format("2006-01-02")
		}
	}
	var sl, ab, n float64
	for _, c := range sims {
		if !c.Live {
			continue
		}
		sl += c.ServiceLevel * float64(c.Offered)
		ab += c.AbandonRate * float64(c.Offered)
		n += float64(c.Offered)
	}
	if n > 0 {
		s.SimulatedServiceLevel = math.Round(sl/n*1000) / 1000
		s.AbandonRate = math.Round(ab/n*1000) / 1000
	}
}

// Summarize totals a scenario's staffing.
func Summarize(name string, st *Staffing) Summary {
	s := Summary{Name: name, ByChannel: map[string]int{}, Hires: map[string]int{}, HireBy: map[string]string{}}
	var slW, slN float64
	for _, r := range st.Plan.Requirements {
		for _, iv := range r.Intervals {
			s.Contacts += iv.Contacts
			s.WorkloadHours += iv.Contacts * iv.AHTSeconds / 3600
			if r.Kind != require.KindDeferred && iv.Contacts > 0 {
				slW += iv.ServiceLevel * iv.Contacts
				slN += iv.Contacts
			}
		}
		s.ByChannel[r.Channel] = r.PeakScheduled
	}
	for _, g := range st.Plan.Groups {
		s.RequiredHours += g.ScheduledHours // one definition: the groups' paid hours
	}
	sum, n := 0.0, 0
	for _, c := range st.Plan.Combined {
		if c.Scheduled > s.PeakRequired {
			s.PeakRequired = c.Scheduled
		}
		sum += float64(c.Scheduled)
		n++
	}
	if n > 0 {
		s.AvgRequired = sum / float64(n)
	}
	if slN > 0 {
		sl := math.Round(slW/slN*1000) / 1000
		s.ServiceLevel = &sl
	}
	s.Contacts = math.Round(s.Contacts)
	s.WorkloadHours = math.Round(s.WorkloadHours*10) / 10
	s.AvgRequired = math.Round(s.AvgRequired*10) / 10
	s.RequiredHours = math.Round(s.RequiredHours*10) / 10
	return s
}

// SlotAHT is the handle time, in seconds, a forecast slot is staffed
// with: the plan's issue_types.<type>.handle_time when set, else the
// forecast's (from the history, with its uplift), else the plan's
// channels.<channel>.handle_time, else the channel's default; assumed is
// set for the default (neither the plan nor the history gave one).
func SlotAHT(p *config.Plan, s *forecast.Interval) (aht float64, assumed bool) {
	if it, ok := p.IssueTypes[s.Key.IssueType]; ok && it.HandleTime != nil {
		return time.Duration(*it.HandleTime).Seconds(), false
	}
	if s.AHT > 0 {
		return s.AHT, false
	}
	if ch, ok := p.Channels[s.Key.Channel]; ok && ch.HandleTime != nil {
		return time.Duration(*ch.HandleTime).Seconds(), false
	}
	if d := defaultHandle[s.Key.Channel]; d > 0 {
		return d, true
	}
	return 420, true
}
