package root

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
)

// run runs the command tree in process and returns the exit code and the
// two streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, stdout, stderr := iostreams.Test()
	code := Main(args, ios)
	return code, stdout.String(), stderr.String()
}

// TestExitCodes: what cobra refuses on the command line is a usage error
// (exit 2), as are the commands' own flag checks; help is exit 0; a plan
// that is not valid is invalid data (exit 3).
func TestExitCodes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\ncolour: blue\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--help"}, diag.ExitOK, ""},
		{[]string{"plan", "--help"}, diag.ExitOK, ""},
		{[]string{"nosuchcommand"}, diag.ExitUsage, `unknown command "nosuchcommand"`},
		{[]string{"import", "--nosuchflag", "x.csv"}, diag.ExitUsage, "unknown flag: --nosuchflag"},
		{[]string{"erlang", "--calls", "10"}, diag.ExitUsage, `required flag(s) "aht" not set`},
		{[]string{"backtest", "extra"}, diag.ExitUsage, `unknown command "extra"`},
		{[]string{"staff"}, diag.ExitUsage, "accepts 1 arg(s), received 0"},
		{[]string{"plan"}, diag.ExitUsage, "plan needs exactly one PLAN.yaml"},
		{[]string{"plan", bad}, diag.ExitUsage, "--out DIR is required"},
		{[]string{"import", "x.csv", "--format", "nosuch"}, diag.ExitUsage, "--format"},
		{[]string{"plan", bad, "--out", t.TempDir()}, diag.ExitInvalidData, "colour: unknown key"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, tt.args...)
		if code != tt.code {
			t.Errorf("%q: exit %d, want %d\n%s", tt.args, code, tt.code, stderr)
		}
		if !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%q: stderr does not say %q:\n%s", tt.args, tt.stderr, stderr)
		}
	}
}

// complete asks the tree for the completions of args as a shell would
// (cobra's hidden __complete command) and returns the candidates and the
// directive.
func complete(t *testing.T, args ...string) ([]string, cobra.ShellCompDirective) {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %q: exit %d\n%s", args, code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	last := lines[len(lines)-1]
	d, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if !strings.HasPrefix(last, ":") || err != nil {
		t.Fatalf("__complete %q: no directive in\n%s", args, stdout)
	}
	var words []string
	for _, l := range lines[:len(lines)-1] {
		w, _, _ := strings.Cut(l, "\t") // a word, then its description
		words = append(words, w)
	}
	return words, cobra.ShellCompDirective(d)
}

// TestCompleteFormatNames: --format completes with every importer format
// name and no file, on each command that reads exports.
func TestCompleteFormatNames(t *testing.T) {
	for _, cmd := range []string{"import", "forecast", "init"} {
		words, d := complete(t, cmd, "--format", "")
		got := strings.Join(words, " ")
		if got != strings.Join(importers.FormatNames(), " ") {
			t.Errorf("%s --format completes %q, want the importers' formats %q", cmd, got, importers.FormatNames())
		}
		if d != cobra.ShellCompDirectiveNoFileComp {
			t.Errorf("%s --format: directive %d, want no files", cmd, d)
		}
	}
	words, _ := complete(t, "import", "--format", "zen")
	for _, w := range words {
		if !strings.HasPrefix(w, "zen") {
			t.Errorf("--format zen completes %q", w)
		}
	}
	if len(words) == 0 {
		t.Error("--format zen completes nothing")
	}
}

// TestCompleteFiles: plan files complete with .yaml and .yml, exports
// with the table formats, --out of plan with folders.
func TestCompleteFiles(t *testing.T) {
	tests := []struct {
		args      []string
		directive cobra.ShellCompDirective
		words     string
	}{
		{[]string{"plan", ""}, cobra.ShellCompDirectiveFilterFileExt, "yaml yml"},
		{[]string{"compare", ""}, cobra.ShellCompDirectiveFilterFileExt, "yaml yml"},
		{[]string{"plan", "p.yaml", "--out", ""}, cobra.ShellCompDirectiveFilterDirs, ""},
		{[]string{"import", ""}, cobra.ShellCompDirectiveFilterFileExt, strings.Join([]string{"csv", "tsv", "txt", "xlsx", "json", "jsonl", "ndjson", "parquet", "zip", "gz"}, " ")},
		{[]string{"import", "--types", ""}, cobra.ShellCompDirectiveFilterFileExt, "yaml yml"},
		{[]string{"init", "--from", ""}, cobra.ShellCompDirectiveFilterFileExt, "csv tsv txt xlsx json jsonl ndjson parquet zip gz"},
		{[]string{"staff", "d.csv", "--policy", ""}, cobra.ShellCompDirectiveFilterFileExt, "yaml yml"},
		{[]string{"plan", "p.yaml", "--lang", ""}, cobra.ShellCompDirectiveNoFileComp, "en zh"},
		{[]string{"backtest", "--model", "holt"}, cobra.ShellCompDirectiveNoFileComp, "holt-winters"},
		{[]string{"backtest", "--series", ""}, cobra.ShellCompDirectiveFilterFileExt, "csv tsv txt xlsx json jsonl ndjson parquet zip gz"},
	}
	for _, tt := range tests {
		words, d := complete(t, tt.args...)
		if d != tt.directive || strings.Join(words, " ") != tt.words {
			t.Errorf("%q: %q directive %d, want %q directive %d", tt.args, words, d, tt.words, tt.directive)
		}
	}
}

// TestCompletionScripts: cobra's completion command writes a script for
// each shell.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, stderr := run(t, "completion", shell)
		if code != 0 || !strings.Contains(stdout, "peakstaff") || !strings.Contains(stdout, cobra.ShellCompRequestCmd) {
			t.Errorf("completion %s: exit %d, %d bytes\n%s", shell, code, len(stdout), stderr)
		}
	}
}
