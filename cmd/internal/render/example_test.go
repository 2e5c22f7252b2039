package render_test

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/render"
	"github.com/peakstaff/peakstaff/report"
)

// A one-day plan with two hourly intervals, printed for a pipe: one
// tab-separated row per day, service level as a fraction. Peak required
// is the most agents to schedule (shrinkage included); the roster is
// compared with the requirement on the queue; the shortfall is in
// agent-hours.
func ExamplePrintSummary() {
	day := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	m := &report.Model{
		Title:    "Example",
		Season:   report.DateRange{Start: day, End: day},
		Interval: time.Hour,
		ForecastDays: []report.ForecastDay{
			{Date: day, Channel: "chat", IssueType: "orders", P10: 80, P50: 100, P90: 130},
		},
		Staffing: []report.StaffInterval{
			{Start: day.Add(9 * time.Hour), Channel: "chat", Contacts: 40, ServiceLevel: 0.7},
			{Start: day.Add(10 * time.Hour), Channel: "chat", Contacts: 60, ServiceLevel: 0.9},
		},
		Coverage: []report.CoverageInterval{
			{Start: day.Add(9 * time.Hour), Required: 5, Scheduled: 4, ToSchedule: 8},
			{Start: day.Add(10 * time.Hour), Required: 7, Scheduled: 7, ToSchedule: 10},
		},
	}
	ios, _, out, _ := iostreams.Test()
	if err := render.PrintSummary(ios, m); err != nil {
		fmt.Println(err)
	}
	fmt.Print(out.String())
	// Output:
	// Date	Contacts	Peak required	Peak required on the queue	On the queue at that peak	Shortfall (agent-hours)	Short intervals	Expected service level
	// 2026-11-27	100	10	7	7	1	1	0.8200
}
