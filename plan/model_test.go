package plan

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"
)

// TestModelCarriesWhatTheTablesShow: the report model of the small plan
// (phone without a patience, so Erlang C) has no abandon rate for phone
// (NaN, left blank: it was 0%, where requirements.csv has none), and its
// scenarios carry the required agent-hours the terminal and compare show.
func TestModelCarriesWhatTheTablesShow(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a plan")
	}
	path := smallPlan(t)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Plan: p, Out: filepath.Join(filepath.Dir(path), "out")})
	if err != nil {
		t.Fatal(err)
	}
	m := res.Model(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	phone := 0
	for _, s := range m.Staffing {
		if s.Channel == "phone" {
			phone++
			if !math.IsNaN(s.PAbandon) {
				t.Fatalf("phone %s: abandon rate %v without a patience, want NaN (blank)", s.Start, s.PAbandon)
			}
		}
	}
	if phone == 0 {
		t.Fatal("no phone rows in the Staffing model")
	}
	if len(m.Scenarios) != len(res.Scenarios) || len(m.Scenarios) == 0 {
		t.Fatalf("%d scenarios in the model, %d run", len(m.Scenarios), len(res.Scenarios))
	}
	for i, s := range m.Scenarios {
		if want := res.Scenarios[i].RequiredHours; s.RequiredHours != want || want <= 0 {
			t.Errorf("scenario %s: required hours %v in the model, %v run", s.Name, s.RequiredHours, want)
		}
	}
}
