package importers

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers/table"
)

// The import benchmarks read a Zendesk legacy export of 1,000,000 rows
// (PEAKSTAFF_BENCH_ROWS makes it smaller for a quick look) and one of
// 10,000,000 rows, each written once per test binary to the temporary
// folder (290 MB and 2.9 GB) when a benchmark first needs it, and removed
// at the end. Each import benchmark has its paired floor on the same
// file: encoding/csv alone, and the table reader (sniffing, the caps on
// hostile files, blank-line accounting) without the importer.

func benchRows() int {
	if v, err := strconv.Atoi(os.Getenv("PEAKSTAFF_BENCH_ROWS")); err == nil && v > 0 {
		return v
	}
	return 1_000_000
}

// benchFile is one generated benchmark file.
type benchFile struct {
	once sync.Once
	path string
	err  error
}

var (
	benchDir          string
	bench1M, bench10M benchFile
)

func (f *benchFile) get(b *testing.B, name string, rows int) string {
	f.once.Do(func() {
		if benchDir == "" {
			if benchDir, f.err = os.MkdirTemp("", "peakstaff-bench"); f.err != nil {
				return
			}
		}
		f.path = filepath.Join(benchDir, name)
		f.err = writeZendeskCSV(f.path, rows, 1)
	})
	if f.err != nil {
		b.Fatal(f.err)
	}
	return f.path
}

func zendeskBenchFile(b *testing.B) string { return bench1M.get(b, "zendesk_1m.csv", benchRows()) }

func zendesk10MFile(b *testing.B) string { return bench10M.get(b, "zendesk_10m.csv", 10_000_000) }

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
// engine (detection, parsing, dedupe) as the CLI does (cliGC). Reports
// rows/s and peak-RSS-MB, the process's peak resident memory during the
// import (Linux's VmHWM, reset before each run).
func BenchmarkImportZendesk1M(b *testing.B) { benchImport(b, zendeskBenchFile(b), benchRows()) }

// BenchmarkImportZendesk10M imports the 10M-row file (goals: at most 10.5
// times the 1M import's time, peak memory under 1.5 GB).
func BenchmarkImportZendesk10M(b *testing.B) { benchImport(b, zendesk10MFile(b), 10_000_000) }

// BenchmarkEncodingCSV1M reads the 1M-row file with encoding/csv alone:
// the floor the importer is compared with (goal: within 2x).
func BenchmarkEncodingCSV1M(b *testing.B) { benchEncodingCSV(b, zendeskBenchFile(b), benchRows()) }

func BenchmarkEncodingCSV10M(b *testing.B) { benchEncodingCSV(b, zendesk10MFile(b), 10_000_000) }

// BenchmarkTableReader1M reads the 1M-row file with the table reader alone
// (what the importer reads through).
func BenchmarkTableReader1M(b *testing.B) { benchTableReader(b, zendeskBenchFile(b), benchRows()) }

func BenchmarkTableReader10M(b *testing.B) { benchTableReader(b, zendesk10MFile(b), 10_000_000) }

// cliGC sets the garbage collector as the CLI leaves it (root.Main: Go's
// defaults, GOGC 100 and no memory limit) and returns the function that
// restores the previous setting.
func cliGC() func() {
	limit := debug.SetMemoryLimit(math.MaxInt64)
	pct := debug.SetGCPercent(100)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(pct)
	}
}

func benchImport(b *testing.B, path string, n int) {
	defer cliGC()()
	var peak int64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		cpu0 := processCPU()
		b.StartTimer()
		set, err := ImportFiles([]FileSpec{{Path: path}}, Options{Location: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		cpu += processCPU() - cpu0
		peak = max(peak, peakRSS())
		if set.Files[0].Rows != n || set.Files[0].Rejected != 0 {
			b.Fatalf("rows %d rejected %d", set.Files[0].Rows, set.Files[0].Rejected)
		}
		runtime.KeepAlive(set)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	}
	if cpu > 0 {
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// processCPU is the process's user and system CPU time so far (Linux's
// /proc/self/stat, in clock ticks of 10 ms); 0 where /proc does not tell.
// On a machine other processes share, CPU time varies less than wall
// time.
func processCPU() time.Duration {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// the fields after the command name (in parentheses, which may hold spaces)
	i := strings.LastIndexByte(string(data), ')')
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func benchEncodingCSV(b *testing.B, path string, n int) {
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
		if rows != n+1 {
			b.Fatalf("%d records, want %d", rows, n+1)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func benchTableReader(b *testing.B, path string, n int) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := table.Open(path, table.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		r.Close()
		if rows != n {
			b.Fatalf("%d rows, want %d", rows, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// resetPeakRSS resets Linux's record of the process's peak resident
// memory (VmHWM) to the current resident memory.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's peak resident memory in bytes (VmHWM); 0 where
// /proc does not tell.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
