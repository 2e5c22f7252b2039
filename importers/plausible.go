package importers

import (
	"fmt"
	"iter"
	"slices"
	"time"
)

// Plausibility returns warnings about contacts that parse but cannot be
// right, each counted with its first example: resolved before it was
// created, a handle time over a day, a created date far from the rest
// (more than a year from the middle 98% of the history: a 1970 or 2099
// typo). Such contacts are kept; the warnings say what to check.
func Plausibility(contacts iter.Seq[*Contact]) []string {
	type finding struct {
		n     int
		first Source
		value string
	}
	var early, long, far finding
	note := func(f *finding, c *Contact, v string) {
		if f.n == 0 {
			f.first, f.value = c.Source, v
		}
		f.n++
	}
	var created []int64
	for c := range contacts {
		if !c.Resolved.IsZero() && c.Resolved.Before(c.Created) {
			note(&early, c, fmt.Sprintf("created %s, resolved %s", c.Created.Format(time.DateTime), c.Resolved.Format(time.DateTime)))
		}
		if c.HandleKnown && c.HandleSeconds > 24*3600 {
			note(&long, c, fmt.Sprintf("%.1f hours", c.HandleSeconds/3600))
		}
		created = append(created, c.Created.Unix())
	}
	if len(created) >= 50 {
		slices.Sort(created)
		lo, hi := created[len(created)/100], created[len(created)-1-len(created)/100]
		const year = 366 * 24 * 3600
		for c := range contacts {
			if t := c.Created.Unix(); t < lo-year || t > hi+year {
				note(&far, c, c.Created.Format(time.DateOnly))
			}
		}
	}
	var out []string
	add := func(f finding, what string) {
		if f.n > 0 {
			out = append(out, fmt.Sprintf("%d contacts %s (first: %s:%d, %s); they are kept: check the export", f.n, what, f.first.File, f.first.Line, f.value))
		}
	}
	add(early, "were resolved before they were created")
	add(long, "have a handle time over a day")
	add(far, "were created more than a year from the rest of the history")
	return out
}
