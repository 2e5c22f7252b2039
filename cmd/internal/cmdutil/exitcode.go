// Package cmdutil holds what every command shares: the mapping of errors to
// exit codes, flag validation helpers, output printers and safe file writing.
package cmdutil

import (
	"errors"
	"fmt"
)

// Exit codes of peakstaff, documented in README.md. ExitCode is the only
// place that chooses one.
const (
	ExitOK          = 0 // success
	ExitError       = 1 // runtime error: I/O, a bug, anything unexpected
	ExitUsage       = 2 // bad command line: unknown flag, bad flag value, missing argument
	ExitInvalidData = 3 // the input data is invalid: bad rows, bad plan file, unknown format
	ExitInfeasible  = 4 // no feasible schedule: a partial roster is written and its gaps listed
	// ExitUndecided: the roster search stopped (its time limit) before it
	// converged, leaving gaps no bound proves: the roster is written and
	// its gaps listed, and a longer time limit may close them.
	ExitUndecided = 5
	// ExitInterrupted: SIGINT or SIGTERM stopped the run (128 + SIGINT, as
	// shells report it); plan writes the best roster found so far as a
	// complete set, or leaves the folder as it was.
	ExitInterrupted = 130
)

// ErrInterrupted marks a run stopped by SIGINT or SIGTERM (exit 130).
var ErrInterrupted = errors.New("interrupted")

// UsageError marks a mistake on the command line.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, a ...any) error {
	return &UsageError{Err: fmt.Errorf(format, a...)}
}

// ErrInvalidData marks errors caused by the content of input files. Domain
// packages have their own sentinels; they are listed in invalidDataErrors.
var ErrInvalidData = errors.New("invalid input data")

// ErrInfeasible marks a run that produced only a partial result.
var ErrInfeasible = errors.New("no feasible schedule")

// ErrUndecided marks a run whose search stopped before it could tell
// whether the gaps it left can be closed (exit 5).
var ErrUndecided = errors.New("search stopped before it converged")

// undecidedErrors mean "a partial result was written; whether it can be
// completed is not known" (exit 5).
var undecidedErrors = []error{ErrUndecided}

// RegisterUndecided adds sentinels that map to ExitUndecided.
func RegisterUndecided(errs ...error) { undecidedErrors = appendNew(undecidedErrors, errs) }

// invalidDataErrors are the domain sentinels that mean "the input is wrong"
// (exit 3). Add a package's sentinel here when it gains one.
var invalidDataErrors = []error{ErrInvalidData}

// infeasibleErrors mean "a partial result was written" (exit 4).
var infeasibleErrors = []error{ErrInfeasible}

// RegisterInvalidData and RegisterInfeasible are called from the command
// tree's construction (not from init) to add domain sentinels.
func RegisterInvalidData(errs ...error) { invalidDataErrors = appendNew(invalidDataErrors, errs) }

// RegisterInfeasible adds sentinels that map to ExitInfeasible.
func RegisterInfeasible(errs ...error) { infeasibleErrors = appendNew(infeasibleErrors, errs) }

func appendNew(list, add []error) []error {
	for _, e := range add {
		found := false
		for _, x := range list {
			if x == e {
				found = true
			}
		}
		if !found {
			list = append(list, e)
		}
	}
	return list
}

// SilentError is returned when the command already printed what went wrong
// and only the exit code remains to be set.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// ExitCode maps an error returned by a command to the process exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var silent *SilentError
	if errors.As(err, &silent) {
		return silent.Code
	}
	var usage *UsageError
	if errors.As(err, &usage) {
		return ExitUsage
	}
	if errors.Is(err, ErrInterrupted) {
		return ExitInterrupted
	}
	for _, s := range undecidedErrors {
		if errors.Is(err, s) {
			return ExitUndecided
		}
	}
	for _, s := range infeasibleErrors {
		if errors.Is(err, s) {
			return ExitInfeasible
		}
	}
	for _, s := range invalidDataErrors {
		if errors.Is(err, s) {
			return ExitInvalidData
		}
	}
	return ExitError
}
