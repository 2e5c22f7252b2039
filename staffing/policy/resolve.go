package policy

import (
	"fmt"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// Defaults are the built-in settings of a channel of kind, the first
// layer under every other: 30% shrinkage and an 85% occupancy cap for
// every kind; live 80/20s; chat 80/60s at concurrency 2; live and chat
// contacts arriving while closed become callbacks answered within
// require.DefaultCallbackDeadline of the opening; deferred work within a
// 24-hour business-time deadline.
func Defaults(kind require.Kind) Settings {
	s := Settings{Kind: ptr(kind), Shrinkage: ptr(0.30), MaxOccupancy: ptr(0.85)}
	switch kind {
	case require.KindLive:
		s.ServiceLevel = &ServiceLevel{Share: 0.8, Answer: 20 * time.Second}
	case require.KindChat:
		s.ServiceLevel = &ServiceLevel{Share: 0.8, Answer: 60 * time.Second}
		s.Concurrency = ptr(2.0)
	case require.KindDeferred:
		s.Deadline = ptr(24 * time.Hour)
	}
	if kind != require.KindDeferred {
		s.Closed = ptr(require.ClosedCallback)
		s.CallbackDeadline = ptr(require.DefaultCallbackDeadline)
	}
	return s
}

// Resolve returns the policy of channel from layers of settings, from the
// most general to the most specific (see the package documentation), over
// Defaults of the channel's kind: the kind given, else
// require.DefaultKind(channel). Settings that do not apply to the kind are
// ignored (a deadline for a live channel), except a concurrency, which only
// chat has, and a max_abandon without a patience, where nobody abandons.
// Every problem comes back in one Errors.
func Resolve(channel string, layers ...Settings) (require.Policy, error) {
	var given Settings
	var errs Errors
	for _, l := range layers {
		errs = append(errs, l.check()...)
		given = given.Override(l)
	}
	if len(errs) > 0 {
		return require.Policy{}, errs
	}
	kind := require.DefaultKind(channel)
	if given.Kind != nil {
		kind = *given.Kind
	}
	s := Defaults(kind).Override(given)

	p := require.Policy{Kind: kind, Shrinkage: *s.Shrinkage}
	p.Targets.MaxOccupancy = *s.MaxOccupancy
	if s.MinAgents != nil {
		p.MinAgents = *s.MinAgents
	}
	if s.HandleTime != nil {
		p.AHTSeconds = s.HandleTime.Seconds()
	}
	if s.Hours != nil {
		p.Hours = *s.Hours
		p.Hours.Closed = append([]civil.Date(nil), s.Hours.Closed...)
	}
	if s.ClosedDates != nil && len(*s.ClosedDates) > 0 {
		if p.Hours.IsZero() {
			p.Hours = deferred.AlwaysOpen()
		}
		p.Hours.Closed = append(p.Hours.Closed, *s.ClosedDates...)
	}

	if given.Concurrency != nil && kind != require.KindChat {
		errs = append(errs, &Error{s.Source(KeyConcurrency),
			fmt.Errorf("%s is a %s channel: only chat handles several contacts at once", channel, kind)})
	}
	switch kind {
	case require.KindDeferred:
		p.Deadline = *s.Deadline
		if s.Block != nil {
			p.Block = *s.Block
		}
		if s.ClearByEnd != nil {
			p.ClearByEnd = *s.ClearByEnd
		}
	default:
		p.Targets.ServiceLevel = s.ServiceLevel.Share
		p.Targets.AnswerSeconds = s.ServiceLevel.Answer.Seconds()
		if s.ASA != nil {
			p.Targets.MaxASASeconds = s.ASA.Seconds()
		}
		if s.Patience != nil {
			p.PatienceSeconds = s.Patience.Seconds()
		}
		if s.MaxAbandon != nil {
			if s.Patience == nil {
				errs = append(errs, &Error{s.Source(KeyMaxAbandon),
					fmt.Errorf("%s needs a patience (the mean time before callers hang up): without one nobody abandons", channel)})
			}
			p.Targets.MaxAbandon = *s.MaxAbandon
		}
		if kind == require.KindChat {
			p.Concurrency = *s.Concurrency
		}
		p.Closed = *s.Closed
		p.CallbackDeadline = *s.CallbackDeadline
	}
	if len(errs) > 0 {
		return require.Policy{}, errs
	}
	// Every value was checked above; this guards against a require rule
	// the keys' ranges do not know.
	if err := p.Validate(); err != nil {
		return require.Policy{}, Errors{{Source{Key: channel}, err}}
	}
	return p, nil
}

func ptr[T any](v T) *T { return &v }
