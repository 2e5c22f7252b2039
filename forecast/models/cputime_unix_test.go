//go:build unix

package models

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the test process has used:
// a cost measure that a busy machine inflates less than wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
