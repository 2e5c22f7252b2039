package rosterio

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"go.yaml.in/yaml/v3"
)

// RulesFile is what a rules.yaml holds: everything of a Model but the
// agents and the demand, and the weights of the objective. Build the
// model with Model.
type RulesFile struct {
	Rules     roster.Rules
	Templates []roster.ShiftTemplate
	Breaks    []roster.BreakRule
	Leads     roster.LeadRule
	Veterans  roster.VeteranRule
	Reserve   roster.ReserveRule
	Weights   roster.Weights

	name string
	root *yaml.Node
	// prefix is the key the rules sit under in another file (team.rules
	// in a plan); "" for a rules file of their own.
	prefix string
}

// Model puts the rules together with agents and demand.
func (f *RulesFile) Model(agents []roster.Agent, d roster.Demand) *roster.Model {
	return &roster.Model{Agents: agents, Templates: f.Templates, Breaks: f.Breaks, Rules: f.Rules,
		Leads: f.Leads, Veterans: f.Veterans, Reserve: f.Reserve, Demand: d}
}

// Position places a *ValidationError about the rules file's templates,
// breaks or rules at its line in the file, so that an error found only
// once the demand is known (a template off the interval grid) still
// points into the file. Other errors are returned unchanged.
func (f *RulesFile) Position(err error) error {
	var ve *roster.ValidationError
	if f == nil || f.root == nil || !errors.As(err, &ve) {
		return err
	}
	line, col := locate(f.root, ve)
	if line == 0 {
		return err
	}
	field := sectionKey(ve.Section)
	if ve.Index >= 0 {
		field += fmt.Sprintf("[%d]", ve.Index)
	}
	if ve.Field != "" {
		if field != "" {
			field += "."
		}
		field += ve.Field
	}
	return invalidFile(&ParseError{File: f.name, Line: line, Column: col, Field: f.key(field), Err: ve.Err})
}

// key is a field of the rules as the file writes it: under the key the
// rules sit at when they are part of another file (team.rules.step).
func (f *RulesFile) key(field string) string {
	switch {
	case f.prefix == "":
		return field
	case field == "":
		return f.prefix
	}
	return f.prefix + "." + field
}

func sectionKey(section string) string {
	switch section {
	case "template":
		return "templates"
	case "break":
		return "breaks"
	case "rules":
		return ""
	}
	return section
}

// locate finds the line of a validation error's section, item and field.
func locate(root *yaml.Node, ve *roster.ValidationError) (int, int) {
	doc := docNode(root)
	node := doc
	if key := sectionKey(ve.Section); key != "" {
		n := mapValue(doc, key)
		if n == nil {
			return 0, 0
		}
		node = n
		if ve.Index >= 0 {
			if n.Kind != yaml.SequenceNode || ve.Index >= len(n.Content) {
				return n.Line, n.Column
			}
			node = n.Content[ve.Index]
		}
	}
	best := node
	for part := range strings.SplitSeq(ve.Field, ".") {
		part, _, _ = strings.Cut(part, "[")
		k := mapKey(node, part)
		if k == nil {
			break
		}
		best, node = k, mapValue(node, part)
	}
	return best.Line, best.Column
}

func docNode(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		return root.Content[0]
	}
	return root
}

