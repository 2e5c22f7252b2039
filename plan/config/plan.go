package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/staffing/policy"
)

// Plan is the whole job in one YAML file: the season, last year's exports,
// how to forecast, the service targets per channel, and the scenarios to
// compare. Paths are relative to the plan file. testdata/demo/plan.yaml is
// the example of every key.
type Plan struct {
	Name    string        `yaml:"name"`
	Lang    string        `yaml:"lang"`
	Season  SeasonSpec    `yaml:"season"`
	History []HistoryFile `yaml:"history"`
	// HistoryEnd (YYYY-MM-DD) leaves out the contacts created after that
	// day: plan as of a date, or backtest the plan on a past season.
	HistoryEnd string `yaml:"history_end"`
	// HistoryEndAt is midnight after HistoryEnd in the season's zone (zero
	// without it); HistoryCut is how many contacts it left out, set by the
	// import.
	HistoryEndAt time.Time          `yaml:"-"`
	HistoryCut   int                `yaml:"-"`
	Types        string             `yaml:"types"`
	Forecast     ForecastSpec       `yaml:"forecast"`
	Channels     map[string]Channel `yaml:"channels"`
	// IssueTypes override what the history says per issue type.
	IssueTypes map[string]IssueType `yaml:"issue_types"`
	// Shrinkage is the default share of paid time agents are not available
	// for contacts (meetings, training, absence); channels may override.
	// It is read into Defaults.
	Shrinkage yaml.Node `yaml:"shrinkage"`
	// Defaults are the plan's policy settings for every channel (its
	// shrinkage): the layer under each channel's entry.
	Defaults policy.Settings `yaml:"-"`
	// Team is who works the season and under which rules; without it the
	// plan stops at the requirement.
	Team      *TeamSpec  `yaml:"team"`
	Scenarios []Scenario `yaml:"scenarios"`

	// Dir is the plan file's directory; paths resolve against it.
	Dir  string `yaml:"-"`
	Path string `yaml:"-"`
}

// SeasonSpec is the days to plan and how to slice them.
type SeasonSpec struct {
	Start    string   `yaml:"start"`
	End      string   `yaml:"end"`
	TimeZone string   `yaml:"time_zone"`
	Interval Duration `yaml:"interval"`

	Range    forecast.Range `yaml:"-"`
	Location *time.Location `yaml:"-"`
}

// HistoryFile is one export of last year's contacts.
type HistoryFile struct {
	File   string            `yaml:"file"`
	Format string            `yaml:"format"`
	TZ     string            `yaml:"tz"`
	Map    map[string]string `yaml:"map"`
	// Channel places the contacts the export does not (no channel column,
	// an unknown label): a Zendesk Explore report of phone tickets.
	Channel string `yaml:"channel"`

	// Read from the keys above at load: the column map (nil when the map
	// names no column: its settings then apply to the detected format),
	// the channel (channel:, or the map's default_channel) and the
	// day/month order (the map's date_order).
	Spec           *importers.MapSpec `yaml:"-"`
	DefaultChannel importers.Channel  `yaml:"-"`
	DateOrder      dates.Order        `yaml:"-"`
}

// ForecastSpec tunes the forecast.
type ForecastSpec struct {
	// Events are the events to align on; none (or []) turns the built-in
	// ones off, absent takes every built-in event near the season.
	Events      EventList   `yaml:"events"`
	EventWindow *int        `yaml:"event_window"`
	Growth      float64     `yaml:"growth"`
	Quantile    float64     `yaml:"quantile"`
	Orders      *OrdersSpec `yaml:"orders"`
	// HandleTimeUplift replaces the measured peak handle time: normal x this.
	HandleTimeUplift float64 `yaml:"handle_time_uplift"`
	// Intraday is the shape of the day for history without times of day:
	// retail, flat, or a file of hour,share (relative to the plan).
	Intraday string `yaml:"intraday"`
	// IntradayProfile is Intraday read at load.
	IntradayProfile *forecast.Intraday `yaml:"-"`
	// WeekShape spreads a history of weekly or monthly counts over the
	// days: retail (default), flat, or seven weights Monday to Sunday.
	WeekShape string `yaml:"week_shape"`
	// WeekWeights is WeekShape read at load (nil: the default).
	WeekWeights *forecast.WeekShape `yaml:"-"`
}

