package schedulecmd

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// Report is the JSON output of requirements-file mode.
type Report struct {
	Objective       float64          `json:"objective"`
	ShortageMinutes float64          `json:"shortage_minutes"`
	ExcessMinutes   float64          `json:"excess_minutes"`
	DistinctShifts  int              `json:"distinct_shifts"`
	Shifts          int              `json:"shifts"`
	StaffedHours    float64          `json:"staffed_hours"`
	LowerBoundHours *float64         `json:"lower_bound_hours"`
	GapPercent      *float64         `json:"gap_percent"`
	ObjectiveBound  float64          `json:"objective_bound"`
	UnmetIntervals  []UnmetInterval  `json:"unmet_intervals"`
	ShiftPlan       []PlanEntry      `json:"shift_plan"`
	Days            []DaySummary     `json:"days"`
	Uncoverable     []UncoveredEntry `json:"uncoverable,omitempty"`
}

// UnmetInterval is an interval with fewer agents on duty than required.
type UnmetInterval struct {
	Start           string  `json:"start"`
	Required        float64 `json:"required"`
	OnDuty          float64 `json:"on_duty"`
	Shortfall       float64 `json:"shortfall"`
	ShortageMinutes float64 `json:"shortage_minutes"`
}

// UncoveredEntry is an interval no plan can cover with these templates.
type UncoveredEntry struct {
	Start    string  `json:"start"`
	Required float64 `json:"required"`
}

// PlanEntry is one distinct shift of the plan.
type PlanEntry struct {
	Template      string `json:"template"`
	Start         string `json:"start"`
	End           string `json:"end"`
	LengthMinutes int    `json:"length_minutes"`
	AgentsPerDay  []int  `json:"agents_per_day"`
}

// DaySummary compares required and scheduled agent-hours of one day.
type DaySummary struct {
	Date            string  `json:"date"`
	RequiredHours   float64 `json:"required_hours"`
	ScheduledHours  float64 `json:"scheduled_hours"`
	ShortageMinutes float64 `json:"shortage_minutes"`
	ExcessMinutes   float64 `json:"excess_minutes"`
}

// round4 keeps four decimals, enough for agent-minutes and hours, without
// the noise of float sums.
func round4(x float64) float64 {
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		return 0
	}
	return r
}