func mapKey(n *yaml.Node, key string) *yaml.Node {
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

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// The YAML shapes. Scalars with units have their own types so that a bad
// value is reported at its line and column.
type yRules struct {
	Preset    string    `yaml:"preset"`
	WeekStart *yWeekday `yaml:"week_start"`
	Night     *ySpan    `yaml:"night"`
	Rest      struct {
		BetweenShifts *yDuration `yaml:"between_shifts"`
		BetweenBlocks *yDuration `yaml:"between_blocks"`
		Weekly        *yDuration `yaml:"weekly"`
	} `yaml:"rest"`
	Limits struct {
		MaxHoursDay        *yHours `yaml:"max_hours_day"`
		MaxHoursWeek       *yHours `yaml:"max_hours_week"`
		MaxConsecutiveDays *int    `yaml:"max_consecutive_days"`
		DaysOffPerWeek     *int    `yaml:"days_off_per_week"`
		TwoDayWeekend      *bool   `yaml:"two_day_weekend"`
		BreakAbove         *yHours `yaml:"break_above"`
	} `yaml:"limits"`
	Overtime *struct {
		StandardDay  yHours `yaml:"standard_day"`
		StandardWeek yHours `yaml:"standard_week"`
		MaxDay       yHours `yaml:"max_day"`
		MaxMonth     yHours `yaml:"max_month"`
	} `yaml:"overtime"`
	Templates []yTemplate `yaml:"templates"`
	Breaks    []yBreak    `yaml:"breaks"`
	Leads     struct {
		PerAgents           int  `yaml:"per_agents"`
		ExcludeFromCoverage bool `yaml:"exclude_from_coverage"`
	} `yaml:"leads"`
	Veterans struct {
		Share   float64 `yaml:"share"`
		TopK    int     `yaml:"top_k"`
		Windows []struct {
			Span  ySpan   `yaml:"span"`
			Dates []yDate `yaml:"dates"`
		} `yaml:"windows"`
	} `yaml:"veterans"`
	Reserve struct {
		Agents  int       `yaml:"agents"`
		FromGap bool      `yaml:"from_gap"`
		Block   yDuration `yaml:"block"`
	} `yaml:"reserve"`
	Weights struct {
		Shortage      *float64 `yaml:"shortage"`
		Excess        *float64 `yaml:"excess"`
		LeadGap       *float64 `yaml:"lead_gap"`
		VeteranGap    *float64 `yaml:"veteran_gap"`
		Staffed       *float64 `yaml:"staffed"`
		Cost          *float64 `yaml:"cost"`
		MinHours      *float64 `yaml:"min_hours"`
		HoursSpread   *float64 `yaml:"hours_spread"`
		NightSpread   *float64 `yaml:"night_spread"`
		WeekendSpread *float64 `yaml:"weekend_spread"`
		PeakSpread    *float64 `yaml:"peak_spread"`
	} `yaml:"weights"`
}

type yTemplate struct {
	Name          string    `yaml:"name"`
	EarliestStart yClock    `yaml:"earliest_start"`
	LatestStart   yClock    `yaml:"latest_start"`
	MinLength     yDuration `yaml:"min_length"`
	MaxLength     yDuration `yaml:"max_length"`
	Step          yDuration `yaml:"step"`
	Blocks        []ySpan   `yaml:"blocks"`
	MinBlocks     int       `yaml:"min_blocks"`
	MaxBlocks     int       `yaml:"max_blocks"`
	MinBlockRest  yDuration `yaml:"min_block_rest"`
	Days          yDays     `yaml:"days"`
	Dates         []yDate   `yaml:"dates"`
	ExceptDates   []yDate   `yaml:"except_dates"`
}

type yBreak struct {
	Name          string    `yaml:"name"`
	Duration      yDuration `yaml:"duration"`
	From          yDuration `yaml:"from"`
	To            yDuration `yaml:"to"`
	BeforeEnd     yDuration `yaml:"before_end"`
	Paid          bool      `yaml:"paid"`
	RequiredAbove yDuration `yaml:"required_above"`
}

// scalar is the text of a single value; a list or mapping is refused
// with what was wanted.
func scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("want %s", what)
	}
	return strings.TrimSpace(n.Value), nil
}

// yDuration is a Go duration: 30m, 8h, 1h30m (0 for none).
type yDuration time.Duration

func (d *yDuration) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a duration such as 30m or 8h")
	if err != nil {
		return err
	}
	if s == "0" {
		*d = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q: want a duration such as 30m or 8h", s)
	}
	*d = yDuration(v)
	return nil
}

// yHours is hours as a number (48) or a duration (48h).
type yHours time.Duration

func (h *yHours) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "hours (48) or a duration (48h)")
	if err != nil {
		return err
	}
	d, err := parseHours(s)
	if err != nil {
		return err
	}
	*h = yHours(d)
	return nil
}

type yClock civil.Clock

func (c *yClock) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a time of day HH:MM")
	if err != nil {
		return err
	}
	v, err := civil.ParseClock(s)
	if err != nil {
		return err
	}
	*c = yClock(v)
	return nil
}

