package rosterio_test

import (
	"fmt"
	"strings"

	"github.com/peakstaff/peakstaff/schedule/roster/rosterio"
)

func ExampleReadRules() {
	in := `preset: cn
templates:
  - name: day
    earliest_start: "08:00"
    latest_start: "10:00"
    min_length: 8h
    max_length: 10h
    step: 1h
`
	rf, err := rosterio.ReadRules(strings.NewReader(in), "rules.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rf.Rules
	fmt.Println(r.Preset, r.MaxDaily, r.Overtime.StandardWeek, r.Overtime.MaxMonth, r.DaysOffPerWeek, rf.Templates[0].Name)
	_, err = rosterio.ReadRules(strings.NewReader("limits:\n  max_hours_week: lots\n"), "rules.yaml")
	fmt.Println(err)
	// Output:
	// cn 11h0m0s 40h0m0s 36h0m0s 1 day
	// rules.yaml:2:19: limits.max_hours_week: "lots": want hours (37.5) or a duration (37h30m)
}
