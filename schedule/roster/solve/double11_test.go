package solve

import (
	"math"
	"time"

	"github.com/peakstaff/peakstaff/schedule/roster"
	"github.com/peakstaff/peakstaff/schedule/roster/internal/rostertest"
)

// double11Demand is a week of chat, voice and email for the example team,
// with the Double 11 peaks at 00:00-02:00, 10:00-12:00 and after 22:00
// on 11-11, and an upper (P90) series 20% above.
func double11Demand() roster.Demand {
	start := time.Date(2025, 11, 10, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	n := 7 * 96
	d := roster.Demand{Start: start, Interval: 15 * time.Minute}
	for k, sk := range []string{"voice", "chat", "email"} {
		sd := roster.SkillDemand{Skill: sk, Required: make([]int, n), Upper: make([]int, n)}
		scale := []float64{2, 3, 1}[k]
		for t := range n {
			ts := start.Add(time.Duration(t) * d.Interval)
			h := float64(ts.Hour()) + float64(ts.Minute())/60
			v := 0.0
			if h >= 7 {
				v = rostertest.DemandCurve(h, ts.Weekday(), scale)
			}
			if ts.Day() == 11 {
				switch {
				case h < 2:
					v = scale * 1.2
				case h >= 10 && h < 12, h >= 22:
					v = scale * 1.4
				}
			}
			sd.Required[t] = int(math.Round(v))
			sd.Upper[t] = int(math.Round(v * 1.2))
		}
		d.Skills = append(d.Skills, sd)
	}
	return d
}
