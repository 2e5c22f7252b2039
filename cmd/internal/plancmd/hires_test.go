package plancmd

import "testing"

// TestHireList: hires of two tiers are told apart, tier by tier in name
// order ("3 new by …3 veteran by …" ran together before).
func TestHireList(t *testing.T) {
	got := hireList(map[string]int{"veteran": 3, "new": 3}, map[string]string{"new": "2026-10-15", "veteran": "2026-09-24"})
	if want := "3 new by 2026-10-15; 3 veteran by 2026-09-24"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := hireList(nil, nil); got != "" {
		t.Errorf("no hires: %q", got)
	}
}
