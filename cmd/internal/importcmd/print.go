package importcmd

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/importers"
)

type fileJSON struct {
	Path             string         `json:"path"`
	Format           string         `json:"format"`
	Encoding         string         `json:"encoding,omitempty"`
	Rows             int            `json:"rows"`
	Contacts         int            `json:"contacts"`
	Duplicates       int            `json:"duplicates"`
	Rejected         int            `json:"rejected"`
	RejectedByReason map[string]int `json:"rejected_by_reason"`
	Skipped          map[string]int `json:"skipped"`
	FieldErrors      int            `json:"field_errors"`
	First            *time.Time     `json:"first"`
	Last             *time.Time     `json:"last"`
	Warnings         []string       `json:"warnings"`
	Errors           []errorJSON    `json:"errors"`
	// Map is the column map the file was read with, given or guessed
	// (format "guessed"), in the --map syntax.
	Map          string `json:"map,omitempty"`
	SwappedDates int    `json:"swapped_dates"`
}

type errorJSON struct {
	Line     int    `json:"line"`
	Column   string `json:"column,omitempty"`
	Field    string `json:"field,omitempty"`
	Rejected bool   `json:"rejected"`
	Error    string `json:"error"`
}

type summaryJSON struct {
	Files       []fileJSON     `json:"files"`
	Contacts    int            `json:"contacts"`
	Outbound    int            `json:"outbound"`
	First       *time.Time     `json:"first"`
	Last        *time.Time     `json:"last"`
	ByChannel   map[string]int `json:"by_channel"`
	ByIssueType map[string]int `json:"by_issue_type"`
	ByMonth     map[string]int `json:"by_month"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toJSON(set *importers.Set, sum importers.Summary) summaryJSON {
	out := summaryJSON{
		Contacts: sum.Contacts, Outbound: sum.Outbound, First: timePtr(sum.First), Last: timePtr(sum.Last),
		ByChannel: sum.ByChannel, ByIssueType: sum.ByIssueType, ByMonth: sum.ByMonth, Files: []fileJSON{},
	}
	for _, f := range set.Files {
		fj := fileJSON{
			Path: f.Path, Format: f.Format, Encoding: f.Encoding, Rows: f.Rows, Contacts: f.Contacts,
			Duplicates: f.Duplicates, Rejected: f.Rejected, RejectedByReason: f.RejectedByReason,
			Skipped: f.Skipped, FieldErrors: f.FieldErrors, First: timePtr(f.First), Last: timePtr(f.Last),
			Warnings: append([]string{}, f.Warnings...), Errors: []errorJSON{},
			Map: f.Map, SwappedDates: f.SwappedDates,
		}
		for i, e := range f.Errors {
			if i == cmdutil.ShownErrors {
				break
			}
			fj.Errors = append(fj.Errors, errorJSON{Line: e.Diag.Line, Column: e.ColumnLabel, Field: e.Diag.Field, Rejected: e.Rejected, Error: e.Diag.Err.Error()})
		}
		out.Files = append(out.Files, fj)
	}
	return out
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04 MST")
}

func sumMap(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func printSummary(ios *iostreams.IOStreams, set *importers.Set, sum importers.Summary) error {
	w := ios.Out
	files := term.NewTable(ios, "file", "format", "encoding", "rows", "contacts", "duplicates", "rejected", "skipped", "first", "last").Title("Files")
	for _, f := range set.Files {
		files.Row(f.Path, f.Format, f.Encoding, f.Rows, f.Contacts, f.Duplicates, f.Rejected, sumMap(f.Skipped), fmtTime(f.First), fmtTime(f.Last))
	}
	if err := files.Render(); err != nil {
		return err
	}

	// Reasons for rejected and skipped rows: nothing disappears uncounted.
	var reasons [][3]string
	for _, f := range set.Files {
		for _, k := range importers.SortedKeys(f.RejectedByReason) {
			reasons = append(reasons, [3]string{f.Path, "rejected: " + k, fmt.Sprint(f.RejectedByReason[k])})
		}
		for _, k := range importers.SortedKeys(f.Skipped) {
			reasons = append(reasons, [3]string{f.Path, "skipped: " + k, fmt.Sprint(f.Skipped[k])})
		}
		if f.FieldErrors > 0 {
			reasons = append(reasons, [3]string{f.Path, "values left empty", fmt.Sprint(f.FieldErrors)})
		}
	}
	if len(reasons) > 0 {
		fmt.Fprintln(w)
		t := term.NewTable(ios, "file", "rows", "count").Title("Rows not kept as they were")
		for _, r := range reasons {
			t.Row(r[0], r[1], r[2])
		}
		if err := t.Render(); err != nil {
			return err
		}
	}

	fmt.Fprintln(w)
	if ios.IsStdoutTTY() {
		fmt.Fprintf(w, "%d contacts from %s to %s", sum.Contacts, fmtTime(sum.First), fmtTime(sum.Last))
		if sum.Outbound > 0 {
			fmt.Fprintf(w, " (%d outbound, not demand)", sum.Outbound)
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w)
	}
	if err := countTable(ios, "By channel", "channel", sum.ByChannel, sum.Contacts, false); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := countTable(ios, "By issue type", "issue_type", sum.ByIssueType, sum.Contacts, false); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return countTable(ios, "By month", "month", sum.ByMonth, sum.Contacts, true)
}

// countTable prints counts with their share; months in calendar order with a bar.
func countTable(ios *iostreams.IOStreams, title, key string, m map[string]int, total int, chrono bool) error {
	keys := importers.SortedKeys(m)
	if chrono {
		sort.Strings(keys)
	}
	max := 0
	for _, v := range m {
		if v > max {
			max = v
		}
	}
	header := []string{key, "contacts", "share"}
	if chrono && ios.IsStdoutTTY() {
		header = append(header, "")
	}
	t := term.NewTable(ios, header...).Title(title)
	for _, k := range keys {
		share := fmt.Sprintf("%.1f%%", 100*float64(m[k])/float64(max1(total)))
		if chrono && ios.IsStdoutTTY() {
			t.Row(k, m[k], share, bar(m[k], max, 30))
		} else {
			t.Row(k, m[k], share)
		}
	}
	return t.Render()
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

func bar(v, max, width int) string {
	if max <= 0 {
		return ""
	}
	n := v * width / max
	if n == 0 && v > 0 {
		n = 1
	}
	return strings.Repeat("█", n)
}
