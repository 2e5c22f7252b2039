package forecast

import "fmt"

// describe explains the forecast in a few sentences a manager can check.
func describe(res *Result, align []Alignment, driver bool) []string {
	var notes []string
	events := map[string]Alignment{}
	for _, a := range align {
		if a.Event != "" && a.Offset == 0 {
			events[a.Event] = a
		}
	}
	for _, a := range align {
		if e, ok := events[a.Event]; ok && a.Offset == 0 {
			notes = append(notes, fmt.Sprintf("%s %s is aligned with %s last year (days within the event window follow it)", e.Event, e.Target, e.Source))
			delete(events, a.Event)
		}
	}
	g := res.Growth
	switch {
	case driver:
		notes = append(notes, "volume = contacts per order around last year's aligned day x this season's orders")
	case g.Given:
		notes = append(notes, fmt.Sprintf("volume = last year's aligned day x growth %.3f (given)", g.Factor))
	case g.Measured:
		notes = append(notes, fmt.Sprintf("volume = last year's aligned day x growth %.3f, measured on %s..%s (%.0f contacts) against the same weeks a year earlier (%.0f)", g.Factor, g.From, g.To, g.This, g.LastYear))
	}
	methods := map[string]int{}
	for _, d := range res.Days {
		methods[d.Method]++
	}
	for m, n := range methods {
		if m != "yoy" && m != "ratio" {
			notes = append(notes, fmt.Sprintf("%d series-days had no aligned day last year and use the baseline model %s", n, m))
		}
	}
	notes = append(notes, fmt.Sprintf("bands (P10..P90) from %s: actual/forecast between %.2f and %.2f for 80%% of %d day forecasts", res.Bands.Method, res.Bands.Low, res.Bands.High, res.Bands.Points))
	return notes
}
