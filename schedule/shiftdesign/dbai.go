package shiftdesign

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrInvalidInstance is the cause of every problem of an instance file
// (exit code 3).
var ErrInvalidInstance = diag.New(diag.InvalidData, "invalid shift design instance file")

// badInstance is the cause of a problem of an instance file: its own
// message, and ErrInvalidInstance for errors.Is and the exit code.
type badInstance struct{ err error }

func (e badInstance) Error() string   { return e.err.Error() }
func (e badInstance) Unwrap() []error { return []error{ErrInvalidInstance, e.err} }

// instanceError is a problem at one line of a DBAI instance file, a
// *diag.Error (Line is 1-based; 0 when the whole file is at fault, e.g. a
// missing block).
func instanceError(file string, line int, err error) error {
	return &diag.Error{File: file, Line: line, Err: badInstance{err}}
}

// Instance is a benchmark instance of the Shift Design problem as published
// by DBAI, TU Wien (project Rota): the model, and the generator's reference
// solution with its stated fitness when the file has them.
type Instance struct {
	Model Model
	// Reference is the file's "optimal solution" (often not optimal, and in
	// some data sets not even legal); empty when absent.
	Reference Plan
	// Fitness is the file's stated objective of Reference; HasFitness is
	// false when the file leaves it empty.
	Fitness    float64
	HasFitness bool
	// DutiesPerWeek, AverageHours and DutiesWeight belong to a criterion the
	// published fitness ignores; they are kept for completeness.
	DutiesPerWeek [2]float64
	AverageHours  float64
	DutiesWeight  float64
}

// ReadInstance reads a DBAI instance file (RandomExample<N>.txt of DataSets
// 1-4): ISO-8859-1 text with CRLF line ends, blocks introduced by "#Label:"
// lines (the format of DBAI's project Rota benchmarks,
// http://www.dbai.tuwien.ac.at/proj/Rota/benchmarks.html). Day 0 is a
// Monday; every template gets Step = the file's interval. name labels errors.
func ReadInstance(r io.Reader, name string) (*Instance, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, instanceError(name, 0, err)
	}
	rd := &dbaiReader{name: name}
	// Latin-1 maps each byte to the rune of the same value.
	var b strings.Builder
	for _, c := range raw {
		b.WriteRune(rune(c))
	}
	rd.lines = strings.Split(strings.ReplaceAll(b.String(), "\r", ""), "\n")
	return rd.read()
}

type dbaiReader struct {
	name  string
	lines []string
}

func (rd *dbaiReader) errf(line int, format string, a ...any) error {
	return instanceError(rd.name, line, fmt.Errorf(format, a...))
}

// find returns the index of the line that starts with label (the whole
// label, colon included, so "#Shifts:" never matches "#Shift templates").
func (rd *dbaiReader) find(label string) int {
	for i, l := range rd.lines {
		if strings.HasPrefix(l, label) {
			return i
		}
	}
	return -1
}

// value returns the index and trimmed text of the first line after label
// (the label must exist).
func (rd *dbaiReader) value(label string) (int, string, error) {
	i := rd.find(label)
	if i < 0 || i+1 >= len(rd.lines) {
		return 0, "", rd.errf(0, "no %q block", label)
	}
	return i + 1, strings.TrimSpace(rd.lines[i+1]), nil
}

func (rd *dbaiReader) number(label string) (float64, int, error) {
	i, s, err := rd.value(label)
	if err != nil {
		return 0, 0, err
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, 0, rd.errf(i+1, "%s: %q is not a number", label, s)
	}
	return v, i, nil
}

func (rd *dbaiReader) integer(label string) (int, int, error) {
	i, s, err := rd.value(label)
	if err != nil {
		return 0, 0, err
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, 0, rd.errf(i+1, "%s: %q is not an integer", label, s)
	}
	return v, i, nil
}

