package policy_test

import (
	"fmt"
	"strings"

	"github.com/peakstaff/peakstaff/staffing/policy"
)

// A policy file and a flag for one channel, resolved over the defaults.
func ExampleResolve() {
	file, err := policy.ReadFile(strings.NewReader(`
defaults:
  shrinkage: 25%
channels:
  phone: {service_level: 90/30s, patience: 3m, max_abandon: 5%}
  email: {deadline: 8h, hours: "mon-fri 08:00-18:00", closed_dates: [2025-12-25]}
`), "policy.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	// staff --shrinkage email=35%: a flag with a channel beats the file.
	var emailFlags policy.Settings
	if err := emailFlags.Set(policy.KeyShrinkage, "35%", policy.Source{Flag: "--shrinkage email=35%"}); err != nil {
		fmt.Println(err)
		return
	}
	for _, ch := range []string{"phone", "chat", "email"} {
		var flags policy.Settings
		if ch == "email" {
			flags = emailFlags
		}
		p, err := policy.Resolve(ch, file.Defaults, file.Channels[ch], flags)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-5s %-8s shrinkage %.2f occupancy %.2f", ch, p.Kind, p.Shrinkage, p.Targets.MaxOccupancy)
		if p.Kind == "deferred" {
			fmt.Printf(" deadline %v closed %v\n", p.Deadline, p.Hours.Closed)
			continue
		}
		fmt.Printf(" %g/%gs patience %gs abandon %g concurrency %g %s\n", p.Targets.ServiceLevel*100, p.Targets.AnswerSeconds,
			p.PatienceSeconds, p.Targets.MaxAbandon, p.Concurrency, p.Closed)
	}

	// A bad file: every problem, with its line and key.
	_, err = policy.ReadFile(strings.NewReader(`
channels:
  phone: {target: 80/20s, shrinkage: 100%}
  chat: {concurrency: 0}
`), "bad.yaml")
	fmt.Println(err)
	// Output:
	// phone live     shrinkage 0.25 occupancy 0.85 90/30s patience 180s abandon 0.05 concurrency 0 callback
	// chat  chat     shrinkage 0.25 occupancy 0.85 80/60s patience 0s abandon 0 concurrency 2 callback
	// email deferred shrinkage 0.35 occupancy 0.85 deadline 8h0m0s closed [2025-12-25]
	// bad.yaml:3:11: channels.phone.target: target is now called service_level
	// bad.yaml:3:38: channels.phone.shrinkage: expected a share of at least 0% and below 100%, such as 30%
	// bad.yaml:4:23: channels.chat.concurrency: expected 1 to 4 contacts at once
}
