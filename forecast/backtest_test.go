package forecast

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// backtestFiles writes a daily series, 0.2 contacts per order, and its
// orders, with a weekly pattern and a deterministic wobble, September
// 2023 to January 2025.
func backtestFiles(t *testing.T) (series, orders string) {
	t.Helper()
	dir := t.TempDir()
	var s, o strings.Builder
	s.WriteString("date,contacts\n")
	o.WriteString("date,orders\n")
	week := [7]float64{0.7, 1.2, 1.1, 1, 1, 1.05, 0.8}
	start := time.Date(2023, 9, 4, 0, 0, 0, 0, time.UTC)
	for i, d := 0, start; !d.After(time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)); i, d = i+1, d.AddDate(0, 0, 1) {
		r := math.Round(1000 * week[d.Weekday()] * (1 + 0.05*math.Sin(float64(i)*0.7)))
		fmt.Fprintf(&o, "%s,%.0f\n", d.Format(time.DateOnly), r)
		fmt.Fprintf(&s, "%s,%.0f\n", d.Format(time.DateOnly), 0.2*r)
	}
	series, orders = filepath.Join(dir, "series.csv"), filepath.Join(dir, "orders.csv")
	os.WriteFile(series, []byte(s.String()), 0o644)
	os.WriteFile(orders, []byte(o.String()), 0o644)
	return series, orders
}

var backtestSplit = models.Split{TrainEnd: time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC),
	TestStart: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TestEnd: time.Date(2025, 1, 31, 23, 59, 59, 0, time.UTC)}

// TestBacktestFile: a named model, and the driver model with an orders
// file, scored on January; a series that is the orders' exact multiple
// is forecast without error by the driver.
func TestBacktestFile(t *testing.T) {
	series, orders := backtestFiles(t)
	run, err := BacktestFile(BacktestOptions{Series: series, Split: backtestSplit, Model: "snaive"})
	if err != nil {
		t.Fatal(err)
	}
	if run.Model != "snaive" || len(run.Result.Actual) != 31 || len(run.Result.Forecast) != 31 {
		t.Errorf("snaive: model %s, %d points scored", run.Model, len(run.Result.Actual))
	}
	want := WindowEvents(run.Result.Train, Range{Start: civil.DateOf(backtestSplit.TestStart), End: civil.DateOf(backtestSplit.TestEnd)})
	if fmt.Sprint(run.Events) != fmt.Sprint(want) {
		t.Errorf("events %v: want those of the data in the window, %v", run.Events, want)
	}
	given := []Event{mustEvent(t, "christmas")}
	run, err = BacktestFile(BacktestOptions{Series: series, Split: backtestSplit, Model: "snaive", Events: given, EventsGiven: true})
	if err != nil || len(run.Events) != 1 || run.Events[0].Name != given[0].Name {
		t.Errorf("given events: %v, %v", run.Events, err)
	}
	run, err = BacktestFile(BacktestOptions{Series: series, Split: backtestSplit, EventsGiven: true, OrdersFile: orders})
	if err != nil {
		t.Fatal(err)
	}
	if run.Model != "driver" || run.Result.Choice == nil || run.Result.Scores.WAPE > 1 || len(run.Events) != 0 {
		t.Errorf("driver: model %s, choice %+v, scores %+v, events %d", run.Model, run.Result.Choice, run.Result.Scores, len(run.Events))
	}
}

// TestBacktestFileErrors: a bad series or orders file is invalid data
// named by its file; a missing series file is an I/O error.
func TestBacktestFileErrors(t *testing.T) {
	series, _ := backtestFiles(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("date,orders\n2024-01-01,many\n"), 0o644)
	badSeries := filepath.Join(dir, "series.csv")
	os.WriteFile(badSeries, []byte("date,contacts\n2024-01-01,5\n2024-01-02,ten\n"), 0o644)
	for _, tt := range []struct {
		name string
		opts BacktestOptions
		exit int
		msg  string
	}{
		{"a bad series", BacktestOptions{Series: badSeries, Split: backtestSplit, Model: "snaive"}, diag.ExitInvalidData, badSeries + ":3:2"},
		{"a bad orders file", BacktestOptions{Series: series, Split: backtestSplit, OrdersFile: bad}, diag.ExitInvalidData, bad + ":2"},
		{"nothing to score", BacktestOptions{Series: series, Model: "snaive", Split: models.Split{TrainEnd: backtestSplit.TrainEnd,
			TestStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), TestEnd: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}}, diag.ExitInvalidData, series + ": invalid series: nothing to score"},
		{"no series file", BacktestOptions{Series: filepath.Join(dir, "none.csv"), Split: backtestSplit, Model: "snaive"}, diag.ExitError, "no such file"},
	} {
		_, err := BacktestFile(tt.opts)
		if diag.ExitCode(err) != tt.exit || err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: exit %d, %v; want exit %d, %q", tt.name, diag.ExitCode(err), err, tt.exit, tt.msg)
		}
	}
}
