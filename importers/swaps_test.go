package importers

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// --date-order swapped reads the damaged dates of complaints_swapped.csv
// the other way: every contact lands in April to June 2015, the months of
// the ticket numbers, and no warning is left.
func TestSwappedDatesFixed(t *testing.T) {
	path := filepath.Join(fixtureDir, "complaints_swapped.csv")
	before, err := ReadFile(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if before.SwappedDates != 15 {
		t.Errorf("%d swapped dates found, want 15", before.SwappedDates)
	}
	fr, err := ReadFile(path, Options{Location: time.UTC, DateOrder: dates.Swapped})
	if err != nil {
		t.Fatal(err)
	}
	months := map[string]int{}
	for _, c := range fr.Records() {
		months[c.Created.Format("2006-01")]++
	}
	want := map[string]int{"2015-04": 12, "2015-05": 15, "2015-06": 13}
	if !equalCounts(months, want) {
		t.Errorf("months %v, want %v", months, want)
	}
	if fr.SwappedDates != 0 {
		t.Errorf("%d swapped dates left", fr.SwappedDates)
	}
	for _, w := range fr.Warnings {
		if strings.Contains(w, "swapped") {
			t.Errorf("warning left: %s", w)
		}
	}
	// 250385 wrote 04-05-15 for 5 April
	for _, c := range fr.Records() {
		if c.ID == "250385" && c.Created.Format(time.DateTime) != "2015-04-05 21:33:42" {
			t.Errorf("250385 created %v", c.Created)
		}
	}
}

// The detector stays silent where ids do not follow time, and on dates
// that are ambiguous but in order.
func TestFindSwapsQuiet(t *testing.T) {
	day := func(m time.Month, d int) int64 { return civilDay(2025, m, d) }
	swapOf := func(rs []swapCheck) func(int) (int64, bool) {
		return func(rec int) (int64, bool) {
			for _, r := range rs {
				if r.rec == rec {
					t := time.Unix(r.day*86400, 0).UTC()
					if t.Day() > 12 {
						return 0, false
					}
					return civilDay(t.Year(), time.Month(t.Day()), int(t.Month())), true
				}
			}
			return 0, false
		}
	}
	// in order: November, days 1..30, the ambiguous ones in place
	var inOrder []swapCheck
	for d := 1; d <= 30; d++ {
		inOrder = append(inOrder, swapCheck{rec: d, key: float64(d), day: day(time.November, d), ambiguous: d <= 12})
	}
	if rep := findSwaps(inOrder, swapOf(inOrder)); len(rep.swapped) != 0 || rep.ambiguous != 12 {
		t.Errorf("in order: %+v", rep)
	}
	// ids unrelated to time (a hash): nothing is reported
	var shuffled []swapCheck
	for i, d := range []int{14, 3, 28, 7, 19, 25, 2, 30, 16, 11, 22, 5, 27, 13, 9, 21, 17, 29, 24, 15} {
		shuffled = append(shuffled, swapCheck{rec: i, key: float64(i), day: day(time.Month(1+i%12), d), ambiguous: d <= 12})
	}
	if rep := findSwaps(shuffled, swapOf(shuffled)); len(rep.swapped) != 0 {
		t.Errorf("shuffled: %+v", rep)
	}
	for id, want := range map[string]float64{"INC0010231": 10231, "250101": 250101, "#4512-b": 4512} {
		if got, ok := idNumber(id); !ok || got != want {
			t.Errorf("idNumber(%q) = %v, %v", id, got, ok)
		}
	}
	if _, ok := idNumber("abc"); ok {
		t.Error("idNumber(abc) found a number")
	}
}
