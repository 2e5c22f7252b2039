package forecast

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/importers"
)

// ErrBadOrders wraps every problem of an orders file (exit code 3).
var ErrBadOrders = fmt.Errorf("%w: orders file", importers.ErrInvalidData)

// Orders are the driver of the contact-ratio model: the shop's past daily
// orders (or customers), and this season's forecast as daily values or a
// season total.
type Orders struct {
	History  map[Date]float64
	Forecast map[Date]float64
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
	o.Forecast = map[Date]float64{}
	for _, a := range align {
		o.Forecast[a.Target] = o.Total * o.History[a.Source] / sum
	}
	return nil
}

// ratioAround is a series' contacts per order over the days within r of d
// (a 2r+1-day window smooths the day-to-day noise of both counts).
func (o *Orders) ratioAround(h *History, k Key, d Date, r int) (float64, bool) {
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
	first := Date{}
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

// ReadOrders reads a daily orders file: a CSV with a date column (named
// date, day or 日期, else the first) and a number column (named orders,
// customers or 订单, else the first numeric column after the date). Every
// bad row is an error naming file, line and column.
func ReadOrders(path string) (map[Date]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseOrders(path, f)
}

// ParseOrders is ReadOrders on a stream.
func ParseOrders(name string, in io.Reader) (map[Date]float64, error) {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: %w: the file is empty", name, ErrBadOrders)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrBadOrders, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	dateCol, valCol := -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "date", "day", "日期":
			if dateCol < 0 {
				dateCol = i
			}
		case "orders", "customers", "订单", "订单数", "order_count", "total_orders":
			if valCol < 0 {
				valCol = i
			}
		}
	}
	if dateCol < 0 {
		dateCol = 0
	}
	if valCol < 0 {
		valCol = dateCol + 1
	}
	if valCol >= len(header) {
		return nil, fmt.Errorf("%s:1: %w: expected a header with a date column and an orders column, got %q", name, ErrBadOrders, strings.Join(header, ","))
	}
	out := map[Date]float64{}
	var errs []error
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w: %w", name, line, ErrBadOrders, err))
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(header) {
			errs = append(errs, fmt.Errorf("%s:%d: %w: the row has %d fields, the header %d", name, line, ErrBadOrders, len(rec), len(header)))
			continue
		}
		d, err := ParseDate(rec[dateCol])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %w: %w", name, line, dateCol+1, ErrBadOrders, err))
			continue
		}
		s := strings.ReplaceAll(strings.TrimSpace(rec[valCol]), ",", "")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || v != v {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %w: %q: expected a number of orders (0 or more)", name, line, valCol+1, ErrBadOrders, rec[valCol]))
			continue
		}
		if _, dup := out[d]; dup {
			errs = append(errs, fmt.Errorf("%s:%d:%d: %w: %s appears twice", name, line, dateCol+1, ErrBadOrders, d))
			continue
		}
		out[d] = v
		if len(errs) > 20 {
			break
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no rows", name, ErrBadOrders)
	}
	return out, nil
}
