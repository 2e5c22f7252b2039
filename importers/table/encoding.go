package table

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textEncoding is how the bytes of a text file become UTF-8.
type textEncoding struct {
	name string            // reported in Info.Encoding
	dec  encoding.Encoding // nil: the bytes are UTF-8 and pass through untouched
	warn string            // why a guess was made, for Info.Warnings
}

// commonEncodings are suggested when a forced name is unknown.
const commonEncodings = "utf-8, utf-16le, utf-16be, gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, latin1, iso-8859-15"

// lookupEncoding resolves a user-given name (WHATWG labels first, as
// browsers accept, then IANA names).
func lookupEncoding(name string) (textEncoding, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "utf-8", "utf8":
		return textEncoding{name: "utf-8"}, nil
	case "utf-16", "utf16":
		// byte-order mark decides, little-endian without one (Windows)
		return textEncoding{name: "utf-16", dec: unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)}, nil
	}
	e, err := htmlindex.Get(n)
	if err != nil || e == nil {
		e, err = ianaindex.IANA.Encoding(n)
	}
	if err != nil || e == nil {
		return textEncoding{}, fmt.Errorf("%w: unknown encoding %q: use one of %s", ErrBadOption, name, commonEncodings)
	}
	canon, err := htmlindex.Name(e)
	if err != nil {
		if canon, err = ianaindex.IANA.Name(e); err != nil {
			canon = n
		}
	}
	canon = strings.ToLower(canon)
	if canon == "utf-8" {
		return textEncoding{name: "utf-8"}, nil
	}
	return textEncoding{name: canon, dec: e}, nil
}

// detectEncoding chooses the encoding of a text file from its first bytes
// (head; atEOF when head is the whole file). A byte-order mark is trusted;
// then UTF-16 is recognised by its NUL bytes; then valid UTF-8 wins, as
// it cannot happen by accident in other encodings, and so does UTF-8 with
// a few stray bytes (damagedUTF8); otherwise GB18030 when the bytes pair
// up as Chinese characters do, else Windows-1252, the Excel default of
// Western Windows.
func detectEncoding(head []byte, atEOF bool) textEncoding {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return textEncoding{name: "utf-8 (BOM)"}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return textEncoding{name: "utf-16le", dec: unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)}
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return textEncoding{name: "utf-16be", dec: unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)}
	}
	if le, be := nulPattern(head); le {
		return textEncoding{name: "utf-16le", dec: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
			warn: "decoded as utf-16le: the file has no byte-order mark but its NUL bytes say so (use --encoding to override)"}
	} else if be {
		return textEncoding{name: "utf-16be", dec: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
			warn: "decoded as utf-16be: the file has no byte-order mark but its NUL bytes say so (use --encoding to override)"}
	}
	if validUTF8Prefix(head, atEOF) {
		return textEncoding{name: "utf-8"}
	}
	if valid, invalid := utf8Sequences(head, atEOF); damagedUTF8(valid, invalid) {
		// the reader warns about each line that holds a bad byte
		return textEncoding{name: "utf-8"}
	}
	if looksGB18030(head, atEOF) {
		return textEncoding{name: "gb18030", dec: simplifiedchinese.GB18030,
			warn: "decoded as gb18030: the file is not valid UTF-8 and reads as Chinese text (use --encoding to override)"}
	}
	return textEncoding{name: "windows-1252", dec: charmap.Windows1252,
		warn: "decoded as windows-1252: the file is not valid UTF-8 (use --encoding to override)"}
}

// nulPattern reports UTF-16 without a BOM: text that is mostly ASCII has a
// NUL in every other byte, on the odd positions for little-endian.
func nulPattern(head []byte) (le, be bool) {
	n := min(len(head), 4096) &^ 1
	if n < 4 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	le = odd*10 >= pairs*3 && even*20 <= pairs
	be = even*10 >= pairs*3 && odd*20 <= pairs
	return le, be
}

// damagedUTF8 reports a UTF-8 file with a few stray bytes (a field pasted
// from another program, a byte lost in transit), told apart from a legacy
// encoding by the share of invalid sequences among the non-ASCII ones in
// the sniffed window: at least one valid multi-byte character, and at most
// one invalid sequence in four.
//
// Measured on the first 64 KiB of exports (invalid / non-ASCII sequences):
// UTF-8 exports with one stray byte 0.0001-0.071 (Freshdesk with 13 curly
// quotes and one 0xE9: 1 of 14); Windows-1252 and Latin-1 exports in de,
// es, fr, it, nl and pt 1.0 (not one valid sequence); GBK and GB18030
// exports 0.785-0.907 over the window and at least 0.667 over any prefix
// of whole lines, since a GB2312 character is a valid UTF-8 pair only when
// its lead byte is C2-DF and its trail byte at most BF (about 1 in 7), and
// every other character gives two invalid bytes. Random GB2312 text falls
// to a quarter in 0.2% of 4-character runs, 0.005% of 8-character runs
// and none of 20,000 runs of 10 or more characters.
func damagedUTF8(valid, invalid int) bool {
	return valid > 0 && invalid*4 <= valid+invalid
}

// utf8Sequences counts the valid multi-byte characters and the invalid
// bytes of b; a character cut by the end of the window is neither.
func utf8Sequences(b []byte, atEOF bool) (valid, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r != utf8.RuneError || size > 1:
			valid++
		case !atEOF && !utf8.FullRune(b[i:]):
			return valid, invalid
		default:
			invalid++
		}
		i += size
	}
	return valid, invalid
}