// EventList is forecast.events: a list of events, or none.
type EventList []EventSpec

// UnmarshalYAML accepts a list, or the scalar none (an empty, non-nil
// list: no event at all, not the built-in ones).
func (l *EventList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && (strings.EqualFold(n.Value, "none") || n.Value == "") {
		*l = EventList{}
		return nil
	}
	var specs []EventSpec
	if err := n.Decode(&specs); err != nil {
		return err
	}
	*l = specs
	return nil
}

// None reports events: none (or []): no event, not even the built-in ones.
func (l EventList) None() bool { return l != nil && len(l) == 0 }

// EventSpec is a built-in event name, or a custom event with its dates.
type EventSpec struct {
	Name  string         `yaml:"name"`
	Dates []string       `yaml:"dates"`
	Event forecast.Event `yaml:"-"`
	line  int
}

// UnmarshalYAML accepts `black-friday` or `{name: anniversary, dates: [...]}`.
func (e *EventSpec) UnmarshalYAML(n *yaml.Node) error {
	e.line = n.Line
	if n.Kind == yaml.ScalarNode {
		e.Name = n.Value
		return nil
	}
	type plain EventSpec
	var p plain
	dec := *n
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*e = EventSpec(p)
	e.line = n.Line
	return nil
}

// OrdersSpec is the driver of the contact-ratio model.
type OrdersSpec struct {
	File  string  `yaml:"file"`
	Total float64 `yaml:"total"`
	// Map names the file's columns when their names do not say what they
	// hold: {date: Fecha, orders: total_reservations, date_order: dmy}.
	Map map[string]string `yaml:"map"`

	Options forecast.OrdersOptions `yaml:"-"`
}

// Channel is one entry of channels: in the plan or a scenario: the
// channel's staffing policy settings (the keys of package policy), read by
// that package with their lines when the plan is loaded.
type Channel struct {
	Settings policy.Settings
	// HandleTime is Settings.HandleTime, for the demand: the handle time
	// used where the history has none.
	HandleTime *Duration

	node *yaml.Node
}

// UnmarshalYAML keeps the entry for package policy, which reads it once
// the file's name is known.
func (c *Channel) UnmarshalYAML(n *yaml.Node) error {
	c.node = n
	return nil
}

// TeamSpec describes the people to roster and the rules they work under.
type TeamSpec struct {
	// Agents is an agents.csv file (see peakstaff schedule --help); or
	// Size generates a team of that many agents per tier.
	Agents string         `yaml:"agents"`
	Size   map[string]int `yaml:"size"`
	// Rules is a roster rules file (templates, breaks, rest, leads,
	// veterans, reserve, weights), or the same keys inline.
	Rules yaml.Node `yaml:"rules"`
	// Costs per paid hour by tier, for generated agents.
	Costs map[string]float64 `yaml:"costs"`
	// Onboarding is the days from hiring to the first shift per tier
	// (recruiting and training): hires must start by season start minus it.
	Onboarding map[string]int `yaml:"onboarding_days"`
	// HireTier is the tier hired to close a shortfall (default new).
	HireTier  string   `yaml:"hire_tier"`
	TimeLimit Duration `yaml:"time_limit"`
	Seed      uint64   `yaml:"seed"`
}

// IssueType overrides one issue type.
type IssueType struct {
	HandleTime *Duration `yaml:"handle_time"`
}

