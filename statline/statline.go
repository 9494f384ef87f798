// Package statline reads CBS StatLine's CSV export of a population table
// into a region's population by age group (forecast.Population), so that
// analysts can take the PBL/CBS regional population projection as they
// download it.
//
// It reads the long ("onbewerkte dataset") layout of StatLine's CSV
// download: a header row naming the columns, then one row per cell of the
// table, fields separated by semicolons (or commas) and quoted or not:
//
//	"ID";"Geslacht";"Leeftijd";"RegioS";"Perioden";"Bevolking_1"
//	0;"Totaal mannen en vrouwen";"0 tot 5 jaar";"Twente (CR)";"2025";"33120"
//
// The columns it needs are Leeftijd (age), RegioS (region), Perioden
// (year) and one value column (the first column that is none of ID,
// Geslacht, Leeftijd, RegioS, Perioden, or the one named); Geslacht, when
// present, must say "Totaal" for the rows it takes (the others are
// skipped), and so must any other dimension column. A region is matched by
// its code or its label ("CR12", "Twente (CR)"); a year by "2030" or
// StatLine's "2030JJ00". Ages are labels like "0 tot 5 jaar", "5 tot en met
// 9 jaar", "17 jaar", "85 jaar of ouder" or "95 jaar of ouder"; totals
// ("Totaal", "Totaal leeftijd") and overlapping aggregates are skipped when
// single bands cover the ages. A band that straddles a group's edge (15 tot
// 20 jaar around 18) is split over the groups in proportion to its years,
// and Read says so in its warnings. Values are persons (Scale multiplies
// them, for tables in thousands); "." or an empty field, StatLine's mark
// for a missing figure, is refused.
//
// Every problem names the file, line and column of the field, what was
// found and what is wanted.
package statline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"raat/forecast"
)

// Error is a problem with one field of a StatLine file (Line and Column
// count from 1; Column 0 is the whole line).
type Error struct {
	File         string
	Line, Column int
	Field        string
	Found, Want  string
}

func (e *Error) Error() string {
	pos := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Column > 0 {
		pos += fmt.Sprintf(":%d", e.Column)
	}
	if e.Field != "" {
		pos += " (" + e.Field + ")"
	}
	return fmt.Sprintf("%s: found %s, want %s", pos, e.Found, e.Want)
}

// Options say what to take from the file.
type Options struct {
	// Region is the code or label of the region to take (required).
	Region string
	// Column names the value column; empty takes the first.
	Column string
	// Scale multiplies every value (1000 for a table in thousands); zero
	// means 1.
	Scale float64
}

// Result is what Read found.
type Result struct {
	Population *forecast.Population
	// Column is the value column read.
	Column string
	// Warnings say, in Dutch, what the reader assumed (bands split over two
	// groups).
	Warnings []string
}

// band is an age band of the file: ages lo to hi inclusive (hi 150 for
// "of ouder").
type band struct{ lo, hi int }

// parseAge reads an age label; ok false for a total, which is skipped.
func parseAge(s string) (b band, total bool, err error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if strings.HasPrefix(t, "totaal") {
		return b, true, nil
	}
	t = strings.TrimSuffix(t, " jaar")
	num := func(x string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(x), "jaar")))
		if err != nil || n < 0 || n > 150 {
			return 0, fmt.Errorf("age %q", x)
		}
		return n, nil
	}
	switch {
	case strings.HasSuffix(t, " jaar of ouder") || strings.HasSuffix(t, " of ouder"):
		n, err := num(strings.TrimSuffix(strings.TrimSuffix(t, " of ouder"), " jaar"))
		return band{n, 150}, false, err
	case strings.Contains(t, " tot en met "):
		a, z, _ := strings.Cut(t, " tot en met ")
		lo, err1 := num(a)
		hi, err2 := num(z)
		if err := errors.Join(err1, err2); err != nil || hi < lo {
			return b, false, fmt.Errorf("age band %q", s)
		}
		return band{lo, hi}, false, nil
	case strings.Contains(t, " tot "):
		a, z, _ := strings.Cut(t, " tot ")
		lo, err1 := num(a)
		hi, err2 := num(z)
		if err := errors.Join(err1, err2); err != nil || hi <= lo {
			return b, false, fmt.Errorf("age band %q", s)
		}
		return band{lo, hi - 1}, false, nil
	}
	n, err := num(t)
	return band{n, n}, false, err
}

