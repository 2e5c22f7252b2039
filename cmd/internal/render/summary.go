// Package render draws the plan's report model for the terminal: the
// daily summary as a table on a terminal and tab-separated values in a
// pipe. The files (workbook, HTML, calendars) are written by report's
// writers; this is the command line's view of the same model.
package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/report"
)

// PrintSummary prints the plan for the terminal. On a terminal: the title,
// season and headline totals, one row per day (contacts, peak required,
// the peak on the queue and the roster's agents then, the shortfall in
// agent-hours, short intervals, expected service level) and sparklines of
// contacts and shortfall per day. When stdout is not a terminal only the daily table is printed, as
// tab-separated values with ISO dates and unformatted numbers. Warnings go
// to stderr either way.
func PrintSummary(ios *iostreams.IOStreams, m *report.Model) error {
	v, err := report.NewView(m)
	if err != nil {
		return err
	}
	for _, w := range m.Warnings {
		term.Warnf(ios.ErrOut, "%s", report.CleanText(w))
	}
	L := func(k string) string { return report.T(v.Lang, k) }
	days := v.Daily()
	tty := ios.IsStdoutTTY()
	out := ios.Out
	if tty {
		tot := m.Totals
		colon, lp, rp := ": ", " (", ")"
		if v.Lang == "zh" {
			colon, lp, rp = "：", "（", "）"
		}
		lines := []string{
			report.CleanText(m.Title),
			L("season") + colon + v.SeasonText() + " · " + L("generated") + colon + report.FmtDateTime(v.Lang, m.Generated.In(v.Loc)),
		}
		var heads []string
		for _, h := range v.Headlines() {
			heads = append(heads, L(h.Key)+" "+h.Text())
		}
		lines = append(lines, strings.Join(heads, " · "))
		if len(tot.ServiceLevel) > 0 {
			var parts []string
			for _, ch := range report.SortedKeys(tot.ServiceLevel) {
				parts = append(parts, report.CleanText(ch)+" "+report.FmtPct(tot.ServiceLevel[ch]))
			}
			lines = append(lines, L("expected_sl")+colon+strings.Join(parts, " · "))
		}
		if tiers := report.HireTiers(tot.Hires, tot.HireBy); len(tiers) > 0 {
			var parts []string
			for _, t := range tiers {
				p := report.TierLabel(v.Lang, report.CleanText(t)) + " " + strconv.Itoa(tot.Hires[t])
				if by, ok := tot.HireBy[t]; ok && !by.IsZero() {
					p += lp + L("hire_by") + " " + report.FmtDay(v.Lang, by.In(v.Loc)) + rp
				}
				parts = append(parts, p)
			}
			lines = append(lines, L("hires")+colon+strings.Join(parts, " · "))
		}
		for _, l := range lines {
			if _, err := fmt.Fprintln(out, l); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintln(out); err != nil {
			return err
		}
	}
	tbl := term.NewTable(ios, L("date"), L("contacts"), L("peak_required"), L("peak_on_queue"), L("on_queue_at_peak"), L("shortfall"), L("short_intervals"), L("expected_sl"))
	var contacts, gaps []float64
	var sumC, slSum, slW, peak, peakQ, total float64
	short := 0
	for _, d := range days {
		sl := "–"
		if !tty {
			sl = ""
		}
		if d.ServiceLevel != nil {
			if tty {
				sl = report.FmtPct(*d.ServiceLevel)
			} else {
				sl = strconv.FormatFloat(*d.ServiceLevel, 'f', 4, 64)
			}
			slSum += *d.ServiceLevel * d.Contacts
			slW += d.Contacts
		}
		if tty {
			tbl.Row(report.FmtDay(v.Lang, d.Date), report.FmtNum(d.Contacts, 0), report.FmtNum(d.PeakRequired, 0), report.FmtNum(d.PeakOnQueue, 0), report.FmtNum(d.OnQueueAtPeak, 0),
				report.FmtNum(d.Shortfall, 1), d.ShortIntervals, sl)
		} else {
			tbl.Row(d.Date.Format("2006-01-02"), plain(d.Contacts, 1), plain(d.PeakRequired, 2), plain(d.PeakOnQueue, 2), plain(d.OnQueueAtPeak, 2),
				plain(d.Shortfall, 2), d.ShortIntervals, sl)
		}
		contacts = append(contacts, d.Contacts)
		gaps = append(gaps, d.Shortfall)
		sumC += d.Contacts
		peak = math.Max(peak, d.PeakRequired)
		peakQ = math.Max(peakQ, d.PeakOnQueue)
		total += d.Shortfall
		short += d.ShortIntervals
	}
	if tty {
		sl := "–"
		if slW > 0 {
			sl = report.FmtPct(slSum / slW)
		}
		tbl.Footer(L("total"), report.FmtNum(sumC, 0), report.FmtNum(peak, 0), report.FmtNum(peakQ, 0), "", report.FmtNum(total, 1), short, sl)
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	if tty && len(days) > 1 {
		w := max(report.TextWidth(L("sparkline.contacts")), report.TextWidth(L("sparkline.gap")))
		pad := func(s string) string { return s + strings.Repeat(" ", w-report.TextWidth(s)) }
		if _, err := fmt.Fprintf(out, "\n%s  %s\n%s  %s\n", pad(L("sparkline.contacts")), term.Sparkline(finiteOnly(contacts)),
			pad(L("sparkline.gap")), term.Sparkline(finiteOnly(gaps))); err != nil {
			return err
		}
	}
	return nil
}

// plain formats a number for TSV: no thousands separators, trailing zeros
// dropped.
func plain(v float64, dec int) string {
	if !report.Finite(v) {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*math.Pow10(dec))/math.Pow10(dec), 'f', -1, 64)
}

// finiteOnly replaces NaN and infinities by 0: Sparkline indexes by value.
func finiteOnly(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		if report.Finite(v) && math.Abs(v) < 1e300 {
			out[i] = v
		}
	}
	return out
}
