package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/term"
)

// PrintSummary prints the plan for the terminal. On a terminal: the title,
// season and headline totals, one row per day (contacts, peak required,
// the peak on the queue and the roster's agents then, the shortfall in
// agent-hours, short intervals, expected service level) and sparklines of
// contacts and shortfall per day. When stdout is not a terminal only the daily table is printed, as
// tab-separated values with ISO dates and unformatted numbers. Warnings go
// to stderr either way.
func PrintSummary(ios *iostreams.IOStreams, m *Model) error {
	v, err := NewView(m)
	if err != nil {
		return err
	}
	for _, w := range m.Warnings {
		term.Warnf(ios.ErrOut, "%s", CleanText(w))
	}
	L := func(k string) string { return T(v.Lang, k) }
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
			CleanText(m.Title),
			L("season") + colon + v.SeasonText() + " · " + L("generated") + colon + FmtDateTime(v.Lang, m.Generated.In(v.Loc)),
		}
		var heads []string
		for _, h := range v.Headlines() {
			heads = append(heads, L(h.Key)+" "+h.Text())
		}
		lines = append(lines, strings.Join(heads, " · "))
		if len(tot.ServiceLevel) > 0 {
			var parts []string
			for _, ch := range SortedKeys(tot.ServiceLevel) {
				parts = append(parts, CleanText(ch)+" "+FmtPct(tot.ServiceLevel[ch]))
			}
			lines = append(lines, L("expected_sl")+colon+strings.Join(parts, " · "))
		}
		if tiers := HireTiers(tot.Hires, tot.HireBy); len(tiers) > 0 {
			var parts []string
			for _, t := range tiers {
				p := TierLabel(v.Lang, CleanText(t)) + " " + strconv.Itoa(tot.Hires[t])
				if by, ok := tot.HireBy[t]; ok && !by.IsZero() {
					p += lp + L("hire_by") + " " + FmtDay(v.Lang, by.In(v.Loc)) + rp
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
				sl = FmtPct(*d.ServiceLevel)
			} else {
				sl = strconv.FormatFloat(*d.ServiceLevel, 'f', 4, 64)
			}
			slSum += *d.ServiceLevel * d.Contacts
			slW += d.Contacts
		}
		if tty {
			tbl.Row(FmtDay(v.Lang, d.Date), FmtNum(d.Contacts, 0), FmtNum(d.PeakRequired, 0), FmtNum(d.PeakOnQueue, 0), FmtNum(d.OnQueueAtPeak, 0),
				FmtNum(d.Shortfall, 1), d.ShortIntervals, sl)
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
			sl = FmtPct(slSum / slW)
		}
		tbl.Footer(L("total"), FmtNum(sumC, 0), FmtNum(peak, 0), FmtNum(peakQ, 0), "", FmtNum(total, 1), short, sl)
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	if tty && len(days) > 1 {
		w := max(TextWidth(L("sparkline.contacts")), TextWidth(L("sparkline.gap")))
		pad := func(s string) string { return s + strings.Repeat(" ", w-TextWidth(s)) }
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
	if !Finite(v) {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*math.Pow10(dec))/math.Pow10(dec), 'f', -1, 64)
}

// finiteOnly replaces NaN and infinities by 0: Sparkline indexes by value.
func finiteOnly(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		if Finite(v) && math.Abs(v) < 1e300 {
			out[i] = v
		}
	}
	return out
}