type ySpan roster.ClockSpan

func (c *ySpan) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a time span HH:MM-HH:MM")
	if err != nil {
		return err
	}
	v, err := roster.ParseClockSpan(s)
	if err != nil {
		return err
	}
	*c = ySpan(v)
	return nil
}

type yDate civil.Date

func (d *yDate) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a date YYYY-MM-DD")
	if err != nil {
		return err
	}
	v, err := civil.ParseDate(s)
	if err != nil {
		return err
	}
	*d = yDate(v)
	return nil
}

type yWeekday time.Weekday

func (w *yWeekday) UnmarshalYAML(n *yaml.Node) error {
	s, err := scalar(n, "a day of the week")
	if err != nil {
		return err
	}
	v, err := civil.ParseWeekday(s)
	if err != nil {
		return err
	}
	*w = yWeekday(v)
	return nil
}

// yDays is a list of days ([mon, tue]) or ranges in one string ("mon-fri").
type yDays []time.Weekday

func (d *yDays) UnmarshalYAML(n *yaml.Node) error {
	var parts []string
	switch n.Kind {
	case yaml.ScalarNode:
		parts = []string{n.Value}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return diag.At("", c.Line, c.Column, "", errors.New("want a day of the week"))
			}
			parts = append(parts, c.Value)
		}
	default:
		return errors.New("want days of the week: [mon, tue] or mon-fri")
	}
	*d = nil
	for _, p := range parts {
		days, err := civil.ParseWeekdays(p)
		if err != nil {
			return err
		}
		*d = append(*d, days...)
	}
	return nil
}

// decodeErrors are the YAML decoder's problems (syntax, unknown keys,
// values of the wrong kind), each a *diag.Error, as the file's problems
// (see MaxParseErrors).
func decodeErrors(all ...error) error {
	errs := diag.List{Max: MaxParseErrors}
	for _, e := range all {
		var de *diag.Error
		if !errors.As(e, &de) {
			de = &diag.Error{Err: e}
		}
		if !addProblem(&errs, &ParseError{File: de.File, Line: de.Line, Column: de.Column, Field: de.Field, Err: de.Err}) {
			break
		}
	}
	return errs.Err()
}

// decodeRules decodes the rules' YAML node n of the file name, found at
// key path prefix ("" for a file of its own), strictly: every unknown key
// and value of the wrong kind at once.
func decodeRules(n *yaml.Node, name, prefix string) (*yRules, error) {
	var y yRules
	// one more than kept, so that decodeErrors knows there were more
	errs := diag.List{Max: MaxParseErrors + 1}
	diag.YAML{File: name, Prefix: prefix}.Decode(n, &y, &errs)
	if errs.Len() > 0 {
		return nil, decodeErrors(errs.Errs()...)
	}
	return &y, nil
}

// ReadRules reads a rules.yaml (see the package documentation). Unknown
// keys are errors, so that a misspelt rule is never silently dropped.
// A preset fills the labour rules first and the file's own keys override
// it; the preset's break applies when the file lists no breaks. Problems
// come back as *ParseError with file, line and column (see
// MaxParseErrors).
func ReadRules(r io.Reader, name string) (*RulesFile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, invalidFile(&ParseError{File: name, Err: err})
	}
	root, err := diag.YAML{File: name}.Parse(data)
	if err != nil {
		return nil, decodeErrors(err)
	}
	return readRules(root, name, "")
}

// ReadRulesNode reads rules written inside another YAML file: n is the
// mapping at key path (a plan's team.rules) of the file name. Every
// problem, now or later through Position, is placed in that file at its
// own line and column and named as the file writes it
// (team.rules.templates[0].step).
func ReadRulesNode(n *yaml.Node, name, path string) (*RulesFile, error) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return readRules(n, name, path)
}

