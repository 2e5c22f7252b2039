package roster

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// ErrUnknownPreset is returned by Preset for a name it does not know.
var ErrUnknownPreset = diag.New(diag.InvalidData, "unknown labour preset")

// Presets lists the labour presets by name.
var Presets = []string{"eu", "cn"}

// Preset returns the labour rules of a jurisdiction and the break that goes
// with them when a rules file lists none:
//
//   - eu, the EU working-time directive (2003/88/EC, articles 3-6,
//     https://eur-lex.europa.eu/eli/dir/2003/88/oj): 11h daily rest
//     (MinRest), 24h weekly rest, hence a day off per week and at most 6
//     consecutive working days, a break when a block exceeds 6h (a 30-minute
//     unpaid break between 2h after the start and 2h before the end), at
//     most 48h a week (the directive averages it; a roster keeps it every
//     week).
//   - cn, the Labour Law of the PRC (1994, articles 36, 38 and 41) with the
//     State Council's 40-hour week (1995): 8h a day and 40h a week
//     standard, with overtime at most 3h a day and 36h a month (so at most
//     11h a day), and at least one rest day a week. No break is prescribed.
//
// Both count weeks from Monday and nights from 22:00 to 06:00.
func Preset(name string) (Rules, []BreakRule, error) {
	night := ClockSpan{22 * 60, 6 * 60}
	switch name {
	case "eu":
		return Rules{
				Preset:             "eu",
				MinRest:            11 * time.Hour,
				WeeklyRest:         24 * time.Hour,
				DaysOffPerWeek:     1,
				MaxConsecutiveDays: 6,
				MaxWeekly:          48 * time.Hour,
				BreakAbove:         6 * time.Hour,
				WeekStart:          time.Monday,
				Night:              night,
			}, []BreakRule{{
				Name: "rest", Duration: 30 * time.Minute, From: 2 * time.Hour, BeforeEnd: 2 * time.Hour,
				RequiredAbove: 6 * time.Hour,
			}}, nil
	case "cn":
		return Rules{
			Preset:         "cn",
			DaysOffPerWeek: 1,
			MaxDaily:       11 * time.Hour,
			Overtime: Overtime{
				StandardDay: 8 * time.Hour, StandardWeek: 40 * time.Hour,
				MaxDay: 3 * time.Hour, MaxMonth: 36 * time.Hour,
			},
			WeekStart: time.Monday,
			Night:     night,
		}, nil, nil
	}
	return Rules{}, nil, fmt.Errorf("%w %q (known: eu, cn)", ErrUnknownPreset, name)
}
