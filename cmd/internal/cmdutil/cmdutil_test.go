package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true},
		{"1048576", 1 << 20, true},
		{"512KiB", 512 << 10, true},
		{"64MiB", 64 << 20, true},
		{" 2 GiB ", 2 << 30, true},
		{"64mb", 64 << 20, true},
		{"3G", 3 << 30, true},
		{"10B", 10, true},
		{"0", 0, false},
		{"-5MiB", 0, false},
		{"lots", 0, false},
		{"1.5GiB", 0, false},
		{"4611686018427387904GiB", 0, false}, // overflows
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestHistoryEnd: the day ends at the next midnight in the zone given.
func TestHistoryEnd(t *testing.T) {
	if !HistoryEnd("", "UTC").IsZero() || !HistoryEnd("31.10.2025", "UTC").IsZero() {
		t.Error("no day or a bad day gives an end")
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	got := HistoryEnd("2025-10-31", "Europe/Berlin")
	if want := time.Date(2025, 11, 1, 0, 0, 0, 0, berlin); !got.Equal(want) {
		t.Errorf("HistoryEnd = %v, want %v", got, want)
	}
}

// TestValidateSource: each source flag's check is a usage error naming it.
func TestValidateSource(t *testing.T) {
	tests := []struct {
		src  Source
		want string
	}{
		{Source{DateOrder: "ydm"}, "--date-order"},
		{Source{HistoryEnd: "2025-13-01"}, "--history-end"},
		{Source{Channel: "pigeon"}, "--channel"},
		{Source{Delimiter: "ab"}, "--delimiter"},
		{Source{MaxRecordSize: "big"}, "--max-record-size"},
		{Source{MaxExpansion: -1}, "--max-expansion -1"},
		{Source{Files: []string{"-", "a.csv", "-"}}, "standard input (-) can be read only once"},
	}
	for _, tt := range tests {
		err := ValidateSource(&tt.src)
		if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want a usage error saying %q", tt.src, err, tt.want)
		}
	}
	ok := Source{DateOrder: "dmy", HistoryEnd: "2025-10-31", Channel: "email", Delimiter: `\t`, MaxRecordSize: "64MiB", Files: []string{"-", "a.csv"}}
	if err := ValidateSource(&ok); err != nil {
		t.Errorf("%+v: %v", ok, err)
	}
}

// TestFileSpecs: FILE@ZONE gives the file its zone, - is standard input
// (not an input path), a missing file is an error before any reading, and
// --format is looked up among the importers' formats.
func TestFileSpecs(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(a, []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o, specs, paths, err := FileSpecs(&Source{Files: []string{a + "@Asia/Shanghai", "-"}, TZ: "UTC", Format: "aircall", DateOrder: "mdy"})
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != 2 || specs[0].Path != a || specs[0].Location.String() != "Asia/Shanghai" || specs[1].Path != "-" {
		t.Errorf("specs %+v", specs)
	}
	if len(paths) != 1 || paths[0] != a {
		t.Errorf("input paths %v", paths)
	}
	if o.Location.String() != "UTC" || o.Format == nil || o.Format.Name() != "aircall" {
		t.Errorf("importer options %+v", o)
	}
	// the --max-* flags reach the importer's options; the table package's
	// defaults stay as they are
	before := table.DefaultLimits
	o, _, _, err = FileSpecs(&Source{Files: []string{a}, MaxRecordSize: "64MiB", MaxFields: 100})
	if err != nil || o.Limits != (table.Limits{RecordBytes: 64 << 20, Fields: 100}) || table.DefaultLimits != before {
		t.Errorf("limits %+v (defaults %+v), %v", o.Limits, table.DefaultLimits, err)
	}
	if _, _, _, err := FileSpecs(&Source{Files: []string{filepath.Join(dir, "nothere.csv")}}); err == nil || !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
	for _, src := range []Source{{Format: "nosuch"}, {Format: "aircall", Map: "created=Opened"}, {TZ: "Mars/Olympus"}} {
		if _, _, _, err := FileSpecs(&src); diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%+v: %v, want a usage error", src, err)
		}
	}
}

// TestCompleteWords: a flag's words are filtered by what is typed, and
// the source flags complete the importers' format names.
func TestCompleteWords(t *testing.T) {
	cmd := &cobra.Command{Use: "x"}
	var src Source
	AddSourceFlags(cmd.Flags(), &src)
	CompleteSourceFlags(cmd)
	f, ok := cmd.GetFlagCompletionFunc("format")
	if !ok {
		t.Fatal("--format has no completion")
	}
	all, d := f(cmd, nil, "")
	if strings.Join(all, " ") != strings.Join(importers.FormatNames(), " ") || d != cobra.ShellCompDirectiveNoFileComp {
		t.Errorf("--format completes %v (directive %d)", all, d)
	}
	some, _ := f(cmd, nil, "qian")
	if len(some) == 0 {
		t.Error("--format qian completes nothing")
	}
	for _, w := range some {
		if !strings.HasPrefix(w, "qian") {
			t.Errorf("--format qian completes %q", w)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("completing a flag that does not exist did not panic")
		}
	}()
	CompleteWords(cmd, "nosuchflag", "a")
}
