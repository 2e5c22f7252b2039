package policy

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Every value error of every key, as a flag gives it: the whole message.
func TestSetErrors(t *testing.T) {
	tests := []struct{ key, value, msg string }{
		{"kind", "tickets", "expected live, chat or deferred"},
		{"service_level", "80", "expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds)"},
		{"service_level", "high/20s", `expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds): the share "high" is not a number`},
		{"service_level", "80/soon", `expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds): the time "soon" is not a duration`},
		{"service_level", "80/-5s", `expected a service level PERCENT/TIME such as 80/20s (80% answered within 20 seconds): the time "-5s" is not a duration`},
		{"service_level", "100/20s", "the share answered must be above 0% and below 100%, such as 80/20s"},
		{"service_level", "1/20s", "the share answered must be above 0% and below 100%, such as 80/20s"},
		{"service_level", "0/20s", "the share answered must be above 0% and below 100%, such as 80/20s"},
		{"service_level", "120%/20s", "the share answered must be above 0% and below 100%, such as 80/20s"},
		{"asa", "0", "expected an average speed of answer above 0, such as 30s"},
		{"asa", "soon", "expected a duration such as 20s, 3m or 24h (a bare number is seconds)"},
		{"asa", "-3s", "expected a duration of 0 or more, such as 20s, 3m or 24h"},
		{"asa", "-3", "expected a duration of 0 or more, such as 20s, 3m or 24h"},
		{"max_occupancy", "0", "expected a share above 0% and at most 100%, such as 85%"},
		{"max_occupancy", "130%", "expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%"},
		{"max_occupancy", "most", "expected a fraction such as 0.85 or a percentage such as 85%"},
		{"patience", "0s", "expected a mean patience above 0, such as 3m"},
		{"max_abandon", "100%", "expected a share above 0% and below 100%, such as 5%"},
		{"max_abandon", "0", "expected a share above 0% and below 100%, such as 5%"},
		{"concurrency", "0", "expected 1 to 4 contacts at once"},
		{"concurrency", "5", "expected 1 to 4 contacts at once"},
		{"concurrency", "two", "expected a number such as 2"},
		{"deadline", "0", "expected a business-time deadline above 0 and at most 8784h (366 days), such as 24h"},
		{"deadline", "9000h", "expected a business-time deadline above 0 and at most 8784h (366 days), such as 24h"},
		{"hours", "weekdays 9-5", `days "weekdays": want mon, tue, ..., a range such as mon-fri, or daily`},
		{"closed_dates", "2025-13-01", `date "2025-13-01": want YYYY-MM-DD`},
		{"closed", "maybe", "expected callback or lost"},
		{"closed", "2025-12-25", "closed dates are now given as --closed-dates; --closed takes callback or lost (what becomes of contacts arriving while the channel is closed)"},
		{"callback_deadline", "0", "expected a business-time deadline above 0 and at most 8784h (366 days), such as 24h"},
		{"shrinkage", "1", "expected a share of at least 0% and below 100%, such as 30%"},
		{"shrinkage", "100%", "expected a share of at least 0% and below 100%, such as 30%"},
		{"handle_time", "0", "expected a handle time above 0 and at most 24h, such as 180s"},
		{"handle_time", "25h", "expected a handle time above 0 and at most 24h, such as 180s"},
		{"min_agents", "4.5", "expected a whole number of 0 or more, such as 2"},
		{"min_agents", "-1", "expected a whole number of 0 or more, such as 2"},
		{"min_agents", "20001", "expected 0 to 20000 agents"},
		{"block", "25h", "expected at most 24h (0: one level per day)"},
		{"clear_by_end", "maybe", "expected true or false"},
		{"target", "80/20s", "--target is now called --service-level"},
		{"aht", "180s", "--aht is now called --handle-time"},
		{"sla", "80/20s", "unknown key; the keys are kind, service_level, asa, max_occupancy, patience, max_abandon, concurrency, deadline, hours, closed_dates, closed, callback_deadline, shrinkage, handle_time, min_agents, block, clear_by_end"},
	}
	for _, tt := range tests {
		var s Settings
		flag := "--" + FlagName(tt.key) + " phone=" + tt.value
		err := s.Set(tt.key, tt.value, Source{Flag: flag})
		want := flag + ": " + tt.msg
		if err == nil || err.Error() != want {
			t.Errorf("%s %q:\n got %v\nwant %s", tt.key, tt.value, err, want)
			continue
		}
		var e *Error
		if !errors.Is(err, ErrInvalid) || !errors.As(err, &e) || e.Flag != flag || !FromFlags(err) {
			t.Errorf("%s %q: %#v does not unwrap to ErrInvalid with its flag", tt.key, tt.value, err)
		}
		if given := s.Given(); len(given) != 0 {
			t.Errorf("%s %q: a bad value was stored: %v", tt.key, tt.value, given)
		}
	}
}

