package importers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Options control how files are read.
type Options struct {
	// Format forces a format; nil detects it from the header.
	Format Format
	// Location is the zone of timestamps without an offset (--tz) for
	// formats that have no zone of their own; nil means time.Local.
	Location *time.Location
	// FileLocation, when set, is the zone of this file whatever its format
	// says (FILE@ZONE on the command line).
	FileLocation *time.Location
	// Encoding, Delimiter and Sheet are passed to the table reader ("" / 0 = detect).
	Encoding  string
	Delimiter rune
	Sheet     string
	// Limits cap what one file may cost (table.Limits; zero fields take
	// table.DefaultLimits): the --max-* flags.
	Limits table.Limits
	// DateOrder forces day-first or month-first for numeric dates.
	DateOrder dates.Order
	// Rules map the export's types, categories, tags and subjects to the
	// planner's issue types; nil keeps the export's own type.
	Rules *TypeRules
	// MaxErrors is how many row errors are kept in detail per file (all
	// are counted). Zero means 1000.
	MaxErrors int
	// DefaultChannel, when set, is the channel of the contacts the export
	// does not place (no channel column, an empty or unknown label):
	// a plan's channel: on a history entry.
	DefaultChannel Channel
	// Budget caps the contacts held in memory (budget.go).
	Budget
}

// FileResult is what one file yielded: its records (before duplicates are
// merged) and the account of every row.
type FileResult struct {
	Path        string
	Format      string
	FormatTitle string
	Family      string // dedupe namespace of the format
	MergeHandle bool   // duplicate rows sum their handle times
	Info        table.Info

	Rows    int            // data rows read (header and blank lines excluded)
	Blank   int            // fully empty lines skipped
	Skipped map[string]int // rows that are not contacts (summary footers), by reason

	// records holds the file's contacts compactly (store.go); Records
	// decodes them.
	records *store

	Rejected         int            // rows not kept
	RejectedByReason map[string]int // rejected rows by reason
	FieldErrors      int            // values left empty on kept rows (bad optional field)
	Errors           []*RowError    // the first MaxErrors errors (rejections and field errors), in line order
	ErrorCount       int            // all errors

	Warnings []string
	// SwappedDates counts the created dates that break the order of the
	// ids and fit it with day and month swapped (see swaps.go).
	SwappedDates int
	// Map is the column map the file was read with (given or guessed), in
	// the --map syntax; "" for a built-in format.
	Map string
}

// Records returns the file's records (before duplicates are merged), in
// reading order. It decodes them all at once: a big file's are better
// left to Set.Add.
func (fr *FileResult) Records() []Contact {
	if fr.records == nil {
		return nil
	}
	return fr.records.collect()
}

// ReadFile reads one export. It returns an error only when the file cannot
// be read as a whole (missing, unknown format, no header, or a read error
// that ends it, table.EndsFile: a damaged archive, a size cap); bad rows
// are collected in the result.
func ReadFile(path string, opts Options) (*FileResult, error) {
	return ReadFileContext(context.Background(), path, opts)
}

// ReadFileContext is ReadFile that stops, with an error wrapping
// diag.ErrInterrupted, once ctx is done.
func ReadFileContext(ctx context.Context, path string, opts Options) (*FileResult, error) {
	r, err := table.Open(path, table.Options{Encoding: opts.Encoding, Delimiter: opts.Delimiter, Sheet: opts.Sheet, Limits: opts.Limits})
	if err != nil {
		return nil, wrapTableErr(path, err)
	}
	defer r.Close()
	return read(ctx, path, r, opts)
}

// Read reads an export from a stream (tests, stdin).
func Read(name string, in io.Reader, opts Options) (*FileResult, error) {
	return ReadContext(context.Background(), name, in, opts)
}

// ReadContext is Read that stops once ctx is done, as ReadFileContext.
func ReadContext(ctx context.Context, name string, in io.Reader, opts Options) (*FileResult, error) {
	r, err := table.NewReader(in, name, table.Options{Encoding: opts.Encoding, Delimiter: opts.Delimiter, Sheet: opts.Sheet, Limits: opts.Limits})
	if err != nil {
		return nil, wrapTableErr(name, err)
	}
	defer r.Close()
	return read(ctx, name, r, opts)
}

func wrapTableErr(path string, err error) error {
	// The table reader's errors already start with the file's name.
	prefix := path + ": "
	if strings.HasPrefix(err.Error(), path) {
		prefix = ""
	}
	// A file that cannot be opened or read is a runtime error (exit 1);
	// one that can be read but is not a table (HTML saved as .xls, a damaged
	// workbook, a binary, an option it contradicts) is invalid data.
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) && !errors.Is(err, table.ErrBadOption) {
		return fmt.Errorf("%s%w", prefix, err)
	}
	return fmt.Errorf("%s%w: %w", prefix, ErrMalformed, err)
}

const sampleRows = 20

