// Package policy is the staffing policy of a channel, written once: the
// settings a user gives (a plan's channels:, a staff policy file, staff's
// flags), their defaults, the parsing and the range of every value, and
// their resolution into the require.Policy a requirement is computed with.
//
// Settings come in layers, from the most general to the most specific; a
// key given in a later layer replaces it in the earlier ones:
//
//	the built-in defaults (Defaults, by the channel's kind)
//	< a file's defaults (a plan's top-level shrinkage, a policy file's defaults:)
//	< settings for every channel (staff's flags without a channel)
//	< the channel's entry in the file (channels: NAME:)
//	< settings for that channel (staff's flags with NAME=)
//
// Resolve takes the layers in that order. Problems come back as Errors:
// each *Error names where the setting was given (file:line:column and the
// key, or the flag) and unwraps to ErrInvalid.
package policy

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/staffing/deferred"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// The keys of the settings, as written in YAML. The flags are the same
// with - for _ (--service-level).
const (
	KeyKind             = "kind"
	KeyServiceLevel     = "service_level"
	KeyASA              = "asa"
	KeyMaxOccupancy     = "max_occupancy"
	KeyPatience         = "patience"
	KeyMaxAbandon       = "max_abandon"
	KeyConcurrency      = "concurrency"
	KeyDeadline         = "deadline"
	KeyHours            = "hours"
	KeyClosedDates      = "closed_dates"
	KeyClosed           = "closed"
	KeyCallbackDeadline = "callback_deadline"
	KeyShrinkage        = "shrinkage"
	KeyHandleTime       = "handle_time"
	KeyMinAgents        = "min_agents"
	KeyBlock            = "block"
	KeyClearByEnd       = "clear_by_end"
)

// Settings are the values of one layer: a file's defaults, one channel's
// entry, the flags. A nil field is not given. Set fills a field from text
// with its range checked; Resolve checks the fields set directly.
type Settings struct {
	Kind             *require.Kind
	ServiceLevel     *ServiceLevel
	ASA              *time.Duration // cap on the average speed of answer
	MaxOccupancy     *float64       // cap on occupancy (live, chat) or productivity (deferred)
	Patience         *time.Duration // mean time before a caller hangs up: Erlang A
	MaxAbandon       *float64       // cap on the abandonment rate; needs a patience
	Concurrency      *float64       // chats an agent handles at once
	Deadline         *time.Duration // response time of deferred work, in business time
	Hours            *deferred.OpeningHours
	ClosedDates      *[]civil.Date
	Closed           *require.ClosedHandling // live contacts arriving while closed
	CallbackDeadline *time.Duration
	Shrinkage        *float64
	HandleTime       *time.Duration // where the demand has none
	MinAgents        *int
	Block            *time.Duration
	ClearByEnd       *bool

	sources map[string]Source
}

// ServiceLevel is the target "Share of the contacts answered within
// Answer", written PERCENT/TIME: 80/20s.
type ServiceLevel struct {
	Share  float64       // in (0, 1)
	Answer time.Duration // >= 0
}

func (t ServiceLevel) String() string {
	return formatNumber(t.Share*100) + "/" + formatNumber(t.Answer.Seconds()) + "s"
}

// Source is where a setting was given: a position in a file, or a flag.
type Source struct {
	File         string
	Line, Column int    // 1-based; 0 when unknown
	Key          string // the setting's path in the file: channels.phone.patience
	Flag         string // the flag and its argument as given: --patience phone=3m
}

// ErrInvalid is the cause of every error about a setting.
var ErrInvalid = diag.New(diag.InvalidData, "invalid staffing policy")

// Error is one bad setting: where it was given and why it is wrong. It
// unwraps to ErrInvalid and to its cause.
type Error struct {
	Source
	Err error
}

func (e *Error) Error() string {
	var where string
	switch {
	case e.Flag != "":
		where = e.Flag
	case e.File != "":
		where = e.File
		if e.Line > 0 {
			where += fmt.Sprintf(":%d", e.Line)
			if e.Column > 0 {
				where += fmt.Sprintf(":%d", e.Column)
			}
		}
		if e.Key != "" {
			where += ": " + e.Key
		}
	default:
		where = e.Key
	}
	if where == "" {
		return e.Err.Error()
	}
	return where + ": " + e.Err.Error()
}

func (e *Error) Unwrap() []error { return []error{ErrInvalid, e.Err} }

// Errors are every problem of one file, one set of flags or one
// resolution, in the order found.
type Errors []*Error

func (l Errors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (l Errors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// err returns l as an error, or nil when it is empty.
func (l Errors) err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// FromFlags reports whether every error of err is about a flag (a usage
// error rather than bad data).
func FromFlags(err error) bool {
	var list Errors
	var one *Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			if e.Flag == "" {
				return false
			}
		}
		return len(list) > 0
	case errors.As(err, &one):
		return one.Flag != ""
	}
	return false
}

// RenamedError is a setting given under the name it had before one set of
// keys served both the plan and the staff command.
type RenamedError struct {
	Old, New string
	Flag     bool // name the flags (--target) rather than the keys (target)
}

func (e *RenamedError) Error() string {
	old, new := e.Old, e.New
	if e.Flag {
		old, new = "--"+FlagName(old), "--"+FlagName(new)
	}
	if e.Old == KeyClosed {
		return fmt.Sprintf("closed dates are now given as %s; %s takes callback or lost (what becomes of contacts arriving while the channel is closed)", new, old)
	}
	return fmt.Sprintf("%s is now called %s", old, new)
}

// renamed maps the staff command's old keys to the new ones.
var renamed = map[string]string{"target": KeyServiceLevel, "aht": KeyHandleTime}

