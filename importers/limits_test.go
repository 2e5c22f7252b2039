package importers

import (
	"errors"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/importers/table"
)

// TestOptionsLimits: the caps in Options.Limits reach the table reader
// (the --max-* flags pass them so, never by changing table.DefaultLimits).
func TestOptionsLimits(t *testing.T) {
	in := "ticket_id,created_at,channel\n1,2025-11-28 09:00,email\n"
	if _, err := Read("x.csv", strings.NewReader(in), Options{}); err != nil && errors.Is(err, table.ErrTooLarge) {
		t.Fatalf("default limits: %v", err)
	}
	_, err := Read("x.csv", strings.NewReader(in), Options{Limits: table.Limits{Fields: 2}})
	var le *table.LimitError
	if !errors.As(err, &le) || le.Flag != table.FlagFields || le.Limit != 2 {
		t.Errorf("2 fields at most: %v, want the --max-fields cap", err)
	}
}
