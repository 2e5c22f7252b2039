package importers

import (
	"strings"
	"testing"
	"time"
)

// TestMergeConflictingCreation: rows of one id merge only when their
// creation agrees (to the minute, or the day of a date-only row); rows
// created days apart are different contacts, kept, and the report says so
// with both rows' places.
func TestMergeConflictingCreation(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := ParseMap("id=ID,created=Created")
	if err != nil {
		t.Fatal(err)
	}
	add := func(t *testing.T, set *Set, name, in string, loc *time.Location) *FileReport {
		t.Helper()
		fr, err := Read(name, strings.NewReader(in), Options{Format: &MapFormat{Spec: spec}, Location: loc})
		if err != nil {
			t.Fatal(err)
		}
		return set.Add(fr)
	}
	months := func(set *Set) map[string]int { return set.Summarize().ByMonth }

	t.Run("two accounts numbering from 1", func(t *testing.T) {
		set := NewSet()
		add(t, set, "brandA.csv", "ID,Created\n1,2025-12-03 16:29:08\n2,2025-12-04 09:00:00\n", time.UTC)
		rep := add(t, set, "brandB.csv", "ID,Created\n1,2025-10-24 16:29:08\n2,2025-10-25 09:00:00\n2,2025-10-25 09:00:00\n", time.UTC)
		if set.Len() != 4 || rep.Kept != 2 || rep.Duplicates != 1 {
			t.Fatalf("contacts %d, kept %d, duplicates %d; want 4, 2, 1 (the repeat of B's ticket 2 merges with B's)", set.Len(), rep.Kept, rep.Duplicates)
		}
		if m := months(set); m["2025-10"] != 2 || m["2025-12"] != 2 {
			t.Errorf("by month %v", m)
		}
		want := `2 rows share their id with an earlier contact created at another time (more than 1m apart): kept as separate contacts, not merged as duplicates; e.g. id "1" at brandB.csv:2 (created 2025-10-24 16:29:08 UTC) and at brandA.csv:2 (created 2025-12-03 16:29:08 UTC)`
		if len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0], want) {
			t.Errorf("warnings %q\nwant one starting %q", rep.Warnings, want)
		}
	})

	t.Run("the same ticket in overlapping exports", func(t *testing.T) {
		set := NewSet()
		add(t, set, "a.csv", "ID,Created\n7,2025-12-03 16:29:08\n8,2025-12-03\n9,2025-12-05 10:00:00\n", berlin)
		// another zone and text form, to the minute, a time for a date
		rep := add(t, set, "b.csv", "ID,Created\n7,2025-12-03T15:29:08Z\n7,2025-12-03 15:29\n8,2025-12-03 20:10:00\n9,2025-12-05T09:00:59Z\n", time.UTC)
		if set.Len() != 3 || rep.Duplicates != 4 || len(rep.Warnings) != 0 {
			t.Fatalf("contacts %d, duplicates %d, warnings %q; want 3, 4, none", set.Len(), rep.Duplicates, rep.Warnings)
		}
	})

	t.Run("the same tickets read in another zone", func(t *testing.T) {
		set := NewSet()
		add(t, set, "a.csv", "ID,Created\n1,2025-12-03 16:29:08\n2,2025-12-04 09:00:00\n", time.UTC)
		rep := add(t, set, "b.csv", "ID,Created\n1,2025-12-03 16:29:08\n2,2025-12-04 09:00:00\n", berlin)
		if set.Len() != 4 || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "every one is exactly 1h apart") {
			t.Fatalf("contacts %d, warnings %q", set.Len(), rep.Warnings)
		}
	})

	t.Run("rows of a message export", func(t *testing.T) {
		// Front: one row per message, the conversation created at its first
		in := "Conversation ID,Message date,Segment,Handle time\n" +
			"cnv_1,2025-12-01 09:00:00,1,60\ncnv_1,2025-12-03 10:00:00,2,30\n"
		fr, err := Read("front.csv", strings.NewReader(in), Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		set := NewSet()
		rep := set.Add(fr)
		if fr.Format != "front" || set.Len() != 1 || len(rep.Warnings) != 0 {
			t.Fatalf("format %s, contacts %d, warnings %q", fr.Format, set.Len(), rep.Warnings)
		}
	})
}

