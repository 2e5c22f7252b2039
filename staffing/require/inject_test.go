package require_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// TestRequirementsCSVNoFormula: a channel named like a formula in the
// demand file (staff --out wrote =HYPERLINK(...) raw before issue 14)
// leaves as text.
func TestRequirementsCSVNoFormula(t *testing.T) {
	channel := `=HYPERLINK("http://evil","x")`
	plan, err := require.ComputeAll([]require.Demand{
		{Channel: channel, Skill: "@vip", Start: friday, Interval: 30 * time.Minute, Contacts: []float64{10}, AHTSeconds: []float64{180}},
	}, map[string]require.Policy{
		channel: {Kind: require.KindLive, Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := require.WriteRequirementsCSV(&buf, plan); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][1]; got != "'"+channel {
		t.Errorf("channel cell %q", got)
	}
	if got := rows[1][2]; got != "'@vip" {
		t.Errorf("skill cell %q", got)
	}
}

// TestDemandCSVImplausible: 1e12 contacts of 3 minutes in a half hour
// failed deep in the model ("erlang: TrafficErlangs = 1e+11"), and two
// rows a second apart made 1-second intervals (1,812 agents for 20
// contacts); both are now errors at the file's line.
func TestDemandCSVImplausible(t *testing.T) {
	for _, tt := range []struct{ name, csv, want string }{
		{"1e12 contacts", "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,1000000000000,180\n2025-11-28T09:30:00Z,phone,10,180\n",
			"d.csv:2: contacts: bad value: 1e+12 contacts of 180s in a 30m interval are 1e+11 agents' worth of work"},
		{"rows a second apart", "interval,channel,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,10,180\n2025-11-28T09:00:01Z,phone,10,180\n",
			"rows are 1s apart; intervals of at least 1m are supported"},
	} {
		_, err := require.ReadDemandCSV(strings.NewReader(tt.csv), "d.csv", require.ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v\nwant %q", tt.name, err, tt.want)
		}
	}
}
