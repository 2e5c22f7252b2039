package importcmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// parse runs the command's flag handling on argv and returns the options
// it would run with.
func parse(t *testing.T, argv ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdImport(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return got, cmd.Execute()
}

func TestArgvToOptions(t *testing.T) {
	o, err := parse(t, "a.csv", "b.csv@Asia/Shanghai", "--tz", "Europe/Berlin", "--format", "zendesk-csv",
		"--types", "types.yaml", "--encoding", "gbk", "--sheet", "Tickets", "--delimiter", `\t`, "--date-order", "dmy",
		"--history-end", "2025-10-31", "--channel", "email", "--max-record-size", "64MiB", "--max-fields", "100",
		"--strict", "--out", "c.jsonl", "--force", "--json")
	if err != nil {
		t.Fatal(err)
	}
	s := o.Source
	if strings.Join(s.Files, "|") != "a.csv|b.csv@Asia/Shanghai" || s.TZ != "Europe/Berlin" || s.Format != "zendesk-csv" ||
		s.Types != "types.yaml" || s.Encoding != "gbk" || s.Sheet != "Tickets" || s.Delimiter != `\t` || s.DateOrder != "dmy" ||
		s.HistoryEnd != "2025-10-31" || s.Channel != "email" || s.MaxRecordSize != "64MiB" || s.MaxFields != 100 {
		t.Errorf("source %+v", s)
	}
	if !o.Strict || o.Out != "c.jsonl" || !o.Force || !o.JSON {
		t.Errorf("strict %v out %q force %v json %v", o.Strict, o.Out, o.Force, o.JSON)
	}
}

// TestUsageErrors: every flag the command checks before reading a file is
// a usage error (exit 2) that names the flag.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{nil, "import needs at least one FILE"},
		{[]string{"a.csv", "--out", "c.txt"}, "--out c.txt: expected a .csv or .jsonl file"},
		{[]string{"a.csv", "--date-order", "ymd"}, "--date-order"},
		{[]string{"a.csv", "--history-end", "31.10.2025"}, `--history-end "31.10.2025"`},
		{[]string{"a.csv", "--channel", "fax"}, "--channel"},
		{[]string{"a.csv", "--delimiter", ";;"}, "--delimiter"},
		{[]string{"a.csv", "--max-record-size", "lots"}, "--max-record-size"},
		{[]string{"a.csv", "--max-fields", "-1"}, "--max-fields -1"},
		{[]string{"-", "-"}, "standard input (-) can be read only once"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.argv...)
		if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(errText(err), tt.want) {
			t.Errorf("%q: %v (exit %d), want a usage error saying %q", tt.argv, err, diag.ExitCode(err), tt.want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestRun: options -> the JSON summary on stdout, the contacts written to
// --out, and --format checked against the importers' names when it runs.
func TestRun(t *testing.T) {
	fixture := filepath.Join("..", "..", "..", "importers", "testdata", "exports", "aircall_calls.csv")
	out := filepath.Join(t.TempDir(), "contacts.csv")
	ios, _, stdout, stderr := iostreams.Test()
	cmd := NewCmdImport(ios, nil)
	cmd.SetArgs([]string{fixture, "--tz", "UTC", "--out", out, "--json"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var sum struct {
		Contacts int `json:"contacts"`
		Files    []struct {
			Path   string `json:"path"`
			Format string `json:"format"`
		} `json:"files"`
		ByChannel map[string]int `json:"by_channel"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if sum.Contacts <= 0 || len(sum.Files) != 1 || sum.Files[0].Format != "aircall" || sum.ByChannel["phone"] <= 0 {
		t.Errorf("summary %+v", sum)
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("id,")) {
		t.Errorf("--out: %v %.40q", err, data)
	}
	if !strings.Contains(stderr.String(), "wrote ") {
		t.Errorf("no note of the file written on stderr:\n%s", stderr.String())
	}

	ios, _, _, _ = iostreams.Test()
	cmd = NewCmdImport(ios, nil)
	cmd.SetArgs([]string{fixture, "--format", "nosuch"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err = cmd.Execute()
	if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), "--format") {
		t.Errorf("--format nosuch: %v (exit %d)", err, diag.ExitCode(err))
	}
	if errors.Is(err, importers.ErrInvalidData) {
		t.Errorf("--format nosuch is classed as invalid data: %v", err)
	}
}
