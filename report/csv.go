package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/schedule/roster"
)

// WriteRosterCSV writes the model's roster to path in the one roster
// layout (see WriteRoster), atomically, refusing to overwrite an input
// or, without force, an existing file.
func WriteRosterCSV(m *Model, path string, force bool, inputs []string) error {
	v, err := NewView(m)
	if err != nil {
		return err
	}
	return outfile.WriteFileAtomic(path, force, inputs, v.writeRosterCSV)
}

// WriteRoster writes a roster in the one layout of roster.csv, that of
// peakstaff plan and of peakstaff schedule --out: one row per shift
// (each block of a split shift a row of its own) and per reserve duty,
// agents in the given order and their shifts by start, with the columns
// agent_id, name, tier, team, date, start, end, hours (paid: unpaid breaks
// taken off; empty for a reserve duty, which is on call, not paid work, so
// the column sums to the scheduled agent-hours), breaks ("10:00-10:15
// paid; 13:00-13:30 unpaid"), lead and reserve (marks). Times are local "2006-01-02 15:04" in loc (UTC if nil),
// with the UTC offset in the hour a daylight-saving change repeats:
// "2026-11-01 01:30 (-04:00)". Headers are in lang ("en" if empty, or
// "zh"); a Chinese file starts with a UTF-8 byte-order mark so Excel reads
// it as UTF-8. Text that a spreadsheet could take for a formula gets a
// leading apostrophe (OWASP CSV injection).
func WriteRoster(w io.Writer, agents []Agent, lang string, loc *time.Location) error {
	v := &View{Model: &Model{Agents: agents}, Lang: lang, Loc: loc}
	if v.Lang == "" {
		v.Lang = "en"
	}
	if v.Loc == nil {
		v.Loc = time.UTC
	}
	v.Shifts = make([][]Shift, len(agents))
	for i, a := range agents {
		s := slices.Clone(a.Shifts)
		slices.SortStableFunc(s, func(a, b Shift) int { return a.Start.Compare(b.Start) })
		v.Shifts[i] = s
	}
	return v.writeRosterCSV(w)
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
				paidHours(s),
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

// paidHours is a row's Hours: the paid hours of a shift, and nothing for
// a reserve duty, which is on call, not paid work (its start and end give
// the duty; the season's scheduled agent-hours leave it out).
func paidHours(s Shift) string {
	if s.Reserve {
		return ""
	}
	return FmtFixed(s.Hours(), 2)
}

// safeCSV neutralises a field a spreadsheet would evaluate: one starting
// with = + - @, a tab or a carriage return gets a leading apostrophe, as
// the OWASP CSV-injection guidance recommends. It also drops characters
// that no text file should carry.
func safeCSV(s string) string { return textsafe.Cell(CleanText(s)) }

// RosterAgents puts a roster in the report's terms for WriteRoster: the
// model's agents in order (an empty tier is regular, the roster's
// default), each block of a shift a Shift of its own with the breaks
// inside it, marked lead for an agent who can lead, and each reserve duty
// a Shift marked reserve.
func RosterAgents(m *roster.Model, r *roster.Roster) []Agent {
	out := make([]Agent, len(m.Agents))
	at := map[string]int{}
	for i, a := range m.Agents {
		tier := a.Tier
		if tier == "" {
			tier = roster.TierRegular
		}
		out[i] = Agent{ID: a.ID, Name: a.Name, Tier: string(tier), Team: a.Team, Lead: a.CanLead}
		at[a.ID] = i
	}
	for _, sh := range r.Shifts {
		i, ok := at[sh.AgentID]
		if !ok {
			continue
		}
		for _, b := range sh.Blocks {
			s := Shift{Start: b.Start, End: b.End, Lead: out[i].Lead}
			for _, br := range sh.Breaks {
				if !br.Start.Before(b.Start) && !br.End.After(b.End) {
					s.Breaks = append(s.Breaks, Break{Start: br.Start, End: br.End, Paid: br.Paid})
				}
			}
			out[i].Shifts = append(out[i].Shifts, s)
		}
	}
	for _, d := range r.Reserve {
		if i, ok := at[d.AgentID]; ok {
			out[i].Reserve = true
			out[i].Shifts = append(out[i].Shifts, Shift{Start: d.Start, End: d.End, Reserve: true})
		}
	}
	return out
}