func read(ctx context.Context, path string, r table.Reader, opts Options) (*FileResult, error) {
	res := &FileResult{
		Path:             path,
		Info:             r.Info(),
		Skipped:          map[string]int{},
		RejectedByReason: map[string]int{},
		records:          newStore(),
	}
	h := NewHeader(append([]string(nil), r.Header()...))

	// Buffer the first rows: some formats look at values to be recognised.
	var buffered []table.Row
	var pending []error
	for len(buffered) < sampleRows {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if table.EndsFile(err) {
			return nil, readErr(path, r, err) // the rows before it are part of the file only
		}
		if err != nil {
			pending = append(pending, err)
			if len(pending) > 1000 {
				break
			}
			continue
		}
		buffered = append(buffered, table.Row{Line: row.Line, Fields: append([]string(nil), row.Fields...)})
		h.Sample = append(h.Sample, buffered[len(buffered)-1].Fields)
	}

	format := opts.Format
	if format == nil {
		f, err := Detect(h)
		if err != nil {
			g := GuessMap(h, r.Info().Kind == table.XLSX)
			if !g.Clear {
				if len(g.Spec.Columns[FieldCreated]) > 0 {
					return nil, fmt.Errorf("%s: %w; %s: the best guess is --map '%s' (check it and pass it)", path, err, g.Why, g.Spec)
				}
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			f = &MapFormat{Spec: g.Spec, Guessed: true}
			res.Map = g.Spec.String()
			res.Warnings = append(res.Warnings, fmt.Sprintf("no known format fits the header: read with the columns guessed from their names and values, --map '%s' (check it; pass it as --map to keep it or to change a column)", res.Map))
		}
		format = f
	} else if m, ok := format.(*MapFormat); ok {
		res.Map = m.Spec.String()
	}
	b, err := bindFormat(format, h, res)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	res.Family, res.MergeHandle = b.Family, b.MergeHandle

	e := newEngine(path, r, h, b, opts, res)
	for _, perr := range pending {
		e.readError(perr) // none ends the file: the loop above returned
	}
	for _, row := range buffered {
		e.row(row.Line, row.Fields, nil)
	}
	e.wantTyped()
	if err := e.rows(ctx, r); err != nil {
		return nil, err
	}
	if bl, ok := r.(interface{ Blank() int }); ok {
		res.Blank = bl.Blank()
	}
	e.finish()
	res.Info = r.Info()
	return res, nil
}

// bindFormat binds the file's columns and names the format in res. A
// user's map on a file a built-in format fits is read on top of that
// format (MapFormat.bindOver): it replaces only the fields it names.
func bindFormat(format Format, h *Header, res *FileResult) (*Binding, error) {
	res.Format, res.FormatTitle = format.Name(), format.Title()
	m, isMap := format.(*MapFormat)
	if !isMap {
		return format.Bind(h)
	}
	if !m.Guessed {
		if base, err := Detect(h); err == nil {
			if b, note, ok := m.bindOver(base, h); ok {
				res.Format, res.FormatTitle = base.Name()+"+map", base.Title()+" with --map on top"
				res.Warnings = append(res.Warnings, note)
				return b, nil
			}
		}
	}
	b, err := m.Bind(h)
	if err == nil && len(b.Columns[FieldID]) == 0 && len(b.Columns[FieldCount]) == 0 {
		res.Warnings = append(res.Warnings, "the map names no id column: rows that repeat a ticket cannot be merged and each counts as a contact (name the ticket number with id=<column> if the file has one)")
	}
	return b, err
}

// rows reads the rest of the table into the engine: read ahead on another
// goroutine when there are cores for it (prefetcher), the same rows and
// errors in the same order either way. It stops when ctx is done, the
// contacts exceed the memory budget (budget.go) or a read error ends the
// file (table.EndsFile), and returns that error.
func (e *engine) rows(ctx context.Context, r table.Reader) error {
	tooMany := func() error {
		return fmt.Errorf("%s: %w: more than 10000 unreadable records; is this the right file and format?", e.path, ErrMalformed)
	}
	budget := e.opts.Budget.resolve()
	if !usePrefetch() {
		for n := 1; ; n++ {
			if n%prefetchRows == 0 {
				if err := e.interrupted(ctx); err != nil {
					return err
				}
			}
			row, err := r.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				if ended := e.readError(err); ended != nil {
					return ended
				}
				if e.fatalReads > 10000 {
					return tooMany()
				}
				continue
			}
			e.row(row.Line, row.Fields, row.Cells)
			if err := e.overBudget(budget, row.Line); err != nil {
				return err
			}
		}
	}
	p := newPrefetcher(r)
	defer p.close()
	for b := range p.out {
		if err := e.interrupted(ctx); err != nil {
			return err
		}
		for _, it := range b.items {
			if it.err != nil {
				if ended := e.readError(it.err); ended != nil {
					return ended
				}
				if e.fatalReads > 10000 {
					return tooMany()
				}
				continue
			}
			e.row(it.line, it.fields, it.cells)
			if err := e.overBudget(budget, it.line); err != nil {
				return err
			}
		}
		p.recycle(b)
	}
	return nil
}

// pendingDate is a value whose day/month order is known only once the whole
// column has been seen.
type pendingDate struct {
	rec   int // index in res.records
	field Field
	line  int
	col   int
	raw   string
	// plusMinutes is added to the created time to make the first-response
	// time (Zendesk gives first reply as minutes after creation).
	plusMinutes float64
	hasPlus     bool
	// clockSeconds is the time of day of a separate time column, added
	// to a date-only created value.
	clockSeconds float64
	hasClock     bool
}

