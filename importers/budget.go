package importers

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// FlagMaxContacts raises the memory budget; messages name it.
const FlagMaxContacts = "--max-contacts"

// ErrTooManyContacts is the cause of a read stopped by the memory budget:
// the history holds more contacts than the import may keep in memory.
var ErrTooManyContacts = fmt.Errorf("%w: more contacts than the memory budget holds", ErrInvalidData)

// Budget caps the contacts an import holds in memory, so that a history
// too big for the machine stops with a message (exit 3) instead of
// running the process out of memory. The contacts of every file of an
// import stay in memory until it ends (they are merged across files), at
// about addressBytesPerContact each.
type Budget struct {
	// MaxContacts is the most contacts the import may hold: 0 takes
	// DefaultMaxContacts (from the process's address-space limit), a
	// negative value means no cap.
	MaxContacts int
	// HeldContacts is how many contacts the import's earlier files hold
	// already (Set.Len), counted against MaxContacts.
	HeldContacts int
}

// The cost of a contact in address space, and what the process keeps
// for the stages after the import: measured under prlimit --as
// (BENCHMARKS.md, "Memory budget"). A contact takes 80 bytes in the
// store, its id a slot of the merge index or, for a string id, its bytes
// and a hash; a created and a resolved date whose day/month order the
// file has not settled yet wait beside it until the column decides
// (engine.go, pendingDate). The Go heap grows to about twice what is live
// before it collects and never gives address space back. Measured: 160
// bytes a contact with numeric ids, 320 with UUIDs, 610 with two
// ambiguous dates a row; the budget takes the worst with a margin.
const (
	addressBytesPerContact = 700
	// laterAddressBytes is kept for the stages after the import (the
	// forecast, the writers), the reading buffers (32 MiB), and one heap
	// arena (64 MiB): the runtime maps the heap in arenas of 64 MiB, and
	// now and then one costs twice that in address space (an unaligned
	// reservation: seen in /proc/self/maps as 60 MiB of PROT_NONE either
	// side of it), which a contact's share does not cover.
	laterAddressBytes = 96 << 20
	// minDefaultContacts is the least budget an address-space limit
	// gives: a limit this tight fails elsewhere first.
	minDefaultContacts = 10_000
)

// DefaultMaxContacts is the budget of an import when none is given: what
// the process's address-space limit (RLIMIT_AS, as set by ulimit -v or
// prlimit --as) leaves for contacts, or 0 (no cap) when the process has
// no such limit. The Go runtime reserves several hundred megabytes of
// address space for itself at the start (about 780 MB under a 1 GB
// limit, 1.3 GB under larger ones), so the budget is taken from what is
// left: the limit less the address space mapped when the process started
// (startAddressSpace; read later, it would depend on when the heap last
// grew).
func DefaultMaxContacts() int {
	defaultOnce.Do(func() {
		limit, used := addressSpaceLimit(), startAddressSpace
		defaultMax = contactsFor(limit, used)
		defaultWhy = fmt.Sprintf("what the process's address-space limit of %s (ulimit -v) leaves after the %s the Go runtime reserved", formatBytes(limit), formatBytes(used))
	})
	return defaultMax
}

var (
	// startAddressSpace is the address space mapped as the package is
	// initialised, before any import (read only under a limit).
	startAddressSpace = func() uint64 {
		if addressSpaceLimit() == 0 {
			return 0
		}
		return addressSpaceUsed()
	}()
	defaultOnce sync.Once
	defaultMax  int
	defaultWhy  string
)

// contactsFor is the budget an address-space limit of limit bytes gives
// when used bytes are mapped already (0 for no limit).
func contactsFor(limit, used uint64) int {
	if limit == 0 {
		return 0
	}
	if limit <= used+laterAddressBytes {
		return minDefaultContacts
	}
	return max(int(min((limit-used-laterAddressBytes)/addressBytesPerContact, 1<<40)), minDefaultContacts)
}

// budget is a Budget resolved to a number, with the words that say where
// it comes from.
type budget struct {
	max  int // 0: no cap
	held int
	why  string
}

func (b Budget) resolve() budget {
	switch {
	case b.MaxContacts < 0:
		return budget{}
	case b.MaxContacts > 0:
		return budget{max: b.MaxContacts, held: b.HeldContacts, why: FlagMaxContacts + " " + strconv.Itoa(b.MaxContacts)}
	}
	n := DefaultMaxContacts()
	if n == 0 {
		return budget{}
	}
	return budget{max: n, held: b.HeldContacts, why: defaultWhy}
}

// overBudget fails once the contacts held (earlier files' and this
// file's, up to the row at line) exceed the budget: the read stops there
// rather than go on with part of the history.
func (e *engine) overBudget(b budget, line int) error {
	read := e.res.records.len()
	if b.max == 0 || b.held+read <= b.max {
		return nil
	}
	held := ""
	if b.held > 0 {
		held = fmt.Sprintf(" (%s from this file, %s from the files before it)", group(read), group(b.held))
	}
	return diag.At(e.path, line, 0, "", fmt.Errorf("%w: stopped after %s contacts%s: the budget is %s contacts, %s; "+
		"%s raises it if the machine has the memory; a history this big is better aggregated in the warehouse first "+
		"(README, \"From your warehouse\")",
		ErrTooManyContacts, group(b.held+read), held, group(b.max), b.why, FlagMaxContacts))
}

// interrupted returns an error wrapping diag.ErrInterrupted once ctx is
// done (Ctrl-C, SIGTERM), nil before.
func (e *engine) interrupted(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: reading stopped at row %d: %w (%v)", e.path, e.res.Rows, diag.ErrInterrupted, err)
	}
	return nil
}

// group writes n with thousands separators: 12,345,678.
func group(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// formatBytes writes a byte count in GB or MB (decimal, as prlimit and
// ulimit take it).
func formatBytes(n uint64) string {
	if n >= 1e9 {
		return strconv.FormatFloat(float64(n)/1e9, 'f', -1, 64) + " GB"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 0, 64) + " MB"
}