// parseYear reads "2030" or "2030JJ00".
func parseYear(s string) (int, bool) {
	t := strings.TrimSpace(s)
	if len(t) == 8 && strings.HasSuffix(t, "JJ00") {
		t = t[:4]
	}
	y, err := strconv.Atoi(t)
	return y, err == nil && y >= 1900 && y <= 2200
}

// splitLine splits one CSV line on sep, honouring double quotes ("" is a
// quote inside a quoted field). It returns the fields and the column each
// starts in.
func splitLine(line string, sep byte) ([]string, error) {
	var fields []string
	var b strings.Builder
	inQuote, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuote && c == '"' && i+1 < len(line) && line[i+1] == '"':
			b.WriteByte('"')
			i++
		case c == '"' && (inQuote || b.Len() == 0 && !quoted):
			inQuote = !inQuote
			quoted = true
		case !inQuote && c == sep:
			fields = append(fields, b.String())
			b.Reset()
			quoted = false
		case quoted && !inQuote:
			return nil, fmt.Errorf("text after a closing quote in field %d", len(fields)+1)
		default:
			b.WriteByte(c)
		}
	}
	if inQuote {
		return nil, fmt.Errorf("a quote not closed in field %d", len(fields)+1)
	}
	return append(fields, b.String()), nil
}

var dims = []string{"id", "geslacht", "leeftijd", "regios", "perioden"}

