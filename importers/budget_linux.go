package importers

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"strconv"
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

// addressSpaceUsed is the address space the process has mapped now
// (VmSize in /proc/self/status), 0 when it cannot be read. Most of it,
// at the start, is what the Go runtime reserved for its own bookkeeping:
// several hundred megabytes, depending on the limit.
func addressSpaceUsed() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		if v, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			kb, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
