package erlang_test

import (
	"fmt"

	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// 100 calls per 30 minutes at 180 s each, 80% answered within 20 s, 30%
// shrinkage (the reference queue of pyworkforce's and R ErlangC's tests).
func ExampleRequired() {
	q := erlang.Queue{TrafficErlangs: erlang.Traffic(100, 1800, 180), AHTSeconds: 180}
	r, err := erlang.Required(q, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, 0.3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("traffic %.0f Erlangs: %d agents (%d scheduled), bound by %s\n", q.TrafficErlangs, r.Agents, r.Scheduled, r.Binding)
	fmt.Printf("SL %.4f, ASA %.2f s, occupancy %.4f, fractional %.3f\n", r.Metrics.ServiceLevel, r.Metrics.ASASeconds, r.Metrics.Occupancy, r.Fractional)
	// Output:
	// traffic 10 Erlangs: 14 agents (20 scheduled), bound by service_level
	// SL 0.8884, ASA 7.84 s, occupancy 0.7143, fractional 13.047
}

// The same queue with callers who hang up after 5 minutes on average
// (Erlang A): abandonment lowers the load on the agents.
func ExampleEvaluate() {
	q := erlang.Queue{TrafficErlangs: 10, AHTSeconds: 180, PatienceSeconds: 300}
	m, err := erlang.Evaluate(q, 14, 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("P(wait) %.5f, P(abandon) %.6f, SL %.6f, ASA %.3f s, occupancy %.6f\n",
		m.PWait, m.PAbandon, m.ServiceLevel, m.ASASeconds, m.Occupancy)
	// Output:
	// P(wait) 0.14526, P(abandon) 0.013984, SL 0.916792, ASA 4.195 s, occupancy 0.704297
}

func ExampleRequiredLines() {
	lines, blocking, err := erlang.RequiredLines(10, 0.02)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d lines block %.5f of calls; 16 would block %.5f\n", lines, blocking, erlang.ErlangB(16, 10))
	// Output:
	// 17 lines block 0.01295 of calls; 16 would block 0.02230
}

// Chat at two conversations per agent: the queue staffs like voice with
// half the handle time.
func ExampleEffectiveAHT() {
	aht, _ := erlang.EffectiveAHT(360, 2)
	q := erlang.Queue{TrafficErlangs: erlang.Traffic(100, 1800, aht), AHTSeconds: aht}
	r, _ := erlang.Required(q, erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}, 0)
	fmt.Printf("effective AHT %.0f s, %d agents\n", aht, r.Agents)
	// Output:
	// effective AHT 180 s, 14 agents
}
