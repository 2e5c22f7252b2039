package rosterio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// ParseError is a problem at one place of an agents or rules file: a
// *diag.Error (Line and Column 1-based, 0 when unknown or when the whole
// file is at fault) whose cause unwraps to ErrInvalidFile and to the
// problem.
type ParseError = diag.Error

// badFile is the cause of a ParseError: the problem's own message, and
// ErrInvalidFile for errors.Is and the exit code.
type badFile struct{ err error }

func (e badFile) Error() string   { return e.err.Error() }
func (e badFile) Unwrap() []error { return []error{ErrInvalidFile, e.err} }

// invalidFile gives pe the cause ErrInvalidFile (once) and returns it.
func invalidFile(pe *ParseError) *ParseError {
	if _, ok := pe.Err.(badFile); !ok {
		pe.Err = badFile{pe.Err}
	}
	return pe
}

// ErrInvalidFile is the cause of every ParseError.
var ErrInvalidFile = diag.New(diag.InvalidData, "invalid agents or rules file")

// MaxParseErrors is the number of problems of one file collected before
// reading stops: a file's problems come in a diag.List of at most this
// many *ParseError, in file order ("(stopped after ... errors)" when there
// were more), or as the one *ParseError when there is one.
const MaxParseErrors = 20

// addProblem adds pe, with the cause ErrInvalidFile, to the file's list
// and reports false when the list was already full (there were more
// problems than it keeps: reading stops).
func addProblem(l *diag.List, pe *ParseError) bool {
	full := l.Full()
	l.Add(invalidFile(pe))
	return !full
}

// AgentColumns are the columns of agents.csv. Only id is required; the
// others may be absent or empty. See the package documentation.
var AgentColumns = []string{"id", "name", "tier", "skills", "team", "min_hours_week", "max_hours_week",
	"max_hours_day", "availability", "days_off", "hourly_cost", "can_lead"}

// ReadAgentsCSV reads agents.csv (see the package documentation): a
// header naming AgentColumns in any order and case, then one agent per
// row. Every problem is reported with file, line and column, up to
// MaxParseErrors of them in a diag.List.
func ReadAgentsCSV(r io.Reader, name string) ([]roster.Agent, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	errs := diag.List{Max: MaxParseErrors}
	fileErr := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			addProblem(&errs, &ParseError{File: name, Line: pe.Line, Column: pe.Column, Err: pe.Err})
		} else {
			addProblem(&errs, &ParseError{File: name, Err: err})
		}
		return errs.Err()
	}
	header, err := cr.Read()
	if err == io.EOF {
		addProblem(&errs, &ParseError{File: name, Err: errors.New("empty file: want a header naming the columns " + strings.Join(AgentColumns, ","))})
		return nil, errs.Err()
	}
	if err != nil {
		return nil, fileErr(err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range AgentColumns {
			known = known || h == c
		}
		line, column := cr.FieldPos(i)
		switch {
		case !known:
			addProblem(&errs, &ParseError{File: name, Line: line, Column: column, Field: h,
				Err: fmt.Errorf("unknown column (known: %s)", strings.Join(AgentColumns, ", "))})
		case col[h] > 0:
			addProblem(&errs, &ParseError{File: name, Line: line, Column: column, Field: h, Err: errors.New("column given twice")})
		}
		col[h] = i + 1
	}
	if col["id"] == 0 {
		addProblem(&errs, &ParseError{File: name, Line: 1, Field: "id", Err: errors.New("missing column")})
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	var agents []roster.Agent
	seen := map[string]int{}
	stopped := false // more problems than the list keeps
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fileErr(err)
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) (string, int) {
			i := col[c]
			if i == 0 || i > len(rec) {
				return "", 0
			}
			_, column := cr.FieldPos(i - 1)
			return strings.TrimSpace(rec[i-1]), column
		}
		bad := func(field string, column int, err error) {
			stopped = !addProblem(&errs, &ParseError{File: name, Line: line, Column: column, Field: field, Err: err}) || stopped
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		before := errs.Len()
		a, ok := parseAgentRow(get, bad)
		if ok {
			if prev, dup := seen[a.ID]; dup {
				_, c := get("id")
				bad("id", c, fmt.Errorf("%q already on line %d", a.ID, prev))
			} else {
				seen[a.ID] = line
				if err := roster.ValidateAgent(&a, len(agents)); err != nil {
					var ve *roster.ValidationError
					field := ""
					if errors.As(err, &ve) {
						field, err = ve.Field, ve.Err
						field, _, _ = strings.Cut(field, "[")
					}
					_, c := get(field)
					bad(field, c, err)
				}
			}
		}
		if stopped {
			break
		}
		if errs.Len() == before {
			agents = append(agents, a)
		}
	}
	if errs.Len() > 0 {
		// in file order: Errs is the list's own slice, every one a *ParseError
		list := errs.Errs()
		sort.SliceStable(list, func(i, j int) bool {
			a, b := list[i].(*ParseError), list[j].(*ParseError)
			return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
		})
		return nil, errs.Err()
	}
	if len(agents) == 0 {
		return nil, invalidFile(&ParseError{File: name, Err: errors.New("no agents")})
	}
	return agents, nil
}

