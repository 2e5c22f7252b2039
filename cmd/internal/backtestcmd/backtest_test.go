package backtestcmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/testkit"
)

// parse runs the command's flag validation on argv and returns the options
// it would run with.
func parse(t *testing.T, argv string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdBacktest(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(strings.Fields(argv))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err := cmd.Execute()
	return got, err
}

func utc(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

const daily = "--series testdata/daily.csv"

func TestArgvToOptions(t *testing.T) {
	endOfDay := 24*time.Hour - time.Nanosecond
	tests := []struct {
		argv  string
		model string
		win   Window
	}{
		{daily + " --train-end 2024-02-09 --test-start 2024-02-12 --test-end 2024-02-23", "auto",
			Window{utc("2024-02-09 00:00:00").Add(endOfDay), utc("2024-02-12 00:00:00"), utc("2024-02-23 00:00:00").Add(endOfDay)}},
		{daily + " --train-end 2003-10-10T21:00:00 --test-start 2003-10-13T07:00 --test-end 2003-10-24T21:00:00Z --model snaive", "snaive",
			Window{utc("2003-10-10 21:00:00"), utc("2003-10-13 07:00:00"), utc("2003-10-24 21:00:00")}},
		{daily + " --train-end 2024-02-09 --test-start 2024-02-10 --test-end 2024-02-10 --model weekday-mean:4", "weekday-mean:4",
			Window{utc("2024-02-09 00:00:00").Add(endOfDay), utc("2024-02-10 00:00:00"), utc("2024-02-10 00:00:00").Add(endOfDay)}},
	}
	for _, tt := range tests {
		opts, err := parse(t, tt.argv)
		if err != nil {
			t.Errorf("%s: %v", tt.argv, err)
			continue
		}
		if opts.Model != tt.model || opts.Series != "testdata/daily.csv" || !opts.Window.TrainEnd.Equal(tt.win.TrainEnd) ||
			!opts.Window.TestStart.Equal(tt.win.TestStart) || !opts.Window.TestEnd.Equal(tt.win.TestEnd) {
			t.Errorf("%s:\n got %s %+v\nwant %s %+v", tt.argv, opts.Model, opts.Window, tt.model, tt.win)
		}
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct{ argv, msg string }{
		{daily + " --train-end 2024-02-09 --test-start 2024-02-09 --test-end 2024-02-23",
			"--test-start 2024-02-09: the test window must start after --train-end 2024-02-09"},
		{daily + " --train-end 2024-02-09 --test-start 2024-02-20 --test-end 2024-02-12",
			"--test-end 2024-02-12: the test window ends before --test-start 2024-02-20"},
		{daily + " --train-end 9/2/2024 --test-start 2024-02-12 --test-end 2024-02-23",
			`--train-end "9/2/2024": expected a date such as 2003-10-06, a time such as 2003-10-06 17:00, or RFC 3339`},
		{daily + " --train-end 2024-02-09 --test-start 2024-02-12 --test-end 2024-02-23 --model arima",
			`--model: unknown model "arima": expected one of auto, weekday-mean, snaive, holt-winters, yoy, yoy-growth, weekday-median, day-profile, weekday-share, or a candidate such as weekday-mean:4, day-profile:6, cal:holt-winters, mean(weekday-mean:4, cal:holt-winters)`},
		{"--series  --train-end 2024-02-09 --test-start 2024-02-12 --test-end 2024-02-23",
			`unknown command "2024-02-09" for "backtest"`},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("%s:\n got error %v\nwant %s", tt.argv, err, tt.msg)
			continue
		}
		if !strings.HasPrefix(tt.msg, "unknown command") && diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%s: exit code %d, want %d", tt.argv, diag.ExitCode(err), diag.ExitUsage)
		}
	}
}

// run executes backtestRun on the options argv parses to, with stdout a
// terminal or not, and returns stdout.
func run(t *testing.T, argv string, tty bool) (string, error) {
	t.Helper()
	opts, err := parse(t, argv)
	if err != nil {
		t.Fatalf("%s: %v", argv, err)
	}
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	opts.IO = ios
	err = backtestRun(opts)
	if errOut.Len() > 0 {
		t.Errorf("%s: unexpected stderr %q", argv, errOut)
	}
	return out.String(), err
}

// The expected figures of testdata/daily.csv (12 weeks of weekdays,
// 2024-01-15 and 2024-02-19 absent; trained to 2024-03-08, 10 days
// scored) were computed independently in Python from the definitions of
// Hyndman and Koehler (IJF 22(4), 2006; m = 5 points, the series being
// weekdays only):
//
//	weekday-mean:4  WAPE 2.488479262672811  MAPE 2.5315797404124405
//	                sMAPE 2.520340598897318  MASE 0.4381132075471698
//	snaive          WAPE 4.700460829493087  MAPE 4.698826158304008
//	                sMAPE 4.692386403600328  MASE 0.8275471698113207
//
// The band's figures lock the output (models.ScoreBands is checked on
// hand-computed values in its own package).
const split = daily + " --train-end 2024-03-08 --test-start 2024-03-11 --test-end 2024-03-22"

func TestOutput(t *testing.T) {
	tests := []struct {
		argv string
		tty  bool
		want string
	}{
		{split + " --model weekday-mean:4", false, "model\tpoints\twape\tmape\tsmape\tmase\tseason\n" +
			"weekday-mean:4\t10\t2.49\t2.53\t2.52\t0.438\t5\n" +
			"baseline snaive\t10\t4.70\t4.70\t4.69\t0.828\t5\n"},
		{split + " --model weekday-mean:4", true, `testdata/daily.csv: trained up to 2024-03-08 (end), scored 10 points 2024-03-11 .. 2024-03-22; MASE season m = 5
┌─────────────────┬────────┬──────┬──────┬───────┬───────┬────────┐
│      model      │ points │ wape │ mape │ smape │ mase  │ season │
├─────────────────┼────────┼──────┼──────┼───────┼───────┼────────┤
│  weekday-mean:4 │     10 │ 2.49 │ 2.53 │  2.52 │ 0.438 │      5 │
│ baseline snaive │     10 │ 4.70 │ 4.70 │  4.69 │ 0.828 │      5 │
└─────────────────┴────────┴──────┴──────┴───────┴───────┴────────┘
`},
		{split + " --model weekday-mean:4 --json", false, `{
  "model": "weekday-mean:4",
  "points": 10,
  "wape": 2.488479262672811,
  "mape": 2.5315797404124405,
  "smape": 2.520340598897318,
  "mase": 0.4381132075471698,
  "season": 5,
  "baseline": {
    "model": "snaive",
    "wape": 4.700460829493087,
    "mape": 4.698826158304008,
    "smape": 4.692386403600328,
    "mase": 0.8275471698113207
  },
  "band": {
    "coverage": 0.6,
    "interval_score": 9.853112330117973,
    "scaled_interval_score": 9.081209520846059
  },
  "cadence": "daily",
  "events": []
}
`},
	}
	for _, tt := range tests {
		got, err := run(t, tt.argv, tt.tty)
		if err != nil {
			t.Fatalf("%s: %v", tt.argv, err)
		}
		same := got == tt.want
		if strings.Contains(tt.argv, "--json") {
			same = testkit.JSONEqual(got, tt.want, jsonTol)
		}
		if !same {
			t.Errorf("%s (tty %v):\n got:\n%s\nwant:\n%s", tt.argv, tt.tty, got, tt.want)
		}
	}
}

// TestAutoJSON checks auto's fields: the pick, every candidate's score and
// a reason, and that the pick is one of the scored candidates.
func TestAutoJSON(t *testing.T) {
	got, err := run(t, split+" --json", false)
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal([]byte(got), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Model != "auto" || rep.Points != 10 || rep.Season != 5 || rep.Choice == nil {
		t.Fatalf("report %+v", rep)
	}
	if _, ok := rep.Choice.Scores[rep.Choice.Model]; !ok || rep.Choice.Reason == "" || len(rep.Choice.Scores) < 10 {
		t.Errorf("choice %+v: the pick must be among the scores, with a reason", rep.Choice)
	}
	for _, key := range []string{`"choice": {`, `"scores": {`, `"reason": "`, `"season_weight": `, `"origins": [`, `"kind": "recent"`, `"candidates": {`, `"recent": `} {
		if !strings.Contains(got, key) {
			t.Errorf("JSON lacks %s:\n%s", key, got)
		}
	}
	tty, err := run(t, split, true)
	if err != nil || !strings.Contains(tty, "auto picked "+rep.Choice.Model) || !strings.Contains(tty, "│ auto ("+rep.Choice.Model+") │") {
		t.Errorf("terminal output does not show the pick %s:\n%s (%v)", rep.Choice.Model, tty, err)
	}
}

func TestDataErrors(t *testing.T) {
	tests := []struct {
		argv string
		msg  string
		code int
	}{
		{"--series testdata/bad.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04",
			`testdata/bad.csv:4:2: contacts: "ten": invalid series: expected a number`, diag.ExitInvalidData},
		{"--series testdata/empty.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04",
			"testdata/empty.csv:2: invalid series: no points: the file has a header but no data rows", diag.ExitInvalidData},
		{daily + " --train-end 2024-03-08 --test-start 2024-04-01 --test-end 2024-04-30",
			"testdata/daily.csv: invalid series: nothing to score: the series has no point between 2024-04-01 00:00:00 and 2024-04-30 23:59:59", diag.ExitInvalidData},
		{daily + " --train-end 2023-12-31 --test-start 2024-01-01 --test-end 2024-01-31",
			"testdata/daily.csv: invalid series: no points: no point at or before 2023-12-31 23:59:59 to train on", diag.ExitInvalidData},
		{"--series testdata/missing.csv --train-end 2024-01-02 --test-start 2024-01-03 --test-end 2024-01-04",
			"open testdata/missing.csv: no such file or directory", diag.ExitError},
	}
	for _, tt := range tests {
		out, err := run(t, tt.argv, false)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("%s:\n got error %v\nwant %s", tt.argv, err, tt.msg)
		}
		if code := diag.ExitCode(err); code != tt.code {
			t.Errorf("%s: exit code %d, want %d", tt.argv, code, tt.code)
		}
		if tt.code == diag.ExitInvalidData && !errors.Is(err, models.ErrInvalidSeries) {
			t.Errorf("%s: %v does not wrap models.ErrInvalidSeries", tt.argv, err)
		}
		if out != "" {
			t.Errorf("%s: stdout %q on error", tt.argv, out)
		}
	}
	if _, err := os.Stat("testdata/missing.csv"); err == nil {
		t.Fatal("testdata/missing.csv must not exist")
	}
}

// jsonTol is the relative tolerance on JSON numbers: the last bits of a
// float64 may differ between platforms (fused multiply-add on arm64).
const jsonTol = 1e-12