type engine struct {
	path string
	r    table.Reader
	h    *Header
	b    *Binding
	opts Options
	res  *FileResult
	loc  *time.Location

	dateCols [numFields]*dates.Column
	pending  []pendingDate
	// rejected marks records whose pending created time could not be
	// resolved; they are removed in finish.
	rejected map[int]bool

	serial     bool
	channels   map[string]Channel
	classes    *typeCache // the issue-type rules' results, per distinct value
	rawTags    []string
	sciIDs     sciIDs
	grouped    groupedCounts
	placed     placedContacts
	fatalReads int
	maxErrors  int
	raw        RawRow
	cur        Contact // the row being read (the format's Row hook gets it)
	// the row's typed cells (nil for text) and its pending dates
	cells      []table.Cell
	rowPending []pendingDate
}

func newEngine(path string, r table.Reader, h *Header, b *Binding, opts Options, res *FileResult) *engine {
	// The file's own zone wins, then the vendor's (Qianniu is always China
	// time), then --tz, then the machine's.
	loc := opts.FileLocation
	if loc == nil {
		loc = b.Location
	}
	if loc == nil {
		loc = opts.Location
	}
	if loc == nil {
		loc = time.Local
	}
	order := opts.DateOrder
	if order == dates.OrderUnknown {
		order = b.DateOrder
	}
	e := &engine{
		path: path, r: r, h: h, b: b, opts: opts, res: res, loc: loc,
		serial:    r.Info().Kind == table.XLSX,
		channels:  map[string]Channel{},
		rejected:  map[int]bool{},
		maxErrors: opts.MaxErrors,
	}
	if e.maxErrors <= 0 {
		e.maxErrors = 1000
	}
	e.raw.b, e.raw.h = b, h
	for f := Field(0); f < numFields; f++ {
		if f.isDate() && len(b.Columns[f]) > 0 {
			e.dateCols[f] = dates.NewColumn(dates.Options{Location: loc, Order: order, DefaultOrder: b.DefaultOrder, Serial: e.serial})
		}
	}
	return e
}

func (e *engine) addError(re *RowError) {
	e.res.ErrorCount++
	if re.Rejected {
		e.res.Rejected++
		e.res.RejectedByReason[re.Reason()]++
	} else {
		e.res.FieldErrors++
	}
	if len(e.res.Errors) < e.maxErrors {
		e.res.Errors = append(e.res.Errors, re)
	}
}

// readError counts an unreadable record as a rejected row, or returns the
// error when it ends the file (table.EndsFile: a size cap, a damaged
// archive): the file then fails as a whole, whatever errors came before,
// for the rows after it were never read.
func (e *engine) readError(err error) *RowError {
	re := readErr(e.path, e.r, err)
	if table.EndsFile(err) {
		return re
	}
	e.fatalReads++
	e.res.Rows++
	e.addError(re)
	return nil
}

// readErr places an error of r.Next (an unreadable record) in the file.
func readErr(path string, r table.Reader, err error) *RowError {
	re := &RowError{Diag: diag.Error{File: path, Err: fmt.Errorf("%w: %w", ErrMalformed, err)}, Rejected: true}
	var pe *diag.Error
	if errors.As(err, &pe) {
		re.Diag.Line, re.Diag.Column = pe.Line, pe.Column
		if pe.Column > 0 {
			re.ColumnLabel = r.Column(pe.Column - 1)
		}
		re.Diag.Err = fmt.Errorf("%w: %w", ErrMalformed, pe.Err)
	}
	return re
}

// fieldErr records a problem with column i of a row.
func (e *engine) fieldErr(line, col int, f Field, rejected bool, err error) {
	re := &RowError{Diag: diag.Error{File: e.path, Line: line, Field: f.String(), Err: err}, Rejected: rejected}
	if col >= 0 {
		re.Diag.Column, re.ColumnLabel = col+1, e.r.Column(col)
		if col < len(e.h.Raw) {
			re.Diag.Field = strings.TrimSpace(e.h.Raw[col])
		}
	}
	e.addError(re)
}

// get returns the first non-empty cleaned value of a field and its column.
func (e *engine) get(fields []string, f Field) (string, int) {
	for _, i := range e.b.Columns[f] {
		if i < len(fields) {
			if v := CleanValue(fields[i]); v != "" {
				return v, i
			}
		}
	}
	if cols := e.b.Columns[f]; len(cols) > 0 {
		return "", cols[0]
	}
	return "", -1
}

// summaryWords are the first values (lower case) of the total and
// average rows a report or a spreadsheet puts under its data, in the
// languages peakstaff reads; the grand totals of a pivot table as Excel
// words them (Gesamtergebnis, Total général, Totale complessivo...).
var summaryWords = map[string]bool{
	"汇总值": true, "平均值": true, "合计": true, "总计": true, "汇总": true, "全店汇总值": true, "同行同层均值": true, "小计": true,
	"total": true, "totals": true, "grand total": true, "grand totals": true, "average": true, "sum": true, "subtotal": true,
	// de, fr, es, it, pt, nl
	"gesamt": true, "summe": true, "gesamtsumme": true, "gesamtergebnis": true, "zwischensumme": true, "durchschnitt": true,
	"somme": true, "total général": true, "sous-total": true, "moyenne": true,
	"suma": true, "totales": true, "total general": true, "promedio": true,
	"totale": true, "totali": true, "totale complessivo": true, "subtotale": true,
	"soma": true, "total geral": true,
	"totaal": true, "eindtotaal": true, "subtotaal": true, "gemiddelde": true,
}

