package ingest

import (
	"fmt"
	"math"
	"strings"

	"raat/forecast"
	"raat/nl"
)

// headerSearchRows is how far down a sheet the reader looks for its
// header row, past title rows people add above it.
const headerSearchRows = 20

// fteTolerance allows FTE up to this factor times the headcount: more
// than 1.2 FTE per person (43 hours a week) is almost surely a typo.
const fteTolerance = 1.2

// tableRow is one data row of a table sheet, parsed.
type tableRow struct {
	row  int
	cols []int // 1-based column of each spec column
	text []string
	key  [3]int     // parsed key of each key column (an enum index)
	num  [2]float64 // each value column
	set  [2]bool    // whether the value cell held something
}

// cell returns the A1 name of spec column j in this row.
func (tr *tableRow) cell(j int) string { return cellName(tr.cols[j], tr.row) }

// table reads a sheet with a header row and one row per key, checking
// every cell, duplicates and the rules between columns. A sheet missing
// a column is not read further: its rows cannot be understood.
func (rd *reader) table(spec *tableSpec, sheet string) {
	cols := make([]int, len(spec.columns)) // 0 until found
	header := 0                            // the header's row; -1 when the sheet cannot be read further
	content := false
	seen := map[[3]int]int{}
	tr := tableRow{cols: cols, text: make([]string, len(spec.columns))}
	rd.each(sheet, func(row int, cells []string) {
		if header == 0 {
			content = content || strings.TrimSpace(strings.Join(cells, "")) != ""
			if row > headerSearchRows {
				header = -1
				rd.rep.add(CellError{Sheet: sheet, Found: fmt.Sprintf("geen kopregel in de eerste %d rijen", headerSearchRows),
					Want: "een kopregel met de kolommen " + columnList(spec.columns)})
				return
			}
			if rd.header(spec, sheet, row, cells, cols) {
				header = row
				if missing := rd.missingColumns(spec, sheet, row, cells, cols); missing {
					header = -1
				}
			}
			return
		}
		if header < 0 {
			return
		}
		empty := true
		for j, c := range cols {
			tr.text[j] = ""
			if c <= len(cells) {
				tr.text[j] = cleanCell(cells[c-1])
			}
			empty = empty && tr.text[j] == ""
		}
		if empty {
			return
		}
		tr.row = row
		keys, values := rd.parseRow(spec, sheet, &tr)
		if keys {
			if first, dup := seen[tr.key]; dup {
				if rd.rep.full() {
					rd.rep.omit()
					return
				}
				var keys []string
				for j := range spec.keys {
					keys = append(keys, quote(tr.text[j]))
				}
				rd.rep.add(CellError{Sheet: sheet, Cell: tr.cell(0), Field: spec.columns[0].name, Found: strings.Join(keys, " en "),
					Want: fmt.Sprintf("één regel per %s (deze staat ook op regel %d)", keyNames(spec), first)})
				return
			}
			seen[tr.key] = row
			if values {
				rd.apply(spec, sheet, &tr)
			}
		}
	})
	if header == 0 {
		found := "een leeg blad"
		if content {
			found = "geen kopregel"
		}
		rd.rep.add(CellError{Sheet: sheet, Found: found, Want: "een kopregel met de kolommen " + columnList(spec.columns)})
	}
}

