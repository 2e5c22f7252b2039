package models

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

func at(s string) time.Time {
	t, _, err := ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		want []Point
	}{
		{"bank 5-minute", "datetime,calls\n2003-03-03 07:00:00,111\n2003-03-03 07:05:00,113\n", ReadOptions{},
			[]Point{{at("2003-03-03 07:00:00"), 111}, {at("2003-03-03 07:05:00"), 113}}},
		{"daily with a weekday column", "date,calls,weekday\n2003-03-03,41257,Monday\n2003-03-04,34975,Tuesday\n", ReadOptions{},
			[]Point{{at("2003-03-03"), 41257}, {at("2003-03-04"), 34975}}},
		{"time column not first", "queue,day,offered,answered\nsales,2024-01-02,12,10\n", ReadOptions{},
			[]Point{{at("2024-01-02"), 12}}},
		{"value before time", "calls,date\n5,2024-01-02\n", ReadOptions{},
			[]Point{{at("2024-01-02"), 5}}},
		{"columns by name", "date,offered,answered\n2024-01-02,12,10\n", ReadOptions{TimeColumn: "DATE", ValueColumn: "answered"},
			[]Point{{at("2024-01-02"), 10}}},
		{"columns by number", "date,offered,answered\n2024-01-02,12,10\n", ReadOptions{TimeColumn: "1", ValueColumn: "3"},
			[]Point{{at("2024-01-02"), 10}}},
		{"semicolons, BOM, CRLF", "\ufeffdate;calls\r\n2024-01-02;7\r\n2024-01-03;8.5\r\n", ReadOptions{},
			[]Point{{at("2024-01-02"), 7}, {at("2024-01-03"), 8.5}}},
		{"gaps are skipped", "date,calls\n2024-01-02,7\n2024-01-03,\n2024-01-04,NA\n2024-01-05,0\n", ReadOptions{},
			[]Point{{at("2024-01-02"), 7}, {at("2024-01-05"), 0}}},
		{"RFC 3339 and T", "ts,n\n2024-01-02T08:00:00Z,1\n2024-01-02T08:15,2\n", ReadOptions{},
			[]Point{{at("2024-01-02T08:00:00Z"), 1}, {at("2024-01-02 08:15"), 2}}},
	}
	for _, tt := range tests {
		got, err := ReadCSV(strings.NewReader(tt.in), "s.csv", tt.opt)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d points, want %d: %v", tt.name, len(got), len(tt.want), got)
			continue
		}
		for i := range got {
			if !got[i].T.Equal(tt.want[i].T) || got[i].V != tt.want[i].V {
				t.Errorf("%s: point %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  ReadOptions
		want []diag.Error // Err holds the sentinel cause
	}{
		{"non-numeric value", "datetime,calls\n2003-03-03 07:00:00,111\n2003-03-03 07:05:00,1l3\n", ReadOptions{},
			[]diag.Error{{File: "s.csv", Line: 3, Column: 2, Field: "calls", Err: ErrBadNumber}}},
		{"every bad line reported", "date,calls\n2024-01-02,x\n2024-01-03,5\n2024-13-04,6\n2024-01-05,1e999\n", ReadOptions{},
			[]diag.Error{
				{File: "s.csv", Line: 2, Column: 2, Field: "calls", Err: ErrBadNumber},
				{File: "s.csv", Line: 4, Column: 1, Field: "date", Err: ErrBadTime},
				{File: "s.csv", Line: 5, Column: 2, Field: "calls", Err: ErrBadNumber},
			}},
		{"duplicate time", "date,calls\n2024-01-02,1\n2024-01-02,2\n", ReadOptions{},
			[]diag.Error{{File: "s.csv", Line: 3, Column: 1, Field: "date", Err: ErrDuplicateTime}}},
		{"short line", "date,offered,answered\n2024-01-02,1,1\n2024-01-03,2\n", ReadOptions{ValueColumn: "answered"},
			[]diag.Error{{File: "s.csv", Line: 3, Err: ErrMissingField}}},
		{"empty file", "", ReadOptions{}, []diag.Error{{File: "s.csv", Line: 1, Err: ErrEmpty}}},
		{"header only", "date,calls\n", ReadOptions{}, []diag.Error{{File: "s.csv", Line: 2, Err: ErrEmpty}}},
		{"no time column", "queue,calls\nsales,5\n", ReadOptions{}, []diag.Error{{File: "s.csv", Line: 1, Err: ErrNoColumn}}},
		{"no value column", "date,queue\n2024-01-02,sales\n", ReadOptions{}, []diag.Error{{File: "s.csv", Line: 1, Err: ErrNoColumn}}},
		{"unknown column", "date,calls\n2024-01-02,5\n", ReadOptions{ValueColumn: "answered"}, []diag.Error{{File: "s.csv", Line: 1, Err: ErrNoColumn}}},
		{"bad quote", "date,calls\n2024-01-02,5\n2024-01-03,\"6\n", ReadOptions{}, []diag.Error{{File: "s.csv", Line: 3, Err: ErrBadCSV}}},
		{"values all empty", "date,calls\n2024-01-02,\n", ReadOptions{ValueColumn: "calls"}, []diag.Error{{File: "s.csv", Line: 2, Column: 2, Field: "calls", Err: ErrEmpty}}},
	}
	for _, tt := range tests {
		_, err := ReadCSV(strings.NewReader(tt.in), "s.csv", tt.opt)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !errors.Is(err, ErrInvalidSeries) {
			t.Errorf("%s: %v does not wrap ErrInvalidSeries", tt.name, err)
		}
		got := readErrors(err)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d errors, want %d: %v", tt.name, len(got), len(tt.want), err)
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.File != w.File || g.Line != w.Line || g.Column != w.Column || g.Field != w.Field || !errors.Is(g.Err, w.Err) {
				t.Errorf("%s: error %d = %+v (%v), want %+v", tt.name, i, *g, g, w)
			}
		}
	}
}