// summaryRow recognises footer and summary rows that reports put inside
// the data range: by their first value, which a typed cell (a number, a
// time, a skipped value after one) never is.
func summaryRow(fields []string, cells []table.Cell) string {
	for i, f := range fields {
		if cells != nil && cells[i].Kind != table.CellText {
			return ""
		}
		v := CleanValue(f)
		if v == "" {
			continue
		}
		if c := v[0]; '0' <= c && c <= '9' {
			return "" // no summary word or footer starts with a digit (most rows start with an id)
		}
		lv := strings.ToLower(v)
		if summaryWords[lv] {
			return "summary row (" + v + ")"
		}
		for _, p := range []string{"grand totals", "copyright", "confidential information", "generated by"} {
			if strings.HasPrefix(lv, p) {
				return "report footer"
			}
		}
		return ""
	}
	return ""
}

// row reads one data row into a contact, stage by stage: whether it is a
// contact at all, its created time (required), its id, the other times,
// the handle time and count, the labels, the format's own hook; a row
// that passes every stage is stored. cells, from a typed reader (Parquet),
// hold the values of the columns read without text; nil otherwise.
func (e *engine) row(line int, fields []string, cells []table.Cell) {
	if !e.admit(line, fields, cells) {
		return
	}
	e.cells = cells
	// The record is built in the engine's own Contact: a local one would
	// escape to the heap (it is handed to the format's Row hook) and cost
	// a garbage record per row. It is stored once the row is accepted.
	rec := e.res.records.len()
	e.cur = Contact{Source: Source{File: e.path, Line: line}, Count: 1}
	e.rowPending = e.rowPending[:0]
	if !e.readCreated(line, fields, rec) {
		return
	}
	if v, col := e.get(fields, FieldID); v != "" {
		e.cur.ID = v // the store copies what it keeps
		e.sciIDs.note(v, line, col)
	}
	updated := e.readTimes(line, fields, rec)
	e.readHandle(line, fields)
	if len(e.b.Columns[FieldCount]) > 0 && !e.readCount(line, fields) {
		return
	}
	e.readLabels(fields)
	if e.b.Row != nil && !e.runHook(line, fields) {
		return
	}
	e.res.records.add(&e.cur)
	e.res.records.setUpdated(rec, updated)
	e.pending = append(e.pending, e.rowPending...)
}

// admit counts the row and decides whether it is a contact: false for a
// blank line, a summary or footer row, a row of the wrong width (an
// error) and the rows the format skips.
func (e *engine) admit(line int, fields []string, cells []table.Cell) bool {
	e.res.Rows++
	if len(fields) != len(e.h.Raw) {
		if len(fields) == 1 && CleanValue(fields[0]) == "" {
			e.res.Rows--
			e.res.Blank++
			return false
		}
		if reason := summaryRow(fields, cells); reason != "" {
			e.res.Skipped[reason]++
			return false
		}
		e.addError(&RowError{Rejected: true, Diag: diag.Error{File: e.path, Line: line,
			Err: fmt.Errorf("%w: the row has %d fields, the header has %d", ErrFieldCount, len(fields), len(e.h.Raw))}})
		return false
	}
	if reason := summaryRow(fields, cells); reason != "" {
		e.res.Skipped[reason]++
		return false
	}
	if e.b.SkipRow != nil {
		if reason := e.b.SkipRow(fields); reason != "" {
			e.res.Skipped[reason]++
			return false
		}
	}
	return true
}

// readCreated reads the created time, which is required (without it the
// row cannot be placed in time), completed by a separate time-of-day
// column; false when the row is rejected.
func (e *engine) readCreated(line int, fields []string, rec int) bool {
	c := &e.cur
	var d dateValue
	err := e.date(line, fields, FieldCreated, &d)
	if !d.has {
		e.fieldErr(line, d.col, FieldCreated, true, fmt.Errorf("%w: the created time is empty", ErrMissingValue))
		return false
	}
	if err != nil {
		e.fieldErr(line, d.col, FieldCreated, true, fmt.Errorf("%w: %w", ErrBadValue, err))
		return false
	}
	pending := d.res.Pending
	if pending {
		e.rowPending = append(e.rowPending, pendingDate{rec: rec, field: FieldCreated, line: line, col: d.col, raw: strings.Clone(d.raw)})
	} else {
		c.Created, c.CreatedDateOnly = d.res.Time, d.res.DateOnly
	}
	if len(e.b.Columns[FieldTime]) == 0 {
		return true
	}
	if v, col := e.get(fields, FieldTime); v != "" {
		secs, err := dates.ReadClock(v, e.serial)
		switch {
		case err != nil:
			e.fieldErr(line, col, FieldTime, false, fmt.Errorf("%w: %w", ErrBadValue, err))
		case pending:
			e.rowPending[0].clockSeconds, e.rowPending[0].hasClock = secs, true
		case c.CreatedDateOnly:
			c.Created, c.CreatedDateOnly = atClock(c.Created, secs, e.loc), false
		}
	}
	return true
}

