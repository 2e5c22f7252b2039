package backtestcmd

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeWeeklyPeak writes two years and nine weeks of weekly totals (weeks
// dated by their Monday) of a shop whose Black Friday week is twice a
// normal week, Cyber week 1.6 times, December building up to Christmas,
// with a deterministic wobble of ±3%. In 2024 Black Friday (11-29) fell
// 371 days after 2023's (11-24): only an alignment on the event compares
// the right weeks.
func writeWeeklyPeak(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("week,contacts\n")
	bf := map[int]time.Time{2022: time.Date(2022, 11, 25, 0, 0, 0, 0, time.UTC), 2023: time.Date(2023, 11, 24, 0, 0, 0, 0, time.UTC), 2024: time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)}
	i := 0
	for w := time.Date(2022, 10, 3, 0, 0, 0, 0, time.UTC); w.Before(time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC)); w = w.AddDate(0, 0, 7) {
		v := 7000.0
		if d := int(bf[w.Year()].Sub(w).Hours() / 24); d >= 0 && d < 7 {
			v *= 2
		} else if d := int(w.Sub(bf[w.Year()]).Hours() / 24); d > 0 && d < 8 {
			v *= 1.6
		} else if w.Month() == time.December {
			v *= 1 + 0.03*float64(w.Day())
		}
		v *= 1 + 0.03*math.Sin(float64(i)*2.1)
		i++
		fmt.Fprintf(&b, "%s,%.0f\n", w.Format(time.DateOnly), v)
	}
	path := filepath.Join(t.TempDir(), "weekly.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWeeklyPeak scores the nine weeks through Black Friday and Christmas
// 2024 on a weekly series: the events come from the data, auto scores the
// season's counterpart a year earlier (aligned on Black Friday) and is no
// worse than the event-aligned yearly naive forecast by more than 0.5
// points.
func TestWeeklyPeak(t *testing.T) {
	path := writeWeeklyPeak(t)
	argv := "--series " + path + " --train-end 2024-10-27 --test-start 2024-10-28 --test-end 2024-12-29"
	score := func(model string) Report {
		t.Helper()
		out, err := run(t, argv+" --json --model "+model, false)
		if err != nil {
			t.Fatal(err)
		}
		var rep Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	auto, yoy := score("auto"), score("yoy")
	if auto.Cadence != "weekly" || auto.Points != 9 || !slices.Contains(auto.Events, "black-friday") {
		t.Fatalf("cadence %s, %d points, events %v; want weekly, 9, black-friday among them", auto.Cadence, auto.Points, auto.Events)
	}
	if yoy.WAPE > 5 {
		t.Errorf("event-aligned yoy WAPE %.2f: the Black Friday weeks are not aligned", yoy.WAPE)
	}
	if auto.WAPE > yoy.WAPE+0.5 {
		t.Errorf("auto WAPE %.2f (%s), yoy %.2f", auto.WAPE, auto.Choice.Model, yoy.WAPE)
	}
	seasons := 0
	for _, o := range auto.Choice.Origins {
		if o.Kind == "season" {
			seasons++
		}
	}
	if seasons == 0 || auto.Choice.SeasonWeight < 0.5 {
		t.Errorf("%d season origins, weight %.2f; want the season to decide", seasons, auto.Choice.SeasonWeight)
	}
	none := score("yoy --event none")
	if none.WAPE < yoy.WAPE+3 {
		t.Errorf("yoy without events WAPE %.2f, with %.2f: the 364-day lag should miss the Black Friday week", none.WAPE, yoy.WAPE)
	}
}