func (rd *dbaiReader) read() (*Instance, error) {
	inst := &Instance{}
	m := &inst.Model
	iv, ivLine, err := rd.integer("#MinuteInterval:")
	if err != nil {
		return nil, err
	}
	if iv <= 0 || 1440%iv != 0 {
		return nil, rd.errf(ivLine+1, "interval %d minutes does not divide a day", iv)
	}
	m.Interval = time.Duration(iv) * time.Minute
	m.FirstWeekday = time.Monday
	days, daysLine, err := rd.integer("#DaysPerCycle:")
	if err != nil {
		return nil, err
	}
	if days <= 0 || days > 366 {
		return nil, rd.errf(daysLine+1, "%d days per cycle: want 1..366", days)
	}
	i, s, err := rd.value("#FlagCyclical:")
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(s) {
	case "yes":
		m.Cyclic = true
	case "no":
	default:
		return nil, rd.errf(i+1, "cyclic flag %q: want yes or no", s)
	}
	i, s, err = rd.value("#Requirements:")
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Fields(s) {
		v, err := strconv.Atoi(f)
		if err != nil || v < 0 {
			return nil, rd.errf(i+1, "requirement %q: want a non-negative integer", f)
		}
		m.Required = append(m.Required, float64(v))
	}
	if want := days * 1440 / iv; len(m.Required) != want {
		return nil, rd.errf(i+1, "%d requirements: want %d (days × 1440 / interval)", len(m.Required), want)
	}
	if err := rd.templates(m, iv); err != nil {
		return nil, err
	}
	if err := rd.weights(inst); err != nil {
		return nil, err
	}
	if err := rd.reference(inst, days); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, instanceError(rd.name, 0, err)
	}
	return inst, nil
}

func (rd *dbaiReader) templates(m *Model, iv int) error {
	n, nLine, err := rd.integer("#Number of shift templates")
	if err != nil {
		return err
	}
	if n <= 0 || n > MaxTemplates {
		return rd.errf(nLine+1, "%d templates: want 1..%d", n, MaxTemplates)
	}
	at := rd.find("#Shift templates")
	if at < 0 {
		return rd.errf(0, "no %q block", "#Shift templates")
	}
	at++
	for at < len(rd.lines) && strings.HasPrefix(rd.lines[at], "#") {
		at++ // the column comment
	}
	for k := 0; k < n; k++ {
		line := at + k
		if line >= len(rd.lines) {
			return rd.errf(0, "%d shift templates announced, %d found", n, k)
		}
		t, err := parseTemplateLine(rd.lines[line], iv)
		if err != nil {
			return rd.errf(line+1, "shift template: %v", err)
		}
		m.Templates = append(m.Templates, t)
	}
	return nil
}

// parseTemplateLine reads "Abbr Name Start +Start -Start Length +Length
// -Length Days", e.g. "F Frühschicht 6:0 120 60 480 60 60 *": starts every
// multiple of iv in [6:00−60, 6:00+120], lengths every multiple of iv in
// [480−60, 480+60] minutes.
func parseTemplateLine(line string, iv int) (Template, error) {
	f := strings.Fields(line)
	if len(f) < 9 {
		return Template{}, fmt.Errorf("%d fields: want Abbr Name Start +Min -Min Length +Min -Min Days", len(f))
	}
	num := f[len(f)-7:]
	name := strings.Join(f[1:len(f)-7], " ")
	clock, err := civil.ParseClockUnpadded(num[0])
	if err != nil {
		return Template{}, err
	}
	start := int(clock)
	var v [5]int
	for i, s := range num[1:6] {
		if v[i], err = strconv.Atoi(s); err != nil || v[i] < 0 || v[i] > 100000 {
			return Template{}, fmt.Errorf("%q: want minutes", s)
		}
	}
	if num[6] != "*" {
		return Template{}, fmt.Errorf("days %q: only * (every day) is supported", num[6])
	}
	plusStart, minusStart, length, plusLen, minusLen := v[0], v[1], v[2], v[3], v[4]
	lo := ceilTo(start-minusStart, iv)
	hi := floorTo(start+plusStart, iv)
	if hi < lo {
		return Template{}, fmt.Errorf("no start time on the %d-minute grid", iv)
	}
	if hi-lo >= 1440 {
		hi = lo + 1440 - iv
	}
	minL := ceilTo(length-minusLen, iv)
	maxL := floorTo(length+plusLen, iv)
	if minL <= 0 {
		minL = iv
	}
	if maxL < minL {
		return Template{}, fmt.Errorf("no length on the %d-minute grid", iv)
	}
	mod := func(x int) time.Duration { return time.Duration(((x%1440)+1440)%1440) * time.Minute }
	return Template{
		Name:          name,
		EarliestStart: mod(lo),
		LatestStart:   mod(hi),
		MinLength:     time.Duration(minL) * time.Minute,
		MaxLength:     time.Duration(maxL) * time.Minute,
		Step:          time.Duration(iv) * time.Minute,
	}, nil
}