// readTimes reads the optional timestamps (a bad one is left empty and
// reported) and the first response given as minutes after creation; it
// returns the last-update time (Unix seconds, 0 when unknown).
func (e *engine) readTimes(line int, fields []string, rec int) (updated int64) {
	c := &e.cur
	var d dateValue
	resolvedPending := false
	for _, f := range [...]Field{FieldFirstResponse, FieldResolved, FieldClosed, FieldUpdated} {
		if e.dateCols[f] == nil {
			continue
		}
		if f == FieldClosed && (!c.Resolved.IsZero() || resolvedPending) {
			continue // the resolved time wins over the closed time
		}
		err := e.date(line, fields, f, &d)
		if !d.has {
			continue
		}
		if err != nil {
			e.fieldErr(line, d.col, f, false, fmt.Errorf("%w: %w", ErrBadValue, err))
			continue
		}
		if d.res.Pending {
			e.rowPending = append(e.rowPending, pendingDate{rec: rec, field: f, line: line, col: d.col, raw: strings.Clone(d.raw)})
			resolvedPending = resolvedPending || f == FieldResolved
			continue
		}
		switch f {
		case FieldFirstResponse:
			c.FirstResponse = d.res.Time
		case FieldResolved, FieldClosed:
			c.Resolved = d.res.Time
		case FieldUpdated:
			updated = d.res.Time.Unix()
		}
	}
	if !c.FirstResponse.IsZero() || len(e.b.Columns[FieldFirstResponseMinutes]) == 0 {
		return updated
	}
	secs, col, has, err := e.duration(fields, FieldFirstResponseMinutes, dates.Minutes, false)
	createdPending := len(e.rowPending) > 0 && e.rowPending[0].field == FieldCreated
	switch {
	case !has:
	case err != nil:
		e.fieldErr(line, col, FieldFirstResponseMinutes, false, fmt.Errorf("%w: %w", ErrBadValue, err))
	case createdPending:
		e.rowPending[0].plusMinutes, e.rowPending[0].hasPlus = secs/60, true
	case !c.CreatedDateOnly:
		c.FirstResponse = c.Created.Add(time.Duration(secs * float64(time.Second)))
	}
	return updated
}

// readHandle reads the handle time; a bad one is left unknown and
// reported.
func (e *engine) readHandle(line int, fields []string) {
	if len(e.b.Columns[FieldHandle]) == 0 {
		return
	}
	secs, col, has, err := e.duration(fields, FieldHandle, e.b.HandleUnit, e.serial)
	switch {
	case !has:
	case err != nil:
		e.fieldErr(line, col, FieldHandle, false, fmt.Errorf("%w: %w", ErrBadValue, err))
	default:
		e.cur.HandleSeconds, e.cur.HandleKnown = secs, true
	}
}

// readCount reads an aggregated row's count; false when the row is
// rejected for a bad or missing one.
func (e *engine) readCount(line int, fields []string) bool {
	if len(e.b.Columns[FieldCount]) == 0 {
		return true
	}
	n, col, err := e.count(line, fields)
	if err != nil {
		e.fieldErr(line, col, FieldCount, true, fmt.Errorf("%w: %w", ErrBadValue, err))
		return false
	}
	e.cur.Count = n
	return true
}

// readLabels reads the channel, direction, issue type and the descriptive
// fields.
func (e *engine) readLabels(fields []string) {
	c := &e.cur
	chRaw, _ := e.get(fields, FieldChannel)
	c.Channel = e.channel(chRaw)
	e.placed.total += c.Count
	if c.Channel == ChannelOther && !strings.EqualFold(chRaw, string(ChannelOther)) {
		e.placed.other += c.Count
	}
	if v, _ := e.get(fields, FieldDirection); v != "" {
		lv := strings.ToLower(v)
		c.Outbound = strings.HasPrefix(lv, "out") || strings.Contains(lv, "outbound") || v == "呼出" || v == "外呼"
	}
	c.IssueType = e.issueType(fields)
	if v, _ := e.get(fields, FieldStatus); v != "" {
		c.Status = v
	}
	if v, _ := e.get(fields, FieldPriority); v != "" {
		c.Priority = v
	}
	if v, _ := e.get(fields, FieldAgent); v != "" {
		c.Agent = v
	}
	if v, _ := e.get(fields, FieldGroup); v != "" {
		c.Group = v
	}
}

// runHook hands the record to the format's Row hook; false when the hook
// rejects the row.
func (e *engine) runHook(line int, fields []string) bool {
	if e.b.Row == nil {
		return true
	}
	e.raw.fields = fields
	err := e.b.Row(&e.raw, &e.cur)
	if err == nil {
		return true
	}
	var re *RowError
	if !errors.As(err, &re) {
		e.addError(&RowError{Diag: diag.Error{File: e.path, Line: line, Err: err}, Rejected: true})
		return false
	}
	re.Diag.File, re.Diag.Line = e.path, line
	e.addError(re)
	return !re.Rejected
}

