package require_test

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/schedule/erlang"
	"github.com/peakstaff/peakstaff/schedule/require"
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
