package forecast

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// IntervalColumns is the header of the interval forecast CSV, the shape the
// staffing stage reads: contacts is the arrival rate at the chosen quantile
// (model uncertainty only, see BandSource.Rate); p10..p90 are the counts one
// may observe (model and Poisson noise).
var IntervalColumns = []string{"interval_start", "channel", "issue_type", "contacts", "aht_seconds", "p10", "p50", "p90"}

// WriteIntervalsCSV writes one row per series and interval; contacts is the
// rate at quantile q.
func WriteIntervalsCSV(w io.Writer, res *Result, q float64) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(IntervalColumns); err != nil {
		return err
	}
	rec := make([]string, len(IntervalColumns))
	for _, s := range res.Slots {
		rec[0] = s.Start.In(res.Loc).Format(time.RFC3339)
		rec[1] = textsafe.Cell(s.Key.Channel)
		rec[2] = textsafe.Cell(s.Key.IssueType)
		rec[3] = num(res.Bands.Rate(s.Band.P50, q))
		rec[4] = ""
		if s.AHT > 0 {
			rec[4] = strconv.FormatFloat(s.AHT, 'f', 1, 64)
		}
		rec[5], rec[6], rec[7] = num(s.Band.P10), num(s.Band.P50), num(s.Band.P90)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
