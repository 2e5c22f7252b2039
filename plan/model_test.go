package plan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/plantest"
	"github.com/peakstaff/peakstaff/report/xlsx"
)

// The model's groups and simulated service are the figures the terminal
// and plan --json show, and agree with the group requirement they round.
func TestModelGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo plan")
	}
	run, err := Execute(context.Background(), plantest.DemoWithoutTeam(t, "../testdata/demo/plan.yaml"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	m := buildModel(run, nil, time.Now())
	sum := summarize(run, nil)
	groups := run.Staffing.Plan.Groups
	if len(m.Groups) != len(groups) || len(groups) == 0 {
		t.Fatalf("%d groups in the model, %d in the plan", len(m.Groups), len(groups))
	}
	hours := 0.0
	for i, g := range m.Groups {
		js, gr := sum.Groups[i], groups[i]
		if g.Name != js.Group || strings.Join(g.Channels, ",") != strings.Join(js.Channels, ",") ||
			g.RequiredHours != js.RequiredHours || g.AgentHours != js.AgentHours || g.PeakRequired != js.PeakRequired {
			t.Errorf("group %d: model %+v, plan --json %+v", i, g, js)
		}
		// rounded to 0.1 hour, paid = on the queue / (1 - shrinkage)
		if math.Abs(g.RequiredHours-gr.ScheduledHours) > 0.05+1e-9 || math.Abs(g.AgentHours-gr.AgentHours) > 0.05+1e-9 {
			t.Errorf("group %s: %v paid and %v queue hours, the plan %v and %v", g.Name, g.RequiredHours, g.AgentHours, gr.ScheduledHours, gr.AgentHours)
		}
		if math.Abs(g.RequiredHours-g.AgentHours/(1-gr.Shrinkage)) > 0.2 {
			t.Errorf("group %s: %v paid hours, not %v on the queue / (1 - %v)", g.Name, g.RequiredHours, g.AgentHours, gr.Shrinkage)
		}
		shares := 0.0
		for k, c := range g.ByChannel {
			o := gr.Outcomes[k]
			if c.Channel != o.Channel || c.Share != js.Shares[c.Channel] || c.ClosedContacts != js.Closed[c.Channel] ||
				c.Lost != js.Lost[c.Channel] || c.Callbacks != js.Callbacks[c.Channel] || c.Late != js.Late[c.Channel] {
				t.Errorf("group %s channel %s: model %+v, plan --json share %v closed %v lost %v callbacks %v late %v", g.Name, o.Channel, c,
					js.Shares[c.Channel], js.Closed[c.Channel], js.Lost[c.Channel], js.Callbacks[c.Channel], js.Late[c.Channel])
			}
			if c.Deferred != (o.Kind == "deferred") {
				t.Errorf("group %s channel %s: deferred %v, kind %s", g.Name, c.Channel, c.Deferred, o.Kind)
			}
			shares += c.Share
		}
		if math.Abs(shares-1) > 0.0005*float64(len(g.ByChannel)) {
			t.Errorf("group %s: shares add up to %v", g.Name, shares)
		}
		hours += g.RequiredHours
	}
	// The season's required hours are the groups' (rounded once, so up to
	// 0.05 h per group from the sum of the rounded figures), and the
	// terminal's with one shrinkage for every channel, as in the demo.
	tol := 0.05*float64(len(m.Groups)) + 1e-9
	if math.Abs(m.Totals.RequiredHours-hours) > tol {
		t.Errorf("required hours %v, the groups add up to %v", m.Totals.RequiredHours, hours)
	}
	if math.Abs(m.Totals.RequiredHours-sum.RequiredHours) > tol {
		t.Errorf("required hours %v, the terminal shows %v", m.Totals.RequiredHours, sum.RequiredHours)
	}

	// Deferred intervals show the channel's share on time, not 0, so the
	// day's service level is not dragged down by email and social.
	deferred := map[string]bool{}
	for _, r := range run.Staffing.Plan.Requirements {
		deferred[r.Channel] = r.Kind == "deferred"
	}
	for _, st := range m.Staffing {
		if deferred[st.Channel] && st.Contacts > 0 && st.ServiceLevel < 0.99 {
			t.Fatalf("%s %s: service level %v, the plan keeps its items within the deadline", st.Channel, st.Start, st.ServiceLevel)
		}
	}

	if len(m.Simulated) != len(run.Sim) || len(m.Simulated) == 0 {
		t.Fatalf("%d simulated channels in the model, %d simulated", len(m.Simulated), len(run.Sim))
	}
	for i, s := range m.Simulated {
		js := sum.Simulation[i]
		if s.Channel != js.Channel || s.Group != js.Group || s.FromRoster != (js.Agents == "roster") {
			t.Errorf("simulation %d: model %s/%s, plan --json %s/%s", i, s.Group, s.Channel, js.Group, js.Channel)
		}
		if s.Live != (js.ServiceLevel != nil) {
			t.Fatalf("%s: live %v in the model, not in plan --json", s.Channel, s.Live)
		}
		if s.Live {
			if s.ServiceLevel != *js.ServiceLevel || s.TargetServiceLevel != *js.Target || s.AnswerSeconds != *js.AnswerSeconds ||
				s.AbandonRate != *js.AbandonRate || s.ASASeconds != *js.ASASeconds {
				t.Errorf("%s/%s: model %+v, plan --json %v %v %v %v %v", s.Group, s.Channel, s, *js.ServiceLevel, *js.Target, *js.AnswerSeconds, *js.AbandonRate, *js.ASASeconds)
			}
			continue
		}
		if s.OnTimeShare != *js.OnTimeShare || s.Late != *js.Late {
			t.Errorf("%s/%s: model on time %v late %d, plan --json %v %d", s.Group, s.Channel, s.OnTimeShare, s.Late, *js.OnTimeShare, *js.Late)
		}
	}
}

// The workbook's groups add up to its Summary's required agent-hours: one
// definition, also when a group's channels have different shrinkage (the
// group's agents take the largest; a sum per channel would take each
// channel's own).
func TestWorkbookGroupHoursAreTheTotal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo plan")
	}
	p := plantest.DemoWithoutTeam(t, "../testdata/demo/plan.yaml")
	path := filepath.Join(p.Dir, "plan.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "\n  email:\n", "\n  email:\n    shrinkage: 40%\n", 1)
	if text == string(data) {
		t.Fatal("the demo plan has no email channel to give its own shrinkage")
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err = config.LoadPlan(path); err != nil {
		t.Fatal(err)
	}
	run, err := Execute(context.Background(), p, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	m := buildModel(run, nil, time.Now())
	var book bytes.Buffer
	if err := xlsx.Write(&book, m); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	num := func(sheet, cell string) float64 {
		t.Helper()
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("%s!%s = %q: not a number", sheet, cell, v)
		}
		return x
	}
	row := func(sheet, label string) int {
		t.Helper()
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("%s: no row %q", sheet, label)
		return 0
	}
	hdr := row("Groups", "Group")
	groups := 0.0
	for i, g := range m.Groups {
		c := "B" + strconv.Itoa(hdr+1+i)
		got := num("Groups", c)
		if got != g.RequiredHours {
			t.Errorf("Groups!%s = %v, the model's %s %v", c, got, g.Name, g.RequiredHours)
		}
		groups += got
	}
	total := num("Summary", "B"+strconv.Itoa(row("Summary", "Required agent-hours")))
	if math.Abs(groups-total) > 0.05*float64(len(m.Groups))+1e-9 {
		t.Errorf("the groups need %v paid hours, the Summary's required agent-hours are %v", groups, total)
	}
	perChannel := 0.0
	for _, r := range run.Staffing.Plan.Requirements {
		perChannel += r.ScheduledHours
	}
	t.Logf("groups %.1f h, Summary %.1f h; summed per channel with each channel's shrinkage %.1f h", groups, total, perChannel)
}

// TestModelCarriesWhatTheTablesShow: the report model of the small plan
// (phone without a patience, so Erlang C) has no abandon rate for phone
// (NaN, left blank: it was 0%, where requirements.csv has none), and its
// scenarios carry the required agent-hours the terminal and compare show.
func TestModelCarriesWhatTheTablesShow(t *testing.T) {
	res, _ := runSmallPlan(t, nil)
	m := res.Model(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	phone := 0
	for _, s := range m.Staffing {
		if s.Channel == "phone" {
			phone++
			if !math.IsNaN(s.PAbandon) {
				t.Fatalf("phone %s: abandon rate %v without a patience, want NaN (blank)", s.Start, s.PAbandon)
			}
		}
	}
	if phone == 0 {
		t.Fatal("no phone rows in the Staffing model")
	}
	if len(m.Scenarios) != len(res.Scenarios) || len(m.Scenarios) == 0 {
		t.Fatalf("%d scenarios in the model, %d run", len(m.Scenarios), len(res.Scenarios))
	}
	for i, s := range m.Scenarios {
		if want := res.Scenarios[i].RequiredHours; s.RequiredHours != want || want <= 0 {
			t.Errorf("scenario %s: required hours %v in the model, %v run", s.Name, s.RequiredHours, want)
		}
	}
}

// TestAssumptionsInThePlansLanguage: a zh plan's assumptions read in
// Chinese (they were English in a zh workbook and report).
func TestAssumptionsInThePlansLanguage(t *testing.T) {
	res, _ := runSmallPlan(t, func(p *config.Plan) { p.Lang = "zh" })
	m := res.Model(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	if len(m.Assumptions) < 8 {
		t.Fatalf("%d assumptions", len(m.Assumptions))
	}
	for _, kv := range m.Assumptions {
		for _, en := range []string{"Season", "Time zone", "Channel ", "History", "Forecast", "AHT ", "min"} {
			if strings.Contains(kv.Label, en) || strings.Contains(fmt.Sprint(kv.Value), " min") {
				t.Errorf("zh assumption %q = %v has English %q", kv.Label, kv.Value, en)
			}
		}
	}
}
