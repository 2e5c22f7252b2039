// Package html writes the plan's HTML report, with its SVG charts, from a
// report.Model.
package html

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/report"
)

// Write writes the HTML report to w: one self-contained page (inline CSS and
// SVG, no script, no link to fetch) with the totals, the forecast per day,
// the requirement against the roster per day, the daily table, the
// staffing groups and the simulated service, the roster and the
// assumptions, in the model's language. An invalid model is a
// *report.ModelError and nothing is written.
func Write(w io.Writer, m *report.Model) error {
	rv, err := report.NewView(m)
	if err != nil {
		return err
	}
	return (&view{rv}).write(w)
}

// view is the prepared model with the page's own helpers.
type view struct{ *report.View }

type htmlKV struct{ Label, Value string }

type htmlCell struct {
	Text  string
	Class string
	Style template.CSS
}

type htmlPage struct {
	Lang, HTMLLang, Colon          string
	Title, Season, Generated       string
	Cards                          []htmlKV
	Warnings                       []string
	ForecastSVG                    template.HTML
	DayPanels                      []template.HTML
	DayHeader                      []string
	Days                           [][]string
	RosterHeader                   []string
	Roster                         [][]htmlCell
	Legend                         []htmlCell
	Assumptions                    []htmlKV
	ScenarioHeader                 []string
	Scenarios                      [][]string
	Groups, GroupChannels, Sims    htmlTable
	WhyShort, RuleGaps             htmlTable
	HasCoverage, HasRoster, HasFcs bool
	// Rostered: a roster is measured against the requirement (the
	// coverage chart then shows it and its shortfall).
	Rostered bool
}

// htmlTable is a table of text (class "t", left-aligned) and figures.
type htmlTable struct {
	Header []htmlCell
	Rows   [][]htmlCell
}

// newHTMLTable starts a table with the titles; the columns listed in text
// hold text.
func newHTMLTable(titles []string, text ...int) htmlTable {
	t := htmlTable{}
	for i, h := range titles {
		c := htmlCell{Text: h}
		if slices.Contains(text, i) {
			c.Class = "t"
		}
		t.Header = append(t.Header, c)
	}
	return t
}

