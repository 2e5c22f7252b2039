package xlsx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/report/html"
	"github.com/peakstaff/peakstaff/report/reporttest"
	"github.com/xuri/excelize/v2"
)

// figure checks that a cell holds the number want (to the float's last
// bits) shown with numFmt, and not text.
func figure(t *testing.T, f *excelize.File, sheet, c string, want float64, numFmt string) {
	t.Helper()
	if typ, _ := f.GetCellType(sheet, c); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s!%s: cell type %v, want a number", sheet, c, typ)
	}
	if got := rawNum(t, f, sheet, c); !reporttest.Near(got, want) {
		t.Errorf("%s!%s = %v, want %v", sheet, c, got, want)
	}
	if got := numFmtOf(t, f, sheet, c); got != numFmt {
		t.Errorf("%s!%s: number format %q, want %q", sheet, c, got, numFmt)
	}
}

func blank(t *testing.T, f *excelize.File, sheet, c string) {
	t.Helper()
	if got := raw(t, f, sheet, c); got != "" {
		t.Errorf("%s!%s = %q, want blank (does not apply)", sheet, c, got)
	}
}

// The Groups sheet read back cell by cell equals the model: the groups,
// each channel's part of its group, the simulated service.
func TestWorkbookGroups(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, _ := writeBook(t, m)
	const s = "Groups"
	at := func(col string, r int) string { return col + strconv.Itoa(r) }

	hdr := rowOf(t, f, s, "Group", 0)
	if got := raw(t, f, s, at("B", hdr)); got != "Required agent-hours" {
		t.Errorf("groups header B = %q", got)
	}
	for i, g := range m.Groups {
		r := hdr + 1 + i
		if got := raw(t, f, s, at("A", r)); got != g.Name {
			t.Errorf("group %d name %q, want %q", i, got, g.Name)
		}
		figure(t, f, s, at("B", r), g.RequiredHours, xlFloat1Fmt)
		figure(t, f, s, at("C", r), g.AgentHours, xlFloat1Fmt)
		figure(t, f, s, at("D", r), float64(g.PeakRequired), xlIntFmt)
		if got := raw(t, f, s, at("E", r)); got != strings.Join(g.Channels, ", ") {
			t.Errorf("group %s channels %q", g.Name, got)
		}
	}

	hdr = rowOf(t, f, s, "Group", hdr)
	if got := raw(t, f, s, at("C", hdr)); got != "Share of the group's time" {
		t.Errorf("by-channel header C = %q", got)
	}
	r := hdr
	for _, g := range m.Groups {
		for _, c := range g.ByChannel {
			r++
			if raw(t, f, s, at("A", r)) != g.Name || raw(t, f, s, at("B", r)) != c.Channel {
				t.Fatalf("row %d: %q/%q, want %s/%s", r, raw(t, f, s, at("A", r)), raw(t, f, s, at("B", r)), g.Name, c.Channel)
			}
			figure(t, f, s, at("C", r), c.Share, xlPercentFmt)
			if c.Deferred {
				blank(t, f, s, at("D", r))
				blank(t, f, s, at("F", r))
			} else {
				figure(t, f, s, at("D", r), c.ClosedContacts, xlIntFmt)
				figure(t, f, s, at("E", r), c.Lost, xlIntFmt)
				figure(t, f, s, at("F", r), c.Callbacks, xlIntFmt)
			}
			if c.Deferred || c.Callbacks > 0 {
				figure(t, f, s, at("G", r), c.Late, xlFloat1Fmt)
			} else {
				blank(t, f, s, at("G", r))
			}
		}
	}

	hdr = rowOf(t, f, s, "Group", r)
	if got := raw(t, f, s, at("D", hdr)); got != "Simulated service level" {
		t.Errorf("simulation header D = %q", got)
	}
	for i, c := range m.Simulated {
		r := hdr + 1 + i
		if raw(t, f, s, at("A", r)) != c.Group || raw(t, f, s, at("B", r)) != c.Channel || raw(t, f, s, at("C", r)) != "roster" {
			t.Fatalf("row %d: %q/%q/%q, want %s/%s/roster", r, raw(t, f, s, at("A", r)), raw(t, f, s, at("B", r)), raw(t, f, s, at("C", r)), c.Group, c.Channel)
		}
		if !c.Live {
			for _, col := range []string{"D", "E", "F", "G", "H"} {
				blank(t, f, s, at(col, r))
			}
			figure(t, f, s, at("I", r), c.OnTimeShare, "0.00%")
			figure(t, f, s, at("J", r), float64(c.Late), xlIntFmt)
			continue
		}
		figure(t, f, s, at("D", r), c.ServiceLevel, xlPercentFmt)
		figure(t, f, s, at("E", r), c.TargetServiceLevel, xlPercentFmt)
		figure(t, f, s, at("F", r), c.AnswerSeconds, xlIntFmt)
		figure(t, f, s, at("G", r), c.AbandonRate, xlPercentFmt)
		figure(t, f, s, at("H", r), c.ASASeconds, xlFloat1Fmt)
		blank(t, f, s, at("I", r))
		// a service level below its target is marked
		wantFill := ""
		if c.ServiceLevel < c.TargetServiceLevel {
			wantFill = "F8CBAD"
		}
		if got := fillOf(t, f, s, at("D", r)); got != wantFill {
			t.Errorf("%s/%s service level fill %q, want %q", c.Group, c.Channel, got, wantFill)
		}
	}
	if pl, _ := f.GetPageLayout(s); *pl.Orientation != "landscape" || *pl.FitToWidth != 1 {
		t.Errorf("Groups prints %v, %d wide", *pl.Orientation, *pl.FitToWidth)
	}
}

