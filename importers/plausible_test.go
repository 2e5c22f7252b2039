package importers

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPlausibility: a contact resolved a year before it was created was
// kept without a word (issue 14); now it, a handle time over a day and a
// date far from the rest are warned about, with the first example.
func TestPlausibility(t *testing.T) {
	base := time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC)
	var cs []Contact
	for i := range 100 {
		c := Contact{Source: Source{File: "t.csv", Line: i + 2}, Created: base.Add(time.Duration(i) * time.Hour), Count: 1}
		c.Resolved = c.Created.Add(time.Hour)
		cs = append(cs, c)
	}
	cs[10].Resolved = cs[10].Created.AddDate(-1, 0, 0)
	cs[20].HandleKnown, cs[20].HandleSeconds = true, 30*3600
	cs[30].Created = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	ptrs := make([]*Contact, len(cs))
	for i := range cs {
		ptrs[i] = &cs[i]
	}
	got := strings.Join(Plausibility(slices.Values(ptrs)), "\n")
	for _, want := range []string{
		"1 contacts were resolved before they were created (first: t.csv:12",
		"1 contacts have a handle time over a day (first: t.csv:22, 30.0 hours)",
		"1 contacts were created more than a year from the rest of the history (first: t.csv:32, 1970-01-01)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	// a clean history says nothing
	if w := Plausibility(slices.Values(ptrs[40:])); len(w) != 0 {
		t.Errorf("warnings on clean contacts: %v", w)
	}
}