func parseAgentRow(get func(string) (string, int), bad func(string, int, error)) (roster.Agent, bool) {
	ok := true
	fail := func(field string, column int, format string, a ...any) {
		bad(field, column, fmt.Errorf(format, a...))
		ok = false
	}
	var a roster.Agent
	var c int
	if a.ID, c = get("id"); a.ID == "" {
		fail("id", c, "empty")
	}
	a.Name, _ = get("name")
	a.Team, _ = get("team")
	if v, c := get("tier"); v != "" {
		a.Tier = roster.Tier(strings.ToLower(v))
		valid := false
		for _, t := range roster.Tiers {
			valid = valid || a.Tier == t
		}
		if a.Tier == "allhands" || a.Tier == "all_hands" {
			a.Tier, valid = roster.TierAllHands, true
		}
		if !valid {
			fail("tier", c, "%q: want veteran, regular, new, all-hands or outsourced", v)
		}
	}
	if v, _ := get("skills"); v != "" {
		for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '|' || r == ',' || r == ' ' }) {
			a.Skills = append(a.Skills, s)
		}
	}
	for _, h := range []struct {
		col string
		dst *time.Duration
	}{{"min_hours_week", &a.MinWeekly}, {"max_hours_week", &a.MaxWeekly}, {"max_hours_day", &a.MaxDaily}} {
		if v, c := get(h.col); v != "" {
			d, err := parseHours(v)
			if err != nil {
				fail(h.col, c, "%v", err)
			}
			*h.dst = d
		}
	}
	if v, c := get("availability"); v != "" {
		for part := range strings.SplitSeq(v, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			w, err := parseWindow(part)
			if err != nil {
				fail("availability", c, "%v", err)
				break
			}
			a.Available = append(a.Available, w)
		}
	}
	if v, c := get("days_off"); v != "" {
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '|' }) {
			if wd, err := civil.ParseWeekday(part); err == nil {
				a.WeekdaysOff = append(a.WeekdaysOff, wd)
				continue
			}
			d, err := civil.ParseDate(part)
			if err != nil {
				fail("days_off", c, "%q: want a day of the week or a date YYYY-MM-DD", part)
				break
			}
			a.DaysOff = append(a.DaysOff, d)
		}
	}
	if v, c := get("hourly_cost"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			fail("hourly_cost", c, "%q is not a number", v)
		}
		a.HourlyCost = x
	}
	if v, c := get("can_lead"); v != "" {
		switch strings.ToLower(v) {
		case "true", "yes", "y", "1", "x":
			a.CanLead = true
		case "false", "no", "n", "0":
		default:
			fail("can_lead", c, "%q: want yes or no", v)
		}
	}
	return a, ok
}

// parseHours reads a number of hours (37.5) or a duration (37h30m).
func parseHours(s string) (time.Duration, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		if x < 0 || x > 7*24 || x != x {
			return 0, fmt.Errorf("%q: want hours between 0 and 168", s)
		}
		return time.Duration(x * float64(time.Hour)).Round(time.Minute), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d > 7*24*time.Hour {
		return 0, fmt.Errorf("%q: want hours (37.5) or a duration (37h30m)", s)
	}
	return d, nil
}

// parseWindow reads "mon-fri 08:00-20:00" or "08:00-20:00".
func parseWindow(s string) (roster.Window, error) {
	var w roster.Window
	fields := strings.Fields(s)
	switch len(fields) {
	case 1:
	case 2:
		days, err := civil.ParseWeekdays(fields[0])
		if err != nil {
			return w, err
		}
		w.Days = days
	default:
		return w, fmt.Errorf("%q: want [days] HH:MM-HH:MM, e.g. mon-fri 08:00-20:00", s)
	}
	span, err := roster.ParseClockSpan(fields[len(fields)-1])
	if err != nil {
		return w, err
	}
	w.Span = span
	return w, nil
}
