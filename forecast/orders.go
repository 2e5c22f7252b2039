package forecast

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrBadOrders wraps every problem of an orders file (exit code 3).
var ErrBadOrders = fmt.Errorf("%w: orders file", importers.ErrInvalidData)

// Orders are the driver of the contact-ratio model: the shop's past daily
// orders (or customers), and this season's forecast as daily values or a
// season total.
type Orders struct {
	History  map[civil.Date]float64
	Forecast map[civil.Date]float64
	// Total is a season total, spread over the season's days with last
	// year's daily shape on the aligned days.
	Total float64
}

// HasForecast reports whether this season's orders are known.
func (o *Orders) HasForecast() bool { return o != nil && (len(o.Forecast) > 0 || o.Total > 0) }

// Spread fills the daily forecast from the season total, with the shape of
// last year's orders on the aligned days.
func (o *Orders) Spread(align []Alignment) error {
	if len(o.Forecast) > 0 {
		for _, a := range align {
			if _, ok := o.Forecast[a.Target]; !ok {
				return fmt.Errorf("%w: the order forecast has no value for %s, a day of the season", ErrBadOrders, a.Target)
			}
		}
		return nil
	}
	sum := 0.0
	for _, a := range align {
		v, ok := o.History[a.Source]
		if !ok {
			return fmt.Errorf("%w: spreading the season's %.0f orders needs last year's orders on %s (aligned with %s)", ErrBadOrders, o.Total, a.Source, a.Target)
		}
		sum += v
	}
	if sum <= 0 {
		return fmt.Errorf("%w: last year's orders on the aligned days sum to zero", ErrBadOrders)
	}
	o.Forecast = map[civil.Date]float64{}
	for _, a := range align {
		o.Forecast[a.Target] = o.Total * o.History[a.Source] / sum
	}
	return nil
}

// ratioAround is a series' contacts per order over the days within r of d
// (a 2r+1-day window smooths the day-to-day noise of both counts).
func (o *Orders) ratioAround(h *History, k Key, d civil.Date, r int) (float64, bool) {
	var c, n float64
	for x := d.AddDays(-r); !x.After(d.AddDays(r)); x = x.AddDays(1) {
		v, ok := h.Daily(k, x)
		ord, ook := o.History[x]
		if ok && ook {
			c += v
			n += ord
		}
	}
	if n <= 0 {
		return 0, false
	}
	return c / n, true
}

// Ratio is a series' contact ratio: contacts per order.
type Ratio struct {
	Key Key
	// Season is the ratio on last year's aligned season days; Normal on the
	// eight weeks before them.
	Season, Normal float64
	// Monthly is the ratio per month of the history, oldest first: its
	// trend shows self-service and FAQ work paying off.
	Monthly []MonthRatio
}

// MonthRatio is one month's contacts per order.
type MonthRatio struct {
	Month string // YYYY-MM
	Ratio float64
}

func (o *Orders) seasonRatio(h *History, k Key, align []Alignment) Ratio {
	r := Ratio{Key: k}
	var c, n float64
	first := civil.Date{}
	for _, a := range align {
		v, ok := h.Daily(k, a.Source)
		ord, ook := o.History[a.Source]
		if ok && ook {
			c += v
			n += ord
		}
		if first.IsZero() || a.Source.Before(first) {
			first = a.Source
		}
	}
	if n > 0 {
		r.Season = c / n
	}
	c, n = 0, 0
	for d := first.AddDays(-56); d.Before(first); d = d.AddDays(1) {
		v, ok := h.Daily(k, d)
		ord, ook := o.History[d]
		if ok && ook {
			c += v
			n += ord
		}
	}
	if n > 0 {
		r.Normal = c / n
	}
	months := map[string][2]float64{}
	var order []string
	for d := h.First; !d.After(h.Last); d = d.AddDays(1) {
		v, ok := h.Daily(k, d)
		ord, ook := o.History[d]
		if !ok || !ook {
			continue
		}
		m := d.String()[:7]
		x, seen := months[m]
		if !seen {
			order = append(order, m)
		}
		months[m] = [2]float64{x[0] + v, x[1] + ord}
	}
	for _, m := range order {
		if x := months[m]; x[1] > 0 {
			r.Monthly = append(r.Monthly, MonthRatio{m, x[0] / x[1]})
		}
	}
	return r
}

// OrdersOptions say how to read an orders file: which columns (by header
// name or 1-based number; empty: found by name or content) and how its
// dates and text are written.
type OrdersOptions struct {
	DateColumn   string // --date-col
	OrdersColumn string // --orders-col
	DateOrder    dates.Order
	// Table overrides what is otherwise sniffed (encoding, delimiter,
	// sheet).
	Table table.Options
	// Hints name the flags (or plan keys) that set the columns and the
	// date order, for messages; empty: the forecast command's flags.
	DateHint, OrdersHint, OrderHint string
}

// OrdersFile is what an orders file held.
type OrdersFile struct {
	Daily map[civil.Date]float64
	// DateColumn and OrdersColumn are the headers read.
	DateColumn, OrdersColumn string
	// Warnings are decisions the data did not make itself (the day/month
	// order of the dates).
	Warnings []string
}

