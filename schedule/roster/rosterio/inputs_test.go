package rosterio

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

func TestGiveCurveSkill(t *testing.T) {
	tests := []struct {
		name   string
		skills [][]string
		want   []bool
	}{
		{"nobody lists it: everyone", [][]string{{"voice"}, nil, {"chat", "email"}}, []bool{true, true, true}},
		{"some list it: those and the skill-less", [][]string{{"voice"}, nil, {"chat", "all"}}, []bool{false, true, true}},
	}
	for _, tt := range tests {
		var agents []roster.Agent
		for i, s := range tt.skills {
			agents = append(agents, roster.Agent{ID: strconv.Itoa(i), Skills: s})
		}
		giveCurveSkill(agents)
		for i, a := range agents {
			if a.HasSkill(CurveSkill) != tt.want[i] {
				t.Errorf("%s: agent %d skills %v", tt.name, i, a.Skills)
			}
		}
	}
}

// TestAgentDemandFromRequirements: channels and channel/skill become
// skills; the horizon is padded to whole days of the zone; --tz moves it.
func TestAgentDemandFromRequirements(t *testing.T) {
	in := "interval,channel,skill,agents\n" +
		"2025-11-10T09:00:00+01:00,phone,,2\n" +
		"2025-11-10T09:30:00+01:00,phone,,3\n" +
		"2025-11-10T09:30:00+01:00,email,vip,1\n"
	berlin, _ := time.LoadLocation("Europe/Berlin")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		loc       *time.Location
		start     time.Time
		n, at     int
		wantPhone []int // from index at
	}{
		{nil, time.Date(2025, 11, 10, 0, 0, 0, 0, time.FixedZone("", 3600)), 48, 18, []int{2, 3, 0}},
		{berlin, time.Date(2025, 11, 10, 0, 0, 0, 0, berlin), 48, 18, []int{2, 3, 0}},
		// 09:00 in Berlin is 16:00 in Shanghai.
		{shanghai, time.Date(2025, 11, 10, 0, 0, 0, 0, shanghai), 48, 32, []int{2, 3, 0}},
	}
	for _, tt := range tests {
		var notes []string
		d, _, err := demandFromRequirements([]byte(in), "r.csv", tt.loc, dates.OrderUnknown, &notes)
		if err != nil {
			t.Fatal(err)
		}
		if !d.Start.Equal(tt.start) || len(d.Skills) != 2 || d.Skills[0].Skill != "phone" || d.Skills[1].Skill != "email/vip" ||
			len(d.Skills[0].Required) != tt.n || !reflect.DeepEqual(d.Skills[0].Required[tt.at:tt.at+3], tt.wantPhone) ||
			d.Skills[1].Required[tt.at+1] != 1 || len(notes) != 0 {
			t.Errorf("zone %v: start %v, skills %+v, notes %v", tt.loc, d.Start, d.Skills, notes)
		}
	}
}

