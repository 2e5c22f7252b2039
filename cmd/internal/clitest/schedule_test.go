package clitest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/clitest"
)

// TestSchedule checks schedule's exit codes and streams with shift
// templates.
func TestSchedule(t *testing.T) {
	const data = "../schedulecmd/testdata/"
	f := clitest.Fields
	clitest.Run(t, []clitest.Case{
		{f("schedule --requirements " + data + "req.csv --shifts " + data + "shifts.yaml --time-limit 5s"), "", 0,
			"template\tstart\tend\tlength_minutes\t2025-11-24\t2025-11-25\ttotal\nearly\t06:00\t14:00\t480\t3\t3\t6\n", ""},
		{f("schedule --requirements " + data + "req.csv --shifts " + data + "shifts_monnight.yaml --time-limit 5s --json"), "", 4,
			"{\n  \"objective\":", "peakstaff: the shift templates cannot cover the requirement in 8 intervals"},
		{f("schedule --requirements " + data + "req.csv --shifts " + data + "req.csv"), "", 3, "", "req.csv:1:1: want a mapping with cyclic, weights and templates"},
		{f("schedule --requirements nowhere.csv --shifts " + data + "shifts.yaml"), "", 1, "", "nowhere.csv"},
		{f("schedule --requirements " + data + "req.csv"), "", 2, "", "--shifts: expected the shift templates YAML"},
		{f("schedule --requirements " + data + "req.csv --shifts " + data + "shifts.yaml --time-limit soon"), "", 2, "", `invalid argument "soon"`},
	})
}

// TestScheduleAgents checks named-agent mode: the exit codes of a roster,
// bad flags, bad files, a team too small, whose roster is still written,
// and a search cut short by its time limit (exit 5) on a requirement the
// default limit covers (exit 0).
func TestScheduleAgents(t *testing.T) {
	const data = "../schedulecmd/testdata/"
	const rules = "../../../testdata/roster/rules.yaml"
	const team = " --agents ../../../testdata/roster/agents.csv --rules " + rules
	const header = "agent_id\tname\ttier\tduty\tskill\ttemplate\tdate\tstart\tend\tblocks\tbreaks\tpaid_hours\n"
	out := filepath.Join(t.TempDir(), "roster.csv")
	f := clitest.Fields
	clitest.Run(t, []clitest.Case{
		{f("schedule --requirements " + data + "agents_req.csv" + team + " --time-limit 5s"), "", 0,
			header + "V01\tLi Na\tveteran\tshift\t", "reserve.from_gap"},
		{f("schedule --requirements " + data + "agents_req.csv --agents " + data + "agents_few.csv --rules " + rules + " --time-limit 2s --json --out " + out), "", 4,
			"{\n  \"objective\":", "requirement cannot be met within the rules"},
		{f("schedule --requirements " + data + "agents_busy.csv" + team + " --time-limit 1ns"), "", 5,
			header, "not proven: a longer --time-limit may close the gaps"},
		{f("schedule --requirements " + data + "agents_busy.csv" + team), "", 0, header, "reserve.from_gap"},
		{f("schedule --requirements " + data + "agents_req.csv --agents " + data + "agents_req.csv --rules " + rules), "", 3,
			"", "agents_req.csv:1:1: interval: unknown column"},
		{f("schedule --requirements " + data + "shifts.yaml" + team), "", 3, "", `shifts.yaml:2: header "weights:`},
		{f("schedule --requirements " + data + "agents_req.csv --agents a.csv"), "", 2, "", "--rules: expected the rules YAML with --agents"},
		{f("schedule --requirements " + data + "req.csv --shifts " + data + "shifts.yaml" + team), "", 2, "", "--shifts and --agents"},
		{f("schedule --requirements nowhere.csv" + team), "", 1, "", "nowhere.csv"},
	})
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the partial roster was not written: %v", err)
	}
}
