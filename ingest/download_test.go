package ingest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func downloadTable() Table {
	return Table{
		Title:  "Tekort per branche in 2040: basis/plan",
		Header: []string{"branche", "Basis (fte)", "Basis (% van de vraag)"},
		Rows:   [][]any{{"VVT (ouderenzorg)", 3369.4, 0.2064}, {"Kinderopvang", 91.0, 0.029}, {"totaal", 6882, 0.141}},
		Note:   "Centrale raming, in fte; negatief is een overschot.",
	}
}

// TestWriteTableXLSX reads the workbook back: title, bold header, numbers
// as numbers, the note, and a valid sheet name.
func TestWriteTableXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTableXLSX(&b, downloadTable()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "Tekort per branche in 2040- bas" {
		t.Fatalf("sheets %q, want one named after the title, cut to 31 characters without a slash", sheets)
	}
	sh := sheets[0]
	for cell, want := range map[string]string{"A1": "Tekort per branche in 2040: basis/plan", "A3": "branche", "C3": "Basis (% van de vraag)",
		"A4": "VVT (ouderenzorg)", "B4": "3369.4", "C6": "0.141", "A8": "Centrale raming, in fte; negatief is een overschot."} {
		got, err := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %q", cell, got, err, want)
		}
	}
	for _, cell := range []string{"B4", "C5", "B6"} {
		if typ, err := f.GetCellType(sh, cell); err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: type %v, want a number", cell, typ)
		}
	}
	if typ, _ := f.GetCellType(sh, "A4"); typ == excelize.CellTypeNumber {
		t.Error("A4: a name stored as a number")
	}
	if err := WriteTableXLSX(&b, Table{Title: "x", Rows: [][]any{{true}}}); err == nil {
		t.Error("a bool cell accepted")
	}
}

func TestWriteTableCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTableCSV(&b, downloadTable()); err != nil {
		t.Fatal(err)
	}
	want := "branche;Basis (fte);Basis (% van de vraag)\nVVT (ouderenzorg);3369,4;0,2064\nKinderopvang;91;0,029\ntotaal;6882;0,141\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Contains(b.String(), "Tekort per branche") {
		t.Error("the title in the CSV")
	}
}
