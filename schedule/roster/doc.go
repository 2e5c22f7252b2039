// Package roster builds rosters for named agents: shifts with breaks that
// cover a requirement per interval and skill, keep every labour rule, put
// veterans on the peaks, lead every squad and keep a reserve on call; and
// it evaluates any roster against the same rules (issue 5).
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
// # Solving
//
// Solve runs a pipeline of named stages: candidates, coverage index,
// construct, assign, breaks, improve, reserve, evaluate (see Solve). Hard
// rules (every agent's own: availability, rest, hours, days off) are never
// broken; the lead and veteran rules are soft, so that scarce leads never
// keep a day without shifts: the objective (Weights, kept apart from the
// model) weighs shortage, leads and veterans missing, excess, staffed
// hours, cost, missing contract hours and the spread across agents of
// hours, nights, weekends and peak hours. A roster that cannot cover
// everything, or leaves leads or veterans missing, is still returned, with
// its unmet intervals, its rule gaps (apart from the shortfall) and
// ErrInfeasible (the CLI's exit code 4) when that is the team's: a bound
// proves the shortfall (ShortfallBound), or the search converged with it
// (StopConverged). A search the time limit or the context ends first
// returns ErrUndecided instead (exit code 5), with how far it got
// (Result.Search: the shortfall's trace, the moves against the budget).
// The search is anytime: rounds of annealing from the best roster so far
// while they lower the gaps, each ending in plain descent and a final
// pass over every short stretch; DefaultTimeLimit grows with the team.
//
// # Evaluation
//
// Evaluate recomputes everything from a roster's times alone: coverage
// per interval and skill, shortfall and excess, the lead and veteran
// checks and their gaps, hours, nights, weekends and peak hours per
// agent, every rule broken, cost, and the gap to LowerBound, an LP bound
// on staffed hours.
//
// # Files
//
// agents.csv has a header naming some of these columns in any order
// (only id is required; empty cells take the defaults):
//
//	id              unique agent id
//	name, team      free text
//	tier            veteran, regular (default), new, all-hands, outsourced
//	skills          skills or channels, separated by ; or |: voice;chat
//	min_hours_week  contract minimum (a soft target), hours: 32 or 32h
//	max_hours_week  hours a week at most
//	max_hours_day   hours a day at most
//	availability    windows separated by ;, each [days] HH:MM-HH:MM:
//	                mon-fri 08:00-20:00; sat 10:00-16:00 (empty: any time)
//	days_off        days of the week and dates: sun; 2025-11-13
//	hourly_cost     cost per paid hour
//	can_lead        yes or no; only veterans may lead
//
// rules.yaml holds the rules, templates, breaks, leads, veterans, reserve
// and weights (ReadRules; unknown keys are errors). Durations are Go
// durations (30m, 8h, 1h30m); hours limits also take plain numbers.
//
//	preset: eu                     # eu or cn, then override below
//	week_start: mon
//	night: "22:00-06:00"
//	rest: {between_shifts: 11h, between_blocks: 2h, weekly: 24h}
//	limits:
//	  max_hours_day: 10
//	  max_hours_week: 40
//	  max_consecutive_days: 6
//	  days_off_per_week: 2
//	  two_day_weekend: true
//	  break_above: 6h
//	overtime: {standard_day: 8h, standard_week: 40h, max_day: 3h, max_month: 36h}
//	templates:
//	  - name: early
//	    earliest_start: "07:00"      # latest before earliest crosses midnight
//	    latest_start: "09:00"
//	    min_length: 7h
//	    max_length: 9h
//	    step: 30m
//	    days: [mon, tue, wed, thu, fri]   # or "mon-fri"; default every day
//	  - name: double11-split
//	    blocks: ["00:00-02:00", "09:00-12:00", "13:00-16:00", "22:00-24:00"]
//	    min_blocks: 2                # default 2
//	    max_blocks: 3                # default 3
//	    min_block_rest: 2h
//	    dates: [2025-11-11]          # also except_dates
//	breaks:
//	  - {name: coffee, duration: 15m, from: 2h, to: 4h, paid: true, required_above: 5h}
//	  - {name: lunch, duration: 30m, from: 3h, before_end: 2h, required_above: 6h}
//	leads: {per_agents: 8, exclude_from_coverage: false}
//	veterans:
//	  share: 0.25
//	  top_k: 4
//	  windows:
//	    - {span: "00:00-02:00", dates: [2025-11-11]}
//	reserve: {agents: 1, from_gap: true, block: 4h}
//	weights: {shortage: 100, excess: 0.5, lead_gap: 30, veteran_gap: 30, staffed: 1, cost: 0.001}
//
// testdata/roster in the repository holds complete examples.
package roster
