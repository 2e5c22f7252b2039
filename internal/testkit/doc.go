// Package testkit holds what the test suites of the module share: the
// reference data that lives outside the repository (SharedData) and JSON
// compared value by value with a tolerance on numbers (JSONEqual).
//
// It depends on the standard library only, so that any package's tests,
// the domain packages' included, can import it without a cycle.
package testkit
