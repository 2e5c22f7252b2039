// Package backtestcmd implements `peakstaff backtest`: score a forecasting
// model on a held-out window of a contact series, next to seasonal naive.
package backtestcmd

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// Options are the inputs of the backtest command.
type Options struct {
	IO *iostreams.IOStreams

	Series    string
	TimeCol   string
	ValueCol  string
	DateOrder string
	TrainEnd  string
	TestStart string
	TestEnd   string
	Model     string
	Events    []string
	EventWin  int
	Orders    string
	OrdersCol string
	OrdersDay string
	JSON      bool

	// Window is what the three date flags mean, set by validation.
	Window Window
	// events are the --event flags read; eventsGiven is false when the
	// events come from the data (see forecast.WindowEvents).
	events      []forecast.Event
	eventsGiven bool
}

// Window is the split of a backtest: the model trains on the points at or
// before TrainEnd and is scored on those in [TestStart, TestEnd].
type Window struct {
	TrainEnd, TestStart, TestEnd time.Time
}

// NewCmdBacktest builds the command; runF replaces the work in tests.
func NewCmdBacktest(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "backtest --series FILE --train-end DATE --test-start DATE --test-end DATE [flags]",
		Short: "Score a forecasting model on held-out days of a contact series",
		Long:  backtestHelp,
		Example: `  peakstaff backtest --series bank_calls_daily.csv --train-end 2003-10-03 --test-start 2003-10-06 --test-end 2003-10-24
  peakstaff backtest --series bank_calls_5min.csv --train-end 2003-10-10 --test-start 2003-10-13 --test-end 2003-10-24 --model auto --json
  peakstaff backtest --series tickets.csv --time-col day --value-col created --train-end 2025-10-31 --test-start 2025-11-01 --test-end 2025-11-30 --model weekday-mean`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return backtestRun(opts)
		},
	}
	opts.addFlags(cmd)
	return cmd
}

// addFlags registers the command's flags, the four that set the series
// and its window required.
func (o *Options) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.Series, "series", "", "the series CSV file (required)")
	f.StringVar(&o.TimeCol, "time-col", "", "the time column, by header or number (default: the first column of times)")
	f.StringVar(&o.ValueCol, "value-col", "", "the value column, by header or number (default: the first numeric column after the time)")
	f.StringVar(&o.DateOrder, "date-order", "", "day/month order of numeric dates when the column cannot tell: dmy or mdy")
	f.StringVar(&o.TrainEnd, "train-end", "", "last time the model may see; a date means the whole day (required)")
	f.StringVar(&o.TestStart, "test-start", "", "first time scored; a date means its start (required)")
	f.StringVar(&o.TestEnd, "test-end", "", "last time scored; a date means the whole day (required)")
	f.StringVar(&o.Model, "model", models.NameAuto, "the model: auto, weekday-mean, snaive, holt-winters, yoy (see above)")
	f.StringSliceVar(&o.Events, "event", nil, "events to align years on (repeatable; none for no event); default: the built-in events near the test window that the data shows")
	f.IntVar(&o.EventWin, "event-window", 3, "days either side of an event that follow it instead of the 364-day lag")
	f.StringVar(&o.Orders, "orders", "", "daily orders file: score the driver model (contacts from orders) instead of --model")
	f.StringVar(&o.OrdersCol, "orders-col", "", "the orders column of --orders, by header or number (default: found by name)")
	f.StringVar(&o.OrdersDay, "orders-date-col", "", "the date column of --orders, by header or number (default: found by name)")
	f.BoolVar(&o.JSON, "json", false, "print JSON (fields listed above)")
	cmd.MarkFlagRequired("series")
	cmd.MarkFlagRequired("train-end")
	cmd.MarkFlagRequired("test-start")
	cmd.MarkFlagRequired("test-end")
	cmdutil.CompleteFiles(cmd, "series", cmdutil.TableFiles...)
	cmdutil.CompleteFiles(cmd, "orders", cmdutil.TableFiles...)
	cmdutil.CompleteWords(cmd, "model", models.Names()...)
	cmdutil.CompleteWords(cmd, "date-order", "dmy", "mdy")
}

