package require_test

import (
	"bytes"
	"errors"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// roundTripPlan is a small plan of every kind: phone with Erlang A, chat
// with concurrency, email with a deadline, over three half hours.
func roundTripPlan(t *testing.T) require.Plan {
	t.Helper()
	hours, _ := deferred.ParseOpeningHours("daily 09:00-11:00")
	demands := []require.Demand{
		{Channel: "phone", Start: friday, Interval: 30 * time.Minute, Contacts: []float64{100, 50, 0}, AHTSeconds: []float64{180}},
		{Channel: "chat", Start: friday, Interval: 30 * time.Minute, Contacts: []float64{40, 80, 20}, AHTSeconds: []float64{300}},
		{Channel: "email", Skill: "vip", Start: friday, Interval: 30 * time.Minute, Contacts: []float64{10, 0, 7}, AHTSeconds: []float64{360}},
	}
	plan, err := require.ComputeAll(demands, map[string]require.Policy{
		"phone": {Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, Shrinkage: 0.3, PatienceSeconds: 300},
		"chat":  {Kind: require.KindChat, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 60}, Concurrency: 2, Shrinkage: 0.2},
		"email": {Kind: require.KindDeferred, Deadline: 2 * time.Hour, Hours: hours, ClearByEnd: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestRequirementsCSVRoundTrip writes a plan, reads it back and compares
// every figure the file holds with the plan's, within half a unit of the
// writer's last decimal; with the policies put back (the file has none),
// writing the read plan gives the same bytes.
func TestRequirementsCSVRoundTrip(t *testing.T) {
	plan := roundTripPlan(t)
	var buf bytes.Buffer
	if err := require.WriteRequirementsCSV(&buf, plan); err != nil {
		t.Fatal(err)
	}
	written := buf.String()
	got, err := require.ReadRequirementsCSV(strings.NewReader(written), "req.csv", require.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(plan.Requirements) {
		t.Fatalf("%d requirements read, %d written", len(got), len(plan.Requirements))
	}
	for k, want := range plan.Requirements {
		g := got[k]
		if g.Channel != want.Channel || g.Skill != want.Skill || g.Kind != want.Kind || !g.Start.Equal(want.Start) ||
			g.Interval != want.Interval || len(g.Intervals) != len(want.Intervals) {
			t.Fatalf("requirement %d: %s/%s %s %v %v %d intervals, want %s/%s %s %v %v %d", k,
				g.Channel, g.Skill, g.Kind, g.Start, g.Interval, len(g.Intervals),
				want.Channel, want.Skill, want.Kind, want.Start, want.Interval, len(want.Intervals))
		}
		if g.AgentHours != want.AgentHours || g.PeakAgents != want.PeakAgents || g.PeakScheduled != want.PeakScheduled ||
			g.ScheduledHours != want.ScheduledHours {
			t.Errorf("%s totals %v %d %d %v, want %v %d %d %v", g.Channel, g.AgentHours, g.PeakAgents, g.PeakScheduled, g.ScheduledHours,
				want.AgentHours, want.PeakAgents, want.PeakScheduled, want.ScheduledHours)
		}
		live := want.Kind != require.KindDeferred
		for i, w := range want.Intervals {
			gi := g.Intervals[i]
			if !gi.Start.Equal(w.Start) || gi.Agents != w.Agents || gi.Scheduled != w.Scheduled || gi.Binding != w.Binding || gi.Unstable != w.Unstable {
				t.Errorf("%s interval %d: %+v\nwant %+v", g.Channel, i, gi, w)
			}
			for _, f := range []struct {
				name      string
				got, want float64
				decimals  int
			}{
				{"contacts", gi.Contacts, w.Contacts, 6}, {"aht_seconds", gi.AHTSeconds, w.AHTSeconds, 3},
				{"agents_fractional", gi.AgentsFractional, w.AgentsFractional, 4}, {"occupancy", gi.Occupancy, w.Occupancy, 6},
				{"service_level", gi.ServiceLevel, map[bool]float64{true: w.ServiceLevel}[live], 6},
				{"asa_seconds", gi.ASASeconds, map[bool]float64{true: w.ASASeconds}[live && !w.Unstable], 3},
				{"p_abandon", gi.PAbandon, map[bool]float64{true: w.PAbandon}[live && want.Policy.PatienceSeconds > 0], 6},
				{"backlog", gi.Backlog, map[bool]float64{false: w.Backlog}[live], 4},
			} {
				if math.Abs(f.got-f.want) > halfUnit(f.decimals)+1e-12 {
					t.Errorf("%s interval %d %s = %v, want %v", g.Channel, i, f.name, f.got, f.want)
				}
			}
		}
		got[k].Policy = want.Policy
	}
	buf.Reset()
	if err := require.WriteRequirementsCSV(&buf, require.Plan{Requirements: got}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != written {
		t.Errorf("written again:\n%s\nfirst written:\n%s", buf.String(), written)
	}
}

// Columns in any order and case, unknown ones ignored, a BOM, optional
// columns absent, a time zone given.
func TestReadRequirementsCSVMinimal(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	in := "\ufeffAgents,Channel,note,Interval\n" +
		"3,voice,x,2025-11-10T00:30:00+08:00\n" +
		"2,voice,,2025-11-10T00:00:00+08:00\n" +
		"1,chat,,2025-11-10T01:00:00+08:00\n"
	got, err := require.ReadRequirementsCSV(strings.NewReader(in), "r.csv", require.ReadOptions{Location: shanghai})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 11, 10, 0, 0, 0, 0, shanghai)
	if len(got) != 2 || got[0].Channel != "voice" || got[0].Kind != require.KindLive || got[1].Kind != require.KindChat ||
		got[0].Interval != 30*time.Minute || !got[0].Start.Equal(start) || got[0].Start.Location() != shanghai ||
		len(got[0].Intervals) != 2 || got[0].Intervals[0].Agents != 2 || got[0].Intervals[1].Agents != 3 ||
		!got[1].Start.Equal(start.Add(time.Hour)) || got[1].Intervals[0].Agents != 1 || got[0].AgentHours != 2.5 {
		t.Errorf("read %+v", got)
	}
}

func TestReadRequirementsCSVErrors(t *testing.T) {
	const head = "interval,channel,skill,agents,scheduled,service_level\n"
	tests := []struct {
		name string
		in   string
		opts require.ReadOptions
		want []require.CSVError // Err compared with errors.Is
		msgs []string
	}{
		{"empty", "", require.ReadOptions{}, []require.CSVError{{File: "r.csv", Err: require.ErrNoRows}}, []string{"r.csv: no data rows"}},
		{"header only", head, require.ReadOptions{}, []require.CSVError{{File: "r.csv", Err: require.ErrNoRows}}, []string{"r.csv: no data rows"}},
		{"missing columns", "start,required\n2025-11-10 00:00,3\n", require.ReadOptions{},
			[]require.CSVError{{File: "r.csv", Line: 1, Field: "channel", Err: require.ErrMissingColumn}, {File: "r.csv", Line: 1, Field: "agents", Err: require.ErrMissingColumn}},
			[]string{`r.csv:1: channel: missing column "channel" (the header has start,required)`, `r.csv:1: agents: missing column "agents" (the header has start,required)`}},
		{"column twice", "interval,channel,agents,Agents\n", require.ReadOptions{},
			[]require.CSVError{{File: "r.csv", Line: 1, Column: 4, Field: "agents", Err: require.ErrBadValue}},
			[]string{`r.csv:1:4: agents: bad value: column "agents" appears twice`}},
		{"bad values, all reported", head +
			"2025-11-10T00:00:00Z,voice,,2.5,3,0.8\n" +
			"2025-11-10 00:30,voice,,2,3,0.8\n" +
			"2025-11-10T01:00:00Z,,,2,-1,1.5\n" +
			"2025-11-10T01:30:00Z,voice,,,3,\n", require.ReadOptions{},
			[]require.CSVError{
				{File: "r.csv", Line: 2, Column: 4, Field: "agents", Err: require.ErrBadValue},
				{File: "r.csv", Line: 3, Column: 1, Field: "interval", Err: require.ErrBadValue},
				{File: "r.csv", Line: 4, Column: 2, Field: "channel", Err: require.ErrBadValue},
				{File: "r.csv", Line: 4, Column: 5, Field: "scheduled", Err: require.ErrBadValue},
				{File: "r.csv", Line: 4, Column: 6, Field: "service_level", Err: require.ErrBadValue},
				{File: "r.csv", Line: 5, Column: 4, Field: "agents", Err: require.ErrBadValue},
			},
			[]string{
				`r.csv:2:4: agents: bad value: "2.5": want a whole number of agents >= 0`,
				`r.csv:3:1: interval: bad value: "2025-11-10 00:30": no UTC offset: give the time zone`,
				`r.csv:4:2: channel: bad value: empty channel`,
				`r.csv:4:5: scheduled: bad value: "-1": want a whole number of agents >= 0`,
				`r.csv:4:6: service_level: bad value: "1.5": want a fraction between 0 and 1`,
				`r.csv:5:4: agents: bad value: empty: want a whole number of agents >= 0`,
			}},
		{"duplicate", head + "2025-11-10T00:00:00Z,voice,,2,3,\n2025-11-10T00:30:00Z,voice,,2,3,\n2025-11-10T00:00:00Z,voice,,1,1,\n", require.ReadOptions{},
			[]require.CSVError{{File: "r.csv", Line: 4, Column: 1, Field: "interval", Err: require.ErrDuplicate}},
			[]string{"r.csv:4:1: interval: duplicate interval: 2025-11-10T00:00:00Z voice again (line 2)"}},
		{"hole", head + "2025-11-10T00:00:00Z,voice,,2,3,\n2025-11-10T00:30:00Z,voice,,2,3,\n2025-11-10T01:30:00Z,voice,,1,1,\n", require.ReadOptions{},
			[]require.CSVError{{File: "r.csv", Line: 4, Column: 1, Field: "interval", Err: require.ErrGap}},
			[]string{"r.csv:4:1: interval: start off the interval grid: voice: 2025-11-10T01:30:00Z follows 2025-11-10T00:30:00Z; every interval of a series must be listed (2025-11-10T01:00:00Z is missing)"}},
		{"off the grid", head + "2025-11-10T00:00:00Z,voice,,2,3,\n2025-11-10T00:30:00Z,voice,,2,3,\n2025-11-10T00:10:00Z,chat,sales,1,1,\n2025-11-10T00:40:00Z,chat,sales,1,1,\n", require.ReadOptions{},
			[]require.CSVError{{File: "r.csv", Line: 4, Column: 1, Field: "interval", Err: require.ErrGap}, {File: "r.csv", Line: 5, Column: 1, Field: "interval", Err: require.ErrGap}},
			[]string{"r.csv:4:1: interval: start off the interval grid: 2025-11-10T00:10:00Z is 10m after the file's first interval 2025-11-10T00:00:00Z, not a multiple of 30m",
				"r.csv:5:1: interval: start off the interval grid: 2025-11-10T00:40:00Z is 40m after the file's first interval 2025-11-10T00:00:00Z, not a multiple of 30m"}},
		{"one row, no interval", head + "2025-11-10T00:00:00Z,voice,,2,3,\n", require.ReadOptions{},
			[]require.CSVError{{File: "r.csv", Field: "interval", Err: require.ErrBadValue}},
			[]string{"r.csv: interval: bad value: every series has one row: the interval length cannot be inferred; give it"}},
		{"field count", head + "2025-11-10T00:00:00Z,voice,,2\n", require.ReadOptions{Interval: time.Hour},
			[]require.CSVError{{File: "r.csv", Line: 2, Err: require.ErrBadValue}},
			[]string{"r.csv:2: bad value: 4 fields, the header has 6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := require.ReadRequirementsCSV(strings.NewReader(tt.in), "r.csv", tt.opts)
			got := csvErrors(err)
			if got == nil || !errors.Is(err, require.ErrInvalidInput) {
				t.Fatalf("error %v (%T), want *CSVError values", err, err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(got), len(tt.want), err)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.File != w.File || g.Line != w.Line || g.Column != w.Column || g.Field != w.Field || !errors.Is(g, w.Err) {
					t.Errorf("error %d = %+v, want %+v", i, *g, w)
				}
				if g.Error() != tt.msgs[i] {
					t.Errorf("error %d:\n got %s\nwant %s", i, g.Error(), tt.msgs[i])
				}
			}
		})
	}
}

// FuzzReadRequirementsCSV: no panic; errors are positioned and wrap
// ErrInvalidInput; what reads writes back, and writing what that reads
// gives the same rows (the writer's rounding is idempotent).
func FuzzReadRequirementsCSV(f *testing.F) {
	f.Add("interval,channel,skill,agents\n2025-11-10T00:00:00Z,voice,,2\n2025-11-10T00:30:00Z,voice,,3\n")
	f.Add("interval,channel,skill,contacts,aht_seconds,agents,agents_fractional,scheduled,service_level,asa_seconds,occupancy,p_abandon,binding,backlog\n" +
		"2025-11-28T09:00:00Z,phone,,100,180,13,12.4,19,0.85,12.5,0.77,0.01,service_level,\n" +
		"2025-11-28T09:00:00Z,email,vip,10,360,1,1,1,,,1,,deadline,5\n" +
		"2025-11-28T09:30:00Z,phone,,50,180,7,6.1,10,0.82,,0.71,0.02,service_level,\n" +
		"2025-11-28T09:30:00Z,email,vip,0,360,1,1,1,,,0.5,,deadline,0.1234567\n")
	f.Add("start,channel,agents\n2025-11-10 00:00,chat,1\n\"a,b\n")
	f.Add("interval,channel,agents\n2025-11-10T00:00:00+08:00,chat,1\n2025-11-10T00:15:00+01:00,chat,1\n2125-11-10T00:00:00Z,chat,9999999\n")
	f.Fuzz(func(t *testing.T, in string) {
		reqs, err := require.ReadRequirementsCSV(strings.NewReader(in), "f.csv", require.ReadOptions{Location: time.UTC})
		if err != nil {
			var ce *require.CSVError
			if !errors.Is(err, require.ErrInvalidInput) || !errors.As(err, &ce) || ce.File != "f.csv" {
				t.Fatalf("error %v", err)
			}
			return
		}
		if len(reqs) > 0 && len(reqs[0].Intervals) > 5000 {
			return
		}
		write := func(rs []require.Requirement) string {
			for i := range rs {
				rs[i].Policy.PatienceSeconds = 1 // p_abandon always written
			}
			var buf bytes.Buffer
			if err := require.WriteRequirementsCSV(&buf, require.Plan{Requirements: rs}); err != nil {
				t.Fatal(err)
			}
			return buf.String()
		}
		once := write(reqs)
		again, err := require.ReadRequirementsCSV(strings.NewReader(once), "f.csv", require.ReadOptions{Location: time.UTC})
		if err != nil {
			t.Fatalf("reading what was written: %v\n%s", err, once)
		}
		// Series first seen in another order than the plan's come back in
		// file order, so rows are compared as a set.
		sorted := func(s string) string {
			lines := strings.Split(s, "\n")
			sort.Strings(lines)
			return strings.Join(lines, "\n")
		}
		if twice := write(again); sorted(twice) != sorted(once) {
			t.Fatalf("written again:\n%s\nfirst:\n%s", twice, once)
		}
	})
}

// The requirements file of a 90-day season (25,920 rows) read back.
func BenchmarkReadRequirementsCSV90Days(b *testing.B) {
	demands, policies := season()
	plan, err := require.ComputeAll(demands, policies)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := require.WriteRequirementsCSV(&buf, plan); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	rows := 3 * len(demands[0].Contacts)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := require.ReadRequirementsCSV(bytes.NewReader(data), "r.csv", require.ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