// header reports whether a row is the header row (it names at least one
// column of the spec) and, if so, maps its cells to the spec's columns,
// warning about columns it does not know.
func (rd *reader) header(spec *tableSpec, sheet string, row int, cells []string, cols []int) bool {
	match := func(s string) int {
		k := headerKey(s)
		for j, c := range spec.columns {
			if k == headerKey(c.name) {
				return j
			}
		}
		return -1
	}
	found := false
	for _, c := range cells {
		if match(c) >= 0 {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	for i, c := range cells {
		if cleanCell(c) == "" {
			continue
		}
		j := match(c)
		switch {
		case j < 0:
			rd.rep.warn(CellError{Sheet: sheet, Cell: cellName(i+1, row), Found: "een onbekende kolom " + quote(cleanCell(c)),
				Want: "alleen de kolommen " + columnList(spec.columns) + " (deze kolom wordt niet gelezen)"})
		case cols[j] != 0:
			rd.rep.add(CellError{Sheet: sheet, Cell: cellName(i+1, row), Field: spec.columns[j].name, Found: quote(cleanCell(c)),
				Want: fmt.Sprintf("elke kolom één keer (%s staat ook in %s)", spec.columns[j].name, cellName(cols[j], row))})
		default:
			cols[j] = i + 1
		}
	}
	return true
}

// missingColumns reports the spec's columns absent from the header row.
func (rd *reader) missingColumns(spec *tableSpec, sheet string, row int, cells []string, cols []int) bool {
	var have []string
	last := 0
	for i, c := range cells {
		if c := cleanCell(c); c != "" {
			have = append(have, quote(c))
			last = i + 1
		}
	}
	missing := false
	for j, c := range spec.columns {
		if cols[j] == 0 {
			missing = true
			rd.rep.add(CellError{Sheet: sheet, Cell: cellName(1, row) + ":" + cellName(max(last, 1), row), Field: c.name,
				Found: "de kolommen " + strings.Join(have, ", "), Want: "een kolom " + quote(c.name)})
		}
	}
	return missing
}

// parseRow parses the cells of a data row. It reports whether the keys
// are valid, so that the row can be checked against other rows, and
// whether the values are, so that the rules between its columns can be
// checked without repeating a problem already reported.
func (rd *reader) parseRow(spec *tableSpec, sheet string, tr *tableRow) (keys, values bool) {
	keys, values = true, true
	for j, c := range spec.columns {
		v := tr.text[j]
		bad := func(want string) {
			if rd.rep.full() {
				rd.rep.omit()
				return
			}
			rd.rep.add(CellError{Sheet: sheet, Cell: tr.cell(j), Field: c.name, Found: quote(v), Want: want})
		}
		if j < spec.keys {
			k, valid := parseKey(c.kind, v)
			if !valid {
				bad(c.kind.want())
				keys = false
			}
			tr.key[j] = k
			continue
		}
		n := j - spec.keys
		tr.num[n], tr.set[n] = 0, v != ""
		if v == "" {
			continue
		}
		x, valid := parseNumber(v, c.kind == kindCount)
		if valid && c.kind == kindCount {
			_, valid = wholeNumber(x)
		}
		if !valid || x < 0 {
			bad(c.kind.want())
			values = false
			continue
		}
		tr.num[n] = x
	}
	return keys, values
}

// parseKey parses a key cell of a categorical kind into its enum index.
func parseKey(k kind, v string) (int, bool) {
	if v == "" {
		return 0, false
	}
	var i int
	var err error
	switch k {
	case kindLevel:
		var l forecast.Level
		l, err = forecast.ParseLevel(v)
		i = int(l)
	case kindAgeBand:
		var b forecast.AgeBand
		b, err = forecast.ParseAgeBand(v)
		i = int(b)
	case kindRoute:
		var r forecast.Route
		r, err = forecast.ParseRoute(v)
		i = int(r)
	case kindReason:
		var r Reason
		r, err = ParseReason(v)
		i = int(r)
	case kindOrigin:
		var o Origin
		o, err = ParseOrigin(v)
		i = int(o)
	case kindSex:
		var x Sex
		x, err = ParseSex(v)
		i = int(x)
	default:
		return 0, false
	}
	return i, err == nil
}

// apply checks the rules between a row's columns and stores the row.
func (rd *reader) apply(spec *tableSpec, sheet string, tr *tableRow) {
	s := rd.sub
	bad := func(j int, want string) {
		rd.rep.add(CellError{Sheet: sheet, Cell: tr.cell(j), Field: spec.columns[j].name, Found: quote(tr.text[j]), Want: want})
	}
	count := func(n int) int { v, _ := wholeNumber(tr.num[n]); return v }
	l := forecast.Level(tr.key[0])
	switch spec {
	case &staffSpec:
		hc, fte := count(0), tr.num[1]
		switch {
		case hc > 0 && !tr.set[1]:
			bad(3, fmt.Sprintf("de FTE van deze %d medewerkers (een getal >= 0)", hc))
		case fte > fteTolerance*float64(hc)+1e-9:
			bad(3, fmt.Sprintf("hoogstens 1,2 × het aantal medewerkers (%s)", nl.Dec(fteTolerance*float64(hc), 1)))
		}
		s.Staff[l][tr.key[1]] = Staff{Headcount: hc, FTE: fte}
	case &staffBySexSpec:
		hc, fte := count(0), tr.num[1]
		switch {
		case hc > 0 && !tr.set[1]:
			bad(4, fmt.Sprintf("de FTE van deze %d medewerkers (een getal >= 0)", hc))
		case fte > fteTolerance*float64(hc)+1e-9:
			bad(4, fmt.Sprintf("hoogstens 1,2 × het aantal medewerkers (%s)", nl.Dec(fteTolerance*float64(hc), 1)))
		}
		if s.StaffBySex == nil {
			s.StaffBySex = new([forecast.NumLevels][forecast.NumAgeBands][NumSexes]Staff)
		}
		s.StaffBySex[l][tr.key[1]][tr.key[2]] = Staff{Headcount: hc, FTE: fte}
		if rd.splitRows == nil {
			rd.splitRows = map[[2]int]int{}
		}
		if _, ok := rd.splitRows[[2]int{int(l), tr.key[1]}]; !ok || hc > 0 || fte > 0 {
			rd.splitRows[[2]int{int(l), tr.key[1]}] = tr.row
		}
	case &placesSpec:
		rt := forecast.Route(tr.key[1])
		offered, filled := count(0), count(1)
		if !forecast.ValidProgramme(l, rt) {
			if offered > 0 || filled > 0 {
				bad(1, routesOf(l))
			}
			return
		}
		if filled > offered {
			bad(3, fmt.Sprintf("hoogstens het aantal aangeboden plaatsen (%d)", offered))
		}
		s.Places[l][rt] = Places{Offered: offered, Filled: filled}
	case &leaversSpec:
		s.Leavers[l][tr.key[1]] = count(0)
	case &hiresSpec:
		s.Hires[l][tr.key[1]] = count(0)
	case &vacanciesSpec:
		open, hard := tr.num[0], tr.num[1]
		if hard > open+1e-9 {
			bad(2, fmt.Sprintf("hoogstens de openstaande vacatures (%s)", nl.Dec(open, 1)))
		}
		s.Vacancies[l] = Vacancies{OpenFTE: open, HardToFillFTE: hard}
	}
}

// checkSplit checks the optional split of the staff by sex against the
// Personeel sheet: per level and age band, men and women together are
// its headcount and FTE. A level and band the split leaves out (no row,
// or only zeros) is not split.
func (rd *reader) checkSplit(sheet string) {
	s := rd.sub
	if s.StaffBySex == nil {
		return
	}
	if *s.StaffBySex == ([forecast.NumLevels][forecast.NumAgeBands][NumSexes]Staff{}) {
		s.StaffBySex = nil // the sheet left empty, as the template comes: no split
		return
	}
	for l := range forecast.Level(forecast.NumLevels) {
		for b := range forecast.AgeBand(forecast.NumAgeBands) {
			var hc int
			var fte float64
			for _, st := range s.StaffBySex[l][b] {
				hc += st.Headcount
				fte += st.FTE
			}
			if hc == 0 && fte == 0 {
				continue
			}
			total := s.Staff[l][b]
			row := rd.splitRows[[2]int{int(l), int(b)}]
			if hc != total.Headcount {
				rd.rep.add(CellError{Sheet: sheet, Cell: cellName(4, row), Field: "Aantal medewerkers",
					Found: fmt.Sprintf("%s %s: %d mannen en vrouwen samen", l, b, hc),
					Want:  fmt.Sprintf("het aantal medewerkers op het blad %s (%d)", SheetStaff, total.Headcount)})
			}
			if math.Abs(fte-total.FTE) > 0.05+1e-3*total.FTE {
				rd.rep.add(CellError{Sheet: sheet, Cell: cellName(5, row), Field: "FTE",
					Found: fmt.Sprintf("%s %s: %s FTE mannen en vrouwen samen", l, b, nl.Dec(fte, 1)),
					Want:  fmt.Sprintf("de FTE op het blad %s (%s)", SheetStaff, nl.Dec(total.FTE, 1))})
			}
		}
	}
}

// routesOf says on which routes a level is taught.
func routesOf(l forecast.Level) string {
	var rs []string
	for _, r := range forecast.Routes() {
		if forecast.ValidProgramme(l, r) {
			rs = append(rs, r.String())
		}
	}
	if len(rs) == 0 {
		return fmt.Sprintf("geen plaatsen: %s heeft geen opleiding in de regio", l)
	}
	return fmt.Sprintf("een leerroute van %s: %s", l, strings.Join(rs, ", "))
}

// headerKey makes a column name comparable: fold, and a unit in brackets
// is optional ("Openstaande vacatures (FTE)" or "Openstaande vacatures").
func headerKey(s string) string {
	return strings.TrimSuffix(fold(s), "(fte)")
}

func columnList(cs []column) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.name)
	}
	return strings.Join(s, ", ")
}

func keyNames(spec *tableSpec) string {
	var s []string
	for _, c := range spec.columns[:spec.keys] {
		s = append(s, strings.ToLower(c.name))
	}
	return strings.Join(s, " en ")
}
