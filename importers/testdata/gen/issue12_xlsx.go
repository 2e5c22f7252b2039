//go:build ignore

// Command issue12_xlsx writes the two workbook fixtures of issue 12:
//
//   - ../exports/servicenow_incidents.xlsx, a ServiceNow incident list
//     exported to Excel: columns named by label (Number, Opened, Channel),
//     dates as text cells as ServiceNow writes them, empty cells left out;
//   - ../exports/call_centre_calls.xlsx, a call-centre log in the shape of
//     a published call-centre workbook: the date a text cell, the time of
//     day and the talk duration as day fractions with the h:mm:ss number
//     format (21), the speed of answer in seconds, answered and resolved
//     as Y/N, unanswered calls without their durations.
//
// The values are invented; fixtures_test.go holds the expected contacts,
// counted by hand from the tables below.
//
// Run from the repository root:
//
//	go run importers/testdata/gen/issue12_xlsx.go
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/xuri/excelize/v2"
)

func main() {
	serviceNow()
	callCentre()
}

func save(f *excelize.File, path string) {
	if err := f.SaveAs(path); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", path)
}

func setRow(f *excelize.File, sheet string, row int, values []any) {
	for i, v := range values {
		if v == nil || v == "" {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(i+1, row)
		if err != nil {
			log.Fatal(err)
		}
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			log.Fatal(err)
		}
	}
}

func serviceNow() {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Page 1"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		log.Fatal(err)
	}
	rows := [][]any{
		{"Number", "Opened", "Short description", "Caller", "Priority", "State", "Category", "Assignment group", "Assigned to", "Updated", "Resolved", "Closed", "Channel"},
		{"INC0020101", "2025-11-27 21:10:00", "Coupon not applied", "Gus Ode", "4 - Low", "Closed", "Payment", "Customer Care", "Marta Ruiz", "2025-11-28 09:00:00", "2025-11-27 22:00:00", "2025-11-28 09:00:00", "Phone"},
		{"INC0020102", "2025-11-28 00:00:42", "Order stuck in processing", "Hana Ito", "2 - High", "Resolved", "Shipping", "Customer Care", "Jonas Berg", "2025-11-28 02:15:00", "2025-11-28 02:15:00", "", "Email"},
		{"INC0020103", "2025-11-28 00:05:10", "Gift card balance wrong", "Ivo Mar", "3 - Moderate", "In Progress", "Gift card", "Payments", "Lea Novak", "2025-11-28 00:40:00", "", "", "Self-service"},
		{"INC0020104", "2025-11-28 09:31:00", "Wrong size delivered", "Jo Kim", "4 - Low", "New", "Returns", "Customer Care", "", "2025-11-28 09:31:00", "", "", "Chat"},
	}
	for i, r := range rows {
		setRow(f, sheet, i+1, r)
	}
	save(f, "importers/testdata/exports/servicenow_incidents.xlsx")
}

// call is one row of the call-centre log; the time and talk duration are
// written as day fractions.
type call struct {
	id, agent, date, clock, topic, answered, resolved string
	speedSeconds                                      int    // 0 and unanswered: empty
	talk                                              string // h:mm:ss, "" when unanswered
	rating                                            int    // 0: empty
}

var calls = []call{
	{"ID0001", "Diane", "2021-01-01", "9:12:58", "Contract related", "Y", "Y", 109, "0:02:23", 3},
	{"ID0002", "Becky", "2021-01-01", "9:12:58", "Technical Support", "Y", "N", 70, "0:04:02", 3},
	{"ID0003", "Stewart", "2021-01-01", "9:47:31", "Payment related", "Y", "Y", 10, "0:02:11", 3},
	{"ID0004", "Greg", "2021-01-01", "9:47:31", "Contract related", "Y", "Y", 53, "0:00:37", 2},
	{"ID0005", "Becky", "2021-01-01", "10:00:29", "Payment related", "Y", "Y", 95, "0:01:00", 3},
	{"ID0006", "Stewart", "2021-01-01", "10:00:29", "Contract related", "N", "N", 0, "", 0},
	{"ID0007", "Jim", "2021-01-02", "10:16:46", "Admin Support", "Y", "Y", 24, "0:03:21", 5},
	{"ID0008", "Diane", "2021-01-02", "10:16:46", "Streaming", "Y", "Y", 98, "0:05:44", 4},
	{"ID0009", "Martha", "2021-01-02", "10:16:46", "Technical Support", "N", "N", 0, "", 0},
	{"ID0010", "Joe", "2021-01-02", "13:06:19", "Streaming", "Y", "Y", 37, "0:06:26", 1},
}

// fraction is h:mm:ss as a fraction of a day.
func fraction(hms string) float64 {
	var h, m, s int
	if _, err := fmt.Sscanf(strings.TrimSpace(hms), "%d:%d:%d", &h, &m, &s); err != nil {
		log.Fatal(hms, err)
	}
	return float64(h*3600+m*60+s) / 86400
}

func callCentre() {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Call data"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		log.Fatal(err)
	}
	clock, err := f.NewStyle(&excelize.Style{NumFmt: 21}) // h:mm:ss
	if err != nil {
		log.Fatal(err)
	}
	setRow(f, sheet, 1, []any{"Call Id", "Agent", "Date", "Time", "Topic", "Answered (Y/N)", "Resolved", "Speed of answer in seconds", "AvgTalkDuration", "Satisfaction rating"})
	for i, c := range calls {
		r := i + 2
		v := []any{c.id, c.agent, c.date, fraction(c.clock), c.topic, c.answered, c.resolved, nil, nil, nil}
		if c.speedSeconds > 0 {
			v[7] = c.speedSeconds
		}
		if c.talk != "" {
			v[8] = fraction(c.talk)
		}
		if c.rating > 0 {
			v[9] = c.rating
		}
		setRow(f, sheet, r, v)
		for _, col := range []string{"D", "I"} {
			cell := fmt.Sprintf("%s%d", col, r)
			if err := f.SetCellStyle(sheet, cell, cell, clock); err != nil {
				log.Fatal(err)
			}
		}
	}
	save(f, "importers/testdata/exports/call_centre_calls.xlsx")
}
