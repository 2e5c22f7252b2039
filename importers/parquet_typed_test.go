package importers

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"

	"github.com/peakstaff/peakstaff/importers/table"
)

// typedTicket has a column of every kind a warehouse writes: numbers of
// each width, timestamps in ms, us and ns (adjusted to UTC and local),
// INT96, dates, times as strings, strings dictionary-encoded and plain,
// a list, nulls everywhere but in id. The first column is a string no map
// reads, so the summary-row check reads a skipped column's text.
type typedTicket struct {
	Note         *string          `parquet:"note,optional"`
	ID           int64            `parquet:"id"`
	IDStr        *string          `parquet:"id_str,dict,optional"`
	CreatedMs    *time.Time       `parquet:"created_ms,timestamp(millisecond),optional"`
	CreatedUs    *time.Time       `parquet:"created_us,timestamp(microsecond),optional"`
	CreatedNs    *time.Time       `parquet:"created_ns,timestamp(nanosecond),optional"`
	CreatedLocal *time.Time       `parquet:"created_local,timestamp(millisecond:local),optional"`
	CreatedInt96 deprecated.Int96 `parquet:"created_int96"`
	CreatedStr   *string          `parquet:"created_str,optional"`
	Day          int32            `parquet:"day,date"` // days since 1970-01-01
	Channel      string           `parquet:"channel,dict"`
	Type         *string          `parquet:"type,optional"`
	Status       string           `parquet:"status,plain"`
	Agent        *string          `parquet:"agent,dict,optional"`
	HandleF      *float64         `parquet:"handle_f,optional"`
	HandleI      *int64           `parquet:"handle_i,optional"`
	Minutes      *int32           `parquet:"minutes,optional"`
	CountI       *int64           `parquet:"count_i,optional"`
	CountF       *float64         `parquet:"count_f,optional"`
	Score        float32          `parquet:"score"`
	Flag         bool             `parquet:"flag"`
	Tags         []string         `parquet:"tags,list"`
}

// typedTickets are n seeded random rows, with the values at the edges of
// the typed path (the years the date parser takes, negative, NaN and
// infinite numbers, -0, tiny and huge ones) among ordinary ones.
func typedTickets(n int, seed uint64) []typedTicket {
	rng := rand.New(rand.NewPCG(seed, 15))
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	pick := func(vals ...string) *string {
		v := vals[rng.IntN(len(vals))]
		if v == "<nil>" {
			return nil
		}
		return &v
	}
	instant := func() *time.Time {
		var t time.Time
		switch rng.IntN(50) {
		case 0:
			return nil
		case 1:
			t = time.Date(1969, 12, 31, 23, 59, 59, 999000000, time.UTC)
		case 2:
			t = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
		case 3:
			t = time.Date(2100, 12, 31, 23, 59, 59, 999000000, time.UTC)
		case 4:
			t = time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
		default:
			t = start.Add(time.Duration(rng.Int64N(200 * 24 * int64(time.Hour))))
		}
		return &t
	}
	floats := []float64{0, math.Copysign(0, -1), 1.5, 240.5, 1e-7, 1e-6, 123456789012345.6, 2e15, -3, math.NaN(), math.Inf(1), 60, 0.1, 3}
	ints := []int64{0, 60, -5, 1e15, 1e15 - 1, 1e16, 1e12, 1e12 + 1, 1, 2, 3}
	rows := make([]typedTicket, n)
	id := int64(1000)
	for i := range rows {
		if rng.IntN(8) != 0 {
			id++
		}
		r := &rows[i]
		r.Note = pick("<nil>", "", "-", "hello", "Total", "grand totals for March", "  ", "note")
		r.ID = id
		r.IDStr = pick("<nil>", "T-"+strconv.FormatInt(id, 10), "T-"+strconv.FormatInt(id, 10), "-")
		r.CreatedMs, r.CreatedUs, r.CreatedNs, r.CreatedLocal = instant(), instant(), instant(), instant()
		if t := instant(); t != nil {
			r.CreatedInt96 = deprecated.Int96{uint32(t.UnixNano() % 86400e9), uint32(t.UnixNano() % 86400e9 >> 32), uint32(t.Unix()/86400 + 2440588)}
			if rng.IntN(30) == 0 {
				r.CreatedInt96[2] = 2440587 // 1969
			}
		}
		d := start.AddDate(0, 0, rng.IntN(400))
		r.CreatedStr = pick("<nil>", d.Format(time.RFC3339), d.Format("2006-01-02 15:04:05"), d.Format("02/01/2006 15:04"), "13/03/2025", "not a date", "-", d.Format(time.RFC3339Nano))
		r.Day = int32(d.Unix() / 86400)
		r.Channel = *pick("Email", "Chat", "voice", "", "-", "web form")
		r.Type = pick("<nil>", "question", "incident", "")
		r.Status = *pick("solved", "open", "")
		r.Agent = pick("<nil>", "Ana", "Bo", "Cy")
		if rng.IntN(5) != 0 {
			r.HandleF = &floats[rng.IntN(len(floats))]
		}
		if rng.IntN(5) != 0 {
			r.HandleI = &ints[rng.IntN(len(ints))]
		}
		if rng.IntN(5) != 0 {
			m := int32(rng.IntN(200) - 20)
			r.Minutes = &m
		}
		if rng.IntN(5) != 0 {
			r.CountI = &ints[rng.IntN(len(ints))]
		}
		if rng.IntN(5) != 0 {
			r.CountF = &floats[rng.IntN(len(floats))]
		}
		r.Score = float32(rng.Float64())
		r.Flag = rng.IntN(2) == 0
		for range rng.IntN(3) {
			r.Tags = append(r.Tags, *pick("vip", "t1", "t2"))
		}
	}
	return rows
}

