package samplecmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
)

func parse(t *testing.T, argv ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdSample(ios, func(o *Options) error { got = o; return nil })
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return got, cmd.Execute()
}

func TestArgvToOptions(t *testing.T) {
	tests := []struct {
		argv        []string
		out         string
		seed        uint64
		scale       float64
		force, json bool
	}{
		{[]string{"--out", "dir"}, "dir", 1, 1, false, false},
		{[]string{"-o", "d", "--seed", "7", "--scale", "0.1", "--force", "--json"}, "d", 7, 0.1, true, true},
	}
	for _, tc := range tests {
		o, err := parse(t, tc.argv...)
		if err != nil {
			t.Errorf("%v: %v", tc.argv, err)
			continue
		}
		if o.Out != tc.out || o.Seed != tc.seed || o.Scale != tc.scale || o.Force != tc.force || o.JSON != tc.json {
			t.Errorf("%v: got %+v", tc.argv, *o)
		}
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		argv []string
		msg  string
	}{
		{nil, "--out DIR is required: the folder to write the sample into"},
		{[]string{"--out", "d", "--scale", "0"}, "--scale 0: expected a factor above 0 and at most 10, such as 1 or 0.1"},
		{[]string{"--out", "d", "--scale", "11"}, "--scale 11: expected a factor above 0 and at most 10, such as 1 or 0.1"},
	}
	for _, tc := range tests {
		_, err := parse(t, tc.argv...)
		if err == nil || err.Error() != tc.msg || diag.ExitCode(err) != diag.ExitUsage {
			t.Errorf("%v:\n got %v\nwant %s (exit 2)", tc.argv, err, tc.msg)
		}
	}
}

// run executes the command in process with a small scale.
func run(t *testing.T, tty bool, argv ...string) (stdout string, err error) {
	t.Helper()
	opts, err := parse(t, append(argv, "--scale", "0.02")...)
	if err != nil {
		t.Fatalf("%v: %v", argv, err)
	}
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	opts.IO = ios
	err = sampleRun(opts)
	if errOut.Len() > 0 {
		t.Errorf("stderr: %q", errOut.String())
	}
	return out.String(), err
}

var wantFiles = []string{
	"freshdesk_tickets_2024.csv", "zendesk_tickets_2025H1.csv", "zendesk_tickets_2025H2.csv", "aircall_calls.csv",
	"qianniu_chats_2024-2025.csv", "orders_daily.csv", "types.yaml", "README.md",
}

// TestWritesFilesTSV: piped output is a TSV line per file whose byte counts
// are the files' sizes.
func TestWritesFilesTSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "sample")
	out, err := run(t, false, "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "file\trows\tbytes" || len(lines) != len(wantFiles)+1 {
		t.Fatalf("output:\n%s", out)
	}
	for i, name := range wantFiles {
		f := strings.Split(lines[i+1], "\t")
		if f[0] != name {
			t.Errorf("line %d is %q, want file %s", i+1, lines[i+1], name)
		}
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if f[2] != strconv.FormatInt(st.Size(), 10) {
			t.Errorf("%s: %s bytes printed, %d on disk", name, f[2], st.Size())
		}
	}
	if orders := lines[6]; orders != "orders_daily.csv\t731\t"+strings.Split(orders, "\t")[2] {
		t.Errorf("orders line %q: want 731 rows", orders)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(wantFiles) {
		t.Errorf("%d entries in the folder (temporary files left?), want %d", len(entries), len(wantFiles))
	}
}

func TestTableOnTerminal(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, true, "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Sample written to "+dir+"\n") || !strings.Contains(out, "qianniu_chats_2024-2025.csv") {
		t.Errorf("terminal output:\n%s", out)
	}
}

// TestRefusesOverwrite: an existing file is a usage error naming it, and
// nothing is written; --force overwrites with the same bytes.
func TestRefusesOverwrite(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "orders_daily.csv")
	if err := os.WriteFile(existing, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := run(t, false, "--out", dir)
	var usage *diag.UsageError
	if !errors.As(err, &usage) || diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), existing) {
		t.Fatalf("error %v: want a usage error naming %s", err, existing)
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine\n" {
		t.Error("the existing file was changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files after a refused run, want 1", len(entries))
	}
	if _, err := run(t, false, "--out", dir, "--force"); err != nil {
		t.Fatalf("--force: %v", err)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "zendesk_tickets_2025H2.csv"))
	if _, err := run(t, false, "--out", dir, "--force"); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(dir, "zendesk_tickets_2025H2.csv"))
	if !bytes.Equal(first, second) || len(first) == 0 {
		t.Error("two runs with the same seed wrote different files")
	}
	file := filepath.Join(dir, "orders_daily.csv")
	if _, err := run(t, false, "--out", file, "--force"); diag.ExitCode(err) != diag.ExitUsage {
		t.Errorf("--out naming a file: %v, want a usage error", err)
	}
}

func TestJSON(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, false, "--out", dir, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Dir   string `json:"dir"`
		Files []struct {
			Name  string `json:"name"`
			Rows  int    `json:"rows"`
			Bytes int64  `json:"bytes"`
		} `json:"files"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if res.Dir != dir || len(res.Files) != len(wantFiles) {
		t.Fatalf("got %+v", res)
	}
	for i, f := range res.Files {
		st, err := os.Stat(filepath.Join(dir, f.Name))
		if f.Name != wantFiles[i] || err != nil || st.Size() != f.Bytes {
			t.Errorf("file %d: %+v (stat %v)", i, f, err)
		}
		if strings.HasSuffix(f.Name, ".csv") && f.Rows <= 0 {
			t.Errorf("%s: %d rows", f.Name, f.Rows)
		}
	}
}

// TestTypesYAMLIsValid: the written rules file parses as strict YAML in the
// schema `peakstaff import --types` reads, and every pattern compiles.
func TestTypesYAMLIsValid(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, false, "--out", dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "types.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Types []struct {
			Type   string   `yaml:"type"`
			Values []string `yaml:"values"`
			Tags   []string `yaml:"tags"`
			Match  []string `yaml:"match"`
		} `yaml:"types"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&rules); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rules.Types {
		names = append(names, r.Type)
		for _, m := range r.Match {
			if _, err := regexp.Compile(m); err != nil {
				t.Errorf("%s: %v", r.Type, err)
			}
		}
	}
	want := "gift_card discount_code order_status shipping_delivery returns_refunds payment product_question account"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("types %s, want %s", got, want)
	}
	if v := rules.Types[3].Values; !contains(v, "物流查询") || !contains(v, "Shipping::Delay") {
		t.Errorf("shipping values %q", v)
	}
	if m := rules.Types[4].Match[0]; m != `(?i)\breturn|refund|exchange` {
		t.Errorf("returns pattern read back as %q", m)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
