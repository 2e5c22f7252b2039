package clitest_test

import (
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/clitest"
)

// TestBacktest checks backtest's exit codes and streams.
func TestBacktest(t *testing.T) {
	const data = "../backtestcmd/testdata/"
	const daily = "backtest --series " + data + "daily.csv "
	f := clitest.Fields
	clitest.Run(t, []clitest.Case{
		{f(daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --model weekday-mean:4"), "", 0,
			"model\tpoints\twape\tmape\tsmape\tmase\tseason\nweekday-mean:4\t10\t2.49\t", ""},
		{f(daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --json"), "", 0, "{\n  \"model\": \"auto\",\n  \"points\": 10,", ""},
		{f(daily + "--train-end 2024-03-08 --test-start 2024-03-11"), "", 2, "", `required flag(s) "test-end" not set`},
		{f(daily + "--train-end 2024-03-08 --test-start 2024-03-08 --test-end 2024-03-22"), "", 2, "", "peakstaff: --test-start 2024-03-08: the test window must start after --train-end 2024-03-08"},
		{f(daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --model prophet"), "", 2, "", `peakstaff: --model: unknown model "prophet"`},
		{f(daily + "--train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22 --bogus"), "", 2, "", "unknown flag: --bogus"},
		{f("backtest --series " + data + "bad.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04"), "", 3, "",
			`peakstaff: ` + data + `bad.csv:4:2: contacts: "ten": invalid series: expected a number`},
		{f(daily + "--train-end 2024-03-08 --test-start 2024-04-01 --test-end 2024-04-30"), "", 3, "", "nothing to score"},
		{f("backtest --series " + data + "none.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04"), "", 1, "", "no such file"},
	})
}
