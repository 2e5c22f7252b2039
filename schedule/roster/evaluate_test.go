package roster_test

import (
	"errors"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

func TestEvaluateViolations(t *testing.T) {
	tests := []struct {
		name   string
		model  func(*roster.Model)
		shifts []roster.Shift
		want   []string // rules broken, sorted
	}{
		{"valid", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 11)}, nil},
		{"no break", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 0)}, []string{"breaks"}},
		{"break too early", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 9.5)}, []string{"breaks"}},
		{"break too late", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 13.5)}, []string{"breaks"}},
		{"break not required", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 13, 10)}, []string{"breaks", "template"}},
		{"start off the template", nil, []roster.Shift{rostertest.Shift("a", 0, 7, 15, 10)}, []string{"template"}},
		{"length off the template", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 17.5, 11)}, []string{"max_daily", "template"}},
		{"skill", func(m *roster.Model) { m.Agents[2].Skills = []string{"voice"} }, []roster.Shift{rostertest.Shift("c", 0, 8, 16, 11)}, []string{"skill"}},
		{"availability", nil, []roster.Shift{rostertest.Shift("b", 0, 8, 17, 11)}, []string{"availability", "max_daily"}},
		{"availability weekday", nil, []roster.Shift{rostertest.Shift("b", 2, 8, 14, 11)}, []string{"availability"}},
		{"day off", nil, []roster.Shift{rostertest.Shift("c", 1, 8, 14, 11)}, []string{"availability"}},
		{"min rest", func(m *roster.Model) { m.Rules.MinRest = 15 * time.Hour }, []roster.Shift{rostertest.Shift("a", 0, 10, 18, 12), rostertest.Shift("a", 1, 8, 14, 11)},
			[]string{"min_rest"}},
		{"two shifts a day", nil, []roster.Shift{rostertest.Shift("a", 0, 8, 14, 11), rostertest.Shift("a", 0, 9, 15, 12)},
			[]string{"one_shift_per_day", "overlap"}},
		{"max daily", func(m *roster.Model) { m.Rules.MaxDaily = 7 * time.Hour }, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 11)}, []string{"max_daily"}},
		{"max weekly and consecutive days", func(m *roster.Model) { m.Rules.MinRest = 0 },
			[]roster.Shift{rostertest.Shift("a", 0, 8, 16, 11), rostertest.Shift("a", 1, 8, 16, 11), rostertest.Shift("a", 2, 8, 16, 11)},
			[]string{"max_consecutive_days", "max_weekly"}},
		{"days off", func(m *roster.Model) { m.Rules.MinRest, m.Rules.DaysOffPerWeek, m.Rules.MaxWeekly = 0, 7, 0 },
			[]roster.Shift{rostertest.Shift("a", 0, 8, 16, 11)}, []string{"days_off"}},
		{"weekly rest", func(m *roster.Model) {
			// a full week worked 08:00-14:00 every day: 18h rests at most
			m.Demand.Skills[0].Required = make([]int, 7*48)
			m.Rules.MinRest, m.Rules.MaxWeekly, m.Rules.MaxConsecutiveDays, m.Rules.WeeklyRest = 0, 0, 0, 40*time.Hour
		}, []roster.Shift{rostertest.Shift("a", 0, 8, 14, 11), rostertest.Shift("a", 1, 8, 14, 11), rostertest.Shift("a", 2, 8, 14, 11), rostertest.Shift("a", 3, 8, 14, 11),
			rostertest.Shift("a", 4, 8, 14, 11), rostertest.Shift("a", 5, 8, 14, 11), rostertest.Shift("a", 6, 8, 14, 11)}, []string{"weekly_rest"}},
		{"overtime", func(m *roster.Model) {
			m.Rules.MaxDaily = 0
			m.Rules.Overtime = roster.Overtime{StandardDay: 6 * time.Hour, StandardWeek: 40 * time.Hour, MaxDay: time.Hour, MaxMonth: 2 * time.Hour}
		}, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 11)}, []string{"overtime_day"}},
		{"overtime month", func(m *roster.Model) {
			m.Rules.MaxDaily, m.Rules.MinRest, m.Rules.MaxWeekly, m.Rules.MaxConsecutiveDays = 0, 0, 0, 0
			m.Rules.Overtime = roster.Overtime{StandardDay: 7 * time.Hour, StandardWeek: 40 * time.Hour, MaxDay: time.Hour, MaxMonth: 2 * time.Hour}
		}, []roster.Shift{rostertest.Shift("a", 0, 8, 16, 11), rostertest.Shift("a", 1, 8, 16, 11), rostertest.Shift("a", 2, 8, 16, 11)}, []string{"overtime_month"}},
		{"two-day weekend", func(m *roster.Model) {
			// a full week: every day off is alone
			m.Demand.Skills[0].Required = make([]int, 7*48)
			m.Rules.MinRest, m.Rules.MaxWeekly, m.Rules.MaxConsecutiveDays, m.Rules.DaysOffPerWeek, m.Rules.TwoDayWeekend = 0, 0, 0, 2, true
		}, []roster.Shift{rostertest.Shift("a", 0, 8, 14, 11), rostertest.Shift("a", 2, 8, 14, 11), rostertest.Shift("a", 4, 8, 14, 11), rostertest.Shift("a", 6, 8, 14, 11)},
			[]string{"two_day_weekend"}},
	}
	for _, tc := range tests {
		m := rostertest.EvalModel()
		if tc.model != nil {
			tc.model(m)
		}
		ev, err := roster.Evaluate(m, &roster.Roster{Shifts: tc.shifts})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []string
		for _, v := range ev.Violations {
			if !slices.Contains(got, v.Rule) {
				got = append(got, v.Rule)
			}
		}
		sort.Strings(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: rules broken %v, want %v (%v)", tc.name, got, tc.want, ev.Violations)
		}
	}
}

