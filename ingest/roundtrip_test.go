package ingest

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"raat/forecast"
)

// sameFigures compares what two submissions hold, ignoring where they
// came from (file, upload time, digest).
func sameFigures(t *testing.T, got, want *Submission) {
	t.Helper()
	if got == nil {
		t.Fatal("no submission")
	}
	g, w := *got, *want
	g.File, g.Uploaded, g.Digest = "", time.Time{}, ""
	w.File, w.Uploaded, w.Digest = "", time.Time{}, ""
	if !reflect.DeepEqual(g, w) {
		t.Errorf("figures differ:\n got %+v\nwant %+v", g, w)
	}
}

func TestRoundTrip(t *testing.T) {
	want := sample()
	got, rep := read(workbook(t, want, nil))
	if !rep.Accepted || len(rep.Warnings) > 0 {
		t.Fatalf("refused: %v %v", rep.Errors, rep.Warnings)
	}
	sameFigures(t, got, want)
	if got.File != testFile || len(got.Digest) != 64 {
		t.Errorf("file %q, digest %q", got.File, got.Digest)
	}
}

// openTemplate writes the blank template and opens it.
func openTemplate(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, TemplateOptions{Regions: []string{"Twente"}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestTemplateFilledByCode fills the blank template the way a person
// does, cell by cell, and reads back the same numbers.
func TestTemplateFilledByCode(t *testing.T) {
	f := openTemplate(t)
	fill := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	fill("Organisatie", "B2", "Zorg Voorbeeld")
	fill("Organisatie", "B3", "01234567")
	fill("Organisatie", "B4", "Twente")
	fill("Organisatie", "B5", "VVT (ouderenzorg)")
	fill("Organisatie", "B6", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	fill("Personeel", "C10", 10)
	fill("Personeel", "D10", 7.5)
	fill("Personeel", "C26", 4)
	fill("Personeel", "D26", "3,2") // typed as text with a decimal comma
	fill("Stageplaatsen", "C5", 5)
	fill("Stageplaatsen", "D5", 4)
	fill("Stageplaatsen", "C9", 2)
	fill("Stageplaatsen", "D9", 2)
	fill("Uitstroom", "C7", 1)
	fill("Uitstroom", "C8", 2)
	fill("Instroom", "C7", 3)
	fill("Instroom", "C18", 1)
	fill("Vacatures", "B3", 2.5)
	fill("Vacatures", "C3", 1.5)
	out, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	got, rep := read(out.Bytes())
	if !rep.Accepted {
		t.Fatalf("refused: %v", rep.Errors)
	}
	sameFigures(t, got, sample())
}

// TestMessyButValid reads a workbook as real files look: sheets renamed
// in other case and spacing and in another order, a title row above a
// header in other case, numbers as text with Dutch decimals and thousands
// separators, spaces around values, a formula with its cached value, an
// empty row, an extra column, a date typed as text and a KvK number
// stored as a number. It is accepted with one warning.
func TestMessyButValid(t *testing.T) {
	want := sample()
	want.Employer.KvK = "41027733"
	want.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 1234, FTE: 925.5}
	b := workbook(t, sample(), func(f *excelize.File) {
		must := func(err error) {
			if err != nil {
				t.Fatal(err)
			}
		}
		must(f.SetSheetName("Personeel", " PERSONEEL "))
		must(f.SetSheetName("Uitstroom", "uitstroom"))
		must(f.MoveSheet("Vacatures", "Organisatie"))
		must(f.SetCellValue("Organisatie", "B3", 41027733))
		must(f.SetCellValue("Organisatie", "B6", " 31-12-2025"))
		must(f.SetCellValue("Organisatie", "A4", "regio:"))
		p := " PERSONEEL "
		must(f.InsertRows(p, 1, 1))
		must(f.SetCellValue(p, "A1", "Personeel op 31 december 2025"))
		must(f.SetCellValue(p, "C2", " aantal  MEDEWERKERS"))
		must(f.SetCellValue(p, "E2", "Toelichting"))
		must(f.SetCellValue(p, "A11", " mbo3 "))
		must(f.SetCellValue(p, "C11", "1.234"))
		must(f.SetCellValue(p, "D11", "925,5"))
		must(f.SetCellValue(p, "E11", "incl. oproepkrachten"))
		must(f.SetCellValue(p, "A40", "")) // an empty trailing row
		must(f.SetCellInt("Stageplaatsen", "C5", 5))
		must(f.SetCellFormula("Stageplaatsen", "C5", "2+3")) // keeps 5 as its cached value
		must(f.SetCellValue("Vacatures", "B3", "2,50 "))
	})
	got, rep := read(b)
	if !rep.Accepted {
		t.Fatalf("refused: %v", rep.Errors)
	}
	wantWarn := []CellError{cellErr(" PERSONEEL ", "E2", "", `een onbekende kolom "Toelichting"`,
		"alleen de kolommen Niveau, Leeftijdsklasse, Aantal medewerkers, FTE (deze kolom wordt niet gelezen)")}
	if !reflect.DeepEqual(rep.Warnings, wantWarn) {
		t.Errorf("warnings %#v, want %#v", rep.Warnings, wantWarn)
	}
	sameFigures(t, got, want)
}

// TestTemplateLayout checks what makes the template usable: every
// categorical column has a drop-down with the contract's values, every
// numeric column a number check, headers are locked and input cells not,
// and every sheet is protected.
func TestTemplateLayout(t *testing.T) {
	f := openTemplate(t)
	if got, want := f.GetSheetList(), []string{"Toelichting", "Organisatie", "Personeel", "Personeel naar geslacht", "Stageplaatsen", "Uitstroom", "Instroom", "Vacatures"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	for _, spec := range tableSpecs {
		dvs, err := f.GetDataValidations(spec.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(dvs) != len(spec.columns) {
			t.Errorf("%s: %d validations, want one per column (%d)", spec.sheet, len(dvs), len(spec.columns))
			continue
		}
		for j, c := range spec.columns {
			dv := dvs[j]
			col, _ := excelize.ColumnNumberToName(j + 1)
			if dv.Sqref != col+"2:"+col+"200" {
				t.Errorf("%s %s: validation on %s", spec.sheet, c.name, dv.Sqref)
			}
			switch {
			case c.kind == kindCount && (dv.Type != "whole" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0"),
				c.kind == kindFTE && (dv.Type != "decimal" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0"),
				!c.kind.numeric() && (dv.Type != "list" || dv.Formula1 != `"`+joinChoices(c.kind.choices())+`"`):
				t.Errorf("%s %s: validation %s %s %s", spec.sheet, c.name, dv.Type, dv.Operator, dv.Formula1)
			}
		}
		locked := func(cell string) bool {
			id, _ := f.GetCellStyle(spec.sheet, cell)
			st, _ := f.GetStyle(id)
			return st.Protection == nil || st.Protection.Locked
		}
		if !locked("A1") || locked("A2") || locked(cellName(len(spec.columns), 200)) {
			t.Errorf("%s: header locked %v, input cells A2 and the last unlocked %v %v", spec.sheet, locked("A1"), !locked("A2"), !locked(cellName(len(spec.columns), 200)))
		}
		if p, err := f.GetSheetProtection(spec.sheet); err != nil || !p.SelectUnlockedCells {
			t.Errorf("%s: not protected (%v)", spec.sheet, err)
		}
	}
	dvs, _ := f.GetDataValidations("Organisatie")
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Type + " " + dv.Formula1
	}
	for cell, want := range map[string]string{"B4": `list "Twente"`, "B5": "list \"" + joinChoices(branchLabels()) + `"`, "B3": "textLength 8", "B6": "date 32874"} {
		if lists[cell] != want {
			t.Errorf("Organisatie!%s: validation %q, want %q", cell, lists[cell], want)
		}
	}
}

func joinChoices(s []string) string {
	var b bytes.Buffer
	for i, v := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(v)
	}
	return b.String()
}