func clock(d time.Duration) string {
	d %= 24 * time.Hour
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

func (s *Solution) intervalStart(i int) time.Time {
	c := s.Inputs.Curve
	return c.Start.Add(time.Duration(i) * c.Interval)
}

// Report gathers the JSON output.
func (s *Solution) Report() Report {
	ev := s.Result.Evaluation
	r := Report{
		Objective:       round4(ev.Objective),
		ShortageMinutes: round4(ev.ShortageMinutes),
		ExcessMinutes:   round4(ev.ExcessMinutes),
		DistinctShifts:  ev.DistinctShifts,
		Shifts:          ev.Shifts,
		StaffedHours:    round4(ev.StaffedHours),
		ObjectiveBound:  round4(s.Result.ObjectiveBound),
		UnmetIntervals:  []UnmetInterval{},
		ShiftPlan:       []PlanEntry{},
	}
	if s.LowerBound != nil {
		lb := round4(*s.LowerBound)
		r.LowerBoundHours = &lb
		if *s.LowerBound > 0 {
			gap := round4(shiftdesign.GapPercent(ev.StaffedHours, *s.LowerBound))
			r.GapPercent = &gap
		}
	}
	req := s.Inputs.Model.Required
	ivMin := s.Inputs.Curve.Interval.Minutes()
	for i, short := range ev.Short {
		if short > 1e-9 {
			r.UnmetIntervals = append(r.UnmetIntervals, UnmetInterval{
				Start:           s.intervalStart(i).Format("2006-01-02 15:04"),
				Required:        req[i],
				OnDuty:          round4(ev.OnDuty[i]),
				Shortfall:       round4(short / ivMin),
				ShortageMinutes: round4(short),
			})
		}
	}
	for _, i := range s.Uncoverable {
		r.Uncoverable = append(r.Uncoverable, UncoveredEntry{s.intervalStart(i).Format("2006-01-02 15:04"), req[i]})
	}
	for _, sh := range s.Result.Plan.Shifts {
		r.ShiftPlan = append(r.ShiftPlan, PlanEntry{
			Template:      sh.Template,
			Start:         clock(sh.Start),
			End:           clock(sh.Start + sh.Length),
			LengthMinutes: int(sh.Length / time.Minute),
			AgentsPerDay:  sh.Agents,
		})
	}
	r.Days = s.days()
	return r
}

func (s *Solution) days() []DaySummary {
	c := s.Inputs.Curve
	ev := s.Result.Evaluation
	perDay := int(24 * time.Hour / c.Interval)
	ivH := c.Interval.Hours()
	out := make([]DaySummary, c.Days())
	for d := range out {
		out[d].Date = c.Start.AddDate(0, 0, d).Format("2006-01-02")
	}
	for i, r := range c.Required {
		d := &out[i/perDay]
		d.RequiredHours += r * ivH
		d.ScheduledHours += ev.OnDuty[i] * ivH
		d.ShortageMinutes += ev.Short[i]
		d.ExcessMinutes += ev.Over[i]
	}
	for d := range out {
		x := &out[d]
		x.RequiredHours, x.ScheduledHours = round4(x.RequiredHours), round4(x.ScheduledHours)
		x.ShortageMinutes, x.ExcessMinutes = round4(x.ShortageMinutes), round4(x.ExcessMinutes)
	}
	return out
}

func num(x float64) string { return strconv.FormatFloat(round4(x), 'f', -1, 64) }

// Print writes the plan for people (terminal) or scripts (TSV).
func (s *Solution) Print(ios *iostreams.IOStreams) error {
	r := s.Report()
	c := s.Inputs.Curve
	header := []string{"template", "start", "end", "length_minutes"}
	for d := 0; d < c.Days(); d++ {
		day := c.Start.AddDate(0, 0, d)
		if ios.IsStdoutTTY() {
			header = append(header, day.Format("Mon 01-02"))
		} else {
			header = append(header, day.Format("2006-01-02"))
		}
	}
	header = append(header, "total")
	plan := term.NewTable(ios, header...)
	for _, e := range r.ShiftPlan {
		row := []any{e.Template, e.Start, e.End, e.LengthMinutes}
		total := 0
		for _, a := range e.AgentsPerDay {
			row = append(row, a)
			total += a
		}
		plan.Row(append(row, total)...)
	}
	if !ios.IsStdoutTTY() {
		return plan.Render()
	}
	w := ios.Out
	fmt.Fprintf(w, "objective %s: shortage %s and excess %s agent-minutes, %d distinct shifts, %d agent-shifts\n",
		num(r.Objective), num(r.ShortageMinutes), num(r.ExcessMinutes), r.DistinctShifts, r.Shifts)
	if r.LowerBoundHours != nil {
		gap := ""
		if r.GapPercent != nil {
			gap = fmt.Sprintf(", gap %s%%", strconv.FormatFloat(*r.GapPercent, 'f', 2, 64))
		}
		fmt.Fprintf(w, "staffed %s hours; lower bound %s hours%s\n", num(r.StaffedHours), num(*r.LowerBoundHours), gap)
	} else {
		fmt.Fprintf(w, "staffed %s hours; the templates cannot cover %d intervals\n", num(r.StaffedHours), len(r.Uncoverable))
	}
	fmt.Fprintln(w)
	if err := plan.Render(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	days := term.NewTable(ios, "date", "required_hours", "scheduled_hours", "shortage_minutes", "excess_minutes")
	for _, d := range r.Days {
		days.Row(d.Date, num(d.RequiredHours), num(d.ScheduledHours), num(d.ShortageMinutes), num(d.ExcessMinutes))
	}
	if err := days.Render(); err != nil {
		return err
	}
	if n := len(r.UnmetIntervals); n > 0 {
		fmt.Fprintf(w, "\n%d intervals short (see --json unmet_intervals), first at %s\n", n, r.UnmetIntervals[0].Start)
	}
	return nil
}

// WriteCSV writes one row per shift and day worked, by date then start. A
// template name a spreadsheet would take for a formula gets a leading
// apostrophe (textsafe.Cell), as in every CSV peakstaff writes.
func (s *Solution) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "template", "start", "end", "length_minutes", "agents"}); err != nil {
		return err
	}
	c := s.Inputs.Curve
	for d := 0; d < c.Days(); d++ {
		date := c.Start.AddDate(0, 0, d).Format("2006-01-02")
		for _, sh := range s.Result.Plan.Shifts {
			if a := sh.Agents[d]; a > 0 {
				rec := []string{date, textsafe.Cell(sh.Template), clock(sh.Start), clock(sh.Start + sh.Length),
					strconv.Itoa(int(sh.Length / time.Minute)), strconv.Itoa(a)}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
