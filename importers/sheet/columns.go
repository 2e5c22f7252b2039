package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// Want describes a column a reader needs.
type Want struct {
	// Name says what the column holds, for messages: "date", "orders".
	Name string
	// Flag is how the user names the column: "--date-col", or a plan key.
	Flag string
	// Given is the user's choice: a header name (case, blanks and
	// underscores ignored) or a 1-based column number. It wins over
	// everything else; a name the file does not have is an error.
	Given string
	// Aliases are the names accepted, preferred first.
	Aliases []string
	// Words are parts of a name that make a column a candidate when no
	// alias matches ("order" finds total_orders, order_count).
	Words []string
	// Content, when set, tests a value: a column is a candidate when most
	// of its first values pass (and at least one does).
	Content func(v string) bool
}

// sampleRows is how many rows content tests look at.
const sampleRows = 20

// Find returns the column a reader wants, or an error wrapping ErrNoColumn
// that lists the file's columns and the names accepted. Columns in skip
// (already taken) are not considered. The order: the given name or
// number; the first alias present; the one column whose name holds one of
// Words and whose content passes; the one column whose content passes.
// Several candidates of the same rank are an error naming them, never a
// guess.
func (s *Sheet) Find(w Want, skip ...int) (int, error) {
	taken := func(c int) bool {
		for _, x := range skip {
			if x == c {
				return true
			}
		}
		return false
	}
	if g := strings.TrimSpace(w.Given); g != "" {
		n := NormalizeName(g)
		for i, h := range s.norm {
			if h == n {
				return i, nil
			}
		}
		if k, err := strconv.Atoi(g); err == nil && k >= 1 && k <= len(s.Header) {
			return k - 1, nil
		}
		return -1, s.noColumn(fmt.Errorf("%w: %s %q: the file has no such column; its columns are %s (or give a number 1..%d)",
			ErrNoColumn, w.Flag, g, s.Columns(), len(s.Header)))
	}
	for _, a := range w.Aliases {
		n := NormalizeName(a)
		for i, h := range s.norm {
			if h == n && !taken(i) {
				return i, nil
			}
		}
	}
	content := func(c int) bool { return w.Content == nil || s.passes(c, w.Content) }
	if len(w.Words) > 0 {
		var cands []int
		for i, h := range s.norm {
			if taken(i) {
				continue
			}
			for _, word := range w.Words {
				if strings.Contains(h, NormalizeName(word)) && content(i) {
					cands = append(cands, i)
					break
				}
			}
		}
		switch len(cands) {
		case 1:
			return cands[0], nil
		case 0:
		default:
			return -1, s.ambiguous(w, cands)
		}
	}
	if w.Content != nil {
		var cands []int
		for i := range s.Header {
			if !taken(i) && s.passes(i, w.Content) {
				cands = append(cands, i)
			}
		}
		switch len(cands) {
		case 1:
			return cands[0], nil
		case 0:
		default:
			return -1, s.ambiguous(w, cands)
		}
	}
	return -1, s.noColumn(fmt.Errorf("%w: no %s column: the file's columns are %s; accepted names: %s; or name the column with %s",
		ErrNoColumn, w.Name, s.Columns(), strings.Join(w.Aliases, ", "), w.Flag))
}

// FindOptional is Find for a column that may be absent: -1 and no error
// when nothing matches (a given name that does not exist is still an
// error). Only Given and Aliases are used.
func (s *Sheet) FindOptional(w Want, skip ...int) (int, error) {
	w.Words, w.Content = nil, nil
	c, err := s.Find(w, skip...)
	if err != nil && strings.TrimSpace(w.Given) == "" {
		return -1, nil
	}
	return c, err
}

func (s *Sheet) ambiguous(w Want, cands []int) error {
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = strconv.Quote(s.Header[c])
	}
	return s.noColumn(fmt.Errorf("%w: no column has a name accepted for the %s (%s), and %s could each be it; name it with %s",
		ErrNoColumn, w.Name, strings.Join(w.Aliases, ", "), strings.Join(names, " and "), w.Flag))
}

func (s *Sheet) noColumn(err error) error {
	return &diag.Error{File: s.File, Line: s.HeaderLine, Err: err}
}

// passes reports whether most of the first non-empty values of column c
// pass ok, and at least one does: one typo in the first rows is then
// reported at its line instead of hiding the column.
func (s *Sheet) passes(c int, ok func(string) bool) bool {
	good, bad := 0, 0
	for i := 0; i < len(s.Rows) && good+bad < sampleRows; i++ {
		v := s.Cell(i, c)
		if Missing(v) {
			continue
		}
		if ok(v) {
			good++
		} else {
			bad++
		}
	}
	return good > 0 && good >= bad
}

// Missing reports the cells read as "no value": empty, NA, N/A, NaN,
// NULL, -, ?, and the NBSP some reports write.
func Missing(v string) bool {
	v = strings.Trim(v, " \u00a0\t")
	switch strings.ToUpper(v) {
	case "", "NA", "N/A", "NAN", "NULL", "-", "?", "—":
		return true
	}
	return false
}
