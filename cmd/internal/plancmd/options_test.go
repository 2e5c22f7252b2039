package plancmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/plan/config"
)

// execute runs cmd on argv with its output discarded.
func execute(cmd *cobra.Command, argv ...string) error {
	cmd.SetArgs(argv)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd.Execute()
}

// TestPlanArgvToOptions: plan takes one plan file and --out; the rest are
// optional.
func TestPlanArgvToOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmdPlan(ios, func(o *Options) error { got = o; return nil })
	if err := execute(cmd, "p.yaml", "-o", "out", "--force", "--json", "--lang", "zh"); err != nil {
		t.Fatal(err)
	}
	if got.PlanFile != "p.yaml" || got.Out != "out" || !got.Force || !got.JSON || got.Lang != "zh" || got.ctx == nil {
		t.Errorf("options %+v", got)
	}
	for _, tt := range []struct {
		argv []string
		want string
	}{
		{nil, "plan needs exactly one PLAN.yaml"},
		{[]string{"a.yaml", "b.yaml", "--out", "o"}, "plan needs exactly one PLAN.yaml"},
		{[]string{"a.yaml"}, "--out DIR is required"},
	} {
		ios, _, _, _ := iostreams.Test()
		err := execute(NewCmdPlan(ios, func(*Options) error { t.Errorf("%q ran", tt.argv); return nil }), tt.argv...)
		if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want a usage error saying %q", tt.argv, err, tt.want)
		}
	}
}

// TestPlanLangIsChecked: --lang other than en or zh is a usage error,
// found once the plan has loaded and before any work (no folder made).
func TestPlanLangIsChecked(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("calls.csv", "id,created\n1,2025-11-28 09:00\n")
	write("plan.yaml", "season: {start: 2026-11-20, end: 2026-11-22, time_zone: UTC}\nhistory:\n  - file: calls.csv\n")
	ios, _, stdout, _ := iostreams.Test()
	out := filepath.Join(dir, "out")
	err := planRun(&Options{IO: ios, PlanFile: filepath.Join(dir, "plan.yaml"), Out: out, Lang: "fr"})
	if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), `--lang "fr": expected en or zh`) {
		t.Errorf("--lang fr: %v (exit %d)", err, diag.ExitCode(err))
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) || stdout.Len() > 0 {
		t.Errorf("--lang fr did work: %v, stdout %q", err, stdout.String())
	}
}

// TestCompareArgvToOptions: --scenario takes comma-separated names, and
// the names are matched to the plan's without case.
func TestCompareArgvToOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *CompareOptions
	cmd := NewCmdCompare(ios, func(o *CompareOptions) error { got = o; return nil })
	if err := execute(cmd, "p.yaml", "--scenario", "volume +30%,P90 staffing", "--json"); err != nil {
		t.Fatal(err)
	}
	if got.PlanFile != "p.yaml" || strings.Join(got.Scenarios, "|") != "volume +30%|P90 staffing" || !got.JSON {
		t.Errorf("options %+v", got)
	}
	p := &config.Plan{Scenarios: []config.Scenario{{Name: "volume +30%"}, {Name: "P90 staffing"}, {Name: "hires"}}}
	chosen, err := chooseScenarios(p, []string{"p90 STAFFING", " volume +30%"})
	if err != nil || len(chosen) != 2 || chosen[0] != &p.Scenarios[1] || chosen[1] != &p.Scenarios[0] {
		t.Errorf("chosen %v, %v", chosen, err)
	}
	if all, _ := chooseScenarios(p, nil); len(all) != 3 {
		t.Errorf("no --scenario chose %d of 3", len(all))
	}
	_, err = chooseScenarios(p, []string{"nope"})
	if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), `--scenario "nope": the plan has "volume +30%", "P90 staffing", "hires"`) {
		t.Errorf("unknown scenario: %v", err)
	}
}

// TestDemoAndInitArgvToOptions: demo's defaults, and init's --out must be
// a YAML file.
func TestDemoAndInitArgvToOptions(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var demo *DemoOptions
	if err := execute(NewCmdDemo(ios, func(o *DemoOptions) error { demo = o; return nil })); err != nil {
		t.Fatal(err)
	}
	if demo.Out != filepath.Join("out", "demo") || demo.PlanFile != filepath.Join("testdata", "demo", "plan.yaml") || demo.JSON {
		t.Errorf("demo defaults %+v", demo)
	}
	var ini *InitOptions
	if err := execute(NewCmdInit(ios, func(o *InitOptions) error { ini = o; return nil }), "--from", "a.csv", "--tz", "Asia/Shanghai", "--out", "p.yml", "--force"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(ini.Source.Files, "|") != "a.csv" || ini.Source.TZ != "Asia/Shanghai" || ini.Out != "p.yml" || !ini.Force {
		t.Errorf("init options %+v", ini)
	}
	err := execute(NewCmdInit(ios, func(*InitOptions) error { t.Error("init ran"); return nil }), "--out", "plan.txt")
	if diag.ExitCode(err) != diag.ExitUsage || !strings.Contains(err.Error(), "--out plan.txt: expected a .yaml file") {
		t.Errorf("init --out plan.txt: %v", err)
	}
}
