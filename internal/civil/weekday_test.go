package civil

import (
	"slices"
	"testing"
	"time"
)

func TestParseWeekday(t *testing.T) {
	accepted := map[string]time.Weekday{
		"sun": time.Sunday, "Sunday": time.Sunday, "mon": time.Monday, "MONDAY": time.Monday,
		"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
		"wed": time.Wednesday, "wednesday": time.Wednesday, "thu": time.Thursday, "thur": time.Thursday,
		"thurs": time.Thursday, "thursday": time.Thursday, "fri": time.Friday, " Friday ": time.Friday,
		"sat": time.Saturday, "saturday": time.Saturday,
	}
	for s, want := range accepted {
		if got, err := ParseWeekday(s); err != nil || got != want {
			t.Errorf("ParseWeekday(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "m", "mo", "su", "monxyz", "mondays", "funday", "lun", "1", "mon-fri"} {
		_, err := ParseWeekday(s)
		want := `day "` + s + `": want mon, tue, wed, thu, fri, sat or sun`
		if err == nil || err.Error() != want {
			t.Errorf("ParseWeekday(%q) = %v; want error %q", s, err, want)
		}
	}
}

func TestParseWeekdays(t *testing.T) {
	const (
		sun = time.Sunday
		mon = time.Monday
		tue = time.Tuesday
		wed = time.Wednesday
		thu = time.Thursday
		fri = time.Friday
		sat = time.Saturday
	)
	week := []time.Weekday{sun, mon, tue, wed, thu, fri, sat}
	tests := []struct {
		in   string
		want []time.Weekday
	}{
		{"mon", []time.Weekday{mon}},
		{"Monday", []time.Weekday{mon}},
		{"mon-fri", []time.Weekday{mon, tue, wed, thu, fri}},
		{"Mon-Fri", []time.Weekday{mon, tue, wed, thu, fri}},
		{"monday-friday", []time.Weekday{mon, tue, wed, thu, fri}},
		{"sat,sun", []time.Weekday{sat, sun}},
		{"sat, sun", []time.Weekday{sat, sun}},
		{"mon,wed-fri", []time.Weekday{mon, wed, thu, fri}},
		{"fri-mon", []time.Weekday{fri, sat, sun, mon}},
		{"sun-sat", week},
		{"mon-sun", []time.Weekday{mon, tue, wed, thu, fri, sat, sun}},
		{"wed-wed", []time.Weekday{wed}},
		{"mon,mon,tue", []time.Weekday{mon, tue}},
		{"mon-wed,tue-thu", []time.Weekday{mon, tue, wed, thu}},
		{"mon,,tue", []time.Weekday{mon, tue}},
		{"thurs", []time.Weekday{thu}},
		{"daily", week},
		{"all", week},
		{" DAILY ", week},
	}
	for _, tt := range tests {
		got, err := ParseWeekdays(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseWeekdays(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	rejected := []struct{ in, err string }{
		{"", `days "": none given`},
		{" , ", `days " , ": none given`},
		{"weekdays", `days "weekdays": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"mon-", `days "mon-": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"-fri", `days "-fri": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"mon-fri-sat", `days "mon-fri-sat": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"mon,funday", `days "funday": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"mon;tue", `days "mon;tue": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"mon tue", `days "mon tue": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"daily,mon", `days "daily": want mon, tue, ..., a range such as mon-fri, or daily`},
	}
	for _, tt := range rejected {
		got, err := ParseWeekdays(tt.in)
		if err == nil || err.Error() != tt.err {
			t.Errorf("ParseWeekdays(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
		}
	}
}