// parseCount reads an aggregated count: a non-negative whole number,
// tolerating Explore's "1.00000000000000000000" and thousands separators.
// A count is whole, so digits grouped by threes after a separator are
// thousands whichever the separator (1.042 and 1,042 are 1042, as are
// 1'042 and 1 042; 1.000.000 is a million), while 1.5 is an error.
// grouped reports a value read that way.
func parseCount(v string) (n int, grouped bool, err error) {
	if v == "" {
		return 0, false, fmt.Errorf("the count is empty")
	}
	s := strings.TrimFunc(v, isCountSpace)
	if digits, ok := thousands(s); ok {
		s, grouped = digits, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f != float64(int64(f)) || f > 1e12 {
		return 0, false, fmt.Errorf("%q: expected a whole number of contacts (0 or more)", v)
	}
	return int(f), grouped, nil
}

// isCountSpace: the spaces spreadsheets put in and around numbers (no-break,
// narrow no-break and thin spaces among them).
func isCountSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// thousands reads a whole number written in groups of three digits after
// one to three, with one separator (. , ' ’ or a space) between groups and
// at most a decimal part of zeros after the other mark (1.042,00):
// the digits alone, and whether s is written so.
func thousands(s string) (string, bool) {
	lead := 0
	for lead < len(s) && '0' <= s[lead] && s[lead] <= '9' {
		lead++
	}
	if lead == 0 || lead > 3 || lead == len(s) {
		return "", false
	}
	sep, _ := utf8.DecodeRuneInString(s[lead:])
	if sep != '.' && sep != ',' && sep != '\'' && sep != '’' && !isCountSpace(sep) {
		return "", false
	}
	digits := []byte(s[:lead])
	rest := s[lead:]
	for strings.HasPrefix(rest, string(sep)) {
		rest = rest[len(string(sep)):]
		if len(rest) < 3 || !isDigits(rest[:3]) || (len(rest) > 3 && '0' <= rest[3] && rest[3] <= '9') {
			return "", false
		}
		digits, rest = append(digits, rest[:3]...), rest[3:]
	}
	if rest != "" {
		// a decimal part of zeros after the other mark: 1.042,00 or 1,042.0
		if mark := rest[0]; (mark != '.' && mark != ',') || rune(mark) == sep || strings.Trim(rest[1:], "0") != "" || len(rest) == 1 {
			return "", false
		}
	}
	return string(digits), true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (e *engine) channel(raw string) Channel {
	if c := e.channelOf(raw); c != ChannelOther || e.opts.DefaultChannel == "" {
		return c
	}
	return e.opts.DefaultChannel
}

func (e *engine) channelOf(raw string) Channel {
	if raw == "" {
		if e.b.DefaultChannel != "" {
			return e.b.DefaultChannel
		}
		return ChannelOther
	}
	if c, ok := e.channels[raw]; ok {
		return c
	}
	c := NormalizeChannel(raw, e.b.ChannelMap)
	if c == ChannelOther && e.b.DefaultChannel != "" && len(e.channels) > 64 {
		// high-cardinality columns are not channel labels
		c = e.b.DefaultChannel
	}
	e.channels[strings.Clone(raw)] = c
	return c
}

func (e *engine) issueType(fields []string) string {
	typ, _ := e.get(fields, FieldType)
	cat := ""
	if len(e.b.Columns[FieldCategory]) > 0 {
		var parts []string
		for _, i := range e.b.Columns[FieldCategory] {
			if v := CleanValue(fields[i]); v != "" {
				parts = append(parts, v)
			}
		}
		cat = strings.Join(parts, " / ")
	}
	if e.opts.Rules == nil {
		// The category stands in for the type only in exports without a
		// type column: an empty type on one row stays empty (unset), not
		// a product area posing as an issue type.
		v := typ
		if v == "" && len(e.b.Columns[FieldType]) == 0 {
			v = cat
		}
		return v
	}
	subject := ""
	if e.opts.Rules.usesSubject() {
		subject, _ = e.get(fields, FieldSubject)
	}
	e.rawTags = e.rawTags[:0]
	for _, i := range e.b.Columns[FieldTags] {
		e.rawTags = append(e.rawTags, fields[i])
	}
	if e.classes == nil {
		e.classes = newTypeCache(e.opts.Rules)
		if e.classes == nil {
			return OtherType // rules that do not compile match nothing (Classify)
		}
	}
	return e.classes.classify(typ, cat, e.rawTags, subject)
}

// SplitTags splits a tags cell on spaces, commas and semicolons.
func SplitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '\u00a0' || r == '|' || r == '，'
	})
}