// Read reads a StatLine CSV export and returns the population of one
// region by age group and year.
func Read(file string, r io.Reader, opt Options) (*Result, error) {
	if opt.Region == "" {
		return nil, fmt.Errorf("statline: no region given (a code like CR12 or a label like Twente (CR))")
	}
	scale := opt.Scale
	if scale == 0 {
		scale = 1
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	bad := func(line, col int, field, found, want string) error {
		return &Error{File: file, Line: line, Column: col, Field: field, Found: found, Want: want}
	}
	line := 0
	var header []string
	var sep byte = ';'
	for header == nil && sc.Scan() {
		line++
		text := strings.TrimPrefix(sc.Text(), "\ufeff")
		if strings.TrimSpace(text) == "" {
			continue
		}
		if !strings.Contains(text, ";") && strings.Contains(text, ",") {
			sep = ','
		}
		h, err := splitLine(strings.TrimRight(text, "\r"), sep)
		if err != nil {
			return nil, bad(line, 0, "header", err.Error(), "a header row of column names")
		}
		header = h
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if header == nil {
		return nil, bad(max(line, 1), 0, "header", "an empty file", "StatLine's CSV export with a header row")
	}
	col := map[string]int{}
	value := -1
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[k]; dup {
			return nil, bad(line, i+1, "header", fmt.Sprintf("column %q twice", h), "each column once")
		}
		col[k] = i
		if value < 0 && !slices.Contains(dims, k) && (opt.Column == "" || strings.EqualFold(strings.TrimSpace(h), opt.Column)) {
			value = i
		}
	}
	for _, need := range []string{"leeftijd", "regios", "perioden"} {
		if _, ok := col[need]; !ok {
			return nil, bad(line, 0, "header", fmt.Sprintf("columns %s", strings.Join(header, ", ")),
				"StatLine's columns Leeftijd, RegioS and Perioden (the table Prognose bevolking; geslacht, leeftijd, regio as a CSV download)")
		}
	}
	if value < 0 {
		want := "a value column besides ID, Geslacht, Leeftijd, RegioS and Perioden"
		if opt.Column != "" {
			want = fmt.Sprintf("a column %q", opt.Column)
		}
		return nil, bad(line, 0, "header", fmt.Sprintf("columns %s", strings.Join(header, ", ")), want)
	}
	res := &Result{Column: strings.TrimSpace(header[value])}
	// counts[year][band]; a band seen twice for a year is an error.
	type key struct {
		year int
		b    band
	}
	counts := map[key]float64{}
	years := map[int]bool{}
	var bands []band
	region := strings.ToLower(strings.TrimSpace(opt.Region))
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		f, err := splitLine(text, sep)
		if err != nil {
			return nil, bad(line, 0, "", err.Error(), "fields separated by "+string(sep))
		}
		if len(f) != len(header) {
			return nil, bad(line, 0, "", fmt.Sprintf("%d fields", len(f)), fmt.Sprintf("%d fields, one per column of the header", len(header)))
		}
		if !strings.EqualFold(strings.TrimSpace(f[col["regios"]]), region) && !strings.EqualFold(strings.TrimSpace(f[col["regios"]]), strings.TrimSpace(opt.Region)) {
			continue
		}
		skip := false
		for i, h := range header {
			k := strings.ToLower(strings.TrimSpace(h))
			if i == value || slices.Contains([]string{"id", "leeftijd", "regios", "perioden"}, k) {
				continue
			}
			if v := strings.ToLower(strings.TrimSpace(f[i])); !strings.HasPrefix(v, "totaal") && v != "t001038" {
				skip = true // a breakdown (men, women, a variant) other than the total
			}
		}
		if skip {
			continue
		}
		y, ok := parseYear(f[col["perioden"]])
		if !ok {
			return nil, bad(line, col["perioden"]+1, "Perioden", fmt.Sprintf("%q", f[col["perioden"]]), "a year like 2030 or 2030JJ00")
		}
		b, total, err := parseAge(f[col["leeftijd"]])
		if err != nil {
			return nil, bad(line, col["leeftijd"]+1, "Leeftijd", fmt.Sprintf("%q", f[col["leeftijd"]]), `an age like "17 jaar", "0 tot 5 jaar", "5 tot en met 9 jaar", "85 jaar of ouder" or a total`)
		}
		if total {
			continue
		}
		raw := strings.TrimSpace(f[value])
		v, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
		if err != nil || v < 0 || v != v || v > 1e10 {
			return nil, bad(line, value+1, res.Column, fmt.Sprintf("%q", raw), "a number of persons >= 0 (StatLine writes . for a missing figure: choose a table or years without them)")
		}
		k := key{y, b}
		if _, dup := counts[k]; dup {
			return nil, bad(line, col["leeftijd"]+1, "Leeftijd", fmt.Sprintf("%q in %d a second time", f[col["leeftijd"]], y), "each age band once per year")
		}
		counts[k] = v * scale
		years[y] = true
		if !slices.Contains(bands, b) {
			bands = append(bands, b)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(years) == 0 {
		return nil, bad(line, 0, "RegioS", fmt.Sprintf("no rows for region %q", opt.Region), "rows of the region, by its code (CR12) or label, with Geslacht and other breakdowns at Totaal")
	}
	cover, err := partition(bands)
	if err != nil {
		return nil, bad(line, col["leeftijd"]+1, "Leeftijd", err.Error(), "age bands that cover every age from 0 once, up to an open band (85 jaar of ouder)")
	}
	pop := &forecast.Population{}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	split := map[band]bool{}
	for _, y := range ys {
		var c [forecast.NumAgeGroups]float64
		for _, b := range cover {
			n, ok := counts[key{y, b}]
			if !ok {
				return nil, bad(line, col["leeftijd"]+1, "Leeftijd", fmt.Sprintf("no %s in %d", b, y), "the same age bands in every year")
			}
			for g := range forecast.AgeGroup(forecast.NumAgeGroups) {
				lo, hi := g.Span()
				if o := min(hi, b.hi) - max(lo, b.lo) + 1; o > 0 {
					c[g] += n * float64(o) / float64(b.hi-b.lo+1)
					if o < b.hi-b.lo+1 && b.hi < 150 {
						split[b] = true
					}
				}
			}
		}
		pop.Years = append(pop.Years, y)
		pop.Count = append(pop.Count, c)
	}
	for _, b := range cover {
		if split[b] {
			res.Warnings = append(res.Warnings, fmt.Sprintf("leeftijdsklasse %s valt in twee leeftijdsgroepen: verdeeld naar haar aantal jaren", b))
		}
	}
	res.Population = pop
	return res, nil
}

func (b band) String() string {
	if b.hi >= 150 {
		return fmt.Sprintf("%d+", b.lo)
	}
	return fmt.Sprintf("%d-%d", b.lo, b.hi)
}

// partition picks from the bands a set that covers ages 0 to 150 exactly
// once, preferring the finest: single bands first, aggregates (like "65
// jaar of ouder" beside "65 tot 70 jaar") left out when finer ones cover
// their ages.
func partition(bands []band) ([]band, error) {
	bs := slices.Clone(bands)
	slices.SortFunc(bs, func(a, b band) int {
		if a.lo != b.lo {
			return a.lo - b.lo
		}
		return a.hi - b.hi // the narrowest first
	})
	var out []band
	next := 0
	for next <= 150 {
		i := slices.IndexFunc(bs, func(b band) bool { return b.lo == next })
		if i < 0 {
			if len(out) > 0 && out[len(out)-1].hi == 150 {
				break
			}
			return nil, fmt.Errorf("no band from age %d", next)
		}
		out = append(out, bs[i])
		next = bs[i].hi + 1
	}
	if out[len(out)-1].hi != 150 {
		return nil, fmt.Errorf("bands end at age %d", out[len(out)-1].hi)
	}
	return out, nil
}
