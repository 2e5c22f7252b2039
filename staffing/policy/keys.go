package policy

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// specs are the keys in the order help texts list them. Each names its
// value kind's parser and its own range: the one place a setting's
// domain is written.
var specs = []spec{
	setting[require.Kind]{KeyKind,
		"how the channel is staffed: live (Erlang C, or A with a patience), chat (Erlang with the handle time divided by the concurrency) or deferred (deadlines in business hours); by default phone and voice are live, chat and messaging chat, other channels deferred",
		ParseKind, validKind, func(k require.Kind) string { return string(k) }, func(s *Settings) **require.Kind { return &s.Kind }},
	setting[ServiceLevel]{KeyServiceLevel,
		"live, chat: PERCENT/TIME, the share of contacts answered within TIME, e.g. 80/20s",
		ParseServiceLevel, validServiceLevel, ServiceLevel.String, func(s *Settings) **ServiceLevel { return &s.ServiceLevel }},
	setting[time.Duration]{KeyASA,
		"live, chat: cap on the average speed of answer, e.g. 30s (default none)",
		civil.ParseDuration, positive("an average speed of answer", "30s"), civil.FormatDuration, func(s *Settings) **time.Duration { return &s.ASA }},
	setting[float64]{KeyMaxOccupancy,
		"cap on the occupancy (live, chat) or productivity (deferred) of the agents, e.g. 85%",
		civil.ParseFraction, share(false, true, "85%"), formatPercent, func(s *Settings) **float64 { return &s.MaxOccupancy }},
	setting[time.Duration]{KeyPatience,
		"live, chat: mean time before a caller hangs up, e.g. 3m: Erlang A with abandonment (default: nobody hangs up, Erlang C)",
		civil.ParseDuration, positive("a mean patience", "3m"), civil.FormatDuration, func(s *Settings) **time.Duration { return &s.Patience }},
	setting[float64]{KeyMaxAbandon,
		"live, chat: cap on the abandonment rate, e.g. 5% (needs a patience)",
		civil.ParseFraction, share(false, false, "5%"), formatPercent, func(s *Settings) **float64 { return &s.MaxAbandon }},
	setting[float64]{KeyConcurrency,
		fmt.Sprintf("chat: contacts an agent handles at once, 1 to %d", erlang.MaxConcurrency),
		ParseNumber, validConcurrency, formatNumber, func(s *Settings) **float64 { return &s.Concurrency }},
	setting[time.Duration]{KeyDeadline,
		"deferred: response time in business hours (the clock runs within the opening hours), e.g. 24h",
		civil.ParseDuration, deadline, civil.FormatDuration, func(s *Settings) **time.Duration { return &s.Deadline }},
	setting[deferred.OpeningHours]{KeyHours,
		`opening hours, e.g. "mon-fri 08:00-20:00; sat 09:00-13:00" (default 24/7)`,
		deferred.ParseOpeningHours, validHours, formatHours, func(s *Settings) **deferred.OpeningHours { return &s.Hours }},
	setting[[]civil.Date]{KeyClosedDates,
		"dates the channel is closed, e.g. 2025-12-25,2025-12-26 (a YAML list in files)",
		ParseDates, validDates, formatDates, func(s *Settings) **[]civil.Date { return &s.ClosedDates }},
	setting[require.ClosedHandling]{KeyClosed,
		"live, chat: what becomes of contacts arriving while the channel is closed: callback (answered after the opening) or lost",
		ParseClosed, validClosed, func(c require.ClosedHandling) string { return string(c) }, func(s *Settings) **require.ClosedHandling { return &s.Closed }},
	setting[time.Duration]{KeyCallbackDeadline,
		"live, chat: business time after the opening within which callbacks from closed hours are answered",
		civil.ParseDuration, deadline, civil.FormatDuration, func(s *Settings) **time.Duration { return &s.CallbackDeadline }},
	setting[float64]{KeyShrinkage,
		"share of paid time off the queue (breaks, meetings, training, absence): scheduled = ceil(agents / (1 - shrinkage))",
		civil.ParseFraction, share(true, false, "30%"), formatPercent, func(s *Settings) **float64 { return &s.Shrinkage }},
	setting[time.Duration]{KeyHandleTime,
		"handle time where the demand has none, e.g. 180s",
		civil.ParseDuration, validHandleTime, civil.FormatDuration, func(s *Settings) **time.Duration { return &s.HandleTime }},
	setting[int]{KeyMinAgents,
		"least agents in every interval with opening time, even without contacts (default 0)",
		ParseCount, validMinAgents, func(n int) string { return fmt.Sprint(n) }, func(s *Settings) **int { return &s.MinAgents }},
	setting[time.Duration]{KeyBlock,
		"deferred: length of the stretches of a day staffed at one level, e.g. 4h, at most 24h (default 0: one level per day)",
		civil.ParseDuration, validBlock, civil.FormatDuration, func(s *Settings) **time.Duration { return &s.Block }},
	setting[bool]{KeyClearByEnd,
		"deferred: work due after the horizon must also be handled by its end (default false)",
		ParseBool, func(bool) error { return nil }, func(b bool) string { return fmt.Sprint(b) }, func(s *Settings) **bool { return &s.ClearByEnd }},
}

