package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const benchRows = 200_000

var (
	benchOnce sync.Once
	benchCSV  []byte
	benchGBK  []byte
	benchJSON []byte
)

// benchData builds a Zendesk-legacy-like export in memory: 25 columns,
// quoted subjects with commas, minimal quoting elsewhere.
func benchData(b *testing.B) {
	benchOnce.Do(func() {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write([]string{"Id", "Requester", "Requester id", "Requester email", "Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via", "Ticket type", "Created at", "Updated at", "Assigned at", "Solved at", "Replies", "First reply time in minutes", "Full resolution time in minutes", "Agent wait time in minutes", "Requester wait time in minutes", "On hold time in minutes", "Contact reason [list]", "Total time spent (sec) [int]"})
		vias := []string{"Mail", "Web form", "Chat", "Native Messaging"}
		var nd bytes.Buffer
		for i := range benchRows {
			id := strconv.Itoa(100000 + i)
			w.Write([]string{id, "Customer " + strconv.Itoa(i%9973), strconv.Itoa(i * 7), "c" + strconv.Itoa(i%9973) + "@example.com", "Customer", "Ana Ruiz", "Tier 1",
				"Question about my order #" + id + ", please help", "vip order_status", "solved", "normal", vias[i%len(vias)], "question",
				"2024-03-01 10:00:00", "2024-03-02 11:00:00", "2024-03-01 10:05:00", "2024-03-02 11:00:00",
				strconv.Itoa(i % 5), strconv.Itoa(i % 600), strconv.Itoa(i % 4000), "12", "30", "0", "Shipping", strconv.Itoa(60 + i%900)})
			if i < benchRows/10 {
				fmt.Fprintf(&nd, `{"id":%s,"via":{"channel":"%s"},"subject":"Question about order %s","tags":["vip","order_status"],"created_at":"2024-03-01T10:00:00Z","metric_set":{"reply_time_in_minutes":{"calendar":%d,"business":null}}}`+"\n", id, vias[i%len(vias)], id, i%600)
			}
		}
		w.Flush()
		benchCSV = buf.Bytes()
		benchJSON = nd.Bytes()
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.ReplaceAll(benchCSV, []byte("Customer"), []byte("客户")))
		if err != nil {
			panic(err)
		}
		benchGBK = gbk
	})
}

// readAll reads every row through the package and returns the count.
func readAll(b *testing.B, data []byte, name string) int {
	r, err := NewReader(bytes.NewReader(data), name, Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	r.Close()
	return n
}

func reportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCSV200k reads 200,000 UTF-8 rows through NewReader: sniffing,
// header detection, line numbers and blank-row checks included.
func BenchmarkCSV200k(b *testing.B) {
	benchData(b)
	b.SetBytes(int64(len(benchCSV)))
	for b.Loop() {
		if n := readAll(b, benchCSV, "bench.csv"); n != benchRows {
			b.Fatalf("%d rows", n)
		}
	}
	reportRows(b, benchRows)
}

// BenchmarkEncodingCSV200k is encoding/csv alone on the same bytes: the
// floor BenchmarkCSV200k is compared with.
func BenchmarkEncodingCSV200k(b *testing.B) {
	benchData(b)
	b.SetBytes(int64(len(benchCSV)))
	for b.Loop() {
		cr := csv.NewReader(bufio.NewReaderSize(bytes.NewReader(benchCSV), 64<<10))
		cr.ReuseRecord = true
		n := -1
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchRows {
			b.Fatalf("%d rows", n)
		}
	}
	reportRows(b, benchRows)
}

// BenchmarkCSVGBK200k is the same table GBK-encoded: detection plus a
// streaming GB18030 transform.
func BenchmarkCSVGBK200k(b *testing.B) {
	benchData(b)
	b.SetBytes(int64(len(benchGBK)))
	for b.Loop() {
		if n := readAll(b, benchGBK, "bench.csv"); n != benchRows {
			b.Fatalf("%d rows", n)
		}
	}
	reportRows(b, benchRows)
}

// BenchmarkNDJSON20k flattens 20,000 nested NDJSON tickets (two passes).
func BenchmarkNDJSON20k(b *testing.B) {
	benchData(b)
	b.SetBytes(int64(len(benchJSON)))
	for b.Loop() {
		if n := readAll(b, benchJSON, "bench.ndjson"); n != benchRows/10 {
			b.Fatalf("%d rows", n)
		}
	}
	reportRows(b, benchRows/10)
}

var (
	xlsxOnce  sync.Once
	benchXLSX []byte
)

// BenchmarkXLSX20k streams 20,000 rows of a 10-column sheet (shared
// strings, numbers and date serials) through excelize.
func BenchmarkXLSX20k(b *testing.B) {
	const rows = 20_000
	xlsxOnce.Do(func() {
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		sw.SetRow("A1", []any{"Ticket ID", "Created", "Channel", "Group", "Agent", "Status", "Priority", "Replies", "Handle (s)", "Subject"})
		for i := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			sw.SetRow(cell, []any{100000 + i, 45988.5 + float64(i)/100, "email", "Tier 1", "Ana Ruiz", "solved", "normal", i % 5, 60 + i%900, "Question about order " + strconv.Itoa(i)})
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			b.Fatal(err)
		}
		benchXLSX = buf.Bytes()
	})
	b.SetBytes(int64(len(benchXLSX)))
	for b.Loop() {
		if n := readAll(b, benchXLSX, "bench.xlsx"); n != rows {
			b.Fatalf("%d rows", n)
		}
	}
	reportRows(b, rows)
}
