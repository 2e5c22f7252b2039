// Package term draws what commands print on a terminal: tables
// (tablewriter on a terminal, tab-separated values in a pipe), JSON, sparklines
// and warning lines.
package term

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// PrintJSON writes v as indented JSON followed by a newline.
func PrintJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	var uv *json.UnsupportedValueError
	if errors.As(err, &uv) {
		// a NaN or an infinity: a figure the command should have made null
		return fmt.Errorf("a figure is not a number (%s): nothing printed; please report it with the command line", uv.Str)
	}
	return err
}

// Table prints rows as an aligned table on a terminal and as tab-separated
// values (header first) when stdout is a pipe, so scripts get stable data.
type Table struct {
	ios    *iostreams.IOStreams
	title  string
	header []string
	rows   [][]string
	footer []string
}

// NewTable starts a table with the given column headers.
func NewTable(ios *iostreams.IOStreams, header ...string) *Table {
	return &Table{ios: ios, header: header}
}

// Title sets a line printed above the table on a terminal (omitted in TSV).
func (t *Table) Title(s string) *Table { t.title = s; return t }

// Row appends one row; values are formatted with fmt.Sprint.
func (t *Table) Row(values ...any) {
	r := make([]string, len(values))
	for i, v := range values {
		r[i] = fmt.Sprint(v)
	}
	t.rows = append(t.rows, r)
}

// Footer sets a totals row (printed as the last row in TSV).
func (t *Table) Footer(values ...any) {
	t.footer = make([]string, len(values))
	for i, v := range values {
		t.footer[i] = fmt.Sprint(v)
	}
}

// Render writes the table.
func (t *Table) Render() error {
	w := t.ios.Out
	if !t.ios.IsStdoutTTY() {
		all := append([][]string{t.header}, t.rows...)
		if t.footer != nil {
			all = append(all, t.footer)
		}
		for _, r := range all {
			clean := make([]string, len(r))
			for i, f := range r {
				clean[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(f)
			}
			if _, err := fmt.Fprintln(w, strings.Join(clean, "\t")); err != nil {
				return err
			}
		}
		return nil
	}
	if t.title != "" {
		if _, err := fmt.Fprintln(w, t.title); err != nil {
			return err
		}
	}
	tbl := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignment(tw.AlignRight),
	)
	tbl.Header(t.header)
	for _, r := range t.rows {
		if err := tbl.Append(r); err != nil {
			return err
		}
	}
	if t.footer != nil {
		tbl.Footer(t.footer)
	}
	return tbl.Render()
}

// Sparkline draws values as a line of block characters, lowest to highest;
// empty input gives "".
func Sparkline(values []float64) string {
	const bars = "▁▂▃▄▅▆▇█"
	runes := []rune(bars)
	lo, hi := 0.0, 0.0
	for i, v := range values {
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
	}
	var b strings.Builder
	for _, v := range values {
		i := 0
		if hi > lo {
			i = int((v - lo) / (hi - lo) * float64(len(runes)-1))
		}
		b.WriteRune(runes[i])
	}
	return b.String()
}

// Warnf prints a warning line to stderr.
func Warnf(w io.Writer, format string, a ...any) {
	fmt.Fprintf(w, "warning: "+format+"\n", a...)
}
