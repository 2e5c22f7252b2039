package report_test

import (
	"math"
	"testing"

	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

// TestDailySummary checks the daily figures against hand counts from the
// coverage of the test model: peak required is the most agents to
// schedule, the shortfall the agent-hours short per group (Short, never
// less than the totals' gap), short intervals those with any.
func TestDailySummary(t *testing.T) {
	m := reporttest.Model(t, "en")
	days, err := report.DailySummary(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 7 {
		t.Fatalf("%d days", len(days))
	}
	ivh := m.Interval.Hours()
	groupShort := 0
	for i, d := range days {
		peak, peakQ, atPeak, hours, short := 0.0, 0.0, 0.0, 0.0, 0
		for _, c := range m.Coverage {
			if c.Start.In(m.Loc).Day() != d.Date.Day() {
				continue
			}
			peak = max(peak, c.ToSchedule)
			if c.Required > peakQ {
				peakQ, atPeak = c.Required, c.Scheduled
			}
			if s := max(c.Short, c.Required-c.Scheduled); s > 0 {
				short++
				hours += s * ivh
				if c.Required <= c.Scheduled {
					groupShort++
				}
			}
		}
		if d.PeakRequired != peak || d.PeakOnQueue != peakQ || d.OnQueueAtPeak != atPeak || math.Abs(d.Shortfall-hours) > 1e-9 || d.ShortIntervals != short {
			t.Errorf("day %d: %+v, want peak %v, on the queue %v at %v, shortfall %v h in %d", i, d, peak, peakQ, atPeak, hours, short)
		}
		if d.ServiceLevel == nil || *d.ServiceLevel < 0.8 || *d.ServiceLevel > 0.9 {
			t.Errorf("day %d: service level %v", i, d.ServiceLevel)
		}
	}
	if groupShort == 0 {
		t.Error("no interval is short in a group only; the per-group shortfall is untested")
	}
	if days[4].Contacts != 1980 || days[0].Contacts != 900 {
		t.Errorf("contacts %v, %v", days[0].Contacts, days[4].Contacts)
	}
	// deferred work is not in the expected service level
	for i := range m.Staffing {
		m.Staffing[i].Deferred, m.Staffing[i].ServiceLevel = true, 1
	}
	days, _ = report.DailySummary(m)
	for i, d := range days {
		if d.ServiceLevel != nil {
			t.Errorf("day %d: service level %v from deferred work only, want none", i, *d.ServiceLevel)
		}
	}
}
