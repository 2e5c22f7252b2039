package html

import (
	"bytes"
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{`<html lang="en">`, "<h2>Roster</h2>", "Forecast contacts per day", "Requirement vs coverage", "Assumptions", "80.0%", "Fri 27 Nov"}},
		{"zh", []string{`<html lang="zh-CN">`, "<h2>排班表</h2>", "每日预测进线量", "需求与覆盖", "假设", "11月27日 周五", "王小明"}},
	}
	for _, tc := range tests {
		m := reporttest.Model(t, tc.lang)
		b := writePage(t, m)
		page := string(b)
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: page lacks %q", tc.lang, w)
			}
		}
		// Charts are inline SVG: one forecast chart and one panel per day.
		if n := strings.Count(page, "<svg"); n != 1+7 {
			t.Errorf("%s: %d inline SVGs, want 8", tc.lang, n)
		}
		// Nothing is fetched at view time: no script, stylesheet link,
		// image source, CSS import or url() of any address.
		for _, re := range []string{`(?i)<script`, `(?i)<link\b`, `(?i)<img\b`, `(?i)<iframe`, `(?i)@import`, `(?i)url\(`, `(?i)(src|href)\s*=`} {
			if loc := regexp.MustCompile(re).FindStringIndex(page); loc != nil {
				t.Errorf("%s: page has %q at %d", tc.lang, page[loc[0]:min(loc[1]+40, len(page))], loc[0])
			}
		}
		// The only http(s) text is the escaped agent name, shown as text.
		rest := strings.ReplaceAll(page, `=HYPERLINK(&#34;https://evil.example/x&#34;,&#34;click&#34;)`, "")
		if strings.Contains(rest, "http://") || strings.Contains(rest, "https://") {
			t.Errorf("%s: page mentions a URL outside the escaped name", tc.lang)
		}
		// A shift of the roster table.
		if !strings.Contains(page, "07:00-15:30 "+report.T(tc.lang, "mark.lead")) {
			t.Errorf("%s: roster lacks agent 1's Monday shift", tc.lang)
		}
	}
}

// The HTML report shows the same figures as rows of its tables.
func TestHTMLGroups(t *testing.T) {
	m := reporttest.Model(t, "en")
	b := writePage(t, m)
	page := html.UnescapeString(string(b)) // html/template writes + as &#43;
	want := []string{"<h2>Staffing groups</h2>", "<h3>By channel</h3>", "<h2>Simulated service</h2>"}
	for _, g := range m.Groups {
		want = append(want, `<tr><td class="t">`+g.Name+`</td><td>`+report.FmtNum(g.RequiredHours, 1)+`</td><td>`+report.FmtNum(g.AgentHours, 1)+
			`</td><td>`+strconv.Itoa(g.PeakRequired)+`</td><td class="t">`+strings.Join(g.Channels, ", ")+`</td></tr>`)
	}
	want = append(want,
		// phone specialists: 42 calls of closed hours, all called back, 1.2 late
		`<tr><td class="t">phone</td><td class="t">phone</td><td>100.0%</td><td>42</td><td>0</td><td>42</td><td>1.2</td></tr>`,
		// email is deferred: no closed hours, 3.5 late
		`<tr><td class="t">phone+chat+email</td><td class="t">email</td><td>40.2%</td><td></td><td></td><td></td><td>3.5</td></tr>`,
		// below its target, marked
		`<tr><td class="t">phone</td><td class="t">phone</td><td class="t">roster</td><td class="below">76.4%</td><td>80.0%</td><td>20</td><td>3.1%</td><td>18.4</td><td></td><td></td></tr>`,
		`<tr><td class="t">phone</td><td class="t">phone (closed hours)</td><td class="t">roster</td><td></td><td></td><td></td><td></td><td></td><td>98.76%</td><td>2</td></tr>`,
	)
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %s", w)
		}
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct {
		top  float64
		n    int
		want float64
	}{
		{100, 5, 20}, {2380, 5, 500}, {7, 5, 2}, {0.3, 5, 0.1}, {0, 5, 1}, {-3, 5, 1},
	}
	for _, tc := range tests {
		if got := niceStep(tc.top, tc.n); !reporttest.Near(got, tc.want) {
			t.Errorf("niceStep(%v, %d) = %v, want %v", tc.top, tc.n, got, tc.want)
		}
	}
}

// writePage writes the report of m and returns it.
func writePage(t *testing.T, m *report.Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteInvalid: an invalid model is a *report.ModelError and nothing
// is written.
func TestWriteInvalid(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Lang = "fr"
	var b bytes.Buffer
	if err := Write(&b, m); !errors.Is(err, report.ErrInvalidModel) || b.Len() != 0 {
		t.Errorf("invalid model: %v, %d bytes written", err, b.Len())
	}
}

// TestNoRosterNoShortfall: a plan with no team has no roster, so its
// daily table has no shortfall or short intervals (tester C, finding 5:
// "Shortfall 0.0 / Short intervals 0" every day) and its chart no
// coverage legend.
func TestNoRosterNoShortfall(t *testing.T) {
	m := reporttest.Model(t, "en")
	reporttest.NoRoster(m)
	page := string(writePage(t, m))
	for _, no := range []string{"<th>Shortfall (agent-hours)</th>", "<th>Short intervals</th>", "<th>On the queue at that peak</th>", "Requirement vs coverage"} {
		if strings.Contains(page, no) {
			t.Errorf("page without a roster has %q", no)
		}
	}
	for _, yes := range []string{"<th>Peak required on the queue</th>", "Requirement on the queue per day", "No roster yet."} {
		if !strings.Contains(page, yes) {
			t.Errorf("page without a roster lacks %q", yes)
		}
	}
	with := string(writePage(t, reporttest.Model(t, "en")))
	if !strings.Contains(with, "<th>Shortfall (agent-hours)</th>") {
		t.Error("page with a roster lacks its shortfall")
	}
}

// TestHTMLRosterHoursWorked: the roster table's Hours are the hours
// worked (as the Agents sheet and the scheduled agent-hours count them);
// reserve duty is on call, in a column of its own (tester C, finding 2).
func TestHTMLRosterHoursWorked(t *testing.T) {
	m := reporttest.Model(t, "en")
	page := string(writePage(t, m))
	if !strings.Contains(page, "<th>Hours</th><th>On call (hours)</th></tr>") {
		t.Error("the roster table has no on-call column after Hours")
	}
	tail := regexp.MustCompile(`<td class="" style="">([0-9.,]+)</td><td class="" style="">([0-9.,]+)</td></tr>`)
	rows := tail.FindAllStringSubmatch(page, -1)
	if len(rows) != len(m.Agents) {
		t.Fatalf("%d roster rows end in hours and hours on call, want %d", len(rows), len(m.Agents))
	}
	for i, a := range m.Agents {
		worked, onCall := 0.0, 0.0
		for _, sh := range a.Shifts {
			if sh.Reserve {
				onCall += sh.End.Sub(sh.Start).Hours()
			}
		}
		for _, h := range m.AgentStats[i].HoursPerWeek {
			worked += h
		}
		if got := rows[i][1]; got != report.FmtNum(worked, 1) {
			t.Errorf("%s: %s hours, the Agents figures %v", a.ID, got, worked)
		}
		if got := rows[i][2]; got != report.FmtNum(onCall, 1) {
			t.Errorf("%s: %s hours on call, want %v", a.ID, got, onCall)
		}
	}
}
