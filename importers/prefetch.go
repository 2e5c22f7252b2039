package importers

import (
	"io"
	"runtime"

	"github.com/peakstaff/peakstaff/importers/table"
)

// prefetchRows is the rows a batch of the prefetcher carries: enough that
// the hand-over costs nothing next to the rows, few enough to keep the
// batches in cache.
const prefetchRows = 512

// fetched is one result of Next: a row (its fields copied into the
// batch) or an unreadable record.
type fetched struct {
	line   int
	fields []string
	cells  []table.Cell // a typed reader's cells (table.Row.Cells)
	err    error
}

type rowBatch struct {
	items []fetched
	cells []string // the fields of the batch's rows
	typed []table.Cell
}

// prefetcher reads a table on its own goroutine, a batch ahead of the
// engine, so that on two cores reading (and its garbage) overlaps parsing
// and merging: the import's second core (issue 15). Rows and errors come
// in file order, as Next gives them. Fields are copied out of the reader
// (which reuses its slice); the strings themselves are the reader's.
type prefetcher struct {
	out  chan *rowBatch
	free chan *rowBatch
	stop chan struct{}
}

// usePrefetch reports whether prefetching pays: with one core the
// goroutine only adds the copying.
func usePrefetch() bool { return runtime.GOMAXPROCS(0) > 1 }

func newPrefetcher(r table.Reader) *prefetcher {
	p := &prefetcher{out: make(chan *rowBatch, 2), free: make(chan *rowBatch, 4), stop: make(chan struct{})}
	go p.run(r)
	return p
}

func (p *prefetcher) run(r table.Reader) {
	defer close(p.out)
	b := p.batch()
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		it := fetched{line: row.Line, err: err}
		if err == nil {
			n := len(b.cells)
			b.cells = append(b.cells, row.Fields...)
			it.fields = b.cells[n:len(b.cells):len(b.cells)]
			if row.Cells != nil {
				m := len(b.typed)
				b.typed = append(b.typed, row.Cells...)
				it.cells = b.typed[m:len(b.typed):len(b.typed)]
			}
		}
		b.items = append(b.items, it)
		if len(b.items) == prefetchRows {
			select {
			case p.out <- b:
			case <-p.stop:
				return
			}
			b = p.batch()
		}
	}
	if len(b.items) > 0 {
		select {
		case p.out <- b:
		case <-p.stop:
		}
	}
}

// batch is an empty batch, a recycled one when there is one.
func (p *prefetcher) batch() *rowBatch {
	select {
	case b := <-p.free:
		b.items, b.cells, b.typed = b.items[:0], b.cells[:0], b.typed[:0]
		return b
	default:
		return &rowBatch{items: make([]fetched, 0, prefetchRows)}
	}
}

// recycle hands a batch the engine is done with back to the reader.
func (p *prefetcher) recycle(b *rowBatch) {
	select {
	case p.free <- b:
	default:
	}
}

// close stops the reader goroutine and waits for it, so that the table
// can be closed; after io.EOF it returns at once.
func (p *prefetcher) close() {
	close(p.stop)
	for range p.out {
	}
}
