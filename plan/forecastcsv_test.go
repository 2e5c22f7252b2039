package plan

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/plan/config"
)

// TestForecastCSVHasTheStaffedAHT: forecast.csv gives the handle times
// the staffing used, so a manager's sum of contacts times aht_seconds is
// the workload of the requirements: the plan's issue_types.<type>
// .handle_time replaces the history's for that type (before, the file
// kept the history's while the requirements used the plan's: 963 hours
// against 726 in the demo), the other types keep the forecast's.
func TestForecastCSVHasTheStaffedAHT(t *testing.T) {
	// the issue type with the most forecast contacts gets 9 minutes
	probe, _ := runSmallPlan(t, nil)
	byType := map[string]float64{}
	history := map[string]float64{} // the forecast's own AHT per key and start
	for _, s := range probe.Forecast.Slots {
		byType[s.Key.IssueType] += s.Band.P50
		history[s.Key.Channel+"/"+s.Key.IssueType+"/"+s.Start.Format(time.RFC3339)] = s.AHT
	}
	typ, most := "", -1.0
	for k, v := range byType {
		if v > most || v == most && k < typ {
			typ, most = k, v
		}
	}
	nine := config.Duration(9 * time.Minute)
	_, out := runSmallPlan(t, func(p *config.Plan) { p.IssueTypes = map[string]config.IssueType{typ: {HandleTime: &nine}} })
	rows := readCSV(t, filepath.Join(out, "forecast.csv"))
	work := map[string]float64{} // contacts x aht per channel, from the file
	overridden := 0
	for _, r := range rows[1:] {
		contacts, _ := strconv.ParseFloat(r[3], 64)
		aht, _ := strconv.ParseFloat(r[4], 64)
		if r[2] == typ {
			overridden++
			if aht != 540 {
				t.Fatalf("%s %s %s: aht_seconds %s, want the plan's 540", r[0], r[1], r[2], r[4])
			}
		} else if h := history[r[1]+"/"+r[2]+"/"+r[0]]; h > 0 && math.Abs(aht-h) > 0.05 {
			t.Fatalf("%s %s %s: aht_seconds %s, want the forecast's %.1f", r[0], r[1], r[2], r[4], h)
		}
		work[r[1]] += contacts * aht
	}
	if overridden == 0 {
		t.Fatalf("no row of %s in forecast.csv", typ)
	}
	// requirements.csv: interval, channel, skill, contacts, aht_seconds, ...
	req := readCSV(t, filepath.Join(out, "requirements.csv"))
	want := map[string]float64{}
	for _, r := range req[1:] {
		contacts, _ := strconv.ParseFloat(r[3], 64)
		aht, _ := strconv.ParseFloat(r[4], 64)
		want[r[1]] += contacts * aht
	}
	for ch, w := range want {
		if got := work[ch]; math.Abs(got-w) > 2e-3*w+1 {
			t.Errorf("%s: forecast.csv's contacts x aht_seconds %.0f s, requirements.csv's %.0f s", ch, got, w)
		}
	}
	if len(want) == 0 || len(want) != len(work) {
		t.Errorf("channels: requirements %v, forecast %v", want, work)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
