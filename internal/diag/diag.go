// Package diag is peakstaff's one diagnostics layer: the classification of
// errors into exit codes, the positioned error every reader returns
// (file:line:column: field: message), a capped list of such errors, and the
// helpers that place errors of YAML files at their node.
//
// Exit codes are chosen in one place, ExitCode, from the Class an error
// carries: domain packages declare their sentinels with New, which gives
// them a class, and wrap them with %w as usual. No registry, no matching
// of error text.
package diag

import (
	"errors"
	"fmt"
)

// Class is the kind of failure an error reports; it decides the exit code.
type Class int

const (
	// Failure is anything unexpected: I/O, a bug (exit 1).
	Failure Class = iota
	// Usage is a mistake on the command line (exit 2).
	Usage
	// InvalidData means the input files are wrong: bad rows, a bad plan,
	// an unknown format (exit 3).
	InvalidData
	// Infeasible means the demand cannot be met within the rules; a partial
	// result was written and its gaps listed (exit 4).
	Infeasible
	// Undecided means a search stopped (its time limit) before it could
	// tell whether its gaps can be closed; the result is written (exit 5).
	Undecided
	// Interrupted means SIGINT or SIGTERM stopped the run (exit 130).
	Interrupted
)

// Exit codes of peakstaff, documented in README.md.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitInvalidData = 3
	ExitInfeasible  = 4
	ExitUndecided   = 5
	// ExitInterrupted is 128 + SIGINT, as shells report it.
	ExitInterrupted = 130
)

// ExitCode is the process exit code of the class.
func (c Class) ExitCode() int {
	switch c {
	case Usage:
		return ExitUsage
	case InvalidData:
		return ExitInvalidData
	case Infeasible:
		return ExitInfeasible
	case Undecided:
		return ExitUndecided
	case Interrupted:
		return ExitInterrupted
	}
	return ExitError
}

// Classed is implemented by errors that know their class. ClassOf takes
// the outermost one in an error's chain.
type Classed interface {
	error
	Class() Class
}

// sentinel is an error value with a class, made by New.
type sentinel struct {
	msg   string
	class Class
}

func (e *sentinel) Error() string { return e.msg }
func (e *sentinel) Class() Class  { return e.class }

// New returns a sentinel error of the class: a distinct value for
// errors.Is that also sets the exit code of every error wrapping it.
func New(class Class, msg string) error { return &sentinel{msg: msg, class: class} }

// ErrInterrupted marks a run stopped by SIGINT or SIGTERM.
var ErrInterrupted = New(Interrupted, "interrupted")

// ClassOf returns the class of the first error in err's chain that has
// one, or Failure.
func ClassOf(err error) Class {
	var c Classed
	if errors.As(err, &c) {
		return c.Class()
	}
	return Failure
}

// ExitCode maps an error to the process exit code: 0 for nil, else the
// code of its class.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	return ClassOf(err).ExitCode()
}

// classed gives an error a class without changing its message.
type classed struct {
	err   error
	class Class
}

func (e *classed) Error() string { return e.err.Error() }
func (e *classed) Unwrap() error { return e.err }
func (e *classed) Class() Class  { return e.class }

// As returns err with the class set (err unchanged if nil).
func As(class Class, err error) error {
	if err == nil {
		return nil
	}
	return &classed{err: err, class: class}
}

// UsageError marks a mistake on the command line (exit 2).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Class reports Usage.
func (e *UsageError) Class() Class { return Usage }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, a ...any) error {
	return &UsageError{Err: fmt.Errorf(format, a...)}
}

// SilentError is returned when the command already printed what went
// wrong and only the exit code remains to be set.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// Class returns the class whose exit code is e.Code.
func (e *SilentError) Class() Class {
	for c := Failure; c <= Interrupted; c++ {
		if c.ExitCode() == e.Code {
			return c
		}
	}
	return Failure
}

// Generic sentinels for errors that no domain package owns.
var (
	// ErrInvalidData marks a problem of the input data (exit 3).
	ErrInvalidData = New(InvalidData, "invalid input data")
	// ErrInfeasible marks a run that produced only a partial result (exit 4).
	ErrInfeasible = New(Infeasible, "no feasible schedule")
	// ErrUndecided marks a run whose search stopped before it could tell
	// whether the gaps it left can be closed (exit 5).
	ErrUndecided = New(Undecided, "search stopped before it converged")
)

// also is an error that reads as err and also counts as each of kinds
// for errors.Is and errors.As.
type also struct {
	err   error
	kinds []error
}

func (e *also) Error() string { return e.err.Error() }
func (e *also) Unwrap() []error {
	return append([]error{e.err}, e.kinds...)
}

// Also returns err, with its own message, marked as each of kinds too
// (sentinels such as a reader's ErrBadTime): errors.Is finds them and
// they set the class, but their text is not added to the message.
func Also(err error, kinds ...error) error {
	if err == nil {
		return nil
	}
	return &also{err: err, kinds: kinds}
}
