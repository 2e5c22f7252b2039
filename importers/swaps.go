package importers

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// Day/month swaps. A file that went through a spreadsheet in another
// locale can come back with day and month swapped on exactly the rows
// whose day was 12 or less: the spreadsheet read 05-04-15 (5 April) as
// May 4 and wrote it back in the file's own order as 04-05-15. The column
// still proves its order (22-04-15 is day-first), so the damaged values
// are read without complaint, into the wrong months. Where ticket ids grow
// with time they give the damage away: such a value breaks the order of
// its neighbours by a month or more, and fits it again with day and month
// swapped.

// swapCheck is what the detector needs of one record.
type swapCheck struct {
	rec int     // index in the file's records
	key float64 // the id's number
	day int64   // the created day (days since 1970-01-01 on the wall clock)
	// ambiguous: the created value was numeric with day and month both 12
	// or less, so a spreadsheet may have swapped it.
	ambiguous bool
}

// swapReport is what the detector found.
type swapReport struct {
	ambiguous int   // values that could have been swapped
	swapped   []int // records whose date fits the ids' order only swapped
}

// Tuning of the detector: how many reference dates on each side bound a
// value (their median), how far outside the bounds a date still fits
// (ids are not strictly in time order), and the least records to judge.
const (
	swapNeighbours = 3
	swapTolDays    = 3
	swapMinRecords = 12
)

// findSwaps returns the ambiguous records whose date breaks the order of
// the ids and fits it with day and month swapped. The bounds of a record
// come from the unambiguous dates nearest to it in id order: the median
// of the few before it and of the few after it. It finds nothing when the
// ids do not follow time (fewer than 80% of the unambiguous dates within
// their own bounds) or there are too few records.
func findSwaps(rs []swapCheck, swap func(rec int) (int64, bool)) swapReport {
	var rep swapReport
	for _, r := range rs {
		if r.ambiguous {
			rep.ambiguous++
		}
	}
	if rep.ambiguous == 0 || len(rs) < swapMinRecords {
		return rep
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].key < rs[j].key })
	var ref []int // positions (in id order) of the unambiguous records
	for i, r := range rs {
		if !r.ambiguous {
			ref = append(ref, i)
		}
	}
	if len(ref) < swapMinRecords/2 {
		return rep
	}
	median := func(days []int64) int64 {
		slices.Sort(days)
		return days[len(days)/2]
	}
	// bounds are the earliest and latest day position i may have: the
	// medians of the reference days just before and just after it (i
	// itself left out); none on one side leaves that side open.
	bounds := func(i int) (lo, hi int64) {
		lo, hi = math.MinInt64/2, math.MaxInt64/2
		at, _ := slices.BinarySearch(ref, i)
		var before, after []int64
		for k := at - 1; k >= 0 && len(before) < swapNeighbours; k-- {
			before = append(before, rs[ref[k]].day)
		}
		for k := at; k < len(ref) && len(after) < swapNeighbours; k++ {
			if ref[k] != i {
				after = append(after, rs[ref[k]].day)
			}
		}
		if len(before) > 0 {
			lo = median(before) - swapTolDays
		}
		if len(after) > 0 {
			hi = median(after) + swapTolDays
		}
		return lo, hi
	}
	fit := 0
	for _, p := range ref {
		if lo, hi := bounds(p); rs[p].day >= lo && rs[p].day <= hi {
			fit++
		}
	}
	if fit*5 < len(ref)*4 {
		return rep // the ids do not follow time
	}
	for i, r := range rs {
		if !r.ambiguous {
			continue
		}
		lo, hi := bounds(i)
		if r.day >= lo && r.day <= hi {
			continue
		}
		if s, ok := swap(r.rec); ok && s >= lo && s <= hi {
			rep.swapped = append(rep.swapped, r.rec)
		}
	}
	sort.Ints(rep.swapped)
	return rep
}

// idNumber reads the number in an id (INC0010231, 250101, #4512): its
// longest run of digits; false when it has none.
func idNumber(id string) (float64, bool) {
	best := ""
	for i := 0; i < len(id); {
		if id[i] < '0' || id[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(id) && id[j] >= '0' && id[j] <= '9' {
			j++
		}
		if j-i > len(best) {
			best = id[i:j]
		}
		i = j
	}
	if best == "" || len(best) > 15 {
		return 0, false
	}
	v, err := strconv.ParseFloat(best, 64)
	return v, err == nil
}

// civilDay counts days since 1970-01-01 for a wall date.
func civilDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// checkSwaps runs the detector on the file's created column and adds a
// warning naming the damage and the fix. ambiguous marks the records whose
// created value waited for the column's order.
func (e *engine) checkSwaps(ambiguous map[int]bool) {
	if len(ambiguous) == 0 || len(e.b.Columns[FieldID]) == 0 || len(e.b.Columns[FieldCreated]) == 0 {
		return
	}
	recs := e.res.records
	var rs []swapCheck
	var c Contact
	for i := 0; i < recs.len(); i++ {
		recs.get(i, &c)
		if e.rejected[i] || c.Created.IsZero() {
			continue
		}
		key, ok := idNumber(c.ID)
		if !ok {
			continue
		}
		w := c.Created.In(e.loc)
		rs = append(rs, swapCheck{rec: i, key: key, day: civilDay(w.Year(), w.Month(), w.Day()), ambiguous: ambiguous[i]})
	}
	if len(rs)*5 < recs.len()*4 {
		return // most ids carry no number
	}
	swap := func(rec int) (int64, bool) {
		recs.get(rec, &c)
		w := c.Created.In(e.loc)
		if w.Day() > 12 {
			return 0, false
		}
		return civilDay(w.Year(), time.Month(w.Day()), int(w.Month())), true
	}
	rep := findSwaps(rs, swap)
	if len(rep.swapped) == 0 {
		return
	}
	byMonth := map[string]int{}
	var shown []string
	for _, rec := range rep.swapped {
		recs.get(rec, &c)
		w := c.Created.In(e.loc)
		byMonth[w.Format("2006-01")]++
		if len(shown) < 3 {
			shown = append(shown, fmt.Sprintf("line %d read as %s, fits as %s", c.Source.Line, w.Format("2006-01-02"),
				time.Date(w.Year(), time.Month(w.Day()), int(w.Month()), 0, 0, 0, 0, time.UTC).Format("2006-01-02")))
		}
	}
	var months []string
	for _, m := range slices.Sorted(maps.Keys(byMonth)) {
		months = append(months, fmt.Sprintf("%s (%d)", m, byMonth[m]))
	}
	name := strings.TrimSpace(e.h.Raw[e.b.Columns[FieldCreated][0]])
	idName := strings.TrimSpace(e.h.Raw[e.b.Columns[FieldID][0]])
	fix := "--date-order swapped (or date_order: swapped in a map) reads them the other way"
	if order, assumed, _ := e.dateCols[FieldCreated].Finish(); assumed || order == dates.Swapped {
		fix = "--date-order dmy or mdy (or date_order in a map) sets the order"
	}
	e.res.Warnings = append(e.res.Warnings, fmt.Sprintf(
		"column %q: %d of its %d dates with day and month both 12 or less break the order of %q and fit it with day and month swapped, as a spreadsheet round-trip leaves them (%s); months affected: %s; %s",
		name, len(rep.swapped), rep.ambiguous, idName, strings.Join(shown, "; "), strings.Join(months, ", "), fix))
	e.res.SwappedDates = len(rep.swapped)
}