// Every error of a policy file: the whole message, all of a file's
// problems together.
func TestReadFileErrors(t *testing.T) {
	tests := []struct{ name, yaml, msg string }{
		{"empty", "", "p.yaml: the file is empty"},
		{"comment only", "# nothing\n", "p.yaml: the file is empty"},
		{"syntax", "channels:\n  phone: {kind: live\n", "p.yaml: yaml: line 1: did not find expected ',' or '}'"},
		{"not a mapping", "- phone\n", "p.yaml:1:1: expected a mapping with defaults: and channels:"},
		{"unknown top key", "channel:\n  phone: {}\n", "p.yaml:1:1: channel: unknown key; a policy file has defaults: and channels:"},
		{"channels a list", "channels: [phone]\n", "p.yaml:1:11: channels: expected a mapping of channel names to settings"},
		{"channel a value", "channels:\n  phone: live\n", "p.yaml:2:10: channels.phone: expected a mapping of settings (key: value)"},
		{"unknown key", "channels:\n  phone:\n    kind: live\n    sla: 80/20s\n",
			"p.yaml:4:5: channels.phone.sla: unknown key; the keys are " + strings.Join(KeyNames(), ", ")},
		{"old keys", "defaults:\n  aht: 3m\nchannels:\n  phone: {target: 80/20s}\n  email: {closed: [2025-12-25]}\n",
			"p.yaml:2:3: defaults.aht: aht is now called handle_time\n" +
				"p.yaml:4:11: channels.phone.target: target is now called service_level\n" +
				"p.yaml:5:19: channels.email.closed: closed dates are now given as closed_dates; closed takes callback or lost (what becomes of contacts arriving while the channel is closed)"},
		{"bad values", "defaults:\n  shrinkage: 30\nchannels:\n  email:\n    deadline: soon\n  chat:\n    concurrency: 0\n    min_agents: 4.5\n",
			"p.yaml:2:14: defaults.shrinkage: expected a fraction between 0 and 1 such as 0.85, or a percentage between 0% and 100% such as 85%\n" +
				"p.yaml:5:15: channels.email.deadline: expected a duration such as 20s, 3m or 24h (a bare number is seconds)\n" +
				"p.yaml:7:18: channels.chat.concurrency: expected 1 to 4 contacts at once\n" +
				"p.yaml:8:17: channels.chat.min_agents: expected a whole number of 0 or more, such as 2"},
		{"no value", "channels:\n  phone:\n    patience:\n", "p.yaml:3:14: channels.phone.patience: no value"},
		{"list for a single value", "channels:\n  phone:\n    patience: [3m]\n", "p.yaml:3:15: channels.phone.patience: expected a single value"},
		{"mapping in the dates", "channels:\n  email:\n    closed_dates: [{day: 2025-12-25}]\n", "p.yaml:3:20: channels.email.closed_dates: expected a date YYYY-MM-DD"},
		{"bad date", "channels:\n  email:\n    closed_dates: [2025-12-25, 2025-02-30]\n", `p.yaml:3:19: channels.email.closed_dates: date "2025-02-30": want YYYY-MM-DD`},
	}
	for _, tt := range tests {
		_, err := ReadFile(strings.NewReader(tt.yaml), "p.yaml")
		if err == nil || err.Error() != tt.msg {
			t.Errorf("%s:\n got %v\nwant %s", tt.name, err, tt.msg)
			continue
		}
		if !errors.Is(err, ErrInvalid) || FromFlags(err) {
			t.Errorf("%s: %v does not unwrap to ErrInvalid, or claims a flag", tt.name, err)
		}
	}
}

