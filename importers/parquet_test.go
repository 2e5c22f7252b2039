package importers

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// A warehouse's ticket table (the columns of Fivetran's Zendesk ticket
// table) written as Parquet by the test itself.
type warehouseTicket struct {
	ID            int64      `parquet:"id"`
	CreatedAt     *time.Time `parquet:"created_at,timestamp(microsecond),optional"`
	UpdatedAt     time.Time  `parquet:"updated_at,timestamp(millisecond)"`
	ViaChannel    string     `parquet:"via_channel"`
	Type          *string    `parquet:"type,optional"`
	Status        string     `parquet:"status"`
	Subject       string     `parquet:"subject"`
	Tags          []string   `parquet:"tags"`
	HandleSeconds *float64   `parquet:"handle_seconds,optional"`
}

// An aggregated series as the README's warehouse SQL writes it.
type warehouseInterval struct {
	IntervalStart time.Time `parquet:"interval_start,timestamp(millisecond)"`
	Channel       string    `parquet:"channel"`
	IssueType     string    `parquet:"issue_type"`
	Contacts      int64     `parquet:"contacts"`
	AHTSeconds    float64   `parquet:"aht_seconds"`
}

func writeParquet[T any](t testing.TB, path string, rows []T) {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeCSVFile(t testing.TB, path string, header []string, rows [][]string) {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func warehouseTickets(n int) []warehouseTicket {
	start := time.Date(2025, 11, 24, 8, 0, 0, 0, time.UTC)
	types := []string{"question", "incident", "problem"}
	vias := []string{"email", "web", "chat", "voice", "native_messaging"}
	var rows []warehouseTicket
	for i := 0; i < n; i++ {
		id := int64(5000 + i - i/10) // every tenth row repeats a ticket
		created := start.Add(time.Duration(id-5000) * 7 * time.Minute).Add(123456 * time.Microsecond)
		r := warehouseTicket{ID: id, CreatedAt: &created, UpdatedAt: created.Add(time.Duration(i) * time.Minute),
			ViaChannel: vias[i%len(vias)], Status: "solved", Subject: "Order " + strconv.Itoa(i), Tags: []string{"vip", "t" + strconv.Itoa(i%3)}}
		if i%4 != 0 {
			r.Type = &types[i%3]
		}
		if i%5 != 0 {
			h := float64(60 + i%300)
			r.HandleSeconds = &h
		}
		if i == 7 {
			r.CreatedAt = nil // rejected: no created time
		}
		rows = append(rows, r)
	}
	return rows
}

// ticketsCSV is the same table as a CSV export writes it.
func ticketsCSV(rows []warehouseTicket) (header []string, out [][]string) {
	header = []string{"id", "created_at", "updated_at", "via_channel", "type", "status", "subject", "tags", "handle_seconds"}
	for _, r := range rows {
		rec := []string{strconv.FormatInt(r.ID, 10), "", r.UpdatedAt.UTC().Format(time.RFC3339Nano), r.ViaChannel, "", r.Status, r.Subject, strings.Join(r.Tags, ","), ""}
		if r.CreatedAt != nil {
			rec[1] = r.CreatedAt.UTC().Format(time.RFC3339Nano)
		}
		if r.Type != nil {
			rec[4] = *r.Type
		}
		if r.HandleSeconds != nil {
			rec[8] = strconv.FormatFloat(*r.HandleSeconds, 'f', -1, 64)
		}
		out = append(out, rec)
	}
	return header, out
}

// sameImport checks that two files gave the same accounting and contacts
// (their source file names aside).
func sameImport(t *testing.T, pq, cv *Set) {
	t.Helper()
	a, b := pq.Files[0], cv.Files[0]
	if a.Rows != b.Rows || a.Kept != b.Kept || a.Duplicates != b.Duplicates || a.Rejected != b.Rejected || a.Contacts != b.Contacts || a.FieldErrors != b.FieldErrors {
		t.Fatalf("parquet rows %d kept %d dup %d rejected %d contacts %d field errors %d; csv %d %d %d %d %d %d",
			a.Rows, a.Kept, a.Duplicates, a.Rejected, a.Contacts, a.FieldErrors, b.Rows, b.Kept, b.Duplicates, b.Rejected, b.Contacts, b.FieldErrors)
	}
	for i := range a.Errors {
		if a.Errors[i].Diag.Line != b.Errors[i].Diag.Line || a.Errors[i].Diag.Field != b.Errors[i].Diag.Field || a.Errors[i].Reason() != b.Errors[i].Reason() {
			t.Errorf("error %d: parquet %v, csv %v", i, a.Errors[i], b.Errors[i])
		}
	}
	x, y := pq.Collect(), cv.Collect()
	if len(x) != len(y) {
		t.Fatalf("parquet %d contacts, csv %d", len(x), len(y))
	}
	for i := range x {
		x[i].Source.File, y[i].Source.File = "", ""
		if x[i] != y[i] {
			t.Fatalf("contact %d:\nparquet %+v\n    csv %+v", i, x[i], y[i])
		}
	}
}

// TestParquetTicketsLikeCSV: a ticket table read from Parquet gives the
// contacts, duplicates and rejections of the same table read from CSV,
// through the same column map.
func TestParquetTicketsLikeCSV(t *testing.T) {
	dir := t.TempDir()
	rows := warehouseTickets(200)
	pqPath, csvPath := filepath.Join(dir, "tickets.parquet"), filepath.Join(dir, "tickets.csv")
	writeParquet(t, pqPath, rows)
	header, recs := ticketsCSV(rows)
	writeCSVFile(t, csvPath, header, recs)
	spec, err := ParseMap("id=id,created=created_at,updated=updated_at,channel=via_channel,type=type,status=status,subject=subject,tags=tags,handle=handle_seconds")
	if err != nil {
		t.Fatal(err)
	}
	rules := &TypeRules{Rules: []TypeRule{{Type: "vip_incident", Values: []string{"incident"}}, {Type: "t1", Tags: []string{"t1"}}}}
	opts := Options{Location: time.UTC, Format: &MapFormat{Spec: spec}, Rules: rules}
	pq, err := ImportFiles([]FileSpec{{Path: pqPath}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	cv, err := ImportFiles([]FileSpec{{Path: csvPath}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	sameImport(t, pq, cv)
	rep := pq.Files[0]
	if rep.Rows != 200 || rep.Rejected != 1 || rep.Duplicates != 19 || rep.Errors[0].Diag.Line != 9 {
		t.Errorf("rows %d rejected %d duplicates %d, first error %v; want 200, 1, 19, line 9", rep.Rows, rep.Rejected, rep.Duplicates, rep.Errors[0])
	}
	c := pq.Contact(0)
	if !c.Created.Equal(time.Date(2025, 11, 24, 8, 0, 0, 123456000, time.UTC)) || c.IssueType != OtherType || c.Channel != ChannelEmail || c.HandleKnown {
		t.Errorf("first contact %+v", c)
	}
}

// TestParquetSeriesLikeCSV: an aggregated series from the warehouse is
// detected as a series in Parquet as in CSV, and gives the same records.
func TestParquetSeriesLikeCSV(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2025, 11, 28, 0, 0, 0, 0, time.UTC)
	var rows []warehouseInterval
	var recs [][]string
	for i := range 96 * 2 {
		for _, ch := range []string{"email", "chat"} {
			r := warehouseInterval{IntervalStart: start.Add(time.Duration(i) * 15 * time.Minute), Channel: ch, IssueType: "shipping", Contacts: int64(i % 17), AHTSeconds: 240.5}
			rows = append(rows, r)
			recs = append(recs, []string{r.IntervalStart.Format(time.RFC3339), r.Channel, r.IssueType, strconv.FormatInt(r.Contacts, 10), "240.5"})
		}
	}
	pqPath, csvPath := filepath.Join(dir, "series.parquet"), filepath.Join(dir, "series.csv")
	writeParquet(t, pqPath, rows)
	writeCSVFile(t, csvPath, []string{"interval_start", "channel", "issue_type", "contacts", "aht_seconds"}, recs)
	opts := Options{Location: time.UTC}
	pq, err := ImportFiles([]FileSpec{{Path: pqPath}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	cv, err := ImportFiles([]FileSpec{{Path: csvPath}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pq.Files[0].Format != "series" || cv.Files[0].Format != "series" {
		t.Fatalf("formats %s and %s, want series", pq.Files[0].Format, cv.Files[0].Format)
	}
	sameImport(t, pq, cv)
	want := 0
	for _, r := range rows {
		want += int(r.Contacts)
	}
	if sum := pq.Summarize(); sum.Contacts != want {
		t.Errorf("%d contacts, want %d", sum.Contacts, want)
	}
}
