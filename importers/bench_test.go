package importers

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchRows is the size of the import benchmark file (issue: 1,000,000
// rows); PEAKSTAFF_BENCH_ROWS makes it smaller for a quick look.
func benchRows() int {
	if v, err := strconv.Atoi(os.Getenv("PEAKSTAFF_BENCH_ROWS")); err == nil && v > 0 {
		return v
	}
	return 1_000_000
}

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// zendeskBenchFile writes a Zendesk-legacy-style CSV with benchRows rows
// (the columns of a real export, 5% of tickets repeated as in overlapping
// exports) once per test binary.
func zendeskBenchFile(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "peakstaff-bench")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "zendesk_1m.csv")
		benchErr = writeZendeskCSV(benchPath, benchRows(), 1)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// writeZendeskCSV writes a Zendesk legacy ticket export of n rows (the
// columns of a real export, 5% of the tickets repeated as in overlapping
// exports), the same bytes for the same seed.
func writeZendeskCSV(path string, n int, seed uint64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(bufio.NewWriterSize(f, 1<<20))
	w.Write([]string{"Id", "Requester", "Requester id", "Requester email", "Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via", "Ticket type", "Created at", "Updated at", "Assigned at", "Solved at", "Replies", "First reply time in minutes", "Full resolution time in minutes", "Agent wait time in minutes", "Requester wait time in minutes", "On hold time in minutes", "Contact reason [list]", "Total time spent (sec) [int]"})
	rng := rand.New(rand.NewPCG(seed, 2))
	vias := []string{"Mail", "Web form", "Chat", "Native Messaging", "Voice", "Facebook"}
	reasons := []string{"Order status", "Shipping", "Returns", "Payment", "Product question", "Gift card", "Account", "-"}
	agents := []string{"Ana Ruiz", "Bo Chen", "Cy Okafor", "Di Novak", "Eli Park", "Fay Laine"}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	id := 100000
	for i := 0; i < n; i++ {
		if rng.IntN(20) != 0 || i == 0 {
			id++
		}
		created := start.Add(time.Duration(id-100000) * 63 * time.Second)
		solved := created.Add(time.Duration(rng.IntN(72*3600)) * time.Second)
		w.Write([]string{
			strconv.Itoa(id), "Customer " + strconv.Itoa(id%9973), strconv.Itoa(id * 7), fmt.Sprintf("c%d@example.com", id%9973), "Customer", agents[rng.IntN(len(agents))], "Tier 1",
			"Question about my order #" + strconv.Itoa(id), "vip order_status", "solved", "normal", vias[rng.IntN(len(vias))], "question",
			created.Format("2006-01-02 15:04:05"), solved.Format("2006-01-02 15:04:05"), created.Add(5 * time.Minute).Format("2006-01-02 15:04:05"), solved.Format("2006-01-02 15:04:05"),
			strconv.Itoa(rng.IntN(5)), strconv.Itoa(rng.IntN(600)), strconv.Itoa(rng.IntN(4000)), strconv.Itoa(rng.IntN(100)), strconv.Itoa(rng.IntN(100)), "0",
			reasons[rng.IntN(len(reasons))], strconv.Itoa(60 + rng.IntN(900)),
		})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

// BenchmarkImportZendesk1M imports the 1M-row file through the whole
// engine (detection, parsing, dedupe). Reports rows/s and the peak heap.
//
// The CLI runs with a soft memory limit of 360 MB (root.SoftMemoryLimit);
// the benchmark sets the same, so heap-MB is what a user's import peaks at.
func BenchmarkImportZendesk1M(b *testing.B) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(360 << 20))
	path := zendeskBenchFile(b)
	n := benchRows()
	b.ResetTimer()
	var peak uint64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		set, err := ImportFiles([]FileSpec{{Path: path}}, Options{Location: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapSys > peak {
			peak = ms.HeapSys
		}
		if set.Files[0].Rows != n || set.Files[0].Rejected != 0 {
			b.Fatalf("rows %d rejected %d", set.Files[0].Rows, set.Files[0].Rejected)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MB")
}

// BenchmarkEncodingCSV1M reads the same file with encoding/csv alone: the
// floor the importer is compared with (goal: within 2x).
func BenchmarkEncodingCSV1M(b *testing.B) {
	path := zendeskBenchFile(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
		r.ReuseRecord = true
		rows := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		f.Close()
	}
	b.ReportMetric(float64(benchRows())*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}
