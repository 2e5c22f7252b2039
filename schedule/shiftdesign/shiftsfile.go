package shiftdesign

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// LoadFiles reads the requirement curve (start,required, see
// ReadRequirementsOrder) and shifts.yaml (ReadShifts) of the
// requirements-file mode into a valid model. Both files are read before
// any error is returned, and every problem of the two comes back at once
// (exit code 3), each placed in its file.
func LoadFiles(reqPath, shiftsPath string, order dates.Order) (*Requirements, *Model, error) {
	curve, errReq := readCurveFile(reqPath, order)
	step := time.Duration(0)
	if curve != nil {
		step = curve.Interval
	}
	shifts, errShifts := readShiftsFile(shiftsPath, step)
	for _, err := range []error{errReq, errShifts} {
		if err != nil && diag.ClassOf(err) != diag.InvalidData {
			return nil, nil, err // a file that cannot be read
		}
	}
	if errReq != nil || errShifts != nil {
		return nil, nil, errors.Join(errReq, errShifts)
	}
	m := &Model{
		Interval:     curve.Interval,
		Required:     curve.Required,
		Cyclic:       shifts.Cyclic,
		FirstWeekday: curve.Start.Weekday(),
		Templates:    shifts.Templates,
		Weights:      shifts.Weights,
	}
	if err := m.Validate(); err != nil {
		return nil, nil, shifts.Locate(shiftsPath, err)
	}
	return curve, m, nil
}

func readCurveFile(path string, order dates.Order) (*Requirements, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	curve, err := ReadRequirementsOrder(f, path, order)
	if err != nil {
		return nil, diag.As(diag.InvalidData, err)
	}
	return curve, nil
}

func readShiftsFile(path string, defaultStep time.Duration) (*ShiftsFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadShifts(f, path, defaultStep)
}

// fileError is a problem at line:column of an input file (exit code 3).
func fileError(file string, line, column int, field string, err error) error {
	return &diag.Error{File: file, Line: line, Column: column, Field: field, Err: diag.As(diag.InvalidData, err)}
}

// ShiftsFile is shifts.yaml: the cyclic flag, the weights and the shift
// templates of the requirements-file mode.
type ShiftsFile struct {
	Cyclic    bool
	Weights   Weights
	Templates []Template
	// pos remembers where each template starts, for errors found later.
	pos []yaml.Node
}

// DefaultWeights apply when shifts.yaml has no weights (or leaves some
// out): deviation in both directions costs 1 per agent-minute, shifts
// nothing.
var DefaultWeights = Weights{Shortage: 1, Excess: 1}

// ReadShifts reads shifts.yaml; defaultStep is the step of templates that
// give none (the requirement interval). name labels errors.
func ReadShifts(r io.Reader, name string, defaultStep time.Duration) (*ShiftsFile, error) {
	data, err := io.ReadAll(io.LimitReader(r, 8<<20))
	if err != nil {
		return nil, err
	}
	doc, err := diag.YAML{File: name}.Parse(data)
	if errors.Is(err, diag.ErrEmptyYAML) {
		return nil, fileError(name, 0, 0, "", errors.New("the file is empty; want cyclic, weights and templates"))
	}
	if err != nil {
		return nil, err // a syntax error, its line in the YAML package's message
	}
	rd := &shiftsReader{name: name}
	f := &ShiftsFile{Weights: DefaultWeights}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, rd.errAt(root, "", "want a mapping with cyclic, weights and templates")
	}
	seenTemplates := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "cyclic":
			b, err := rd.boolean(v, "cyclic")
			if err != nil {
				return nil, err
			}
			f.Cyclic = b
		case "weights":
			if err := rd.weights(v, &f.Weights); err != nil {
				return nil, err
			}
		case "templates":
			seenTemplates = true
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				return nil, rd.errAt(v, "templates", "want a list of at least one template")
			}
			for ti, item := range v.Content {
				t, err := rd.template(item, ti, defaultStep)
				if err != nil {
					return nil, err
				}
				f.Templates = append(f.Templates, t)
				f.pos = append(f.pos, *item)
			}
		default:
			return nil, rd.errAt(k, k.Value, "unknown key; want cyclic, weights or templates")
		}
	}
	if !seenTemplates {
		return nil, rd.errAt(root, "templates", "missing: want a list of shift templates")
	}
	return f, nil
}

// Locate places a ModelError about a template at that template of the
// file name, and one about the weights at weights; other errors come back
// marked as errors of the input data (exit code 3).
func (f *ShiftsFile) Locate(name string, err error) error {
	var me *ModelError
	if errors.As(err, &me) && strings.HasPrefix(me.Field, "Templates.") && me.Index >= 0 && me.Index < len(f.pos) {
		n := f.pos[me.Index]
		field := fmt.Sprintf("templates[%d].%s", me.Index, yamlName(strings.TrimPrefix(me.Field, "Templates.")))
		return fileError(name, n.Line, n.Column, field, fmt.Errorf("%s: want %s", me.Value, me.Want))
	}
	if errors.As(err, &me) && strings.HasPrefix(me.Field, "Weights.") {
		return fileError(name, 0, 0, "weights", fmt.Errorf("%s: want %s", me.Value, me.Want))
	}
	return diag.As(diag.InvalidData, err)
}

// yamlName maps a Template field name to its key in shifts.yaml.
func yamlName(field string) string {
	switch field {
	case "EarliestStart":
		return "earliest_start"
	case "LatestStart":
		return "latest_start"
	case "MinLength":
		return "min_length"
	case "MaxLength":
		return "max_length"
	case "MaxAgents":
		return "max_agents"
	case "Weekdays":
		return "days"
	}
	return strings.ToLower(field)
}

