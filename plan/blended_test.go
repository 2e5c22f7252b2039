package plan

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/plan/plantest"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// pooledReference is the blended team's paid hours computed without the
// group solver (issue 10; an independent Python reference computes the same):
// per interval one Erlang C queue for all live channels (chat and
// messaging handle time divided by their concurrency) at the strictest
// target, 80% in 20 s, and the occupancy cap, plus the deferred work (and
// the calls of closed hours, as callbacks) at the cap; all divided by
// 1 - shrinkage.
func pooledReference(t *testing.T, demands []requireDemand, capOcc, shrinkage float64, open func(ch string, i int) bool) float64 {
	t.Helper()
	var hours float64
	n := len(demands[0].contacts)
	P := demands[0].interval
	for i := 0; i < n; i++ {
		var a, calls, fluid float64
		for _, d := range demands {
			x := d.contacts[i]
			w := x * d.aht[i] / d.concurrency
			if d.live && open(d.channel, i) {
				a += w / P
				calls += x
			} else {
				fluid += w / P
			}
		}
		agents := 0
		if a > 0 {
			aht := a * P / calls
			for agents = max(1, int(math.Ceil(a/capOcc))); ; agents++ {
				if float64(agents) > a && erlang.ServiceLevelC(agents, a, aht, 20) >= 0.8 {
					break
				}
			}
		}
		hours += (float64(agents) + fluid/capOcc) * P / 3600
	}
	return hours / (1 - shrinkage)
}

type requireDemand struct {
	channel       string
	live          bool
	concurrency   float64
	interval      float64
	contacts, aht []float64
}

// The demo plan (its team left out): the blended requirement stays within
// 10% above the pooled reference, and the simulation of the requirement
// meets every live channel's target and keeps at least 99% of the deferred
// items within their deadline.
func TestDemoBlendedRequirement(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo plan")
	}
	p := plantest.DemoWithoutTeam(t, "../testdata/demo/plan.yaml")
	run, err := Execute(context.Background(), p, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	demands, _ := pipeline.Demands(p, run.Forecast, nil, p.Forecast.Quantile)
	var ref []requireDemand
	for _, d := range demands {
		r := requireDemand{channel: d.Channel, interval: d.Interval.Seconds(), contacts: d.Contacts, aht: d.AHTSeconds, concurrency: 1}
		switch d.Channel {
		case "phone":
			r.live = true
		case "chat":
			r.live, r.concurrency = true, 2
		case "messaging":
			r.live, r.concurrency = true, 3
		}
		ref = append(ref, r)
	}
	start := demands[0].Start
	open := func(ch string, i int) bool {
		if ch != "phone" {
			return true
		}
		h := start.Add(time.Duration(i) * time.Duration(p.Season.Interval)).In(p.Season.Location).Hour()
		return h >= 8 && h < 22
	}
	reference := pooledReference(t, ref, 0.85, 0.3, open)
	required := 0.0
	for _, g := range run.Staffing.Plan.Groups {
		required += g.ScheduledHours
	}
	t.Logf("required %.1f paid hours, pooled reference %.1f", required, reference)
	if required > 1.1*reference {
		t.Errorf("required %.1f paid hours, more than 10%% above the pooled reference %.1f", required, reference)
	}
	if len(run.Sim) == 0 {
		t.Fatal("no simulation")
	}
	for _, c := range run.Sim {
		if c.FromRoster {
			t.Errorf("%s simulated with a roster; the plan has no team", c.Channel)
		}
		if c.Live && c.ServiceLevel < c.TargetSL {
			t.Errorf("%s: simulated service level %.3f below its target %.2f", c.Channel, c.ServiceLevel, c.TargetSL)
		}
		if !c.Live && c.OnTimeShare < 0.99 {
			t.Errorf("%s: %.3f of the items within the deadline, want at least 0.99", c.Channel, c.OnTimeShare)
		}
	}
}

// A team of phone specialists and blended agents: two staffing groups
// (phone; every channel), the roster covers both, and the simulation of
// the roster meets each live channel's target and keeps the deferred items
// within their deadlines.
func TestSpecialistsAndBlendedTeam(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a plan with a roster")
	}
	p := plantest.DemoWithoutTeam(t, "../testdata/demo/plan.yaml")
	var csv strings.Builder
	csv.WriteString("id,name,tier,skills,min_hours_week,max_hours_week,can_lead\n")
	for i := 1; i <= 6; i++ {
		fmt.Fprintf(&csv, "P%02d,Phone %d,regular,phone,0,40,no\n", i, i)
	}
	for i := 1; i <= 30; i++ {
		tier, lead := "regular", "no"
		if i <= 6 {
			tier, lead = "veteran", "yes"
		}
		fmt.Fprintf(&csv, "B%02d,Blended %d,%s,phone;chat;email;messaging;social,0,40,%s\n", i, i, tier, lead)
	}
	agents := filepath.Join(p.Dir, "agents.csv")
	if err := os.WriteFile(agents, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	rules := `
preset: eu
templates:
  - {name: early, earliest_start: "06:00", latest_start: "10:00", min_length: 8h, max_length: 9h, step: 30m}
  - {name: late, earliest_start: "12:00", latest_start: "15:00", min_length: 8h, max_length: 9h, step: 30m}
  - {name: night, earliest_start: "21:00", latest_start: "23:00", min_length: 7h, max_length: 8h, step: 30m}
breaks:
  - {name: coffee, duration: 15m, from: 2h, to: 4h, paid: true, required_above: 5h}
`
	var node yaml.Node
	if err := yaml.Unmarshal([]byte(rules), &node); err != nil {
		t.Fatal(err)
	}
	p.Team = &config.TeamSpec{Agents: "agents.csv", Rules: *node.Content[0], TimeLimit: config.Duration(4 * time.Second), Seed: 1}
	run, err := Execute(context.Background(), p, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range run.Staffing.Plan.Groups {
		names = append(names, g.Name)
	}
	if want := "phone | phone+chat+email+messaging+social"; strings.Join(names, " | ") != want {
		t.Fatalf("groups %q, want %q", strings.Join(names, " | "), want)
	}
	ev := run.Schedule.Result.Evaluation
	for _, sc := range ev.Skills {
		required, short := 0, 0
		for i := range sc.Required {
			required += sc.Required[i]
			short += sc.Shortfall[i]
		}
		t.Logf("group %s: %d agent-intervals required, %d short", sc.Skill, required, short)
		if required == 0 {
			t.Errorf("group %s has no requirement", sc.Skill)
		}
		if float64(short) > 0.02*float64(required) {
			t.Errorf("group %s: %d of %d agent-intervals short", sc.Skill, short, required)
		}
	}
	for _, c := range run.Sim {
		if !c.FromRoster {
			t.Errorf("%s/%s not simulated with the roster", c.Group, c.Channel)
		}
		if c.Live && c.ServiceLevel < c.TargetSL {
			t.Errorf("%s/%s: simulated service level %.3f below %.2f", c.Group, c.Channel, c.ServiceLevel, c.TargetSL)
		}
		if !c.Live && c.OnTimeShare < 0.99 {
			t.Errorf("%s/%s: %.3f within the deadline", c.Group, c.Channel, c.OnTimeShare)
		}
	}
}
