package cmdutil

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/erlang"
)

// QueueRow is one line of output for a queue: the JSON fields of erlang
// (and the analytic side of simulate).
type QueueRow struct {
	TrafficErlangs float64  `json:"traffic_erlangs"`
	Agents         int      `json:"agents"`
	Scheduled      int      `json:"scheduled"`
	ServiceLevel   float64  `json:"service_level"`
	ASASeconds     *float64 `json:"asa_seconds"`
	PWait          float64  `json:"p_wait"`
	Occupancy      float64  `json:"occupancy"`
	PAbandon       *float64 `json:"p_abandon,omitempty"`
	Binding        string   `json:"binding,omitempty"`
	Unstable       bool     `json:"unstable,omitempty"`
}

// NewQueueRow turns erlang figures into an output row; shrinkage sets Scheduled
// and withAbandon includes p_abandon.
func NewQueueRow(m erlang.Metrics, shrinkage float64, withAbandon bool) QueueRow {
	r := QueueRow{
		TrafficErlangs: m.TrafficErlangs,
		Agents:         m.Agents,
		Scheduled:      erlang.Scheduled(m.Agents, shrinkage),
		ServiceLevel:   m.ServiceLevel,
		PWait:          m.PWait,
		Occupancy:      m.Occupancy,
		Unstable:       m.Unstable,
	}
	if !m.Unstable {
		asa := m.ASASeconds
		r.ASASeconds = &asa
	}
	if withAbandon {
		pa := m.PAbandon
		r.PAbandon = &pa
	}
	return r
}

// QueueRows are the output rows of the queue flags: the required agents
// (erlang.Required, with its binding target), the given agents, or one
// row per agents of the sweep (erlang.Sweep).
func QueueRows(p QueuePlan) ([]QueueRow, error) {
	from, to := p.Agents, p.Agents
	switch {
	case p.Sweeping():
		from, to = p.SweepFrom, p.SweepTo
	case p.Agents < 0:
		req, err := erlang.Required(p.Queue, p.Targets, p.Shrinkage)
		if err != nil {
			return nil, err
		}
		r := NewQueueRow(req.Metrics, p.Shrinkage, p.ErlangA())
		r.Binding = string(req.Binding)
		return []QueueRow{r}, nil
	}
	ms, err := erlang.Sweep(p.Queue, from, to, p.Targets.AnswerSeconds)
	if err != nil {
		return nil, err
	}
	rows := make([]QueueRow, len(ms))
	for i, m := range ms {
		rows[i] = NewQueueRow(m, p.Shrinkage, p.ErlangA())
	}
	return rows, nil
}

// Describe is the one-line summary of the queue flags printed above tables.
func (p QueuePlan) Describe() string {
	var b strings.Builder
	model := "Erlang C"
	switch {
	case p.Blocking > 0:
		model = "Erlang B"
	case p.ErlangA():
		model = "Erlang A"
	}
	fmt.Fprintf(&b, "%s: %s contacts per %s, AHT %s", model, FormatTraffic(p.Calls), civil.FormatDuration(p.Interval), civil.FormatDuration(p.AHT))
	if p.Concurrency != 1 {
		fmt.Fprintf(&b, " / %s concurrent", FormatTraffic(p.Concurrency))
	}
	fmt.Fprintf(&b, " = %s Erlangs", FormatTraffic(p.Queue.TrafficErlangs))
	if p.Blocking > 0 {
		fmt.Fprintf(&b, "; blocking at most %s%%", FormatTraffic(100*p.Blocking))
		return b.String()
	}
	if p.ErlangA() {
		fmt.Fprintf(&b, ", patience %s", civil.FormatDuration(time.Duration(p.Queue.PatienceSeconds*float64(time.Second))))
	}
	t := p.Targets
	fmt.Fprintf(&b, "; target %s%% in %s", FormatTraffic(100*t.ServiceLevel), civil.FormatDuration(time.Duration(t.AnswerSeconds*float64(time.Second))))
	if t.MaxASASeconds > 0 {
		fmt.Fprintf(&b, ", ASA <= %s", civil.FormatDuration(time.Duration(t.MaxASASeconds*float64(time.Second))))
	}
	if t.MaxOccupancy > 0 {
		fmt.Fprintf(&b, ", occupancy <= %s%%", FormatTraffic(100*t.MaxOccupancy))
	}
	if t.MaxAbandon > 0 {
		fmt.Fprintf(&b, ", abandonment <= %s%%", FormatTraffic(100*t.MaxAbandon))
	}
	if p.Shrinkage > 0 {
		fmt.Fprintf(&b, "; shrinkage %s%%", FormatTraffic(100*p.Shrinkage))
	}
	return b.String()
}

// FormatTraffic prints up to 6 significant digits without trailing zeros.
func FormatTraffic(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
