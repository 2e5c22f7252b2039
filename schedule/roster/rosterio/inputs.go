package rosterio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// CurveSkill is the one skill of a requirement given as start,required:
// the curve does not say which channel it is for.
const CurveSkill = "all"

// Formats of the requirement file of a team's roster, told apart by
// their header.
const (
	// FormatRequirements is the CSV of peakstaff staff --out and peakstaff
	// plan: a row per interval and channel, agents on the queue.
	FormatRequirements = "requirements"
	// FormatCurve is start,required, as in the requirements-file mode of
	// peakstaff schedule.
	FormatCurve = "curve"
)

// TeamFiles names the files of a team's roster and how to read them.
type TeamFiles struct {
	Requirement, Agents, Rules string
	// Location, if not nil, is the roster's time zone; without it a
	// requirements CSV keeps the UTC offset of its first row and a
	// start,required curve is UTC.
	Location *time.Location
	// Order is the order of day and month in dates the files write
	// ambiguously.
	Order dates.Order
}

// Team is a team's files, read and put together into a valid roster
// model.
type Team struct {
	Model   *roster.Model
	Weights roster.Weights // the objective the solver minimises
	Rules   *RulesFile
	// Format is FormatRequirements or FormatCurve.
	Format string
	// Notes are warnings: things the files leave out that the run had to
	// assume.
	Notes []string
}

// ReadTeam reads the requirement (either format), agents.csv and
// rules.yaml into a valid model. Every file is read and checked before
// an error is returned, so that every problem of the three comes back at
// once, each placed in its file (exit code 3); a file that cannot be
// read at all is returned as it is.
func ReadTeam(files TeamFiles) (*Team, error) {
	// every file is read and checked before any problem is reported, so
	// a missing rules file does not hide the requirement's bad rows
	var problems diag.List
	raw := map[string][]byte{}
	for _, path := range []string{files.Requirement, files.Agents, files.Rules} {
		data, err := os.ReadFile(path)
		if err != nil {
			problems.Add(err)
			continue
		}
		raw[path] = data
	}
	unreadable := problems.Len()
	in := &Team{}
	var (
		demand roster.Demand
		groups []Group
		agents []roster.Agent
		rf     *RulesFile
		err    error
	)
	if data, ok := raw[files.Requirement]; ok {
		demand, groups, err = in.readRequirement(data, files)
		problems.Add(err)
	}
	if data, ok := raw[files.Agents]; ok {
		agents, err = ReadAgentsCSV(bytes.NewReader(data), files.Agents)
		problems.Add(err)
	}
	if data, ok := raw[files.Rules]; ok {
		rf, err = ReadRules(bytes.NewReader(data), files.Rules)
		problems.Add(err)
	}
	if err := problems.Err(); err != nil {
		if problems.Len() == unreadable {
			return nil, err // only files that could not be read: an I/O error (exit 1)
		}
		return nil, diag.As(diag.InvalidData, err)
	}
	if in.Format == FormatCurve {
		giveCurveSkill(agents)
	}
	if groups != nil {
		GroupSkills(agents, groups)
	}
	in.Notes = append(in.Notes, idleAgents(agents, demand)...)
	in.Rules = rf
	m := rf.Model(agents, demand)
	if m.Reserve.FromGap && !hasUpper(demand) {
		// The requirement files hold one series; the P90-P50 gap needs two.
		m.Reserve.FromGap = false
		in.Notes = append(in.Notes, fmt.Sprintf("%s: reserve.from_gap needs an upper (P90) requirement, which %s does not have: the reserve is reserve.agents (%d) per block",
			files.Rules, files.Requirement, m.Reserve.Agents))
	}
	if err := placeModelErrors(m.ValidateAll(), rf, files.Requirement); err != nil {
		return nil, err
	}
	in.Model = m
	in.Weights = rf.Weights
	if in.Weights == (roster.Weights{}) {
		in.Weights = roster.DefaultWeights()
	}
	return in, nil
}

// readRequirement reads the requirement file, sniffing its format, into
// the demand (and the staffing groups of a group plan's file).
func (in *Team) readRequirement(data []byte, files TeamFiles) (roster.Demand, []Group, error) {
	format, err := sniffRequirement(data, files.Requirement)
	if err != nil {
		return roster.Demand{}, nil, err
	}
	in.Format = format
	if format == FormatCurve {
		d, err := demandFromCurve(data, files.Requirement, files.Location, files.Order, &in.Notes)
		return d, nil, err
	}
	return demandFromRequirements(data, files.Requirement, files.Location, files.Order, &in.Notes)
}

