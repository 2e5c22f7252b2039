package forecast

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// RunOptions are the inputs of Run: the contacts of a history, the series
// to cut them into, and the files that drive the forecast.
type RunOptions struct {
	Contacts iter.Seq[*importers.Contact] // the history (importers.Set.All)
	Location *time.Location               // the zone of the days; nil: time.Local
	Interval time.Duration                // length of the forecast's intervals

	// The series: one per issue type, per channel, or per both; neither
	// is one series of all the contacts.
	ByIssueType, ByChannel bool

	// Config is the season and the method's settings. Config.Orders is
	// set from OrdersFile; Config.Intraday from IntradayFile when it is
	// nil and IntradayFile is not "".
	Config       Config
	IntradayFile string

	// OrdersFile is last year's daily orders (and the season's, if
	// known); "" for none. Its days before the season are the history of
	// the contact ratio, its season's days the forecast orders unless
	// OrdersTotal (the season's total) is given.
	OrdersFile  string
	Orders      OrdersOptions
	OrdersTotal float64

	Warn func(msg string) // warnings of the files read; nil: dropped
}

// Run builds the history of the contacts and forecasts its season
// (ForecastContext), after reading the intraday and orders files the
// options name. Problems of the contacts or the files are of the class
// diag.InvalidData; a done ctx stops it with diag.ErrInterrupted.
func Run(ctx context.Context, opts RunOptions) (*Result, error) {
	warn := opts.Warn
	if warn == nil {
		warn = func(string) {}
	}
	loc := opts.Location
	if loc == nil {
		loc = time.Local
	}
	h, _, err := HistoryOf(seriesOf(opts.Contacts, opts.ByIssueType, opts.ByChannel), loc, opts.Interval)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", importers.ErrInvalidData, err)
	}
	cfg := opts.Config
	if cfg.Intraday == nil && opts.IntradayFile != "" {
		if cfg.Intraday, err = ReadIntraday(opts.IntradayFile); err != nil {
			return nil, err
		}
	}
	if opts.OrdersFile != "" {
		if cfg.Orders, err = SeasonOrders(opts.OrdersFile, opts.Orders, cfg.Season, opts.OrdersTotal, warn); err != nil {
			return nil, err
		}
	}
	return ForecastContext(ctx, h, cfg)
}

// seriesOf relabels the contacts into the series asked for: the issue
// type of each becomes "all" when the series are not per issue type, and
// the channel "all" when they are not per channel.
func seriesOf(contacts iter.Seq[*importers.Contact], byType, byChannel bool) iter.Seq[*importers.Contact] {
	if byType && byChannel {
		return contacts
	}
	return func(yield func(*importers.Contact) bool) {
		for c := range contacts {
			if !byType {
				c.IssueType = "all"
			}
			if !byChannel {
				c.Channel = "all"
			}
			if !yield(c) {
				return
			}
		}
	}
}

// SeasonOrders reads an orders file for a season: its days before the
// season are the history of the contact ratio; its season's days the
// forecast orders, unless total (the season's orders) is given. The
// file's warnings, and a file without the season's orders and no total
// (the forecast is then year over year), go to warn, named by the file.
func SeasonOrders(path string, opts OrdersOptions, season Range, total float64, warn func(string)) (*Orders, error) {
	file, err := ReadOrders(path, opts)
	if err != nil {
		return nil, err
	}
	for _, w := range file.Warnings {
		warn(fmt.Sprintf("%s: %s", path, w))
	}
	o := &Orders{History: map[civil.Date]float64{}, Forecast: map[civil.Date]float64{}, Total: total}
	for d, v := range file.Daily {
		if d.Before(season.Start) {
			o.History[d] = v
		} else if total == 0 && season.Contains(d) {
			o.Forecast[d] = v
		}
	}
	if !o.HasForecast() {
		warn(fmt.Sprintf("%s has no orders for the season's days and no --orders-total was given: the forecast is year over year", path))
	}
	return o, nil
}
