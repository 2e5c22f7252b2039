package staffcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/internal/diag"
)

// TestDemandAndPolicyErrorsAtOnce: the problems of the demand and of the
// policy (its file, and the settings of every channel it names, used by
// the demand or not) come back together, exit 3 (issue 14: the policy was
// read only once the demand had none).
func TestDemandAndPolicyErrorsAtOnce(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(pol, []byte("channels:\n  email: {deadline: 0h}\n  chat: {concurrency: 8}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,-1\n2025-11-28T09:30:00Z,phone,3\n"
	_, _, err := run(t, []string{"-", "--policy", pol}, false, in)
	if diag.ExitCode(err) != diag.ExitInvalidData {
		t.Fatalf("exit %d: %v", diag.ExitCode(err), err)
	}
	want := []string{`stdin:2:3: contacts: bad value: "-1": want a number of contacts >= 0`,
		pol + ":2:21: channels.email.deadline: expected a business-time deadline above 0",
		pol + ":3:23: channels.chat.concurrency: expected 1 to 4 contacts at once"}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error has no %q:\n%v", w, err)
		}
	}
	// a channel's settings that do not go together, with a bad demand
	if err := os.WriteFile(pol, []byte("channels:\n  email: {concurrency: 2}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, []string{"-", "--policy", pol}, false, in)
	if !strings.Contains(err.Error(), "stdin:2:3") || !strings.Contains(err.Error(), "email is a deferred channel: only chat handles several contacts at once") {
		t.Errorf("got %v", err)
	}
}

// TestPolicyFileCap: a policy file larger than any real one is refused
// before it is parsed, exit 3.
func TestPolicyFileCap(t *testing.T) {
	pol := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(pol, []byte("defaults: {shrinkage: 30%}\n#"+strings.Repeat("x", 256<<10)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := "interval,channel,contacts\n2025-11-28T09:00:00Z,phone,1\n2025-11-28T09:30:00Z,phone,3\n"
	_, _, err := run(t, []string{"-", "--policy", pol}, false, in)
	if diag.ExitCode(err) != diag.ExitInvalidData || !strings.Contains(err.Error(), "p.yaml: the file is larger than 256 KiB") {
		t.Errorf("exit %d: %v", diag.ExitCode(err), err)
	}
}
