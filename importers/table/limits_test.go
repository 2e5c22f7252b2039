package table

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// gzipBomb is count gzip members of one MiB of b each: a small file that
// expands to count MiB (gzip readers concatenate members).
func gzipBomb(t testing.TB, b byte, count int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte{b}, 1<<20))
	zw.Close()
	return bytes.Repeat(member.Bytes(), count)
}

// zipOf stores one entry (deflated, or stored when store is true).
func zipOf(t testing.TB, name string, data []byte, store bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	method := zip.Deflate
	if store {
		method = zip.Store
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

// readAllRows opens data and reads every row, returning the first error
// that is not a bad record.
func readAllRows(data []byte, name string, opts Options) error {
	r, err := NewReader(bytes.NewReader(data), name, opts)
	if err != nil {
		return err
	}
	defer r.Close()
	for {
		_, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, ErrTooLarge) {
			return err
		}
	}
}

// TestHostileInputs: each shape from the adversarial pass of issue 14 is
// refused with the cap it hit, not read into memory (a 50 MB line of
// commas took 3 GB, a 4 MB gzip of a 4 GiB line crashed the process).
func TestHostileInputs(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 14))
	random := make([]byte, 1<<20)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	header := "created,type\n2025-11-11 10:00,order\n"
	tests := []struct {
		name string
		data []byte
		file string
		want error // errors.Is target
		flag string
	}{
		{"line of commas", bytes.Repeat([]byte{','}, 4<<20), "x.csv", ErrTooLarge, FlagFields},
		{"one long line", bytes.Repeat([]byte{'x'}, 9<<20), "x.csv", ErrTooLarge, FlagRecordBytes},
		{"long line after a header", append([]byte(header), bytes.Repeat([]byte{'y'}, 9<<20)...), "x.csv", ErrTooLarge, FlagRecordBytes},
		{"unterminated quote", append([]byte(header+`"`), bytes.Repeat([]byte("a,b\n"), 3<<20)...), "x.csv", ErrTooLarge, FlagRecordBytes},
		{"gzip of one long line", gzipBomb(t, 'a', 64), "x.csv.gz", ErrTooLarge, FlagRecordBytes},
		{"gzip of newlines", gzipBomb(t, '\n', 100), "x.csv.gz", ErrTooLarge, FlagExpansion},
		{"zip of gzip", zipOf(t, "x.csv.gz", gzipBomb(t, 'a', 64), true), "x.zip", ErrTooLarge, FlagRecordBytes},
		{"zip bomb", zipOf(t, "x.csv", bytes.Repeat([]byte{'\n'}, 100<<20), false), "x.zip", ErrTooLarge, FlagExpansion},
		{"random bytes", random, "x.csv", ErrBinary, ""},
		{"random bytes gzipped", func() []byte {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(random)
			zw.Close()
			return b.Bytes()
		}(), "x.gz", ErrBinary, ""},
		{"JSON with a long string", []byte(`[{"a":"` + strings.Repeat("x", 9<<20) + `"}]`), "x.json", ErrTooLarge, FlagRecordBytes},
		{"NDJSON garbage line", append([]byte("{"), bytes.Repeat([]byte{'x'}, 9<<20)...), "x.jsonl", ErrTooLarge, FlagRecordBytes},
		{"NDJSON with too many keys", func() []byte {
			// every record brings new keys: the header is their union
			var b strings.Builder
			for rec := range 20 {
				b.WriteString(`{`)
				for i := range 1000 {
					if i > 0 {
						b.WriteByte(',')
					}
					b.WriteString(`"k` + itoa(rec*1000+i) + `":1`)
				}
				b.WriteString("}\n")
			}
			return []byte(b.String())
		}(), "x.jsonl", ErrTooLarge, FlagFields},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			err := readAllRows(tt.data, tt.file, Options{})
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.flag != "" && !strings.Contains(err.Error(), tt.flag) {
				t.Errorf("the message does not name %s: %v", tt.flag, err)
			}
			if len(err.Error()) > 400 {
				t.Errorf("a %d-byte message", len(err.Error()))
			}
			// the input itself plus a few times the record cap
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(tt.data))+160<<20 {
				t.Errorf("allocated %d MiB for a %d MiB input", alloc>>20, len(tt.data)>>20)
			}
		})
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// TestCommasCost: a 1 MB line of commas cost 110 MB of allocations
// before the field cap; it now stops at the cap's field.
func TestCommasCost(t *testing.T) {
	data := bytes.Repeat([]byte{','}, 1<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := readAllRows(data, "x.csv", Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d MiB for 1 MiB of commas", alloc>>20)
	}
}

// TestLimitsRaised: the caps are options; a file over a default cap
// reads when the cap is raised.
func TestLimitsRaised(t *testing.T) {
	long := strings.Repeat("x", 9<<20)
	data := []byte("id,text\n1," + long + "\n2,y\n")
	if err := readAllRows(data, "x.csv", Options{}); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("default cap: %v", err)
	}
	if err := readAllRows(data, "x.csv", Options{Limits: Limits{RecordBytes: 16 << 20}}); err != nil {
		t.Fatalf("raised cap: %v", err)
	}
}

