package plan

import (
	"testing"

	"github.com/peakstaff/peakstaff/importers"
)

// TestStarterZoneFromTheExports: a starter plan from Qianniu exports
// (China time) proposes Asia/Shanghai, not the machine's zone (a UTC
// server proposed America/New_York, and the Double 11 plan then ran in
// New York time); exports that are mostly of other vendors give no zone
// (the caller falls back to DefaultZone); --tz wins.
func TestStarterZoneFromTheExports(t *testing.T) {
	qn := importers.FileReport{Format: "qianniu-chat", FormatTitle: "Qianniu", Contacts: 900}
	zd := importers.FileReport{Format: "zendesk-csv", FormatTitle: "Zendesk", Contacts: 1000}
	for _, c := range []struct {
		tz    string
		files []importers.FileReport
		want  string
	}{
		{"", []importers.FileReport{qn}, "Asia/Shanghai"},
		{"", []importers.FileReport{qn, {Format: "zendesk-csv", Contacts: 100}}, "Asia/Shanghai"},
		{"", []importers.FileReport{qn, zd}, ""},
		{"Europe/Berlin", []importers.FileReport{qn}, "Europe/Berlin"},
	} {
		inf := Starter{TZ: c.tz, Files: c.files}
		inf.proposeZone()
		if inf.TZ != c.want {
			t.Errorf("tz %q, files %v: zone %q, want %q", c.tz, c.files, inf.TZ, c.want)
		}
	}
}
