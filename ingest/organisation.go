package ingest

import (
	"fmt"
	"slices"
	"strings"

	"raat/forecast"
)

// organisation reads the Organisatie sheet: a label in column A and its
// value in column B, in any row order. Labels it does not know are
// ignored with a warning; a header row (Veld, Waarde) is skipped.
func (rd *reader) organisation(sheet string) {
	var at [numFields]int // row of each field, 0 when absent
	values := [numFields]string{}
	rd.each(sheet, func(row int, cells []string) {
		if len(cells) == 0 || cleanCell(cells[0]) == "" {
			return
		}
		label := cleanCell(cells[0])
		i := orgField(label)
		if i < 0 {
			if k := fold(label); k != "veld" && k != "gegeven" && k != "onderwerp" {
				rd.rep.warn(CellError{Sheet: sheet, Cell: cellName(1, row), Found: quote(label), Want: "een veld van het sjabloon: " + orgFieldNames() + " (deze regel wordt niet gelezen)"})
			}
			return
		}
		if at[i] != 0 {
			rd.rep.add(CellError{Sheet: sheet, Cell: cellName(1, row), Field: orgFields[i].name, Found: quote(label),
				Want: fmt.Sprintf("elk veld één keer (%s staat ook op regel %d)", orgFields[i].name, at[i])})
			return
		}
		at[i] = row
		if len(cells) > 1 {
			values[i] = cleanCell(cells[1])
		}
	})
	for i, f := range orgFields {
		if at[i] == 0 && f.optional {
			continue
		}
		if at[i] == 0 {
			rd.rep.add(CellError{Sheet: sheet, Field: f.name, Found: "geen regel", Want: "een regel met " + f.name + " in kolom A en de waarde in kolom B"})
			continue
		}
		rd.orgValue(sheet, i, cellName(2, at[i]), values[i])
	}
}

// orgValue checks and stores the value of one field.
func (rd *reader) orgValue(sheet string, i int, cell, v string) {
	e := &rd.sub.Employer
	bad := func(want string) {
		rd.rep.add(CellError{Sheet: sheet, Cell: cell, Field: orgFields[i].name, Found: quote(v), Want: want})
	}
	switch i {
	case fieldName:
		acc := rd.opt.Account
		switch {
		case v == "":
			bad("de naam van de organisatie")
		case acc != nil && fold(v) != fold(acc.Name):
			bad(fmt.Sprintf("de naam van uw account, %s (is die naam niet juist, vraag het actiecentrum hem aan te passen)", quote(acc.Name)))
		}
		e.Name = v
	case fieldKvK:
		k, ok := parseKvK(v)
		switch acc := rd.opt.Account; {
		case !ok:
			bad("een KvK-nummer van 8 cijfers")
		case acc != nil && k != acc.KvK:
			bad(fmt.Sprintf("het KvK-nummer van uw account, %s; een werkgever levert alleen de eigen gegevens", acc.KvK))
		}
		e.KvK = k
	case fieldRegion:
		r, ok := rd.region(v)
		if !ok {
			want := "de naam van de regio"
			if len(rd.opt.Regions) > 0 {
				want = "een regio: " + strings.Join(rd.opt.Regions, ", ")
			}
			bad(want)
		}
		e.Region = r
	case fieldBranch:
		b, err := forecast.ParseBranch(v)
		if err != nil {
			bad("een branche: " + strings.Join(branchLabels(), ", "))
		}
		e.Branch = b
	case fieldPeildatum:
		d, ok := parseDate(v, rd.date1904)
		if !ok {
			bad("een datum (dd-mm-jjjj) tussen 1990 en 2199")
		}
		e.Peildatum = d
	case fieldMerged:
		rd.sub.Merged = nil
		for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '\n' }) {
			k, ok := parseKvK(part)
			switch {
			case !ok:
				bad("KvK-nummers van 8 cijfers, gescheiden door komma's (of niets, als er geen fusie was)")
				return
			case k == e.KvK:
				bad("de KvK-nummers van de organisaties die in de uwe zijn opgegaan, niet uw eigen nummer")
				return
			case !slices.Contains(rd.sub.Merged, k):
				rd.sub.Merged = append(rd.sub.Merged, k)
			}
		}
		slices.Sort(rd.sub.Merged)
	}
}

// region returns the configured spelling of a region name.
func (rd *reader) region(v string) (string, bool) {
	if v == "" {
		return "", false
	}
	if len(rd.opt.Regions) == 0 {
		return v, true
	}
	for _, r := range rd.opt.Regions {
		if fold(r) == fold(v) {
			return r, true
		}
	}
	return v, false
}

// orgField returns the index of the field a label names, or -1.
func orgField(label string) int {
	k := fold(label)
	for i, f := range orgFields {
		if k == fold(f.name) {
			return i
		}
		for _, a := range f.aliases {
			if k == fold(a) {
				return i
			}
		}
	}
	return -1
}

func orgFieldNames() string {
	var s []string
	for _, f := range orgFields {
		s = append(s, f.name)
	}
	return strings.Join(s, ", ")
}
