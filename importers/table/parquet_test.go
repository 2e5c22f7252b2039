package table

import (
	"io"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// appendTimestamp writes what AppendFormat writes, on seeded random
// instants with and without fractions of a second.
func TestAppendTimestamp(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 3))
	for i := 0; i < 20000; i++ {
		ts := time.Unix(r.Int64N(253402300799+62135596800)-62135596800+int64(1000*365*86400), 0).UTC()
		switch i % 3 {
		case 1:
			ts = ts.Add(time.Duration(r.IntN(1e9)))
		case 2:
			ts = ts.Add(time.Duration(r.IntN(1000)) * time.Millisecond)
		}
		if y := ts.Year(); y < 1000 || y > 9999 {
			continue
		}
		for _, utc := range []bool{true, false} {
			layout := "2006-01-02 15:04:05.999999999"
			if utc {
				layout = time.RFC3339Nano
			}
			if got, want := string(appendTimestamp(nil, ts, utc)), ts.Format(layout); got != want {
				t.Fatalf("%v utc=%v: %q, want %q", ts, utc, got, want)
			}
		}
	}
}

// dictTicket has dictionary-encoded columns of each kind, with nulls,
// next to plain ones.
type dictTicket struct {
	Name    *string    `parquet:"name,dict,optional"`
	Channel string     `parquet:"channel,dict"`
	Plain   *string    `parquet:"plain,optional"`
	Num     *int64     `parquet:"num,dict,optional"`
	Amount  *float64   `parquet:"amount,dict,optional"`
	At      *time.Time `parquet:"at,timestamp(microsecond),dict,optional"`
	Tags    []string   `parquet:"tags,dict,list"`
}

// TestParquetDictionaryLikeValues: columns read by dictionary index, and
// skipped columns read by their levels, give the fields and cells of the
// same columns read value by value, across pages and row groups, as text,
// typed and skipped.
func TestParquetDictionaryLikeValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 4))
	rows := make([]dictTicket, 5000)
	names := []string{"Ana", "Bo", "", "-", "Total"}
	for i := range rows {
		r := &rows[i]
		if rng.IntN(4) != 0 {
			r.Name = &names[rng.IntN(len(names))]
		}
		r.Channel = names[rng.IntN(3)]
		if rng.IntN(3) != 0 {
			p := "p" + strconv.Itoa(rng.IntN(50))
			r.Plain = &p
		}
		if rng.IntN(3) != 0 {
			n := int64(rng.IntN(20) - 5)
			r.Num = &n
		}
		if rng.IntN(3) != 0 {
			a := float64(rng.IntN(8)) / 4
			r.Amount = &a
		}
		if rng.IntN(3) != 0 {
			at := time.Date(1969+rng.IntN(3)*70, 1, 1, 0, 0, rng.IntN(30), 0, time.UTC)
			r.At = &at
		}
		for range rng.IntN(3) {
			r.Tags = append(r.Tags, names[rng.IntN(2)])
		}
	}
	path := filepath.Join(t.TempDir(), "dict.parquet")
	if err := parquet.WriteFile(path, rows, parquet.PageBufferSize(1024), parquet.MaxRowsPerRowGroup(1500)); err != nil {
		t.Fatal(err)
	}
	read := func(byIndex bool, want []CellKind) (out [][]string, cells [][]Cell) {
		r, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		pr := r.(*parquetReader)
		pr.byValue = !byIndex
		for i := range pr.cols {
			pr.cols[i].byIndex = pr.cols[i].byIndex && byIndex
		}
		pr.Want(want)
		for {
			row, err := r.Next()
			if err == io.EOF {
				return out, cells
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, append([]string(nil), row.Fields...))
			cells = append(cells, append([]Cell(nil), row.Cells...))
		}
	}
	pr, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	typed := make([]CellKind, len(pr.Header()))
	for i := range typed {
		typed[i] = pr.(Typed).ColumnKind(i)
	}
	skipped := []CellKind{CellSkipped, CellSkipped, CellSkipped, CellSkipped, CellSkipped, CellSkipped, CellSkipped}
	pr.Close()
	for _, want := range [][]CellKind{nil, typed, skipped} {
		f1, c1 := read(true, want)
		f2, c2 := read(false, want)
		if len(f1) != len(rows) || !reflect.DeepEqual(f1, f2) || !reflect.DeepEqual(c1, c2) {
			for i := range f1 {
				if !reflect.DeepEqual(f1[i], f2[i]) || !reflect.DeepEqual(c1[i], c2[i]) {
					t.Fatalf("want %v, row %d: by index %q %v, by value %q %v", want, i, f1[i], c1[i], f2[i], c2[i])
				}
			}
			t.Fatalf("want %v: %d rows by index, %d by value, %d written", want, len(f1), len(f2), len(rows))
		}
	}
	if !pr.(*parquetReader).cols[0].byIndex {
		t.Fatal("no column is read by index")
	}
}
