// Package models forecasts contact volumes (calls, chats, tickets per day
// or per 5 to 60 minute interval) with baseline models, picks one per
// series by backtest, scores forecasts, and bands them with P10/P50/P90.
//
// A series is a list of Points. Its step is inferred (InferStep), and the
// models see it as calendar days by slots of the day: weekdays, nights and
// holidays absent from the data are gaps, never zeros, and a model
// forecasts exactly the timestamps it is asked for.
//
// Models (New, Names):
//
//	weekday-mean    mean of the last k same weekdays (and slots); k chosen
//	                by a one-week-ahead backtest on the history
//	weekday-median  the same with the median
//	snaive          the value one week earlier (further back when missing)
//	yoy             the value 364 days earlier
//	holt-winters    triple exponential smoothing of the day totals with a
//	                weekly season (fitted with gonum/optimize), split into
//	                slots by an intraday profile on intraday data
//	day-profile     weekday-mean of the day totals split by the profile
//	auto            the candidate, or the mean of the 2-3 best, with the
//	                lowest WAPE in a rolling-origin backtest on the history
//
// and "cal:" variants with calendar effects (month position, carry-over
// after a closed day) estimated from the history.
//
// Metrics computes WAPE, MAPE, sMAPE and MASE as DOMAIN.md section 2
// defines them; Backtest splits a series, fits, forecasts and scores next to
// the seasonal naive baseline; Quantiles bands a forecast with its own
// backtest errors. ReadCSV reads a series file.
//
// Errors caused by the data wrap ErrInvalidSeries (file positions come in
// a *ReadError, points in a *PointError); nothing here panics on input.
package models
