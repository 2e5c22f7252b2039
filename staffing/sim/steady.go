package sim

// Steady simulates a stationary queue: intervals intervals of the same
// expected arrivals and agents, after one warm-up interval (the queue
// starts empty) left out of Result.Overall. cfg gives the interval
// length, the handle time, the patience, the answer time, the seed and the
// replications; its Arrivals, Agents and WarmupIntervals are set here. It
// is the simulated side of an Erlang C or A figure, which assumes the
// queue in its steady state. A *ConfigError reports invalid values.
func Steady(cfg Config, arrivals float64, agents, intervals int) (Result, error) {
	if intervals < 1 {
		return Result{}, &ConfigError{"intervals", ">= 1"}
	}
	n := intervals + 1
	cfg.Arrivals, cfg.Agents, cfg.WarmupIntervals = make([]float64, n), make([]int, n), 1
	for i := range n {
		cfg.Arrivals[i], cfg.Agents[i] = arrivals, agents
	}
	return Run(cfg)
}
