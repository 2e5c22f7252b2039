package dates

import (
	"errors"
	"testing"
	"time"
)

// Swapped: the values that tell day and month apart set how the column was
// written; the ambiguous ones are read the other way (a spreadsheet read
// 05-04-15 as May 4 and wrote it back as 04-05-15).
func TestSwappedOrder(t *testing.T) {
	c := NewColumn(Options{Location: time.UTC, Order: Swapped})
	values := []string{"22-04-15", "04-05-15", "30-04-15", "05-05-15"}
	var pending []int
	got := make([]time.Time, len(values))
	for i, v := range values {
		r, err := c.Parse(i+2, v)
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if r.Pending {
			pending = append(pending, i)
			continue
		}
		got[i] = r.Time
	}
	order, assumed, conflict := c.Finish()
	if order != MonthFirst || assumed || conflict != nil {
		t.Errorf("Finish = %v, %v, %v; want month-first for the ambiguous values", order, assumed, conflict)
	}
	for _, i := range pending {
		r, err := c.ParsePending(i+2, values[i])
		if err != nil {
			t.Fatal(err)
		}
		got[i] = r.Time
	}
	want := []string{"2015-04-22", "2015-04-05", "2015-04-30", "2015-05-05"}
	for i, w := range want {
		if got[i].Format("2006-01-02") != w {
			t.Errorf("%s read as %s, want %s", values[i], got[i].Format("2006-01-02"), w)
		}
	}
	if o, err := ParseOrder("swapped"); o != Swapped || err != nil {
		t.Errorf("ParseOrder(swapped) = %v, %v", o, err)
	}
}

func TestReadClock(t *testing.T) {
	for _, c := range []struct {
		in     string
		serial bool
		want   float64
	}{
		{"3:53:50 PM", false, 15*3600 + 53*60 + 50}, {"09:05", false, 9*3600 + 5*60}, {"12:00 AM", false, 0},
		{"下午3:05", false, 15*3600 + 5*60}, {"0.5", true, 43200}, {"45000.25", true, 21600}, {"23:59:59.5", false, 86399.5},
	} {
		if got, err := ReadClock(c.in, c.serial); err != nil || got != c.want {
			t.Errorf("ReadClock(%q, %v) = %v, %v; want %v", c.in, c.serial, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "25:00", "9", "0.5", "2025-11-28 09:00", "9:00 +01:00"} {
		if _, err := ReadClock(bad, false); !errors.Is(err, ErrBadDate) {
			t.Errorf("ReadClock(%q): %v, want ErrBadDate", bad, err)
		}
	}
}
