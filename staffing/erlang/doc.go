// Package erlang holds the queueing formulas of contact-center staffing:
// Erlang B (loss system), Erlang C (M/M/N, infinite patience) and exact
// Erlang A (M/M/N+M, exponential patience), the figures managers set
// targets on (service level, ASA, P(wait), occupancy, P(abandon)), and the
// smallest number of agents meeting those targets.
//
// The package knows nothing of channels, forecasts or files: a queue is an
// offered load in Erlangs, a mean handle time and optionally a mean
// patience, all in seconds. The tests check the figures of pyworkforce's
// tests (github.com/rodrigo-arenas/pyworkforce) and of the R package
// ErlangC (CRAN), recomputed exactly.
//
// Symbols used throughout:
//
//	λ    arrival rate (calls per second)
//	AHT  mean handle time, 1/μ, seconds
//	A    offered traffic λ·AHT, Erlangs
//	N    agents (servers, lines)
//	T    answer-time target of the service level, seconds
//	1/θ  mean patience (Erlang A), seconds
//
// Numerical domain: A in [0, 10,000] Erlangs, N in [0, 20,000]; every
// function returns finite values there (no overflow, no NaN), and service
// level is monotone in N. Erlang B and C are evaluated in O(√A) by series
// whose terms shrink (Poisson probabilities in Loader's saddle-point form),
// and the search for the smallest N then steps by the O(1) Erlang B
// recursion. Erlang A sums the birth-death chain exactly from its mode
// outward.
//
// Low-level functions (ErlangB, ErlangC, ServiceLevelC) panic on arguments
// outside their domain, as gonum's do: they are for callers that have
// validated. Evaluate, Required and RequiredLines validate and return an
// *InputError (wrapping ErrInvalidInput) instead, and ErrInfeasible when no
// staffing up to MaxAgents meets the targets.
//
// Sources: A. K. Erlang (1917) for B and C; Garnett, Mandelbaum and Reiman,
// "Designing a Call Center with Impatient Customers", MSOM 4(3), 2002, and
// Mandelbaum and Zeltyn, "The M/M/n+G queue: Summary of performance
// measures" (2009), for Erlang A; C. Loader, "Fast and Accurate Computation
// of Binomial Probabilities" (2000) for the Poisson and negative binomial
// probabilities.
package erlang
