// Package roster holds the model of a team's roster (agents, shift
// templates, break rules, labour rules, demand) and the roster itself,
// and evaluates any roster against the model's rules (issue 5). The stages
// that build rosters live apart: package solve builds them (shifts with
// breaks that cover a requirement per interval and skill, keep every
// labour rule, put veterans on the peaks, lead every squad and keep a
// reserve on call), package bound proves lower bounds, package rosterio
// reads a team's files.
//
// # Model
//
// A Model is plain data with Validate: Agents (tier, skills, weekly and
// daily hours, availability, days off, cost, whether they can lead),
// ShiftTemplates (start windows and lengths in steps, or split templates
// whose shifts take two or three of a peak day's blocks with rest between
// them), BreakRules (a window measured from a block's start and end,
// required above a block length, paid or not), Rules (rest between shifts
// and blocks, weekly rest, consecutive days, days off per week with
// optional two-day weekends, hours per day and week, overtime; see Preset
// for eu and cn), a LeadRule, a VeteranRule, a ReserveRule and the Demand
// (agents required per interval and skill).
//
// Time is the demand's interval grid in the demand's time zone. A shift
// belongs to the day it starts on; an agent works at most one shift a day.
// Days off, weeks (from Rules.WeekStart) and months are calendar days of
// that time zone. Hours in limits are paid working time: blocks less
// unpaid breaks. Coverage counts agents on the queue (breaks excluded);
// the lead and veteran rules count agents on site (breaks included).
//
// # Evaluation
//
// Evaluate recomputes everything from a roster's times alone: coverage
// per interval and skill, shortfall and excess, the lead and veteran
// checks and their gaps, hours, nights, weekends and peak hours per
// agent, every rule broken, and cost. The gap to a lower bound on staffed
// hours (package bound's LowerBound, an LP bound) is the one costly
// figure: Evaluate leaves it out and the caller attaches it with
// Evaluation.SetLowerBound (package solve does for its rosters).
//
// The helpers the solver and the bound share with the evaluation
// (PeakSlots, NightSlots, AvailableSlots, BlockNeeds, ReserveBlocks,
// RuleGaps on package grid's interval grid) are exported for them so that
// both judge a roster by the same rules.
//
// # Files
//
// Package rosterio reads a team's agents.csv and rules.yaml into this
// package's model; testdata/roster in the repository holds complete
// examples.
//
// # Packages
//
//	roster               model, Validate, Roster, Evaluate
//	roster/rosterio      agents.csv and rules.yaml readers
//	roster/solve         Solve, Explain, PlanHires (the search)
//	roster/bound         LowerBound (LP on staffed hours), Shortfall
//	roster/internal/...  compiled (candidate shifts and coverage index),
//	                     grid (slots and calendar), place (break
//	                     placement), rostertest (generated test models)
package roster
