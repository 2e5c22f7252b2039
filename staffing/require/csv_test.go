package require_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

func TestReadDemandCSV(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	in := "\ufeffInterval,Channel,Skill,Contacts,AHT_Seconds,quantile\n" +
		"2025-11-28T09:00:00+01:00,phone,,100,180,0.8\n" +
		"2025-11-28T09:00:00+01:00,email,vip,3,,0.8\n" +
		"2025-11-28T09:15:00+01:00,phone,,50,200,0.8\n" +
		"2025-11-28T09:45:00+01:00,phone,,20,190,0.8\n" + // 09:30 missing: zero contacts
		"2025-11-28T09:15:00+01:00,email,vip,4,400,0.8\n"
	got, err := require.ReadDemandCSV(strings.NewReader(in), "demand.csv", require.ReadOptions{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 11, 28, 9, 0, 0, 0, berlin)
	want := []require.Demand{
		{Channel: "phone", Start: start, Interval: 15 * time.Minute, Contacts: []float64{100, 50, 0, 20}, AHTSeconds: []float64{180, 200, 0, 190}},
		{Channel: "email", Skill: "vip", Start: start, Interval: 15 * time.Minute, Contacts: []float64{3, 4, 0, 0}, AHTSeconds: []float64{0, 400, 0, 0}}, // the file's span
	}
	if len(got) != 2 {
		t.Fatalf("got %d demands", len(got))
	}
	for i := range want {
		if !got[i].Start.Equal(want[i].Start) || got[i].Start.Location() != berlin {
			t.Errorf("demand %d starts %v", i, got[i].Start)
		}
		got[i].Start = want[i].Start
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("demand %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}

	// Local times need a zone; without an AHT column AHTSeconds is nil.
	local := "start,channel,contacts\n2025-11-28 09:00,phone,1\n2025-11-28 10:00,phone,2\n"
	got, err = require.ReadDemandCSV(strings.NewReader(local), "x.csv", require.ReadOptions{Location: berlin})
	if err != nil || got[0].Interval != time.Hour || got[0].AHTSeconds != nil || got[0].Start.Hour() != 9 {
		t.Errorf("local times: %+v, %v", got, err)
	}
	// One row per series: the interval must be given.
	one := "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,1\n"
	if got, err = require.ReadDemandCSV(strings.NewReader(one), "x.csv", require.ReadOptions{Interval: 30 * time.Minute}); err != nil || got[0].Interval != 30*time.Minute {
		t.Errorf("given interval: %+v, %v", got, err)
	}
}

func TestReadDemandCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts require.ReadOptions
		want []require.CSVError // Err compared by errors.Is on the first, message on the text
		msgs []string
	}{
		{"missing columns", "interval,contacts\n", require.ReadOptions{},
			[]require.CSVError{{File: "d.csv", Line: 1, Field: "channel", Err: require.ErrMissingColumn}},
			[]string{`d.csv:1: channel: missing column "channel" (the header has interval,contacts; accepted names: channel, queue)`}},
		{"empty", "", require.ReadOptions{}, []require.CSVError{{File: "d.csv", Err: require.ErrNoRows}}, []string{"d.csv: no data rows"}},
		{"header only", "interval,channel,contacts\n", require.ReadOptions{}, []require.CSVError{{File: "d.csv", Err: require.ErrNoRows}}, []string{"d.csv: no data rows"}},
		{"bad values, all reported", "interval,channel,contacts,aht_seconds\n" +
			"2025-11-28T09:00:00Z,phone,-3,180\n" +
			"2025-11-28 09:30,phone,5,180\n" +
			"2025-11-28T10:00:00Z,,5,abc\n", require.ReadOptions{},
			[]require.CSVError{
				{File: "d.csv", Line: 2, Column: 3, Field: "contacts", Err: require.ErrBadValue},
				{File: "d.csv", Line: 3, Column: 1, Field: "interval", Err: require.ErrBadValue},
				{File: "d.csv", Line: 4, Column: 2, Field: "channel", Err: require.ErrBadValue},
				{File: "d.csv", Line: 4, Column: 4, Field: "aht_seconds", Err: require.ErrBadValue},
			},
			[]string{
				`d.csv:2:3: contacts: bad value: "-3": want a number of contacts >= 0`,
				`d.csv:3:1: interval: bad value: "2025-11-28 09:30": no UTC offset: give the time zone`,
				`d.csv:4:2: channel: bad value: empty channel`,
				`d.csv:4:4: aht_seconds: bad value: "abc": want a handle time in seconds >= 0`,
			}},
		{"field count", "interval,channel,contacts\n2025-11-28T09:00:00Z,phone\n", require.ReadOptions{},
			[]require.CSVError{{File: "d.csv", Line: 2, Err: require.ErrBadValue}}, []string{"d.csv:2: bad value: 2 fields, the header has 3"}},
		{"duplicate", "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,1\n2025-11-28T09:30:00Z,phone,1\n2025-11-28T09:00:00Z,phone,2\n", require.ReadOptions{},
			[]require.CSVError{{File: "d.csv", Line: 4, Column: 1, Field: "interval", Err: require.ErrDuplicate}},
			[]string{"d.csv:4:1: interval: duplicate interval: 2025-11-28T09:00:00Z phone again (line 2)"}},
		{"off grid", "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,1\n2025-11-28T09:30:00Z,phone,1\n2025-11-28T10:10:00Z,phone,2\n", require.ReadOptions{},
			[]require.CSVError{{File: "d.csv", Line: 4, Column: 1, Field: "interval", Err: require.ErrGap}},
			[]string{"d.csv:4:1: interval: start off the interval grid: 2025-11-28T10:10:00Z is 1h10m after the series' first row, not a multiple of 30m"}},
		{"one row each", "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,1\n2025-11-28T09:00:00Z,chat,1\n", require.ReadOptions{},
			[]require.CSVError{{File: "d.csv", Field: "interval", Err: require.ErrBadValue}},
			[]string{"d.csv: interval: bad value: every series has one row: the interval length cannot be inferred; give it"}},
		{"quotes", "interval,channel,contacts\n2025-11-28T09:00:00Z,\"pho\"ne,1\n", require.ReadOptions{},
			[]require.CSVError{{File: "d.csv", Line: 2, Err: csv.ErrQuote}}, []string{`d.csv:2: bad value: extraneous or missing " in quoted-field`}},
	}
	for _, tt := range tests {
		_, err := require.ReadDemandCSV(strings.NewReader(tt.in), "d.csv", tt.opts)
		if !errors.Is(err, require.ErrInvalidInput) {
			t.Errorf("%s: %v does not wrap ErrInvalidInput", tt.name, err)
		}
		got := csvErrors(err)
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %v, want %d errors", tt.name, err, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.File != w.File || g.Line != w.Line || g.Column != w.Column || g.Field != w.Field || !errors.Is(g, w.Err) || g.Error() != tt.msgs[i] {
				t.Errorf("%s: error %d = %#v (%q)\nwant %#v (%q)", tt.name, i, *g, g.Error(), w, tt.msgs[i])
			}
		}
	}
	// More than MaxCSVErrors bad rows: the first MaxCSVErrors, and a note.
	var b strings.Builder
	b.WriteString("interval,channel,contacts\n")
	for i := 0; i < 30; i++ {
		b.WriteString("2025-11-28T09:00:00Z,phone,x\n")
	}
	_, err := require.ReadDemandCSV(strings.NewReader(b.String()), "d.csv", require.ReadOptions{})
	if got := csvErrors(err); len(got) != require.MaxCSVErrors || !strings.HasSuffix(err.Error(), "\n(stopped after 20 errors)") {
		t.Errorf("30 bad rows: %v", err)
	}
}

