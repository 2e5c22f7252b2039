package clitest_test

import (
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/clitest"
)

// TestStaff checks staff's exit codes and streams, on files and on
// standard input.
func TestStaff(t *testing.T) {
	const demand = "../../../testdata/staff/demand.csv"
	const policy = "../../../testdata/staff/policy.yaml"
	clitest.Run(t, []clitest.Case{
		{[]string{"staff", demand, "--tz", "Europe/Berlin", "--policy", policy}, "", 0,
			"date\tchannel\tskill\tcontacts\tpeak_agents\tavg_agents\tagent_hours\tpeak_scheduled\tscheduled_hours\tpeak_fractional\tend_backlog\n2025-11-28\tphone\t\t2103\t14\t",
			"note: email: 1.83 items waiting at the end of the horizon, 0 late"},
		{[]string{"staff", demand, "--shrinkage", "email=2"}, "", 2, "", "peakstaff: --shrinkage email=2: expected a fraction"},
		{[]string{"staff", demand, "--target", "80/20s"}, "", 2, "", "peakstaff: --target 80/20s: --target is now called --service-level"},
		{[]string{"staff", demand, "--policy", policy, "--max-abandon", "phone=5%", "--kind", "phone=deferred", "--concurrency", "phone=2"}, "", 2, "",
			"peakstaff: --concurrency phone=2: phone is a deferred channel: only chat handles several contacts at once"},
		{[]string{"staff"}, "", 2, "", "accepts 1 arg(s), received 0"},
		{[]string{"staff", demand, "--bogus"}, "", 2, "", "unknown flag: --bogus"},
		{[]string{"staff", "-"}, "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,abc\n", 3, "",
			`peakstaff: stdin:2:3: contacts: bad value: "abc": want a number of contacts >= 0`},
		{[]string{"staff", "-", "--service-level", "80/20s"}, "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,5\n2025-11-28T09:30:00Z,phone,5\n", 3, "",
			"peakstaff: require: phone interval 0 (2025-11-28T09:00:00Z): AHTSeconds: invalid demand or policy: no handle time for 5 contacts"},
		{[]string{"staff", "-", "--max-occupancy", "40%"}, "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,9000,180\n2025-11-28T09:03:00Z,phone,0,180\n", 4, "",
			"peakstaff: require: phone interval 0 (2025-11-28T09:00:00Z): no staffing level meets the targets"},
		{[]string{"staff", "-", "--hours", "daily 08:00-18:00", "--deadline", "1h"}, "interval,channel,contacts,aht_seconds\n2025-11-28T17:00:00Z,email,3,600\n2025-11-28T18:00:00Z,email,2,600\n", 0,
			"date\tchannel\t", "note: email: 2 items waiting at the end of the horizon, 0 late"},
		{[]string{"staff", "-", "--interval", "1h"}, "interval,channel,skill,contacts,aht_seconds\n2025-11-28T17:00:00Z,email,a,3,600\n2025-11-28T17:00:00Z,email,b,2,600\n", 3, "",
			"listed twice: a group plan needs one demand per channel"},
	})
}