// validate parses the dates and checks the model name.
func (o *Options) validate() error {
	if strings.TrimSpace(o.Series) == "" {
		return diag.Usagef("--series: expected a CSV file of the series")
	}
	var err error
	if o.Window.TrainEnd, err = parseDate("--train-end", o.TrainEnd, true); err != nil {
		return err
	}
	if o.Window.TestStart, err = parseDate("--test-start", o.TestStart, false); err != nil {
		return err
	}
	if o.Window.TestEnd, err = parseDate("--test-end", o.TestEnd, true); err != nil {
		return err
	}
	w := o.Window
	if !w.TestStart.After(w.TrainEnd) {
		return diag.Usagef("--test-start %s: the test window must start after --train-end %s", o.TestStart, o.TrainEnd)
	}
	if w.TestEnd.Before(w.TestStart) {
		return diag.Usagef("--test-end %s: the test window ends before --test-start %s", o.TestEnd, o.TestStart)
	}
	if _, err := dates.ParseOrder(o.DateOrder); err != nil {
		return diag.Usagef("--date-order: %v", err)
	}
	if _, err := models.New(o.Model); err != nil {
		return diag.Usagef("--model: %v", err)
	}
	if o.Orders != "" && o.Model != models.NameAuto {
		return diag.Usagef("--model %s: with --orders the driver model is scored (its method is chosen like auto's); leave --model out", o.Model)
	}
	if o.Orders == "" && (o.OrdersCol != "" || o.OrdersDay != "") {
		return diag.Usagef("--orders-col and --orders-date-col name columns of --orders, which is not given")
	}
	return o.validateEvents()
}

// validateEvents reads --event and --event-window.
func (o *Options) validateEvents() error {
	if o.EventWin < 0 || o.EventWin > 30 {
		return diag.Usagef("--event-window %d: expected 0 to 30 days", o.EventWin)
	}
	o.events, o.eventsGiven = nil, len(o.Events) > 0
	for _, e := range o.Events {
		if strings.EqualFold(strings.TrimSpace(e), "none") {
			if len(o.Events) > 1 {
				return diag.Usagef("--event none: no other --event goes with it")
			}
			continue
		}
		ev, err := forecast.ParseEvent(e)
		if err != nil {
			return diag.Usagef("--event: %v", err)
		}
		o.events = append(o.events, ev)
	}
	return nil
}

// parseDate reads a flag's time; a plain date is the whole day when
// wholeDay is set (its last nanosecond), else its start.
func parseDate(flag, s string, wholeDay bool) (time.Time, error) {
	t, dateOnly, err := models.ParseTime(s)
	if err != nil {
		return t, diag.Usagef("%s %q: expected a date such as 2003-10-06, a time such as 2003-10-06 17:00, or RFC 3339", flag, s)
	}
	if dateOnly && wholeDay {
		t = t.Add(models.Day - time.Nanosecond)
	}
	return t, nil
}

// Report is the command's JSON output.
type Report struct {
	Model    string   `json:"model"`
	Points   int      `json:"points"`
	WAPE     float64  `json:"wape"`
	MAPE     float64  `json:"mape"`
	SMAPE    float64  `json:"smape"`
	MASE     float64  `json:"mase"`
	Season   int      `json:"season"`
	Baseline Baseline `json:"baseline"`
	Band     *Band    `json:"band,omitempty"`
	Cadence  string   `json:"cadence"`
	Events   []string `json:"events"`
	Choice   *Choice  `json:"choice,omitempty"`
}

// Baseline is the seasonal naive score on the same points.
type Baseline struct {
	Model string  `json:"model"`
	WAPE  float64 `json:"wape"`
	MAPE  float64 `json:"mape"`
	SMAPE float64 `json:"smape"`
	MASE  float64 `json:"mase"`
}

// Band scores the model's P10-P90 band on the scored points.
type Band struct {
	Coverage            float64 `json:"coverage"`
	IntervalScore       float64 `json:"interval_score"`
	ScaledIntervalScore float64 `json:"scaled_interval_score"`
}

