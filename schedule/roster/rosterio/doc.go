// Package rosterio reads the files of a team into package roster's model:
// agents.csv (ReadAgentsCSV) and rules.yaml (ReadRules, or ReadRulesNode
// for rules inside another YAML file such as a plan). Every problem is
// reported at once, each at its file, line and column.
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
package rosterio
