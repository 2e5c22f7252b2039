package deferred_test

import (
	"errors"
	"math"
	"testing"
	"time"
	_ "time/tzdata" // DST tests need Europe/Berlin whatever the machine has

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
)

const tol = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(b)) }

func weekdays(from, to time.Duration) deferred.OpeningHours {
	var h deferred.OpeningHours
	for d := time.Monday; d <= time.Friday; d++ {
		h.Weekly[d] = []deferred.Window{{From: from, To: to}}
	}
	return h
}

func everyDay(from, to time.Duration) deferred.OpeningHours {
	var h deferred.OpeningHours
	for d := range h.Weekly {
		h.Weekly[d] = []deferred.Window{{From: from, To: to}}
	}
	return h
}

func repeat(x float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = x
	}
	return out
}

func concat(parts ...[]float64) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

var monday = time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC) // a Monday, 09:00

// office is one weekday 09:00-17:00 in 30-minute intervals with 6-minute
// items, the setting of the hand-computed cases.
func office(arrivals []float64, deadline time.Duration, backlog ...deferred.Item) deferred.Workload {
	return deferred.Workload{Start: monday, Interval: 30 * time.Minute, Arrivals: arrivals,
		HandleSeconds: []float64{360}, Deadline: deadline, Hours: weekdays(9*time.Hour, 17*time.Hour), Backlog: backlog}
}

// Each case is computed by hand in its comment. Work is in agent-hours: an
// item of 6 minutes is 0.1 h.
func TestSolveByHand(t *testing.T) {
	tests := []struct {
		name       string
		w          deferred.Workload
		agents     []float64
		agentHours float64
		maxAgeH    float64
	}{
		// 10 items waiting at 09:00 = 1 h of work, due at 11:00. A level L
		// clears it by 11:00 iff 2 h × L >= 1 h: L = 0.5 for the day. The
		// queue is empty from 11:00 on, so those intervals shave to 0. The
		// last item leaves at 11:00 after 2 h.
		{"10 items at 09:00, 2 h", office(repeat(0, 16), 2*time.Hour, deferred.Item{Arrived: monday, Count: 10}),
			concat(repeat(0.5, 4), repeat(0, 12)), 1, 2},
		// The same with 1 h: 1 h × L >= 1 h, L = 1 until 10:00.
		{"10 items at 09:00, 1 h", office(repeat(0, 16), time.Hour, deferred.Item{Arrived: monday, Count: 10}),
			concat(repeat(1, 2), repeat(0, 14)), 1, 1},
		// 10 items arriving evenly over 09:00-09:30: the item arriving u h
		// after 09:00 has 2u h of work ahead of it (itself included) and
		// is due at 11:00 + u; a level L reaches it in time iff
		// L (2 + u) >= 2u for u in [0, 0.5]: L = 1/2.5 = 0.4. The queue
		// empties at 11:30 (0.4 × 2.5 h = 1 h).
		{"10 items over 09:00-09:30, 2 h", office(concat([]float64{10}, repeat(0, 15)), 2*time.Hour),
			concat(repeat(0.4, 5), repeat(0, 11)), 1, 2},
		// 10 items waiting at 09:00 (1 h of work, due at 10:00) and 10
		// arriving over 12:00-12:30, 1 h deadline. The first batch needs
		// L × 1 h >= 1 h; the second, like the case above, L (1 + u) >= 2u
		// for u in [0, 0.5]: L >= 2/3. So the day's level is 1. At level 1
		// the queue is 0.5 h at 12:30 (arrivals 2 h per hour against 1), so
		// 12:00-12:30 is not shaved; 12:30-13:00 works all its 0.5 h: not
		// idle either. Every other interval is idle and shaves to 0.
		{"two batches", office(concat(repeat(0, 6), []float64{10}, repeat(0, 9)), time.Hour,
			deferred.Item{Arrived: monday, Count: 10}),
			concat(repeat(1, 2), repeat(0, 4), repeat(1, 2), repeat(0, 8)), 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := deferred.Solve(tt.w, deferred.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range tt.agents {
				if !near(st.Agents[i], tt.agents[i]) {
					t.Fatalf("agents = %v\nwant     %v", st.Agents, tt.agents)
				}
			}
			if st.Late != 0 || !near(st.AgentHours, tt.agentHours) || !near(st.MaxAgeHours, tt.maxAgeH) {
				t.Errorf("late %v, agent-hours %v, max age %v h; want 0, %v, %v", st.Late, st.AgentHours, st.MaxAgeHours, tt.agentHours, tt.maxAgeH)
			}
			if st.EndingBacklog != 0 {
				t.Errorf("ending backlog %v, want 0", st.EndingBacklog)
			}
		})
	}
}