// TestEvaluateRuleGaps: the lead and veteran rules are not hard rules; a
// roster that misses them has rule gaps, apart from its shortfall and
// its violations. Hand counts: with a lead per agent, a (the lead), b and
// c on 08:00-14:00 need two leads, one is missing for 6 hours; with half
// veterans in each day's busiest interval (the first of equal ones,
// 08:00) b alone misses a veteran for half an hour. Every case leaves
// the same 24.5 agent-hours short: days 1 and 2, 14:00-18:00 and the
// breaks all taken at 11:00.
func TestEvaluateRuleGaps(t *testing.T) {
	tests := []struct {
		name        string
		model       func(*roster.Model)
		shifts      []roster.Shift
		want        []roster.RuleGap
		lead, vet   float64
		shortageHrs float64
	}{
		{"leads", func(m *roster.Model) { m.Leads.PerAgents = 1 }, []roster.Shift{rostertest.Shift("a", 0, 8, 14, 11), rostertest.Shift("b", 0, 8, 14, 11), rostertest.Shift("c", 0, 8, 14, 11)},
			[]roster.RuleGap{{Rule: "leads", Start: rostertest.At(0, 8, 0), End: rostertest.At(0, 14, 0), Hours: 6, Most: 1}}, 6, 0, 24.5},
		{"veterans at the peak", func(m *roster.Model) { m.Veterans = roster.VeteranRule{Share: 0.5, TopK: 1} }, []roster.Shift{rostertest.Shift("b", 0, 8, 14, 11)},
			[]roster.RuleGap{{Rule: "veterans", Start: rostertest.At(0, 8, 0), End: rostertest.At(0, 8, 30), Hours: 0.5, Most: 1}}, 0, 0.5, 24.5},
		{"a lead on duty", func(m *roster.Model) { m.Leads.PerAgents = 2 }, []roster.Shift{rostertest.Shift("a", 0, 8, 14, 11), rostertest.Shift("b", 0, 8, 14, 11)}, nil, 0, 0, 24.5},
	}
	for _, tc := range tests {
		m := rostertest.EvalModel()
		tc.model(m)
		ev, err := roster.Evaluate(m, &roster.Roster{Shifts: tc.shifts})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(ev.Violations) != 0 {
			t.Errorf("%s: violations %v, want none (rule gaps are not violations)", tc.name, ev.Violations)
		}
		if len(ev.RuleGaps) != len(tc.want) {
			t.Fatalf("%s: rule gaps %+v, want %+v", tc.name, ev.RuleGaps, tc.want)
		}
		for i, g := range ev.RuleGaps {
			w := tc.want[i]
			if g.Rule != w.Rule || !g.Start.Equal(w.Start) || !g.End.Equal(w.End) || g.Hours != w.Hours || g.Most != w.Most {
				t.Errorf("%s: rule gap %+v, want %+v", tc.name, g, w)
			}
		}
		if ev.LeadGapHours != tc.lead || ev.VeteranGapHours != tc.vet || ev.ShortageHours != tc.shortageHrs {
			t.Errorf("%s: lead gap %v h, veteran gap %v h, shortage %v h; want %v, %v, %v", tc.name,
				ev.LeadGapHours, ev.VeteranGapHours, ev.ShortageHours, tc.lead, tc.vet, tc.shortageHrs)
		}
	}
}