// Scenario is a named variant of the plan.
type Scenario struct {
	Name string `yaml:"name"`
	// Growth replaces the plan's growth (1.3 = 30% above last year).
	Growth float64 `yaml:"growth"`
	// VolumeChange scales the forecast (0.1 = 10% more contacts).
	VolumeChange float64 `yaml:"volume_change"`
	// Deflection removes a share of an issue type's contacts (self-service).
	Deflection map[string]Fraction `yaml:"deflection"`
	// HandleTimeChange scales handle times (-0.1 = 10% faster), all or per issue type.
	HandleTimeChange map[string]float64 `yaml:"handle_time_change"`
	// Shrinkage replaces the plan's for every channel (read into
	// Defaults).
	Shrinkage yaml.Node `yaml:"shrinkage"`
	// Defaults are the scenario's settings for every channel: a layer
	// above the plan's channel entries.
	Defaults policy.Settings `yaml:"-"`
	Quantile float64         `yaml:"quantile"`
	// Channels override targets per channel (only the keys given).
	Channels map[string]Channel `yaml:"channels"`
	// Hires adds agents per tier to the team (what if we add five
	// outsourced agents?).
	Hires map[string]int `yaml:"hires"`
}

// LoadPlan reads and validates a plan file, and the rules and agents files
// it names: every problem at once, each with the file, line, column and
// key as the plan writes it (a diag.List of them, exit code 3), before any
// work.
func LoadPlan(path string) (*Plan, error) { return LoadPlanIn(path, filepath.Dir(path)) }