// The first hand case, interval by interval: at 0.5 agents each half hour
// handles 0.25 h = 2.5 items; the oldest item waiting at 09:30 arrived at
// 09:00.
func TestIntervalFiguresByHand(t *testing.T) {
	w := office(repeat(0, 16), 2*time.Hour, deferred.Item{Arrived: monday, Count: 10})
	w.MaxOccupancy = 0.8 // an agent handles 0.8 h per hour: the level is 0.5/0.8
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ agents, handled, backlog, ageH float64 }{
		{0.625, 2.5, 7.5, 0.5}, {0.625, 2.5, 5, 1}, {0.625, 2.5, 2.5, 1.5}, {0.625, 2.5, 0, 0}, {0, 0, 0, 0},
	}
	for i, wf := range want {
		f := st.Intervals[i]
		if !near(f.Agents, wf.agents) || !near(f.Handled, wf.handled) || !near(f.Backlog, wf.backlog) || !near(f.OldestAgeHours, wf.ageH) {
			t.Errorf("interval %d: agents %v handled %v backlog %v age %v; want %+v", i, f.Agents, f.Handled, f.Backlog, f.OldestAgeHours, wf)
		}
		if f.Agents > 0 && !near(f.Occupancy, 0.8) {
			t.Errorf("interval %d: occupancy %v, want 0.8", i, f.Occupancy)
		}
	}
	if st.Rounded[0] != 1 || st.Rounded[4] != 0 || !near(st.MaxBacklog, 10) || !near(st.Handled, 10) {
		t.Errorf("rounded %v, max backlog %v, handled %v", st.Rounded[:5], st.MaxBacklog, st.Handled)
	}
}

// Friday 16:00-17:00: 4 items of 30 minutes (2 h of work, arriving at 2 h
// per hour), 2 h deadline, weekdays 09:00-17:00. The item arriving u h
// after 16:00 is due on Monday at 10:00 + u (1 - u h left on Friday, the
// rest from 09:00 on Monday); a common level L reaches it iff
// L (1 + 1 + u) >= 2u: L = 2/3 at u = 1. Friday and Monday are in that
// window, both get 2/3. Shaving leaves 2/3 on Friday 16:00, Monday 09:00
// and 10:00 (2 h of work in 3 h). At Friday 17:00 the agents have done
// 2/3 h, the items of 16:00-16:20: the oldest waiting arrived at 16:20 and
// is 40 minutes old, and stays so over the weekend (the clock stops). On
// Monday at 10:00, 4/3 h are done: the oldest arrived at 16:40 and is 1 h
// 20 old. The last item leaves at 11:00 after exactly 2 h.
func TestWeekendClosure(t *testing.T) {
	fri := time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)
	n := 80 // Friday 09:00 to Monday 17:00 in hours
	arr := make([]float64, n)
	arr[7] = 4
	w := deferred.Workload{Start: fri, Interval: time.Hour, Arrivals: arr, HandleSeconds: []float64{1800},
		Deadline: 2 * time.Hour, Hours: weekdays(9*time.Hour, 17*time.Hour)}
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Levels) != 2 || !near(st.Levels[0], 2.0/3) || !near(st.Levels[1], 2.0/3) {
		t.Fatalf("levels %v, want [2/3 2/3]", st.Levels)
	}
	for i, a := range st.Agents {
		want := 0.0
		if i == 7 || i == 72 || i == 73 {
			want = 2.0 / 3
		}
		if !near(a, want) {
			t.Errorf("agents[%d] (%s) = %v, want %v", i, st.Intervals[i].Start.Format("Mon 15:04"), a, want)
		}
	}
	age := func(i int) float64 { return st.Intervals[i].OldestAgeHours }
	if !near(age(7), 2.0/3) || !near(age(40), 2.0/3) || !near(age(71), 2.0/3) || !near(age(72), 4.0/3) || age(73) != 0 {
		t.Errorf("oldest ages at Fri 17:00, Sun 00:00, Mon 09:00, 10:00, 11:00 = %v %v %v %v %v; want 2/3 2/3 2/3 4/3 0",
			age(7), age(40), age(71), age(72), age(73))
	}
	if !near(st.Intervals[40].Backlog, 8.0/3) || st.Intervals[40].OpenSeconds != 0 {
		t.Errorf("Sunday backlog %v open %v, want 8/3 items, 0 s", st.Intervals[40].Backlog, st.Intervals[40].OpenSeconds)
	}
	if !near(st.MaxAgeHours, 2) || st.Late != 0 || !near(st.AgentHours, 2) {
		t.Errorf("max age %v h, late %v, agent-hours %v; want 2, 0, 2", st.MaxAgeHours, st.Late, st.AgentHours)
	}
	// A closed holiday Monday moves everything to Tuesday.
	w.Hours.Closed = []civil.Date{{Year: 2025, Month: time.December, Day: 1}}
	w.Arrivals = append(arr, make([]float64, 24)...)
	st, err = deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !near(st.Agents[72+24], 2.0/3) || st.Agents[72] != 0 || !near(st.Intervals[90].OldestAgeHours, 2.0/3) {
		t.Errorf("with Monday closed: Tuesday 09:00 agents %v, Monday 09:00 %v, Tuesday 03:00 oldest age %v",
			st.Agents[96], st.Agents[72], st.Intervals[90].OldestAgeHours)
	}
}

func TestDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	// 2025-03-30 has 23 hours in Berlin, 2025-10-26 has 25.
	for _, tt := range []struct {
		day   time.Time
		hours float64
	}{
		{time.Date(2025, 3, 30, 0, 0, 0, 0, berlin), 23},
		{time.Date(2025, 10, 26, 0, 0, 0, 0, berlin), 25},
	} {
		n := int(tt.hours * 4)
		// Open 08:00-20:00 on the wall clock: 12 h whatever the day's length.
		w := deferred.Workload{Start: tt.day, Interval: 15 * time.Minute, Arrivals: repeat(1, n), HandleSeconds: []float64{60},
			Deadline: time.Hour, Hours: everyDay(8*time.Hour, 20*time.Hour)}
		ev, err := deferred.Evaluate(w, repeat(1, n))
		if err != nil {
			t.Fatal(err)
		}
		open := 0.0
		for _, f := range ev.Intervals {
			open += f.OpenSeconds
			if f.OpenSeconds > 0 && (f.Start.Hour() < 8 || f.Start.Hour() >= 20) {
				t.Errorf("%s open at %s", tt.day.Format("2006-01-02"), f.Start)
			}
		}
		if open != 12*3600 || ev.Intervals[n-1].Start.Day() != tt.day.Day() {
			t.Errorf("%s: %v open hours in %d intervals, want 12 in one day", tt.day.Format("2006-01-02"), open/3600, n)
		}
		// Always open: business time is real time, 23 or 25 hours.
		w.Hours = deferred.AlwaysOpen()
		ev, _ = deferred.Evaluate(w, repeat(1, n))
		open = 0
		for _, f := range ev.Intervals {
			open += f.OpenSeconds
		}
		if open != tt.hours*3600 {
			t.Errorf("%s always open: %v h, want %v", tt.day.Format("2006-01-02"), open/3600, tt.hours)
		}
	}

	// 12 items of 1 h that arrived on Saturday at 12:00, 24 h deadline,
	// always open, planned from Sunday 00:00 (the 23-hour day): 12 h have
	// passed, 12 real hours remain, and they end at 13:00 on the wall
	// clock. 12 h of work in 12 h: one agent from 00:00 to 13:00 (the
	// 12 hourly intervals of those 12 hours), none after.
	sun := time.Date(2025, 3, 30, 0, 0, 0, 0, berlin)
	w := deferred.Workload{Start: sun, Interval: time.Hour, Arrivals: repeat(0, 23), HandleSeconds: []float64{3600},
		Deadline: 24 * time.Hour, Hours: deferred.AlwaysOpen(),
		Backlog: []deferred.Item{{Arrived: time.Date(2025, 3, 29, 12, 0, 0, 0, berlin), Count: 12}}}
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range st.Agents {
		want := 0.0
		if i < 12 {
			want = 1
		}
		if !near(a, want) {
			t.Errorf("agents[%d] (%s) = %v, want %v", i, st.Intervals[i].Start.Format("15:04 MST"), a, want)
		}
	}
	if !near(st.MaxAgeHours, 24) || st.Late != 0 || st.Intervals[11].Start.Add(time.Hour).Hour() != 13 {
		t.Errorf("max age %v h, late %v", st.MaxAgeHours, st.Late)
	}
}