// The errors only the resolution finds: settings that do not go with the
// kind, and values set directly in Go out of their range.
func TestResolveErrors(t *testing.T) {
	file := func(yaml string) *File {
		f, err := ReadFile(strings.NewReader(yaml), "p.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	flag := func(key, value string) Settings {
		var s Settings
		if err := s.Set(key, value, Source{Flag: "--" + FlagName(key) + " " + value}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	bad := -0.5
	tests := []struct {
		name, channel string
		layers        []Settings
		msg           string
		fromFlags     bool
	}{
		{"abandon without patience in the file", "phone", []Settings{file("channels:\n  phone: {max_abandon: 5%}\n").Channels["phone"]},
			"p.yaml:2:24: channels.phone.max_abandon: phone needs a patience (the mean time before callers hang up): without one nobody abandons", false},
		{"abandon without patience as a flag", "chat", []Settings{flag("max_abandon", "5%")},
			"--max-abandon 5%: chat needs a patience (the mean time before callers hang up): without one nobody abandons", true},
		{"concurrency for every channel", "phone", []Settings{file("defaults: {concurrency: 2}\n").Defaults},
			"p.yaml:1:25: defaults.concurrency: phone is a live channel: only chat handles several contacts at once", false},
		{"concurrency of a deferred channel", "email", []Settings{flag("concurrency", "1")},
			"--concurrency 1: email is a deferred channel: only chat handles several contacts at once", true},
		{"concurrency after a kind change", "chat", []Settings{file("channels:\n  chat: {kind: live, concurrency: 3}\n").Channels["chat"]},
			"p.yaml:2:35: channels.chat.concurrency: chat is a live channel: only chat handles several contacts at once", false},
		{"both", "phone", []Settings{flag("concurrency", "2"), flag("max_abandon", "5%")},
			"--concurrency 2: phone is a live channel: only chat handles several contacts at once\n" +
				"--max-abandon 5%: phone needs a patience (the mean time before callers hang up): without one nobody abandons", true},
		{"a value set in Go", "phone", []Settings{{Shrinkage: &bad}}, "shrinkage: expected a share of at least 0% and below 100%, such as 30%", false},
	}
	for _, tt := range tests {
		_, err := Resolve(tt.channel, tt.layers...)
		if err == nil || err.Error() != tt.msg || !errors.Is(err, ErrInvalid) || FromFlags(err) != tt.fromFlags {
			t.Errorf("%s:\n got %v (flags %v)\nwant %s (flags %v)", tt.name, err, FromFlags(err), tt.msg, tt.fromFlags)
		}
	}
}

// The defaults: one set for every command.
func TestDefaults(t *testing.T) {
	tests := []struct {
		channel string
		want    require.Policy
	}{
		{"phone", require.Policy{Kind: require.KindLive, Shrinkage: 0.3, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.85},
			Closed: require.ClosedCallback, CallbackDeadline: 2 * time.Hour}},
		{"voice", require.Policy{Kind: require.KindLive, Shrinkage: 0.3, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20, MaxOccupancy: 0.85},
			Closed: require.ClosedCallback, CallbackDeadline: 2 * time.Hour}},
		{"chat", require.Policy{Kind: require.KindChat, Shrinkage: 0.3, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 60, MaxOccupancy: 0.85},
			Concurrency: 2, Closed: require.ClosedCallback, CallbackDeadline: 2 * time.Hour}},
		{"messaging", require.Policy{Kind: require.KindChat, Shrinkage: 0.3, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 60, MaxOccupancy: 0.85},
			Concurrency: 2, Closed: require.ClosedCallback, CallbackDeadline: 2 * time.Hour}},
		{"email", require.Policy{Kind: require.KindDeferred, Shrinkage: 0.3, Targets: erlang.Targets{MaxOccupancy: 0.85}, Deadline: 24 * time.Hour}},
		{"social", require.Policy{Kind: require.KindDeferred, Shrinkage: 0.3, Targets: erlang.Targets{MaxOccupancy: 0.85}, Deadline: 24 * time.Hour}},
	}
	for _, tt := range tests {
		got, err := Resolve(tt.channel)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", tt.channel, got, err, tt.want)
		}
	}
	// Another live channel: the live defaults.
	live := require.KindLive
	got, err := Resolve("social", Settings{Kind: &live})
	if err != nil || got.Targets.ServiceLevel != 0.8 || got.Targets.AnswerSeconds != 20 || got.Deadline != 0 || got.Concurrency != 0 {
		t.Errorf("social as live: %+v, %v", got, err)
	}
}