// Choice is auto's pick.
type Choice struct {
	Model        string                    `json:"model"`
	Scores       map[string]float64        `json:"scores"`
	Reason       string                    `json:"reason"`
	SeasonWeight float64                   `json:"season_weight"`
	Origins      []Origin                  `json:"origins"`
	Candidates   map[string]CandidateScore `json:"candidates"`
}

// Origin is one cut of auto's backtest.
type Origin struct {
	Kind   string `json:"kind"`
	Cut    string `json:"cut"`
	From   string `json:"from"`
	To     string `json:"to"`
	Points int    `json:"points"`
}

// CandidateScore is one candidate's backtest; nil WAPEs had no origin.
type CandidateScore struct {
	Score         float64  `json:"score"`
	Recent        *float64 `json:"recent"`
	Season        *float64 `json:"season"`
	SeasonImputed bool     `json:"season_imputed"`
	Origins       int      `json:"origins"`
}

// NewReport turns a backtest result into the output.
func NewReport(model string, r models.Result) Report {
	rep := Report{
		Model: model, Points: r.Scores.Points, Season: r.Scores.Season,
		WAPE: r.Scores.WAPE, MAPE: r.Scores.MAPE, SMAPE: r.Scores.SMAPE, MASE: r.Scores.MASE,
		Baseline: Baseline{Model: models.NameSNaive, WAPE: r.Baseline.WAPE, MAPE: r.Baseline.MAPE, SMAPE: r.Baseline.SMAPE, MASE: r.Baseline.MASE},
	}
	if b := r.Band; b != nil {
		rep.Band = &Band{Coverage: b.Coverage, IntervalScore: b.IntervalScore, ScaledIntervalScore: b.ScaledIntervalScore}
	}
	if c := r.Choice; c != nil {
		rep.Choice = &Choice{Model: c.Model, Scores: c.Scores, Reason: c.Reason, SeasonWeight: c.SeasonWeight,
			Origins: []Origin{}, Candidates: map[string]CandidateScore{}}
		for _, o := range c.Origins {
			rep.Choice.Origins = append(rep.Choice.Origins, Origin{Kind: o.Kind, Cut: o.Cut.Format(time.DateOnly),
				From: o.From.Format(time.DateOnly), To: o.To.Format(time.DateOnly), Points: o.Points})
		}
		for name, s := range c.Candidates {
			rep.Choice.Candidates[name] = CandidateScore{Score: s.Score, Recent: finiteOrNil(s.Recent), Season: finiteOrNil(s.Season),
				SeasonImputed: s.SeasonImputed, Origins: s.Origins}
		}
	}
	return rep
}

