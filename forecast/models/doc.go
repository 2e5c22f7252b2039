// Package models forecasts contact volumes (calls, chats, tickets per day
// or per 5 to 60 minute interval) with baseline models, picks one per
// series by backtest, scores forecasts, and bands them with P10/P50/P90.
//
// A series is a list of Points. Its step is inferred (InferStep), and the
// models see it as calendar days by slots of the day: weekdays, nights and
// holidays absent from the data are gaps, never zeros, and a model
// forecasts exactly the timestamps it is asked for. Weekly and monthly
// series (DetectCadence) are first-class: a week is one value on its
// first day, a month is laid out as a week, and a year is 52 weeks or 12
// months.
//
// Models (New, Names):
//
//	weekday-mean    mean of the last k same weekdays (and slots); k chosen
//	                by a one-week-ahead backtest on the history
//	weekday-median  the same with the median
//	snaive          the value one week earlier (further back when missing)
//	yoy             last year's value on the day that plays the same part
//	                (aligned on the events of a Calendar, else 364 days
//	                earlier; 52 weeks, 12 months)
//	yoy-growth      yoy times the level's growth over the last 8 weeks
//	holt-winters    triple exponential smoothing of the day totals with a
//	                weekly season (fitted with gonum/optimize), split into
//	                slots by an intraday profile on intraday data
//	day-profile     weekday-mean of the day totals split by the profile
//	weekday-share   the level of the last k weeks times each weekday's
//	                share of the week over half a year
//	auto            the candidate, or the mean of the 2-3 best, with the
//	                lowest score in a rolling-origin backtest on the
//	                history, at recent origins and at the forecast window
//	                one or two years earlier (see Auto)
//
// and "cal:" variants with calendar effects (month position, carry-over
// after a closed day) estimated from the history.
//
// Metrics computes WAPE, MAPE, sMAPE and MASE (the last three as Hyndman
// and Koehler define them, IJF 22(4), 2006); Backtest (BacktestWith, with a Calendar) splits a series,
// fits, forecasts and scores next to the seasonal naive baseline; Quantiles bands a forecast with its own
// backtest errors. ReadCSV reads a series file.
//
// Errors caused by the data wrap ErrInvalidSeries (file positions come in
// a *diag.Error, points in a *PointError); nothing here panics on input.
package models
