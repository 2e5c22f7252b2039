package table_test

import (
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/peakstaff/peakstaff/importers/table"
)

// A report with a title block, semicolons and a blank line: the header
// is found on line 4 and the rows keep their physical line numbers.
func ExampleNewReader() {
	data := "Tickets report\nGenerated 2025-12-01\n\nid;created;channel\n1;2025-11-28 09:00;email\n\n2;2025-11-28 09:05;chat\n"
	r, err := table.NewReader(strings.NewReader(data), "report.csv", table.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	fmt.Println(r.Header(), "on line", r.HeaderLine())
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("unreadable:", err)
			continue
		}
		fmt.Println(row.Line, row.Fields)
	}
	info := r.Info()
	fmt.Printf("%s, %s, %q, %d blank\n", info.Kind, info.Encoding, info.Delimiter, r.(interface{ Blank() int }).Blank())
	fmt.Println(info.Warnings)
	// Output:
	// [id created channel] on line 4
	// 5 [1 2025-11-28 09:00 email]
	// 7 [2 2025-11-28 09:05 chat]
	// csv, utf-8, ';', 1 blank
	// [skipped 3 title lines before the header on line 4]
}

// NDJSON records are flattened: nested keys with dots, arrays joined,
// numbers as written.
func ExampleNewReader_ndjson() {
	data := `{"id":1700000001,"via":{"channel":"email"},"tags":["vip","returns"]}` + "\n" +
		`{"id":1700000002,"via":{"channel":"chat"},"satisfaction":null}` + "\n"
	r, err := table.NewReader(strings.NewReader(data), "tickets.ndjson", table.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	fmt.Printf("%q\n", r.Header())
	for {
		row, err := r.Next()
		if err != nil {
			break
		}
		fmt.Printf("%d %q\n", row.Line, row.Fields)
	}
	// Output:
	// ["id" "via.channel" "tags" "satisfaction"]
	// 1 ["1700000001" "email" "vip, returns" ""]
	// 2 ["1700000002" "chat" "" ""]
}
