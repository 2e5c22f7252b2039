package clitest_test

import (
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/clitest"
)

// TestErlang checks erlang's and simulate's exit codes and streams.
func TestErlang(t *testing.T) {
	f := clitest.Fields
	clitest.Run(t, []clitest.Case{
		{f("erlang --calls 100 --aht 180s --shrinkage 0.3"), "", 0, "traffic_erlangs\tagents\tscheduled\tservice_level\tasa_seconds\tp_wait\toccupancy\tbinding\n10\t14\t20\t", ""},
		{f("erlang --calls 100 --aht 180s --json --patience 5m"), "", 0, "{\n  \"traffic_erlangs\": 10,\n  \"agents\": 13,", ""},
		{f("erlang --calls 100 --aht 180s --blocking 0.02"), "", 0, "traffic_erlangs\tlines\tblocking\n10\t17\t0.01295\n", ""},
		{f("erlang --calls -5 --aht 180s"), "", 2, "", "peakstaff: --calls -5: expected a number of contacts per interval >= 0"},
		{f("erlang --calls 100 --aht 180s --target 120/20s"), "", 2, "", "peakstaff: --target 120/20s: the share answered must be above 0% and below 100%"},
		{f("erlang --calls 100 --aht 180s --sweep 16..10"), "", 2, "", "peakstaff: --sweep 16..10: FROM must not exceed TO"},
		{f("erlang --calls 100"), "", 2, "", `required flag(s) "aht" not set`},
		{f("erlang --calls 100 --aht 180s --max-occupancy nope"), "", 2, "", "--max-occupancy nope: expected a fraction"},
		{f("erlang --calls 100 --aht 180s --bogus"), "", 2, "", "unknown flag: --bogus"},
		// 9,000 Erlangs at 40% occupancy would take 22,500 agents.
		{f("erlang --calls 9000 --interval 180s --aht 180s --max-occupancy 0.4"), "", 4, "", "peakstaff: no staffing level meets the targets"},
		{f("simulate --calls 100 --aht 180s --agents 14 --replications 2 --intervals 1"), "", 0, "agents\tmetric\tanalytic\tsimulated\tstd_error\n14\tservice_level\t0.8884\t", ""},
		{f("simulate --calls 100 --aht 180s --blocking 0.02"), "", 2, "", "peakstaff: --blocking: Erlang B has no queue to simulate"},
		{f("simulate --calls 100 --aht 180s --handle gamma"), "", 2, "", "peakstaff: --handle gamma: expected exp or lognormal"},
	})
}
