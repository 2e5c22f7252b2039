package forecast

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/sheet"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Intraday is a shape of the day given from outside the history: how a
// day's contacts spread over its hours where the history has dates
// without times (a daily report, a date-only export). The forecast uses it
// for the channels whose history has no time of day; without one those
// days are spread evenly over the 24 hours.
type Intraday struct {
	// Name says where the shape came from, in notes: "retail" or the file.
	Name string
	// PerMinute is the relative weight of each minute of the day (local
	// clock), summing to 1.
	PerMinute [1440]float64
}

// weight is the shape's share of the clock span [start, start+d).
func (in *Intraday) weight(t time.Time, d time.Duration) float64 {
	m := t.Hour()*60 + t.Minute()
	w := 0.0
	for k := 0; k < int(d/time.Minute); k++ {
		w += in.PerMinute[(m+k)%1440]
	}
	return w
}

// retailHours is the built-in "retail" shape: relative contacts per hour
// of an online shop's support day, 00:00 first. It is an assumption, not
// a measurement: quiet nights, a climb from 07:00, a late-morning peak, a
// dip after lunch and a second, evening peak that fades after 22:00 (the
// double hump of retail support days, without the event days' midnight
// spike). Give a file of your own hours when you have one.
var retailHours = [24]float64{1.0, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.8, 3.5, 5.5, 6.8, 6.9, 6.2, 6.0, 6.3, 6.2, 5.9, 5.5, 5.3, 5.9, 6.4, 6.1, 4.6, 2.5}

// BuiltinIntradayNames are the shapes IntradayByName knows.
var BuiltinIntradayNames = []string{"retail", "flat"}

// IntradayByName returns a built-in shape: "retail" (retailHours) or
// "flat" (every minute alike).
func IntradayByName(name string) (*Intraday, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "retail":
		return fromHours("retail", retailHours[:]), nil
	case "flat":
		in := &Intraday{Name: "flat"}
		for i := range in.PerMinute {
			in.PerMinute[i] = 1.0 / 1440
		}
		return in, nil
	}
	return nil, fmt.Errorf("unknown intraday shape %q: expected %s, or a file of hour,share", name, strings.Join(BuiltinIntradayNames, ", "))
}

func fromHours(name string, hours []float64) *Intraday {
	in := &Intraday{Name: name}
	total := 0.0
	for _, v := range hours {
		total += v
	}
	for m := range in.PerMinute {
		in.PerMinute[m] = hours[m/60] / 60 / total
	}
	return in
}

// ErrBadIntraday wraps every problem of an intraday file (exit code 3).
var ErrBadIntraday = fmt.Errorf("%w: intraday profile file", importers.ErrInvalidData)

// ReadIntraday reads a shape of the day from a file, read as import reads
// exports (any delimiter, BOM, XLSX): a time column (hour, time, interval,
// start: 9, 09:00, 9:30, 9:30 PM) and a share column (share, weight,
// contacts, calls, volume, percent: any numbers, normalised). Each row
// covers the time from its start to the next row's (the smallest step
// between rows); times not listed get nothing.
func ReadIntraday(path string) (*Intraday, error) {
	sh, err := sheet.Open(path, table.Options{})
	if err != nil {
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) && !errors.Is(err, table.ErrBadOption) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w: %w", path, ErrBadIntraday, err)
	}
	clock := func(v string) (int, error) {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 && n <= 23 {
			return n * 60, nil
		}
		secs, err := dates.ReadClock(v, sh.Info.Kind == table.XLSX)
		return int(secs / 60), err
	}
	tc, err := sh.Find(sheet.Want{Name: "hour", Flag: "a header hour", Aliases: []string{"hour", "time", "interval", "start", "interval start", "hora", "stunde", "heure", "小时", "时段"},
		Content: func(v string) bool { _, err := clock(v); return err == nil }})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadIntraday, err)
	}
	vc, err := sh.Find(sheet.Want{Name: "share", Flag: "a header share", Aliases: []string{"share", "weight", "contacts", "calls", "volume", "percent", "pct", "%", "占比"},
		Content: sh.Numeric}, tc)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadIntraday, err)
	}
	type row struct {
		minute int
		v      float64
	}
	var rows []row
	var errs diag.List // the first diag.DefaultMax problems, and a word when there are more
	seen := map[int]int{}
	for i, r := range sh.Rows {
		m, err := clock(sh.Cell(i, tc))
		if err != nil {
			errs.Add(sh.Errorf(i, tc, ErrBadIntraday, "%q: expected an hour (0-23) or a time of day such as 09:30", sh.Cell(i, tc)))
			continue
		}
		v, err := sh.Number(sh.Cell(i, vc))
		if err != nil || v < 0 {
			errs.Add(sh.Errorf(i, vc, ErrBadIntraday, "%q: expected a share of 0 or more", sh.Cell(i, vc)))
			continue
		}
		if prev, dup := seen[m]; dup {
			errs.Add(sh.Errorf(i, tc, ErrBadIntraday, "%02d:%02d appears twice (first on line %d)", m/60, m%60, prev))
			continue
		}
		seen[m] = r.Line
		rows = append(rows, row{m, v})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: %w: at least two rows (hours) are needed", path, ErrBadIntraday)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].minute < rows[j].minute })
	step := 1440
	for i := 1; i < len(rows); i++ {
		step = min(step, rows[i].minute-rows[i-1].minute)
	}
	in := &Intraday{Name: path}
	total := 0.0
	for _, r := range rows {
		for k := 0; k < step; k++ {
			in.PerMinute[(r.minute+k)%1440] += r.v / float64(step)
		}
		total += r.v
	}
	if total <= 0 || math.IsInf(total, 0) {
		return nil, fmt.Errorf("%s: %w: the shares add up to %v; expected a positive total", path, ErrBadIntraday, total)
	}
	for m := range in.PerMinute {
		in.PerMinute[m] /= total
	}
	return in, nil
}
