package schedulecmd

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// CurveSkill is the one skill of a requirement given as start,required:
// the curve does not say which channel it is for.
const CurveSkill = "all"

// maxHorizon bounds the roster's horizon before any series is laid out
// on it (the roster model allows 400 days), so that a file with two rows a
// century apart is an error, not an allocation of millions of intervals.
const maxHorizon = 400 * 24 * time.Hour

// Formats of the requirement file of named-agent mode, told apart by
// their header.
const (
	// FormatRequirements is the CSV of peakstaff staff --out and peakstaff
	// plan: a row per interval and channel, agents on the queue.
	FormatRequirements = "requirements"
	// FormatCurve is start,required, as in requirements-file mode.
	FormatCurve = "curve"
)

// AgentInputs are the files of named-agent mode, read and put together
// into a valid roster model.
type AgentInputs struct {
	Model   *roster.Model
	Weights roster.Weights // the objective the solver minimises
	Rules   *roster.RulesFile
	// Format is FormatRequirements or FormatCurve.
	Format string
	// Notes are warnings for stderr: things the files leave out that the
	// run had to assume.
	Notes []string
}

// LoadAgentInputs reads the requirement (either format), agents.csv and
// rules.yaml. loc, if not nil, is the roster's time zone (--tz); without
// it a requirements CSV keeps the UTC offset of its first row and a
// start,required curve is UTC. Errors carry the file and position and map
// to exit code 3.
func LoadAgentInputs(reqPath, agentsPath, rulesPath string, loc *time.Location, order dates.Order) (*AgentInputs, error) {
	in := &AgentInputs{}
	reqData, err := os.ReadFile(reqPath)
	if err != nil {
		return nil, err
	}
	format, err := sniffRequirement(reqData, reqPath)
	if err != nil {
		return nil, err
	}
	in.Format = format
	var demand roster.Demand
	var groups []fileGroup
	switch format {
	case FormatRequirements:
		demand, groups, err = demandFromRequirements(reqData, reqPath, loc, order, &in.Notes)
	default:
		demand, err = demandFromCurve(reqData, reqPath, loc, order, &in.Notes)
	}
	if err != nil {
		return nil, err
	}

	agentsData, err := os.ReadFile(agentsPath)
	if err != nil {
		return nil, err
	}
	agents, err := roster.ReadAgentsCSV(bytes.NewReader(agentsData), agentsPath)
	if err != nil {
		return nil, &dataError{err}
	}
	if format == FormatCurve {
		giveCurveSkill(agents)
	}
	if groups != nil {
		groupAgentSkills(agents, groups)
	}
	in.Notes = append(in.Notes, idleAgents(agents, demand)...)

	rulesData, err := os.ReadFile(rulesPath)
	if err != nil {
		return nil, err
	}
	rf, err := roster.ReadRules(bytes.NewReader(rulesData), rulesPath)
	if err != nil {
		return nil, &dataError{err}
	}
	in.Rules = rf
	m := rf.Model(agents, demand)
	if m.Reserve.FromGap && !hasUpper(demand) {
		// The requirement files hold one series; the P90-P50 gap needs two.
		m.Reserve.FromGap = false
		in.Notes = append(in.Notes, fmt.Sprintf("%s: reserve.from_gap needs an upper (P90) requirement, which %s does not have: the reserve is reserve.agents (%d) per block",
			rulesPath, reqPath, m.Reserve.Agents))
	}
	if err := m.ValidateAll(); err != nil {
		// every problem at once, each placed in its file
		var all roster.ValidationErrors
		if !errors.As(err, &all) {
			return nil, &dataError{placeModelError(rf.Position(err), reqPath)}
		}
		placed := make([]error, len(all))
		for i, e := range all {
			placed[i] = placeModelError(rf.Position(e), reqPath)
		}
		return nil, &dataError{errors.Join(placed...)}
	}
	in.Model = m
	in.Weights = rf.Weights
	if in.Weights == (roster.Weights{}) {
		in.Weights = roster.DefaultWeights()
	}
	return in, nil
}

