package sample

import (
	"fmt"
	"io"
	"strconv"
	"time"
)

// File is one file of the sample: its name inside the output folder, the
// number of data rows it holds and a function that writes it. Write may be
// called any number of times and always writes the same bytes.
type File struct {
	Name string
	// Rows counts the records after the header (summary rows included) for
	// CSV files, the rules in types.yaml, and 0 for README.md.
	Rows  int
	Write func(io.Writer) error
}

// Export times: each vendor file is what was downloaded at that wall time
// (New York), so tickets still open then are open in the file.
const exportClock = 9 * hour

// Files generates the sample for opts and returns its files in a fixed
// order. Nothing touches the file system: the caller writes each file.
func Files(opts Options) ([]File, error) {
	w, err := newWorld(opts)
	if err != nil {
		return nil, err
	}
	return w.files(), nil
}

// fileSet is the generated content of the sample, shared by Files and the
// README's figures.
type fileSet struct {
	freshdesk, zendeskH1, zendeskH2 []ticket
	freshdeskAt, h1At, h2At         int64
	calls                           []call
}

// The Zendesk exports: H1 holds tickets created in the first half of the
// migration year, H2 those created from June 15 (overlapping H1 by 16 days).
func (w *world) fileSet() *fileSet {
	y := w.migration.year()
	july := dateOf(y, time.July, 1)
	overlapFrom := dateOf(y, time.June, 15)
	fs := &fileSet{
		freshdeskAt: wallOf(w.migration+1, exportClock+hour),
		h1At:        wallOf(july, exportClock),
		h2At:        wallOf(w.end+2, exportClock),
	}
	fs.freshdesk = w.tickets(w.start, w.migration, freshdeskFirstID)
	all := w.tickets(max(w.migration, w.start), w.end+1, zendeskFirstID)
	for _, t := range all {
		if t.c.day < july {
			fs.zendeskH1 = append(fs.zendeskH1, t)
		}
		if t.c.day >= overlapFrom {
			fs.zendeskH2 = append(fs.zendeskH2, t)
		}
	}
	fs.calls = w.calls()
	return fs
}

// First ticket ids of each helpdesk.
const (
	freshdeskFirstID = 10001
	zendeskFirstID   = 1001
)

// fileNames of the sample for its years; with the default options they are
// freshdesk_tickets_2024.csv, zendesk_tickets_2025H1.csv, ...
func (w *world) fileNames() (freshdesk, h1, h2, calls, chats, orders string) {
	y := w.migration.year()
	first := w.start.year()
	fd := strconv.Itoa(y - 1)
	if first < y-1 {
		fd = fmt.Sprintf("%d-%d", first, y-1)
	}
	return "freshdesk_tickets_" + fd + ".csv",
		fmt.Sprintf("zendesk_tickets_%dH1.csv", y),
		fmt.Sprintf("zendesk_tickets_%dH2.csv", y),
		"aircall_calls.csv",
		fmt.Sprintf("qianniu_chats_%d-%d.csv", first, w.end.year()),
		"orders_daily.csv"
}

func (w *world) files() []File {
	fs := w.fileSet()
	fd, h1, h2, calls, chats, orders := w.fileNames()
	return []File{
		{Name: fd, Rows: len(fs.freshdesk), Write: func(out io.Writer) error {
			return w.writeFreshdesk(out, fs.freshdesk, fs.freshdeskAt)
		}},
		{Name: h1, Rows: len(fs.zendeskH1), Write: func(out io.Writer) error {
			return w.writeZendesk(out, fs.zendeskH1, fs.h1At)
		}},
		{Name: h2, Rows: len(fs.zendeskH2), Write: func(out io.Writer) error {
			return w.writeZendesk(out, fs.zendeskH2, fs.h2At)
		}},
		{Name: calls, Rows: len(fs.calls), Write: func(out io.Writer) error {
			return w.writeAircall(out, fs.calls)
		}},
		{Name: chats, Rows: len(w.contacts[TmallChat]) + 2, Write: w.writeQianniu},
		{Name: orders, Rows: len(w.orders), Write: w.writeOrders},
		{Name: "types.yaml", Rows: len(typeRules), Write: writeTypes},
		{Name: "README.md", Write: func(out io.Writer) error { return w.writeReadme(out, fs) }},
	}
}

// writeOrders writes orders_daily.csv: date,orders,web_orders,tmall_orders.
func (w *world) writeOrders(out io.Writer) error {
	buf := []byte("date,orders,web_orders,tmall_orders\n")
	for _, o := range w.orders {
		buf = o.day.time().AppendFormat(buf, time.DateOnly)
		buf = fmt.Appendf(buf, ",%d,%d,%d\n", o.web+o.tmall, o.web, o.tmall)
	}
	_, err := out.Write(buf)
	return err
}
