package dates_test

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// A column whose first value is ambiguous: it waits until a later value
// (25/04) proves the column is day-first.
func Example() {
	col := dates.NewColumn(dates.Options{Location: time.UTC})
	values := []string{"03/04/2025 10:00", "25/04/2025 16:30", "2025-04-26T08:00:00Z"}
	var pending []int
	for i, v := range values {
		res, err := col.Parse(i+2, v)
		switch {
		case err != nil:
			fmt.Println(err)
		case res.Pending:
			pending = append(pending, i)
		default:
			fmt.Println(v, "->", res.Time.Format(time.RFC3339))
		}
	}
	order, assumed, conflict := col.Finish()
	fmt.Println("order:", order, "assumed:", assumed, "conflict:", conflict != nil)
	for _, i := range pending {
		res, _ := col.ParsePending(i+2, values[i])
		fmt.Println(values[i], "->", res.Time.Format(time.RFC3339))
	}

	secs, _ := dates.ReadDuration("36:15:00", dates.Seconds, false)
	fmt.Println("36:15:00 =", secs, "s")
	_, err := dates.ReadDuration("1-8 hrs", dates.Minutes, false)
	fmt.Println(err)
	// Output:
	// 25/04/2025 16:30 -> 2025-04-25T16:30:00Z
	// 2025-04-26T08:00:00Z -> 2025-04-26T08:00:00Z
	// order: day-first assumed: false conflict: false
	// 03/04/2025 10:00 -> 2025-04-03T10:00:00Z
	// 36:15:00 = 130500 s
	// "1-8 hrs": a bracket, not a duration (expected a number; brackets such as 1-8 hrs are categories and are not turned into numbers)
}

// A date-only contact written in Tokyo is 1 February wherever it is read;
// Parse gives the instant of its midnight, which is 31 January in UTC.
func ExampleWrittenDay() {
	const v = "2021-02-01T00:00:00+09:00"
	res, _ := dates.NewColumn(dates.Options{Location: time.UTC}).Parse(2, v)
	fmt.Println("Parse:     ", res.Time.Format(time.RFC3339))
	day, _ := dates.WrittenDay(v, time.UTC)
	fmt.Println("WrittenDay:", day.Time.Format(time.RFC3339), day.DateOnly)
	// Output:
	// Parse:      2021-01-31T15:00:00Z
	// WrittenDay: 2021-02-01T00:00:00Z true
}
