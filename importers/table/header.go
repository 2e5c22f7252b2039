package table

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// delimiters are the separators sniffed, in the order that wins ties.
var delimiters = [...]rune{',', ';', '\t', '|'}

// sniffRecords is how many records the delimiter sniff looks at.
const sniffRecords = 20

// sniffDelimiter picks the separator whose count per record (outside
// quotes) is the same on the most records, because a real separator
// splits every row alike while the others only occur inside values.
// Title lines count for no candidate, so they do not disturb the vote.
// A file where no candidate occurs is one column wide: ','.
func sniffDelimiter(head []byte, atEOF bool, preferTab bool) rune {
	order := delimiters
	if preferTab {
		order = [...]rune{'\t', ',', ';', '|'}
	}
	best, bestSupport := ',', 0
	for _, d := range order {
		if s := delimiterSupport(head, byte(d), atEOF); s > bestSupport {
			best, bestSupport = d, s
		}
	}
	return best
}

// delimiterSupport returns how many of the first records have the modal
// non-zero count of d outside quotes.
func delimiterSupport(head []byte, d byte, atEOF bool) int {
	var counts []int
	inQuote, fieldStart, count, filled := false, true, 0, false
	for i := 0; i < len(head) && len(counts) < sniffRecords; i++ {
		c := head[i]
		if inQuote {
			if c == '"' {
				if i+1 < len(head) && head[i+1] == '"' {
					i++
				} else {
					inQuote = false
				}
			}
			continue
		}
		switch c {
		case '\n':
			if filled {
				counts = append(counts, count)
			}
			inQuote, fieldStart, count, filled = false, true, 0, false
			continue
		case '\r':
			continue
		case d:
			count++
			fieldStart, filled = true, true
			continue
		case '"':
			if fieldStart {
				inQuote = true
			}
		}
		fieldStart, filled = false, true
	}
	if atEOF && filled && !inQuote && len(counts) < sniffRecords {
		counts = append(counts, count)
	}
	freq := map[int]int{}
	mode, support := 0, 0
	for _, n := range counts {
		if n == 0 {
			continue
		}
		freq[n]++
		if f := freq[n]; f > support || (f == support && n > mode) {
			mode, support = n, f
		}
	}
	return support
}

// blankFields reports a row whose every cell is empty or whitespace
// (NBSP included, as Zendesk Explore writes it for empty values). The
// first non-space byte ends the scan, so data rows cost almost nothing.
func blankFields(fields []string) bool {
	for _, f := range fields {
		if !blankString(f) {
			return false
		}
	}
	return true
}

func blankString(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\v' && c != '\f' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '\ufeff' {
			return false
		}
		i += size
	}
	return true
}

func filledCells(fields []string) int {
	n := 0
	for _, f := range fields {
		if !blankString(f) {
			n++
		}
	}
	return n
}

// findHeader returns the index of the header among the first non-blank
// rows (nil entries are unreadable records), or -1. Reports put a title,
// a date or notes above the header; those rows have fewer filled cells
// than the table is wide. The header is the first row with at least two
// filled cells and at least 60% of the modal width of the rows below it
// (one cell suffices when the table is one column wide).
func findHeader(rows [][]string) int {
	for i, r := range rows {
		if r == nil {
			continue
		}
		filled := filledCells(r)
		if filled == 0 {
			continue
		}
		typical := modalWidth(rows[i+1:])
		if typical == 0 {
			typical = len(r)
		}
		need := max(2, (typical*6+9)/10)
		if typical == 1 {
			need = 1
		}
		if filled >= need {
			return i
		}
	}
	return -1
}

// modalWidth is the most common row length (the longer on a tie). Rows
// of one cell are title or note lines unless every row is one cell wide,
// so they count only then.
func modalWidth(rows [][]string) int {
	freq := map[int]int{}
	mode, best, single := 0, 0, false
	for _, r := range rows {
		if r == nil {
			continue
		}
		n := len(r)
		if n <= 1 {
			single = true
			continue
		}
		freq[n]++
		if f := freq[n]; f > best || (f == best && n > mode) {
			mode, best = n, f
		}
	}
	if mode == 0 && single {
		return 1
	}
	return mode
}

// titleWarning describes the lines skipped above a header found below
// the first line.
func titleWarning(unit string, headerLine int) string {
	return fmt.Sprintf("skipped %d title %s before the header on %s %d", headerLine-1, plural(unit, headerLine-1), unit, headerLine)
}

func plural(unit string, n int) string {
	if n == 1 {
		return unit
	}
	return unit + "s"
}

// trimBOM removes a byte-order mark left at the start of the first
// header cell (a file decoded with a forced encoding keeps it).
func trimBOM(header []string) {
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
}