// readErrors unpacks the *diag.Errors of an error, listed or not.
func readErrors(err error) []*diag.Error {
	var out []*diag.Error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, readErrors(e)...)
		}
		return out
	}
	var re *diag.Error
	if errors.As(err, &re) {
		out = append(out, re)
	}
	return out
}

func TestReadErrorMessage(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("datetime,calls\n2003-03-03 07:00:00,111\n2003-03-03 07:05:00,abc\n"), "calls.csv", ReadOptions{})
	want := `calls.csv:3:2: calls: "abc": invalid series: expected a number`
	if err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestReadCSVManyBadLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,calls\n")
	for d := range 25 {
		b.WriteString(time.Date(2024, 1, 1+d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) + ",x\n")
	}
	_, err := ReadCSV(strings.NewReader(b.String()), "s.csv", ReadOptions{ValueColumn: "calls"})
	if n := len(readErrors(err)); n != maxReadErrors {
		t.Errorf("%d errors listed, want %d", n, maxReadErrors)
	}
	if !strings.HasSuffix(err.Error(), "\n(stopped after 10 errors)") {
		t.Errorf("error does not say the list stopped: %v", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"datetime,calls\n2003-03-03 07:00:00,111\n2003-03-03 07:05:00,113\n",
		"date,calls,weekday\n2003-03-03,41257,Monday\n",
		"date;calls\r\n2024-01-02;7\r\n",
		"date,calls\n2024-01-02,\"6\n",
		"\ufeffts,n\n2024-01-02T08:00:00Z,1\n",
		"a,b\n1,2\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		pts, err := ReadCSV(strings.NewReader(in), "f.csv", ReadOptions{})
		if err != nil {
			if !errors.Is(err, ErrInvalidSeries) {
				t.Fatalf("error %v does not wrap ErrInvalidSeries", err)
			}
			return
		}
		if len(pts) == 0 {
			t.Fatal("no points and no error")
		}
		for _, p := range pts {
			if !finite(p.V) {
				t.Fatalf("non-finite value %v", p.V)
			}
		}
	})
}
