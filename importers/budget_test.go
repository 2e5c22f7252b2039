package importers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// zendeskRows is a Zendesk CSV export of n tickets with numeric ids.
func zendeskRows(n int) string {
	var b strings.Builder
	b.WriteString("Id,Requester,Via,Created at,Solved at\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d,c%d,Mail,2025-03-%02d 10:00:00,2025-03-%02d 12:00:00\n", 1000+i, i, 1+i%28, 1+i%28)
	}
	return b.String()
}

// bothReadPaths runs f with the rows read ahead on a goroutine of their
// own and in line (one core), the engine's two loops.
func bothReadPaths(t *testing.T, f func(t *testing.T)) {
	for _, procs := range []int{2, 1} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			f(t)
		})
	}
}

// TestBudgetStopsTheRead: a file with one contact more than the budget
// fails at that contact's line with exit 3 and a message that says how
// many were read, the budget, the flag that raises it and the warehouse;
// a file that fits reads whole.
func TestBudgetStopsTheRead(t *testing.T) {
	bothReadPaths(t, func(t *testing.T) {
		data := zendeskRows(2000)
		_, err := Read("t.csv", strings.NewReader(data), Options{Budget: Budget{MaxContacts: 1999}})
		if !errors.Is(err, ErrTooManyContacts) || diag.ExitCode(err) != diag.ExitInvalidData {
			t.Fatalf("err = %v (exit %d), want ErrTooManyContacts, exit 3", err, diag.ExitCode(err))
		}
		var pe *diag.Error
		if !errors.As(err, &pe) || pe.File != "t.csv" || pe.Line != 2001 {
			t.Errorf("err = %#v, want placed at t.csv:2001", err)
		}
		for _, want := range []string{"stopped after 2,000 contacts", "the budget is 1,999 contacts", FlagMaxContacts, "From your warehouse"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("the message lacks %q: %v", want, err)
			}
		}
		fr, err := Read("t.csv", strings.NewReader(data), Options{Budget: Budget{MaxContacts: 2000}})
		if err != nil || fr.records.len() != 2000 {
			t.Fatalf("at the budget: err %v, want 2000 contacts read", err)
		}
		if _, err := Read("t.csv", strings.NewReader(data), Options{Budget: Budget{MaxContacts: -1}}); err != nil {
			t.Fatalf("no cap: %v", err)
		}
	})
}

// TestBudgetSharedByFiles: the files of one import share the budget
// (Set.ReadExport counts what the set holds), and the message says how
// many contacts came from each side.
func TestBudgetSharedByFiles(t *testing.T) {
	set := NewSet()
	opts := Options{Budget: Budget{MaxContacts: 1500}}
	if _, err := set.ReadExport(context.Background(), FileSpec{Path: "-"}, strings.NewReader(zendeskRows(1000)), opts); err != nil {
		t.Fatal(err)
	}
	// the same tickets again and 600 more: the first 1000 rows merge
	// into the contacts held, but they are read before they merge
	_, err := set.ReadExport(context.Background(), FileSpec{Path: "-"}, strings.NewReader(zendeskRows(1600)), opts)
	if !errors.Is(err, ErrTooManyContacts) || !strings.Contains(err.Error(), "(501 from this file, 1,000 from the files before it)") {
		t.Fatalf("err = %v", err)
	}
	if set.Len() != 1000 || len(set.Files) != 1 {
		t.Errorf("the failed file changed the set: %d contacts, %d files", set.Len(), len(set.Files))
	}
}

func TestContactsFor(t *testing.T) {
	for _, tc := range []struct {
		limit, used uint64
		want        int
	}{
		{0, 780 << 20, 0}, // no limit, no cap
		// 1 GB less 780 MiB the runtime reserved less 96 MiB kept: 700 bytes each
		{1e9, 780 << 20, 116_353},
		{1e9, 1e9, minDefaultContacts}, // nothing left: the floor
		{8e9, 1300 << 20, 9_337_411},
	} {
		if got := contactsFor(tc.limit, tc.used); got != tc.want {
			t.Errorf("contactsFor(%d, %d) = %d, want %d", tc.limit, tc.used, got, tc.want)
		}
	}
}

// endless is a CSV export that never ends.
type endless struct {
	n   int
	buf []byte
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.buf) == 0 {
		if e.n == 0 {
			e.buf = []byte("Id,Requester,Via,Created at\n")
		}
		e.n++
		e.buf = fmt.Appendf(e.buf, "%d,c,Mail,2025-03-01 10:00:00\n", e.n)
	}
	n := copy(p, e.buf)
	e.buf = e.buf[n:]
	return n, nil
}

var _ io.Reader = (*endless)(nil)

// TestReadInterrupted: a cancelled context stops a read at once, and an
// endless one within a moment of the cancel, with the interrupted class
// (exit 130) and no result.
func TestReadInterrupted(t *testing.T) {
	bothReadPaths(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		fr, err := ReadContext(ctx, "t.csv", strings.NewReader(zendeskRows(3000)), Options{})
		if !errors.Is(err, diag.ErrInterrupted) || diag.ExitCode(err) != diag.ExitInterrupted || fr != nil {
			t.Fatalf("cancelled: %v (exit %d), result %v; want interrupted, exit 130, no result", err, diag.ExitCode(err), fr)
		}

		ctx, cancel = context.WithCancel(context.Background())
		timer := time.AfterFunc(100*time.Millisecond, cancel)
		defer timer.Stop()
		start := time.Now()
		done := make(chan error, 1)
		go func() {
			_, err := ReadContext(ctx, "endless.csv", &endless{}, Options{Budget: Budget{MaxContacts: -1}})
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, diag.ErrInterrupted) {
				t.Fatalf("endless: %v, want interrupted", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("stopped %s after the start", d)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("an endless read did not stop 20 s after its context was cancelled")
		}
	})
}