// dateNames and ordersNames are the headers an orders file's columns are
// found by, in any case, with _ or spaces.
var (
	dateNames   = []string{"date", "day", "日期", "order date", "ds", "fecha", "data", "datum", "dia", "date ordered", "订单日期"}
	ordersNames = []string{"orders", "customers", "订单", "订单数", "order count", "total orders", "orders count", "number of orders", "transactions", "reservations", "bookings", "pedidos", "bestellungen", "commandes", "y"}
	// ordersWords find a numeric column whose name says what it counts
	// (total_reservations, daily_orders, num_customers).
	ordersWords = []string{"order", "reservation", "booking", "customer", "transaction", "purchase", "sale", "订单", "pedido"}
)

// ReadOrders reads a daily orders file through the reading layer of the
// exports (package sheet): CSV with any delimiter and encoding, a BOM or
// none, XLSX; dates in any form import reads (2025-11-28, 28-11-2025,
// 11/28/2025, 28 Nov 2025, Excel serials), the day/month order learnt from
// the whole column. The date column is named date, day, 日期, ... (or
// --date-col); the orders column orders, customers, 订单, ..., or the one
// numeric column whose name holds order, reservation, booking, customer,
// ... (or --orders-col). Rows with a time of day are summed per day; the
// same date twice without a time is an error. Every bad row is a
// *diag.Error naming file, line and column (up to 20, in a diag.List).
func ReadOrders(path string, o OrdersOptions) (*OrdersFile, error) {
	sh, err := sheet.Open(path, o.Table)
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) && !errors.Is(err, table.ErrBadOption) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w: %w", path, ErrBadOrders, err)
	}
	return readOrders(sh, o)
}

// ParseOrders is ReadOrders on a stream.
func ParseOrders(name string, in io.Reader, o OrdersOptions) (*OrdersFile, error) {
	sh, err := sheet.Read(in, name, o.Table)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrBadOrders, err)
	}
	return readOrders(sh, o)
}

func readOrders(sh *sheet.Sheet, o OrdersOptions) (*OrdersFile, error) {
	dateHint, ordersHint, orderHint := or(o.DateHint, "--date-col"), or(o.OrdersHint, "--orders-col"), or(o.OrderHint, "--date-order")
	errs := diag.List{Max: maxOrderErrors}
	for _, b := range sh.Bad {
		errs.Add(badOrders(b))
	}
	if len(sh.Rows) == 0 {
		return nil, fmt.Errorf("%s: %w: no rows below the header (%s)", sh.File, ErrBadOrders, sh.Columns())
	}
	dc, err := sh.Find(sheet.Want{Name: "date", Flag: dateHint, Given: o.DateColumn, Aliases: dateNames,
		Content: sh.DateLike})
	if err != nil {
		return nil, placeOrders(err)
	}
	vc, err := sh.Find(sheet.Want{Name: "orders", Flag: ordersHint, Given: o.OrdersColumn, Aliases: ordersNames, Words: ordersWords, Content: sh.Numeric}, dc)
	if err != nil {
		return nil, placeOrders(err)
	}
	times, terrs := sh.ParseTimes(dc, sheet.TimeOptions{Location: time.UTC, Order: o.DateOrder, Hint: orderHint})
	out := &OrdersFile{Daily: map[civil.Date]float64{}, DateColumn: sh.Header[dc], OrdersColumn: sh.Header[vc], Warnings: times.Warnings}
	bad := map[int]bool{}
	for _, e := range terrs {
		errs.Add(badOrders(e))
		bad[e.Line] = true
	}
	firstLine := map[civil.Date]int{}
	timed := map[civil.Date]bool{}
	for i, row := range sh.Rows {
		if len(row.Fields) != len(sh.Header) {
			errs.Add(sh.Errorf(i, -1, ErrBadOrders, "the row has %d fields, the header %d", len(row.Fields), len(sh.Header)))
			continue
		}
		if !times.OK[i] || bad[row.Line] {
			continue
		}
		raw := sh.Cell(i, vc)
		v, err := sh.Number(raw)
		if err != nil || v < 0 {
			errs.Add(sh.Errorf(i, vc, ErrBadOrders, "%q: expected a number of orders (0 or more)", raw))
			continue
		}
		r := times.Values[i]
		d := civil.DateOf(sheet.WallClock(r))
		if prev, dup := firstLine[d]; dup && (r.DateOnly || !timed[d]) {
			errs.Add(sh.Errorf(i, dc, ErrBadOrders, "%s appears twice (first on line %d)", d, prev))
			continue
		}
		if _, dup := firstLine[d]; !dup {
			firstLine[d] = row.Line
			timed[d] = !r.DateOnly
		}
		out.Daily[d] += v
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(out.Daily) == 0 {
		return nil, fmt.Errorf("%s: %w: no rows", sh.File, ErrBadOrders)
	}
	return out, nil
}

// maxOrderErrors bounds the bad rows reported at once.
const maxOrderErrors = 20

// badOrders makes a problem the sheet placed in the file a problem of the
// orders file: its cause also counts as ErrBadOrders (exit code 3),
// and the message stays the sheet's own.
func badOrders(e *diag.Error) *diag.Error {
	if !errors.Is(e.Err, ErrBadOrders) {
		e.Err = diag.Also(e.Err, ErrBadOrders)
	}
	return e
}

// placeOrders makes a positioned error of the sheet an orders error.
func placeOrders(err error) error {
	var de *diag.Error
	if errors.As(err, &de) {
		return badOrders(de)
	}
	return fmt.Errorf("%w: %w", ErrBadOrders, err)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
