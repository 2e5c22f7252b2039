package importers

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/internal/testkit"
)

// sharedData returns the real export rel, kept beside the repository in
// ../shared/data/exports (testkit.SharedData: a skip on a clone without
// it, a failure in CI).
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(testkit.SharedData(t, "data/exports"), filepath.FromSlash(rel))
}

func utcTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, time.UTC)
	if err != nil {
		panic(err)
	}
	return t
}

// checkAccounting asserts that every row of every file is accounted for.
func checkAccounting(t *testing.T, set *Set) {
	t.Helper()
	for _, f := range set.Files {
		skipped := 0
		for _, n := range f.Skipped {
			skipped += n
		}
		if got := f.Kept + f.Duplicates + f.Rejected + skipped; got != f.Rows {
			t.Errorf("%s: rows %d but kept %d + duplicates %d + rejected %d + skipped %d = %d",
				f.Path, f.Rows, f.Kept, f.Duplicates, f.Rejected, skipped, got)
		}
	}
}

// Real exports published in public GitHub repositories (Zendesk Explore:
// preethishj/branch; Freshdesk: NavyaDornala1516/devrev2ndproject; Jira
// Cloud in Spanish: fleetbase/fleetbase; Halp:
// michelle-min/help-ticket-explorer); the expected figures (distinct
// ticket ids, duplicates, created ranges) were counted in the files.
func TestRealExports(t *testing.T) {
	tests := []struct {
		name        string
		files       []string
		format      string
		contacts    int
		duplicates  int
		first, last string // UTC wall times, the files have no offsets
		dateOnly    bool
	}{
		{"zendesk explore weekly", []string{"zendesk_explore_branch/Weekly_Raw_Data.csv"}, "zendesk-explore", 376, 23, "2025-06-25 04:53:22", "2025-12-07 16:00:24", false},
		{"zendesk explore tickets", []string{"zendesk_explore_branch/tickets_export.csv"}, "zendesk-explore", 1910, 0, "2025-11-01 00:00:27", "2025-12-04 18:07:20", false},
		// The two Explore reports overlap on 275 tickets: counted once.
		{"zendesk explore both", []string{"zendesk_explore_branch/Weekly_Raw_Data.csv", "zendesk_explore_branch/tickets_export.csv"}, "zendesk-explore", 2011, 23 + 275, "2025-06-25 04:53:22", "2025-12-07 16:00:24", false},
		{"freshdesk trial", []string{"freshdesk_trial_export/freshdesk_tickets.csv"}, "freshdesk", 45, 0, "2025-12-03 16:29:08", "2025-12-04 16:43:24", false},
		{"jira spanish", []string{"jira_cloud_es_locale/Jira.csv"}, "jira", 106, 0, "2025-10-14 12:32:00", "2025-11-10 16:51:00", false},
		{"halp", []string{"halp_internal_helpdesk/halp_tickets.csv"}, "halp", 1765, 0, "2021-01-27 00:00:00", "2024-03-01 00:00:00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var specs []FileSpec
			for _, f := range tt.files {
				specs = append(specs, FileSpec{Path: sharedData(t, f)})
			}
			set, err := ImportFiles(specs, Options{Location: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			checkAccounting(t, set)
			dups, rejected := 0, 0
			for _, f := range set.Files {
				if f.Format != tt.format {
					t.Errorf("%s: format %s, want %s", f.Path, f.Format, tt.format)
				}
				dups += f.Duplicates
				rejected += f.Rejected
				for _, e := range f.Errors {
					t.Logf("row error: %v", e)
				}
			}
			sum := set.Summarize()
			if sum.Contacts != tt.contacts || len(set.Collect()) != tt.contacts {
				t.Errorf("contacts %d (records %d), want %d", sum.Contacts, len(set.Collect()), tt.contacts)
			}
			if dups != tt.duplicates {
				t.Errorf("duplicates %d, want %d", dups, tt.duplicates)
			}
			if rejected != 0 {
				t.Errorf("rejected %d rows of a real export, want 0", rejected)
			}
			if !sum.First.Equal(utcTime(tt.first)) || !sum.Last.Equal(utcTime(tt.last)) {
				t.Errorf("range %v .. %v, want %s .. %s", sum.First, sum.Last, tt.first, tt.last)
			}
			for _, c := range set.Collect() {
				if c.CreatedDateOnly != tt.dateOnly {
					t.Fatalf("%v: date-only %v, want %v", c.Source, c.CreatedDateOnly, tt.dateOnly)
				}
			}
		})
	}
}

// Explore writes empty values as a single NBSP: they must read as empty.
func TestRealExploreNBSP(t *testing.T) {
	set, err := ImportFiles([]FileSpec{{Path: sharedData(t, "zendesk_explore_branch/tickets_export.csv")}}, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	sum := set.Summarize()
	// 672 tickets have an NBSP "Contact Reason": no issue type, not a type named NBSP.
	if got := sum.ByIssueType[UnsetType]; got != 672 {
		t.Errorf("tickets without a contact reason: %d, want 672", got)
	}
	if got := sum.ByIssueType["Configuration Request"]; got != 429 {
		t.Errorf("Configuration Request: %d, want 429", got)
	}
	if _, ok := sum.ByIssueType["\u00a0"]; ok {
		t.Error("NBSP kept as an issue type")
	}
}
