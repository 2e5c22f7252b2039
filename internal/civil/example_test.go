package civil_test

import (
	"fmt"

	"github.com/peakstaff/peakstaff/internal/civil"
)

func Example() {
	d := civil.MustDate("2026-11-27")
	open, _ := civil.ParseClock("8:00")
	days, _ := civil.ParseWeekdays("fri-mon")
	share, within, _ := civil.ParseTarget("80/20s")
	fmt.Println(d, d.Weekday(), d.AddDays(3), open, days)
	fmt.Println(share, within)
	// Output:
	// 2026-11-27 Friday 2026-11-30 08:00 [Friday Saturday Sunday Monday]
	// 0.8 20s
}
