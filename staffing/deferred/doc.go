// Package deferred computes staffing for email and other deferred work:
// items that wait in a backlog and must be answered within a response
// deadline counted in business hours. Erlang formulas do not apply: nobody
// hangs up, and the question is not how long the first
// seconds of a wait are but whether the backlog, carried across intervals,
// nights and weekends, clears in time.
//
// Model. Work is fluid: an interval's arrivals come at an even pace over its
// open time, items are handled first in, first out, and an agent handles
// MaxOccupancy × its open time of work. Time is business time: agents work
// only while the opening hours are open, and the deadline clock runs only
// then, so an item that arrives on Friday at 16:00 with a 2-hour deadline and
// opening hours 09:00-17:00 on weekdays is due on Monday at 10:00. Arrivals
// of a closed interval wait for the next opening. Nothing is rounded inside
// the model, so "items late" and "backlog" are fractional.
//
// The horizon ends after the last interval. Items whose deadline falls after
// it are not required to be handled inside it: they may stay in the ending
// backlog, which is reported. With Workload.ClearByEnd they must be handled
// by the end; then items arriving after the horizon's last open moment can
// never be, and Solve returns ErrInfeasible (with the plan).
//
// Solve finds the staffing per interval (see Solve for the two stages and
// what is optimal about them); Evaluate reports what any staffing does, so
// that a roster built later is checked by the same arithmetic.
package deferred
