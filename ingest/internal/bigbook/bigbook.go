// Package bigbook writes a very large employer workbook for the reader's
// benchmarks: the template's layout, filled in, with a Personeel sheet of
// as many rows as asked, written with excelize's StreamWriter so that
// writing it takes little memory. Its rows cycle through the 35 levels
// and age bands, so from row 37 on every row repeats a key: the reader
// must read and check every row, and refuses the file for duplicates.
package bigbook

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

var (
	levels = []string{"mbo2", "mbo3", "mbo4", "hbo", "wo/overig"}
	bands  = []string{"<25", "25-34", "35-44", "45-54", "55-59", "60-64", "65+"}
)

// Write writes the workbook with rows data rows on Personeel.
func Write(w io.Writer, rows int) error {
	f := excelize.NewFile()
	defer f.Close()
	set := func(sheet string, data [][]any) error {
		for i, row := range data {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sheet, cell, &row); err != nil {
				return err
			}
		}
		return nil
	}
	if err := f.SetSheetName("Sheet1", "Organisatie"); err != nil {
		return err
	}
	if err := set("Organisatie", [][]any{
		{"Veld", "Waarde"}, {"Naam", "Benchmark Zorg"}, {"KvK-nummer", "12345678"},
		{"Regio", "Twente"}, {"Branche", "VVT"}, {"Peildatum", "31-12-2025"},
	}); err != nil {
		return err
	}
	small := []struct {
		sheet string
		data  [][]any
	}{
		{"Stageplaatsen", [][]any{{"Niveau", "Leerroute", "Aangeboden plaatsen", "Bezette plaatsen"}, {"mbo3", "BBL", 10, 8}}},
		{"Uitstroom", [][]any{{"Niveau", "Reden", "Aantal"}, {"mbo3", "pensioen", 3}}},
		{"Instroom", [][]any{{"Niveau", "Herkomst", "Aantal"}, {"mbo3", "schoolverlater", 4}}},
		{"Vacatures", [][]any{{"Niveau", "Openstaande vacatures (FTE)", "Moeilijk vervulbaar (FTE)"}, {"mbo3", 2.5, 1}}},
	}
	for _, s := range small {
		if _, err := f.NewSheet(s.sheet); err != nil {
			return err
		}
		if err := set(s.sheet, s.data); err != nil {
			return err
		}
	}
	const sheet = "Personeel"
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	// The stream writer writes the dimension with the first row; without
	// it openpyxl in read-only mode sees one row.
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:D%d", rows+1)); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"Niveau", "Leeftijdsklasse", "Aantal medewerkers", "FTE"}); err != nil {
		return err
	}
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		n := i % 50
		if err := sw.SetRow(cell, []any{levels[i/7%5], bands[i%7], n, float64(n) * 0.75}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