// sniffRequirement tells the two formats apart by the header, as
// image.Decode tells formats by their first bytes. The header is found as
// import finds it (any delimiter, a BOM or none, XLSX).
func sniffRequirement(data []byte, name string) (string, error) {
	sh, err := sheet.Read(bytes.NewReader(data), name, table.Options{})
	if err != nil {
		var pe *table.PosError
		if errors.As(err, &pe) {
			return "", &FileError{name, pe.Line, 0, "", pe.Err}
		}
		if errors.Is(err, table.ErrEmptyFile) {
			return "", &FileError{name, 0, 0, "", errors.New("the file is empty; want a header")}
		}
		return "", &FileError{name, 0, 0, "", err}
	}
	cols := map[string]bool{}
	for _, h := range sh.Header {
		cols[sheet.NormalizeName(h)] = true
	}
	switch {
	case cols["channel"] && cols["agents"]:
		return FormatRequirements, nil
	case cols["required"]:
		return FormatCurve, nil
	}
	return "", &FileError{name, sh.HeaderLine, 0, "", fmt.Errorf("header %q: want the requirements of peakstaff staff or plan (interval,channel,skill,...,agents,...) or start,required",
		strings.Join(sh.Header, ","))}
}

// SkillOf is the roster skill of a requirement series: its channel, or
// channel/skill when the series is for one skill of a channel (agents.csv
// lists the same names).
func SkillOf(channel, skill string) string {
	if skill == "" {
		return channel
	}
	return channel + "/" + skill
}

// demandFromRequirements turns the requirements CSV into the demand: the
// agents column (agents on the queue; shrinkage beyond breaks is not the
// roster's to cover) per interval and skill, on whole days of the zone so
// that shift templates of the first and last day fit.
func demandFromRequirements(data []byte, name string, loc *time.Location, order dates.Order, notes *[]string) (roster.Demand, []fileGroup, error) {
	reqs, err := require.ReadRequirementsCSV(bytes.NewReader(data), name, require.ReadOptions{Location: loc, Order: order,
		Warn: func(msg string) { *notes = append(*notes, msg) }})
	if err != nil {
		return roster.Demand{}, nil, &dataError{err}
	}
	first, end := reqs[0].Start, reqs[0].Start
	for _, r := range reqs {
		if r.Start.Before(first) {
			first = r.Start
		}
		if e := r.Start.Add(time.Duration(len(r.Intervals)) * r.Interval); e.After(end) {
			end = e
		}
	}
	if loc == nil {
		loc = first.Location()
		if at, ok := offsetChange(reqs); ok {
			*notes = append(*notes, fmt.Sprintf("%s: the UTC offset changes at %s (daylight saving?): days are counted in the first row's offset; give --tz ZONE",
				name, at.Format(time.RFC3339)))
		}
	}
	interval := reqs[0].Interval
	start := midnight(first.In(loc))
	stop := midnight(end.Add(-time.Nanosecond).In(loc)).AddDate(0, 0, 1)
	if off := first.Sub(start); off%interval != 0 {
		return roster.Demand{}, nil, &FileError{name, 0, 0, "interval",
			fmt.Errorf("the first interval starts at %s, not on the %v grid from midnight", first.In(loc).Format("15:04"), interval)}
	}
	if stop.Sub(start) > maxHorizon {
		return roster.Demand{}, nil, &FileError{name, 0, 0, "interval", fmt.Errorf("the rows span %s to %s; a roster covers at most %d days",
			first.Format(time.RFC3339), end.Format(time.RFC3339), maxHorizon/(24*time.Hour))}
	}
	n := int((stop.Sub(start) + interval - 1) / interval)
	d := roster.Demand{Start: start, Interval: interval}
	if groups := groupsOf(reqs); groups != nil {
		// a group plan: each staffing group is a skill with the group's
		// agents; the channels' rows carry only their shares
		for _, g := range groups {
			sd := roster.SkillDemand{Skill: g.name, Required: make([]int, n)}
			r := g.first
			at := int(r.Start.Sub(start) / interval)
			for i, iv := range r.Intervals {
				sd.Required[at+i] = iv.GroupAgents
			}
			d.Skills = append(d.Skills, sd)
		}
		return d, groups, nil
	}
	for _, r := range reqs {
		sd := roster.SkillDemand{Skill: SkillOf(r.Channel, r.Skill), Required: make([]int, n)}
		if slices.ContainsFunc(d.Skills, func(s roster.SkillDemand) bool { return s.Skill == sd.Skill }) {
			return roster.Demand{}, nil, &FileError{name, 0, 0, "channel", fmt.Errorf("channel %q and skill %q make the skill %q of another series", r.Channel, r.Skill, sd.Skill)}
		}
		at := int(r.Start.Sub(start) / interval)
		for i, iv := range r.Intervals {
			sd.Required[at+i] = iv.Agents
		}
		d.Skills = append(d.Skills, sd)
	}
	return d, nil, nil
}