func ceilTo(x, q int) int {
	r := ((x % q) + q) % q
	if r == 0 {
		return x
	}
	return x - r + q
}

func floorTo(x, q int) int { return x - ((x%q)+q)%q }

func (rd *dbaiReader) weights(inst *Instance) error {
	m := &inst.Model
	var err error
	if m.Weights.Shortage, _, err = rd.number("#UnderCover:"); err != nil {
		return err
	}
	if m.Weights.Excess, _, err = rd.number("#Overcover:"); err != nil {
		return err
	}
	if m.Weights.DistinctShifts, _, err = rd.number("#Shifts:"); err != nil {
		return err
	}
	// The duties criterion is optional and not part of the published fitness.
	if rd.find("#DutiesPerWeek:") >= 0 {
		if inst.DutiesWeight, _, err = rd.number("#DutiesPerWeek:"); err != nil {
			return err
		}
	}
	if rd.find("# Average number of hours per week") >= 0 {
		if inst.AverageHours, _, err = rd.number("# Average number of hours per week"); err != nil {
			return err
		}
	}
	if rd.find("#Duties per week:") >= 0 {
		i, s, _ := rd.value("#Duties per week:")
		f := strings.Fields(s)
		for k := 0; k < len(f) && k < 2; k++ {
			v, err := strconv.ParseFloat(f[k], 64)
			if err != nil {
				return rd.errf(i+1, "duties per week %q is not a number", f[k])
			}
			inst.DutiesPerWeek[k] = v
		}
	}
	return nil
}

func (rd *dbaiReader) reference(inst *Instance, days int) error {
	if i := rd.find("#Fitness of assumed optimal Solution:"); i >= 0 && i+1 < len(rd.lines) {
		s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rd.lines[i+1]), "#"))
		if s != "" {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return rd.errf(i+2, "fitness %q is not a number", s)
			}
			inst.Fitness, inst.HasFitness = v, true
		}
	}
	at := rd.find("#Shift Start Length Duties:")
	if at < 0 {
		return nil
	}
	for i := at + 1; i < len(rd.lines); i++ {
		l := strings.TrimSpace(rd.lines[i])
		if !strings.HasPrefix(l, "#") {
			break
		}
		f := strings.Fields(strings.TrimPrefix(l, "#"))
		if len(f) == 0 {
			break
		}
		if len(f) != 3+days || !strings.HasSuffix(f[0], ":") {
			return rd.errf(i+1, "solution line: want \"# <n>: H:M <length> <%d agent counts>\"", days)
		}
		start, err := civil.ParseClockUnpadded(f[1])
		if err != nil {
			return rd.errf(i+1, "solution line: %v", err)
		}
		length, err := strconv.Atoi(f[2])
		if err != nil || length <= 0 || length > 1440 {
			return rd.errf(i+1, "solution line: length %q: want minutes in 1..1440", f[2])
		}
		ps := PlannedShift{Start: (start % civil.EndOfDay).Duration(), Length: time.Duration(length) * time.Minute}
		for _, s := range f[3:] {
			a, err := strconv.Atoi(s)
			if err != nil || a < 0 {
				return rd.errf(i+1, "solution line: agents %q: want a non-negative integer", s)
			}
			ps.Agents = append(ps.Agents, a)
		}
		inst.Reference.Shifts = append(inst.Reference.Shifts, ps)
	}
	return nil
}