// LoadPlanIn is LoadPlan with the plan's paths resolved in dir (the demo
// runs the bundled plan on a sample written elsewhere).
func LoadPlanIn(path, dir string) (*Plan, error) {
	data, err := ReadConfigFile(path, MaxConfigBytes)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// a syntax error: yaml's message places it
		return nil, invalid(path, 0, 0, "", errors.New(strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	doc := docNode(&root)
	if doc == nil || isNull(doc) {
		return nil, invalid(path, 0, 0, "", errors.New("the file is empty"))
	}
	ps := &problems{file: path, root: &root}
	checkShape(doc, reflect.TypeFor[Plan](), "", ps)
	p := &Plan{Path: path, Dir: dir}
	if err := doc.Decode(p); err != nil {
		// what checkShape does not know: reported as yaml words it
		ps.addOne(invalid(path, 0, 0, "", errors.New(strings.TrimPrefix(err.Error(), "yaml: "))))
		return nil, ps.err()
	}
	p.Path, p.Dir = path, dir
	p.validate(ps)
	p.readPolicies(ps)
	p.readTeam(ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// readPolicies reads the staffing policy settings of the plan and its
// scenarios through package policy (every problem, with its line), and
// resolves every channel they name under every scenario, so that a plan
// whose settings do not go together fails here rather than mid-run.
func (p *Plan) readPolicies(ps *problems) {
	found := 0
	add := func(err error) {
		if err != nil {
			found++
			ps.add(err)
		}
	}
	readDefaults := func(s *policy.Settings, shrinkage *yaml.Node, path string) {
		if shrinkage.Kind != 0 {
			add(s.SetYAML(p.Path, policy.KeyShrinkage, shrinkage, path))
		}
	}
	readChannels := func(chans map[string]Channel, path string) {
		for _, name := range sortedByLine(chans) {
			c := chans[name]
			s, err := policy.Decode(p.Path, c.node, path+name)
			add(err)
			c.Settings = s
			if s.HandleTime != nil {
				d := Duration(*s.HandleTime)
				c.HandleTime = &d
			}
			chans[name] = c
		}
	}
	readDefaults(&p.Defaults, &p.Shrinkage, "")
	readChannels(p.Channels, "channels.")
	for i := range p.Scenarios {
		sc := &p.Scenarios[i]
		readDefaults(&sc.Defaults, &sc.Shrinkage, fmt.Sprintf("scenarios[%d]", i))
		readChannels(sc.Channels, fmt.Sprintf("scenarios[%d].channels.", i))
	}
	if found > 0 {
		return // settings that do not read cannot be resolved
	}
	named := map[string]bool{}
	for name := range p.Channels {
		named[name] = true
	}
	for _, sc := range p.Scenarios {
		for name := range sc.Channels {
			named[name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(named)) {
		_, err := policy.Resolve(name, p.PolicyLayers(name, nil)...)
		ps.add(err)
		for i := range p.Scenarios {
			_, err := policy.Resolve(name, p.PolicyLayers(name, &p.Scenarios[i])...)
			ps.add(err)
		}
	}
}

// PolicyLayers are the policy settings of a channel under a scenario (nil:
// the plan itself), from the most general to the most specific: the plan's
// defaults (its shrinkage), the plan's channel entry, the scenario's
// defaults, the scenario's channel entry. A scenario overrides only the
// keys it gives. policy.Resolve puts them over the built-in defaults.
func (p *Plan) PolicyLayers(channel string, sc *Scenario) []policy.Settings {
	layers := []policy.Settings{p.Defaults, p.Channels[channel].Settings}
	if sc != nil {
		layers = append(layers, sc.Defaults, sc.Channels[channel].Settings)
	}
	return layers
}

// sortedByLine lists the channels in the order the file gives them.
func sortedByLine(chans map[string]Channel) []string {
	names := slices.Sorted(maps.Keys(chans))
	line := func(name string) int {
		if n := chans[name].node; n != nil {
			return n.Line
		}
		return 0
	}
	slices.SortStableFunc(names, func(a, b string) int { return line(a) - line(b) })
	return names
}

// Resolve returns a path of the plan relative to its directory.
func (p *Plan) Resolve(path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(p.Dir, path)
}

func (p *Plan) validate(ps *problems) {
	switch p.Lang {
	case "", "en", "zh":
	default:
		ps.at("lang", "%s: expected en or zh", textsafe.Quote(p.Lang))
	}
	p.validateSeason(ps)
	if len(p.History) == 0 {
		ps.at("history", "at least one file of last year's contacts is required")
	}
	p.validChannelNames(ps, p.Channels, "channels")
	for i, sc := range p.Scenarios {
		p.validChannelNames(ps, sc.Channels, fmt.Sprintf("scenarios[%d].channels", i))
	}
	for i := range p.History {
		h := &p.History[i]
		key := fmt.Sprintf("history[%d]", i)
		if h.File == "" {
			ps.at(key, "the entry has no file")
			continue
		}
		if _, err := os.Stat(p.Resolve(h.File)); err != nil {
			ps.at(key+".file", "%s: no such file", textsafe.Quote(h.File))
		}
		if h.TZ != "" {
			if _, err := time.LoadLocation(h.TZ); err != nil || strings.EqualFold(h.TZ, "Local") {
				ps.at(key+".tz", "%s: not a time zone name such as Europe/Berlin", textsafe.Quote(h.TZ))
			}
		}
		if h.Format != "" {
			if _, err := importers.FormatByName(h.Format); err != nil {
				ps.at(key+".format", "%v", err)
			}
		}
		if err := h.readMap(); err != nil {
			var ke *keyError
			if errors.As(err, &ke) {
				ps.at(key+"."+ke.key, "%v", ke.err)
			} else {
				ps.at(key, "%v", err)
			}
		}
	}
	if p.HistoryEnd != "" && p.Season.Location != nil {
		loc := p.Season.Location
		if d, err := time.ParseInLocation(time.DateOnly, p.HistoryEnd, loc); err != nil {
			ps.at("history_end", "%s: expected a day YYYY-MM-DD", textsafe.Quote(p.HistoryEnd))
		} else {
			p.HistoryEndAt = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
		}
	}
	if p.Types != "" {
		if _, err := os.Stat(p.Resolve(p.Types)); err != nil {
			ps.at("types", "%s: no such file", textsafe.Quote(p.Types))
		} else if _, err := LoadTypeRules(p.Resolve(p.Types)); err != nil {
			ps.add(err)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(p.IssueTypes)) {
		if n := nodeAt(ps.root, "issue_types", name, "handle_time"); n != nil && !isNull(n) {
			// the same range as a channel's handle_time: package policy's
			var s policy.Settings
			ps.add(s.SetYAML(p.Path, policy.KeyHandleTime, n, "issue_types."+name))
		}
	}
	p.validateForecast(ps)
	p.validateTeam(ps)
	p.validateScenarios(ps)
	checkRanges(ps)
	if p.Forecast.Quantile == 0 {
		p.Forecast.Quantile = 0.5
	}
}

// validateSeason reads the season: its days, zone and interval.
func (p *Plan) validateSeason(ps *problems) {
	s := &p.Season
	if s.Start == "" || s.End == "" {
		ps.at("season", "start and end are required (YYYY-MM-DD)")
	} else {
		start, errStart := civil.ParseDate(s.Start)
		if errStart != nil {
			ps.at("season.start", "%v", errStart)
		}
		end, errEnd := civil.ParseDate(s.End)
		if errEnd != nil {
			ps.at("season.end", "%v", errEnd)
		}
		if errStart == nil && errEnd == nil {
			r := forecast.Range{Start: start, End: end}
			switch {
			case end.Before(start):
				ps.at("season.end", "%s is before the start %s", s.End, s.Start)
			case r.Days() > maxSeasonDays:
				ps.at("season", "%d days; a season is at most %d days", r.Days(), maxSeasonDays)
			default:
				s.Range = r
			}
		}
	}
	if s.TimeZone == "" {
		ps.at("season", "time_zone is required, e.g. America/New_York or Asia/Shanghai")
	} else if loc, err := time.LoadLocation(s.TimeZone); err != nil || strings.EqualFold(s.TimeZone, "Local") {
		// Local would make the plan's hours depend on the machine it runs on
		ps.at("season.time_zone", "%s: not a time zone name such as Europe/Berlin", textsafe.Quote(s.TimeZone))
	} else {
		s.Location = loc
	}
	if n := nodeAt(ps.root, "season", "interval"); s.Interval == 0 && n != nil && !isNull(n) {
		ps.at("season.interval", "%s: expected an interval such as 15m, 30m or 60m (leave the key out for 30m)", textsafe.Quote(n.Value))
	} else if s.Interval == 0 {
		s.Interval = Duration(30 * time.Minute)
	}
	if err := forecast.ValidInterval(time.Duration(s.Interval)); err != nil && s.Interval != 0 {
		ps.at("season.interval", "%v", err)
		s.Interval = 0
	}
}

// maxSeasonDays bounds a season, so that a typo in a year cannot ask for
// decades of intervals.
const maxSeasonDays = 400

// validateForecast reads the forecast's events, intraday profile, week
// shape and orders.
func (p *Plan) validateForecast(ps *problems) {
	f := &p.Forecast
	for i := range f.Events {
		e := &f.Events[i]
		spec := e.Name
		if len(e.Dates) > 0 {
			spec += "=" + strings.Join(e.Dates, ",")
		}
		ev, err := forecast.ParseEvent(spec)
		if err != nil {
			ps.at(fmt.Sprintf("forecast.events[%d]", i), "%v", err)
			continue
		}
		e.Event = ev
	}
	if f.Intraday != "" {
		in, err := forecast.IntradayByName(f.Intraday)
		if err != nil {
			if _, serr := os.Stat(p.Resolve(f.Intraday)); serr != nil {
				ps.at("forecast.intraday", "%s: expected %s, or a file of hour,share", textsafe.Quote(f.Intraday), strings.Join(forecast.BuiltinIntradayNames, ", "))
			} else if in, err = forecast.ReadIntraday(p.Resolve(f.Intraday)); err != nil {
				ps.at("forecast.intraday", "%v", err)
			}
		}
		f.IntradayProfile = in
	}
	if f.WeekShape != "" {
		if w, err := forecast.ParseWeekShape(f.WeekShape); err != nil {
			ps.at("forecast.week_shape", "%v", err)
		} else {
			f.WeekWeights = &w
		}
	}
	o := f.Orders
	if o == nil {
		return
	}
	if o.File == "" {
		ps.at("forecast.orders", "orders needs a file of daily orders (date,orders)")
	} else if _, err := os.Stat(p.Resolve(o.File)); err != nil {
		ps.at("forecast.orders.file", "%s: no such file", textsafe.Quote(o.File))
	}
	o.Options = forecast.OrdersOptions{DateHint: "forecast.orders.map.date", OrdersHint: "forecast.orders.map.orders", OrderHint: "forecast.orders.map.date_order"}
	for _, k := range slices.Sorted(maps.Keys(o.Map)) {
		v := o.Map[k]
		switch k {
		case "date":
			o.Options.DateColumn = v
		case "orders":
			o.Options.OrdersColumn = v
		case "date_order":
			order, err := dates.ParseOrder(v)
			if err != nil {
				ps.at("forecast.orders.map.date_order", "%v", err)
			}
			o.Options.DateOrder = order
		default:
			ps.atNode(keyNode(ps.root, "forecast.orders.map", k), "forecast.orders.map."+k, "unknown key; expected date, orders or date_order")
		}
	}
}

// validateTeam reads the team's keys (the rules and agents are read by
// readTeam).
func (p *Plan) validateTeam(ps *problems) {
	t := p.Team
	if t == nil {
		return
	}
	if t.Agents == "" && len(t.Size) == 0 {
		ps.at("team", "name an agents file (agents) or a team size per tier (size)")
	}
	if t.Agents != "" {
		if _, err := os.Stat(p.Resolve(t.Agents)); err != nil {
			ps.at("team.agents", "%s: no such file", textsafe.Quote(t.Agents))
		}
	}
	total, cleared := 0, false
	for tier, n := range t.Size {
		total += n
		cleared = cleared || isNull(nodeAt(ps.root, "team", "size", tier))
	}
	p.knownTiers(ps, "team.size")
	p.knownTiers(ps, "team.costs")
	p.knownTiers(ps, "team.onboarding_days")
	if t.Agents == "" && len(t.Size) > 0 && total == 0 && !cleared {
		ps.at("team.size", "every tier has 0 agents: give at least one agent, or an agents file")
	}
	if t.HireTier != "" && !knownTier(t.HireTier) {
		ps.at("team.hire_tier", "%s: expected a tier (%s)", textsafe.Quote(t.HireTier), strings.Join(tierNames(), ", "))
	}
	if t.Rules.Kind == yaml.ScalarNode && t.Rules.Value != "" {
		if _, err := os.Stat(p.Resolve(t.Rules.Value)); err != nil {
			ps.at("team.rules", "%s: no such file", textsafe.Quote(t.Rules.Value))
		}
	}
	// no time_limit: 0, the roster's default, which grows with the team
	// (roster.DefaultTimeLimit; the search stops when it converges)
}

// validateScenarios reads the scenarios' names and hires.
func (p *Plan) validateScenarios(ps *problems) {
	seen := map[string]bool{}
	for i, sc := range p.Scenarios {
		key := fmt.Sprintf("scenarios[%d]", i)
		switch {
		case sc.Name == "":
			ps.at(key, "the scenario has no name")
		case seen[sc.Name]:
			ps.at(key+".name", "two scenarios are named %s", textsafe.Quote(sc.Name))
		}
		seen[sc.Name] = true
		p.knownTiers(ps, key+".hires")
		if len(sc.Hires) > 0 && p.Team == nil {
			ps.at(key+".hires", "hires need a team in the plan (team:)")
		}
	}
}

// knownTiers reports the keys of the mapping at path that are not tiers.
func (p *Plan) knownTiers(ps *problems, path string) {
	n := resolve(nodeAtPath(ps.root, path))
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !knownTier(k.Value) {
			ps.atNode(k, join(path, k.Value), "not a tier; the tiers are %s", strings.Join(tierNames(), ", "))
		}
	}
}

// validChannelNames refuses a channel the importers do not know (fax):
// its settings would apply to no contact, silently.
func (p *Plan) validChannelNames(ps *problems, chans map[string]Channel, where string) {
	for _, name := range sortedByLine(chans) {
		if _, err := importers.ParseChannel(name); err != nil {
			ps.atNode(keyNode(ps.root, where, name), join(where, name), "%v", err)
		}
	}
}

// nodeAt returns the value node of a key path, or nil.
func nodeAt(root *yaml.Node, keys ...string) *yaml.Node {
	return nodeAtPath(root, strings.Join(keys, "."))
}

// nodeAtPath returns the value node at a key path (scenarios[0].hires),
// or nil.
func nodeAtPath(root *yaml.Node, path string) *yaml.Node {
	n := docNode(root)
	for _, seg := range segments(path) {
		if n = resolve(n); n == nil {
			return nil
		}
		var next *yaml.Node
		switch {
		case strings.HasPrefix(seg, "["):
			i, err := strconv.Atoi(strings.Trim(seg, "[]"))
			if err == nil && n.Kind == yaml.SequenceNode && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		case n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next = n.Content[i+1]
				}
			}
		}
		n = next
	}
	return resolve(n)
}

// keyNode returns the key node of key in the mapping at path, or nil.
func keyNode(root *yaml.Node, path, key string) *yaml.Node {
	n := resolve(nodeAtPath(root, path))
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

func knownTier(t string) bool { return slices.Contains(tierNames(), t) }

// tierNames are the tiers as the plan writes them.
func tierNames() []string {
	out := make([]string, len(roster.Tiers))
	for i, t := range roster.Tiers {
		out[i] = string(t)
	}
	return out
}

// keyError is a problem of one key of a history entry (map, channel,
// format).
type keyError struct {
	key string
	err error
}

func (e *keyError) Error() string { return e.key + ": " + e.err.Error() }

// readMap reads a history entry's map and channel. A map that names
// columns describes the file (it excludes format); one with only
// settings (default_channel, date_order) adjusts the detected format.
func (h *HistoryFile) readMap() error {
	spec := &importers.MapSpec{Columns: map[importers.Field][]string{}}
	for _, k := range slices.Sorted(maps.Keys(h.Map)) {
		if err := spec.Set(k, h.Map[k]); err != nil {
			msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "--map: "), "--map ")
			return &keyError{"map", errors.New(msg)}
		}
	}
	h.DefaultChannel, h.DateOrder = spec.DefaultChannel, spec.DateOrder
	if h.Channel != "" {
		c, err := importers.ParseChannel(h.Channel)
		if err != nil {
			return &keyError{"channel", err}
		}
		h.DefaultChannel = c
	}
	if len(spec.Columns) == 0 {
		if _, ok := h.Map["handle_unit"]; ok {
			return &keyError{"map", errors.New("handle_unit needs the handle column (map: {handle: ..., handle_unit: ...}) and the created column")}
		}
		return nil
	}
	if h.Format != "" {
		return &keyError{"format", errors.New("format and a map of columns exclude each other (a map of settings alone, such as default_channel, goes with a format)")}
	}
	if len(spec.Columns[importers.FieldCreated]) == 0 {
		return &keyError{"map", errors.New(`name the created column, e.g. map: {created: "Opened At"}`)}
	}
	h.Spec = spec
	return nil
}
