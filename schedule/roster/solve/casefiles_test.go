package solve

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// writeCase writes a generated benchmark model (scaleModel) as the files
// of `peakstaff schedule --agents`: requirements.csv in the shape of
// peakstaff staff --out (interval,channel,skill,agents; a skill per
// channel), agents.csv and rules.yaml. It writes what the generator
// uses: tiers, skills, weekly hours, costs and leads; plain templates,
// breaks, the rules, leads, veterans by top_k and a fixed reserve.
func writeCase(dir string, m *roster.Model) error {
	var req strings.Builder
	req.WriteString("interval,channel,skill,agents\n")
	for t := range m.Demand.Intervals() {
		at := m.Demand.Start.Add(time.Duration(t) * m.Demand.Interval).Format(time.RFC3339)
		for _, sd := range m.Demand.Skills {
			fmt.Fprintf(&req, "%s,%s,,%d\n", at, sd.Skill, sd.Required[t])
		}
	}
	var ag strings.Builder
	ag.WriteString("id,name,tier,skills,max_hours_week,hourly_cost,can_lead\n")
	for _, a := range m.Agents {
		lead := "no"
		if a.CanLead {
			lead = "yes"
		}
		fmt.Fprintf(&ag, "%s,%s,%s,%s,%s,%s,%s\n", a.ID, a.Name, a.Tier, strings.Join(a.Skills, ";"),
			strconv.FormatFloat(a.MaxWeekly.Hours(), 'f', -1, 64), strconv.FormatFloat(a.HourlyCost, 'f', -1, 64), lead)
	}
	clock := func(c civil.Clock) string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }
	r := &m.Rules
	var y strings.Builder
	fmt.Fprintf(&y, "week_start: %s\nnight: \"%s-%s\"\n", strings.ToLower(r.WeekStart.String()[:3]), clock(r.Night.From), clock(civil.Clock(r.Night.End()%(24*60))))
	fmt.Fprintf(&y, "rest: {between_shifts: %v}\n", r.MinRest)
	fmt.Fprintf(&y, "limits: {max_hours_day: %v, max_hours_week: %v, max_consecutive_days: %d, days_off_per_week: %d}\n",
		r.MaxDaily.Hours(), r.MaxWeekly.Hours(), r.MaxConsecutiveDays, r.DaysOffPerWeek)
	y.WriteString("templates:\n")
	for _, t := range m.Templates {
		fmt.Fprintf(&y, "  - {name: %s, earliest_start: \"%s\", latest_start: \"%s\", min_length: %v, max_length: %v, step: %v}\n",
			t.Name, clock(t.EarliestStart), clock(t.LatestStart), t.MinLength, t.MaxLength, t.Step)
	}
	y.WriteString("breaks:\n")
	for _, b := range m.Breaks {
		fmt.Fprintf(&y, "  - {name: %s, duration: %v, from: %v, paid: %v, required_above: %v", b.Name, b.Duration, b.From, b.Paid, b.RequiredAbove)
		if b.To > 0 {
			fmt.Fprintf(&y, ", to: %v", b.To)
		}
		if b.BeforeEnd > 0 {
			fmt.Fprintf(&y, ", before_end: %v", b.BeforeEnd)
		}
		y.WriteString("}\n")
	}
	fmt.Fprintf(&y, "leads: {per_agents: %d}\nveterans: {share: %v, top_k: %d}\n", m.Leads.PerAgents, m.Veterans.Share, m.Veterans.TopK)
	fmt.Fprintf(&y, "reserve: {agents: %d, block: %v}\n", m.Reserve.Agents, m.Reserve.Block)
	for name, data := range map[string]string{"requirements.csv": req.String(), "agents.csv": ag.String(), "rules.yaml": y.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
