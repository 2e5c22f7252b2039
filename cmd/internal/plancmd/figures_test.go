package plancmd

import (
	"encoding/json"
	"errors"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/sample"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/plan/plantest"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/schedule/roster/solve"
)

// figuresPlan is a small plan with everything the figures come from: a
// team too small for its two days (shortfall), a lead per 2 agents with
// one lead (rule gaps), night hours no template reaches (a cause hires
// cannot fix), a handle-time override, live and deferred channels and a
// scenario.
const figuresPlan = `name: figures
season:
  start: 2026-11-27
  end: 2026-11-28
  time_zone: America/New_York
  interval: 30m
history:
  - file: sample/zendesk_tickets_2025H2.csv
  - file: sample/aircall_calls.csv
issue_types:
  gift-card:
    handle_time: 9m
channels:
  email:
    deadline: 8h
team:
  size: {veteran: 1, regular: 3}
  time_limit: 2s
  rules:
    preset: eu
    templates:
      - {name: day, earliest_start: "07:00", latest_start: "13:00", min_length: 8h, max_length: 8h, step: 30m}
    breaks:
      - {name: lunch, duration: 30m, from: 3h, before_end: 2h, paid: false, required_above: 6h}
    leads: {per_agents: 2}
scenarios:
  - name: volume +30%
    volume_change: 0.3
  - name: two more agents
    hires: {regular: 2}
`

// tsvTables splits TSV output into its tables: blank lines between them,
// a header row first.
func tsvTables(out string) [][][]string {
	var tables [][][]string
	for _, block := range strings.Split(strings.TrimSpace(out), "\n\n") {
		var rows [][]string
		for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
			rows = append(rows, strings.Split(line, "\t"))
		}
		tables = append(tables, rows)
	}
	return tables
}

// tsvCell is the value in column col of the table whose header has it,
// in the row whose first cell is first ("" for the first row).
func tsvCell(t *testing.T, tables [][][]string, col, first string) string {
	t.Helper()
	for _, tb := range tables {
		c := -1
		for i, h := range tb[0] {
			if h == col {
				c = i
			}
		}
		if c < 0 {
			continue
		}
		for _, r := range tb[1:] {
			if (first == "" || r[0] == first) && c < len(r) {
				return r[c]
			}
		}
	}
	t.Fatalf("terminal: no column %q (row %q)", col, first)
	return ""
}

// number reads a figure as an output shows it: "1,234.5", "71.4%" (as
// 71.4), "19 (2026-11-27 10:00)".
func number(t *testing.T, where, s string) float64 {
	t.Helper()
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if i := strings.IndexAny(s, " %"); i >= 0 {
		s = s[:i]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%s: %q is not a number", where, s)
	}
	return v
}

