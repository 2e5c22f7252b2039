package require_test

import (
	"math"
	"strconv"
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