// textOnly hides a reader's typed values: the engine then reads every
// column as text, as before the typed path.
type textOnly struct{ table.Reader }

// TestParquetTypedLikeText: a Parquet file read with typed values gives
// the rows, errors (line, column, field, message), warnings and contacts
// of the same file read as text, through column maps that put each kind
// of column on each kind of field, in UTC and in a zone with DST.
func TestParquetTypedLikeText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typed.parquet")
	rows := typedTickets(3000, 1)
	// small pages and row groups: values cross both
	writeParquetOpts(t, path, rows, parquet.PageBufferSize(2048), parquet.MaxRowsPerRowGroup(700))
	maps := []string{
		"id=id,created=created_ms,first_response=created_us,resolved=created_int96,closed=created_ns,updated=created_str,channel=channel,type=type,status=status,agent=agent,handle=handle_f,first_response_minutes=minutes,tags=tags,subject=note",
		"id=id_str,created=created_local,created=created_ms,resolved=created_ns,updated=created_us,handle=handle_i,count=count_i,channel=channel,handle_unit=minutes",
		"id=id,created=created_str,created=created_ns,count=count_f,handle=handle_i,first_response=created_local,handle_unit=hours",
		"created=day,handle=handle_f,count=count_i,resolved=created_str,first_response_minutes=handle_i,status=note",
		"id=id,created=created_int96,resolved=created_ms,handle=count_f,first_response_minutes=handle_f,count=handle_i,handle_unit=days",
		"created=created_us,type=created_ms,agent=handle_f",
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// with rules, the tags and the subject are read (without, skipped)
	rules := &TypeRules{Rules: []TypeRule{{Type: "vip", Tags: []string{"vip"}}, {Type: "q", Values: []string{"question"}}, {Type: "hi", Match: []string{"^hel"}}}}
	for k, m := range maps {
		for _, loc := range []*time.Location{time.UTC, ny} {
			spec, err := ParseMap(m)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Location: loc, Format: &MapFormat{Spec: spec}, MaxErrors: 100000}
			if k%2 == 0 && loc == ny {
				opts.Rules = rules
			}
			typed, text := readParquetBoth(t, path, opts)
			sameResult(t, m+" in "+loc.String(), typed, text)
		}
	}
}

func writeParquetOpts[T any](t *testing.T, path string, rows []T, opts ...parquet.WriterOption) {
	t.Helper()
	if err := parquet.WriteFile(path, rows, opts...); err != nil {
		t.Fatal(err)
	}
}

// readParquetBoth reads a file with the typed path and as text.
func readParquetBoth(t *testing.T, path string, opts Options) (typed, text *FileResult) {
	t.Helper()
	for i, res := range []**FileResult{&typed, &text} {
		r, err := table.Open(path, table.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := r.(table.Typed); !ok {
			t.Fatal("the Parquet reader has no typed values")
		}
		if i == 1 {
			r = textOnly{r}
		}
		*res, err = read(context.Background(), path, r, opts)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return typed, text
}

// sameResult fails unless two reads of one file gave the same account
// and the same contacts.
func sameResult(t *testing.T, name string, a, b *FileResult) {
	t.Helper()
	if a.Rows != b.Rows || a.Rejected != b.Rejected || a.FieldErrors != b.FieldErrors || a.ErrorCount != b.ErrorCount ||
		!reflect.DeepEqual(a.Skipped, b.Skipped) || !reflect.DeepEqual(a.RejectedByReason, b.RejectedByReason) || !reflect.DeepEqual(a.Warnings, b.Warnings) {
		t.Fatalf("%s: typed rows %d rejected %d field errors %d errors %d skipped %v by reason %v warnings %q\ntext rows %d rejected %d field errors %d errors %d skipped %v by reason %v warnings %q",
			name, a.Rows, a.Rejected, a.FieldErrors, a.ErrorCount, a.Skipped, a.RejectedByReason, a.Warnings,
			b.Rows, b.Rejected, b.FieldErrors, b.ErrorCount, b.Skipped, b.RejectedByReason, b.Warnings)
	}
	for i := range a.Errors {
		if a.Errors[i].Error() != b.Errors[i].Error() || a.Errors[i].Rejected != b.Errors[i].Rejected || a.Errors[i].ColumnLabel != b.Errors[i].ColumnLabel {
			t.Fatalf("%s: error %d\ntyped %v\n text %v", name, i, a.Errors[i], b.Errors[i])
		}
	}
	x, y := a.Records(), b.Records()
	if len(x) != len(y) {
		t.Fatalf("%s: typed %d records, text %d", name, len(x), len(y))
	}
	for i := range x {
		if x[i] != y[i] {
			t.Fatalf("%s: record %d\ntyped %+v\n text %+v", name, i, x[i], y[i])
		}
	}
	if a.Rows == 0 || len(x) == 0 {
		t.Fatalf("%s: %d rows, %d records: the test reads nothing", name, a.Rows, len(x))
	}
	sa, sb := NewSet(), NewSet()
	sa.Add(a)
	sb.Add(b)
	if !reflect.DeepEqual(sa.Collect(), sb.Collect()) {
		t.Fatalf("%s: the merged contacts differ", name)
	}
}
