package config

import (
	"strings"
	"testing"
	"time"
)

// forecast.week_shape: a built-in name or seven weights, read at load; a
// bad one is an error naming the key.
func TestPlanWeekShape(t *testing.T) {
	p, err := LoadPlan(writeHistoryPlan(t, "history:\n  - file: log.csv\nforecast:\n  week_shape: 2,1,1,1,1,1,0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w := p.Forecast.WeekWeights; w == nil || w.Weight[time.Monday] != 2 || w.Weight[time.Sunday] != 0 {
		t.Errorf("week shape %+v", w)
	}
	_, err = LoadPlan(writeHistoryPlan(t, "history:\n  - file: log.csv\nforecast:\n  week_shape: busy\n"))
	if err == nil || !strings.Contains(err.Error(), "week_shape") || !strings.Contains(err.Error(), "unknown week shape") {
		t.Errorf("bad week shape: %v", err)
	}
}
