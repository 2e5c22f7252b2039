package report

import "testing"

// The callbacks of a channel's closed hours are named in the output's
// language; other channels as they are.
func TestSimulatedServiceLabel(t *testing.T) {
	for _, tt := range []struct {
		c    SimulatedService
		lang string
		want string
	}{
		{SimulatedService{Channel: "phone", Callback: true}, "en", "phone (closed hours)"},
		{SimulatedService{Channel: "phone", Callback: true}, "zh", "phone（非营业时间）"},
		{SimulatedService{Channel: "email"}, "zh", "email"},
	} {
		if got := tt.c.Label(tt.lang); got != tt.want {
			t.Errorf("Label(%q) of %+v = %q, want %q", tt.lang, tt.c, got, tt.want)
		}
	}
}