// TestScientificIDs: ids a spreadsheet wrote as 2.1547E+14 are named in a
// warning, and their rows are not merged into one contact.
func TestScientificIDs(t *testing.T) {
	in := "Conversation ID,Conversation started at,Channel\n" +
		"2.1547E+14,2025-11-24 09:05:09,Conversation\n" +
		"2.1547E+14,2025-11-25 13:30:00,Email\n" +
		"215470000000123,2025-11-26 13:30:00,Email\n"
	fr, err := Read("sci.csv", strings.NewReader(in), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	want := `column "Conversation ID": 2 ids are in scientific notation (line 2: 2.1547E+14): a spreadsheet rounded them`
	if len(fr.Warnings) != 1 || !strings.HasPrefix(fr.Warnings[0], want) {
		t.Errorf("warnings %q\nwant one starting %q", fr.Warnings, want)
	}
	set := NewSet()
	set.Add(fr)
	if set.Len() != 3 {
		t.Errorf("%d contacts, want 3", set.Len())
	}
	for _, id := range []string{"1e5", "2.1547E+14", "1.2e-3"} {
		if !scientific(id) {
			t.Errorf("scientific(%q) = false", id)
		}
	}
	for _, id := range []string{"E12", "12E", "1.2.3E4", "INC0012", "1e+", "12345", "CASE-1E5"} {
		if scientific(id) {
			t.Errorf("scientific(%q) = true", id)
		}
	}
}

// TestSameCreation: when two rows of one id are the same contact.
func TestSameCreation(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	at := func(s string, loc *time.Location, dateOnly bool) Contact {
		v, err := time.ParseInLocation(time.DateTime, s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return Contact{Created: v, CreatedDateOnly: dateOnly}
	}
	// a contacts file read back keeps the instant, not the zone
	inUTC := func(c Contact) Contact { c.Created = c.Created.In(time.UTC); return c }
	for _, tc := range []struct {
		name string
		a, b Contact
		same bool
	}{
		{"same instant", at("2025-12-03 16:29:08", time.UTC, false), at("2025-12-04 01:29:08", tokyo, false), true},
		{"to the minute", at("2025-12-03 16:29:08", time.UTC, false), at("2025-12-03 16:29:00", time.UTC, false), true},
		{"a minute apart", at("2025-12-03 16:29:00", time.UTC, false), at("2025-12-03 16:30:00", time.UTC, false), true},
		{"61 seconds apart", at("2025-12-03 16:29:00", time.UTC, false), at("2025-12-03 16:30:01", time.UTC, false), false},
		{"40 days apart", at("2025-12-03 16:29:08", time.UTC, false), at("2025-10-24 16:29:08", time.UTC, false), false},
		{"a date and a time that day", at("2025-12-03 00:00:00", time.UTC, true), at("2025-12-03 23:59:59", time.UTC, false), true},
		{"a date and a time that day where it was written", at("2025-12-03 00:00:00", time.UTC, true), at("2025-12-03 03:00:00", tokyo, false), true},
		{"a date and a time the next day", at("2025-12-03 00:00:00", time.UTC, true), at("2025-12-04 00:00:00", time.UTC, false), false},
		{"one date read in two zones", at("2021-01-27 00:00:00", time.UTC, true), inUTC(at("2021-01-27 00:00:00", tokyo, true)), true},
		{"two dates", at("2021-01-27 00:00:00", time.UTC, true), at("2021-01-28 00:00:00", time.UTC, true), false},
		{"no created time", Contact{}, at("2021-01-28 00:00:00", time.UTC, true), true},
	} {
		if got := sameCreation(&tc.a, &tc.b); got != tc.same {
			t.Errorf("%s: sameCreation = %v, want %v", tc.name, got, tc.same)
		}
		if got := sameCreation(&tc.b, &tc.a); got != tc.same {
			t.Errorf("%s (swapped): sameCreation = %v, want %v", tc.name, got, tc.same)
		}
	}
}