// Items whose deadline falls after the horizon stay in the ending backlog,
// unless ClearByEnd; then those arriving when nothing is open any more
// cannot be handled at all.
func TestHorizonEnd(t *testing.T) {
	// 09:00-17:00 plus 17:00-18:00 closed; 10 items arrive 16:30-17:00
	// (due 08:30.. the next day), 10 more 17:00-17:30 (closed: they
	// arrive at the next opening).
	arr := concat(repeat(0, 15), []float64{10, 10, 0})
	w := office(arr, 2*time.Hour)
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.AgentHours != 0 || !near(st.EndingBacklog, 20) || st.Late != 0 {
		t.Errorf("carried: agent-hours %v, ending backlog %v, late %v; want 0, 20, 0", st.AgentHours, st.EndingBacklog, st.Late)
	}
	w.ClearByEnd = true
	st, err = deferred.Solve(w, deferred.Options{})
	var inf *deferred.InfeasibleError
	if !errors.As(err, &inf) || !errors.Is(err, deferred.ErrInfeasible) || !near(inf.Items, 10) || !inf.First.Equal(monday.Add(8*time.Hour)) {
		t.Fatalf("ClearByEnd: err %v, want 10 unservable items from 17:00", err)
	}
	// The 16:30 items are handled by 17:00: they arrive at 2 h of work
	// per hour and the last one is due at 17:00: 2 agents. The 17:00
	// items are late.
	if !near(st.Agents[15], 2) || !near(st.Unservable, 10) || !near(st.Late, 10) || !near(st.EndingBacklog, 10) {
		t.Errorf("ClearByEnd: agents %v, unservable %v, late %v, ending %v", st.Agents[15], st.Unservable, st.Late, st.EndingBacklog)
	}
}

// Backlog already past its deadline is late whatever the staffing; it sets
// no requirement of its own but is handled first.
func TestOverdueBacklog(t *testing.T) {
	w := office(repeat(0, 16), 2*time.Hour,
		deferred.Item{Arrived: monday.Add(-5 * time.Hour), Count: 5},  // Monday 04:00, before opening: age 0
		deferred.Item{Arrived: monday.Add(-24 * time.Hour), Count: 5}, // Sunday 09:00: closed until now, age 0
		deferred.Item{Arrived: monday.Add(-66 * time.Hour), Count: 5}, // Friday 15:00: 2 h old, due now
	)
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The Friday items are overdue; the 10 others are 1 h of work due at
	// 11:00, behind 0.5 h of overdue work: L × 2 h >= 1.5 h, L = 0.75.
	if !near(st.OverdueAtStart, 5) || !near(st.Late, 5) || !near(st.Levels[0], 0.75) {
		t.Errorf("overdue %v, late %v, level %v; want 5, 5, 0.75", st.OverdueAtStart, st.Late, st.Levels[0])
	}
}