// The requirements CSV read back cell by cell.
func TestWriteRequirementsCSV(t *testing.T) {
	hours, _ := deferred.ParseOpeningHours("daily 09:00-10:00")
	demands := []require.Demand{
		{Channel: "phone", Start: friday, Interval: 30 * time.Minute, Contacts: []float64{100, 50}, AHTSeconds: []float64{180}},
		{Channel: "email", Skill: "vip", Start: friday, Interval: 30 * time.Minute, Contacts: []float64{10, 0}, AHTSeconds: []float64{360}},
	}
	plan, err := require.ComputeAll(demands, map[string]require.Policy{
		"phone": {Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, Shrinkage: 0.3, PatienceSeconds: 300},
		"email": {Kind: require.KindDeferred, Deadline: 2 * time.Hour, Hours: hours, ClearByEnd: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := require.WriteRequirementsCSV(&buf, plan); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], require.RequirementColumns) || len(rows) != 5 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	phone := plan.Requirements[0].Intervals[0]
	want := [][]string{
		{"2025-11-28T09:00:00Z", "phone", "", "100", "180", "13", rounded(phone.AgentsFractional, 4), "19", rounded(phone.ServiceLevel, 6), "", rounded(phone.Occupancy, 6), rounded(phone.PAbandon, 6), "service_level", ""},
		// 10 emails of 6 min over 09:00-09:30, open until 10:00 and to be
		// cleared by the end (10:00): 1 h of work in 1 h, one agent; at
		// 09:30 half the work is done.
		{"2025-11-28T09:00:00Z", "email", "vip", "10", "360", "1", "1", "1", "", "", "1", "", "deadline", "5"},
	}
	for i, w := range want {
		got := rows[1+i]
		for c := range w {
			if c == 9 && i == 0 {
				continue // ASA: checked below
			}
			if got[c] != w[c] {
				t.Errorf("row %d column %s = %q, want %q", i+1, rows[0][c], got[c], w[c])
			}
		}
	}
	if asa := rows[1][9]; asa == "" || math.Abs(parse(asa)-phone.ASASeconds) > 0.0005 {
		t.Errorf("ASA %q, want %v", asa, phone.ASASeconds)
	}
	if rows[3][0] != "2025-11-28T09:30:00Z" || rows[4][1] != "email" || rows[4][5] != "1" || rows[4][13] != "0" {
		t.Errorf("second interval rows: %v %v", rows[3], rows[4])
	}
}

// A forecast file has a row per issue type: an interval's types are summed
// and their handle times weighted by contacts; a type twice is an error.
func TestReadDemandCSVIssueTypes(t *testing.T) {
	in := "interval_start,channel,issue_type,contacts,aht_seconds,p10,p50,p90\n" +
		"2026-11-27T09:00:00-05:00,phone,gift_card,10,600,8,10,12\n" +
		"2026-11-27T09:00:00-05:00,phone,order_status,30,200,25,30,35\n" +
		"2026-11-27T09:30:00-05:00,phone,gift_card,0,600,0,0,1\n" +
		"2026-11-27T09:30:00-05:00,phone,order_status,20,200,15,20,25\n"
	ds, err := require.ReadDemandCSV(strings.NewReader(in), "f.csv", require.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || len(ds[0].Contacts) != 2 {
		t.Fatalf("demands %+v", ds)
	}
	d := ds[0]
	if d.Contacts[0] != 40 || d.Contacts[1] != 20 {
		t.Errorf("contacts %v, want [40 20]", d.Contacts)
	}
	if d.AHTSeconds[0] != 300 || d.AHTSeconds[1] != 200 { // (10x600 + 30x200) / 40 = 300
		t.Errorf("aht %v, want [300 200]", d.AHTSeconds)
	}
	dup := in + "2026-11-27T09:30:00-05:00,phone,order_status,1,200,1,1,1\n"
	if _, err := require.ReadDemandCSV(strings.NewReader(dup), "f.csv", require.ReadOptions{}); err == nil || !strings.Contains(err.Error(), "f.csv:6") || !errors.Is(err, require.ErrDuplicate) {
		t.Errorf("duplicate issue type: %v", err)
	}
}

// Channels whose rows start later or end earlier than another's share the
// file's span, zero where they list nothing, and a blended team is staffed
// from them (a chat that opens at 09:00 beside a phone from 08:00 was
// refused with "the demands of a group plan need one grid"); a channel
// off the others' grid is an error at its first row.
func TestReadDemandCSVSpans(t *testing.T) {
	in := "interval,channel,contacts,aht_seconds\n" +
		"2025-11-28T08:00:00Z,phone,10,180\n" +
		"2025-11-28T08:30:00Z,phone,12,180\n" +
		"2025-11-28T09:00:00Z,phone,14,180\n" +
		"2025-11-28T08:30:00Z,chat,5,300\n"
	ds, err := require.ReadDemandCSV(strings.NewReader(in), "d.csv", require.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2025, 11, 28, 8, 0, 0, 0, time.UTC)
	want := map[string][]float64{"phone": {10, 12, 14}, "chat": {0, 5, 0}}
	for _, d := range ds {
		if !d.Start.Equal(start) || fmt.Sprint(d.Contacts) != fmt.Sprint(want[d.Channel]) || len(d.AHTSeconds) != 3 {
			t.Errorf("%s: start %s contacts %v (%d AHTs), want %s %v", d.Channel, d.Start, d.Contacts, len(d.AHTSeconds), start, want[d.Channel])
		}
	}
	if _, err := require.ComputeGroups(ds, map[string]require.Policy{"phone": livePolicy(), "chat": livePolicy()}, nil, require.GroupOptions{}); err != nil {
		t.Errorf("a blended team on the file's span: %v", err)
	}
	off := in + "2025-11-28T08:45:00Z,email,3,600\n"
	_, err = require.ReadDemandCSV(strings.NewReader(off), "d.csv", require.ReadOptions{Interval: 30 * time.Minute})
	if err == nil || !strings.Contains(err.Error(), "d.csv:6:1: interval: ") || !strings.Contains(err.Error(), "email starts 2025-11-28T08:45:00Z, 45m after the file's first interval") {
		t.Errorf("a channel off the grid: %v", err)
	}
}

// The demands share the file's span, so their size is bounded as a whole:
// a span past the most intervals supported, or more channel values than
// maxDemandCells, is an error at the row that ends the span, not 16 GB of
// zeros (a hostile file of a long series and many one-row channels).
func TestReadDemandCSVSpanBounded(t *testing.T) {
	long := "interval,channel,contacts\n2000-01-01T00:00:00Z,a,1\n2010-01-01T00:00:00Z,b,1\n2020-01-01T00:10:00Z,b,1\n"
	_, err := require.ReadDemandCSV(strings.NewReader(long), "d.csv", require.ReadOptions{Interval: 10 * time.Minute})
	if err == nil || !strings.Contains(err.Error(), "d.csv:4:1: interval: ") || !strings.Contains(err.Error(), "intervals after the file's first row") {
		t.Errorf("a span past the most intervals: %v", err)
	}
	var b strings.Builder
	b.WriteString("interval,channel,contacts\n2000-01-01T00:00:00Z,a,1\n2019-01-01T00:00:00Z,a,1\n")
	for i := range 9 {
		fmt.Fprintf(&b, "2000-01-01T00:00:00Z,c%d,1\n", i)
	}
	_, err = require.ReadDemandCSV(strings.NewReader(b.String()), "d.csv", require.ReadOptions{Interval: 10 * time.Minute})
	if err == nil || !strings.Contains(err.Error(), "channels over the file's") {
		t.Errorf("too many channel values: %v", err)
	}
}
