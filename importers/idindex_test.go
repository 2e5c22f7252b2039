package importers

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// The id index answers exactly like a plain map, whatever the order and
// spread of the ids: increasing, decreasing, sparse, huge, zero-padded and
// non-numeric.
//
// With a hash that collides all the time (the id's length), non-numeric ids
// must still never be confused.
func TestIDIndexMatchesMap(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		if seed == 16 {
			defer func(h func(string) uint64) { hashID = h }(hashID)
			hashID = func(s string) uint64 { return uint64(len(s)) }
		}
		r := rand.New(rand.NewPCG(seed, 7))
		x := newIDIndex(int(seed * 10))
		ref := map[string]int32{}
		at := map[int32]string{}
		idAt := func(j int32) string { return at[j] }
		base := r.Uint64N(1 << 40)
		for i := 0; i < 3000; i++ {
			var id string
			switch r.IntN(8) {
			case 0:
				id = strconv.FormatUint(base-uint64(r.IntN(5000)), 10) // below the base
			case 1:
				id = strconv.FormatUint(r.Uint64(), 10) // anywhere, often far away
			case 2:
				id = "0" + strconv.Itoa(r.IntN(100)) // leading zero: text
			case 3:
				id = "T-" + strconv.Itoa(r.IntN(500))
			default:
				id = strconv.FormatUint(base+uint64(r.IntN(8000)), 10) // dense, any order
			}
			j, ok := x.get(id, idAt)
			wj, wok := ref[id]
			if ok != wok || (ok && j != wj) {
				t.Fatalf("seed %d step %d: get(%q) = %d %v, want %d %v", seed, i, id, j, ok, wj, wok)
			}
			if !ok {
				x.put(id, int32(i))
				ref[id] = int32(i)
				at[int32(i)] = id
			}
		}
	}
}

func TestNumericID(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{{"0", true}, {"7", true}, {"007", false}, {"", false}, {"12a", false}, {"9999999999999999999", true}, {"99999999999999999999", false}, {"-1", false}} {
		if _, ok := numericID(c.in); ok != c.ok {
			t.Errorf("numericID(%q) ok = %v, want %v", c.in, ok, c.ok)
		}
	}
}
