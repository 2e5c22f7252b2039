package diag

import (
	"errors"
	"testing"
)

func TestFormat(t *testing.T) {
	err := errors.New("bad value")
	cases := []struct {
		line, col int
		field     string
		want      string
	}{
		{3, 7, "agents", "f.csv:3:7: agents: bad value"},
		{3, 0, "", "f.csv:3: bad value"},
		{0, 5, "x", "f.csv: x: bad value"}, // no line: the column means nothing
	}
	for _, c := range cases {
		if got := Format("f.csv", c.line, c.col, c.field, err); got != c.want {
			t.Errorf("Format(%d, %d, %q) = %q, want %q", c.line, c.col, c.field, got, c.want)
		}
	}
	if got := JoinMessages([]string{"a", "b"}, true, 2); got != "a\nb\n(stopped after 2 errors)" {
		t.Errorf("List = %q", got)
	}
}
