package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/schedule/policy"
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

// LoadPlan reads and validates a plan file. Every problem names the file,
// the line and the key.
func LoadPlan(path string) (*Plan, error) { return LoadPlanIn(path, filepath.Dir(path)) }

// LoadPlanIn is LoadPlan with the plan's paths resolved in dir (the demo
// runs the bundled plan on a sample written elsewhere).
func LoadPlanIn(path, dir string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p Plan
	if err := decodeStrict(path, data, &p); err != nil {
		return nil, err
	}
	p.Path = path
	p.Dir = dir
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	if err := p.validate(&root); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", path, ErrInvalid, err)
	}
	if err := p.readPolicies(); err != nil {
		return nil, &placedError{err}
	}
	return &p, nil
}

// placedError is an invalid plan whose message already names the file
// and line (exit code 3).
type placedError struct{ err error }

func (e *placedError) Error() string   { return e.err.Error() }
func (e *placedError) Unwrap() []error { return []error{ErrInvalid, e.err} }

// readPolicies reads the staffing policy settings of the plan and its
// scenarios through package policy (every problem, with its line), and
// resolves every channel they name under every scenario, so that a plan
// whose settings do not go together fails here rather than mid-run.
func (p *Plan) readPolicies() error {
	var errs policy.Errors
	add := func(err error) {
		var list policy.Errors
		var one *policy.Error
		switch {
		case errors.As(err, &list):
		case errors.As(err, &one):
			list = policy.Errors{one}
		}
		for _, e := range list {
			if !slices.ContainsFunc(errs, func(x *policy.Error) bool { return x.Error() == e.Error() }) {
				errs = append(errs, e)
			}
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
	if len(errs) > 0 {
		return errs
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
	names := slices.Sorted(maps.Keys(named))
	for _, name := range names {
		_, err := policy.Resolve(name, p.PolicyLayers(name, nil)...)
		add(err)
		for i := range p.Scenarios {
			_, err := policy.Resolve(name, p.PolicyLayers(name, &p.Scenarios[i])...)
			add(err)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
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

// lineOf finds the line of a key path (season.start) in the document.
func lineOf(root *yaml.Node, keys ...string) int {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return line
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line = n.Content[i].Line
				next = n.Content[i+1]
				break
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

// nodeAt returns the value node of a key path, or nil.
func nodeAt(root *yaml.Node, keys ...string) *yaml.Node {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
				break
			}
		}
		n = next
	}
	return n
}

// validChannelNames refuses a channel the importers do not know (fax):
// its settings would apply to no contact, silently.
func validChannelNames(root *yaml.Node, chans map[string]Channel, where string) error {
	for _, name := range sortedByLine(chans) {
		if _, err := importers.ParseChannel(name); err != nil {
			line := 0
			if n := chans[name].node; n != nil {
				line = n.Line
			}
			if line > 0 {
				return fmt.Errorf("line %d: %s: %w", line, where, err)
			}
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return nil
}

func at(root *yaml.Node, msg string, keys ...string) error {
	key := strings.Join(keys, ".")
	if l := lineOf(root, keys...); l > 0 {
		return fmt.Errorf("line %d: %s: %s", l, key, msg)
	}
	return fmt.Errorf("%s: %s", key, msg)
}

// Resolve returns a path of the plan relative to its directory.
func (p *Plan) Resolve(path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(p.Dir, path)
}

func (p *Plan) validate(root *yaml.Node) error {
	switch p.Lang {
	case "", "en", "zh":
	default:
		return at(root, fmt.Sprintf("%q: expected en or zh", p.Lang), "lang")
	}
	s := &p.Season
	if s.Start == "" || s.End == "" {
		return at(root, "start and end are required (YYYY-MM-DD)", "season")
	}
	r, err := forecast.ParseRange(s.Start + ".." + s.End)
	if err != nil {
		return at(root, err.Error(), "season")
	}
	if r.Days() > 400 {
		return at(root, fmt.Sprintf("%d days; a season is at most 400 days", r.Days()), "season")
	}
	s.Range = r
	if s.TimeZone == "" {
		return at(root, "time_zone is required, e.g. America/New_York or Asia/Shanghai", "season")
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil || strings.EqualFold(s.TimeZone, "Local") {
		// Local would make the plan's hours depend on the machine it runs on
		return at(root, fmt.Sprintf("%q: not a time zone name such as Europe/Berlin", s.TimeZone), "season", "time_zone")
	}
	s.Location = loc
	if s.Interval == 0 {
		if lineOf(root, "season", "interval") > lineOf(root, "season") {
			return at(root, "0: expected an interval such as 15m, 30m or 60m (leave the key out for 30m)", "season", "interval")
		}
		s.Interval = Duration(30 * time.Minute)
	}
	if err := forecast.ValidInterval(time.Duration(s.Interval)); err != nil {
		return at(root, err.Error(), "season", "interval")
	}
	if len(p.History) == 0 {
		return at(root, "at least one file of last year's contacts is required", "history")
	}
	if err := validChannelNames(root, p.Channels, "channels"); err != nil {
		return err
	}
	for i, sc := range p.Scenarios {
		if err := validChannelNames(root, sc.Channels, fmt.Sprintf("scenarios[%d].channels", i)); err != nil {
			return err
		}
	}
	for i, h := range p.History {
		if h.File == "" {
			return at(root, fmt.Sprintf("entry %d has no file", i+1), "history")
		}
		if _, err := os.Stat(p.Resolve(h.File)); err != nil {
			return at(root, fmt.Sprintf("entry %d: %s: no such file", i+1, h.File), "history")
		}
		if h.TZ != "" {
			if _, err := time.LoadLocation(h.TZ); err != nil {
				return at(root, fmt.Sprintf("entry %d: tz %q: not a time zone name", i+1, h.TZ), "history")
			}
		}
		if err := p.History[i].readMap(); err != nil {
			return at(root, fmt.Sprintf("entry %d (%s): %v", i+1, h.File, err), "history")
		}
	}
	if p.HistoryEnd != "" {
		d, err := time.ParseInLocation(time.DateOnly, p.HistoryEnd, loc)
		if err != nil {
			return at(root, fmt.Sprintf("%q: expected a day YYYY-MM-DD", p.HistoryEnd), "history_end")
		}
		p.HistoryEndAt = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
	}
	if p.Types != "" {
		if _, err := os.Stat(p.Resolve(p.Types)); err != nil {
			return at(root, fmt.Sprintf("%s: no such file", p.Types), "types")
		}
	}
	f := &p.Forecast
	for i := range f.Events {
		e := &f.Events[i]
		spec := e.Name
		if len(e.Dates) > 0 {
			spec += "=" + strings.Join(e.Dates, ",")
		}
		ev, err := forecast.ParseEvent(spec)
		if err != nil {
			return fmt.Errorf("line %d: forecast.events: %v", e.line, err)
		}
		e.Event = ev
	}
	if f.Intraday != "" {
		in, err := forecast.IntradayByName(f.Intraday)
		if err != nil {
			if _, serr := os.Stat(p.Resolve(f.Intraday)); serr != nil {
				return at(root, fmt.Sprintf("%q: expected %s, or a file of hour,share", f.Intraday, strings.Join(forecast.BuiltinIntradayNames, ", ")), "forecast", "intraday")
			}
			if in, err = forecast.ReadIntraday(p.Resolve(f.Intraday)); err != nil {
				return at(root, err.Error(), "forecast", "intraday")
			}
		}
		f.IntradayProfile = in
	}
	if f.WeekShape != "" {
		w, err := forecast.ParseWeekShape(f.WeekShape)
		if err != nil {
			return at(root, err.Error(), "forecast", "week_shape")
		}
		f.WeekWeights = &w
	}
	if f.EventWindow != nil && (*f.EventWindow < 0 || *f.EventWindow > 30) {
		return at(root, "expected 0 to 30 days", "forecast", "event_window")
	}
	if f.Growth < 0 || f.Growth > 100 {
		return at(root, "expected a positive factor such as 1.2", "forecast", "growth")
	}
	if f.HandleTimeUplift < 0 || f.HandleTimeUplift > 20 {
		return at(root, "expected a factor such as 1.15", "forecast", "handle_time_uplift")
	}
	if f.Quantile == 0 {
		f.Quantile = 0.5
	}
	if f.Quantile <= 0 || f.Quantile >= 1 {
		return at(root, "expected a quantile between 0 and 1 such as 0.5 or 0.9", "forecast", "quantile")
	}
	if o := f.Orders; o != nil {
		if o.File == "" {
			return at(root, "orders needs a file of daily orders (date,orders)", "forecast", "orders")
		}
		if _, err := os.Stat(p.Resolve(o.File)); err != nil {
			return at(root, fmt.Sprintf("%s: no such file", o.File), "forecast", "orders", "file")
		}
		if o.Total < 0 {
			return at(root, "cannot be negative", "forecast", "orders", "total")
		}
		o.Options = forecast.OrdersOptions{DateHint: "forecast.orders.map.date", OrdersHint: "forecast.orders.map.orders", OrderHint: "forecast.orders.map.date_order"}
		for k, v := range o.Map {
			switch k {
			case "date":
				o.Options.DateColumn = v
			case "orders":
				o.Options.OrdersColumn = v
			case "date_order":
				order, err := dates.ParseOrder(v)
				if err != nil {
					return at(root, err.Error(), "forecast", "orders", "map", "date_order")
				}
				o.Options.DateOrder = order
			default:
				return at(root, fmt.Sprintf("%q: expected date, orders or date_order", k), "forecast", "orders", "map")
			}
		}
	}
	if t := p.Team; t != nil {
		if t.Agents == "" && len(t.Size) == 0 {
			return at(root, "name an agents file (agents) or a team size per tier (size)", "team")
		}
		if t.Agents != "" {
			if _, err := os.Stat(p.Resolve(t.Agents)); err != nil {
				return at(root, fmt.Sprintf("%s: no such file", t.Agents), "team", "agents")
			}
		}
		total := 0
		for tier, n := range t.Size {
			if !knownTier(tier) || n < 0 || n > 5000 {
				return at(root, fmt.Sprintf("%s: %d: expected a tier (veteran, regular, new, all-hands, outsourced) and 0 to 5000 agents", tier, n), "team", "size")
			}
			// the decoder reads 4.5 as 4: a count of people is whole
			if v := nodeAt(root, "team", "size", tier); v != nil && v.Tag != "!!int" {
				return at(root, fmt.Sprintf("%s: %q: expected a whole number of agents", tier, v.Value), "team", "size", tier)
			}
			total += n
		}
		if t.Agents == "" && total == 0 {
			return at(root, "every tier has 0 agents: give at least one agent, or an agents file", "team", "size")
		}
		for tier := range t.Costs {
			if !knownTier(tier) {
				return at(root, fmt.Sprintf("%q: not a tier", tier), "team", "costs")
			}
		}
		for tier, d := range t.Onboarding {
			if !knownTier(tier) || d < 0 || d > 365 {
				return at(root, fmt.Sprintf("%s: %d: expected a tier and 0 to 365 days", tier, d), "team", "onboarding_days")
			}
		}
		if t.HireTier != "" && !knownTier(t.HireTier) {
			return at(root, fmt.Sprintf("%q: not a tier", t.HireTier), "team", "hire_tier")
		}
		if t.Rules.Kind == yaml.ScalarNode && t.Rules.Value != "" {
			if _, err := os.Stat(p.Resolve(t.Rules.Value)); err != nil {
				return at(root, fmt.Sprintf("%s: no such file", t.Rules.Value), "team", "rules")
			}
		}
		if t.TimeLimit == 0 {
			t.TimeLimit = Duration(15 * time.Second)
		}
	}
	seen := map[string]bool{}
	for i, sc := range p.Scenarios {
		if sc.Name == "" {
			return at(root, fmt.Sprintf("scenario %d has no name", i+1), "scenarios")
		}
		if seen[sc.Name] {
			return at(root, fmt.Sprintf("two scenarios are named %q", sc.Name), "scenarios")
		}
		seen[sc.Name] = true
		if sc.Growth < 0 || sc.VolumeChange < -1 || sc.Quantile < 0 || sc.Quantile >= 1 {
			return at(root, fmt.Sprintf("scenario %q: growth must be positive, volume_change above -1, quantile in (0, 1)", sc.Name), "scenarios")
		}
		for tier, n := range sc.Hires {
			if !knownTier(tier) || n < 0 || n > 5000 {
				return at(root, fmt.Sprintf("scenario %q: hires %s: %d: expected a tier and 0 to 5000 agents", sc.Name, tier, n), "scenarios")
			}
			if p.Team == nil {
				return at(root, fmt.Sprintf("scenario %q: hires need a team in the plan", sc.Name), "scenarios")
			}
		}
	}
	return nil
}

func knownTier(t string) bool {
	switch t {
	case "veteran", "regular", "new", "all-hands", "outsourced":
		return true
	}
	return false
}

// RulesYAML returns the team's roster rules as YAML text and the name to
// report errors under: the file's content, or the inline block re-encoded.
func (t *TeamSpec) RulesYAML(p *Plan) ([]byte, string, error) {
	switch {
	case t.Rules.Kind == 0:
		return nil, "", nil
	case t.Rules.Kind == yaml.ScalarNode:
		path := p.Resolve(t.Rules.Value)
		data, err := os.ReadFile(path)
		return data, path, err
	default:
		data, err := yaml.Marshal(&t.Rules)
		return data, fmt.Sprintf("%s (team.rules, line %d)", p.Path, t.Rules.Line), err
	}
}

// readMap reads a history entry's map and channel. A map that names
// columns describes the file (it excludes format); one with only
// settings (default_channel, date_order) adjusts the detected format.
func (h *HistoryFile) readMap() error {
	spec := &importers.MapSpec{Columns: map[importers.Field][]string{}}
	keys := make([]string, 0, len(h.Map))
	for k := range h.Map {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := spec.Set(k, h.Map[k]); err != nil {
			msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "--map: "), "--map ")
			return fmt.Errorf("map: %s", msg)
		}
	}
	h.DefaultChannel, h.DateOrder = spec.DefaultChannel, spec.DateOrder
	if h.Channel != "" {
		c, err := importers.ParseChannel(h.Channel)
		if err != nil {
			return fmt.Errorf("channel: %w", err)
		}
		h.DefaultChannel = c
	}
	if len(spec.Columns) == 0 {
		if _, ok := h.Map["handle_unit"]; ok {
			return errors.New("map: handle_unit needs the handle column (map: {handle: ..., handle_unit: ...}) and the created column")
		}
		return nil
	}
	if h.Format != "" {
		return errors.New("format and a map of columns exclude each other (a map of settings alone, such as default_channel, goes with a format)")
	}
	if len(spec.Columns[importers.FieldCreated]) == 0 {
		return errors.New(`map: name the created column, e.g. map: {created: "Opened At"}`)
	}
	h.Spec = spec
	return nil
}
