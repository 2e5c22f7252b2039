package plan

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
)

// Compare runs the plan as written ("baseline") and each scenario, and
// returns their figures side by side, the baseline first.
func Compare(ctx context.Context, p *config.Plan, scenarios []*config.Scenario, progress io.Writer) ([]pipeline.Summary, error) {
	r, err := Execute(ctx, p, progress)
	if err != nil {
		return nil, err
	}
	return r.Compare(ctx, scenarios)
}

// Compare runs the scenarios on a result already made: the import and the
// history are shared; the forecast is re-run only when a scenario changes
// growth. With a team each scenario gets its own roster, searched from the
// baseline's for a third of the team's time limit. Scenarios are
// independent of each other, so they run side by side, one per core; the
// figures do not depend on the order (each search has its own seeded
// generator). A cancelled ctx (SIGINT, SIGTERM) stops the scenarios
// running and skips the rest: the error then wraps diag.ErrInterrupted.
func (r *Result) Compare(ctx context.Context, scenarios []*config.Scenario) ([]pipeline.Summary, error) {
	base := pipeline.Summarize("baseline", r.Staffing)
	base.AddRoster(r.Schedule, r.Sim)
	sums := make([]pipeline.Summary, len(scenarios))
	errs := make([]error, len(scenarios))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(scenarios)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				sums[i], errs[i] = r.scenario(ctx, scenarios[i])
			}
		}()
	}
	for i := range scenarios {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%w: the scenarios were cut short", diag.ErrInterrupted)
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("scenario %q: %w", scenarios[i].Name, err)
		}
	}
	return append([]pipeline.Summary{base}, sums...), nil
}

// scenario runs one scenario: forecast (when its growth differs),
// staffing, roster and simulation.
func (r *Result) scenario(ctx context.Context, sc *config.Scenario) (pipeline.Summary, error) {
	p := r.Plan
	res := r.Forecast
	if sc.Growth > 0 {
		var err error
		if res, err = pipeline.Forecast(p, r.History, sc); err != nil {
			return pipeline.Summary{}, err
		}
	}
	st, err := pipeline.Staff(p, res, sc)
	if err != nil {
		return pipeline.Summary{}, err
	}
	sum := pipeline.Summarize(sc.Name, st)
	var sch *pipeline.Schedule
	if p.Team != nil {
		// a shorter search per scenario: the comparison needs the
		// figures, the baseline keeps the full time limit
		limit := time.Duration(p.Team.TimeLimit) / 3
		o := pipeline.RosterOptions{Extra: sc.Hires, Limit: limit, HireSolves: 3, SkipBound: true} // the table shows no bound
		if r.Schedule != nil {
			// from the baseline's roster: more agents never leave a
			// scenario worse than the baseline's roster would be
			o.Start = &r.Schedule.Result.Roster
		}
		if sch, err = pipeline.BuildRoster(ctx, p, st, o); err != nil {
			return pipeline.Summary{}, err
		}
	}
	sims, err := pipeline.Simulate(st, sch, 1)
	if err != nil {
		return pipeline.Summary{}, err
	}
	sum.AddRoster(sch, sims)
	return sum, nil
}
