package importers

import (
	"testing"
	"time"
)

// --history-end is a calendar day: a date-only contact is cut by its day,
// whatever zone the end is judged in (Qianniu's 11-11, midnight in China,
// is 2025-11-10 16:00 UTC, before the end of 11-10 in UTC).
func TestCutAfterDateOnly(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	fr := &FileResult{Path: "qn.csv", Format: "qianniu-daily", records: newStore()}
	for i, day := range []int{10, 11} {
		c := Contact{Source: Source{File: "qn.csv", Line: i + 2}, Created: time.Date(2025, 11, day, 0, 0, 0, 0, sh), CreatedDateOnly: true, Count: 100 * day, Channel: ChannelChat}
		fr.records.add(&c)
	}
	timed := Contact{Source: Source{File: "qn.csv", Line: 4}, Created: time.Date(2025, 11, 10, 23, 59, 0, 0, time.UTC), Count: 1, Channel: ChannelChat}
	fr.records.add(&timed)
	set := NewSet()
	set.Add(fr)
	end := time.Date(2025, 11, 11, 0, 0, 0, 0, time.UTC) // --history-end 2025-11-10 in UTC
	if cut := set.CutAfter(end); cut != 1100 {
		t.Errorf("CutAfter cut %d contacts, want 1100 (the 11-11 day); the timed 23:59 UTC contact is kept", cut)
	}
}