// TestEvaluateCoverage checks the figures of a valid two-agent roster
// against hand counts: a 08:00-16:00 shift with its break at 11:00 and a
// 10:00-16:00 shift with its break at 13:00 against 1 agent 08:00-18:00.
func TestEvaluateCoverage(t *testing.T) {
	m := rostertest.EvalModel()
	m.Agents[0].HourlyCost = 30
	m.Veterans = roster.VeteranRule{Share: 0.5, TopK: 2}
	r := &roster.Roster{Shifts: []roster.Shift{rostertest.Shift("a", 0, 8, 16, 11), rostertest.Shift("b", 0, 10, 16, 13)}}
	ev, err := roster.Evaluate(m, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Violations) != 0 {
		t.Fatalf("violations: %v", ev.Violations)
	}
	onDuty := ev.Skills[0].OnDuty
	// 08:00 one agent; 10:00 two; 11:00 a on break; 13:00 b on break;
	// 16:00-18:00 nobody (4 intervals short on day 0, all of days 1-2)
	checks := map[time.Time]int{rostertest.At(0, 8, 0): 1, rostertest.At(0, 10, 0): 2, rostertest.At(0, 11, 0): 1, rostertest.At(0, 11, 30): 2, rostertest.At(0, 13, 0): 1, rostertest.At(0, 16, 0): 0}
	for ts, want := range checks {
		i := int(ts.Sub(m.Demand.Start) / m.Demand.Interval)
		if onDuty[i] != want {
			t.Errorf("%v: %d on duty, want %d", ts.Format("15:04"), onDuty[i], want)
		}
	}
	// shortage: 16-18 on day 0 (2h) and 08-18 on days 1 and 2 (20h)
	if ev.ShortageHours != 22 {
		t.Errorf("shortage %.2f h, want 22", ev.ShortageHours)
	}
	// excess: 10:00-16:00 two agents, less the two breaks: 6h - 1h = 5h
	if ev.ExcessHours != 5 {
		t.Errorf("excess %.2f h, want 5", ev.ExcessHours)
	}
	if ev.StaffedHours != 14 || ev.PaidHours != 14 || ev.OnQueueHours != 13 {
		t.Errorf("staffed %.1f, paid %.1f, on queue %.1f; want 14, 14, 13", ev.StaffedHours, ev.PaidHours, ev.OnQueueHours)
	}
	if ev.Cost != 8*30 {
		t.Errorf("cost %.2f, want 240", ev.Cost)
	}
	if len(ev.Unmet) != 4+40 {
		t.Errorf("%d unmet intervals, want 44", len(ev.Unmet))
	}
	// hours a 8, b 6, c 0, scaled to a 40-hour week from the 20-hour
	// weekly maximum: 16, 12, 0; population standard deviation
	mean := 28.0 / 3
	sd := math.Sqrt(((16-mean)*(16-mean) + (12-mean)*(12-mean) + mean*mean) / 3)
	if math.Abs(ev.HoursSpread-sd) > 1e-9 {
		t.Errorf("hours spread %.6f, want %.6f", ev.HoursSpread, sd)
	}
	// the veteran check: the top 2 intervals of day 0 are 08:00 and
	// 08:30 (all tie at 1; the earliest win), where a, a veteran, is alone
	peaks := 0
	for _, ic := range ev.Intervals {
		if ic.Peak {
			peaks++
			if ic.VeteransNeeded > ic.Veterans {
				t.Errorf("peak %v short of veterans", ic.Start)
			}
		}
	}
	if peaks != 6 {
		t.Errorf("%d peak intervals, want 2 a day", peaks)
	}
}

