package ingest

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Table is a table people download from the board pages: a title, a
// header and rows of cells, each a string or a number (float64 or int).
// It knows nothing of what it holds, so that any page can offer any of
// its tables as a workbook or as CSV.
type Table struct {
	// Title names the table; the workbook's sheet is named after it.
	Title  string
	Header []string
	Rows   [][]any
	// Note, when set, is a line under the table: its unit and source.
	Note string
}

// WriteTableXLSX writes t as a workbook of one sheet: the title in A1,
// the header in bold on row 3, the rows under it with numbers as numbers
// (so that Excel sums and charts them), and the note under the rows.
func WriteTableXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	set := func(col, row int, v any) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellValue(sheet, cell, v)
	}
	if err := set(1, 1, t.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", title); err != nil {
		return err
	}
	for i, h := range t.Header {
		if err := set(i+1, 3, h); err != nil {
			return err
		}
	}
	if len(t.Header) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(t.Header), 3)
		if err := f.SetCellStyle(sheet, "A3", last, bold); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, v := range row {
			switch v.(type) {
			case string, float64, int:
			default:
				return fmt.Errorf("table %q: row %d, column %d holds a %T, want a string or a number", t.Title, r+1, c+1, v)
			}
			if err := set(c+1, 4+r, v); err != nil {
				return err
			}
		}
	}
	if t.Note != "" {
		if err := set(1, 5+len(t.Rows), t.Note); err != nil {
			return err
		}
	}
	width := 12.0
	for i := range t.Header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		w := width
		if i == 0 {
			w = 26
		}
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteTableCSV writes t as CSV the way Dutch spreadsheets read it: a
// semicolon between cells and a decimal comma, the header first, without
// the title and the note (a CSV file has one table and nothing else).
func WriteTableCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	for r, row := range t.Rows {
		rec := make([]string, len(row))
		for c, v := range row {
			switch x := v.(type) {
			case string:
				rec[c] = x
			case int:
				rec[c] = strconv.Itoa(x)
			case float64:
				rec[c] = decimalComma(x)
			default:
				return fmt.Errorf("table %q: row %d, column %d holds a %T, want a string or a number", t.Title, r+1, c+1, v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// decimalComma writes x with up to four decimals and a comma: 0.141 ->
// "0,141", 6881.537 -> "6881,537". No thousands separator: spreadsheets
// read one as part of the number's text.
func decimalComma(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", ",", 1)
}

// sheetName makes a title a valid sheet name: at most 31 characters and
// none of : \ / ? * [ ].
func sheetName(title string) string {
	var b []rune
	for _, r := range title {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '-'
		}
		b = append(b, r)
		if len(b) == 31 {
			break
		}
	}
	if len(b) == 0 {
		return "Tabel"
	}
	return string(b)
}
