package backtestcmd

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// writeDriverFiles writes a daily call series and its reservations: a
// ratio of 0.171 calls per reservation all year, reservations with a
// weekly pattern, growth and a December peak, a deterministic wobble.
// The reservations file has the shape of issue 12's example (semicolons,
// D-M-YYYY dates, a total_reservations column); weekly also writes the
// calls summed over Monday weeks.
func writeDriverFiles(t *testing.T, weekly bool) (series, orders string) {
	t.Helper()
	dir := t.TempDir()
	var s, o strings.Builder
	s.WriteString("date,calls\n")
	o.WriteString("date;total_reservations;cancellations\n")
	week := [7]float64{0.7, 1.2, 1.1, 1, 1, 1.05, 0.8}
	var wsum float64
	start := time.Date(2023, 9, 4, 0, 0, 0, 0, time.UTC) // a Monday
	for i := 0; ; i++ {
		d := start.AddDate(0, 0, i)
		if d.After(time.Date(2025, 2, 2, 0, 0, 0, 0, time.UTC)) {
			break
		}
		r := 3000 * (1 + 0.15*float64(i)/365) * week[d.Weekday()] * (1 + 0.05*math.Sin(float64(i)*0.7))
		if d.Month() == time.December {
			r *= 1.6
		}
		r = math.Round(r)
		calls := math.Round(0.171 * r * (1 + 0.02*math.Sin(float64(i)*1.3)))
		fmt.Fprintf(&o, "%d-%d-%d;%.0f;%d\n", d.Day(), int(d.Month()), d.Year(), r, i%7)
		if !weekly {
			fmt.Fprintf(&s, "%s,%.0f\n", d.Format(time.DateOnly), calls)
			continue
		}
		wsum += calls
		if d.Weekday() == time.Sunday {
			fmt.Fprintf(&s, "%s,%.0f\n", d.AddDate(0, 0, -6).Format(time.DateOnly), wsum)
			wsum = 0
		}
	}
	series, orders = filepath.Join(dir, "calls.csv"), filepath.Join(dir, "reservations.csv")
	if err := os.WriteFile(series, []byte(s.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(orders, []byte(o.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return series, orders
}

// TestDriverBacktest scores the driver model on December and January,
// daily and weekly, with the reservations of the window known: the ratio
// is flat, so the forecast is within the wobble of the truth (2% on calls,
// summed over a week less), and far better than the seasonal naive
// forecast, which misses December's rise.
func TestDriverBacktest(t *testing.T) {
	for _, weekly := range []bool{false, true} {
		series, orders := writeDriverFiles(t, weekly)
		argv := "--series " + series + " --orders " + orders + " --train-end 2024-11-30 --test-start 2024-12-01 --test-end 2025-01-31 --json"
		if weekly {
			argv = "--series " + series + " --orders " + orders + " --train-end 2024-11-24 --test-start 2024-11-25 --test-end 2025-01-26 --json"
		}
		out, err := run(t, argv, false)
		if err != nil {
			t.Fatalf("weekly %v: %v", weekly, err)
		}
		var rep Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Model != "driver" || rep.Choice == nil || !strings.HasPrefix(rep.Choice.Model, "r") || len(rep.Choice.Origins) == 0 {
			t.Fatalf("weekly %v: report %+v", weekly, rep)
		}
		t.Logf("weekly %v: driver %s WAPE %.2f, snaive %.2f", weekly, rep.Choice.Model, rep.WAPE, rep.Baseline.WAPE)
		if rep.WAPE > 2.5 || rep.Baseline.WAPE < 3*rep.WAPE {
			t.Errorf("weekly %v: driver WAPE %.2f (%s), snaive %.2f", weekly, rep.WAPE, rep.Choice.Model, rep.Baseline.WAPE)
		}
	}
}

func TestDriverBacktestErrors(t *testing.T) {
	series, orders := writeDriverFiles(t, false)
	short := filepath.Join(t.TempDir(), "short.csv")
	if err := os.WriteFile(short, []byte("date;total_reservations\n2024-12-15;5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := "--series " + series + " --train-end 2024-11-30 --test-start 2024-12-01 --test-end 2024-12-31"
	if _, err := parse(t, base+" --orders "+orders+" --model snaive"); err == nil || !strings.Contains(err.Error(), "the driver model is scored") {
		t.Errorf("--orders with --model snaive: %v, want a usage error", err)
	}
	if _, err := parse(t, base+" --orders-col x"); err == nil {
		t.Error("--orders-col without --orders: no usage error")
	}
	_, err := run(t, base+" --orders "+short, false)
	if err == nil || !strings.Contains(err.Error(), "no orders for 2024-12-01") || diag.ExitCode(err) != diag.ExitInvalidData {
		t.Errorf("orders missing in the window: %v (exit %d), want invalid data naming the day", err, diag.ExitCode(err))
	}
}