func validKind(k require.Kind) error {
	switch k {
	case require.KindLive, require.KindChat, require.KindDeferred:
		return nil
	}
	return errors.New("expected live, chat or deferred")
}

func validServiceLevel(t ServiceLevel) error {
	if !finite(t.Share) || t.Share <= 0 || t.Share >= 1 {
		return errors.New("the share answered must be above 0% and below 100%, such as 80/20s")
	}
	if t.Answer < 0 {
		return errors.New("the answer time must be 0s or more, such as 80/20s")
	}
	return nil
}

// positive is the range of a duration above 0.
func positive(what, example string) func(time.Duration) error {
	return func(d time.Duration) error {
		if d <= 0 {
			return fmt.Errorf("expected %s above 0, such as %s", what, example)
		}
		return nil
	}
}

// share is the range of a fraction: above 0 (or from 0 with zero), below
// 1 (or up to 1 with one).
func share(zero, one bool, example string) func(float64) error {
	return func(x float64) error {
		low, high := "above 0%", "below 100%"
		if zero {
			low = "of at least 0%"
		}
		if one {
			high = "at most 100%"
		}
		if !finite(x) || x < 0 || (x == 0 && !zero) || x > 1 || (x == 1 && !one) {
			return fmt.Errorf("expected a share %s and %s, such as %s", low, high, example)
		}
		return nil
	}
}

func validConcurrency(c float64) error {
	if !finite(c) || c < 1 || c > erlang.MaxConcurrency {
		return fmt.Errorf("expected 1 to %d contacts at once", erlang.MaxConcurrency)
	}
	return nil
}

func deadline(d time.Duration) error {
	if d <= 0 || d > deferred.MaxDeadline {
		return fmt.Errorf("expected a business-time deadline above 0 and at most %s (366 days), such as 24h", civil.FormatDuration(deferred.MaxDeadline))
	}
	return nil
}

func validHours(h deferred.OpeningHours) error { return h.Validate() }

func validDates(ds []civil.Date) error {
	for _, d := range ds {
		if _, err := civil.ParseDate(d.String()); err != nil || d.Year < 1 {
			return fmt.Errorf("%s: not a date", d)
		}
	}
	return nil
}

func validClosed(c require.ClosedHandling) error {
	switch c {
	case require.ClosedCallback, require.ClosedLost:
		return nil
	}
	return errors.New("expected callback or lost")
}

func validHandleTime(d time.Duration) error {
	if d <= 0 || d > 24*time.Hour {
		return errors.New("expected a handle time above 0 and at most 24h, such as 180s")
	}
	return nil
}

func validMinAgents(n int) error {
	if n < 0 || n > erlang.MaxAgents {
		return fmt.Errorf("expected 0 to %d agents", erlang.MaxAgents)
	}
	return nil
}

func validBlock(d time.Duration) error {
	if d < 0 || d > 24*time.Hour {
		return errors.New("expected at most 24h (0: one level per day)")
	}
	return nil
}

func formatPercent(x float64) string { return formatNumber(x*100) + "%" }

func formatHours(h deferred.OpeningHours) string {
	var parts []string
	for i := 1; i <= 7; i++ {
		d := time.Weekday(i % 7)
		if ws := h.Weekly[d]; len(ws) > 0 {
			w := make([]string, len(ws))
			for j, x := range ws {
				w[j] = x.String()
			}
			parts = append(parts, strings.ToLower(d.String()[:3])+" "+strings.Join(w, ","))
		}
	}
	return strings.Join(parts, "; ")
}

func formatDates(ds []civil.Date) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return strings.Join(out, ",")
}