func TestValidate(t *testing.T) {
	good := office(repeat(1, 4), time.Hour)
	tests := []struct {
		name   string
		modify func(w *deferred.Workload)
		want   deferred.InputError
	}{
		{"no intervals", func(w *deferred.Workload) { w.Arrivals = nil }, deferred.InputError{Field: "Arrivals", Index: -1, Value: "empty", Want: "at least one interval"}},
		{"negative arrivals", func(w *deferred.Workload) { w.Arrivals[2] = -1 }, deferred.InputError{Field: "Arrivals", Index: 2, Value: "-1", Want: "a number of items between 0 and 1e12"}},
		{"NaN arrivals", func(w *deferred.Workload) { w.Arrivals[1] = math.NaN() }, deferred.InputError{Field: "Arrivals", Index: 1, Value: "NaN", Want: "a number of items between 0 and 1e12"}},
		{"handle count", func(w *deferred.Workload) { w.HandleSeconds = []float64{1, 2} }, deferred.InputError{Field: "HandleSeconds", Index: -1, Value: "2 values", Want: "1 or 4 (one per interval)"}},
		{"zero handle", func(w *deferred.Workload) { w.HandleSeconds = []float64{0} }, deferred.InputError{Field: "HandleSeconds", Index: 0, Value: "0", Want: "> 0 and at most 1e7 seconds"}},
		{"zero deadline", func(w *deferred.Workload) { w.Deadline = 0 }, deferred.InputError{Field: "Deadline", Index: -1, Value: "0s", Want: "> 0 and at most 366 days of business time"}},
		{"interval", func(w *deferred.Workload) { w.Interval = 0 }, deferred.InputError{Field: "Interval", Index: -1, Value: "0s", Want: "between 1ns and 24h"}},
		{"occupancy", func(w *deferred.Workload) { w.MaxOccupancy = 1.5 }, deferred.InputError{Field: "MaxOccupancy", Index: -1, Value: "1.5", Want: "in (0, 1] (0 means 1)"}},
		{"no hours", func(w *deferred.Workload) { w.Hours = deferred.OpeningHours{} }, deferred.InputError{Field: "Hours.Weekly", Index: -1, Value: "no window", Want: "at least one opening window in the week"}},
		{"overlap", func(w *deferred.Workload) {
			w.Hours.Weekly[time.Monday] = []deferred.Window{{From: 13 * time.Hour, To: 17 * time.Hour}, {From: 9 * time.Hour, To: 14 * time.Hour}}
		}, deferred.InputError{Field: "Hours.Weekly[Monday]", Index: -1, Value: "09:00-14:00,13:00-17:00", Want: "windows that do not overlap"}},
		{"window", func(w *deferred.Workload) {
			w.Hours.Weekly[time.Sunday] = []deferred.Window{{From: 20 * time.Hour, To: 25 * time.Hour}}
		},
			deferred.InputError{Field: "Hours.Weekly[Sunday]", Index: -1, Value: "20:00-25:00", Want: "a window 00:00 <= from < to <= 24:00"}},
		{"closed date", func(w *deferred.Workload) { w.Hours.Closed = []civil.Date{{Year: 2025, Month: 2, Day: 30}} },
			deferred.InputError{Field: "Hours.Closed", Index: 0, Value: "2025-02-30", Want: "a valid date"}},
		{"backlog after start", func(w *deferred.Workload) { w.Backlog = []deferred.Item{{Arrived: monday.Add(time.Minute), Count: 1}} },
			deferred.InputError{Field: "Backlog", Index: 0, Value: "2025-11-24T09:01:00Z", Want: "an arrival at or before Start 2025-11-24T09:00:00Z"}},
		{"backlog count", func(w *deferred.Workload) {
			w.Backlog = []deferred.Item{{Arrived: monday, Count: 1}, {Arrived: monday, Count: -2}}
		},
			deferred.InputError{Field: "Backlog", Index: 1, Value: "-2", Want: "a count of items between 0 and 1e12"}},
	}
	for _, tt := range tests {
		w := good
		w.Arrivals = append([]float64(nil), good.Arrivals...)
		w.Hours = weekdays(9*time.Hour, 17*time.Hour)
		tt.modify(&w)
		err := w.Validate()
		var ie *deferred.InputError
		if !errors.As(err, &ie) || *ie != tt.want || !errors.Is(err, deferred.ErrInvalidInput) {
			t.Errorf("%s: got %#v, want %#v", tt.name, err, tt.want)
		}
		if _, err := deferred.Solve(w, deferred.Options{}); !errors.Is(err, deferred.ErrInvalidInput) {
			t.Errorf("%s: Solve returned %v", tt.name, err)
		}
	}
	if _, err := deferred.Evaluate(good, []float64{1, 2}); !errors.Is(err, deferred.ErrInvalidInput) {
		t.Errorf("Evaluate with 2 agents for 4 intervals: %v", err)
	}
	if _, err := deferred.Evaluate(good, []float64{1, 2, math.Inf(1), 0}); !errors.Is(err, deferred.ErrInvalidInput) {
		t.Errorf("Evaluate with infinite agents: %v", err)
	}
	if _, err := deferred.Solve(good, deferred.Options{Block: -time.Hour}); !errors.Is(err, deferred.ErrInvalidInput) {
		t.Errorf("Solve with a negative block: %v", err)
	}
}