type shiftsReader struct{ name string }

func (rd *shiftsReader) errAt(n *yaml.Node, field, format string, a ...any) error {
	return fileError(rd.name, n.Line, n.Column, field, fmt.Errorf(format, a...))
}

func (rd *shiftsReader) scalar(n *yaml.Node, field string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", rd.errAt(n, field, "want a single value")
	}
	return strings.TrimSpace(n.Value), nil
}

func (rd *shiftsReader) boolean(n *yaml.Node, field string) (bool, error) {
	s, err := rd.scalar(n, field)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(s) {
	case "true", "yes":
		return true, nil
	case "false", "no":
		return false, nil
	}
	return false, rd.errAt(n, field, "%q: want true or false", s)
}

func (rd *shiftsReader) number(n *yaml.Node, field string) (float64, error) {
	s, err := rd.scalar(n, field)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 1e9 || v != v {
		return 0, rd.errAt(n, field, "%q: want a number >= 0", s)
	}
	return v, nil
}

func (rd *shiftsReader) weights(n *yaml.Node, w *Weights) error {
	if n.Kind != yaml.MappingNode {
		return rd.errAt(n, "weights", "want a mapping such as {shortage: 1, excess: 1, distinct_shifts: 60, shifts: 0}")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := "weights." + k.Value
		x, err := rd.number(v, field)
		if err != nil {
			return err
		}
		switch k.Value {
		case "shortage":
			w.Shortage = x
		case "excess":
			w.Excess = x
		case "distinct_shifts":
			w.DistinctShifts = x
		case "shifts":
			w.Shifts = x
		default:
			return rd.errAt(k, field, "unknown weight; want shortage, excess, distinct_shifts or shifts")
		}
	}
	return nil
}

func (rd *shiftsReader) template(n *yaml.Node, ti int, defaultStep time.Duration) (Template, error) {
	t := Template{Step: defaultStep}
	prefix := fmt.Sprintf("templates[%d]", ti)
	if n.Kind != yaml.MappingNode {
		return t, rd.errAt(n, prefix, "want a mapping with name, earliest_start, min_length...")
	}
	var haveStart, haveLatest, haveMin, haveMax bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := prefix + "." + k.Value
		var err error
		switch k.Value {
		case "name":
			t.Name, err = rd.scalar(v, field)
		case "earliest_start":
			t.EarliestStart, err = rd.clock(v, field)
			haveStart = true
		case "latest_start":
			t.LatestStart, err = rd.clock(v, field)
			haveLatest = true
		case "min_length":
			t.MinLength, err = rd.duration(v, field)
			haveMin = true
		case "max_length":
			t.MaxLength, err = rd.duration(v, field)
			haveMax = true
		case "step":
			t.Step, err = rd.duration(v, field)
		case "days":
			t.Weekdays, err = rd.days(v, field)
		case "max_agents":
			var x float64
			x, err = rd.number(v, field)
			if err == nil && (x != float64(int(x)) || x > 1e6) {
				err = rd.errAt(v, field, "%q: want a whole number of agents (0: no cap)", v.Value)
			}
			t.MaxAgents = int(x)
		default:
			err = rd.errAt(k, field, "unknown key; want name, earliest_start, latest_start, min_length, max_length, step, days or max_agents")
		}
		if err != nil {
			return t, err
		}
	}
	switch {
	case t.Name == "":
		return t, rd.errAt(n, prefix+".name", "missing")
	case !haveStart:
		return t, rd.errAt(n, prefix+".earliest_start", "missing")
	case !haveMin:
		return t, rd.errAt(n, prefix+".min_length", "missing")
	}
	if !haveLatest {
		t.LatestStart = t.EarliestStart
	}
	if !haveMax {
		t.MaxLength = t.MinLength
	}
	return t, nil
}

// clock reads a time of day HH:MM (24:00 is refused: use 00:00).
func (rd *shiftsReader) clock(n *yaml.Node, field string) (time.Duration, error) {
	s, err := rd.scalar(n, field)
	if err != nil {
		return 0, err
	}
	c, err := civil.ParseClock(s)
	if err != nil || c == civil.EndOfDay {
		return 0, rd.errAt(n, field, "%q: want a time of day HH:MM such as 05:00", s)
	}
	return c.Duration(), nil
}

// duration reads 7h, 7h30m, 45m or H:MM.
func (rd *shiftsReader) duration(n *yaml.Node, field string) (time.Duration, error) {
	s, err := rd.scalar(n, field)
	if err != nil {
		return 0, err
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	if hs, ms, ok := strings.Cut(s, ":"); ok {
		hh, e1 := strconv.Atoi(hs)
		mm, e2 := strconv.Atoi(ms)
		if e1 == nil && e2 == nil && hh >= 0 && mm >= 0 && mm < 60 && hh < 1000 && hh+mm > 0 {
			return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
		}
	}
	return 0, rd.errAt(n, field, "%q: want a duration such as 8h, 7h30m or 15m", s)
}

func (rd *shiftsReader) days(n *yaml.Node, field string) ([]time.Weekday, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, rd.errAt(n, field, "want a list such as [mon, tue, wed]")
	}
	var out []time.Weekday
	for _, item := range n.Content {
		s, err := rd.scalar(item, field)
		if err != nil {
			return nil, err
		}
		d, err := civil.ParseWeekday(s)
		if err != nil {
			return nil, rd.errAt(item, field, "%q: want mon, tue, wed, thu, fri, sat or sun", s)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, rd.errAt(n, field, "empty: leave days out for every day")
	}
	return out, nil
}