// finish resolves the dates whose day/month order needed the whole column,
// and reports the columns' decisions.
func (e *engine) finish() {
	// A column that proved nothing takes the order another date column of
	// the same file proved (Opened 13/11/2025 tells how to read Closed
	// 04/12/2025), when the proving columns agree.
	proven := dates.OrderUnknown
	agree := true
	for f := Field(0); f < numFields; f++ {
		if col := e.dateCols[f]; col != nil {
			order, assumed, conflict := col.Finish()
			if assumed || conflict != nil || order == dates.OrderUnknown {
				continue
			}
			if proven != dates.OrderUnknown && proven != order {
				agree = false
			}
			proven = order
		}
	}
	if agree && proven != dates.OrderUnknown {
		for f := Field(0); f < numFields; f++ {
			if col := e.dateCols[f]; col != nil {
				if _, assumed, conflict := col.Finish(); assumed && conflict == nil {
					col.Assume(proven)
				}
			}
		}
	}
	for f := Field(0); f < numFields; f++ {
		col := e.dateCols[f]
		if col == nil {
			continue
		}
		order, assumed, conflict := col.Finish()
		name := f.String()
		if cols := e.b.Columns[f]; len(cols) > 0 {
			name = strings.TrimSpace(e.h.Raw[cols[0]])
		}
		if conflict != nil {
			e.res.Warnings = append(e.res.Warnings, fmt.Sprintf("column %q: %v; ambiguous values in it are rejected, not guessed (use --date-order to decide)", name, conflict))
		} else if assumed && e.hasPending(f) {
			why := "no value tells day and month apart"
			if agree && proven == order {
				why = "no value in it tells day and month apart, other date columns of the file do"
			}
			e.res.Warnings = append(e.res.Warnings, fmt.Sprintf("column %q: %s; read as %s (use --date-order to change)", name, why, order))
		}
	}
	ambiguous := map[int]bool{}
	for _, p := range e.pending {
		if e.rejected[p.rec] {
			continue
		}
		ambiguous[p.rec] = ambiguous[p.rec] || p.field == FieldCreated
		res, err := e.dateCols[p.field].ParsePending(p.line, p.raw)
		c := &e.cur
		e.res.records.get(p.rec, c)
		if err != nil {
			if p.field == FieldCreated {
				e.rejected[p.rec] = true
				e.fieldErr(p.line, p.col, p.field, true, fmt.Errorf("%w: %w", ErrBadValue, err))
			} else {
				e.fieldErr(p.line, p.col, p.field, false, fmt.Errorf("%w: %w", ErrBadValue, err))
			}
			continue
		}
		switch p.field {
		case FieldCreated:
			c.Created, c.CreatedDateOnly = res.Time, res.DateOnly
			if p.hasClock && res.DateOnly {
				c.Created, c.CreatedDateOnly = atClock(res.Time, p.clockSeconds, e.loc), false
			}
			if p.hasPlus && !res.DateOnly && c.FirstResponse.IsZero() {
				c.FirstResponse = c.Created.Add(time.Duration(p.plusMinutes * float64(time.Minute)))
			}
		case FieldFirstResponse:
			c.FirstResponse = res.Time
		case FieldResolved, FieldClosed:
			if c.Resolved.IsZero() {
				c.Resolved = res.Time
			}
		case FieldUpdated:
			e.res.records.setUpdated(p.rec, res.Time.Unix())
		}
		e.res.records.set(p.rec, c)
	}
	if w := e.unplacedWarning(); w != "" {
		e.res.Warnings = append(e.res.Warnings, w)
	}
	if w := e.grouped.warning(e.h); w != "" {
		e.res.Warnings = append(e.res.Warnings, w)
	}
	if w := e.sciIDs.warning(e.h); w != "" {
		e.res.Warnings = append(e.res.Warnings, w)
	}
	e.checkSwaps(ambiguous)
	if len(e.rejected) > 0 {
		e.res.records.keep(func(i int) bool { return !e.rejected[i] })
	}
	sortErrors(e.res.Errors)
}

// atClock is the day of a date-only time at a time of day (seconds since
// midnight), on the wall clock of loc.
func atClock(day time.Time, secs float64, loc *time.Location) time.Time {
	y, m, d := day.In(loc).Date()
	whole := int(secs)
	ns := int((secs - float64(whole)) * 1e9)
	return time.Date(y, m, d, whole/3600, whole/60%60, whole%60, ns, loc)
}

func (e *engine) hasPending(f Field) bool {
	for _, p := range e.pending {
		if p.field == f {
			return true
		}
	}
	return false
}

