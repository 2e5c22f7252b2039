package roster

import (
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/place"
)

// BlockNeeds lists the breaks of a block [s, e) (slots of ivMin minutes);
// ok is false when a rule applies but its window cannot hold it.
func BlockNeeds(rules []BreakRule, ivMin int, block int, s, e int32) ([]place.Need, bool) {
	var out []place.Need
	lenMin := time.Duration(int(e-s)*ivMin) * time.Minute
	iv := time.Duration(ivMin) * time.Minute
	for r, b := range rules {
		if lenMin <= b.RequiredAbove {
			continue
		}
		dur := int32(b.Duration / iv)
		lo := s + int32(b.From/iv)
		endBy := e - int32(b.BeforeEnd/iv)
		if b.To > 0 {
			endBy = min(endBy, s+int32(b.To/iv))
		}
		hi := endBy - dur
		if hi < lo {
			return nil, false
		}
		out = append(out, place.Need{Rule: int16(r), Block: int8(block), Paid: b.Paid, Dur: dur, Lo: lo, Hi: hi})
	}
	return out, true
}

// templateLengths lists the block lengths (in slots) a template produces.
func templateLengths(t *ShiftTemplate, iv time.Duration) []int32 {
	var out []int32
	if t.IsSplit() {
		for _, b := range t.Blocks {
			out = append(out, int32(time.Duration(b.Minutes())*time.Minute/iv))
		}
		return out
	}
	for l := t.MinLength; l <= t.MaxLength; l += t.Step {
		out = append(out, int32(l/iv))
	}
	return out
}

// checkBreaksFit reports a template length whose blocks cannot hold
// their breaks, so that the problem surfaces as a model error rather than
// as shifts that silently never appear.
func checkBreaksFit(m *Model) error {
	iv := m.Demand.Interval
	ivMin := int(iv / time.Minute)
	for i := range m.Templates {
		t := &m.Templates[i]
		for _, l := range templateLengths(t, iv) {
			needs, ok := BlockNeeds(m.Breaks, ivMin, 0, 0, l)
			if ok {
				ok = fits(needs)
			}
			if !ok {
				return ValidationErrorf("template", i, t.Name, "breaks",
					"a %v block cannot hold its breaks inside their windows", civil.FormatDuration(time.Duration(l)*iv))
			}
			if m.Rules.BreakAbove > 0 && time.Duration(l)*iv > m.Rules.BreakAbove && len(needs) == 0 {
				return ValidationErrorf("template", i, t.Name, "breaks", "a %v block gets no break, but the %s rules require one above %v",
					civil.FormatDuration(time.Duration(l)*iv), m.Rules.Preset, civil.FormatDuration(m.Rules.BreakAbove))
			}
		}
	}
	return nil
}

// fits reports whether the needs can all be placed without overlap. For a
// fixed order, placing each break as early as its window and the previous
// break allow is feasible if any placement in that order is; so trying
// every order is exact (the rules of a block are few; beyond seven the
// exact search of placer decides).
func fits(needs []place.Need) bool {
	k := len(needs)
	if k > 7 {
		var pl place.Placer
		out := make([]int32, k)
		_, ok := pl.Place(needs, func(int32) float64 { return 0 }, out)
		return ok
	}
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	var try func(i int) bool
	try = func(i int) bool {
		if i == k {
			// earliest placement in this order, each after the previous
			type busySpan struct{ s, e int32 }
			var busy []busySpan
			for _, j := range order {
				n := needs[j]
				p := n.Lo
				for moved := true; moved; {
					moved = false
					for _, b := range busy {
						if p < b.e && b.s < p+n.Dur {
							p, moved = b.e, true
						}
					}
				}
				if p > n.Hi {
					return false
				}
				busy = append(busy, busySpan{p, p + n.Dur})
			}
			return true
		}
		for j := i; j < k; j++ {
			order[i], order[j] = order[j], order[i]
			if try(i + 1) {
				return true
			}
			order[i], order[j] = order[j], order[i]
		}
		return false
	}
	return try(0)
}
