package xlsx

import "github.com/peakstaff/peakstaff/report"

// Widest the text columns of the Why short sheet get; longer text wraps.
const whyTextWidth = 48

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
	wrap := b.style(sty{wrap: true, vAlign: "top"})
	r := 1
	if len(v.Model.WhyShort) > 0 {
		s.label(1, r, L("why_short"), b.style(stySect))
		r += 2
		s.header(1, r, L("date"), L("start"), L("end"), L("group"), L("shortfall"), L("most_missing"), L("cause"), L("detail"), L("fix"), L("hires_close"))
		for _, w := range v.Model.WhyShort {
			r++
			s.when(1, r, v.Day(w.Start), xlDateFmt(v.Lang), sty{hAlign: "left", vAlign: "top"})
			s.str(2, r, v.Clock(w.Start), 0)
			s.str(3, r, v.EndClock(w.Start, w.End), 0)
			s.str(4, r, w.Group, 0)
			s.num(5, r, w.AgentHours, xlFloat1Fmt)
			s.num(6, r, float64(w.Most), xlIntFmt)
			s.str(7, r, report.CauseLabel(v.Lang, w.Cause), 0)
			s.str(8, r, w.Detail, wrap)
			s.str(9, r, w.Fix, wrap)
			yes := L("no")
			if w.HiresCanClose {
				yes = L("yes")
			}
			s.str(10, r, yes, 0)
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
			s.str(2, r, v.Clock(g.Start), 0)
			s.str(3, r, v.EndClock(g.Start, g.End), 0)
			s.str(4, r, report.RuleLabel(v.Lang, g.Rule), 0)
			s.num(5, r, g.Hours, xlFloat1Fmt)
			s.num(6, r, float64(g.Most), xlIntFmt)
			s.str(7, r, report.CauseLabel(v.Lang, g.Cause), 0)
			s.str(8, r, g.Detail, wrap)
			s.str(9, r, g.Fix, wrap)
		}
	}
	for _, col := range []int{7, 8, 9} {
		s.widths[col] = min(s.widths[col], whyTextWidth)
		s.fixed[col] = true
	}
	s.finish()
	s.printSetup(true, "", "")
}
