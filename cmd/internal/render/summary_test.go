package render

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/report"
	"github.com/peakstaff/peakstaff/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestPrintSummaryGolden locks the terminal output, TTY and piped, in both
// languages. The generation time is masked.
func TestPrintSummaryGolden(t *testing.T) {
	tests := []struct {
		golden string
		lang   string
		tty    bool
	}{
		{"summary_en_tty.golden", "en", true},
		{"summary_en_tsv.golden", "en", false},
		{"summary_zh_tty.golden", "zh", true},
	}
	for _, tc := range tests {
		m := reporttest.Model(t, tc.lang)
		ios, _, out, errOut := iostreams.Test()
		ios.SetStdoutTTY(tc.tty)
		if err := PrintSummary(ios, m); err != nil {
			t.Fatal(err)
		}
		got := strings.ReplaceAll(out.String(), report.FmtDateTime(tc.lang, m.Generated.In(m.Loc)), "<generated>")
		got += "--- stderr\n" + errOut.String()
		p := filepath.Join("testdata", tc.golden)
		if *update {
			if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if g, w := scanLines(got), scanLines(string(want)); strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s differs; got:\n%s", tc.golden, got)
		}
	}
}

func TestPrintSummaryInvalid(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	if err := PrintSummary(ios, &report.Model{Lang: "xx"}); err == nil || out.Len() != 0 {
		t.Errorf("invalid model: err %v, printed %q", err, out.String())
	}
}

// scanLines is a helper for golden comparisons: lines without trailing
// blanks.
func scanLines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), " "))
	}
	return out
}
