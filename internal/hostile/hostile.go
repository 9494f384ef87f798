// Package hostile writes legal employer workbooks built to cost a reader
// as much work as possible: a Personeel sheet of up to millions of rows,
// every one of them wrong three times (a negative headcount, FTE that is
// not a number, a key that repeats), with as much padding per row as
// keeps the archive's compression within what the zip-bomb checks allow.
// The web application's tests and the attack tool (tools/attack) upload
// them; nothing else should.
//
// The parts are written by hand with archive/zip rather than with
// excelize, as an attacker would, and as few as a reader needs: content
// types, relationships, the workbook and six sheets of inline strings.
package hostile

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Options say what to write.
type Options struct {
	// Name and KvK fill Organisatie (the uploading account's, so that the
	// reader gets past the organisation).
	Name, KvK string
	// Rows is the number of data rows on Personeel.
	Rows int
	// Padding is the number of letters of a remark in a fifth column of
	// every row, which the reader ignores: it sets how far the archive
	// expands. 680,000 rows with 180 letters make the attack's workbook:
	// 13 MB that unpack to some 300 MB.
	Padding int
}

var (
	levels = []string{"mbo2", "mbo3", "mbo4", "hbo", "wo/overig"}
	bands  = []string{"<25", "25-34", "35-44", "45-54", "55-59", "60-64", "65+"}
)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// sheets are the workbook's sheets: Organisatie and Personeel are
// written by Write, the others hold one valid row each.
var sheets = []struct {
	name string
	rows [][]string
}{
	{"Organisatie", nil},
	{"Personeel", nil},
	{"Stageplaatsen", [][]string{{"Niveau", "Leerroute", "Aangeboden plaatsen", "Bezette plaatsen"}, {"mbo3", "BBL", "#10", "#8"}}},
	{"Uitstroom", [][]string{{"Niveau", "Reden", "Aantal"}, {"mbo3", "pensioen", "#3"}}},
	{"Instroom", [][]string{{"Niveau", "Herkomst", "Aantal"}, {"mbo3", "schoolverlater", "#4"}}},
	{"Vacatures", [][]string{{"Niveau", "Openstaande vacatures (FTE)", "Moeilijk vervulbaar (FTE)"}, {"mbo3", "#2.5", "#1"}}},
}

// Write writes the workbook.
func Write(w io.Writer, o Options) error {
	zw := zip.NewWriter(w)
	var types, rels strings.Builder
	for i := range sheets {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	var list strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` + types.String() + `</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + ns +
			` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + list.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			rels.String() + `</Relationships>`},
	}
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	for i, s := range sheets {
		f, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<16)
		fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet %s><sheetData>`, ns)
		rows := s.rows
		switch s.name {
		case "Organisatie":
			rows = [][]string{{"Veld", "Waarde"}, {"Naam", o.Name}, {"KvK-nummer", o.KvK}, {"Regio", "Twente"}, {"Branche", "VVT"}, {"Peildatum", "31-12-2025"}}
		case "Personeel":
			writeStaff(bw, o)
		}
		for r, cells := range rows {
			writeRow(bw, r+1, cells)
		}
		io.WriteString(bw, `</sheetData></worksheet>`)
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeStaff writes Personeel: the header, then rows that cycle through
// the 35 levels and age bands, so that from row 37 on every row repeats
// a key, each with a negative headcount and FTE that are not a number.
// Rows are appended to one buffer, not formatted: a million of them are
// written in a second or two.
func writeStaff(w *bufio.Writer, o Options) {
	writeRow(w, 1, []string{"Niveau", "Leeftijdsklasse", "Aantal medewerkers", "FTE", "Opmerking"})
	pad := strings.Repeat("x", o.Padding)
	var b []byte
	for i := range o.Rows {
		r := i + 2
		b = b[:0]
		b = append(b, `<row r="`...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `">`...)
		b = inline(b, 'A', r, levels[i/7%5])
		b = inline(b, 'B', r, bands[i%7])
		b = append(b, `<c r="C`...)
		b = strconv.AppendInt(b, int64(r), 10)
		b = append(b, `"><v>-`...)
		b = strconv.AppendInt(b, int64(i%50+1), 10)
		b = append(b, `</v></c>`...)
		b = inline(b, 'D', r, "veel")
		if o.Padding > 0 {
			b = inline(b, 'E', r, pad)
		}
		b = append(b, `</row>`...)
		w.Write(b)
	}
}

func inline(b []byte, col byte, row int, v string) []byte {
	b = append(b, `<c r="`...)
	b = append(b, col)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, `" t="inlineStr"><is><t>`...)
	b = append(b, escape(v)...)
	return append(b, `</t></is></c>`...)
}

// writeRow writes one row; a cell starting with # is a number, any other
// an inline string.
func writeRow(w *bufio.Writer, r int, cells []string) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for c, v := range cells {
		ref := fmt.Sprintf("%c%d", 'A'+c, r)
		if num, ok := strings.CutPrefix(v, "#"); ok {
			fmt.Fprintf(w, `<c r="%s"><v>%s</v></c>`, ref, num)
			continue
		}
		fmt.Fprintf(w, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, escape(v))
	}
	io.WriteString(w, `</row>`)
}

func escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
