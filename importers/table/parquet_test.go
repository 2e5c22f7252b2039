package table

import (
	"math/rand/v2"
	"testing"
	"time"
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
