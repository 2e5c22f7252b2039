package xlsx

import (
	"strings"

	"github.com/peakstaff/peakstaff/report"
)

// Widest a figure column of the Groups sheet gets: its header wraps
// instead, so ten columns still print one page wide.
const groupFigureWidth = 13

// groupsSheet shows the staffing groups, one table per view: the groups
// (hours and peak), each channel's part of its group (share of the time,
// contacts of closed hours, late items), and the simulated service per
// channel.
func (b *book) groupsSheet() {
	v := b.v
	if len(v.Model.Groups) == 0 && len(v.Model.Simulated) == 0 {
		return
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	s := b.newSheet(L("sheet.groups"), false)
	note := b.style(sty{italic: true, fontColor: "595959"})
	var headerRows []int
	r := 1
	if len(v.Model.Groups) > 0 {
		s.label(1, r, L("groups"), b.style(stySect))
		r++
		s.label(1, r, L("groups_note"), note)
		r += 2
		// The channel list comes last and runs on into the empty cells to
		// its right, so it does not widen a column the tables below share.
		s.header(1, r, L("group"), L("required_hours"), L("agent_hours"), L("peak_required"), L("group_channels"))
		headerRows = append(headerRows, r)
		for _, g := range v.Model.Groups {
			r++
			s.str(1, r, g.Name, 0)
			s.num(2, r, g.RequiredHours, xlFloat1Fmt)
			s.num(3, r, g.AgentHours, xlFloat1Fmt)
			s.num(4, r, float64(g.PeakRequired), xlIntFmt)
			s.label(5, r, strings.Join(g.Channels, ", "), b.style(sty{hAlign: "left", indent: 1}))
		}
		r += 2
		s.label(1, r, L("by_channel"), b.style(stySect))
		r++
		s.header(1, r, L("group"), L("channel"), L("channel_shares"), L("closed_contacts"), L("closed_lost"), L("closed_callbacks"), L("deferred_late"))
		headerRows = append(headerRows, r)
		for _, g := range v.Model.Groups {
			for _, c := range g.ByChannel {
				r++
				s.str(1, r, g.Name, 0)
				s.str(2, r, c.Channel, 0)
				s.num(3, r, c.Share, xlPercentFmt)
				// Deferred work has no opening hours; a live channel has no
				// late items unless its closed hours became callbacks.
				if !c.Deferred {
					s.num(4, r, c.ClosedContacts, xlIntFmt)
					s.num(5, r, c.Lost, xlIntFmt)
					s.num(6, r, c.Callbacks, xlIntFmt)
				}
				if c.Deferred || c.Callbacks > 0 {
					s.num(7, r, c.Late, xlFloat1Fmt)
				}
			}
		}
		r += 2
	}
	if len(v.Model.Simulated) > 0 {
		s.label(1, r, L("sim_service"), b.style(stySect))
		r++
		s.label(1, r, L("sim_note"), note)
		r += 2
		s.header(1, r, L("group"), L("channel"), L("agents_from"), L("sim_sl"), L("target"), L("answer_s"), L("abandon_rate"), L("asa_s"), L("on_time_share"), L("late_items"))
		headerRows = append(headerRows, r)
		below := b.style(sty{numFmt: xlPercentFmt, fill: "F8CBAD"})
		for _, c := range v.Model.Simulated {
			r++
			s.str(1, r, c.Group, 0)
			s.str(2, r, c.Label(v.Lang), 0)
			s.str(3, r, report.AgentsFrom(v.Lang, c.FromRoster), 0)
			if c.Live {
				if c.ServiceLevel < c.TargetServiceLevel {
					s.numSt(4, r, c.ServiceLevel, below)
				} else {
					s.num(4, r, c.ServiceLevel, xlPercentFmt)
				}
				s.num(5, r, c.TargetServiceLevel, xlPercentFmt)
				s.num(6, r, c.AnswerSeconds, xlIntFmt)
				s.num(7, r, c.AbandonRate, xlPercentFmt)
				s.num(8, r, c.ASASeconds, xlFloat1Fmt)
				continue
			}
			s.num(9, r, c.OnTimeShare, "0.00%")
			s.num(10, r, float64(c.Late), xlIntFmt)
		}
	}
	// Column B holds the groups' hours and the channel names below them.
	names := groupFigureWidth
	for _, g := range v.Model.Groups {
		for _, c := range g.ByChannel {
			names = max(names, report.TextWidth(c.Channel))
		}
	}
	for _, c := range v.Model.Simulated {
		names = max(names, report.TextWidth(c.Channel))
	}
	s.widths[2] = min(s.widths[2], names)
	for col, w := range s.widths {
		if col >= 3 {
			s.widths[col] = min(w, groupFigureWidth)
		}
	}
	s.finish()
	for _, hr := range headerRows {
		b.fail(b.f.SetRowHeight(s.name, hr, 30))
	}
	s.printSetup(true, "", "")
}