// TestPlanAndFileGiveOneDemand: a plan's requirement (PlanSeries) and the
// requirements.csv the plan writes of it, read back as schedule --agents
// reads it (FileSeries), give the same roster demand: the same skills,
// start, whole days and agents per interval; both for teams of groups
// (one channel shared by two groups) and for a plan without a team (the
// one group "all"). The requirement starts at 07:00 and ends at 19:00, so
// that both are padded to the same whole day.
func TestPlanAndFileGiveOneDemand(t *testing.T) {
	zone := time.FixedZone("CST", 8*3600)
	start := time.Date(2025, 11, 10, 7, 0, 0, 0, zone)
	n := 24 // 12 hours of 30 minutes
	wave := func(peak float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = peak * (0.5 + 0.5*math.Sin(float64(i)/4))
		}
		return out
	}
	live := require.Policy{Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 1}}
	demands := []require.Demand{
		{Channel: "voice", Start: start, Interval: 30 * time.Minute, Contacts: wave(120), AHTSeconds: []float64{300}},
		{Channel: "chat", Start: start, Interval: 30 * time.Minute, Contacts: wave(80), AHTSeconds: []float64{420}},
		{Channel: "email", Start: start, Interval: 30 * time.Minute, Contacts: wave(40), AHTSeconds: []float64{360}},
	}
	pols := map[string]require.Policy{"voice": live, "chat": live, "email": live}
	for _, tc := range []struct {
		name   string
		groups []require.Group
	}{
		{"no team", nil},
		{"groups", []require.Group{{Name: "phones", Channels: []string{"voice", "chat"}, Share: map[string]float64{"chat": 0.4}},
			{Name: "desk", Channels: []string{"chat", "email"}, Share: map[string]float64{"chat": 0.6}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := require.ComputeGroups(demands, pols, tc.groups, require.GroupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			fromPlan, err := DemandOf(PlanSeries(&plan), nil)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := require.WriteRequirementsCSV(&buf, plan); err != nil {
				t.Fatal(err)
			}
			var notes []string
			fromFile, groups, err := demandFromRequirements(buf.Bytes(), "requirements.csv", nil, dates.OrderUnknown, &notes)
			if err != nil {
				t.Fatal(err)
			}
			// the file's times carry an offset, the plan's its zone: the same instants
			if !fromFile.Start.Equal(fromPlan.Start) || fromFile.Interval != fromPlan.Interval || !reflect.DeepEqual(fromFile.Skills, fromPlan.Skills) {
				t.Errorf("from the file:\n%+v\nfrom the plan:\n%+v", fromFile, fromPlan)
			}
			if !reflect.DeepEqual(groups, PlanGroups(&plan)) {
				t.Errorf("groups %+v, the plan's %+v", groups, PlanGroups(&plan))
			}
			if d := fromPlan; !d.Start.Equal(time.Date(2025, 11, 10, 0, 0, 0, 0, zone)) || len(d.Skills[0].Required) != 48 ||
				d.Skills[0].Required[13] != 0 || d.Skills[0].Required[14] != plan.Groups[0].Intervals[0].Agents || d.Skills[0].Required[14] == 0 {
				t.Errorf("demand %v, %d intervals, %v", d.Start, len(d.Skills[0].Required), d.Skills[0].Required)
			}
		})
	}
}

// TestDemandOfErrors: series that cannot be laid out on whole days are
// refused with the column at fault.
func TestDemandOfErrors(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2025, 11, 10, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		series []Series
		field  string
		msg    string
	}{
		{"none", nil, "", "no requirement series"},
		{"off the grid", []Series{{Skill: "a", Start: at(8, 10), Interval: 30 * time.Minute, Agents: []int{1}}}, "interval",
			"the first interval starts at 08:10, not on the 30m grid from midnight"},
		{"two intervals", []Series{{Skill: "a", Start: at(8, 0), Interval: 30 * time.Minute, Agents: []int{1}},
			{Skill: "b", Start: at(8, 0), Interval: time.Hour, Agents: []int{1}}}, "interval", "b has intervals of 1h, a of 30m: want one interval"},
		{"one skill twice", []Series{{Skill: "a", Start: at(8, 0), Interval: time.Hour, Agents: []int{1}},
			{Skill: "a", Start: at(9, 0), Interval: time.Hour, Agents: []int{1}}}, "channel", `the skill "a" has two series`},
		{"a century", []Series{{Skill: "a", Start: at(0, 0), Interval: time.Hour, Agents: []int{1}},
			{Skill: "b", Start: at(0, 0).AddDate(100, 0, 0), Interval: time.Hour, Agents: []int{1}}}, "interval",
			"the rows span 2025-11-10T00:00:00Z to 2125-11-10T01:00:00Z; a roster covers at most 400 days"},
	}
	for _, tc := range tests {
		_, err := DemandOf(tc.series, nil)
		var de *DemandError
		if !errors.As(err, &de) || !errors.Is(err, ErrDemand) || de.Field != tc.field || err.Error() != tc.msg {
			t.Errorf("%s: err = %v (field %v), want %s: %s", tc.name, err, de, tc.field, tc.msg)
		}
	}
}
