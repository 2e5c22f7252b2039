package report

import (
	"strconv"
	"strings"
	"testing"
)

func TestSafeCSV(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Alice", "Alice"},
		{"=1+1", "'=1+1"},
		{"+1 555", "'+1 555"},
		{"-2", "-2"}, // a number, not a formula
		{"-2+A1", "'-2+A1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=x", "'\t=x"},
		{"\r=x", "'\r=x"},
		{"a=b", "a=b"},
		{"\x00=x", "'=x"},
	}
	for _, tc := range tests {
		if got := safeCSV(tc.in); got != tc.want {
			t.Errorf("safeCSV(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzSafeCSV: the neutralised field never starts with a character a
// spreadsheet evaluates, and only an apostrophe is ever added.
func FuzzSafeCSV(f *testing.F) {
	for _, s := range []string{"", "Alice", "=1+1", "+1", "-x", "@x", "\t=x", "\r", "'=x", "\x00=x", "王"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeCSV(s)
		if _, err := strconv.ParseFloat(got, 64); err != nil && got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) {
			t.Fatalf("safeCSV(%q) = %q starts with a formula character", s, got)
		}
		clean := CleanText(s)
		if got != clean && got != "'"+clean {
			t.Fatalf("safeCSV(%q) = %q changed more than a prefix", s, got)
		}
	})
}