// TestFiguresAgreeAcrossOutputs runs one plan and reads every figure of
// issue 11's list back from the four outputs — the terminal (TSV), plan
// --json, the workbook and the HTML report — and checks they are the
// same figure (to the precision each shows).
func TestFiguresAgreeAcrossOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a plan twice")
	}
	dir := t.TempDir()
	opts := sample.DefaultOptions()
	opts.Scale = 0.05
	plantest.WriteSample(t, dir, opts)
	plan := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(plan, []byte(figuresPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(jsonOut bool, out string) string {
		ios, _, stdout, _ := iostreams.Test()
		err := planRun(&Options{IO: ios, PlanFile: plan, Out: filepath.Join(dir, out), JSON: jsonOut})
		if err != nil && !errors.Is(err, solve.ErrInfeasible) {
			t.Fatal(err)
		}
		return stdout.String()
	}
	var js struct {
		Contacts      float64 `json:"contacts"`
		PeakRequired  int     `json:"peak_required"`
		RequiredHours float64 `json:"required_hours"`
		Roster        struct {
			ShortfallHours    float64  `json:"shortfall_hours"`
			ShortIntervals    int      `json:"short_intervals"`
			LeadGapHours      float64  `json:"lead_gap_hours"`
			LowerBoundHours   float64  `json:"lower_bound_hours"`
			AboveBoundPercent *float64 `json:"above_bound_percent"`
			WhyShort          []struct {
				Cause string `json:"cause"`
			} `json:"why_short"`
			RuleGaps        []json.RawMessage `json:"rule_gaps"`
			Verdict         string            `json:"verdict"`
			SearchStoppedBy string            `json:"search_stopped_by"`
			ProvenHours     float64           `json:"proven_shortfall_hours"`
		} `json:"roster"`
		Scenarios []struct {
			Name           string   `json:"name"`
			ServiceLevel   *float64 `json:"service_level"`
			ShortfallHours float64  `json:"shortfall_hours"`
			ShortIntervals int      `json:"short_intervals"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal([]byte(run(true, "json")), &js); err != nil {
		t.Fatal(err)
	}
	term := tsvTables(run(false, "out"))
	f, err := excelize.OpenFile(filepath.Join(dir, "out", "plan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	book := map[string]string{} // label -> raw value, first seen
	for _, r := range rows {
		if len(r) >= 2 && r[0] != "" {
			if _, ok := book[r[0]]; !ok {
				book[r[0]] = r[1]
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "out", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	cards := map[string]string{}
	for _, m := range regexp.MustCompile(`<div class="l">([^<]*)</div><div class="v">([^<]*)</div>`).FindAllStringSubmatch(string(page), -1) {
		cards[html.UnescapeString(m[1])] = html.UnescapeString(m[2])
	}

	// the guards: the fixture has what the figures are about
	if js.Roster.ShortfallHours == 0 || js.Roster.LeadGapHours == 0 || len(js.Roster.WhyShort) == 0 || len(js.Roster.RuleGaps) == 0 {
		t.Fatalf("the fixture shows no shortfall or no rule gap: %+v", js.Roster)
	}
	// plan exits 4 on it (ErrInfeasible): the verdict says why
	if !(js.Roster.Verdict == "short_proven" && js.Roster.ProvenHours > 0 || js.Roster.Verdict == "short_converged" && js.Roster.SearchStoppedBy == "converged") ||
		js.Roster.ProvenHours > js.Roster.ShortfallHours+0.05 {
		t.Errorf("verdict %q, search stopped by %q, %.1f h proven of %.1f h short", js.Roster.Verdict, js.Roster.SearchStoppedBy, js.Roster.ProvenHours, js.Roster.ShortfallHours)
	}

	type figure struct {
		name                    string
		json, term, book, card  float64
		tolTerm, tolBook, tolCd float64
	}
	bookNum := func(label string) float64 {
		v, ok := book[label]
		if !ok {
			t.Fatalf("workbook: no %q on the Summary sheet", label)
		}
		return number(t, "workbook "+label, v)
	}
	cardNum := func(label string) float64 {
		v, ok := cards[label]
		if !ok {
			t.Fatalf("report: no card %q", label)
		}
		return number(t, "report "+label, v)
	}
	figs := []figure{
		{"contacts", js.Contacts, number(t, "terminal", tsvCell(t, term, "Contacts", "all")), bookNum("Contacts"), cardNum("Contacts"), 0, 0, 0},
		{"required agent-hours", js.RequiredHours, number(t, "terminal", tsvCell(t, term, "Required agent-hours", "all")), bookNum("Required agent-hours"),
			cardNum("Required agent-hours"), 0.5, 0.05, 0.5},
		{"shortfall", js.Roster.ShortfallHours, number(t, "terminal", tsvCell(t, term, "Shortfall (agent-hours)", "")), bookNum("Shortfall (agent-hours)"),
			cardNum("Shortfall (agent-hours)"), 0.05, 0.05, 0.05},
		{"short intervals", float64(js.Roster.ShortIntervals), number(t, "terminal", tsvCell(t, term, "Short intervals", "")), bookNum("Short intervals"),
			cardNum("Short intervals"), 0, 0, 0},
		{"lead-hours missing", js.Roster.LeadGapHours, number(t, "terminal", tsvCell(t, term, "Lead-hours missing", "")), bookNum("Lead-hours missing"),
			cardNum("Lead-hours missing"), 0.05, 0.05, 0.05},
		{"lower bound", js.Roster.LowerBoundHours, number(t, "terminal", tsvCell(t, term, "Lower bound (hours)", "")), bookNum("Lower bound (hours)"),
			cardNum("Lower bound (hours)"), 0.5, 0.05, 0.05},
	}
	// the roster is short: no output compares it with the bound (it holds
	// for rosters that cover the requirement), each says why instead
	note := report.T("en", "bound_not_comparable")
	if js.Roster.AboveBoundPercent != nil || tsvCell(t, term, "Above the bound", "") != note || book["Above the bound"] != note || cards["Above the bound"] != note {
		t.Errorf("above the bound of a short roster: --json %v, terminal %q, workbook %q, report %q; want null and %q",
			js.Roster.AboveBoundPercent, tsvCell(t, term, "Above the bound", ""), book["Above the bound"], cards["Above the bound"], note)
	}
	for _, fg := range figs {
		if math.Abs(fg.term-fg.json) > fg.tolTerm || math.Abs(fg.book-fg.json) > fg.tolBook || math.Abs(fg.card-fg.json) > fg.tolCd {
			t.Errorf("%s: --json %v, terminal %v, workbook %v, report %v", fg.name, fg.json, fg.term, fg.book, fg.card)
		}
	}

	// Peak required: the terminal's "all", the by-day tables' largest
	// and the scenarios' baseline are the same agents to schedule.
	peakTerm := number(t, "terminal", tsvCell(t, term, "Peak required", "all"))
	byDay, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	peakBook, dayShort, dayShortIntervals := 0.0, 0.0, 0.0
	col := map[string]int{}
	for _, r := range byDay {
		if len(r) > 2 && r[0] == "Date" {
			for i, h := range r {
				col[h] = i
			}
			continue
		}
		if len(col) > 0 && len(r) > col["Short intervals"] {
			peakBook = max(peakBook, number(t, "by day", r[col["Peak required"]]))
			dayShort += number(t, "by day", r[col["Shortfall (agent-hours)"]])
			dayShortIntervals += number(t, "by day", r[col["Short intervals"]])
		}
	}
	if peakTerm != float64(js.PeakRequired) || peakBook != peakTerm {
		t.Errorf("peak required: --json %d, terminal %v, workbook by day %v", js.PeakRequired, peakTerm, peakBook)
	}
	if math.Abs(dayShort-js.Roster.ShortfallHours) > 0.05*2+1e-9 || dayShortIntervals != float64(js.Roster.ShortIntervals) ||
		js.Scenarios[0].ShortIntervals != js.Roster.ShortIntervals {
		t.Errorf("by day: shortfall %v h in %v intervals, scenario baseline %d intervals; the roster %v h in %d",
			dayShort, dayShortIntervals, js.Scenarios[0].ShortIntervals, js.Roster.ShortfallHours, js.Roster.ShortIntervals)
	}

	// the baseline scenario is the roster; two more agents, starting from
	// its roster, never leave more shortfall
	if base := js.Scenarios[0]; base.ShortfallHours != js.Roster.ShortfallHours ||
		number(t, "terminal", tsvCell(t, term, "Shortfall (agent-hours)", "baseline")) != base.ShortfallHours {
		t.Errorf("baseline shortfall %v in --json scenarios, %v in the roster", base.ShortfallHours, js.Roster.ShortfallHours)
	}
	if more := js.Scenarios[2]; more.Name != "two more agents" || more.ShortfallHours > js.Scenarios[0].ShortfallHours {
		t.Errorf("%s: %v agent-hours short, the baseline %v", more.Name, more.ShortfallHours, js.Scenarios[0].ShortfallHours)
	}

	// expected service level: the baseline's in --json, the terminal's
	// comparison and the workbook's Scenarios sheet
	if js.Scenarios[0].ServiceLevel == nil {
		t.Fatal("no expected service level for a plan with live channels")
	}
	slTerm := number(t, "terminal", tsvCell(t, term, "Expected service level", "baseline"))
	sc, err := f.GetRows("Scenarios", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	slBook := math.NaN()
	for _, r := range sc {
		if len(r) > 1 && r[0] == "Expected service level" {
			slBook = number(t, "workbook scenarios", r[1])
		}
	}
	if math.Abs(slTerm-100**js.Scenarios[0].ServiceLevel) > 0.05 || math.Abs(slBook-*js.Scenarios[0].ServiceLevel) > 1e-9 {
		t.Errorf("expected service level: --json %v, terminal %v%%, workbook %v", *js.Scenarios[0].ServiceLevel, slTerm, slBook)
	}

	// the assumptions: the handle time staffing used, the contacts (not
	// rows) of the history
	overrides := 0
	for label, v := range book {
		if strings.HasPrefix(label, "AHT ") && strings.Contains(label, " / gift-card ") {
			overrides++
			if !strings.Contains(label, "the plan's issue_types.gift-card.handle_time") || number(t, "workbook "+label, v) != 540 {
				t.Errorf("workbook: %s = %q, want the plan's 540 s", label, v)
			}
		}
	}
	if overrides == 0 {
		var labels []string
		for l := range book {
			labels = append(labels, l)
		}
		t.Errorf("workbook: no gift-card handle time among the assumptions %q", labels)
	}
	m := regexp.MustCompile(`History contacts</td><td class="t">([^<]*)<`).FindStringSubmatch(string(page))
	if m == nil || number(t, "report", m[1]) != number(t, "workbook", book["History contacts"]) {
		t.Errorf("history contacts: workbook %q, report %v", book["History contacts"], m)
	}
	// why short: the same stretches in the workbook's sheet and --json
	why, err := f.GetRows("Why short")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range why {
		if len(r) > 6 && r[0] != "Date" && r[6] != "" {
			n++
		}
	}
	if n != len(js.Roster.WhyShort)+len(js.Roster.RuleGaps) {
		t.Errorf("Why short sheet: %d rows, --json %d stretches and %d rule gaps", n, len(js.Roster.WhyShort), len(js.Roster.RuleGaps))
	}
}

// TestComparisonWithoutLiveChannels: a plan of deferred work only has no
// expected service level: the comparison shows "–", not 0.0%.
func TestComparisonWithoutLiveChannels(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	sl := 0.9
	if err := printComparison(ios, []pipeline.Summary{{Name: "baseline"}, {Name: "with chat", ServiceLevel: &sl}}, "en"); err != nil {
		t.Fatal(err)
	}
	tables := tsvTables(out.String())
	if got := tsvCell(t, tables, "Expected service level", "baseline"); got != "–" {
		t.Errorf("deferred only: %q, want –", got)
	}
	if got := tsvCell(t, tables, "Expected service level", "with chat"); got != "90.0%" {
		t.Errorf("with a live channel: %q", got)
	}
}