// The groups' paid hours in the workbook add up to the Summary's required
// agent-hours: the totals are the groups' sum, not a second figure.
func TestWorkbookGroupsAddUpToTotals(t *testing.T) {
	m := reporttest.Model(t, "en")
	f, _ := writeBook(t, m)
	hdr := rowOf(t, f, "Groups", "Group", 0)
	sum := 0.0
	for i := range m.Groups {
		sum += rawNum(t, f, "Groups", "B"+strconv.Itoa(hdr+1+i))
	}
	r := rowOf(t, f, "Summary", "Required agent-hours", 0)
	if total := rawNum(t, f, "Summary", "B"+strconv.Itoa(r)); !reporttest.Near(sum, total) {
		t.Errorf("groups add up to %v required hours, the Summary says %v", sum, total)
	}
}

func TestWorkbookGroupsChinese(t *testing.T) {
	f, _ := writeBook(t, reporttest.Model(t, "zh"))
	const s = "坐席组"
	hdr := rowOf(t, f, s, "坐席组", 1)
	for _, tc := range []struct{ col, want string }{{"B", "需求人时"}, {"C", "在线坐席工时"}, {"E", "渠道"}} {
		if got := raw(t, f, s, tc.col+strconv.Itoa(hdr)); got != tc.want {
			t.Errorf("%s%d = %q, want %q", tc.col, hdr, got, tc.want)
		}
	}
	r := rowOf(t, f, s, "模拟服务", hdr)
	if got := raw(t, f, s, "C"+strconv.Itoa(r+4)); got != "排班" {
		t.Errorf("agents from %q, want 排班", got)
	}
}

// A model without groups or simulation has no Groups sheet and no such
// section in the HTML report.
func TestGroupsLeftOutWithout(t *testing.T) {
	m := reporttest.Model(t, "en")
	m.Groups, m.Simulated = nil, nil
	f, _ := writeBook(t, m)
	if idx, _ := f.GetSheetIndex("Groups"); idx >= 0 {
		t.Error("Groups sheet without groups")
	}
	var page strings.Builder
	if err := html.Write(&page, m); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "<h2>Staffing groups</h2>") || strings.Contains(page.String(), "<h2>Simulated service</h2>") {
		t.Error("HTML shows groups without groups")
	}
}
