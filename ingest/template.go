package ingest

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"raat/forecast"
)

// TemplateOptions choose what the template offers that depends on the
// region.
type TemplateOptions struct {
	// Regions are the drop-down values of Organisatie!Regio.
	Regions []string
	// Training gives the hours per training place the instructions quote
	// for the opleidingsquote.
	Training forecast.TrainingConventions
}

// inputRows is the last row of a table sheet that takes input: the
// template's rows and room for more.
const inputRows = 200

// WriteTemplate writes the blank employer workbook: instructions, the six
// sheets of the contract with their key rows filled in, headers styled and
// protected, input cells unlocked, drop-downs on every categorical column
// and number validation on every numeric one.
func WriteTemplate(w io.Writer, opt TemplateOptions) error {
	return WriteWorkbook(w, nil, opt)
}

// WriteWorkbook writes a workbook in the template's layout, filled in
// with sub's figures (a blank template when sub is nil). Reading it back
// gives sub again; the sample workbooks and the round-trip tests are made
// this way.
func WriteWorkbook(w io.Writer, sub *Submission, opt TemplateOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	tw := &templateWriter{f: f, sub: sub, opt: opt}
	if err := tw.write(); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	_, err := f.WriteTo(w)
	return err
}

// templateWriter keeps the first error of the many excelize calls, so
// that the layout code reads as a list of steps.
type templateWriter struct {
	f      *excelize.File
	sub    *Submission
	opt    TemplateOptions
	err    error
	styles struct{ title, text, header, label, key, count, fte, kvk, date, input int }
}

func (tw *templateWriter) check(err error) {
	if tw.err == nil && err != nil {
		tw.err = err
	}
}

func (tw *templateWriter) write() error {
	f := tw.f
	tw.check(f.SetSheetName("Sheet1", SheetInstructions))
	tw.newStyles()
	tw.instructions()
	tw.organisation()
	for _, spec := range tableSpecs {
		tw.table(spec)
	}
	f.SetActiveSheet(0)
	tw.check(f.SetDocProps(&excelize.DocProperties{Title: "RAAT werkgeversuitvraag", Creator: "raat", Language: "nl-NL"}))
	return tw.err
}

func (tw *templateWriter) style(s *excelize.Style) int {
	id, err := tw.f.NewStyle(s)
	tw.check(err)
	return id
}

func (tw *templateWriter) newStyles() {
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Color: []string{c}, Pattern: 1} }
	unlocked := &excelize.Protection{Locked: false}
	fte, date := "0.0#", "dd-mm-yyyy"
	s := &tw.styles
	s.title = tw.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F4E79"}})
	s.text = tw.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.header = tw.style(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill("1F4E79"), Border: border,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	s.label = tw.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("F2F2F2"), Border: border})
	// Key cells are filled in by the template but stay editable, so that
	// rows can be added; their drop-downs keep them valid.
	s.key = tw.style(&excelize.Style{Fill: fill("F2F2F2"), Border: border, Protection: unlocked})
	s.count = tw.style(&excelize.Style{Fill: fill("FFF2CC"), Border: border, Protection: unlocked, NumFmt: 1})
	s.fte = tw.style(&excelize.Style{Fill: fill("FFF2CC"), Border: border, Protection: unlocked, CustomNumFmt: &fte})
	s.kvk = tw.style(&excelize.Style{Fill: fill("FFF2CC"), Border: border, Protection: unlocked, NumFmt: 49}) // text: keeps leading zeros
	s.date = tw.style(&excelize.Style{Fill: fill("FFF2CC"), Border: border, Protection: unlocked, CustomNumFmt: &date,
		Alignment: &excelize.Alignment{Horizontal: "left"}})
	s.input = tw.style(&excelize.Style{Fill: fill("FFF2CC"), Border: border, Protection: unlocked})
}

