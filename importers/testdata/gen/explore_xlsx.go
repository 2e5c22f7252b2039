//go:build ignore

// Command explore_xlsx writes ../exports/zendesk_explore_weekly.xlsx, the
// fixture of a Zendesk Explore report downloaded as XLSX: a title block
// above the header, ticket ids and timestamps as numeric cells (Excel serial
// dates with a date-time number format, as Explore writes them), empty
// cells left out, a ticket repeated by a multi-value attribute and a Total
// row under the data. The values are invented; fixtures_test.go holds the
// expected contacts, counted by hand from the table below.
//
// Run from the repository root:
//
//	go run importers/testdata/gen/explore_xlsx.go
package main

import (
	"fmt"
	"log"
	"time"

	"github.com/xuri/excelize/v2"
)

const out = "importers/testdata/exports/zendesk_explore_weekly.xlsx"

// ticket is one report row. Times are wall times of the Explore account's
// zone (Australia/Sydney in the test); "" leaves the cell empty.
type ticket struct {
	id               int
	created, solved  string
	channel, reason  string
	status, assignee string
	handleSeconds    int // 0 leaves the cell empty
}

var rows = []ticket{
	{62001, "2025-11-24 08:05:00", "2025-11-24 09:30:00", "Email", "Order status", "Solved", "Marta Ruiz", 240},
	{62002, "2025-11-24 10:12:45", "", "Web form", "Returns", "Open", "", 0},
	{62003, "2025-11-25 13:00:00", "2025-11-25 13:22:30", "Chat", "Product question", "Solved", "Jonas Berg", 1350},
	{62004, "2025-11-26 19:45:10", "2025-11-27 08:00:00", "Phone call (inbound)", "Payment", "Solved", "Lea Novak", 610},
	{62005, "2025-11-28 00:00:30", "2025-11-28 00:25:00", "Chat", "Gift card", "Solved", "Jonas Berg", 480},
	{62005, "2025-11-28 00:00:30", "2025-11-28 00:25:00", "Chat", "Gift card", "Solved", "Jonas Berg", 480},
	{62006, "2025-11-28 07:30:00", "", "Email", "Shipping", "Pending", "Marta Ruiz", 0},
	{62007, "2025-11-29 11:11:11", "2025-11-29 12:00:00", "WhatsApp", "Returns", "Solved", "Lea Novak", 300},
	{62008, "2025-11-30 21:59:00", "", "Instagram DM", "", "New", "", 0},
}

// serial converts a wall time to an Excel serial date (days since
// 1899-12-30, the fraction being the time of day).
func serial(s string) float64 {
	t, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		log.Fatal(err)
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return t.Sub(epoch).Seconds() / 86400
}

func main() {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Weekly tickets"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		log.Fatal(err)
	}
	dateTime, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	if err != nil {
		log.Fatal(err)
	}
	custom := "yyyy-mm-dd hh:mm:ss"
	stamp, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	if err != nil {
		log.Fatal(err)
	}
	set := func(cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			log.Fatal(err)
		}
	}
	set("A1", "Support – Tickets created last week")
	set("A2", "Filters: Ticket created - Date is 2025-11-24 to 2025-11-30 · Time zone (GMT+11:00) Sydney")
	header := []any{"Ticket ID", "Ticket created - Timestamp", "Ticket solved - Timestamp", "Ticket channel", "Contact Reason", "Ticket status", "Assignee name", "Handling time (sec)", "Tickets"}
	if err := f.SetSheetRow(sheet, "A4", &header); err != nil {
		log.Fatal(err)
	}
	r := 5
	for _, t := range rows {
		cell := func(col string) string { return fmt.Sprintf("%s%d", col, r) }
		set(cell("A"), t.id)
		set(cell("B"), serial(t.created))
		f.SetCellStyle(sheet, cell("B"), cell("B"), stamp)
		if t.solved != "" {
			set(cell("C"), serial(t.solved))
			f.SetCellStyle(sheet, cell("C"), cell("C"), dateTime)
		}
		set(cell("D"), t.channel)
		if t.reason != "" {
			set(cell("E"), t.reason)
		}
		set(cell("F"), t.status)
		if t.assignee != "" {
			set(cell("G"), t.assignee)
		}
		if t.handleSeconds > 0 {
			set(cell("H"), t.handleSeconds)
		}
		set(cell("I"), 1)
		r++
	}
	set(fmt.Sprintf("A%d", r), "Total")
	set(fmt.Sprintf("I%d", r), len(rows))
	if err := f.SaveAs(out); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", out)
}
