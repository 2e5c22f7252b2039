// Package forecastcmd implements `peakstaff forecast`.
package forecastcmd

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/outfile"
)

// Options are the inputs of the forecast command.
type Options struct {
	IO *iostreams.IOStreams

	// Source holds the files and the flags that say how to read them.
	Source cmdutil.Source

	Season      string
	Events      []string
	EventWindow int
	Growth      float64
	Orders      string
	OrdersCol   string
	DateCol     string
	OrdersTotal float64
	Interval    time.Duration
	By          string
	Quantile    float64
	Capacity    float64
	AHTUplift   float64
	Intraday    string
	WeekShape   string
	Out         string
	Force       bool
	JSON        bool

	// set by validation
	season   forecast.Range
	events   []forecast.Event
	intraday *forecast.Intraday
	week     *forecast.WeekShape
	byType   bool
	byChan   bool
}

// NewCmdForecast builds the command; runF replaces the work in tests.
func NewCmdForecast(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "forecast FILE[@ZONE]... --season START..END [flags]",
		Short: "Forecast the season's contacts by day, interval, channel and issue type",
		Long: `Forecast this season's contacts from last year's exports (any format import
reads, or contacts written by import --out).

Each day of the season is aligned with last year's day that plays its part:
days within --event-window days (3) of an event (--event; by default every built-in event in
the season: black-friday, cyber-monday, thanksgiving, double-11, 618,
double-12, christmas, chinese-new-year) follow the event, other days the day
364 days before (same weekday). Its volume is last year's x growth (--growth,
or measured on the weeks before the season against the same weeks a year
earlier), or, with --orders, this season's orders x the contacts per order
by the method a backtest on the history picks (the ratio's recent level,
last year's ratio around the aligned day, that shape at this year's level,
per weekday, or a regression on orders; drivers[] in --json). Days without an aligned day last year use the model a
backtest on the series' own history picks (weekday means, medians, seasonal
naive, Holt-Winters, or the mean of the best; see peakstaff backtest). Each day is spread over its intervals with last
year's own curve on an event day (Double 11's midnight spike), else the
weekday curve of the last 8 weeks, in the zone of --tz. Bands P10..P90 come
from replaying the method on last season.

--orders FILE: daily orders (or customers), read as import reads exports:
CSV with any of , ; tab |, a BOM or none, XLSX; dates in any form import
reads (2025-11-28, 28-11-2025, 11/28/2025, 28 Nov 2025), the day/month
order learnt from the column (or --date-order). The date column is the one
named date, day, 日期, ... (or --date-col), the orders column the one named
orders, customers, reservations, 订单, ..., or the one number column whose
name says order, reservation, booking, customer (or --orders-col); columns
by header or 1-based number. Days before the season are the history of the
contact ratio; days in the season are this year's forecast. Or give
--orders-total N, spread over the season with last year's daily shape.

Custom events: --event NAME=2025-09-09,2026-09-08 (one date per year);
--event none aligns every day on the 364-day lag, no event.

History of one count a week or a month (a weekly or monthly report): each
count is spread over the days it stands for (a week from the day it is
dated by) by --week-shape: retail (default: Monday the busiest, the
weekend the quietest), flat, or seven weights Monday to Sunday such as
1.2,1.1,1,1,1,0.8,0.7; a warning says so.

History without times of day (date-only exports, daily reports): its days
are spread evenly over 24 hours unless --intraday gives the shape of the
day: retail (a built-in online-shop day: quiet nights, a late-morning and
an evening peak) or a file of hour,share (any delimiter, XLSX; hours 0-23
or times such as 09:30; shares in any unit). A warning names the shape
used. --history-end DAY leaves out the contacts after that day (forecast
as of a date).

Output: on a terminal a daily table per issue type with totals and a
sparkline; piped, one TSV row per day, channel and issue type; --json:
  season, time_zone, interval_minutes, quantile, contacts (P50 total),
  growth{factor, measured, given, from, to, this, last_year},
  bands{method, points, low, high, rel_sd, wape},
  days[]{date, weekday, channel, issue_type, p10, p50, p90, aht_seconds,
         method, source, event, offset, ratio, profile},
  handle_times[]{channel, issue_type, normal_seconds, season_seconds,
                 median_seconds, uplift, samples},
  ratios[]{channel, issue_type, season, normal, monthly{}},
  drivers[]{channel, issue_type, method, recent_ratio, season_weight,
            scores{method: weighted WAPE}, reason},
  backlog{capacity_per_day, peak_backlog, peak_date, resolution_hours{},
          projection[]{date, received, resolved, backlog}},
  notes[], warnings[]
--out FILE.csv writes one row per interval, channel and issue type:
  interval_start, channel, issue_type, contacts (the arrival rate at
  --quantile: the model's uncertainty only, as staffing formulas add the
  Poisson variability themselves), aht_seconds, p10, p50, p90 (the counts
  one may observe).

Exit codes: 0 ok; 2 bad flags; 3 invalid data (unreadable export or orders
file, no contacts); 1 other errors.`,
		Example: `  peakstaff forecast tickets.csv calls.csv --tz America/New_York --season 2026-11-16..2026-12-06
  peakstaff forecast contacts.csv --season 2026-11-01..2026-11-30 --event double-11 --interval 15m --out forecast.csv
  peakstaff forecast export.csv --season 2026-11-20..2026-12-06 --orders orders.csv --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return diag.Usagef("forecast needs at least one FILE of last year's contacts")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Source.Files = args
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return forecastRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	cmdutil.AddSourceFlags(f, &opts.Source)
	f.StringVar(&opts.Season, "season", "", "the days to forecast, START..END (YYYY-MM-DD, inclusive)")
	f.StringSliceVar(&opts.Events, "event", nil, "events to align on (repeatable), or none; default: the built-in events in the season")
	f.IntVar(&opts.EventWindow, "event-window", 3, "days either side of an event that follow it instead of the 364-day lag")
	f.Float64Var(&opts.Growth, "growth", 0, "volume this season / last season (e.g. 1.2); default: measured")
	f.StringVar(&opts.Orders, "orders", "", "daily orders file (CSV or XLSX): history and, for the season's days, the forecast")
	f.StringVar(&opts.OrdersCol, "orders-col", "", "the orders column of --orders, by header or number (default: found by name)")
	f.StringVar(&opts.DateCol, "date-col", "", "the date column of --orders, by header or number (default: found by name)")
	f.Float64Var(&opts.OrdersTotal, "orders-total", 0, "this season's total orders, spread with last year's shape (needs --orders history)")
	f.DurationVar(&opts.Interval, "interval", 30*time.Minute, "interval length: 15m, 30m or 60m")
	f.StringVar(&opts.By, "by", "issue-type,channel", "split the forecast by: issue-type, channel, or both")
	f.Float64Var(&opts.Quantile, "quantile", 0.5, "the quantile of the arrival rate written as contacts in --out (0.5 = P50, 0.9 = P90; model uncertainty only, staffing adds the Poisson part)")
	f.StringVar(&opts.Intraday, "intraday", "", "shape of the day for history without times of day: retail, or a file of hour,share")
	f.StringVar(&opts.WeekShape, "week-shape", "", "spread of weekly or monthly history over the days: retail (default), flat, or 7 weights Monday to Sunday")
	f.Float64Var(&opts.AHTUplift, "aht-uplift", 0, "peak handle time = normal x this factor (e.g. 1.15); default: measured on last season")
	f.Float64Var(&opts.Capacity, "capacity", 0, "tickets resolved per day for the backlog projection (default: the last 4 weeks')")
	f.StringVarP(&opts.Out, "out", "o", "", "write the interval forecast to this CSV file")
	f.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists")
	f.BoolVar(&opts.JSON, "json", false, "print the forecast as JSON")
	completeFlags(cmd)
	return cmd
}

// completeFlags registers what a shell completes: exports as arguments,
// the source flags, the orders file, --out and --by.
func completeFlags(cmd *cobra.Command) {
	cmd.ValidArgsFunction = cmdutil.FileArgs(cmdutil.TableFiles...)
	cmdutil.CompleteSourceFlags(cmd)
	cmdutil.CompleteFiles(cmd, "orders", cmdutil.TableFiles...)
	cmdutil.CompleteFiles(cmd, "out", cmdutil.CSVFiles...)
	cmdutil.CompleteWords(cmd, "by", "issue-type,channel", "issue-type", "channel")
}

func (o *Options) validate() error {
	if err := cmdutil.ValidateSource(&o.Source); err != nil {
		return err
	}
	if o.Season == "" {
		return diag.Usagef("--season START..END is required, e.g. --season 2026-11-16..2026-12-06")
	}
	r, err := forecast.ParseRange(o.Season)
	if err != nil {
		return diag.Usagef("--season: %v", err)
	}
	if r.Days() > 400 {
		return diag.Usagef("--season %s: %d days; a season is at most 400 days", o.Season, r.Days())
	}
	o.season = r
	if o.EventWindow < 0 || o.EventWindow > 30 {
		return diag.Usagef("--event-window %d: expected 0 to 30 days", o.EventWindow)
	}
	if err := forecast.ValidInterval(o.Interval); err != nil {
		return diag.Usagef("--interval: %v", err)
	}
	if o.Growth < 0 || math.IsNaN(o.Growth) || o.Growth > 100 {
		return diag.Usagef("--growth %v: expected a positive factor such as 1.2 (20%% more than last year)", o.Growth)
	}
	if o.Quantile <= 0 || o.Quantile >= 1 {
		return diag.Usagef("--quantile %v: expected a number between 0 and 1, such as 0.5 or 0.9", o.Quantile)
	}
	if o.AHTUplift < 0 || o.AHTUplift > 20 {
		return diag.Usagef("--aht-uplift %v: expected a factor such as 1.15", o.AHTUplift)
	}
	if o.OrdersTotal < 0 || o.Capacity < 0 {
		return diag.Usagef("--orders-total and --capacity cannot be negative")
	}
	if (o.OrdersCol != "" || o.DateCol != "") && o.Orders == "" {
		return diag.Usagef("--orders-col and --date-col name columns of --orders FILE")
	}
	if o.OrdersTotal > 0 && o.Orders == "" {
		return diag.Usagef("--orders-total needs --orders with last year's daily orders (to measure the contact ratio and spread the total)")
	}
	o.byType, o.byChan = false, false
	for _, p := range strings.Split(o.By, ",") {
		switch strings.TrimSpace(strings.ToLower(p)) {
		case "issue-type", "issue_type", "type":
			o.byType = true
		case "channel":
			o.byChan = true
		case "":
		default:
			return diag.Usagef("--by %q: expected issue-type, channel or both (issue-type,channel)", o.By)
		}
	}
	if !o.byType && !o.byChan {
		return diag.Usagef("--by: name issue-type, channel or both")
	}
	if o.Out != "" && !strings.EqualFold(filepath.Ext(o.Out), ".csv") {
		return diag.Usagef("--out %s: expected a .csv file", o.Out)
	}
	o.events = nil
	none := len(o.Events) == 1 && strings.EqualFold(strings.TrimSpace(o.Events[0]), "none")
	for _, e := range o.Events {
		if none {
			break
		}
		if strings.EqualFold(strings.TrimSpace(e), "none") {
			return diag.Usagef("--event none cannot be given with other events")
		}
		ev, err := forecast.ParseEvent(e)
		if err != nil {
			return diag.Usagef("--event: %v", err)
		}
		o.events = append(o.events, ev)
	}
	if len(o.Events) == 0 {
		o.events = forecast.EventsNear(o.season, 10)
	}
	o.week = nil
	if o.WeekShape != "" {
		w, err := forecast.ParseWeekShape(o.WeekShape)
		if err != nil {
			return diag.Usagef("--week-shape: %v", err)
		}
		o.week = &w
	}
	o.intraday = nil
	if o.Intraday != "" {
		in, err := forecast.IntradayByName(o.Intraday)
		if err != nil {
			if _, serr := os.Stat(o.Intraday); serr != nil {
				return diag.Usagef("--intraday %q: expected retail, flat or a file of hour,share", o.Intraday)
			}
		}
		o.intraday = in
	}
	return nil
}

func forecastRun(ctx context.Context, opts *Options) error {
	loc := time.Local
	if opts.Source.TZ != "" {
		l, err := time.LoadLocation(opts.Source.TZ)
		if err != nil {
			return diag.Usagef("--tz %q: not a time zone name such as Europe/Berlin or Asia/Shanghai", opts.Source.TZ)
		}
		loc = l
	}
	set, paths, err := cmdutil.LoadContext(ctx, opts.IO, &opts.Source)
	if err != nil {
		return err
	}
	if opts.Orders != "" {
		paths = append(paths, opts.Orders)
	}
	if opts.Out != "" {
		if err := outfile.CheckOutputPath(opts.Out, opts.Force, paths); err != nil {
			return err
		}
	}
	oopts := forecast.OrdersOptions{DateColumn: opts.DateCol, OrdersColumn: opts.OrdersCol}
	oopts.DateOrder, _ = dates.ParseOrder(opts.Source.DateOrder)
	cfg := forecast.Config{Season: opts.season, Events: opts.events, EventWindow: opts.EventWindow, Growth: opts.Growth, Capacity: opts.Capacity,
		AHTUplift: opts.AHTUplift, Intraday: opts.intraday, WeekShape: opts.week}
	if opts.EventWindow == 0 {
		cfg.EventWindow = forecast.EventDayOnly
	}
	intradayFile := ""
	if opts.intraday == nil {
		intradayFile = opts.Intraday
	}
	res, err := forecast.Run(ctx, forecast.RunOptions{Contacts: set.All(), Location: loc, Interval: opts.Interval,
		ByIssueType: opts.byType, ByChannel: opts.byChan, Config: cfg, IntradayFile: intradayFile,
		OrdersFile: opts.Orders, Orders: oopts, OrdersTotal: opts.OrdersTotal,
		Warn: func(msg string) { term.Warnf(opts.IO.ErrOut, "%s", msg) }})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		term.Warnf(opts.IO.ErrOut, "%s", w)
	}
	if opts.JSON {
		if err := term.PrintJSON(opts.IO.Out, toJSON(res, opts.Quantile)); err != nil {
			return err
		}
	} else {
		if err := printForecast(opts.IO, res); err != nil {
			return err
		}
		for _, n := range res.Notes {
			fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", n)
		}
	}
	if opts.Out != "" {
		err := outfile.WriteFileAtomic(opts.Out, opts.Force, paths, func(w io.Writer) error {
			return forecast.WriteIntervalsCSV(w, res, opts.Quantile)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "wrote %d intervals x series to %s\n", len(res.Slots), opts.Out)
	}
	return nil
}

// printForecast prints the daily table (types as columns) on a terminal, or
// one TSV row per day and series when piped.
func printForecast(ios *iostreams.IOStreams, res *forecast.Result) error {
	if !ios.IsStdoutTTY() {
		t := term.NewTable(ios, "date", "channel", "issue_type", "p10", "p50", "p90", "aht_seconds", "method", "source", "event")
		for _, d := range res.Days {
			t.Row(d.Date, d.Key.Channel, d.Key.IssueType, f1(d.Band.P10), f1(d.Band.P50), f1(d.Band.P90), f1(d.AHT), d.Method, dateOrEmpty(d.Source), d.EventLabel())
		}
		return t.Render()
	}
	var types []string
	seen := map[string]bool{}
	for _, k := range res.Keys {
		if !seen[k.IssueType] {
			seen[k.IssueType] = true
			types = append(types, k.IssueType)
		}
	}
	sort.Strings(types)
	type row struct {
		byType map[string]float64
		event  string
	}
	days := map[civil.Date]*row{}
	var order []civil.Date
	for _, d := range res.Days {
		r := days[d.Date]
		if r == nil {
			r = &row{byType: map[string]float64{}}
			days[d.Date] = r
			order = append(order, d.Date)
		}
		r.byType[d.Key.IssueType] += d.Band.P50
		if d.Event != "" && r.event == "" {
			r.event = d.EventLabel()
		}
	}
	sort.Slice(order, func(i, j int) bool { return order[i].Before(order[j]) })
	totals := map[civil.Date]forecast.Band{}
	for _, t := range res.Totals() {
		totals[t.Date] = t.Band
	}
	header := append([]string{"date", "day", "event"}, types...)
	header = append(header, "total", "P10..P90")
	t := term.NewTable(ios, header...).Title(fmt.Sprintf("Forecast %s, contacts per day (P50) by issue type", res.Season))
	colTotals := make([]float64, len(types))
	var grand forecast.Band
	var line []float64
	for _, d := range order {
		r := days[d]
		vals := []any{d, d.Weekday().String()[:3], r.event}
		for i, ty := range types {
			vals = append(vals, f0(r.byType[ty]))
			colTotals[i] += r.byType[ty]
		}
		tb := totals[d]
		vals = append(vals, f0(tb.P50), f0(tb.P10)+".."+f0(tb.P90))
		grand.P50 += tb.P50
		line = append(line, tb.P50)
		t.Row(vals...)
	}
	foot := []any{"total", "", ""}
	for _, v := range colTotals {
		foot = append(foot, f0(v))
	}
	foot = append(foot, f0(grand.P50), "")
	t.Footer(foot...)
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "season  %s  peak %s\n", term.Sparkline(line), peakDay(order, line))

	ct := term.NewTable(ios, "channel", "issue type", "contacts", "AHT (s)", "AHT uplift", "method").Title("\nBy channel and issue type")
	byKey := map[forecast.Key]float64{}
	methods := map[forecast.Key]string{}
	for _, d := range res.Days {
		byKey[d.Key] += d.Band.P50
		if methods[d.Key] == "" || d.Method != "yoy" {
			methods[d.Key] = d.Method
		}
	}
	for _, a := range res.AHT {
		ct.Row(a.Key.Channel, a.Key.IssueType, f0(byKey[a.Key]), f0(firstPositive(a.Season, a.Normal)), fmt.Sprintf("%.2f", a.Uplift), methods[a.Key])
	}
	if err := ct.Render(); err != nil {
		return err
	}
	return printBacklog(ios, res.Backlog)
}

// printBacklog shows the deferred work: the projected backlog at the
// capacity, and the resolution time per issue type from the history.
func printBacklog(ios *iostreams.IOStreams, b forecast.Backlog) error {
	if len(b.Projection) == 0 {
		return nil
	}
	how := "the last 4 weeks' resolved tickets per day"
	if b.CapacityGiven {
		how = "--capacity"
	}
	title := fmt.Sprintf("\nTicket backlog (email and other deferred channels) at %s resolved a day (%s)", f0(b.Capacity), how)
	if b.PeakBacklog > 0 {
		title += fmt.Sprintf(": peaks at %s open on %s", f0(b.PeakBacklog), b.PeakDate)
	}
	t := term.NewTable(ios, "date", "received", "resolved", "open at end").Title(title)
	for _, d := range b.Projection {
		t.Row(d.Date, f0(d.Received), f0(d.Resolved), f0(d.Backlog))
	}
	if err := t.Render(); err != nil {
		return err
	}
	if len(b.ResolutionHours) == 0 {
		return nil
	}
	types := make([]string, 0, len(b.ResolutionHours))
	for k := range b.ResolutionHours {
		types = append(types, k)
	}
	sort.Strings(types)
	rt := term.NewTable(ios, "issue type", "median hours to resolve").Title("\nResolution time in the history")
	for _, k := range types {
		rt.Row(k, f1(b.ResolutionHours[k]))
	}
	return rt.Render()
}

func peakDay(order []civil.Date, line []float64) string {
	best := -1
	for i, v := range line {
		if best < 0 || v > line[best] {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return fmt.Sprintf("%s (%s contacts)", order[best], f0(line[best]))
}

func dateOrEmpty(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func firstPositive(xs ...float64) float64 {
	for _, x := range xs {
		if x > 0 {
			return x
		}
	}
	return 0
}

func f0(v float64) string { return strconv.FormatFloat(math.Round(v), 'f', 0, 64) }
func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