// readRules reads the rules at node n of the file name (under key path
// prefix, "" for a file of their own) in stages: decode the YAML, apply
// the preset, set the labour rules, templates, breaks and team rules and
// weights the file gives, then check them all.
func readRules(n *yaml.Node, name, prefix string) (*RulesFile, error) {
	y, err := decodeRules(n, name, prefix)
	if err != nil {
		return nil, err
	}
	f := &RulesFile{name: name, root: n, prefix: prefix, Weights: roster.DefaultWeights()}
	if err := f.applyPreset(y.Preset); err != nil {
		return nil, err
	}
	f.applyLabourRules(y)
	f.Templates = templatesFromYAML(y.Templates)
	if len(y.Breaks) > 0 {
		f.Breaks = breaksFromYAML(y.Breaks)
	}
	f.applyTeamRules(y)
	f.applyWeights(y)
	if errs := f.check(); len(errs) > 0 {
		return nil, f.parseErrors(errs)
	}
	return f, nil
}

// applyPreset fills the labour rules and break of a preset, or the
// defaults of no preset (weeks from Monday, nights 22:00-06:00).
func (f *RulesFile) applyPreset(preset string) error {
	if preset == "" {
		f.Rules.WeekStart = time.Monday
		f.Rules.Night = roster.ClockSpan{From: 22 * 60, To: 6 * 60}
		return nil
	}
	rules, breaks, err := roster.Preset(strings.ToLower(preset))
	if err != nil {
		pe := &ParseError{File: f.name, Field: f.key("preset"), Err: err}
		if k := mapKey(docNode(f.root), "preset"); k != nil {
			pe.Line, pe.Column = k.Line, k.Column
		}
		return invalidFile(pe)
	}
	f.Rules, f.Breaks = rules, breaks
	return nil
}

// applyLabourRules overrides the labour rules with those the file gives.
func (f *RulesFile) applyLabourRules(y *yRules) {
	rr := &f.Rules
	if y.WeekStart != nil {
		rr.WeekStart = time.Weekday(*y.WeekStart)
	}
	if y.Night != nil {
		rr.Night = roster.ClockSpan(*y.Night)
	}
	setD := func(dst *time.Duration, v *yDuration) {
		if v != nil {
			*dst = time.Duration(*v)
		}
	}
	setH := func(dst *time.Duration, v *yHours) {
		if v != nil {
			*dst = time.Duration(*v)
		}
	}
	setD(&rr.MinRest, y.Rest.BetweenShifts)
	setD(&rr.MinBlockRest, y.Rest.BetweenBlocks)
	setD(&rr.WeeklyRest, y.Rest.Weekly)
	setH(&rr.MaxDaily, y.Limits.MaxHoursDay)
	setH(&rr.MaxWeekly, y.Limits.MaxHoursWeek)
	setH(&rr.BreakAbove, y.Limits.BreakAbove)
	if y.Limits.MaxConsecutiveDays != nil {
		rr.MaxConsecutiveDays = *y.Limits.MaxConsecutiveDays
	}
	if y.Limits.DaysOffPerWeek != nil {
		rr.DaysOffPerWeek = *y.Limits.DaysOffPerWeek
	}
	if y.Limits.TwoDayWeekend != nil {
		rr.TwoDayWeekend = *y.Limits.TwoDayWeekend
	}
	if o := y.Overtime; o != nil {
		rr.Overtime = roster.Overtime{StandardDay: time.Duration(o.StandardDay), StandardWeek: time.Duration(o.StandardWeek), MaxDay: time.Duration(o.MaxDay), MaxMonth: time.Duration(o.MaxMonth)}
	}
}

func templatesFromYAML(ys []yTemplate) []roster.ShiftTemplate {
	var out []roster.ShiftTemplate
	for _, t := range ys {
		st := roster.ShiftTemplate{Name: t.Name, EarliestStart: civil.Clock(t.EarliestStart), LatestStart: civil.Clock(t.LatestStart),
			MinLength: time.Duration(t.MinLength), MaxLength: time.Duration(t.MaxLength), Step: time.Duration(t.Step),
			MinBlocks: t.MinBlocks, MaxBlocks: t.MaxBlocks, MinBlockRest: time.Duration(t.MinBlockRest), Days: t.Days}
		for _, b := range t.Blocks {
			st.Blocks = append(st.Blocks, roster.ClockSpan(b))
		}
		if len(st.Blocks) > 0 {
			// the domain's split day: two or three blocks a person
			if st.MinBlocks == 0 {
				st.MinBlocks = min(2, len(st.Blocks))
			}
			if st.MaxBlocks == 0 {
				st.MaxBlocks = max(st.MinBlocks, min(3, len(st.Blocks)))
			}
		}
		for _, d := range t.Dates {
			st.Dates = append(st.Dates, civil.Date(d))
		}
		for _, d := range t.ExceptDates {
			st.ExceptDates = append(st.ExceptDates, civil.Date(d))
		}
		out = append(out, st)
	}
	return out
}