func TestParseWindows(t *testing.T) {
	tests := []struct {
		in   string
		want []deferred.Window
		err  bool
	}{
		{"08:00-20:00", []deferred.Window{{From: 8 * time.Hour, To: 20 * time.Hour}}, false},
		{"08:00-12:00, 13:00-17:30", []deferred.Window{{From: 8 * time.Hour, To: 12 * time.Hour}, {From: 13 * time.Hour, To: 17*time.Hour + 30*time.Minute}}, false},
		{"00:00-24:00", []deferred.Window{{From: 0, To: 24 * time.Hour}}, false},
		{"closed", nil, false},
		{"", nil, false},
		{"20:00-08:00", nil, true},
		{"8-20", nil, true},
		{"08:00-24:30", nil, true},
		{"08:60-09:00", nil, true},
	}
	for _, tt := range tests {
		got, err := deferred.ParseWindows(tt.in)
		if (err != nil) != tt.err || len(got) != len(tt.want) {
			t.Errorf("ParseWindows(%q) = %v, %v", tt.in, got, err)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParseWindows(%q) = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}

func TestParseOpeningHours(t *testing.T) {
	h, err := deferred.ParseOpeningHours("mon-fri 08:00-12:00,13:00-17:00; sat 09:00-13:00")
	if err != nil {
		t.Fatal(err)
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		want := 0
		switch {
		case d >= time.Monday && d <= time.Friday:
			want = 2
		case d == time.Saturday:
			want = 1
		}
		if len(h.Weekly[d]) != want {
			t.Errorf("%s: %v", d, h.Weekly[d])
		}
	}
	if h, _ := deferred.ParseOpeningHours("fri-mon 10:00-11:00"); len(h.Weekly[time.Sunday]) != 1 || len(h.Weekly[time.Tuesday]) != 0 {
		t.Errorf("wrapping range: %v", h.Weekly)
	}
	if h, _ := deferred.ParseOpeningHours("24/7"); len(h.Weekly[time.Wednesday]) != 1 || h.Weekly[3][0].To != 24*time.Hour {
		t.Errorf("24/7: %v", h.Weekly)
	}
	for _, bad := range []string{"", "mon", "mon 08:00", "xyz 08:00-09:00", "mon 08:00-12:00; mon 11:00-13:00"} {
		if _, err := deferred.ParseOpeningHours(bad); err == nil {
			t.Errorf("ParseOpeningHours(%q) accepted", bad)
		}
	}
	// Open seconds per interval: 07:30-09:30 in hours against mon-fri 08:00-12:00.
	mon := time.Date(2025, 11, 24, 7, 30, 0, 0, time.UTC)
	got := h.OpenSeconds(mon, nil, time.Hour, 2)
	if got[0] != 1800 || got[1] != 3600 {
		t.Errorf("OpenSeconds = %v, want [1800 3600]", got)
	}
}

// What Solve does not minimize: the sum of the day levels. 8 h of work
// arrives on Monday 16:00-17:00 (2 h handle time, 4 items), deadline 8
// business hours: the item arriving u h after 16:00 is due on Tuesday at
// 16:00 + u. Levels (c1, c2) for the two days keep every deadline iff
// c1 × 1 h + c2 × (7 + u) h >= 8u h for u in [0, 1], i.e. c1 + 8 c2 >= 8.
// The least sum is (0, 1): do nothing on Monday, everything on Tuesday at
// the deadline. Solve's min-max is c1 = c2 = 8/9 (sum 16/9), the lower
// peak. After shaving, Monday keeps 8/9 only for 16:00-17:00 and Tuesday
// works 8/9 all day: 8/9 + 8 × 8/9 = 8 agent-hours, the same as the
// min-sum plan, with the backlog started on Monday.
func TestMinMaxNotMinSum(t *testing.T) {
	mon := time.Date(2025, 11, 24, 9, 0, 0, 0, time.UTC)
	arr := make([]float64, 32) // Monday 09:00 to Tuesday 17:00 in hours
	arr[7] = 4
	w := deferred.Workload{Start: mon, Interval: time.Hour, Arrivals: arr, HandleSeconds: []float64{7200},
		Deadline: 8 * time.Hour, Hours: weekdays(9*time.Hour, 17*time.Hour)}
	st, err := deferred.Solve(w, deferred.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !near(st.Levels[0], 8.0/9) || !near(st.Levels[1], 8.0/9) || !near(st.AgentHours, 8) || st.Late != 0 {
		t.Errorf("levels %v, agent-hours %v, late %v; want [8/9 8/9], 8, 0", st.Levels, st.AgentHours, st.Late)
	}
	minSum := make([]float64, 32)
	for i := 24; i < 32; i++ {
		minSum[i] = 1
	}
	ev, _ := deferred.Evaluate(w, minSum)
	if ev.Late != 0 || !near(ev.AgentHours, 8) {
		t.Errorf("the (0, 1) plan: late %v, agent-hours %v", ev.Late, ev.AgentHours)
	}
}
