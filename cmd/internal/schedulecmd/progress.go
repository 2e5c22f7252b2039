package schedulecmd

import (
	"math"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/schedule/shiftdesign"
)

// progress draws a bar on stderr for searches that run over a second, when
// stderr is a terminal: the share of the time limit used and the best
// objective so far. It never writes to stdout.
type progress struct {
	ios   *iostreams.IOStreams
	limit time.Duration
	bar   *progressbar.ProgressBar
}

func newProgress(ios *iostreams.IOStreams, limit time.Duration) *progress {
	return &progress{ios: ios, limit: limit}
}

func (p *progress) update(pr shiftdesign.Progress) {
	if !p.ios.IsStderrTTY() || pr.Elapsed < time.Second {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(int(p.limit/time.Millisecond),
			progressbar.OptionSetWriter(p.ios.ErrOut),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(false),
		)
	}
	best := "none yet"
	if !math.IsInf(pr.Best, 1) {
		best = strconv.FormatFloat(pr.Best, 'f', -1, 64)
	}
	p.bar.Describe("searching shifts, best objective " + best)
	p.bar.Set(int(min(pr.Elapsed, p.limit) / time.Millisecond))
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