func breaksFromYAML(ys []yBreak) []roster.BreakRule {
	var out []roster.BreakRule
	for _, b := range ys {
		out = append(out, roster.BreakRule{Name: b.Name, Duration: time.Duration(b.Duration), From: time.Duration(b.From),
			To: time.Duration(b.To), BeforeEnd: time.Duration(b.BeforeEnd), Paid: b.Paid, RequiredAbove: time.Duration(b.RequiredAbove)})
	}
	return out
}

// applyTeamRules sets the leads, veterans and reserve the file gives.
func (f *RulesFile) applyTeamRules(y *yRules) {
	f.Leads = roster.LeadRule{PerAgents: y.Leads.PerAgents, ExcludeFromCoverage: y.Leads.ExcludeFromCoverage}
	f.Veterans = roster.VeteranRule{Share: y.Veterans.Share, TopK: y.Veterans.TopK}
	for _, w := range y.Veterans.Windows {
		pw := roster.PeakWindow{Span: roster.ClockSpan(w.Span)}
		for _, d := range w.Dates {
			pw.Dates = append(pw.Dates, civil.Date(d))
		}
		f.Veterans.Windows = append(f.Veterans.Windows, pw)
	}
	f.Reserve = roster.ReserveRule{Agents: y.Reserve.Agents, FromGap: y.Reserve.FromGap, Block: time.Duration(y.Reserve.Block)}
}

// applyWeights overrides the default weights with those the file gives.
func (f *RulesFile) applyWeights(y *yRules) {
	yw := y.Weights
	for _, x := range []struct {
		dst *float64
		v   *float64
	}{{&f.Weights.Shortage, yw.Shortage}, {&f.Weights.Excess, yw.Excess}, {&f.Weights.LeadGap, yw.LeadGap},
		{&f.Weights.VeteranGap, yw.VeteranGap}, {&f.Weights.Staffed, yw.Staffed},
		{&f.Weights.Cost, yw.Cost}, {&f.Weights.MinHours, yw.MinHours}, {&f.Weights.HoursSpread, yw.HoursSpread},
		{&f.Weights.NightSpread, yw.NightSpread}, {&f.Weights.WeekendSpread, yw.WeekendSpread}, {&f.Weights.PeakSpread, yw.PeakSpread}} {
		if x.v != nil {
			*x.dst = *x.v
		}
	}
}

// parseErrors places every problem at its line in the file, in file
// order (those of no line first).
func (f *RulesFile) parseErrors(errs roster.ValidationErrors) error {
	out := diag.List{Max: MaxParseErrors}
	var placed []*ParseError
	for _, ve := range errs {
		pe, ok := f.Position(ve).(*ParseError)
		if !ok {
			// a key the file does not have (no templates:): named, at the
			// top of the rules
			field := sectionKey(ve.Section)
			if ve.Field != "" {
				field = strings.TrimPrefix(field+"."+ve.Field, ".")
			}
			pe = &ParseError{File: f.name, Field: f.key(field), Err: ve.Err}
			if f.prefix != "" { // inline rules: their first line
				pe.Line, pe.Column = f.root.Line, f.root.Column
			}
		}
		placed = append(placed, pe)
	}
	slices.SortStableFunc(placed, func(a, b *ParseError) int { return cmp.Or(a.Line-b.Line, a.Column-b.Column) })
	for _, pe := range placed {
		if !addProblem(&out, pe) {
			break
		}
	}
	return out.Err()
}

// check validates what can be validated without agents and demand (see
// roster.Model.ValidateRules).
func (f *RulesFile) check() roster.ValidationErrors {
	m := roster.Model{Rules: f.Rules, Templates: f.Templates, Breaks: f.Breaks}
	return m.ValidateRules(f.Weights)
}
