package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// cleanCell trims what people and spreadsheet programs leave around a
// value: spaces, non-breaking and thin spaces, tabs and newlines.
func cleanCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u202f' || r == '\u2007'
	})
}

// digitGroupers are the characters people put between groups of digits
// besides points and commas; stripGroupers removes them.
const digitGroupers = " \u00a0\u202f'"

var stripGroupers = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "")

// parseNumber reads a number as it appears in a cell: a stored number
// ("0.8", "1.5E-3"), or text typed by a Dutch or an English user ("0,8",
// "1.234", "1.234,5", "1,234.5", "1 234"). The reader sees only the cell's
// text, not whether Excel stored it as a number, so separators are read by
// these rules:
//
//   - spaces inside the number separate thousands ("1 234");
//   - with both a point and a comma, the last one is the decimal separator
//     and the other separates thousands in groups of three;
//   - a comma alone is a decimal comma, unless there are several ("1,234,567");
//   - a point alone is a decimal point, as Excel stores numbers, unless there
//     are several ("1.234.567");
//   - in a column of whole numbers a single separator followed by exactly
//     three digits separates thousands ("1.234" is 1234 people): a whole
//     number stored by Excel never has a point, and 1,234 people is no
//     count.
//
// It returns false for anything else, including NaN and infinities.
func parseNumber(s string, whole bool) (float64, bool) {
	s = cleanCell(s)
	if s == "" || len(s) > 64 {
		return 0, false
	}
	if strings.ContainsAny(s, "eE") {
		// Excel writes very small and very large numbers in exponent form.
		return finite(strconv.ParseFloat(s, 64))
	}
	if strings.ContainsAny(s, digitGroupers) {
		s = stripGroupers.Replace(s)
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		neg = true
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	points, commas := strings.Count(s, "."), strings.Count(s, ",")
	var intPart, frac string
	var thousands byte
	switch {
	case points > 0 && commas > 0:
		lastPoint, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
		dec := byte(',')
		thousands = '.'
		if lastPoint > lastComma {
			dec, thousands = '.', ','
		}
		if strings.Count(s, string(dec)) != 1 {
			return 0, false
		}
		intPart, frac, _ = strings.Cut(s, string(dec))
	case points > 1 || commas > 1:
		thousands = '.'
		if commas > 1 {
			thousands = ','
		}
		intPart = s
	case points == 1 || commas == 1:
		sep := byte('.')
		if commas == 1 {
			sep = ','
		}
		i, f, _ := strings.Cut(s, string(sep))
		if whole && len(f) == 3 && i != "" && i != "0" {
			thousands, intPart = sep, s
		} else {
			intPart, frac = i, f
		}
	default:
		intPart = s
	}
	if thousands != 0 {
		groups := strings.Split(intPart, string(thousands))
		for i, g := range groups {
			if !allDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && (len(g) == 0 || len(g) > 3)) {
				return 0, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	if (intPart == "" && frac == "") || !allDigits(intPart) || !allDigits(frac) {
		return 0, false
	}
	if intPart == "" {
		intPart = "0"
	}
	v, err := strconv.ParseFloat(intPart+"."+frac+"0", 64)
	if neg {
		v = -v
	}
	return finite(v, err)
}

func finite(v float64, err error) (float64, bool) {
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// wholeNumber returns v as an int when it is one, allowing for the float
// noise of a formula (=0.1*30 gives 3.0000000000000004).
func wholeNumber(v float64) (int, bool) {
	r := math.Round(v)
	if math.Abs(v-r) > 1e-9*math.Max(1, math.Abs(v)) || math.Abs(r) > 1e12 {
		return 0, false
	}
	return int(r), true
}

var dutchMonths = map[string]time.Month{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
	"mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// parseDate reads a date cell: Excel's serial number (a date cell read
// raw), or text in the forms people type: 31-12-2025, 31/12/2025,
// 31.12.2025, 2025-12-31 (also with a time, as ISO date cells hold it) and
// 31 december 2025. Dates before 1990 or after 2199 are refused as typos.
func parseDate(s string, date1904 bool) (time.Time, bool) {
	s = cleanCell(s)
	if s == "" || len(s) > 40 {
		return time.Time{}, false
	}
	var t time.Time
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if !(v >= 1 && v < 2958466) { // 2958465 is 31-12-9999
			return time.Time{}, false
		}
		d, err := excelize.ExcelDateToTime(math.Floor(v), date1904)
		if err != nil {
			return time.Time{}, false
		}
		t = d
	} else if d, ok := parseDateText(s); ok {
		t = d
	} else {
		return time.Time{}, false
	}
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if t.Year() < 1990 || t.Year() > 2199 {
		return time.Time{}, false
	}
	return t, true
}

func parseDateText(s string) (time.Time, bool) {
	if i := strings.IndexAny(s, "T "); i == 10 && s[4] == '-' {
		s = s[:10] // ISO date with a time
	}
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == ' ' })
	if len(fields) != 3 {
		return time.Time{}, false
	}
	num := func(f string) int {
		if !allDigits(f) || len(f) == 0 || len(f) > 4 {
			return -1
		}
		n, _ := strconv.Atoi(f)
		return n
	}
	var y, m, d int
	if len(fields[0]) == 4 {
		y, m, d = num(fields[0]), num(fields[1]), num(fields[2])
	} else {
		d, y = num(fields[0]), num(fields[2])
		m = num(fields[1])
		if mm, ok := dutchMonths[fields[1]]; ok {
			m = int(mm)
		}
		if len(fields[2]) != 4 {
			return time.Time{}, false
		}
	}
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31-02 rolled over
		return time.Time{}, false
	}
	return t, true
}

// parseKvK reads a KvK number: 8 digits, with spaces or dots between them
// allowed ("1234 5678").
func parseKvK(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u00a0' {
			return -1
		}
		return r
	}, cleanCell(s))
	return s, len(s) == 8 && allDigits(s)
}