// finiteOrNil is x, or nil when it is NaN (JSON has no NaN).
func finiteOrNil(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func backtestRun(opts *Options) error {
	order, _ := dates.ParseOrder(opts.DateOrder)
	warn := func(msg string) { term.Warnf(opts.IO.ErrOut, "%s", msg) }
	w := opts.Window
	run, err := forecast.BacktestFile(forecast.BacktestOptions{Series: opts.Series,
		Read:  models.ReadOptions{TimeColumn: opts.TimeCol, ValueColumn: opts.ValueCol, DateOrder: order, Warn: warn},
		Split: models.Split{TrainEnd: w.TrainEnd, TestStart: w.TestStart, TestEnd: w.TestEnd}, Model: opts.Model,
		Events: opts.events, EventsGiven: opts.eventsGiven, EventWindow: opts.EventWin,
		OrdersFile: opts.Orders, Orders: forecast.OrdersOptions{DateColumn: opts.OrdersDay, OrdersColumn: opts.OrdersCol, DateOrder: order,
			DateHint: "--orders-date-col", OrdersHint: "--orders-col", OrderHint: "--date-order"},
		Warn: warn})
	if err != nil {
		return err
	}
	r := run.Result
	rep := NewReport(run.Model, r)
	rep.Cadence = models.DetectCadence(r.Train).String()
	rep.Events = []string{}
	for _, e := range run.Events {
		rep.Events = append(rep.Events, e.Name)
	}
	if opts.JSON {
		return term.PrintJSON(opts.IO.Out, rep)
	}
	return printTable(opts, rep, r)
}

// printTable writes the model and baseline rows; on a terminal a title
// says what was scored and, for auto, what it picked and its best rivals.
func printTable(opts *Options, rep Report, r models.Result) error {
	name := rep.Model
	if rep.Choice != nil {
		name += " (" + rep.Choice.Model + ")"
	}
	first, last := r.Actual[0].T, r.Actual[len(r.Actual)-1].T
	title := fmt.Sprintf("%s: trained up to %s, scored %d points %s .. %s; MASE season m = %d",
		opts.Series, formatTime(opts.Window.TrainEnd), rep.Points, formatTime(first), formatTime(last), rep.Season)
	if rep.Choice != nil {
		title += "\nauto picked " + rep.Choice.Model + ": " + rep.Choice.Reason
		if len(rep.Choice.Scores) > 0 {
			title += "\n" + bestScores(rep.Choice.Scores, 5)
		}
	}
	t := term.NewTable(opts.IO, "model", "points", "wape", "mape", "smape", "mase", "season").Title(title)
	t.Row(name, rep.Points, pct(rep.WAPE), pct(rep.MAPE), pct(rep.SMAPE), ratio(rep.MASE), rep.Season)
	b := rep.Baseline
	t.Row("baseline "+b.Model, rep.Points, pct(b.WAPE), pct(b.MAPE), pct(b.SMAPE), ratio(b.MASE), rep.Season)
	return t.Render()
}

// bestScores lists the n best candidates of auto's backtest.
func bestScores(scores map[string]float64, n int) string {
	names := make([]string, 0, len(scores))
	for k := range scores {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if scores[names[i]] != scores[names[j]] {
			return scores[names[i]] < scores[names[j]]
		}
		return names[i] < names[j]
	})
	var b strings.Builder
	b.WriteString("best in the rolling origins (WAPE %):")
	for i, k := range names {
		if i == n {
			break
		}
		fmt.Fprintf(&b, "\n  %6s  %s", pct(scores[k]), k)
	}
	return b.String()
}

func formatTime(t time.Time) string {
	h, m, s := t.Clock()
	switch {
	case h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0:
		return t.Format(time.DateOnly)
	case h == 23 && m == 59 && s == 59 && t.Nanosecond() == int(time.Second-time.Nanosecond):
		return t.Format(time.DateOnly) + " (end)"
	}
	return t.Format("2006-01-02 15:04:05")
}