// validUTF8Prefix is utf8.Valid, except that a character cut by the end
// of the sniffed window is not held against the file.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if atEOF {
		return false
	}
	for cut := 1; cut <= 3 && cut <= len(b); cut++ {
		if !utf8.RuneStart(b[len(b)-cut]) {
			continue
		}
		return utf8.Valid(b[:len(b)-cut]) && !utf8.FullRune(b[len(b)-cut:])
	}
	return false
}

// looksGB18030 reports whether b is valid GB18030 with Chinese-looking
// pairs. Western text with accents can also form valid pairs ("Müller" is
// FC 6C), but those have an ASCII trail byte, while the GB2312 characters
// that make up most Chinese text have both bytes >= 0xA1; so at least half
// of the pairs must have a high trail byte.
func looksGB18030(b []byte, atEOF bool) bool {
	pairs, high := 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
			continue
		case c == 0x80 || c == 0xFF:
			return false
		}
		if i+1 >= len(b) {
			return !atEOF && pairs > 0 && high*2 >= pairs
		}
		t := b[i+1]
		switch {
		case t >= 0x40 && t <= 0xFE && t != 0x7F:
			pairs++
			if t >= 0x80 {
				high++
			}
			i += 2
		case t >= 0x30 && t <= 0x39: // four-byte sequence
			if i+3 >= len(b) {
				return !atEOF && pairs > 0 && high*2 >= pairs
			}
			if b[i+2] < 0x81 || b[i+2] > 0xFE || b[i+3] < 0x30 || b[i+3] > 0x39 {
				return false
			}
			pairs++
			high++
			i += 4
		default:
			return false
		}
	}
	return pairs > 0 && high*2 >= pairs
}

// decodedStream turns a raw stream into UTF-8. UTF-8 passes through a
// plain bufio.Reader (no per-byte work); other encodings are transformed
// as they stream. A leading BOM, in whatever encoding, is dropped.
func decodedStream(raw io.Reader, enc textEncoding) *bufio.Reader {
	var br *bufio.Reader
	if enc.dec == nil {
		br = bufio.NewReaderSize(raw, sniffSize)
	} else {
		br = bufio.NewReaderSize(transform.NewReader(raw, enc.dec.NewDecoder()), sniffSize)
	}
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	return br
}

// lineCounter sits under the CSV parser's buffer: it notices invalid
// UTF-8 in a "UTF-8" file, so the user hears which lines hold bytes that
// are no text, at a cost of one fast validity check per 64 KiB read.
type lineCounter struct {
	r        io.Reader
	validate bool
	lines    int    // newlines seen so far
	carry    []byte // an incomplete character cut by the previous read
	// badLines are the first maxBadLines 1-based lines holding an
	// invalid byte; badCount counts them all.
	badLines []int
	badCount int
	badLast  int
}

// maxBadLines is how many lines with invalid bytes a warning names.
const maxBadLines = 5

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 && c.validate {
		c.check(p[:n], c.lines+1, false)
	}
	if n > 0 {
		c.lines += bytes.Count(p[:n], []byte{'\n'})
	}
	return n, err
}

// check notes the lines of b's invalid bytes, b starting on line. A
// character cut by the end of b is carried to the next read unless atEOF.
func (c *lineCounter) check(b []byte, line int, atEOF bool) {
	if k := len(c.carry); k > 0 {
		joined := append(append([]byte(nil), c.carry...), b[:min(4-k, len(b))]...)
		if !utf8.FullRune(joined) && !atEOF {
			c.carry = joined
			return
		}
		c.carry = c.carry[:0]
		if r, size := utf8.DecodeRune(joined); r == utf8.RuneError && size <= 1 {
			c.bad(line) // the carried bytes; b is checked from its start
		} else {
			b = b[size-k:]
		}
	}
	if utf8.Valid(b) {
		return
	}
	counted := 0 // b[:counted] has had its newlines added to line
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !atEOF && !utf8.FullRune(b[i:]) {
				c.carry = append(c.carry[:0], b[i:]...)
				return
			}
			line += bytes.Count(b[counted:i], []byte{'\n'})
			counted = i
			c.bad(line)
		}
		i += size
	}
}

// end is called at the end of the stream: a character cut by it is
// invalid.
func (c *lineCounter) end() {
	if len(c.carry) > 0 {
		c.carry = c.carry[:0]
		c.bad(c.lines + 1)
	}
}

// bad records an invalid byte on line; lines arrive in order.
func (c *lineCounter) bad(line int) {
	if c.badCount > 0 && c.badLast >= line {
		return
	}
	c.badCount++
	if len(c.badLines) < maxBadLines {
		c.badLines = append(c.badLines, line)
	}
	c.badLast = line
}

// warning names the lines that hold invalid bytes, the first ones and how
// many more; kept says what became of the bytes.
func (c *lineCounter) warning(kept string) string {
	tail := fmt.Sprintf("not valid UTF-8: %s (use --encoding to name the file's encoding)", kept)
	if c.badCount == 1 {
		return fmt.Sprintf("line %d is %s", c.badLines[0], tail)
	}
	names := make([]string, len(c.badLines))
	for i, l := range c.badLines {
		names[i] = strconv.Itoa(l)
	}
	list := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	if more := c.badCount - len(c.badLines); more > 0 {
		list = fmt.Sprintf("%s and %d more", strings.Join(names, ", "), more)
	}
	return fmt.Sprintf("lines %s are %s", list, tail)
}