var pageTmpl = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.HTMLLang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="peakstaff">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#666;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:150px}
.card .l{font-size:12px;color:#666}.card .v{font-size:20px;font-weight:600}
.warn{background:#fff8e1;border:1px solid #f0c36d;border-radius:6px;padding:8px 12px}
.warn li{margin:2px 0}
svg.chart{background:#fff;border:1px solid #ddd;border-radius:6px;max-width:100%;height:auto}
.panels{display:flex;flex-wrap:wrap;gap:6px}
table{border-collapse:collapse;background:#fff;font-size:13px}
th,td{border:1px solid #d0d0d0;padding:3px 6px;text-align:right;white-space:nowrap}
th{background:#e8edf7;position:sticky;top:0}
td.t,th.t{text-align:left}
td.w{text-align:left;white-space:normal;min-width:18em}
.scroll{overflow:auto;max-height:640px;border:1px solid #ddd}
.roster td.n{position:sticky;left:0;background:#fff;text-align:left}
.roster td.s{text-align:center}
.roster td.lead{font-weight:700;outline:2px solid #222;outline-offset:-2px}
.roster td.res{font-style:italic;color:#555}
.legend span{display:inline-block;padding:2px 8px;margin:2px;border:1px solid #ccc}
.short{color:#b00020;font-weight:600}
td.below{background:#f8cbad}
h3{font-size:15px;margin:18px 0 6px}
@media print{body{margin:8mm;background:#fff}.scroll{overflow:visible;max-height:none;border:0}th{position:static}}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="meta">{{.L "season"}}{{.Colon}}{{.Season}} · {{.L "generated"}}{{.Colon}}{{.Generated}}</p>
<div class="cards">{{range .Cards}}<div class="card"><div class="l">{{.Label}}</div><div class="v">{{.Value}}</div></div>{{end}}</div>
{{if .Warnings}}<h2>{{.L "warnings"}}</h2><ul class="warn">{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .HasFcs}}<h2>{{.L "forecast_chart"}}</h2>
{{.ForecastSVG}}{{end}}
{{if .HasCoverage}}{{if .Rostered}}<h2>{{.L "coverage_chart"}}</h2>
<p class="meta"><span style="color:#1f77b4">■</span> {{.L "scheduled"}} &nbsp; <span style="color:#d62728">—</span> {{.L "required"}} &nbsp; <span style="color:#d62728;opacity:.6">■</span> {{.L "shortfall"}}</p>{{else}}<h2>{{.L "requirement_chart"}}</h2>
<p class="meta"><span style="color:#d62728">—</span> {{.L "required"}} &nbsp; {{.L "no_roster"}}</p>{{end}}
<div class="panels">{{range .DayPanels}}{{.}}{{end}}</div>{{end}}
{{if .Days}}<h2>{{.L "by_day"}}</h2>
<table><thead><tr>{{range $i, $h := .DayHeader}}<th{{if eq $i 0}} class="t"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>{{range .Days}}<tr>{{range $i, $c := .}}<td{{if eq $i 0}} class="t"{{end}}>{{$c}}</td>{{end}}</tr>{{end}}</tbody></table>{{end}}
{{if .WhyShort.Rows}}<h2>{{.L "why_short"}}</h2>
{{template "table" .WhyShort}}{{end}}
{{if .RuleGaps.Rows}}<h2>{{.L "rule_gaps"}}</h2>
{{template "table" .RuleGaps}}{{end}}
{{if .Groups.Rows}}<h2>{{.L "groups"}}</h2>
<p class="meta">{{.L "groups_note"}}</p>
{{template "table" .Groups}}
<h3>{{.L "by_channel"}}</h3>
{{template "table" .GroupChannels}}{{end}}
{{if .Sims.Rows}}<h2>{{.L "sim_service"}}</h2>
<p class="meta">{{.L "sim_note"}}</p>
{{template "table" .Sims}}{{end}}
{{if .HasRoster}}<h2>{{.L "sheet.roster"}}</h2>
<p class="legend">{{range .Legend}}<span class="{{.Class}}" style="{{.Style}}">{{.Text}}</span>{{end}}</p>
<div class="scroll"><table class="roster"><thead><tr>{{range $i, $h := .RosterHeader}}<th{{if lt $i 3}} class="t"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>{{range .Roster}}<tr>{{range .}}<td class="{{.Class}}" style="{{.Style}}">{{.Text}}</td>{{end}}</tr>{{end}}</tbody></table></div>{{end}}
{{if .Assumptions}}<h2>{{.L "assumptions"}}</h2>
<table><tbody>{{range .Assumptions}}<tr><td class="t">{{.Label}}</td><td class="t">{{.Value}}</td></tr>{{end}}</tbody></table>{{end}}
{{if .Scenarios}}<h2>{{.L "sheet.scenarios"}}</h2>
<table><thead><tr>{{range $i, $h := .ScenarioHeader}}<th{{if eq $i 0}} class="t"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>{{range .Scenarios}}<tr>{{range $i, $c := .}}<td{{if eq $i 0}} class="t"{{end}}>{{$c}}</td>{{end}}</tr>{{end}}</tbody></table>{{end}}
</body>
</html>
{{define "table"}}<table><thead><tr>{{range .Header}}<th{{if .Class}} class="{{.Class}}"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td{{if .Class}} class="{{.Class}}"{{end}}>{{.Text}}</td>{{end}}</tr>{{end}}</tbody></table>{{end}}
`))

// L is the label key in the page's language, for the template.
func (p *htmlPage) L(key string) string { return report.T(p.Lang, key) }

func (v *view) write(w io.Writer) error {
	L := func(k string) string { return report.T(v.Lang, k) }
	p := &htmlPage{
		Lang: v.Lang, HTMLLang: "en", Colon: ": ",
		Title:     report.CleanText(v.Model.Title),
		Season:    v.SeasonText(),
		Generated: report.FmtDateTime(v.Lang, v.Model.Generated.In(v.Loc)),
	}
	if v.Lang == "zh" {
		p.HTMLLang, p.Colon = "zh-CN", "："
	}
	tot := v.Model.Totals
	for _, h := range v.Headlines() {
		p.Cards = append(p.Cards, htmlKV{L(h.Key), h.Text()})
	}
	for _, ch := range report.SortedKeys(tot.ServiceLevel) {
		p.Cards = append(p.Cards, htmlKV{L("expected_sl") + " · " + report.CleanText(ch), report.FmtPct(tot.ServiceLevel[ch])})
	}
	for _, t := range report.HireTiers(tot.Hires, tot.HireBy) {
		val := report.FmtNum(float64(tot.Hires[t]), 0)
		if by, ok := tot.HireBy[t]; ok && !by.IsZero() {
			val += " · " + L("hire_by") + " " + report.FmtDay(v.Lang, by.In(v.Loc))
		}
		p.Cards = append(p.Cards, htmlKV{L("hires") + " · " + report.TierLabel(v.Lang, t), val})
	}
	for _, w := range v.Model.Warnings {
		p.Warnings = append(p.Warnings, report.CleanText(w))
	}
	v.htmlForecast(p)
	v.htmlWhyShort(p)
	days := v.Daily()
	p.Rostered = v.HasRoster()
	v.htmlCoverage(p, days)
	if len(v.Model.Coverage) > 0 || len(v.Model.ForecastDays) > 0 {
		cols := v.DayColumns()
		for _, k := range cols {
			p.DayHeader = append(p.DayHeader, L(k))
		}
		for _, d := range days {
			row := []string{report.FmtDay(v.Lang, d.Date)}
			for _, k := range cols[1:] {
				switch k {
				case "expected_sl":
					row = append(row, report.FmtPct(d.Figure(k)))
				case "shortfall":
					row = append(row, report.FmtNum(d.Figure(k), 1))
				default:
					row = append(row, report.FmtNum(d.Figure(k), 0))
				}
			}
			p.Days = append(p.Days, row)
		}
	}
	v.htmlGroups(p)
	v.htmlRoster(p)
	for _, kv := range v.Model.Assumptions {
		p.Assumptions = append(p.Assumptions, htmlKV{report.CleanText(kv.Label), v.kvText(kv)})
	}
	v.htmlScenarios(p)
	bw := bufio.NewWriter(w)
	if err := pageTmpl.Execute(bw, p); err != nil {
		return err
	}
	return bw.Flush()
}

// kvText shows an assumption's value as text in the model's language.
func (v *view) kvText(kv report.KV) string {
	unit := report.CleanText(kv.Unit)
	var s string
	switch x := kv.Value.(type) {
	case float64:
		if unit == "%" {
			return report.FmtPct(x)
		}
		s = strings.TrimRight(strings.TrimRight(report.FmtNum(x, 3), "0"), ".")
	case float32:
		return v.kvText(report.KV{Value: float64(x), Unit: kv.Unit})
	case int:
		if unit == "%" {
			return report.FmtPct(float64(x))
		}
		s = report.FmtNum(float64(x), 0)
	case int64:
		s = report.FmtNum(float64(x), 0)
	case time.Time:
		lt := x.In(v.Loc)
		if lt.Hour() == 0 && lt.Minute() == 0 && lt.Second() == 0 {
			return report.FmtDate(v.Lang, lt)
		}
		return report.FmtDateTime(v.Lang, lt)
	case time.Duration:
		return civil.FormatDuration(x)
	case string:
		s = x
	case nil:
		s = ""
	default:
		s = fmt.Sprint(x)
	}
	if unit != "" && unit != "%" {
		s += " " + unit
	}
	return report.CleanText(s)
}

func (v *view) htmlForecast(p *htmlPage) {
	if len(v.Model.ForecastDays) == 0 {
		return
	}
	p.HasFcs = true
	chans := v.Channels()
	per := make([][]float64, len(chans))
	for c := range per {
		per[c] = make([]float64, len(v.Days))
	}
	total := make([]float64, len(v.Days))
	lo := make([]float64, len(v.Days))
	hi := make([]float64, len(v.Days))
	for _, f := range v.Model.ForecastDays {
		i := v.DayIndex(f.Date)
		if i < 0 {
			continue
		}
		c := slices.Index(chans, f.Channel)
		per[c][i] += finiteOr(f.P50)
		total[i] += finiteOr(f.P50)
		lo[i] += finiteOr(f.P10)
		hi[i] += finiteOr(f.P90)
	}
	labels := make([]string, len(v.Days))
	for i, d := range v.Days {
		labels[i] = report.FmtDay(v.Lang, d)
	}
	ch := &lineChart{w: 1100, h: 340, labels: labels, labelEvery: max(1, len(labels)/31+1),
		bandLo: lo, bandHi: hi, bandName: report.T(v.Lang, "band") + " (" + report.T(v.Lang, "total") + ")",
		ariaLabel: report.T(v.Lang, "forecast_chart")}
	ch.series = append(ch.series, svgSeries{name: report.T(v.Lang, "total"), color: "#222222", values: total, width: 2.5})
	for c, name := range chans {
		ch.series = append(ch.series, svgSeries{name: report.CleanText(name), color: "#" + report.ChartColor(c), values: per[c]})
	}
	p.ForecastSVG = template.HTML(ch.svg())
}

func (v *view) htmlCoverage(p *htmlPage, days []report.DaySummary) {
	if len(v.Model.Coverage) == 0 {
		return
	}
	p.HasCoverage = true
	maxV := 0.0
	for _, c := range v.Model.Coverage {
		maxV = math.Max(maxV, math.Max(finiteOr(c.Required), finiteOr(c.Scheduled)))
	}
	yTop, _ := axisTop(maxV, 4)
	byStart := make(map[int64]report.CoverageInterval, len(v.Model.Coverage))
	for _, c := range v.Model.Coverage {
		byStart[c.Start.Unix()] = c
	}
	for i, d := range v.Days {
		slots := v.Intervals(d)
		req := make([]float64, len(slots))
		sch := make([]float64, len(slots))
		found := false
		for k, t := range slots {
			if c, ok := byStart[t.Unix()]; ok {
				req[k], sch[k], found = c.Required, c.Scheduled, true
			}
		}
		if !found {
			continue
		}
		title := report.FmtDay(v.Lang, d)
		if days[i].Shortfall > 0 {
			title += " · −" + report.FmtNum(days[i].Shortfall, 1) + " h"
		}
		p.DayPanels = append(p.DayPanels, template.HTML(dayPanel(title, req, sch, yTop, days[i].Shortfall > 0)))
	}
}

// htmlWhyShort fills the short stretches and the rule gaps with their
// causes, as the Why short sheet lists them.
func (v *view) htmlWhyShort(p *htmlPage) {
	L := func(k string) string { return report.T(v.Lang, k) }
	txt := func(s string) htmlCell { return htmlCell{Text: report.CleanText(s), Class: "t"} }
	wide := func(s string) htmlCell { return htmlCell{Text: report.CleanText(s), Class: "w"} }
	when := func(a, b time.Time) []htmlCell {
		return []htmlCell{txt(report.FmtDay(v.Lang, a.In(v.Loc))), txt(v.Clock(a)), txt(v.EndClock(a, b))}
	}
	if len(v.Model.WhyShort) > 0 {
		p.WhyShort = newHTMLTable([]string{L("date"), L("start"), L("end"), L("group"), L("shortfall"), L("most_missing"), L("cause"), L("detail"), L("fix"), L("hires_close")}, 0, 1, 2, 3, 6, 7, 8, 9)
		for _, w := range v.Model.WhyShort {
			yes := L("no")
			if w.HiresCanClose {
				yes = L("yes")
			}
			row := append(when(w.Start, w.End), txt(w.Group), htmlCell{Text: report.FmtNum(w.AgentHours, 1)}, htmlCell{Text: report.FmtNum(float64(w.Most), 0)},
				txt(report.CauseLabel(v.Lang, w.Cause)), wide(w.Detail), wide(w.Fix), txt(yes))
			p.WhyShort.Rows = append(p.WhyShort.Rows, row)
		}
	}
	if len(v.Model.RuleGaps) > 0 {
		p.RuleGaps = newHTMLTable([]string{L("date"), L("start"), L("end"), L("rule"), L("gap_hours"), L("most_missing"), L("cause"), L("detail"), L("fix")}, 0, 1, 2, 3, 6, 7, 8)
		for _, g := range v.Model.RuleGaps {
			row := append(when(g.Start, g.End), txt(report.RuleLabel(v.Lang, g.Rule)), htmlCell{Text: report.FmtNum(g.Hours, 1)}, htmlCell{Text: report.FmtNum(float64(g.Most), 0)},
				txt(report.CauseLabel(v.Lang, g.Cause)), wide(g.Detail), wide(g.Fix))
			p.RuleGaps.Rows = append(p.RuleGaps.Rows, row)
		}
	}
}

// htmlGroups fills the staffing groups, each channel's part of its group
// and the simulated service, with the figures of the Groups sheet.
func (v *view) htmlGroups(p *htmlPage) {
	L := func(k string) string { return report.T(v.Lang, k) }
	txt := func(s string) htmlCell { return htmlCell{Text: report.CleanText(s), Class: "t"} }
	num := func(x float64, dec int) htmlCell { return htmlCell{Text: report.FmtNum(x, dec)} }
	if len(v.Model.Groups) > 0 {
		p.Groups = newHTMLTable([]string{L("group"), L("required_hours"), L("agent_hours"), L("peak_required"), L("group_channels")}, 0, 4)
		p.GroupChannels = newHTMLTable([]string{L("group"), L("channel"), L("channel_shares"), L("closed_contacts"), L("closed_lost"), L("closed_callbacks"), L("deferred_late")}, 0, 1)
		for _, g := range v.Model.Groups {
			p.Groups.Rows = append(p.Groups.Rows, []htmlCell{txt(g.Name), num(g.RequiredHours, 1), num(g.AgentHours, 1),
				num(float64(g.PeakRequired), 0), txt(strings.Join(g.Channels, ", "))})
			for _, c := range g.ByChannel {
				row := []htmlCell{txt(g.Name), txt(c.Channel), {Text: report.FmtPct(c.Share)}, {}, {}, {}, {}}
				if !c.Deferred {
					row[3], row[4], row[5] = num(c.ClosedContacts, 0), num(c.Lost, 0), num(c.Callbacks, 0)
				}
				if c.Deferred || c.Callbacks > 0 {
					row[6] = num(c.Late, 1)
				}
				p.GroupChannels.Rows = append(p.GroupChannels.Rows, row)
			}
		}
	}
	if len(v.Model.Simulated) > 0 {
		p.Sims = newHTMLTable([]string{L("group"), L("channel"), L("agents_from"), L("sim_sl"), L("target"), L("answer_s"),
			L("abandon_rate"), L("asa_s"), L("on_time_share"), L("late_items")}, 0, 1, 2)
		for _, c := range v.Model.Simulated {
			row := []htmlCell{txt(c.Group), txt(c.Label(v.Lang)), {Text: report.AgentsFrom(v.Lang, c.FromRoster), Class: "t"}, {}, {}, {}, {}, {}, {}, {}}
			if c.Live {
				row[3], row[4], row[5] = htmlCell{Text: report.FmtPct(c.ServiceLevel)}, htmlCell{Text: report.FmtPct(c.TargetServiceLevel)}, num(c.AnswerSeconds, 0)
				row[6], row[7] = htmlCell{Text: report.FmtPct(c.AbandonRate)}, num(c.ASASeconds, 1)
				if c.ServiceLevel < c.TargetServiceLevel {
					row[3].Class = "below"
				}
			} else {
				row[8], row[9] = htmlCell{Text: report.FmtNum(c.OnTimeShare*100, 2) + "%"}, num(float64(c.Late), 0)
			}
			p.Sims.Rows = append(p.Sims.Rows, row)
		}
	}
}

func (v *view) htmlRoster(p *htmlPage) {
	if len(v.Model.Agents) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	p.HasRoster = true
	p.RosterHeader = []string{L("name"), L("tier"), L("team")}
	for _, d := range v.Days {
		p.RosterHeader = append(p.RosterHeader, report.FmtDay(v.Lang, d))
	}
	// Hours are the hours worked; reserve duty is on call, not paid work,
	// and gets a column of its own.
	reserve := v.HasReserve()
	p.RosterHeader = append(p.RosterHeader, L("hours"))
	if reserve {
		p.RosterHeader = append(p.RosterHeader, L("on_call"))
	}
	for ai, a := range v.Model.Agents {
		name := report.CleanText(a.Name)
		if role := v.RoleText(a); role != "" {
			if v.Lang == "zh" {
				name += "（" + role + "）"
			} else {
				name += " (" + role + ")"
			}
		}
		row := []htmlCell{{Text: name, Class: "n t"}, {Text: report.TierLabel(v.Lang, report.CleanText(a.Tier)), Class: "t",
			Style: template.CSS("background:#" + report.TierFill(a.Tier))}, {Text: report.CleanText(a.Team), Class: "t"}}
		texts := make([][]string, len(v.Days))
		cls := make([]string, len(v.Days))
		for _, s := range v.Shifts[ai] {
			i := v.DayIndex(s.Start)
			if i < 0 {
				continue
			}
			t := v.ShiftText(s)
			if s.Lead {
				t += " " + L("mark.lead")
				cls[i] += " lead"
			}
			if s.Reserve {
				t += " " + L("mark.res")
				cls[i] += " res"
			}
			texts[i] = append(texts[i], t)
		}
		for i := range v.Days {
			c := htmlCell{Class: "s" + cls[i]}
			if len(texts[i]) > 0 {
				c.Text = strings.Join(texts[i], " / ")
				c.Style = template.CSS("background:#" + report.TierFill(a.Tier))
			}
			row = append(row, c)
		}
		row = append(row, htmlCell{Text: report.FmtNum(report.TotalHours(v.Shifts[ai]), 1)})
		if reserve {
			row = append(row, htmlCell{Text: report.FmtNum(report.TotalOnCallHours(v.Shifts[ai]), 1)})
		}
		p.Roster = append(p.Roster, row)
	}
	for _, t := range v.TierOrder() {
		p.Legend = append(p.Legend, htmlCell{Text: report.TierLabel(v.Lang, report.CleanText(t)), Style: template.CSS("background:#" + report.TierFill(t))})
	}
	p.Legend = append(p.Legend, htmlCell{Text: L("legend.lead"), Class: "lead"}, htmlCell{Text: L("legend.res"), Class: "res"})
}

func (v *view) htmlScenarios(p *htmlPage) {
	if len(v.Model.Scenarios) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	p.ScenarioHeader = []string{L("scenario")}
	for _, s := range v.Model.Scenarios {
		p.ScenarioHeader = append(p.ScenarioHeader, report.CleanText(s.Name))
	}
	add := func(key string, f func(report.Scenario) string) {
		if !slices.ContainsFunc(v.Model.Scenarios, func(s report.Scenario) bool { return scenarioFigure(s, key) != 0 }) {
			return // not computed in any scenario
		}
		row := []string{L(key)}
		for _, s := range v.Model.Scenarios {
			row = append(row, f(s))
		}
		p.Scenarios = append(p.Scenarios, row)
	}
	add("contacts", func(s report.Scenario) string { return report.FmtNum(s.Contacts, 0) })
	add("workload_hours", func(s report.Scenario) string { return report.FmtNum(s.WorkloadHours, 0) })
	add("peak_required", func(s report.Scenario) string { return report.FmtNum(float64(s.PeakRequired), 0) })
	add("avg_required", func(s report.Scenario) string { return report.FmtNum(s.AvgRequired, 1) })
	add("required_hours", func(s report.Scenario) string { return report.FmtNum(s.RequiredHours, 1) })
	add("scheduled_hours", func(s report.Scenario) string { return report.FmtNum(s.ScheduledHours, 0) })
	add("cost", func(s report.Scenario) string { return report.FmtNum(s.Cost, 0) })
	add("expected_sl", func(s report.Scenario) string { return report.FmtPct(s.ServiceLevel) })
	add("sim_sl", func(s report.Scenario) string { return report.FmtPct(s.SimulatedServiceLevel) })
	add("abandon_rate", func(s report.Scenario) string { return report.FmtPct(s.AbandonRate) })
	add("shortfall_hours", func(s report.Scenario) string { return report.FmtNum(s.ShortfallHours, 1) })
	add("short_intervals", func(s report.Scenario) string { return report.FmtNum(float64(s.ShortIntervals), 0) })
	tiers := map[string]bool{}
	for _, s := range v.Model.Scenarios {
		for _, t := range report.HireTiers(s.Hires, s.HireBy) {
			tiers[t] = true
		}
	}
	for _, t := range report.SortedKeys(tiers) {
		p.Scenarios = append(p.Scenarios, append([]string{fmt.Sprintf(L("hires_of"), report.TierLabel(v.Lang, t))}, mapRow(v.Model.Scenarios, func(s report.Scenario) string {
			if n, ok := s.Hires[t]; ok {
				return report.FmtNum(float64(n), 0)
			}
			return ""
		})...))
	}
}

func mapRow(sc []report.Scenario, f func(report.Scenario) string) []string {
	out := make([]string, len(sc))
	for i, s := range sc {
		out[i] = f(s)
	}
	return out
}

// scenarioFigure is the number behind a scenario row, to leave out rows
// no scenario computed.
func scenarioFigure(s report.Scenario, key string) float64 {
	switch key {
	case "contacts":
		return s.Contacts
	case "workload_hours":
		return s.WorkloadHours
	case "peak_required":
		return float64(s.PeakRequired)
	case "avg_required":
		return s.AvgRequired
	case "required_hours":
		return s.RequiredHours
	case "scheduled_hours":
		return s.ScheduledHours
	case "cost":
		return s.Cost
	case "expected_sl":
		return s.ServiceLevel
	case "sim_sl":
		return s.SimulatedServiceLevel
	case "abandon_rate":
		return s.AbandonRate
	case "shortfall_hours":
		return s.ShortfallHours
	case "short_intervals":
		return float64(s.ShortIntervals)
	}
	return 1
}
