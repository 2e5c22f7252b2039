package forecast

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/peakstaff/peakstaff/forecast/models"
	"github.com/peakstaff/peakstaff/internal/civil"
)

// BacktestOptions are the inputs of BacktestFile.
type BacktestOptions struct {
	Series string             // CSV file of the series: a time and a value per row
	Read   models.ReadOptions // its columns, date order and warnings
	Split  models.Split       // train up to TrainEnd, score on [TestStart, TestEnd]
	Model  string             // models.New's name; ignored with OrdersFile

	// Events are the calendar's events; with EventsGiven false, the
	// events the training part and the test window hold
	// (WindowEvents). EventWindow is the days around each.
	Events      []Event
	EventsGiven bool
	EventWindow int

	// OrdersFile, when given, scores the driver model (contacts per
	// order, its method chosen like auto's) on daily orders read with
	// Orders.
	OrdersFile string
	Orders     OrdersOptions

	Warn func(msg string) // warnings of the orders file; nil: dropped
}

// BacktestRun is a backtest's outcome: the model scored (driver with an
// orders file), its scores and series, and the events of its calendar.
type BacktestRun struct {
	Model  string
	Result models.Result
	Events []Event
}

// BacktestFile reads a series file and scores a model on its test window
// next to seasonal naive (models.BacktestWith), or the driver model with
// an orders file (BacktestDriver). Problems of the series or the orders
// are of the class diag.InvalidData, named by their file.
func BacktestFile(opts BacktestOptions) (BacktestRun, error) {
	f, err := os.Open(opts.Series)
	if err != nil {
		return BacktestRun{}, err
	}
	defer f.Close()
	series, err := models.ReadCSV(f, opts.Series, opts.Read)
	if err != nil {
		return BacktestRun{}, err
	}
	run := BacktestRun{Model: opts.Model, Events: opts.Events}
	s := opts.Split
	if !opts.EventsGiven {
		run.Events = WindowEvents(trainingPart(series, s.TrainEnd), Range{Start: civil.DateOf(s.TestStart), End: civil.DateOf(s.TestEnd)})
	}
	if opts.OrdersFile != "" {
		run.Model = "driver"
		run.Result, err = driverBacktest(opts, series, run.Events)
	} else {
		run.Result, err = models.BacktestWith(series, s, opts.Model, ModelCalendar(run.Events, opts.EventWindow))
	}
	if errors.Is(err, ErrBadOrders) {
		return BacktestRun{}, err // it names the orders file
	}
	if err != nil {
		return BacktestRun{}, fmt.Errorf("%s: %w", opts.Series, err)
	}
	return run, nil
}

// driverBacktest reads the orders file and scores the driver model; its
// result takes the shape of a model's (the chosen method as auto's
// choice).
func driverBacktest(opts BacktestOptions, series []models.Point, events []Event) (models.Result, error) {
	of, err := ReadOrders(opts.OrdersFile, opts.Orders)
	if err != nil {
		return models.Result{}, err
	}
	if opts.Warn != nil {
		for _, w := range of.Warnings {
			opts.Warn(fmt.Sprintf("%s: %s", opts.OrdersFile, w))
		}
	}
	d, err := BacktestDriver(series, of.Daily, opts.Split, events, opts.EventWindow)
	if err != nil {
		return models.Result{}, err
	}
	c := d.Choice
	return models.Result{Model: "driver", Scores: d.Scores, Baseline: d.Baseline, Train: d.Train, Actual: d.Actual, Forecast: d.Forecast,
		Choice: &models.Choice{Model: c.Method, Scores: c.Scores, Reason: c.Reason, Origins: c.Origins, SeasonWeight: c.SeasonWeight,
			Candidates: c.Candidates}}, nil
}

// trainingPart is the points at or before end.
func trainingPart(series []models.Point, end time.Time) []models.Point {
	var out []models.Point
	for _, p := range series {
		if !p.T.After(end) {
			out = append(out, p)
		}
	}
	return out
}
