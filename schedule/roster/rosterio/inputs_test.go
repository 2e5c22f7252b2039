package rosterio

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/schedule/roster"
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
