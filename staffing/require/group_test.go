package require_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

var groupStart = time.Date(2025, 11, 24, 0, 0, 0, 0, time.UTC) // a Monday

func constant(n int, x float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = x
	}
	return out
}

func livePolicy() require.Policy {
	return require.Policy{Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 1}}
}

func emailPolicy(deadline time.Duration, occ float64) require.Policy {
	return require.Policy{Kind: require.KindDeferred, Deadline: deadline, Targets: erlang.Targets{MaxOccupancy: occ}}
}

// Two live channels with the same handle time and target pool into one
// Erlang C queue: the reference queue, 100 calls / 30 min, AHT 180 s, 80/20
// needs 14 agents, however the calls split between the channels (each
// channel alone would need 9 + 7 = 16 for a 60/40 split).
func TestGroupPoolsLiveChannels(t *testing.T) {
	demands := []require.Demand{
		{Channel: "phone", Start: groupStart, Interval: 30 * time.Minute, Contacts: []float64{60}, AHTSeconds: []float64{180}},
		{Channel: "voice", Start: groupStart, Interval: 30 * time.Minute, Contacts: []float64{40}, AHTSeconds: []float64{180}},
	}
	pols := map[string]require.Policy{"phone": livePolicy(), "voice": livePolicy()}
	plan, err := require.ComputeGroups(demands, pols, nil, require.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g := plan.Groups[0]
	if got := g.Intervals[0].Agents; got != 14 {
		t.Fatalf("pooled agents = %d, want 14 (the Erlang C reference)", got)
	}
	if sl := plan.Requirements[0].Intervals[0].ServiceLevel; math.Abs(sl-0.8883500) > 1e-6 {
		t.Errorf("phone SL at 14 = %.7f, want 0.8883500 (the Erlang C reference)", sl)
	}
	if s := g.Intervals[0].Shares; math.Abs(s[0]-0.6) > 1e-9 || math.Abs(s[1]-0.4) > 1e-9 {
		t.Errorf("shares = %v, want [0.6 0.4]", s)
	}
	separate, err := require.ComputeAll(demands, pols)
	if err != nil {
		t.Fatal(err)
	}
	if got := separate.Combined[0].Agents; got <= 14 {
		t.Errorf("separate queues need %d agents, want more than the pooled 14", got)
	}
}

// The strictest target binds: a chat at 80/60s with concurrency 1 pooled
// with phone at 80/20s needs what the pooled traffic needs at 80/20s.
func TestGroupStrictestTargetBinds(t *testing.T) {
	chat := livePolicy()
	chat.Kind, chat.Targets.AnswerSeconds = require.KindChat, 60
	demands := []require.Demand{
		{Channel: "phone", Start: groupStart, Interval: 30 * time.Minute, Contacts: []float64{50}, AHTSeconds: []float64{180}},
		{Channel: "chat", Start: groupStart, Interval: 30 * time.Minute, Contacts: []float64{50}, AHTSeconds: []float64{180}},
	}
	plan, err := require.ComputeGroups(demands, map[string]require.Policy{"phone": livePolicy(), "chat": chat}, nil, require.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	iv := plan.Groups[0].Intervals[0]
	if iv.Agents != 14 || iv.Binding != "phone:service_level" {
		t.Errorf("agents %d bound by %q, want 14 bound by phone:service_level", iv.Agents, iv.Binding)
	}
}

// Opening hours: no phone agent outside 09:00-17:00; the calls that arrive
// outside are counted, and as callbacks they are answered after the
// opening (lost ones are only counted).
func TestGroupOpeningHours(t *testing.T) {
	n := 96 // one day of 15 minutes
	hours, err := deferred.ParseOpeningHours("mon-sun 09:00-17:00")
	if err != nil {
		t.Fatal(err)
	}
	for _, closed := range []require.ClosedHandling{require.ClosedCallback, require.ClosedLost} {
		p := livePolicy()
		p.Targets.MaxOccupancy = 0.85
		p.Hours, p.Closed = hours, closed
		d := require.Demand{Channel: "phone", Start: groupStart, Interval: 15 * time.Minute, Contacts: constant(n, 10), AHTSeconds: []float64{300}}
		plan, err := require.ComputeGroups([]require.Demand{d}, map[string]require.Policy{"phone": p}, nil, require.GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		g, r := plan.Groups[0], plan.Requirements[0]
		for i, iv := range g.Intervals {
			h := iv.Start.Hour()
			if (h < 9 || h >= 17) && iv.Agents > 0 {
				t.Errorf("%s: %d agents at %s, phone closed", closed, iv.Agents, iv.Start.Format("15:04"))
			}
			if h >= 9 && h < 17 && iv.LiveAgents == 0 {
				t.Errorf("%s: no live agent at %s", closed, g.Intervals[i].Start.Format("15:04"))
			}
		}
		if want := 10.0 * 64; math.Abs(r.ClosedContacts-want) > 1e-9 {
			t.Errorf("%s: closed contacts %v, want %v", closed, r.ClosedContacts, want)
		}
		switch closed {
		case require.ClosedLost:
			if r.Lost != r.ClosedContacts || r.Callbacks != 0 {
				t.Errorf("lost: lost %v callbacks %v", r.Lost, r.Callbacks)
			}
		case require.ClosedCallback:
			if r.Callbacks != r.ClosedContacts || r.Late > 1e-9 {
				t.Errorf("callback: callbacks %v late %v", r.Callbacks, r.Late)
			}
			// The 360 calls of 00:00-09:00 are due by 11:00 (2 h after the
			// opening): 108,000 s of work, done in the live agents' idle
			// time and by whole agents added between 09:00 and 11:00; the
			// 280 calls after 17:00 have no opening left in the horizon.
			idle, extra := 0.0, 0
			for _, iv := range g.Intervals[36:44] {
				idle += 0.85*float64(iv.LiveAgents)*900 - iv.LiveErlangs*900
				extra += iv.DeferredAgents
			}
			need := (360*300 - idle) / (0.85 * 900)
			if float64(extra) < need-1e-9 || float64(extra) > need+8 {
				t.Errorf("callback: %d agent-intervals added 09:00-11:00, want %.1f to %.1f", extra, need, need+8)
			}
			if math.Abs(r.EndBacklog-280) > 1e-6 {
				t.Errorf("callback: ending backlog %v, want the 280 calls after 17:00", r.EndBacklog)
			}
		}
	}
}

// A small shop with only email: 69 emails over 20 days, 7 minutes each.
// The required agent-hours stay within 2x the work at the occupancy cap
// after shrinkage, and every email meets its 24-hour deadline.
func TestGroupEmailOnlySmallShop(t *testing.T) {
	n := 20 * 96
	rng := rand.New(rand.NewPCG(3, 4))
	contacts := make([]float64, n)
	for k := 0; k < 69; k++ {
		day, slot := rng.IntN(20), 32+rng.IntN(40) // 08:00-18:00
		contacts[day*96+slot]++
	}
	p := emailPolicy(24*time.Hour, 0.85)
	p.Shrinkage = 0.3
	hours, _ := deferred.ParseOpeningHours("mon-fri 08:00-20:00; sat-sun 10:00-16:00")
	p.Hours = hours
	d := require.Demand{Channel: "email", Start: groupStart, Interval: 15 * time.Minute, Contacts: contacts, AHTSeconds: []float64{420}}
	for _, opts := range []require.GroupOptions{{}, require.DefaultGroupOptions} {
		plan, err := require.ComputeGroups([]require.Demand{d}, map[string]require.Policy{"email": p}, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		g := plan.Groups[0]
		work := 69 * 420.0 / 3600
		if limit := 2 * work / (0.85 * 0.7); g.ScheduledHours > limit {
			t.Errorf("simulate %v: required %.2f paid hours for %.2f hours of work, want at most %.2f", opts.Simulate, g.ScheduledHours, work, limit)
		}
		if r := plan.Requirements[0]; r.Late > 1e-9 {
			t.Errorf("simulate %v: %v emails late", opts.Simulate, r.Late)
		}
		t.Logf("simulate %v: work %.2f h, required %.2f paid hours (%.2f on the queue)", opts.Simulate, work, g.ScheduledHours, g.AgentHours)
	}
}

// Seeded random groups: the whole agents keep every deadline (checked by an
// independent earliest-deadline-first pass over the capacity they give),
// never fall below the live requirement, and the deferred work handled adds
// up to the work that arrived minus the ending backlog.
func TestGroupDeferredKeepsDeadlines(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 200; trial++ {
		n := 96 * (1 + rng.IntN(3))
		interval := 15 * time.Minute
		phone := livePolicy()
		phone.Targets.MaxOccupancy = 0.85
		email := emailPolicy(time.Duration(1+rng.IntN(24))*time.Hour, 0.85)
		if rng.IntN(2) == 0 {
			email.Hours, _ = deferred.ParseOpeningHours("mon-fri 08:00-18:00")
		}
		calls, mails := make([]float64, n), make([]float64, n)
		for i := range calls {
			if rng.IntN(3) > 0 {
				calls[i] = float64(rng.IntN(20))
			}
			if rng.IntN(4) == 0 {
				mails[i] = float64(rng.IntN(15))
			}
		}
		demands := []require.Demand{
			{Channel: "phone", Start: groupStart, Interval: interval, Contacts: calls, AHTSeconds: []float64{240}},
			{Channel: "email", Start: groupStart, Interval: interval, Contacts: mails, AHTSeconds: []float64{float64(120 + rng.IntN(600))}},
		}
		plan, err := require.ComputeGroups(demands, map[string]require.Policy{"phone": phone, "email": email}, nil, require.GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		g := plan.Groups[0]
		P := interval.Seconds()
		capacity := make([]float64, n)
		for i, iv := range g.Intervals {
			if iv.Agents < iv.LiveAgents {
				t.Fatalf("trial %d: %d agents below the live %d", trial, iv.Agents, iv.LiveAgents)
			}
			capacity[i] = 0.85*float64(iv.Agents)*P - iv.LiveErlangs*P
		}
		late := edfLate(demands[1], email, capacity)
		if late > 1e-6 {
			t.Fatalf("trial %d: %.4g s of email work late with the whole agents", trial, late)
		}
		if r := plan.Requirements[1]; r.Late > 1e-9 {
			t.Fatalf("trial %d: plan reports %v late", trial, r.Late)
		}
	}
}

// edfLate replays first-in, first-out deferred work (one stream) over the
// capacity seconds of each open interval, due by the last interval ending within the
// deadline of business time after the arrival interval's start, and returns
// the work seconds handled after their due interval.
func edfLate(d require.Demand, p require.Policy, capacity []float64) float64 {
	n := len(d.Contacts)
	hours := p.Hours
	if hours.IsZero() {
		hours = deferred.AlwaysOpen()
	}
	open := hours.OpenSeconds(d.Start, d.Start.Location(), d.Interval, n)
	cum := make([]float64, n+1)
	for i := range open {
		cum[i+1] = cum[i] + open[i]
	}
	type item struct {
		due  int
		work float64
	}
	var queue []item
	late := 0.0
	for i := 0; i < n; i++ {
		if w := d.Contacts[i] * d.AHTSeconds[0]; w > 0 {
			due := n
			if cum[i]+p.Deadline.Seconds() <= cum[n] {
				due = -1
				for j := i; j < n; j++ {
					if open[j] > 0 && cum[j+1] <= cum[i]+p.Deadline.Seconds()+1e-6 {
						due = j
					}
				}
				if due < 0 {
					for due = i; open[due] == 0; due++ {
					}
				}
			}
			queue = append(queue, item{due, w})
		}
		c := capacity[i]
		if open[i] == 0 { // email is answered in its business hours only
			c = 0
		}
		for c > 1e-9 && len(queue) > 0 {
			w := math.Min(c, queue[0].work)
			queue[0].work -= w
			c -= w
			if queue[0].work <= 1e-9 {
				queue = queue[1:]
			}
		}
		for _, it := range queue {
			if it.due <= i {
				late += it.work
			}
		}
		for len(queue) > 0 && queue[0].due <= i {
			queue = queue[1:]
		}
	}
	return late
}

// The channels' shares of a group's agents add up to the group: per
// interval (fractional agents) and in paid hours.
func TestGroupSharesAddUp(t *testing.T) {
	n := 96
	rng := rand.New(rand.NewPCG(5, 6))
	series := func(scale float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = scale * rng.Float64()
		}
		return out
	}
	chat := livePolicy()
	chat.Kind, chat.Concurrency, chat.Targets.AnswerSeconds = require.KindChat, 2, 60
	phone := livePolicy()
	phone.MinAgents, phone.Shrinkage = 2, 0.3
	demands := []require.Demand{
		{Channel: "phone", Start: groupStart, Interval: 15 * time.Minute, Contacts: series(8), AHTSeconds: []float64{300}},
		{Channel: "chat", Start: groupStart, Interval: 15 * time.Minute, Contacts: series(12), AHTSeconds: []float64{400}},
		{Channel: "email", Start: groupStart, Interval: 15 * time.Minute, Contacts: series(5), AHTSeconds: []float64{500}},
	}
	email := emailPolicy(8*time.Hour, 0.85)
	email.Shrinkage = 0.3
	chat.Shrinkage = 0.3
	plan, err := require.ComputeGroups(demands, map[string]require.Policy{"phone": phone, "chat": chat, "email": email}, nil, require.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g := plan.Groups[0]
	hours := 0.0
	for _, r := range plan.Requirements {
		hours += r.ScheduledHours
	}
	if math.Abs(hours-g.ScheduledHours) > 1e-6 {
		t.Errorf("channels' paid hours %.6f, group %.6f", hours, g.ScheduledHours)
	}
	for i, iv := range g.Intervals {
		sum := 0.0
		for _, r := range plan.Requirements {
			sum += r.Intervals[i].AgentsFractional
		}
		if math.Abs(sum-iv.AgentsFractional) > 1e-9 {
			t.Fatalf("interval %d: channels' fractional agents %.6f, group %.6f", i, sum, iv.AgentsFractional)
		}
		if iv.Agents < 2 {
			t.Fatalf("interval %d: %d agents below phone's minimum 2", i, iv.Agents)
		}
	}
}

// A phone line open 09:00-17:00 in a group with round-the-clock email:
// agents work email at night, but nobody calls customers back while the
// line is closed (the phone's share of the group's time is 0 outside).
func TestGroupCallbacksOnlyInOpeningHours(t *testing.T) {
	n := 2 * 96
	hours, _ := deferred.ParseOpeningHours("mon-sun 09:00-17:00")
	phone := livePolicy()
	phone.Targets.MaxOccupancy, phone.Hours = 0.85, hours
	email := emailPolicy(4*time.Hour, 0.85)
	demands := []require.Demand{
		{Channel: "phone", Start: groupStart, Interval: 15 * time.Minute, Contacts: constant(n, 6), AHTSeconds: []float64{300}},
		{Channel: "email", Start: groupStart, Interval: 15 * time.Minute, Contacts: constant(n, 3), AHTSeconds: []float64{400}},
	}
	for _, opts := range []require.GroupOptions{{}, require.DefaultGroupOptions} {
		plan, err := require.ComputeGroups(demands, map[string]require.Policy{"phone": phone, "email": email}, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		g := plan.Groups[0]
		for _, iv := range g.Intervals {
			if h := iv.Start.Hour(); (h < 9 || h >= 17) && iv.Shares[0] > 0 {
				t.Fatalf("simulate %v: phone takes %.2f of the group at %s, the line is closed", opts.Simulate, iv.Shares[0], iv.Start.Format("Mon 15:04"))
			}
		}
		if r := plan.Requirements[0]; r.Callbacks == 0 || r.Late > 1e-9 {
			t.Errorf("simulate %v: %v callbacks, %v late", opts.Simulate, r.Callbacks, r.Late)
		}
	}
}

// Policy.Block sets the stretches with one fluid level: with 4-hour
// blocks the whole agents follow the work within the day more closely,
// and every deadline still holds.
func TestGroupBlocks(t *testing.T) {
	n := 96
	mails := make([]float64, n)
	for i := 32; i < 48; i++ { // a morning burst, 08:00-12:00
		mails[i] = 12
	}
	d := require.Demand{Channel: "email", Start: groupStart, Interval: 15 * time.Minute, Contacts: mails, AHTSeconds: []float64{300}}
	for _, block := range []time.Duration{0, 4 * time.Hour} {
		p := emailPolicy(2*time.Hour, 0.85)
		p.Block = block
		plan, err := require.ComputeGroups([]require.Demand{d}, map[string]require.Policy{"email": p}, nil, require.GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		capacity := make([]float64, n)
		for i, iv := range plan.Groups[0].Intervals {
			capacity[i] = 0.85 * float64(iv.Agents) * 900
			if h := iv.Start.Hour(); iv.Agents > 0 && (h < 8 || h >= 14) {
				t.Errorf("block %v: %d agents at %s, the work is between 08:00 and 14:00", block, iv.Agents, iv.Start.Format("15:04"))
			}
		}
		if late := edfLate(d, p, capacity); late > 1e-6 {
			t.Errorf("block %v: %.4g s late", block, late)
		}
	}
}

// A team's skill sets make its groups: 4 phone-only agents and 10 who
// serve phone, chat and email are two groups; phone is split by the time
// each group's agents can give it (4 x 1 against 10 x 1/3).
func TestGroupsFromSkills(t *testing.T) {
	var skills [][]string
	for range 4 {
		skills = append(skills, []string{"phone"})
	}
	for range 10 {
		skills = append(skills, []string{"email", "phone", "chat", "fax"})
	}
	groups, err := require.GroupsFromSkills(skills, []string{"phone", "chat", "email"})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].Name != "phone" || groups[1].Name != "phone+chat+email" {
		t.Fatalf("groups %+v", groups)
	}
	if s := groups[0].Share["phone"]; math.Abs(s-4/(4+10.0/3)) > 1e-12 {
		t.Errorf("specialists take %v of phone, want 4 / (4 + 10/3)", s)
	}
	if s := groups[1].Share["chat"]; s != 1 {
		t.Errorf("blended agents take %v of chat, want all", s)
	}
	if g, err := require.GroupsFromSkills(skills[4:], []string{"phone", "chat", "email"}); err != nil || g != nil {
		t.Errorf("an all-channel team: %v, %v; want one group (nil)", g, err)
	}
	if _, err := require.GroupsFromSkills(skills[:4], []string{"phone", "chat"}); err == nil || !strings.Contains(err.Error(), "no agent serves chat") {
		t.Errorf("a channel nobody serves: %v", err)
	}
}

// A channel alone in its group shows the group's figures: the reference
// queue (100 calls / 30 min, AHT 180 s, 80/20: 14 agents) at 15%
// shrinkage is 14 / 0.85 = 16.47, so 17 scheduled, for the group and the
// channel alike (the channel's share was rounded to the nearest, 16, and
// a one-channel plan showed two peaks: 9 and 10 for 7 agents).
func TestGroupOneChannelSameScheduled(t *testing.T) {
	pol := livePolicy()
	pol.Shrinkage = 0.15
	demands := []require.Demand{{Channel: "phone", Start: groupStart, Interval: 30 * time.Minute,
		Contacts: []float64{100, 10, 0, 37}, AHTSeconds: []float64{180}}}
	plan, err := require.ComputeGroups(demands, map[string]require.Policy{"phone": pol}, nil, require.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, r := plan.Groups[0], plan.Requirements[0]
	if g.Intervals[0].Agents != 14 || g.Intervals[0].Scheduled != 17 {
		t.Fatalf("group: %d agents, %d scheduled; want 14 and 17", g.Intervals[0].Agents, g.Intervals[0].Scheduled)
	}
	for i, giv := range g.Intervals {
		if iv := r.Intervals[i]; iv.Agents != giv.Agents || iv.Scheduled != giv.Scheduled {
			t.Errorf("interval %d: channel %d/%d agents/scheduled, group %d/%d", i, iv.Agents, iv.Scheduled, giv.Agents, giv.Scheduled)
		}
	}
	if r.PeakScheduled != g.PeakScheduled || r.PeakAgents != g.PeakAgents {
		t.Errorf("peaks: channel %d/%d, group %d/%d", r.PeakAgents, r.PeakScheduled, g.PeakAgents, g.PeakScheduled)
	}
}

// Each channel's row says what set its group's agents in the interval
// (the binding column of requirements.csv was empty on every row).
func TestGroupBindingOnChannelRows(t *testing.T) {
	demands := []require.Demand{
		{Channel: "phone", Start: groupStart, Interval: 30 * time.Minute, Contacts: []float64{60, 0}, AHTSeconds: []float64{180}},
		{Channel: "voice", Start: groupStart, Interval: 30 * time.Minute, Contacts: []float64{40, 0}, AHTSeconds: []float64{180}},
	}
	pols := map[string]require.Policy{"phone": livePolicy(), "voice": livePolicy()}
	plan, err := require.ComputeGroups(demands, pols, nil, require.GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g := plan.Groups[0]
	for _, r := range plan.Requirements {
		if got, want := r.Intervals[0].Binding, g.Intervals[0].Binding; got != want || want == "" {
			t.Errorf("%s: binding %q, the group's %q", r.Channel, got, want)
		}
		if got := r.Intervals[1].Binding; got != "" {
			t.Errorf("%s: binding %q in an interval without agents", r.Channel, got)
		}
	}
}
