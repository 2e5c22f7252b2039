package importers

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// randomContact draws a contact (with a created time, as every contact the
// engine keeps has) from small vocabularies, so ids, times
// and labels repeat, with now and then one that the packed layout cannot
// hold (a time before 1678 or after 2261, two zones, a huge count, a
// 257th channel name), which the store must keep whole.
func randomContact(r *rand.Rand, locs []*time.Location, file string, line int) Contact {
	loc := locs[r.IntN(len(locs))]
	at := func(zero bool) time.Time {
		switch r.IntN(40) {
		case 0:
			if zero {
				return time.Time{}
			}
		case 1:
			return time.Date(1601+r.IntN(50), 3, 1, 0, 0, 0, 0, loc)
		case 2:
			return time.Date(2300, 1, 1, 0, 0, 0, 0, loc)
		}
		return time.Date(2025, 11, 1, 0, 0, 0, 0, loc).Add(time.Duration(r.Int64N(60*24*3600)) * time.Second / 7)
	}
	c := Contact{
		Source:  Source{File: file, Line: line},
		Created: at(false), Channel: Channels[r.IntN(len(Channels))],
		IssueType: []string{"", "shipping", "returns", OtherType}[r.IntN(4)],
		Status:    []string{"", "open", "solved"}[r.IntN(3)],
		Priority:  []string{"", "low", "urgent"}[r.IntN(3)],
		Agent:     "agent " + strconv.Itoa(r.IntN(30)),
		Group:     []string{"", "tier 1", "tier 2"}[r.IntN(3)],
		Count:     1,
	}
	if r.IntN(3) > 0 {
		c.FirstResponse = c.Created.Add(time.Duration(r.IntN(7200)) * time.Second)
	}
	if r.IntN(3) > 0 {
		c.Resolved = at(true)
	}
	switch r.IntN(6) {
	case 0:
	case 1:
		c.ID = "T-" + strconv.Itoa(r.IntN(400))
	case 2:
		c.ID = "0" + strconv.Itoa(r.IntN(50)) // leading zero: text
	default:
		c.ID = strconv.Itoa(1000 + r.IntN(800))
	}
	if r.IntN(2) == 0 {
		c.HandleSeconds, c.HandleKnown = float64(r.IntN(900))/4, true
	}
	switch r.IntN(50) {
	case 0:
		c.Count = 1 << 33
	case 1:
		c.Count = r.IntN(40)
	case 2:
		c.Channel = Channel("label " + strconv.Itoa(r.IntN(400))) // past the 256 small names
	case 3:
		c.Resolved = c.Created.In(time.UTC) // another zone than Created's
	case 4:
		c.Family = "peakstaff:" + file
	}
	c.CreatedDateOnly = r.IntN(10) == 0
	c.Outbound = r.IntN(10) == 0
	return c
}

// TestStoreRoundTrip: what a store gives back is the Contact it was given
// (==, zones included), after appends, overwrites, removals and appends
// into freed slots.
func TestStoreRoundTrip(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	locs := []*time.Location{time.UTC, ny, time.FixedZone("", 8*3600)}
	for seed := uint64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewPCG(seed, 15))
		s := newStore()
		var want []Contact
		for i := 0; i < 3*chunkSize/2; i++ {
			c := randomContact(r, locs, "f.csv", i+2)
			s.add(&c)
			s.setUpdated(s.len()-1, int64(i))
			want = append(want, c)
			if r.IntN(10) == 0 { // overwrite an earlier one
				j := r.IntN(len(want))
				want[j] = randomContact(r, locs, "g.csv", j)
				s.set(j, &want[j])
			}
		}
		check := func(when string) {
			t.Helper()
			if s.len() != len(want) {
				t.Fatalf("seed %d %s: %d contacts, want %d", seed, when, s.len(), len(want))
			}
			var c Contact
			for i := range want {
				s.get(i, &c)
				if c != want[i] {
					t.Fatalf("seed %d %s: contact %d\n got %+v\nwant %+v", seed, when, i, c, want[i])
				}
			}
		}
		check("after adding")
		var kept []Contact
		s.keep(func(i int) bool { return i%3 != 0 })
		for i, c := range want {
			if i%3 != 0 {
				kept = append(kept, c)
			}
		}
		want = kept
		check("after keep")
		for i := 0; i < 100; i++ {
			c := randomContact(r, locs, "h.csv", i)
			s.add(&c)
			want = append(want, c)
		}
		check("after adding into freed slots")
	}
}