func pct(x float64) string   { return strconv.FormatFloat(x, 'f', 2, 64) }
func ratio(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// backtestHelp is the long help of backtest: the series it reads, the
// models, the events, the metrics and the --json fields.
const backtestHelp = `Fit a model on a series up to --train-end, forecast every timestamp the file
has from --test-start to --test-end, and score the forecast against the
actual values, next to the seasonal naive baseline (each point's value one
week earlier).

The series is a file with a header, read as peakstaff import reads exports:
CSV with any of , ; tab |, a byte-order mark or none, XLSX, decimal commas.
It has a time column (the first whose values read as times, or --time-col)
and a value column (the first numeric column after it, or --value-col);
columns are named by header or 1-based number. Times in any form import
reads: 2003-10-06, 2003-10-06 07:05[:00], RFC 3339, 6-10-2003, 10/06/2003
7:05, 6 Oct 2003; the day/month order is learnt from the whole column (a
value such as 13/10/2003 settles it), or given with --date-order. Daily or
intraday (5 to 60 minutes), weekly (one value a week, dated by the week's
first day) or monthly (one value a month) series; missing days, slots and
weeks are gaps, not zeros; empty and NA values are gaps.

Dates: a date alone means the whole day for --train-end and --test-end, and
its start for --test-start. The test window must start after --train-end.

Models (--model):
  auto            per series, the candidate (or the mean of the 2 or 3
                  best) with the lowest score in a rolling-origin backtest
                  on the training data, at the horizon asked for, at recent
                  origins and at the test window's counterpart one and two
                  years earlier, aligned on the events (default)
  weekday-mean    mean of the last k same weekdays (and time slots), k
                  chosen on the training data
  snaive          the value one week earlier
  holt-winters    triple exponential smoothing of the day totals, weekly
                  season; split into slots by an intraday profile
  yoy             last year's value on the day that plays the same part:
                  the same offset from an event (--event), else 364 days
                  earlier; 52 weeks, 12 months (needs a year of history)
  yoy-growth      yoy x the growth of the last 8 weeks over the same weeks
                  a year earlier
  weekday-median, day-profile, weekday-share, and the names auto reports
  (weekday-mean:4, cal:holt-winters, mean(a, b), ...) are accepted too.

The driver model (--orders FILE): a file of daily orders (or customers,
reservations), read as forecast --orders reads it (columns found by name,
--orders-col and --orders-date-col to name them; any delimiter, XLSX,
dates in any form import reads). The model forecasts each point of the
test window from its own day's (week's, month's) orders, taken as known,
by the method a backtest on the training data picks (the same origins and
weighting as auto): ratio-recent (contacts per order over the last 28
days), ratio-aligned (last year's ratio around the day that played the
part), ratio-level-shape (that shape at this year's level), ratio-weekday,
or regression (a + b x orders over the last 8 weeks). It is reported as
model "driver", its choice as auto's; --model does not apply.

Events (--event, repeatable): days within --event-window days (3) of an
event are compared with last year's same offset from it (Black Friday 2024,
11-29, with Black Friday 2023, 11-24), other days with the day 364 days
earlier. Names: black-friday, cyber-monday, thanksgiving, double-11, 618,
double-12, christmas, chinese-new-year, or NAME=DATE,DATE for an event of
your own; --event none aligns nothing. By default, the built-in events
within 10 days of the test window that the training data shows (a day or
week more than 4 robust standard deviations off its neighbours).

Calendar effects (cal: candidates of auto): the month position of a day and
the carry-over after a closed day, both learnt from the history. The model
forecasts every timestamp of the test window on the training data's
calendar (weekdays and times of day it has), then only the timestamps the
file holds are scored: a day missing from the test window (a holiday) is
not known in advance and does not leak into the forecast.

Metrics, e = actual - forecast over the scored points:
  WAPE = 100 sum|e| / sum|actual|; MAPE = 100 mean |e|/|actual| over
  actual != 0; sMAPE = 100 mean 2|e|/(|actual|+|forecast|); MASE = mean|e| /
  mean|y_t - y_(t-m)| over the training series, m = points per week
  (5 for weekday-only daily data, 7 for every day, slots x days for
  intraday data).

Output: a table on a terminal, tab-separated values when piped, or --json:
  model     the model asked for
  points    the points scored
  wape, mape, smape (percent), mase
  season    m, the seasonal period of MASE in points
  baseline  {model: "snaive", wape, mape, smape, mase}
  band      the P10-P90 band from the model's own rolling-origin errors,
            scored: {coverage: share of points inside (0.8 is honest),
            interval_score: mean (P90 - P10) + 10 x the distance of an
            actual outside the band (Gneiting and Raftery 2007, in the
            series' units), scaled_interval_score: 100 x its sum / the
            sum of actuals}; absent when the history is too short
  cadence   daily, weekly or monthly (intraday series are daily)
  events    the events the days were aligned on
  choice    with auto only: {model: the candidate or combination picked,
            scores: {candidate: its score, the weighted WAPE}, reason,
            season_weight: the weight w of the season-like origins,
            origins[]: {kind: recent or season, cut, from, to, points},
            candidates: {candidate: {score, recent, season (WAPE over
            each kind of origin, null when none), season_imputed,
            origins}}}; score = w season + (1 - w) recent

Exit codes: 0 ok; 2 bad flags; 3 invalid data (unreadable series, bad
values with file:line:column, nothing to score); 1 other errors.`
