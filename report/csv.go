package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// WriteRosterCSV writes one row per shift: agent, day, start and end as
// local "2006-01-02 15:04" (with the UTC offset in the hour a
// daylight-saving change repeats: "2026-11-01 01:30 (-04:00)"), paid hours, breaks, lead and reserve marks.
// Headers are in the model's language; a Chinese file starts with a UTF-8
// byte-order mark so Excel reads it as UTF-8. Text that a spreadsheet could
// take for a formula gets a leading apostrophe (OWASP CSV injection).
func WriteRosterCSV(m *Model, path string, force bool, inputs []string) error {
	v, err := NewView(m)
	if err != nil {
		return err
	}
	return outfile.WriteFileAtomic(path, force, inputs, v.writeRosterCSV)
}

func (v *View) writeRosterCSV(w io.Writer) error {
	L := func(k string) string { return T(v.Lang, k) }
	bw := bufio.NewWriter(w)
	if v.Lang == "zh" {
		if _, err := bw.WriteString("\uFEFF"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(bw)
	header := []string{L("agent_id"), L("name"), L("tier"), L("team"), L("date"), L("start"), L("end"), L("hours"), L("breaks"), L("lead"), L("reserve")}
	if err := cw.Write(header); err != nil {
		return err
	}
	yes := func(b bool) string {
		if !b {
			return ""
		}
		if v.Lang == "zh" {
			return "是"
		}
		return "yes"
	}
	for ai, a := range v.Model.Agents {
		for _, s := range v.Shifts[ai] {
			var br []string
			for _, b := range s.Breaks {
				paid := L("unpaid")
				if b.Paid {
					paid = L("paid")
				}
				br = append(br, v.Clock(b.Start)+"-"+v.Clock(b.End)+" "+paid)
			}
			rec := []string{
				safeCSV(a.ID), safeCSV(a.Name), safeCSV(TierLabel(v.Lang, a.Tier)), safeCSV(a.Team),
				s.Start.In(v.Loc).Format("2006-01-02"),
				s.Start.In(v.Loc).Format("2006-01-02 15:04") + v.OffsetMark(s.Start),
				s.End.In(v.Loc).Format("2006-01-02 15:04") + v.OffsetMark(s.End),
				strconv.FormatFloat(s.Hours(), 'f', 2, 64),
				strings.Join(br, "; "),
				yes(s.Lead), yes(s.Reserve),
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// safeCSV neutralises a field a spreadsheet would evaluate: one starting
// with = + - @, a tab or a carriage return gets a leading apostrophe, as
// the OWASP CSV-injection guidance recommends. It also drops characters
// that no text file should carry.
func safeCSV(s string) string { return textsafe.Cell(CleanText(s)) }