func TestEvaluateRosterErrors(t *testing.T) {
	good := rostertest.Shift("a", 0, 8, 16, 11)
	tests := []struct {
		name  string
		r     roster.Roster
		shift int
	}{
		{"unknown agent", roster.Roster{Shifts: []roster.Shift{func() roster.Shift { s := good; s.AgentID = "zz"; return s }()}}, 0},
		{"unknown skill", roster.Roster{Shifts: []roster.Shift{good, func() roster.Shift { s := good; s.Skill = "fax"; return s }()}}, 1},
		{"off the grid", roster.Roster{Shifts: []roster.Shift{func() roster.Shift {
			s := good
			s.Blocks = []roster.Span{{rostertest.At(0, 8, 10), rostertest.At(0, 16, 0)}}
			return s
		}()}}, 0},
		{"outside the horizon", roster.Roster{Shifts: []roster.Shift{func() roster.Shift {
			s := good
			s.Blocks = []roster.Span{{rostertest.At(5, 8, 0), rostertest.At(5, 16, 0)}}
			return s
		}()}}, 0},
		{"unknown break rule", roster.Roster{Shifts: []roster.Shift{func() roster.Shift {
			s := good
			s.Breaks = []roster.Break{{Rule: "nap", Start: rostertest.At(0, 11, 0), End: rostertest.At(0, 11, 30)}}
			return s
		}()}}, 0},
		{"no blocks", roster.Roster{Shifts: []roster.Shift{{AgentID: "a", Skill: "chat"}}}, 0},
	}
	for _, tc := range tests {
		_, err := roster.Evaluate(rostertest.EvalModel(), &tc.r)
		var re *roster.RosterError
		if !errors.As(err, &re) || !errors.Is(err, roster.ErrBadRoster) || re.Shift != tc.shift {
			t.Errorf("%s: err = %v, want a RosterError for shift %d", tc.name, err, tc.shift)
		}
	}
	_, err := roster.Evaluate(rostertest.EvalModel(), &roster.Roster{Reserve: []roster.ReserveDuty{{AgentID: "zz", Start: rostertest.At(0, 8, 0), End: rostertest.At(0, 12, 0)}}})
	var re *roster.RosterError
	if !errors.As(err, &re) || re.Reserve != 0 {
		t.Errorf("unknown reserve agent: err = %v", err)
	}
}

// TestReserveDutiesRest: an agent on call must be able to work the duty
// if called, so two duties of theirs are the minimum rest apart (14 h
// here) as shifts are: on call 16:00-20:00 and again 08:00-12:00 the next
// day is 12 h, a violation; 08:00-12:00 on both days is 20 h, none.
func TestReserveDutiesRest(t *testing.T) {
	m := rostertest.EvalModel()
	m.Reserve = roster.ReserveRule{Agents: 1, Block: 4 * time.Hour}
	duty := func(day, h int) roster.ReserveDuty {
		return roster.ReserveDuty{AgentID: "a", Start: rostertest.At(day, h, 0), End: rostertest.At(day, h+4, 0)}
	}
	restViolations := func(r []roster.ReserveDuty) int {
		ev, err := roster.Evaluate(m, &roster.Roster{Reserve: r})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, v := range ev.Violations {
			if v.Rule == "reserve" && strings.Contains(v.Detail, "minimum rest of another duty") {
				n++
			}
		}
		return n
	}
	if n := restViolations([]roster.ReserveDuty{duty(0, 16), duty(1, 8)}); n != 1 {
		t.Errorf("duties 12 h apart: %d rest violations, want 1", n)
	}
	if n := restViolations([]roster.ReserveDuty{duty(0, 8), duty(1, 8)}); n != 0 {
		t.Errorf("duties 20 h apart: %d rest violations, want 0", n)
	}
}
