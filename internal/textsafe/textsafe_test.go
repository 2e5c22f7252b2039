package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCell(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"chat", "chat"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1 555", "'+1 555"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=x", "'\t=x"},
		{"\r=x", "'\r=x"},
		{"-2", "-2"},
		{"+1.5", "+1.5"},
		{"-1e3", "-1e3"},
		{"-Inf", "'-Inf"},
		{"-2+A1", "'-2+A1"},
		{"a=b", "a=b"},
	} {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tt := range []struct {
		in   string
		max  int
		want string
	}{
		{"Ticket ID", 60, "Ticket ID"},
		{"\x1b]0;pwned\x07\x1b[2Jid", 60, "]0;pwned [2Jid"},
		{"a\u202eb", 60, "a b"},
		{strings.Repeat("x", 100), 5, "xxxxx…(95 more bytes)"},
		{"  a \n\t b  ", 60, "a b"},
	} {
		if got := Clip(tt.in, tt.max); got != tt.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestMessage(t *testing.T) {
	if got := Message("a\x1b[2Jb\nc\td"); got != "a?[2Jb\nc\td" {
		t.Errorf("Message = %q", got)
	}
	long := Message(strings.Repeat("x", 50<<20))
	if len(long) > 20<<10 {
		t.Errorf("a 50 MB message became %d bytes", len(long))
	}
	if s := "plain message"; Message(s) != s {
		t.Errorf("a clean message changed")
	}
}

// FuzzCellRoundTrip: a written cell never starts a formula, and reading
// it back gives the value written.
func FuzzCellRoundTrip(f *testing.F) {
	for _, s := range []string{"", "x", "=1+1", "-2", "'=x", "@a", "\t", "+1.5e3", "-NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Cell(s)
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
			t.Fatalf("Cell(%q) = %q starts a formula", s, c)
		}
		if c != s && c != "'"+s {
			t.Fatalf("Cell(%q) = %q changed more than a prefix", s, c)
		}
		// a value that itself starts with an apostrophe before a formula
		// character is the one that cannot round-trip (it reads as escaped)
		if !(len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1]))) {
			if got := Uncell(c); got != s {
				t.Fatalf("Uncell(Cell(%q)) = %q", s, got)
			}
		}
	})
}

// FuzzClip: no control character and no more than max runes of the
// value survive.
func FuzzClip(f *testing.F) {
	for _, s := range []string{"", "a\x1bb", "\u202e", strings.Repeat("é", 100)} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 1 || max > 1000 {
			return
		}
		got := Clip(s, max)
		for _, r := range got {
			if isControl(r) || r == utf8.RuneError {
				t.Fatalf("Clip(%q) = %q keeps %U", s, got, r)
			}
		}
		if head, _, _ := strings.Cut(got, "…("); utf8.RuneCountInString(head) > max+1 {
			t.Fatalf("Clip(%q, %d) = %q is too long", s, max, got)
		}
		m := Message(s)
		for _, r := range m {
			if r != '\n' && r != '\t' && (isControl(r) || r == utf8.RuneError) {
				t.Fatalf("Message(%q) keeps %U", s, r)
			}
		}
	})
}
