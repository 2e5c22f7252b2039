package sim_test

import (
	"fmt"

	"github.com/peakstaff/peakstaff/staffing/sim"
)

// A blended day: 21 agents answer phone calls (100 per half hour, 180 s)
// and, in their idle time, emails (40 per half hour, 300 s) due two hours
// after the half hour they arrive in. One agent is kept idle for calls.
func ExampleRunGroup() {
	const n, L = 16, 1800.0 // eight hours of 30-minute intervals
	cfg := sim.GroupConfig{
		IntervalSeconds:    L,
		Agents:             make([]int, n),
		MinIdleForDeferred: 1,
		Seed:               1,
		Replications:       20,
		Channels: []sim.ChannelLoad{
			{Name: "phone", Live: true, Arrivals: make([]float64, n), AHTSeconds: []float64{180}, AnswerSeconds: 20},
			{Name: "email", Arrivals: make([]float64, n), AHTSeconds: []float64{300}, DueSeconds: make([]float64, n)},
		},
	}
	for i := range n {
		cfg.Agents[i] = 21
		cfg.Channels[0].Arrivals[i] = 100
		cfg.Channels[1].Arrivals[i] = 40
		cfg.Channels[1].DueSeconds[i] = float64(i+1)*L + 2*3600
	}
	res, err := sim.RunGroup(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	phone, email := res.Channels[0], res.Channels[1]
	fmt.Printf("phone: %.0f%% answered within 20 s, %.0f%% waited\n", 100*phone.ServiceLevel, 100*phone.PWait)
	fmt.Printf("email: %.0f%% on time, mean wait %.0f s\n", 100*email.OnTimeShare, email.MeanWaitSeconds)
	busy := 0.0
	for _, o := range res.Occupancy {
		busy += o / n
	}
	fmt.Printf("agents busy %.0f%% of their time\n", 100*busy)
	// Output:
	// phone: 94% answered within 20 s, 15% waited
	// email: 100% on time, mean wait 26 s
	// agents busy 78% of their time
}
