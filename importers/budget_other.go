//go:build !linux

package importers

// addressSpaceLimit is 0 (no limit known) where RLIMIT_AS is not read.
func addressSpaceLimit() uint64 { return 0 }

// addressSpaceUsed is 0 (not known).
func addressSpaceUsed() uint64 { return 0 }