// fileGroup is a staffing group of a requirements file: its name, its
// channels and the first channel's series (which carries group_agents).
type fileGroup struct {
	name     string
	channels []string
	first    *require.Requirement
}

// groupsOf lists the staffing groups of a requirements file written by a
// group plan (the group column set on every row; a channel several groups
// share lists them as "a;b" and the group's agents come from its other
// channels); nil for a file without groups or whose groups cannot all be
// read.
func groupsOf(reqs []require.Requirement) []fileGroup {
	var out []fileGroup
	at := map[string]int{}
	for ri := range reqs {
		r := &reqs[ri]
		if len(r.Intervals) == 0 || r.Intervals[0].Group == "" {
			return nil
		}
		names := strings.Split(r.Intervals[0].Group, ";")
		for _, name := range names {
			k, ok := at[name]
			if !ok {
				k = len(out)
				at[name] = k
				out = append(out, fileGroup{name: name})
			}
			out[k].channels = append(out[k].channels, r.Channel)
			if len(names) == 1 && out[k].first == nil {
				out[k].first = r
			}
		}
	}
	for _, g := range out {
		if g.first == nil {
			return nil
		}
	}
	return out
}

// groupAgentSkills turns each agent's channels into the staffing groups of
// a group requirements file it can work: the groups whose channels it all
// serves.
func groupAgentSkills(agents []roster.Agent, reqs []fileGroup) {
	for i := range agents {
		var skills []string
		for _, g := range reqs {
			ok := true
			for _, c := range g.channels {
				ok = ok && agents[i].HasSkill(c)
			}
			if ok {
				skills = append(skills, g.name)
			}
		}
		agents[i].Skills = skills
	}
}

// offsetChange finds the first interval whose UTC offset differs from the
// first series' first.
func offsetChange(reqs []require.Requirement) (time.Time, bool) {
	_, off := reqs[0].Start.Zone()
	for _, r := range reqs {
		for _, iv := range r.Intervals {
			if _, o := iv.Start.Zone(); o != off {
				return iv.Start, true
			}
		}
	}
	return time.Time{}, false
}