func sortErrors(errs []*RowError) {
	// insertion sort keeps it stable and the list is short and nearly sorted
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Diag.Line < errs[j-1].Diag.Line; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

// dateValue is a date field's first value: has is false when the row has
// none (col is then the field's first column, or -1); raw is the cleaned
// text (empty for a typed value).
type dateValue struct {
	res dates.Result
	raw string
	col int
	has bool
}

// date reads a date field's first value into d, typed or through its
// column's parser.
func (e *engine) date(line int, fields []string, f Field, d *dateValue) (err error) {
	if e.cells != nil {
		if c, col, ok := e.typedCell(fields, f); ok {
			if res, ok := e.typedDate(c); ok {
				*d = dateValue{res: res, col: col, has: true}
				return nil
			}
		}
	}
	d.raw, d.col = e.get(fields, f)
	if d.has = d.raw != ""; !d.has {
		return nil
	}
	d.res, err = e.dateCols[f].Parse(line, d.raw)
	return err
}

// duration reads a duration field's first value in seconds (plain numbers
// in unit); has is false when the row has none.
func (e *engine) duration(fields []string, f Field, unit dates.Unit, serial bool) (secs float64, col int, has bool, err error) {
	v := ""
	if e.cells != nil {
		c, i, ok := e.typedCell(fields, f)
		if ok {
			if secs, ok := typedDuration(c, unit); ok {
				return secs, i, true, nil
			}
			v, col = cellText(c), i
		}
	}
	if v == "" {
		if v, col = e.get(fields, f); v == "" {
			return 0, col, false, nil
		}
	}
	secs, err = dates.ReadDuration(v, unit, serial)
	return secs, col, true, err
}

// count reads the count field (aggregated rows).
func (e *engine) count(line int, fields []string) (int, int, error) {
	v, col := "", 0
	if e.cells != nil {
		c, i, ok := e.typedCell(fields, FieldCount)
		if ok {
			if n, ok := typedCount(c); ok {
				return n, i, nil
			}
			v, col = cellText(c), i
		}
	}
	if v == "" {
		v, col = e.get(fields, FieldCount)
	}
	n, grouped, err := parseCount(v)
	if grouped {
		e.grouped.note(v, n, line, col)
	}
	return n, col, err
}

// groupedCounts counts the counts written with thousands separators,
// with the first as an example.
type groupedCounts struct {
	n, value, line, col int
	example             string
}

func (k *groupedCounts) note(raw string, value, line, col int) {
	if k.n == 0 {
		k.value, k.line, k.col, k.example = value, line, col, strings.Clone(raw)
	}
	k.n++
}

func (k *groupedCounts) warning(h *Header) string {
	if k.n == 0 {
		return ""
	}
	name := FieldCount.String()
	if k.col >= 0 && k.col < len(h.Raw) {
		name = strings.TrimSpace(h.Raw[k.col])
	}
	counts := "1 count is"
	if k.n > 1 {
		counts = fmt.Sprintf("%d counts are", k.n)
	}
	return fmt.Sprintf("column %q: %s written with thousands separators, read as whole numbers (line %d: %q read as %d): a count has no decimals",
		name, counts, k.line, k.example, k.value)
}

// placedContacts counts a file's contacts and those of them no channel
// placed (channel other, not written as "other").
type placedContacts struct{ total, other int }

// unplacedWarning says when (nearly) every contact of a file is of
// channel other, which a plan cannot staff by channel: which column was
// read and its labels, or that there is none, and what to pass.
func (e *engine) unplacedWarning() string {
	n := e.placed
	if n.total <= 10 || n.other*100 < n.total*95 {
		return ""
	}
	share := fmt.Sprintf("%d of %d contacts (%d%%) have channel other", n.other, n.total, n.other*100/n.total)
	const give = "give the file's channel with --channel phone|chat|email|messaging|social"
	cols := e.b.Columns[FieldChannel]
	if len(cols) == 0 {
		return fmt.Sprintf("no channel column: %s; name the column with --map channel=<column> if the file has one, or %s", share, give)
	}
	var labels []string
	for raw, c := range e.channels {
		if c == ChannelOther {
			labels = append(labels, strconv.Quote(raw))
		}
	}
	sort.Strings(labels)
	if len(labels) > 4 {
		labels = append(labels[:4], "…")
	}
	return fmt.Sprintf("column %q: %s: its values (%s) name no channel peakstaff knows (phone, chat, email, messaging, social); if another column holds the channel, name it with --map channel=<column>, or %s",
		strings.TrimSpace(e.h.Raw[cols[0]]), share, strings.Join(labels, ", "), give)
}

// sciIDs counts the ids a spreadsheet turned into scientific notation
// (Excel writes 215470000000000 as 2.1547E+14): rounded, they no longer
// tell tickets apart.
type sciIDs struct {
	n, line, col int
	example      string
}

func (k *sciIDs) note(id string, line, col int) {
	if !scientific(id) {
		return
	}
	if k.n == 0 {
		k.line, k.col, k.example = line, col, strings.Clone(id)
	}
	k.n++
}

// scientific reports whether an id is a number in scientific notation:
// digits, an optional fraction, E and an exponent (2.1547E+14).
func scientific(id string) bool {
	e := strings.IndexAny(id, "Ee")
	if e < 1 || e == len(id)-1 || id[0] < '0' || id[0] > '9' {
		return false
	}
	mant, exp := id[:e], id[e+1:]
	if exp[0] == '+' || exp[0] == '-' {
		exp = exp[1:]
	}
	dot := false
	for i := 0; i < len(mant); i++ {
		if mant[i] == '.' && !dot {
			dot = true
		} else if mant[i] < '0' || mant[i] > '9' {
			return false
		}
	}
	for i := 0; i < len(exp); i++ {
		if exp[i] < '0' || exp[i] > '9' {
			return false
		}
	}
	return exp != ""
}

func (k *sciIDs) warning(h *Header) string {
	if k.n == 0 {
		return ""
	}
	name := "id"
	if k.col >= 0 && k.col < len(h.Raw) {
		name = strings.TrimSpace(h.Raw[k.col])
	}
	return fmt.Sprintf("column %q: %d ids are in scientific notation (line %d: %s): a spreadsheet rounded them, so they cannot tell tickets apart; rows that share one are merged only when their creation times agree. Export the ids as text (or format the column as Number without decimals before saving)",
		name, k.n, k.line, k.example)
}
