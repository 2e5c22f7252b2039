package importers

import "testing"

func TestFormatZone(t *testing.T) {
	for name, want := range map[string]string{
		"qianniu-chat": "Asia/Shanghai", "qianniu-chat+map": "Asia/Shanghai", "zendesk-csv": "", "no-such-format": "",
	} {
		if got := FormatZone(name); got != want {
			t.Errorf("FormatZone(%q) = %q, want %q", name, got, want)
		}
	}
}
