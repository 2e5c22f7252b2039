package testkit

import (
	"encoding/json"
	"math"
	"regexp"
)

// jsonNumber matches a number in JSON text, for comparing layouts.
var jsonNumber = regexp.MustCompile(`-?[0-9][0-9.eE+-]*`)

// JSONEqual reports whether two JSON texts hold the same values, each
// number of got within relTol of want's relative to max(1, |want|) (the
// last bits of a float64 may differ between platforms: fused multiply-add
// on arm64), and have the same layout (field order, indentation) once
// numbers are masked. Text that is not JSON is never equal.
func JSONEqual(got, want string, relTol float64) bool {
	var x, y any
	if json.Unmarshal([]byte(got), &x) != nil || json.Unmarshal([]byte(want), &y) != nil {
		return false
	}
	return ValuesEqual(x, y, relTol) &&
		jsonNumber.ReplaceAllString(got, "N") == jsonNumber.ReplaceAllString(want, "N")
}

// ValuesEqual reports whether two decoded JSON values (or any mix of
// float64, []any, map[string]any and comparable values) are the same,
// each number of x within relTol of y's relative to max(1, |y|).
func ValuesEqual(x, y any, relTol float64) bool {
	switch x := x.(type) {
	case float64:
		y, ok := y.(float64)
		return ok && math.Abs(x-y) <= relTol*math.Max(1, math.Abs(y))
	case []any:
		y, ok := y.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !ValuesEqual(x[i], y[i], relTol) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := y.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !ValuesEqual(v, w, relTol) {
				return false
			}
		}
		return true
	}
	return x == y
}
