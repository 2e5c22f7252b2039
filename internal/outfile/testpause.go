package outfile

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Version is the program's version, for manifests; root sets it.
var Version = "dev"

// TestPause stops the process at a named point when the environment
// variable PEAKSTAFF_TEST_PAUSE names it, for the tests that kill a run
// there: it prints "paused at POINT" to stderr and sleeps a minute.
// Without the variable it does nothing.
func TestPause(point string) { TestPauseContext(context.Background(), point) }

// TestPauseContext is TestPause that also ends when ctx is cancelled (a
// test that sends SIGINT there).
func TestPauseContext(ctx context.Context, point string) {
	if want := os.Getenv("PEAKSTAFF_TEST_PAUSE"); want == "" || want != point {
		return
	}
	fmt.Fprintf(os.Stderr, "paused at %s\n", point)
	select {
	case <-ctx.Done():
	case <-time.After(time.Minute):
	}
}