// refSet is Set.Add as it was on a slice of Contacts (before the store),
// the reference the store's merge must match.
type refSet struct {
	contacts []Contact
	updated  []int64
	index    map[string]map[string][]int // family -> id -> the contacts of that id, created at different times
}

func (s *refSet) add(records []Contact, updated []int64, family string, mergeHandle bool) (rep FileReport) {
	if s.index == nil {
		s.index = map[string]map[string][]int{}
	}
	for i := range records {
		c, upd := records[i], updated[i]
		if rep.First.IsZero() || c.Created.Before(rep.First) {
			rep.First = c.Created
		}
		if c.Created.After(rep.Last) {
			rep.Last = c.Created
		}
		if c.Family == "" {
			c.Family = family
		}
		if c.ID != "" && c.Count == 1 {
			ids := s.index[c.Family]
			if ids == nil {
				ids = map[string][]int{}
				s.index[c.Family] = ids
			}
			merged := false
			for _, j := range ids[c.ID] {
				if mergeHandle || sameCreation(&s.contacts[j], &c) {
					mergeInto(&s.contacts[j], &c, s.updated[j], upd, mergeHandle)
					s.updated[j] = max(s.updated[j], upd)
					merged = true
					break
				}
			}
			if merged {
				rep.Duplicates++
				continue
			}
			ids[c.ID] = append(ids[c.ID], len(s.contacts))
		}
		s.contacts = append(s.contacts, c)
		s.updated = append(s.updated, upd)
		rep.Kept++
		rep.Contacts += c.Count
		if c.Outbound {
			rep.Outbound += c.Count
		}
	}
	return rep
}

// TestSetAddMatchesSlices: merging files through stores gives the contacts
// and counts the slice-based merge gave, on seeded random files whose ids
// repeat within and across files and families.
func TestSetAddMatchesSlices(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	locs := []*time.Location{time.UTC, ny}
	for seed := uint64(1); seed <= 8; seed++ {
		r := rand.New(rand.NewPCG(seed, 16))
		set, ref := NewSet(), &refSet{}
		for f := 0; f < 3; f++ {
			fr := &FileResult{Path: fmt.Sprintf("f%d.csv", f), Format: "x", Family: []string{"zendesk", "", "zendesk"}[f], MergeHandle: f == 2, records: newStore()}
			var records []Contact
			var updated []int64
			for i := 0; i < 2000+r.IntN(2000); i++ {
				c := randomContact(r, locs, fr.Path, i+2)
				u := int64(r.IntN(5)) * 1000
				fr.records.add(&c)
				fr.records.setUpdated(i, u)
				records, updated = append(records, c), append(updated, u)
			}
			family := fr.Family
			if family == "" {
				family = fr.Format
			}
			want := ref.add(records, updated, family, fr.MergeHandle)
			got := set.Add(fr)
			if got.Kept != want.Kept || got.Duplicates != want.Duplicates || got.Contacts != want.Contacts || got.Outbound != want.Outbound ||
				got.First != want.First || got.Last != want.Last {
				t.Fatalf("seed %d file %d: kept %d dup %d contacts %d outbound %d first %v last %v; want %d %d %d %d %v %v", seed, f,
					got.Kept, got.Duplicates, got.Contacts, got.Outbound, got.First, got.Last, want.Kept, want.Duplicates, want.Contacts, want.Outbound, want.First, want.Last)
			}
			all := set.Collect()
			if len(all) != len(ref.contacts) {
				t.Fatalf("seed %d file %d: %d contacts, want %d", seed, f, len(all), len(ref.contacts))
			}
			for i := range all {
				if all[i] != ref.contacts[i] || set.contacts.updatedAt(i) != ref.updated[i] {
					t.Fatalf("seed %d file %d: contact %d\n got %+v (updated %d)\nwant %+v (updated %d)", seed, f, i, all[i], set.contacts.updatedAt(i), ref.contacts[i], ref.updated[i])
				}
			}
		}
	}
}
