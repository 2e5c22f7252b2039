package plancmd

import (
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
)

// TestInitFromKeepsCommas: --from takes a file name as given; only a
// repeated flag (or the OS list separator) gives several.
func TestInitFromKeepsCommas(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got []string
	cmd := NewCmdInit(ios, func(o *InitOptions) error { got = o.Source.Files; return nil })
	cmd.SetArgs([]string{"--from", "tickets, 2025.csv", "--from", "calls.csv"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != "tickets, 2025.csv|calls.csv" {
		t.Errorf("--from gave %q", got)
	}
}