// Precedence: defaults < file defaults < flags for every channel < the
// file's channel < flags for that channel.
func TestPrecedence(t *testing.T) {
	f, err := ReadFile(strings.NewReader("defaults: {shrinkage: 10%, min_agents: 1}\nchannels:\n  email: {shrinkage: 30%, deadline: 4h}\n"), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	flags := map[string]*Settings{"": {}, "phone": {}, "email": {}}
	for _, fl := range []struct{ channel, key, value string }{
		{"", "shrinkage", "20%"}, {"phone", "shrinkage", "25%"}, {"email", "deadline", "2h"}, {"", "min_agents", "3"},
	} {
		if err := flags[fl.channel].Set(fl.key, fl.value, Source{Flag: "--" + fl.key}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		channel   string
		shrinkage float64
		deadline  time.Duration
		min       int
	}{
		{"email", 0.3, 2 * time.Hour, 3},
		{"phone", 0.25, 0, 3},
		{"chat", 0.2, 0, 3},
	} {
		var own Settings
		if s, ok := flags[tt.channel]; ok {
			own = *s
		}
		p, err := Resolve(tt.channel, f.Defaults, *flags[""], f.Channels[tt.channel], own)
		if err != nil || p.Shrinkage != tt.shrinkage || p.Deadline != tt.deadline || p.MinAgents != tt.min {
			t.Errorf("%s: %+v, %v", tt.channel, p, err)
		}
	}
	// Only the file's own keys: the defaults stay under them.
	p, err := Resolve("email", f.Defaults, f.Channels["email"])
	if err != nil || p.Shrinkage != 0.3 || p.Deadline != 4*time.Hour || p.MinAgents != 1 || p.Targets.MaxOccupancy != 0.85 {
		t.Errorf("email from the file: %+v, %v", p, err)
	}
}

// Every key of a file reaches the policy.
func TestEveryKey(t *testing.T) {
	f, err := ReadFile(strings.NewReader(`
base: &base {shrinkage: 20%}
channels:
  phone:
    <<: *base
    kind: live
    service_level: 90%/15s
    asa: 25
    max_occupancy: 0.9
    patience: 4m
    max_abandon: 4%
    hours: "mon-fri 08:00-20:00"
    closed_dates: 2025-12-24,2025-12-25
    closed: lost
    callback_deadline: 3h
    handle_time: 200s
    min_agents: 2
  email:
    kind: deferred
    deadline: 1h30m
    block: 4h
    clear_by_end: true
  chat: {concurrency: 1.5}
`), "p.yaml")
	if err == nil || err.Error() != "p.yaml:2:1: base: unknown key; a policy file has defaults: and channels:" {
		t.Fatalf("anchor outside: %v", err)
	}
	f, err = ReadFile(strings.NewReader(`
defaults: &base {shrinkage: 20%}
channels:
  phone:
    <<: *base
    kind: live
    service_level: 90%/15s
    asa: 25
    max_occupancy: 0.9
    patience: 4m
    max_abandon: 4%
    hours: "mon-fri 08:00-20:00"
    closed_dates: 2025-12-24,2025-12-25
    closed: lost
    callback_deadline: 3h
    handle_time: 200s
    min_agents: 2
  email:
    kind: deferred
    deadline: 1h30m
    block: 4h
    clear_by_end: true
  chat: {concurrency: 1.5}
`), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hours, _ := deferred.ParseOpeningHours("mon-fri 08:00-20:00")
	hours.Closed = []civil.Date{{Year: 2025, Month: 12, Day: 24}, {Year: 2025, Month: 12, Day: 25}}
	want := map[string]require.Policy{
		"phone": {Kind: require.KindLive, Shrinkage: 0.2, MinAgents: 2, AHTSeconds: 200, Hours: hours, PatienceSeconds: 240,
			Targets: erlang.Targets{ServiceLevel: 0.9, AnswerSeconds: 15, MaxASASeconds: 25, MaxOccupancy: 0.9, MaxAbandon: 0.04},
			Closed:  require.ClosedLost, CallbackDeadline: 3 * time.Hour},
		"email": {Kind: require.KindDeferred, Shrinkage: 0.3, Targets: erlang.Targets{MaxOccupancy: 0.85}, Deadline: 90 * time.Minute,
			Block: 4 * time.Hour, ClearByEnd: true},
		"chat": {Kind: require.KindChat, Shrinkage: 0.3, Concurrency: 1.5, Closed: require.ClosedCallback, CallbackDeadline: 2 * time.Hour,
			Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 60, MaxOccupancy: 0.85}},
	}
	for ch, w := range want {
		got, err := Resolve(ch, f.Channels[ch])
		if err != nil || !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v", ch, got, err, w)
		}
	}
}

func TestParsers(t *testing.T) {
	for in, want := range map[string]time.Duration{"20s": 20 * time.Second, " 3m ": 3 * time.Minute, "20": 20 * time.Second, "2.5": 2500 * time.Millisecond, "1h30m": 90 * time.Minute, "0": 0} {
		if got, err := civil.ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, want := range map[string]float64{"0.85": 0.85, "85%": 0.85, "85 %": 0.85, "0": 0, "100%": 1} {
		if got, err := civil.ParseFraction(in); err != nil || got != want {
			t.Errorf("ParseFraction(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, want := range map[string]ServiceLevel{"80/20s": {0.8, 20 * time.Second}, "80%/20s": {0.8, 20 * time.Second}, "0.8/20": {0.8, 20 * time.Second},
		"90 / 1m": {0.9, time.Minute}, "95.5/0s": {0.955, 0}} {
		if got, err := ParseServiceLevel(in); err != nil || got != want {
			t.Errorf("ParseServiceLevel(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if s := (ServiceLevel{0.8, 20 * time.Second}).String(); s != "80/20s" {
		t.Errorf("String %q", s)
	}
}

// The help texts' defaults come from Defaults.
func TestKeysDefaults(t *testing.T) {
	got := map[string]string{}
	for _, k := range Keys() {
		if k.Usage == "" {
			t.Errorf("%s has no usage", k.Name)
		}
		got[k.Name] = k.Default
	}
	want := map[string]string{
		"kind": "", "service_level": "80/20s (live); 80/60s (chat)", "max_occupancy": "85%", "shrinkage": "30%", "asa": "",
		"concurrency": "2 (chat)", "deadline": "24h (deferred)", "closed": "callback (live, chat)", "callback_deadline": "2h (live, chat)",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: default %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(KeyNames()) {
		t.Errorf("%d keys described, %d named", len(got), len(KeyNames()))
	}
}
