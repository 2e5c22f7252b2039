// Package civil holds the plain values that plans, rules and flags are
// written in, each defined once: a calendar day (Date), a time of day
// (Clock), days of the week, and the value parsers for durations,
// fractions and service-level targets.
//
// The parsers read what a person types in a plan, a rules file or a flag.
// Vendor exports (Excel serials, AM/PM clocks, "1 day 02:00:00") are
// importers/dates' job; it calls this package where the two overlap.
package civil