// placeModelErrors places every problem of the model in its file: the
// rules file's at their line (RulesFile.Position), the demand's in the
// requirement file.
func placeModelErrors(err error, rf *RulesFile, reqPath string) error {
	if err == nil {
		return nil
	}
	var all roster.ValidationErrors
	if !errors.As(err, &all) {
		return diag.As(diag.InvalidData, placeModelError(rf.Position(err), reqPath))
	}
	placed := make([]error, len(all))
	for i, e := range all {
		placed[i] = placeModelError(rf.Position(e), reqPath)
	}
	return diag.As(diag.InvalidData, errors.Join(placed...))
}

// fileError is a problem at line:column of an input file (exit code 3).
func fileError(file string, line, column int, field string, err error) error {
	return &diag.Error{File: file, Line: line, Column: column, Field: field, Err: diag.As(diag.InvalidData, err)}
}

// sniffRequirement tells the two formats apart by the header, as
// image.Decode tells formats by their first bytes. The header is found as
// import finds it (any delimiter, a BOM or none, XLSX).
func sniffRequirement(data []byte, name string) (string, error) {
	sh, err := sheet.Read(bytes.NewReader(data), name, table.Options{})
	if err != nil {
		var pe *diag.Error
		if errors.As(err, &pe) {
			return "", fileError(name, pe.Line, 0, "", pe.Err)
		}
		if errors.Is(err, table.ErrEmptyFile) {
			return "", fileError(name, 0, 0, "", errors.New("the file is empty; want a header"))
		}
		return "", fileError(name, 0, 0, "", err)
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
	return "", fileError(name, sh.HeaderLine, 0, "", fmt.Errorf("header %q: want the requirements of peakstaff staff or plan (interval,channel,skill,...,agents,...) or start,required",
		strings.Join(sh.Header, ",")))
}

// demandFromRequirements reads the requirements CSV and turns it into
// the demand with DemandOf, as a plan's requirement is.
func demandFromRequirements(data []byte, name string, loc *time.Location, order dates.Order, notes *[]string) (roster.Demand, []Group, error) {
	reqs, err := require.ReadRequirementsCSV(bytes.NewReader(data), name, require.ReadOptions{Location: loc, Order: order,
		Warn: func(msg string) { *notes = append(*notes, msg) }})
	if err != nil {
		return roster.Demand{}, nil, diag.As(diag.InvalidData, err)
	}
	if loc == nil {
		if at, ok := offsetChange(reqs); ok {
			*notes = append(*notes, fmt.Sprintf("%s: the UTC offset changes at %s (daylight saving?): days are counted in the first row's offset; give --tz ZONE",
				name, at.Format(time.RFC3339)))
		}
	}
	series, groups := FileSeries(reqs)
	d, err := DemandOf(series, loc)
	var de *DemandError
	if errors.As(err, &de) {
		return roster.Demand{}, nil, fileError(name, 0, 0, de.Field, de.Err)
	}
	return d, groups, err
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

// demandFromCurve turns start,required into the demand of one skill,
// CurveSkill. Fractions are rounded up: a roster places whole agents.
// The curve is wall-clock time; in a zone whose offset changes inside the
// horizon the evenly spaced rows cannot be placed, which is an error at
// the first row that falls off.
func demandFromCurve(data []byte, name string, loc *time.Location, order dates.Order, notes *[]string) (roster.Demand, error) {
	curve, err := shiftdesign.ReadRequirementsOrder(bytes.NewReader(data), name, order)
	if err != nil {
		return roster.Demand{}, diag.As(diag.InvalidData, err)
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
			return roster.Demand{}, fileError(name, line, 1, "start", fmt.Errorf("%s: %s changes its UTC offset here, and rows of wall-clock time then no longer follow each other by %v; give the curve in a zone without the change (--tz UTC) or use the requirements CSV of peakstaff staff, whose times carry their offset",
				wall.Format("2006-01-02 15:04"), loc, civil.FormatDuration(curve.Interval)))
		}
	}
	perDay := int(24 * time.Hour / curve.Interval)
	if time.Duration(len(curve.Required))*curve.Interval > MaxHorizon {
		return roster.Demand{}, fileError(name, 0, 0, "start", fmt.Errorf("%d rows of %v; a roster covers at most %d days",
			len(curve.Required), civil.FormatDuration(curve.Interval), MaxHorizon/(24*time.Hour)))
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
		return fileError(reqPath, 0, 0, "", err)
	}
	return err
}
