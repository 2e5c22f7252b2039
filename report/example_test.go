package report_test

import (
	"fmt"

	"github.com/peakstaff/peakstaff/report"
)

func ExampleT() {
	fmt.Println(report.T("en", "sheet.roster"), report.T("zh", "sheet.roster"))
	fmt.Println(report.T("en", "sheet.scenarios"), report.T("zh", "sheet.scenarios"))
	// Output:
	// Roster 排班表
	// Scenarios 方案对比
}
