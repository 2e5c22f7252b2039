package report

import (
	"slices"
	"strings"
	"time"
)

// What the workbook and the HTML report draw alike: the colours of tiers
// and channels, the legend's order, an agent's role, a day's intervals.

// tierFills are the fills per tier on the roster: light enough to read
// black text on, and distinct in grey print.
var tierFills = map[string]string{
	TierVeteran:    "9ECAE1",
	TierRegular:    "A1D99B",
	TierNew:        "FDD0A2",
	TierAllHands:   "FCBBA1",
	TierOutsourced: "DADAEB",
}

// otherTierFill is the grey of a tier with no colour of its own.
const otherTierFill = "E0E0E0"

// TierFill is the fill (RRGGBB) of a tier on the roster and its legend.
func TierFill(t string) string {
	if c, ok := tierFills[t]; ok {
		return c
	}
	return otherTierFill
}

// TierOrder lists the tiers in the model for legends: known ones first.
func (v *View) TierOrder() []string {
	var out []string
	for _, t := range []string{TierVeteran, TierRegular, TierNew, TierAllHands, TierOutsourced} {
		if slices.ContainsFunc(v.Model.Agents, func(a Agent) bool { return a.Tier == t }) {
			out = append(out, t)
		}
	}
	for _, a := range v.Model.Agents {
		if _, known := tierFills[a.Tier]; !known && !slices.Contains(out, a.Tier) {
			out = append(out, a.Tier)
		}
	}
	return out
}

// RoleText lists an agent's roles (lead, reserve) in the model's language.
func (v *View) RoleText(a Agent) string {
	var r []string
	if a.Lead {
		r = append(r, T(v.Lang, "lead"))
	}
	if a.Reserve {
		r = append(r, T(v.Lang, "reserve"))
	}
	return strings.Join(r, ", ")
}

// chartColors are the series colours of every chart (and of the HTML
// report), one per channel.
var chartColors = []string{"1F77B4", "FF7F0E", "2CA02C", "9467BD", "8C564B", "E377C2", "7F7F7F", "BCBD22", "17BECF"}

// ChartColor is the colour (RRGGBB) of the i-th series of a chart; the
// colours repeat after nine.
func ChartColor(i int) string { return chartColors[i%len(chartColors)] }

// Intervals lists the interval starts of a day, stepping in absolute time
// from local midnight so DST days get 23 or 25 hours.
func (v *View) Intervals(day time.Time) []time.Time {
	end := NextDay(day)
	var out []time.Time
	for t := day; t.Before(end); t = t.Add(v.Model.Interval) {
		out = append(out, t)
	}
	return out
}

// AgentsFrom names where a simulation took its agents from.
func AgentsFrom(lang string, roster bool) string {
	if roster {
		return T(lang, "from.roster")
	}
	return T(lang, "from.requirement")
}
