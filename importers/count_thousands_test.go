package importers

import (
	"strings"
	"testing"
	"time"
)

// TestParseCountThousands: a count is a whole number, so digits grouped
// by threes are thousands whatever the separator; anything else with a
// fraction stays an error.
func TestParseCountThousands(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    int
		grouped bool
	}{
		{"1042", 1042, false},
		{"17", 17, false},
		{"1.00000000000000000000", 1, false}, // Zendesk Explore
		{"2.000000", 2, false},               // a float written with %f
		{"1.042", 1042, true},
		{"2.017", 2017, true},
		{"1,042", 1042, true},
		{"12,345,678", 12345678, true},
		{"1.000.000", 1000000, true},
		{"1'042", 1042, true},
		{"1’042", 1042, true},
		{"1 042", 1042, true},
		{"1\u00a0042", 1042, true},
		{"1\u202f042", 1042, true},
		{" 1.042\u00a0", 1042, true},
		{"1.042,00", 1042, true},
		{"1,042.0", 1042, true},
		{"1.042,000", 1042, true},
	} {
		n, grouped, err := parseCount(tc.in)
		if err != nil || n != tc.want || grouped != tc.grouped {
			t.Errorf("parseCount(%q) = %d, %v, %v; want %d, %v", tc.in, n, grouped, err, tc.want, tc.grouped)
		}
	}
	for _, in := range []string{"1.5", "1,5", "1.04", "1.0420", "1.042.5", "1.042,5", "1.042,", "1,042.000.000", "1.04.2", "1234.567", "-1.042", "1..042", "x", "1 04", "1.042.042,00.0"} {
		if n, _, err := parseCount(in); err == nil {
			t.Errorf("parseCount(%q) = %d, want an error", in, n)
		}
	}
}

// TestSeriesWithThousands: a series file saved by a German or Italian
// Excel (";", 28/11/2025, counts 1.042) is detected as the series format
// and its counts read in full, with a warning that says how.
func TestSeriesWithThousands(t *testing.T) {
	in := "interval_start;channel;issue_type;contacts;aht_seconds\n" +
		"28/11/2025 00:00;chat;gift_card;1.042;310\n" +
		"28/11/2025 00:00;email;order_status;17;\n" +
		"28/11/2025 00:30;email;order_status;2.017;\n"
	fr, err := Read("series.csv", strings.NewReader(in), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	set := NewSet()
	set.Add(fr)
	if fr.Format != "series" || fr.Rejected != 0 || set.Summarize().Contacts != 3076 {
		t.Fatalf("format %s, rejected %d, %d contacts; want series, 0, 3076", fr.Format, fr.Rejected, set.Summarize().Contacts)
	}
	want := `column "contacts": 2 counts are written with thousands separators, read as whole numbers (line 2: "1.042" read as 1042): a count has no decimals`
	if len(fr.Warnings) != 1 || fr.Warnings[0] != want {
		t.Errorf("warnings %q\nwant %q", fr.Warnings, want)
	}
	// a fraction is no count: the row is rejected, naming the value
	fr, err = Read("series.csv", strings.NewReader("date,count\n2025-11-28,12\n2025-11-29,1.5\n"), Options{Format: aggregatedSeries, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if fr.Rejected != 1 || len(fr.Errors) != 1 || !strings.Contains(fr.Errors[0].Error(), `"1.5": expected a whole number of contacts`) {
		t.Errorf("rejected %d, errors %v", fr.Rejected, fr.Errors)
	}
}
