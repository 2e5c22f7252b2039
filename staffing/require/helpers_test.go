package require_test

import (
	"errors"
	"math"
	"strconv"

	"github.com/peakstaff/peakstaff/staffing/require"
)

// rounded is the writer's number format: rounded to d decimals, no
// trailing zeros.
func rounded(x float64, d int) string {
	p := math.Pow(10, float64(d))
	return strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
}

func parse(s string) float64 {
	x, _ := strconv.ParseFloat(s, 64)
	return x
}

// csvErrors are the positioned errors a reader returned: the one error,
// or those of its list (a diag.List's error unwraps to them).
func csvErrors(err error) []*require.CSVError {
	var list interface{ Unwrap() []error }
	if errors.As(err, &list) {
		var out []*require.CSVError
		for _, e := range list.Unwrap() {
			if ce, ok := e.(*require.CSVError); ok {
				out = append(out, ce)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	var ce *require.CSVError
	if errors.As(err, &ce) {
		return []*require.CSVError{ce}
	}
	return nil
}
