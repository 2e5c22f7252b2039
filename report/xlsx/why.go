package xlsx

import "github.com/peakstaff/peakstaff/report"

// whyWidths are the widest the columns of the Why short sheet get; longer
// text wraps. Together about 150 characters: one landscape A4 or Letter
// page wide at nearly full size, with room for the cause and the fix.
var whyWidths = map[int]float64{
	4:  16, // group or rule
	5:  11, // agent-hours
	6:  10, // most missing at once
	7:  18, // cause
	8:  40, // what binds
	9:  32, // smallest change
	10: 9,  // hires close it
}

// whyShortSheet lists the stretches the roster leaves short with their
// causes, then the rule gaps (leads and veterans missing) with theirs:
// two tables, never mixed.
func (b *book) whyShortSheet() {
	v := b.v
	if len(v.Model.WhyShort) == 0 && len(v.Model.RuleGaps) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.why_short"), false)
	top := b.style(sty{vAlign: "top"})
	hours, count := b.style(sty{vAlign: "top", numFmt: xlFloat1Fmt}), b.style(sty{vAlign: "top", numFmt: xlIntFmt})
	for col, w := range whyWidths {
		s.caps[col] = w
	}
	r := 1
	if len(v.Model.WhyShort) > 0 {
		s.label(1, r, L("why_short"), b.style(stySect))
		r += 2
		s.header(1, r, L("date"), L("start"), L("end"), L("group"), L("shortfall"), L("most_missing"), L("cause"), L("detail"), L("fix"), L("hires_close"))
		for _, w := range v.Model.WhyShort {
			r++
			s.when(1, r, v.Day(w.Start), xlDateFmt(v.Lang), sty{hAlign: "left", vAlign: "top"})
			s.str(2, r, v.Clock(w.Start), top)
			s.str(3, r, v.EndClock(w.Start, w.End), top)
			s.para(4, 4, r, w.Group, sty{})
			s.numSt(5, r, w.AgentHours, hours)
			s.numSt(6, r, float64(w.Most), count)
			s.para(7, 7, r, report.CauseLabel(v.Lang, w.Cause), sty{})
			s.para(8, 8, r, w.Detail, sty{})
			s.para(9, 9, r, w.Fix, sty{})
			yes := L("no")
			if w.HiresCanClose {
				yes = L("yes")
			}
			s.str(10, r, yes, top)
		}
		r += 3
	}
	if len(v.Model.RuleGaps) > 0 {
		s.label(1, r, L("rule_gaps"), b.style(stySect))
		r += 2
		s.header(1, r, L("date"), L("start"), L("end"), L("rule"), L("gap_hours"), L("most_missing"), L("cause"), L("detail"), L("fix"))
		for _, g := range v.Model.RuleGaps {
			r++
			s.when(1, r, v.Day(g.Start), xlDateFmt(v.Lang), sty{hAlign: "left", vAlign: "top"})
			s.str(2, r, v.Clock(g.Start), top)
			s.str(3, r, v.EndClock(g.Start, g.End), top)
			s.para(4, 4, r, report.RuleLabel(v.Lang, g.Rule), sty{})
			s.numSt(5, r, g.Hours, hours)
			s.numSt(6, r, float64(g.Most), count)
			s.para(7, 7, r, report.CauseLabel(v.Lang, g.Cause), sty{})
			s.para(8, 8, r, g.Detail, sty{})
			s.para(9, 9, r, g.Fix, sty{})
		}
	}
	s.finish()
	s.printSetup(true, "", "")
}