// TestGuardKeepsRealFiles: quoted line breaks, doubled quotes, stray
// quotes and CRLF do not confuse the record count: every row is read.
func TestGuardKeepsRealFiles(t *testing.T) {
	text := "id,note,n\r\n" +
		"1,\"two\nlines, and a comma\",3\r\n" +
		"2,\"say \"\"hi\"\"\",4\r\n" +
		"3,bare \"quote here,5\r\n" +
		"4,\"closed\" junk,6\r\n" +
		"5,plain,7\r\n"
	lim := Limits{RecordBytes: 40, Fields: 3}
	r, err := NewReader(strings.NewReader(text), "x.csv", Options{Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if errors.Is(err, ErrTooLarge) {
			t.Fatalf("cap hit on a real file: %v", err)
		}
		if err == nil {
			ids = append(ids, row.Fields[0])
		}
	}
	if got := strings.Join(ids, " "); got != "1 2 5" {
		t.Errorf("rows %q, want 1 2 5 (3 and 4 have bad quotes)", got)
	}
}

// TestLooksBinary: byte classes decide, not NULs alone.
func TestLooksBinary(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"id,name\r\n1,a\tb\f\n", false},
		{"\x1b[31mred\x1b[0m,x\n" + strings.Repeat("a,b\n", 10), true},
		{"a\x00b,c\n", true},
		{"a,b\n" + strings.Repeat("ü,ß,中\n", 50), false},
	} {
		if got := looksBinary([]byte(tt.in)); got != tt.want {
			t.Errorf("looksBinary(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzCSVGuard: the guard never changes what encoding/csv reads; when it
// stops a file for too many fields, encoding/csv finds such a record (or
// an unreadable one) too.
func FuzzCSVGuard(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a,\"b\nc\",d\n", "x,\"y\"\"z\",w\r\n", "a,b\"c,d,e,f,g,h,i,j\n", "\"open", ",,,,,,,,,,\n1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{RecordBytes: 1 << 20, Fields: 8}
		read := func(r io.Reader) (recs [][]string, err error) {
			cr := csv.NewReader(r)
			cr.FieldsPerRecord = -1
			for {
				rec, err := cr.Read()
				if err == io.EOF {
					return recs, nil
				}
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					recs = append(recs, []string{"<error>"})
					continue
				}
				if err != nil {
					return recs, err
				}
				recs = append(recs, rec)
			}
		}
		raw, _ := read(bytes.NewReader(data))
		guarded, err := read(newCSVGuard(bytes.NewReader(data), ',', lim.withDefaults()))
		if err == nil {
			if len(raw) != len(guarded) {
				t.Fatalf("%d records through the guard, %d without", len(guarded), len(raw))
			}
			for i := range raw {
				if strings.Join(raw[i], "\x00") != strings.Join(guarded[i], "\x00") {
					t.Fatalf("record %d: %q through the guard, %q without", i, guarded[i], raw[i])
				}
			}
			return
		}
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("guard error %v", err)
		}
		var le *LimitError
		if errors.As(err, &le) && le.Flag == FlagFields {
			for _, rec := range raw {
				if len(rec) > lim.Fields || rec[0] == "<error>" {
					return
				}
			}
			t.Fatalf("the guard counted more than %d fields; encoding/csv read %q", lim.Fields, raw)
		}
	})
}
