package importers

import (
	"math"
	"syscall"
)

// addressSpaceLimit is the soft RLIMIT_AS of the process in bytes, 0 when
// there is none.
func addressSpaceLimit() uint64 {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &l); err != nil {
		return 0
	}
	if l.Cur == math.MaxUint64 || l.Cur == 0 { // RLIM_INFINITY
		return 0
	}
	return l.Cur
}