// midnight is the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// demandFromCurve turns start,required into the demand of one skill,
// CurveSkill. Fractions are rounded up: a roster places whole agents.
// The curve is wall-clock time; in a zone whose offset changes inside the
// horizon the evenly spaced rows cannot be placed, which is an error at
// the first row that falls off.
func demandFromCurve(data []byte, name string, loc *time.Location, order dates.Order, notes *[]string) (roster.Demand, error) {
	curve, err := shiftdesign.ReadRequirementsOrder(bytes.NewReader(data), name, order)
	if err != nil {
		return roster.Demand{}, &dataError{err}
	}
	*notes = append(*notes, curve.Warnings...)
	if loc == nil {
		loc = time.UTC
	}
	w := curve.Start
	start := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
	for i := range curve.Required {
		wall := w.Add(time.Duration(i) * curve.Interval)
		got := start.Add(time.Duration(i) * curve.Interval).In(loc)
		if got.Format("2006-01-02 15:04") != wall.Format("2006-01-02 15:04") {
			line := recordLine(data, i+1)
			return roster.Demand{}, &FileError{name, line, 1, "start", fmt.Errorf("%s: %s changes its UTC offset here, and rows of wall-clock time then no longer follow each other by %v; give the curve in a zone without the change (--tz UTC) or use the requirements CSV of peakstaff staff, whose times carry their offset",
				wall.Format("2006-01-02 15:04"), loc, curve.Interval)}
		}
	}
	perDay := int(24 * time.Hour / curve.Interval)
	if time.Duration(len(curve.Required))*curve.Interval > maxHorizon {
		return roster.Demand{}, &FileError{name, 0, 0, "start", fmt.Errorf("%d rows of %v; a roster covers at most %d days",
			len(curve.Required), curve.Interval, maxHorizon/(24*time.Hour))}
	}
	n := (len(curve.Required) + perDay - 1) / perDay * perDay
	sd := roster.SkillDemand{Skill: CurveSkill, Required: make([]int, n)}
	for i, x := range curve.Required {
		sd.Required[i] = int(math.Ceil(x - 1e-9))
	}
	return roster.Demand{Start: start, Interval: curve.Interval, Skills: []roster.SkillDemand{sd}}, nil
}

// recordLine is the line on which the k-th record (0 is the header)
// starts, for errors about a row found after reading.
func recordLine(data []byte, k int) int {
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	cr.FieldsPerRecord = -1
	for i := 0; ; i++ {
		if _, err := cr.Read(); err != nil {
			return 0
		}
		if i == k {
			line, _ := cr.FieldPos(0)
			return line
		}
	}
}

// giveCurveSkill lets agents work the curve's one skill: every agent when
// no one lists it (the skills of agents.csv then name channels the curve
// does not have), otherwise those who list it and those with no skills.
func giveCurveSkill(agents []roster.Agent) {
	listed := false
	for i := range agents {
		listed = listed || agents[i].HasSkill(CurveSkill)
	}
	for i := range agents {
		a := &agents[i]
		if !listed || len(a.Skills) == 0 {
			a.Skills = append(a.Skills, CurveSkill)
		}
	}
}

// idleAgents notes agents who have none of the demand's skills: the
// roster cannot give them a shift, which is rarely what was meant.
func idleAgents(agents []roster.Agent, d roster.Demand) []string {
	var idle []string
	for i := range agents {
		works := false
		for _, s := range d.Skills {
			works = works || agents[i].HasSkill(s.Skill)
		}
		if !works {
			idle = append(idle, agents[i].ID)
		}
	}
	if len(idle) == 0 {
		return nil
	}
	var skills []string
	for _, s := range d.Skills {
		skills = append(skills, s.Skill)
	}
	return []string{fmt.Sprintf("%d agents have none of the required skills (%s) and get no shifts: %s",
		len(idle), strings.Join(skills, ", "), strings.Join(idle, ", "))}
}

func hasUpper(d roster.Demand) bool {
	for _, s := range d.Skills {
		if s.Upper != nil {
			return true
		}
	}
	return false
}

// placeModelError names the requirement file in a model error about the
// demand (the rules file's own errors are placed by RulesFile.Position).
func placeModelError(err error, reqPath string) error {
	var ve *roster.ValidationError
	if errors.As(err, &ve) && ve.Section == "demand" {
		return &FileError{reqPath, 0, 0, "", err}
	}
	return err
}
