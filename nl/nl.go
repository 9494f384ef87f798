// Package nl formats numbers the way Dutch readers expect them in tables,
// charts and reports: a point between thousands and a decimal comma
// (56.000; 3,7%).
package nl

import (
	"math"
	"strconv"
	"strings"
)

// Int formats x rounded to a whole number: 56000 -> "56.000", -1234.6 -> "-1.235".
func Int(x float64) string { return Dec(x, 0) }

// Dec formats x with the given number of decimals: Dec(1234.567, 1) -> "1.234,6".
func Dec(x float64, decimals int) string {
	if math.IsNaN(x) {
		return "-"
	}
	if math.IsInf(x, 0) {
		if x > 0 {
			return "∞"
		}
		return "-∞"
	}
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// Percent formats a fraction as a percentage with one decimal: 0.037 -> "3,7%".
func Percent(frac float64) string { return Dec(100*frac, 1) + "%" }

// WholePercent writes a fraction as a whole percentage: 0.382 is "38%".
func WholePercent(frac float64) string { return Int(100*frac) + "%" }

// Num formats x with as many decimals as it needs (up to 6): 0.3 -> "0,3",
// 15 -> "15", 1500 -> "1.500".
func Num(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	_, frac, _ := strings.Cut(s, ".")
	return Dec(x, min(len(frac), 6))
}
