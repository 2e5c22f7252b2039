package require_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Phone, chat and email demand for one hour, staffed per channel.
func ExampleComputeAll() {
	in := `interval,channel,contacts,aht_seconds
2025-11-28T09:00:00Z,phone,100,180
2025-11-28T09:30:00Z,phone,60,180
2025-11-28T09:00:00Z,chat,100,360
2025-11-28T09:30:00Z,chat,40,360
2025-11-28T09:00:00Z,email,10,360
2025-11-28T09:30:00Z,email,0,360
`
	demands, err := require.ReadDemandCSV(strings.NewReader(in), "demand.csv", require.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	sl := erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}
	plan, err := require.ComputeAll(demands, map[string]require.Policy{
		"phone": {Kind: require.KindLive, Targets: sl, Shrinkage: 0.3},
		"chat":  {Kind: require.KindChat, Targets: sl, Concurrency: 2, Shrinkage: 0.3},
		"email": {Kind: require.KindDeferred, Deadline: 30 * time.Minute, Hours: deferred.AlwaysOpen(), Shrinkage: 0.3},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range plan.Requirements {
		for _, iv := range r.Intervals {
			fmt.Printf("%s %-5s %3.0f contacts: %2d agents (%5.2f), %2d scheduled, %s\n",
				iv.Start.Format("15:04"), r.Channel, iv.Contacts, iv.Agents, iv.AgentsFractional, iv.Scheduled, iv.Binding)
		}
	}
	for _, c := range plan.Combined {
		fmt.Printf("%s all: %d agents as separate teams, %d pooled\n", c.Start.Format("15:04"), c.Agents, c.AgentsPooled)
	}
	// Output:
	// 09:00 phone 100 contacts: 14 agents (13.05), 20 scheduled, service_level
	// 09:30 phone  60 contacts:  9 agents ( 8.59), 13 scheduled, service_level
	// 09:00 chat  100 contacts: 14 agents (13.05), 20 scheduled, service_level
	// 09:30 chat   40 contacts:  7 agents ( 6.21), 10 scheduled, service_level
	// 09:00 email  10 contacts:  1 agents ( 1.00),  2 scheduled, deadline
	// 09:30 email   0 contacts:  1 agents ( 1.00),  2 scheduled, deadline
	// 09:00 all: 29 agents as separate teams, 28 pooled
	// 09:30 all: 17 agents as separate teams, 16 pooled
}