// Renamed returns the key that replaced an old one (target: service_level,
// aht: handle_time).
func Renamed(old string) (string, bool) {
	k, ok := renamed[old]
	return k, ok
}

// FlagName is the flag of a key: service_level is --service-level.
func FlagName(key string) string { return strings.ReplaceAll(key, "_", "-") }

// Set parses text as the value of key, checks its range and stores it with
// where it was given. The error is an *Error.
func (s *Settings) Set(key, text string, src Source) error {
	if src.Key == "" {
		src.Key = key
	}
	sp := specOf(key)
	if sp == nil {
		err := fmt.Errorf("unknown key; the keys are %s", strings.Join(KeyNames(), ", "))
		if k, ok := Renamed(key); ok {
			err = &RenamedError{Old: key, New: k, Flag: src.Flag != ""}
		}
		return &Error{src, err}
	}
	if err := sp.set(s, text); err != nil {
		var r *RenamedError
		if errors.As(err, &r) {
			r.Flag = src.Flag != ""
		}
		return &Error{src, err}
	}
	s.setSource(key, src)
	return nil
}

// Source returns where key was given (its Key alone when it was set
// directly).
func (s *Settings) Source(key string) Source {
	if src, ok := s.sources[key]; ok {
		return src
	}
	return Source{Key: key}
}

// setSource records where key was given. The map is copied, not written
// in place, so that a copy of s (a layer reused for several channels) never
// sees another's sources.
func (s *Settings) setSource(key string, src Source) {
	m := make(map[string]Source, len(s.sources)+1)
	for k, v := range s.sources {
		m[k] = v
	}
	m[key] = src
	s.sources = m
}

// Override returns s with every key given in over replaced by over's.
func (s Settings) Override(over Settings) Settings {
	out := s
	out.sources = make(map[string]Source, len(s.sources)+len(over.sources))
	for k, v := range s.sources {
		out.sources[k] = v
	}
	for _, sp := range specs {
		if sp.copy(&out, &over) {
			if src, ok := over.sources[sp.key()]; ok {
				out.sources[sp.key()] = src
			} else {
				delete(out.sources, sp.key())
			}
		}
	}
	return out
}

// Given lists the keys given in s, in the order of KeyNames.
func (s *Settings) Given() []string {
	var out []string
	for _, sp := range specs {
		if sp.given(s) {
			out = append(out, sp.key())
		}
	}
	return out
}

// check returns the range errors of the values given in s.
func (s *Settings) check() Errors {
	var errs Errors
	for _, sp := range specs {
		if err := sp.check(s); err != nil {
			errs = append(errs, &Error{s.Source(sp.key()), err})
		}
	}
	return errs
}

// Key describes a setting for help texts.
type Key struct {
	Name    string // the YAML key; the flag is --Name with - for _
	Usage   string
	Default string // the built-in default, per kind where they differ; "" for none
}

// Keys describes every setting, in the order of KeyNames.
func Keys() []Key {
	out := make([]Key, len(specs))
	for i, sp := range specs {
		out[i] = Key{Name: sp.key(), Usage: sp.usage(), Default: defaultText(sp)}
	}
	return out
}

// KeyNames lists the keys.
func KeyNames() []string {
	out := make([]string, len(specs))
	for i, sp := range specs {
		out[i] = sp.key()
	}
	return out
}

// defaultText is a key's built-in default: one value, or each value
// with the kinds that have it: "80/20s (live); 80/60s (chat)".
func defaultText(sp spec) string {
	if sp.key() == KeyKind {
		return "" // by channel name, as its usage says
	}
	var values []string
	kinds := map[string][]string{}
	for _, k := range []require.Kind{require.KindLive, require.KindChat, require.KindDeferred} {
		d := Defaults(k)
		v := sp.text(&d)
		if _, seen := kinds[v]; !seen {
			values = append(values, v)
		}
		kinds[v] = append(kinds[v], string(k))
	}
	if len(values) == 1 {
		return values[0]
	}
	var parts []string
	for _, v := range values {
		if v != "" {
			parts = append(parts, fmt.Sprintf("%s (%s)", v, strings.Join(kinds[v], ", ")))
		}
	}
	return strings.Join(parts, "; ")
}

func specOf(key string) spec {
	for _, sp := range specs {
		if sp.key() == key {
			return sp
		}
	}
	return nil
}

// spec is one key: its parser, its range, its field in Settings.
type spec interface {
	key() string
	usage() string
	set(s *Settings, text string) error
	check(s *Settings) error
	copy(dst, src *Settings) bool
	given(s *Settings) bool
	text(s *Settings) string
}

// setting implements spec for a value of type T.
type setting[T any] struct {
	name, help string
	parse      func(string) (T, error) // the value kind's parser
	valid      func(T) error           // the setting's range
	format     func(T) string
	field      func(*Settings) **T
}

func (st setting[T]) key() string   { return st.name }
func (st setting[T]) usage() string { return st.help }

func (st setting[T]) set(s *Settings, text string) error {
	v, err := st.parse(text)
	if err != nil {
		return err
	}
	if err := st.valid(v); err != nil {
		return err
	}
	*st.field(s) = &v
	return nil
}

func (st setting[T]) check(s *Settings) error {
	if p := *st.field(s); p != nil {
		return st.valid(*p)
	}
	return nil
}

func (st setting[T]) copy(dst, src *Settings) bool {
	p := *st.field(src)
	if p != nil {
		*st.field(dst) = p
	}
	return p != nil
}

func (st setting[T]) given(s *Settings) bool { return *st.field(s) != nil }

func (st setting[T]) text(s *Settings) string {
	if p := *st.field(s); p != nil {
		return st.format(*p)
	}
	return ""
}
