package require_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/staffing/erlang"
	"github.com/peakstaff/peakstaff/staffing/require"
)

// FuzzReadDemandCSV: no panic; an error is a positioned CSV error wrapping
// ErrInvalidInput; demands read are valid, and computing them either works
// or fails with an error that names its channel.
func FuzzReadDemandCSV(f *testing.F) {
	f.Add("interval,channel,skill,contacts,aht_seconds\n2025-11-28T09:00:00Z,phone,,100,180\n2025-11-28T09:30:00Z,phone,,50,\n")
	f.Add("start,channel,contacts\n2025-11-28 09:00,email,3\n2025-11-28 09:15,email,0\n2025-11-28 10:00,chat,2\n2025-11-28 10:30,chat,1e3\n")
	f.Add("interval,channel,contacts\n2025-11-28T09:00:00Z,phone,x\n\"a,b\n")
	f.Add("interval,channel,contacts\n2025-11-28T09:00:00Z,phone,1\n2125-11-28T09:00:00Z,phone,1\n2025-11-28T09:00:00.5Z,phone,1\n")
	utc := time.UTC
	policies := map[string]require.Policy{}
	f.Fuzz(func(t *testing.T, in string) {
		ds, err := require.ReadDemandCSV(strings.NewReader(in), "f.csv", require.ReadOptions{Location: utc})
		if err != nil {
			var ce *require.CSVError
			if !errors.Is(err, require.ErrInvalidInput) || !errors.As(err, &ce) || ce.File != "f.csv" {
				t.Fatalf("error %v", err)
			}
			return
		}
		for _, d := range ds {
			if err := d.Validate(); err != nil {
				t.Fatalf("read an invalid demand: %v", err)
			}
			policies[d.Channel] = require.Policy{Kind: require.DefaultKind(d.Channel), Targets: erlang.Targets{ServiceLevel: 0.8, AnswerSeconds: 20},
				Deadline: 4 * time.Hour, AHTSeconds: 200}
		}
		if len(ds) == 0 || len(ds[0].Contacts) > 2000 {
			return
		}
		r, err := require.Compute(ds[0], policies[ds[0].Channel])
		if err != nil {
			var e *require.Error
			if !errors.As(err, &e) || e.Channel != ds[0].Channel {
				t.Fatalf("compute error %v", err)
			}
			return
		}
		for _, iv := range r.Intervals {
			if iv.Agents < 0 || math.IsNaN(iv.AgentsFractional) || iv.Scheduled < iv.Agents {
				t.Fatalf("interval %+v", iv)
			}
		}
	})
}
