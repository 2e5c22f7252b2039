package staffcmd

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/plan/config"
	"github.com/peakstaff/peakstaff/plan/pipeline"
	"github.com/peakstaff/peakstaff/plan/staff"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// planRequirement computes demand the way peakstaff plan does: the plan's
// policies (pipeline.Policies) and the compute call of pipeline.Staff.
func planRequirement(t *testing.T, planYAML string, loc *time.Location) require.Plan {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "calls.csv"), []byte("unused\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "plan.yaml")
	head := "season: {start: 2025-11-28, end: 2025-11-29, time_zone: Europe/Berlin, interval: 30m}\nhistory:\n  - file: calls.csv\n"
	if err := os.WriteFile(path, []byte(head+planYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := config.LoadPlan(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(demandFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	demands, err := require.ReadDemandCSV(f, demandFile, require.ReadOptions{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	var channels []string
	for _, d := range demands {
		channels = append(channels, d.Channel)
	}
	pols, err := pipeline.Policies(p, channels, nil)
	if err != nil {
		t.Fatal(err)
	}
	groups, err := pipeline.TeamGroups(p, channels)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := require.ComputeGroups(demands, pols, groups, require.DefaultGroupOptions)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// The same demand and the same policy give the same requirement through
// staff (a --policy file) and through a plan (its channels: and
// shrinkage), interval by interval: one policy, one computation.
func TestSameAsPlan(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	file, err := os.ReadFile(policyPath)
	if err != nil {
		t.Fatal(err)
	}
	// The policy file's channels: verbatim; its defaults (shrinkage 30%,
	// max_occupancy 85%) are the plan's top-level shrinkage and the
	// built-in occupancy cap.
	channels := string(file[strings.Index(string(file), "channels:"):])
	if !strings.Contains(string(file), "defaults:\n  shrinkage: 30%\n  max_occupancy: 85%\nchannels:") {
		t.Fatalf("%s: the test expects defaults of shrinkage 30%% and max_occupancy 85%%", policyPath)
	}
	for _, tt := range []struct {
		name  string
		argv  []string
		yaml  string
		check func(require.Plan) bool
	}{
		{"the example policy", []string{demandFile, "--tz", "Europe/Berlin", "--policy", policyPath}, "shrinkage: 30%\n" + channels,
			func(p require.Plan) bool { return p.Requirements[0].Policy.PatienceSeconds == 300 }},
		{"the defaults", []string{demandFile, "--tz", "Europe/Berlin"}, "",
			func(p require.Plan) bool { return p.Requirements[0].Policy.Shrinkage == 0.3 }},
		{"flags and channel entries", []string{demandFile, "--tz", "Europe/Berlin", "--shrinkage", "25%", "--service-level", "phone=90/30s", "--deadline", "email=4h"},
			"shrinkage: 25%\nchannels:\n  phone: {service_level: 90/30s}\n  email: {deadline: 4h}\n",
			func(p require.Plan) bool { return p.Requirements[0].Policy.Targets.ServiceLevel == 0.9 }},
	} {
		opts, err := parse(t, tt.argv)
		if err != nil {
			t.Fatal(err)
		}
		ios, _, _, _ := iostreams.Test()
		opts.IO = ios
		got, err := staff.Compute(opts.computeOptions())
		if err != nil {
			t.Fatalf("%s: staff: %v", tt.name, err)
		}
		plan := planRequirement(t, tt.yaml, berlin)
		if !tt.check(got) {
			t.Errorf("%s: the settings did not reach the policy: %+v", tt.name, got.Requirements[0].Policy)
		}
		if len(got.Requirements) != len(plan.Requirements) || len(got.Requirements) != 3 {
			t.Fatalf("%s: %d requirements from staff, %d from the plan", tt.name, len(got.Requirements), len(plan.Requirements))
		}
		for k, s := range got.Requirements {
			pr := plan.Requirements[k]
			if s.Channel != pr.Channel || !reflect.DeepEqual(s.Policy, pr.Policy) {
				t.Errorf("%s: %s: policies differ:\nstaff %+v\nplan  %+v", tt.name, s.Channel, s.Policy, pr.Policy)
			}
			for i := range s.Intervals {
				if !reflect.DeepEqual(s.Intervals[i], pr.Intervals[i]) {
					t.Errorf("%s: %s interval %d differs:\nstaff %+v\nplan  %+v", tt.name, s.Channel, i, s.Intervals[i], pr.Intervals[i])
					break
				}
			}
		}
		if !reflect.DeepEqual(got.Groups, plan.Groups) || !reflect.DeepEqual(got.Combined, plan.Combined) {
			t.Errorf("%s: the groups or the combined requirement differ", tt.name)
		}
	}
}