// finishSheet declares the sheet's used range (cols x rows; excelize
// writes "A1", and readers such as openpyxl in read-only mode trust it),
// prints it landscape at the page's width, and locks it without a
// password: that guards against typing over headers by accident, and
// whoever must change the layout can still lift it.
func (tw *templateWriter) finishSheet(sheet string, cols, rows int) {
	tw.check(tw.f.SetSheetDimension(sheet, "A1:"+cellName(cols, rows)))
	landscape, wide, tall, fit := "landscape", 1, 0, true
	tw.check(tw.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}))
	tw.check(tw.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	tw.check(tw.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
}

func (tw *templateWriter) instructions() {
	f, sheet := tw.f, SheetInstructions
	tw.check(f.SetColWidth(sheet, "A", "A", 90))
	for i, line := range instructionLines(tw.opt) {
		cell := cellName(1, i+1)
		tw.check(f.SetCellStr(sheet, cell, line))
		st := tw.styles.text
		if i == 0 {
			st = tw.styles.title
		} else if strings.HasPrefix(line, "## ") {
			tw.check(f.SetCellStr(sheet, cell, strings.TrimPrefix(line, "## ")))
			st = tw.styles.label
		}
		tw.check(f.SetCellStyle(sheet, cell, cell, st))
		if n := utf8.RuneCountInString(line); n > 90 {
			tw.check(f.SetRowHeight(sheet, i+1, 15*float64(n/85+1)))
		}
	}
	tw.finishSheet(sheet, 1, len(instructionLines(tw.opt)))
}

func (tw *templateWriter) organisation() {
	f, sheet := tw.f, SheetOrganisation
	_, err := f.NewSheet(sheet)
	tw.check(err)
	tw.check(f.SetSheetRow(sheet, "A1", &[]any{"Veld", "Waarde", "Toelichting"}))
	tw.check(f.SetCellStyle(sheet, "A1", "C1", tw.styles.header))
	tw.check(f.SetColWidth(sheet, "A", "A", 16))
	tw.check(f.SetColWidth(sheet, "B", "B", 36))
	tw.check(f.SetColWidth(sheet, "C", "C", 90))
	for i, fl := range orgFields {
		row := i + 2
		a, b, c := cellName(1, row), cellName(2, row), cellName(3, row)
		tw.check(f.SetCellStr(sheet, a, fl.name))
		tw.check(f.SetCellStyle(sheet, a, a, tw.styles.label))
		tw.check(f.SetCellStr(sheet, c, fl.prompt))
		tw.check(f.SetCellStyle(sheet, c, c, tw.styles.text))
		st := tw.styles.input
		dv := excelize.NewDataValidation(true)
		dv.Sqref = b
		switch i {
		case fieldKvK:
			st = tw.styles.kvk
			tw.check(dv.SetRange(8, 8, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual))
			dv.Formula2 = ""
			dv.SetError(excelize.DataValidationErrorStyleStop, "KvK-nummer", "Een KvK-nummer heeft 8 cijfers.")
		case fieldRegion:
			if len(tw.opt.Regions) > 0 {
				tw.check(dv.SetDropList(tw.opt.Regions))
				dv.SetError(excelize.DataValidationErrorStyleStop, "Regio", "Kies een regio uit de lijst.")
			}
		case fieldBranch:
			tw.check(dv.SetDropList(branchLabels()))
			dv.SetError(excelize.DataValidationErrorStyleStop, "Branche", "Kies een branche uit de lijst.")
		case fieldPeildatum:
			st = tw.styles.date
			// Excel's serial numbers of 1-1-1990 and 31-12-2199.
			tw.check(dv.SetRange(32874, 109572, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
			dv.SetError(excelize.DataValidationErrorStyleStop, "Peildatum", "Vul een datum in (dd-mm-jjjj).")
		}
		dv.SetInput(fl.name, fl.prompt)
		tw.check(f.AddDataValidation(sheet, dv))
		tw.check(f.SetCellStyle(sheet, b, b, st))
		if tw.sub != nil {
			tw.orgValue(sheet, i, b)
		}
	}
	tw.finishSheet(sheet, 3, numFields+1)
}

func (tw *templateWriter) orgValue(sheet string, i int, cell string) {
	e := tw.sub.Employer
	f := tw.f
	switch i {
	case fieldName:
		tw.check(f.SetCellStr(sheet, cell, e.Name))
	case fieldKvK:
		tw.check(f.SetCellStr(sheet, cell, e.KvK))
	case fieldRegion:
		tw.check(f.SetCellStr(sheet, cell, e.Region))
	case fieldBranch:
		tw.check(f.SetCellStr(sheet, cell, e.Branch.Label()))
	case fieldPeildatum:
		if !e.Peildatum.IsZero() {
			tw.check(f.SetCellValue(sheet, cell, e.Peildatum.Truncate(24*time.Hour)))
		}
	case fieldMerged:
		if len(tw.sub.Merged) > 0 {
			tw.check(f.SetCellStr(sheet, cell, strings.Join(tw.sub.Merged, ", ")))
		}
	}
}

func (tw *templateWriter) table(spec *tableSpec) {
	f, sheet := tw.f, spec.sheet
	_, err := f.NewSheet(sheet)
	tw.check(err)
	last := len(spec.columns)
	for j, c := range spec.columns {
		col := j + 1
		name := cellName(col, 1)
		tw.check(f.SetCellStr(sheet, name, c.name))
		width := utf8.RuneCountInString(c.name)
		for _, v := range c.kind.choices() {
			width = max(width, utf8.RuneCountInString(v))
		}
		colName, _ := excelize.ColumnNumberToName(col)
		tw.check(f.SetColWidth(sheet, colName, colName, float64(width)+4))

		dv := excelize.NewDataValidation(true)
		dv.Sqref = cellName(col, 2) + ":" + cellName(col, inputRows)
		style := tw.styles.key
		switch {
		case c.kind.numeric():
			t, msg := excelize.DataValidationTypeWhole, "Vul een geheel getal van 0 of meer in."
			style = tw.styles.count
			if c.kind == kindFTE {
				t, msg = excelize.DataValidationTypeDecimal, "Vul een getal van 0 of meer in."
				style = tw.styles.fte
			}
			tw.check(dv.SetRange(0, 0, t, excelize.DataValidationOperatorGreaterThanOrEqual))
			dv.Formula2 = ""
			dv.SetError(excelize.DataValidationErrorStyleStop, c.name, msg)
		default:
			tw.check(dv.SetDropList(c.kind.choices()))
			dv.SetError(excelize.DataValidationErrorStyleStop, c.name, "Kies een waarde uit de lijst.")
		}
		dv.SetInput(c.name, c.prompt)
		tw.check(f.AddDataValidation(sheet, dv))
		tw.check(f.SetCellStyle(sheet, cellName(col, 2), cellName(col, inputRows), style))
	}
	tw.check(f.SetCellStyle(sheet, "A1", cellName(last, 1), tw.styles.header))
	tw.check(f.SetRowHeight(sheet, 1, 30))
	keyRows := spec.rows()
	for i, keys := range keyRows {
		row := make([]any, 0, last)
		for _, k := range keys {
			row = append(row, k)
		}
		if tw.sub != nil {
			row = append(row, tw.values(spec, keys)...)
		}
		tw.check(f.SetSheetRow(sheet, cellName(1, i+2), &row))
	}
	tw.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	tw.finishSheet(sheet, last, len(keyRows)+1)
}

// values returns the submission's numbers for one key row of a sheet.
func (tw *templateWriter) values(spec *tableSpec, keys []string) []any {
	s := tw.sub
	k0, _ := parseKey(spec.columns[0].kind, keys[0])
	l := forecast.Level(k0)
	var k1, k2 int
	if spec.keys > 1 {
		k1, _ = parseKey(spec.columns[1].kind, keys[1])
	}
	if spec.keys > 2 {
		k2, _ = parseKey(spec.columns[2].kind, keys[2])
	}
	switch spec {
	case &staffSpec:
		st := s.Staff[l][k1]
		return []any{st.Headcount, st.FTE}
	case &staffBySexSpec:
		if s.StaffBySex == nil {
			return []any{nil, nil}
		}
		st := s.StaffBySex[l][k1][k2]
		return []any{st.Headcount, st.FTE}
	case &placesSpec:
		p := s.Places[l][k1]
		return []any{p.Offered, p.Filled}
	case &leaversSpec:
		return []any{s.Leavers[l][k1]}
	case &hiresSpec:
		return []any{s.Hires[l][k1]}
	case &vacanciesSpec:
		v := s.Vacancies[l]
		return []any{v.OpenFTE, v.HardToFillFTE}
	}
	return nil
}
