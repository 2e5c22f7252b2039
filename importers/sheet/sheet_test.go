package sheet

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
)

func read(t *testing.T, in string) *Sheet {
	t.Helper()
	s, err := Read(strings.NewReader(in), "f.csv", table.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"1234", 1234}, {"1,234", 1234}, {"1,234,567", 1234567}, {"12,5", 12.5}, {"0,125", 0.125},
		{"1.234,5", 1234.5}, {"1,234.5", 1234.5}, {"1.234.567", 1234567}, {"1 234", 1234}, {"\u00a012.5 ", 12.5}, {"-3", -3},
	} {
		if got, err := Number(c.in); err != nil || got != c.want {
			t.Errorf("Number(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "abc", "NaN", "Inf", "1,2,3"} {
		if _, err := Number(bad); !errors.Is(err, ErrBadNumber) {
			t.Errorf("Number(%q): %v, want ErrBadNumber", bad, err)
		}
	}
}

// A semicolon file with 1.204 and no other decimals writes thousands with
// a dot; one with 99,5 writes decimals with a comma.
func TestDecimalComma(t *testing.T) {
	for _, c := range []struct {
		in    string
		comma bool
		cell  string
		want  float64
	}{
		{"d;n\n1;1.204\n2;1.190\n", true, "1.204", 1204},
		{"d;n;p\n1;3;99,5\n", true, "1.204", 1204},
		{"d,n\n1,1.204\n", false, "1.204", 1.204},
		{"d;n;p\n1;3;99.5\n", false, "1.204", 1.204},
	} {
		s := read(t, c.in)
		got, err := s.Number(c.cell)
		if s.DecimalComma() != c.comma || err != nil || got != c.want {
			t.Errorf("%q: decimal comma %v, %s = %v (%v); want %v, %v", c.in, s.DecimalComma(), c.cell, got, err, c.comma, c.want)
		}
	}
}

func TestFind(t *testing.T) {
	s := read(t, "\ufeffFecha;Total_Reservations;Web visits\n3-11-2025;1204;5000\n")
	if s.Info.Delimiter != ';' || s.Header[0] != "Fecha" {
		t.Fatalf("read %+v %q", s.Info, s.Header)
	}
	date := Want{Name: "date", Flag: "--date-col", Aliases: []string{"date", "fecha"}, Content: s.DateLike}
	orders := Want{Name: "orders", Flag: "--orders-col", Aliases: []string{"orders"}, Words: []string{"reservation"}, Content: s.Numeric}
	if c, err := s.Find(date); c != 0 || err != nil {
		t.Errorf("date: %d %v", c, err)
	}
	if c, err := s.Find(orders, 0); c != 1 || err != nil {
		t.Errorf("orders by word: %d %v", c, err)
	}
	orders.Given = "web_visits"
	if c, err := s.Find(orders, 0); c != 2 || err != nil {
		t.Errorf("given name: %d %v", c, err)
	}
	orders.Given = "3"
	if c, err := s.Find(orders, 0); c != 2 || err != nil {
		t.Errorf("given number: %d %v", c, err)
	}
	orders.Given = "sales"
	_, err := s.Find(orders, 0)
	want := `f.csv:1: column not found: --orders-col "sales": the file has no such column; its columns are "Fecha", "Total_Reservations", "Web visits" (or give a number 1..3)`
	if !errors.Is(err, ErrNoColumn) || err.Error() != want {
		t.Errorf("unknown name:\n got %v\nwant %s", err, want)
	}
	orders.Given, orders.Words = "", nil
	_, err = s.Find(orders, 0)
	want = `f.csv:1: column not found: no column has a name accepted for the orders (orders), and "Total_Reservations" and "Web visits" could each be it; name it with --orders-col`
	if err == nil || err.Error() != want {
		t.Errorf("ambiguous:\n got %v\nwant %s", err, want)
	}
	_, err = s.Find(Want{Name: "skill", Flag: "--skill-col", Aliases: []string{"skill", "queue"}})
	want = `f.csv:1: column not found: no skill column: the file's columns are "Fecha", "Total_Reservations", "Web visits"; accepted names: skill, queue; or name the column with --skill-col`
	if err == nil || err.Error() != want {
		t.Errorf("missing:\n got %v\nwant %s", err, want)
	}
}

// The order of day and month is learnt from the whole column: the rows
// before 28-11-2025 are read day-first too.
func TestParseTimes(t *testing.T) {
	s := read(t, "day,n\n3-11-2025,1\n4-11-2025 9:30,2\n28-11-2025,3\n31-02-2025,4\n,5\n")
	times, errs := s.ParseTimes(0, TimeOptions{Location: time.UTC})
	got := []string{}
	for i, r := range times.Values {
		if times.OK[i] {
			got = append(got, r.Time.Format("2006-01-02 15:04"))
		}
	}
	if strings.Join(got, "|") != "2025-11-03 00:00|2025-11-04 09:30|2025-11-28 00:00" {
		t.Errorf("read %v", got)
	}
	if len(errs) != 2 || errs[0].Line != 5 || errs[0].Column != 1 || errs[0].Field != "day" || !errors.Is(errs[0], dates.ErrBadDate) || errs[1].Line != 6 {
		t.Errorf("errors %v", errs)
	}
	if len(times.Warnings) != 0 {
		t.Errorf("warnings %v", times.Warnings)
	}
	s = read(t, "day,n\n3-11-2025,1\n4-11-2025,2\n")
	times, _ = s.ParseTimes(0, TimeOptions{Hint: "date_order"})
	if len(times.Warnings) != 1 || times.Warnings[0] != `column "day": no value tells day and month apart; read as month-first (set the order with date_order)` {
		t.Errorf("warnings %q", times.Warnings)
	}
	if times.Values[0].Time.Month() != time.March {
		t.Errorf("read %v", times.Values[0].Time)
	}
	// an offset is kept as written
	s = read(t, "interval,n\n2025-11-28T09:00:00+01:00,1\n")
	times, _ = s.ParseTimes(0, TimeOptions{})
	if w := WallClock(times.Values[0]); w.Hour() != 9 || !times.Values[0].Zoned {
		t.Errorf("wall clock %v", w)
	}
}
