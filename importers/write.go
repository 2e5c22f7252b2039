package importers

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"iter"
	"strconv"
	"time"

	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// WriteCSV writes contacts (Set.All, or Contacts of a slice) as the
// normalized contacts file (ContactColumns), times in RFC 3339 with their
// offset, one contact at a time. peakstaff reads it back as format
// "peakstaff". Text cells go through textsafe.Cell, so no spreadsheet
// runs them as formulas; the reader takes the apostrophe off again
// (textsafe.Uncell).
func WriteCSV(w io.Writer, contacts iter.Seq[*Contact]) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(ContactColumns); err != nil {
		return err
	}
	rec := make([]string, len(ContactColumns))
	for c := range contacts {
		rec[0] = textsafe.Cell(c.ID)
		rec[1] = c.Source.File
		rec[2] = strconv.Itoa(c.Source.Line)
		rec[3] = formatTime(c.Created)
		rec[4] = strconv.FormatBool(c.CreatedDateOnly)
		rec[5] = formatTime(c.FirstResponse)
		rec[6] = formatTime(c.Resolved)
		rec[7] = string(c.Channel)
		rec[8] = textsafe.Cell(c.IssueType)
		rec[9] = textsafe.Cell(c.Status)
		rec[10] = textsafe.Cell(c.Priority)
		rec[11] = textsafe.Cell(c.Agent)
		rec[12] = textsafe.Cell(c.Group)
		rec[13] = ""
		if c.HandleKnown {
			rec[13] = strconv.FormatFloat(c.HandleSeconds, 'f', -1, 64)
		}
		rec[14] = strconv.Itoa(c.Count)
		rec[15] = strconv.FormatBool(c.Outbound)
		rec[16] = c.Family
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// ContactJSON is the JSON form of a contact (one object per line in .jsonl).
type ContactJSON struct {
	ID              string   `json:"id,omitempty"`
	SourceFile      string   `json:"source_file"`
	SourceLine      int      `json:"source_line"`
	Created         string   `json:"created"`
	CreatedDateOnly bool     `json:"created_date_only,omitempty"`
	FirstResponse   string   `json:"first_response,omitempty"`
	Resolved        string   `json:"resolved,omitempty"`
	Channel         string   `json:"channel"`
	IssueType       string   `json:"issue_type"`
	Status          string   `json:"status,omitempty"`
	Priority        string   `json:"priority,omitempty"`
	Agent           string   `json:"agent,omitempty"`
	Group           string   `json:"group,omitempty"`
	HandleSeconds   *float64 `json:"handle_seconds,omitempty"`
	Count           int      `json:"count"`
	Outbound        bool     `json:"outbound,omitempty"`
	Family          string   `json:"family,omitempty"`
}

// WriteJSONL writes one JSON object per contact and line.
func WriteJSONL(w io.Writer, contacts iter.Seq[*Contact]) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for c := range contacts {
		j := ContactJSON{
			ID: c.ID, SourceFile: c.Source.File, SourceLine: c.Source.Line,
			Created: formatTime(c.Created), CreatedDateOnly: c.CreatedDateOnly,
			FirstResponse: formatTime(c.FirstResponse), Resolved: formatTime(c.Resolved),
			Channel: string(c.Channel), IssueType: c.IssueType, Status: c.Status, Priority: c.Priority,
			Agent: c.Agent, Group: c.Group, Count: c.Count, Outbound: c.Outbound, Family: c.Family,
		}
		if c.HandleKnown {
			h := c.HandleSeconds
			j.HandleSeconds = &h
		}
		if err := enc.Encode(&j); err != nil {
			return err
		}
	}
	return bw.Flush()
}
