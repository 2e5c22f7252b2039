package importers

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// zendeskParquet is the benchmark's Zendesk export as a warehouse holds
// it: the same header names, numbers and times typed.
type zendeskParquet struct {
	ID              int64     `parquet:"Id"`
	Requester       string    `parquet:"Requester"`
	RequesterID     int64     `parquet:"Requester id"`
	RequesterEmail  string    `parquet:"Requester email"`
	Submitter       string    `parquet:"Submitter"`
	Assignee        string    `parquet:"Assignee"`
	Group           string    `parquet:"Group"`
	Subject         string    `parquet:"Subject"`
	Tags            string    `parquet:"Tags"`
	Status          string    `parquet:"Status"`
	Priority        string    `parquet:"Priority"`
	Via             string    `parquet:"Via"`
	TicketType      string    `parquet:"Ticket type"`
	CreatedAt       time.Time `parquet:"Created at,timestamp(millisecond)"`
	UpdatedAt       time.Time `parquet:"Updated at,timestamp(millisecond)"`
	AssignedAt      time.Time `parquet:"Assigned at,timestamp(millisecond)"`
	SolvedAt        time.Time `parquet:"Solved at,timestamp(millisecond)"`
	Replies         int64     `parquet:"Replies"`
	FirstReply      int64     `parquet:"First reply time in minutes"`
	FullResolution  int64     `parquet:"Full resolution time in minutes"`
	AgentWait       int64     `parquet:"Agent wait time in minutes"`
	RequesterWait   int64     `parquet:"Requester wait time in minutes"`
	OnHold          int64     `parquet:"On hold time in minutes"`
	ContactReason   string    `parquet:"Contact reason [list]"`
	TotalTimeSpentS int64     `parquet:"Total time spent (sec) [int]"`
}

var benchParquet benchFile

// zendeskParquetFile converts the 1M-row benchmark CSV into Parquet once.
func zendeskParquetFile(b *testing.B) string {
	src := zendeskBenchFile(b)
	benchParquet.once.Do(func() {
		benchParquet.path = filepath.Join(benchDir, "zendesk_1m.parquet")
		benchParquet.err = csvToParquet(src, benchParquet.path)
	})
	if benchParquet.err != nil {
		b.Fatal(benchParquet.err)
	}
	return benchParquet.path
}

func csvToParquet(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	r := csv.NewReader(bufio.NewReaderSize(in, 1<<16))
	if _, err := r.Read(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	w := parquet.NewGenericWriter[zendeskParquet](bw)
	num := func(s string) int64 { v, _ := strconv.ParseInt(s, 10, 64); return v }
	at := func(s string) time.Time { t, _ := time.Parse(time.DateTime, s); return t }
	batch := make([]zendeskParquet, 0, 4096)
	for {
		rec, err := r.Read()
		if err != nil && err != io.EOF {
			return err
		}
		if err == nil {
			batch = append(batch, zendeskParquet{num(rec[0]), rec[1], num(rec[2]), rec[3], rec[4], rec[5], rec[6], rec[7], rec[8], rec[9], rec[10], rec[11], rec[12],
				at(rec[13]), at(rec[14]), at(rec[15]), at(rec[16]), num(rec[17]), num(rec[18]), num(rec[19]), num(rec[20]), num(rec[21]), num(rec[22]), rec[23], num(rec[24])})
		}
		if len(batch) == cap(batch) || (err == io.EOF && len(batch) > 0) {
			if _, werr := w.Write(batch); werr != nil {
				return werr
			}
			batch = batch[:0]
		}
		if err == io.EOF {
			break
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return out.Close()
}

// BenchmarkImportParquet1M imports the 1M-row export written as Parquet
// (goal: at least as fast as BenchmarkImportZendesk1M, the same rows as CSV).
func BenchmarkImportParquet1M(b *testing.B) {
	benchImport(b, zendeskParquetFile(b), benchRows())
}
