// Package textsafe makes text from input files safe to show and to write:
// values echoed in messages are cut short and stripped of control
// characters (a terminal escape in a header must not reach the user's
// terminal, a 50 MB line must not become a 50 MB message), and text cells
// written for spreadsheets cannot start a formula.
package textsafe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EchoRunes is how much of one value a message shows.
const EchoRunes = 60

// Clip returns s for a message: control characters (C0, DEL, C1 and the
// bidirectional overrides) become spaces, runs of blanks one space, and
// a value longer than max runes is cut with a note of what was left out.
func Clip(s string, max int) string {
	var b strings.Builder
	runes, space := 0, false
	for i, r := range s {
		if r == utf8.RuneError || isControl(r) || unicode.IsSpace(r) {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
				runes++
			}
			space = true
			continue
		}
		space = false
		if runes >= max {
			b.WriteString("…(" + strconv.Itoa(len(s)-i) + " more bytes)")
			return b.String()
		}
		b.WriteRune(r)
		runes++
	}
	return strings.TrimRight(b.String(), " ")
}

// Quote is Clip in double quotes, for values that may be empty or end in
// blanks.
func Quote(s string) string { return `"` + Clip(s, EchoRunes) + `"` }

// Message makes a whole message safe for a terminal: control characters
// other than line feed and tab are dropped, each line is cut at
// maxLineRunes runes and the whole at maxMessageBytes.
func Message(s string) string {
	const maxLineRunes, maxMessageBytes = 2000, 16 << 10
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || (isControl(r) && r != '\n' && r != '\t') {
			clean = false
			break
		}
	}
	if clean && len(s) <= maxLineRunes {
		return s
	}
	var b strings.Builder
	line := 0
	for i, r := range s {
		if b.Len() >= maxMessageBytes {
			b.WriteString("…(" + strconv.Itoa(len(s)-i) + " more bytes)")
			break
		}
		switch {
		case r == '\n':
			line = 0
			b.WriteByte('\n')
			continue
		case r == utf8.RuneError || (isControl(r) && r != '\t'):
			r = '?'
		}
		if line == maxLineRunes {
			b.WriteString("…")
		}
		line++
		if line > maxLineRunes {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isControl reports C0 and C1 controls, DEL, and the Unicode format
// characters that reorder or hide text (bidi overrides, zero-width).
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || unicode.Is(unicode.Cf, r) && r != '\u00ad'
}

// Cell returns a text cell for a CSV file or a workbook that no
// spreadsheet will run as a formula: text that starts with = + - @, a
// tab or a carriage return gets a leading apostrophe (OWASP's CSV
// injection advice). Numbers stay as they are, so "-3" and "+1.5" are not
// changed; Uncell undoes it when the file is read back.
func Cell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isNumber(s) {
		return s
	}
	return "'" + s
}

// Uncell removes the apostrophe Cell added (and the one earlier versions
// put before numbers too).
func Uncell(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// isNumber reports a plain decimal number such as -3, +1.5 or -0.25e3,
// which a spreadsheet reads as a number, not a formula.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "xXpPnNiI_")
}
