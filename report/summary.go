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
	v, err := newView(m)
	if err != nil {
		return err
	}
	for _, w := range m.Warnings {
		term.Warnf(ios.ErrOut, "%s", cleanText(w))
	}
	L := func(k string) string { return T(v.lang, k) }
	days := v.daily()
	tty := ios.IsStdoutTTY()
	out := ios.Out
	if tty {
		tot := m.Totals
		colon, lp, rp := ": ", " (", ")"
		if v.lang == "zh" {
			colon, lp, rp = "：", "（", "）"
		}
		lines := []string{
			cleanText(m.Title),
			L("season") + colon + v.seasonText() + " · " + L("generated") + colon + fmtDateTime(v.lang, m.Generated.In(v.loc)),
		}
		var heads []string
		for _, h := range v.headlines() {
			heads = append(heads, L(h.key)+" "+h.text())
		}
		lines = append(lines, strings.Join(heads, " · "))
		if len(tot.ServiceLevel) > 0 {
			var parts []string
			for _, ch := range sortedKeys(tot.ServiceLevel) {
				parts = append(parts, cleanText(ch)+" "+fmtPct(tot.ServiceLevel[ch]))
			}
			lines = append(lines, L("expected_sl")+colon+strings.Join(parts, " · "))
		}
		if tiers := hireTiers(tot.Hires, tot.HireBy); len(tiers) > 0 {
			var parts []string
			for _, t := range tiers {
				p := tierLabel(v.lang, cleanText(t)) + " " + strconv.Itoa(tot.Hires[t])
				if by, ok := tot.HireBy[t]; ok && !by.IsZero() {
					p += lp + L("hire_by") + " " + fmtDay(v.lang, by.In(v.loc)) + rp
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
				sl = fmtPct(*d.ServiceLevel)
			} else {
				sl = strconv.FormatFloat(*d.ServiceLevel, 'f', 4, 64)
			}
			slSum += *d.ServiceLevel * d.Contacts
			slW += d.Contacts
		}
		if tty {
			tbl.Row(fmtDay(v.lang, d.Date), fmtNum(d.Contacts, 0), fmtNum(d.PeakRequired, 0), fmtNum(d.PeakOnQueue, 0), fmtNum(d.OnQueueAtPeak, 0),
				fmtNum(d.Shortfall, 1), d.ShortIntervals, sl)
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
			sl = fmtPct(slSum / slW)
		}
		tbl.Footer(L("total"), fmtNum(sumC, 0), fmtNum(peak, 0), fmtNum(peakQ, 0), "", fmtNum(total, 1), short, sl)
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	if tty && len(days) > 1 {
		w := max(textWidth(L("sparkline.contacts")), textWidth(L("sparkline.gap")))
		pad := func(s string) string { return s + strings.Repeat(" ", w-textWidth(s)) }
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
	if !finite(v) {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*math.Pow10(dec))/math.Pow10(dec), 'f', -1, 64)
}

// finiteOnly replaces NaN and infinities by 0: Sparkline indexes by value.
func finiteOnly(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		if finite(v) && math.Abs(v) < 1e300 {
			out[i] = v
		}
	}
	return out
}
