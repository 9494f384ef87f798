package ingest

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"raat/data"
)

// checkReport checks what every report must satisfy, whatever the input.
func checkReport(t *testing.T, sub *Submission, rep *Report) {
	t.Helper()
	if rep == nil {
		t.Fatal("no report")
	}
	if rep.Accepted != (sub != nil) || rep.Accepted != (rep.nerror == 0) || rep.Accepted && len(rep.Errors) > 0 {
		t.Fatalf("accepted %v, submission %v, %d errors, %d omitted", rep.Accepted, sub != nil, len(rep.Errors), rep.Omitted)
	}
	if len(rep.Errors)+len(rep.Warnings) > DefaultMaxProblems {
		t.Fatalf("%d problems listed, more than the cap", len(rep.Errors)+len(rep.Warnings))
	}
	for _, e := range append(rep.Errors, rep.Warnings...) {
		if e.File != rep.File || e.Found == "" || e.Want == "" {
			t.Fatalf("incomplete problem %#v", e)
		}
	}
	if sub == nil {
		return
	}
	// An accepted submission keeps every rule of the contract.
	if sub.Headcount() == 0 || len(sub.Employer.KvK) != 8 || sub.Employer.Name == "" || sub.Employer.Peildatum.IsZero() {
		t.Fatalf("accepted %+v", sub.Employer)
	}
	checkFigures(t, sub)
}

// checkFigures checks the rules between the figures of a submission
// read without problems.
func checkFigures(t *testing.T, sub *Submission) {
	t.Helper()
	for l := range sub.Staff {
		for _, st := range sub.Staff[l] {
			if st.Headcount < 0 || !(st.FTE >= 0) || st.FTE > 1.2*float64(st.Headcount)+1e-9 {
				t.Fatalf("accepted staff %+v", st)
			}
		}
		for _, p := range sub.Places[l] {
			if p.Filled < 0 || p.Filled > p.Offered {
				t.Fatalf("accepted places %+v", p)
			}
		}
		if v := sub.Vacancies[l]; !(v.HardToFillFTE >= 0) || v.HardToFillFTE > v.OpenFTE+1e-9 || math.IsInf(v.OpenFTE, 0) {
			t.Fatalf("accepted vacancies %+v", v)
		}
		for _, n := range sub.Leavers[l] {
			if n < 0 {
				t.Fatalf("accepted leavers %v", sub.Leavers[l])
			}
		}
		for _, n := range sub.Hires[l] {
			if n < 0 {
				t.Fatalf("accepted hires %v", sub.Hires[l])
			}
		}
	}
}

// FuzzReadWorkbook feeds the reader arbitrary files, starting from the
// test workbooks and the sample workbooks. Nothing may panic, and an
// accepted file must read back the same after writing it out again.
func FuzzReadWorkbook(f *testing.F) {
	for _, dir := range []fs.FS{os.DirFS("testdata"), data.Employers()} {
		fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && inDirectory(p) {
				b, _ := fs.ReadFile(dir, p)
				f.Add(b)
			}
			return nil
		})
	}
	f.Add([]byte("PK\x03\x04"))
	opt := Options{Regions: []string{"Twente"}, MaxUncompressed: 32 << 20}
	f.Fuzz(func(t *testing.T, b []byte) {
		sub, rep := ReadWorkbook("fuzz.xlsx", bytes.NewReader(b), int64(len(b)), opt)
		checkReport(t, sub, rep)
		if sub == nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteWorkbook(&buf, sub, TemplateOptions{Regions: []string{"Twente"}}); err != nil {
			t.Fatal(err)
		}
		again, rep2 := ReadWorkbook("fuzz.xlsx", bytes.NewReader(buf.Bytes()), int64(buf.Len()), opt)
		if again == nil {
			t.Fatalf("written back, refused: %v", rep2.Errors)
		}
		sameFigures(t, again, sub)
	})
}

// FuzzCellValues types arbitrary text into the cells of a valid workbook
// that carry every kind of value: keys, counts, FTE, the KvK number and
// the peildatum.
func FuzzCellValues(f *testing.F) {
	base := workbook(f, sample(), nil)
	f.Add("mbo3", "25-34", "10", "7,5", "01234567", "31-12-2025")
	f.Add(" MBO 3", "25 - 34", "1.234", "925,5", "1234 5678", "46022")
	f.Add("wo / overig", "65 en ouder", "-3", "1e400", "1234567", "31-02-2025")
	f.Add("", "", "", "", "", "")
	f.Add("mbo3", "25-34", "10", "12.0000000001", "0123456a", "2025-12-31T00:00:00")
	f.Add("hbo", "<25", "0,5", "NaN", "\u00a012345678", "31 december 2025")
	f.Fuzz(func(t *testing.T, level, band, count, fte, kvk, date string) {
		wb := workbookFrom(t, base, func(x *excelize.File) {
			for _, c := range []struct{ sheet, cell, v string }{
				{"Personeel", "A10", level}, {"Personeel", "B10", band}, {"Personeel", "C10", count}, {"Personeel", "D10", fte},
				{"Stageplaatsen", "C5", count}, {"Vacatures", "B3", fte}, {"Organisatie", "B3", kvk}, {"Organisatie", "B6", date},
			} {
				if x.SetCellStr(c.sheet, c.cell, c.v) != nil {
					t.Skip() // text excelize cannot store (over 32,767 characters)
				}
			}
		})
		sub, rep := read(wb)
		checkReport(t, sub, rep)
	})
}

// FuzzSheetRows feeds the sheet readers rows of arbitrary cells, without
// a workbook around them, so that it explores the checks thousands of
// times faster than FuzzCellValues. The text is one sheet: rows split by
// newlines, cells by tabs; the first byte picks the sheet.
func FuzzSheetRows(f *testing.F) {
	f.Add("\x00Veld\tWaarde\nNaam\tZorg Voorbeeld\nKvK-nummer\t01234567\nRegio\tTwente\nBranche\tvvt\nPeildatum\t46022")
	f.Add("\x01Niveau\tLeeftijdsklasse\tAantal medewerkers\tFTE\nmbo3\t25-34\t10\t7,5\nmbo3\t25-34\t1.234\t12\nhbo\t<25\t-3\tx")
	f.Add("\x02titel\n\nNiveau\tLeerroute\tAangeboden plaatsen\tBezette plaatsen\tExtra\nmbo3\tBBL\t5\t6\nwo/overig\tBOL\t1\t0")
	f.Add("\x03Niveau\tReden\tAantal\nmbo2\tpensioen\t3\nmbo2\tonbekend\t1,0")
	f.Add("\x04Niveau\tHerkomst\tAantal\tAantal\nhbo\toverig\t2")
	f.Add("\x05Niveau\tOpenstaande vacatures\tMoeilijk vervulbaar (FTE)\nmbo4\t2,5\t3")
	f.Fuzz(func(t *testing.T, text string) {
		if text == "" {
			return
		}
		var rows [][]string
		for _, line := range strings.Split(text[1:], "\n") {
			rows = append(rows, strings.Split(line, "\t"))
		}
		rep := newReport("fuzz.xlsx", DefaultMaxProblems)
		rd := &reader{rep: rep, opt: testOptions, sub: &Submission{}}
		rd.each = func(_ string, fn func(int, []string)) {
			for i, r := range rows {
				fn(i+1, r)
			}
		}
		if k := int(text[0]) % (len(tableSpecs) + 1); k < len(tableSpecs) {
			rd.table(tableSpecs[k], tableSpecs[k].sheet)
		} else {
			rd.organisation("Organisatie")
		}
		for _, e := range append(rep.Errors, rep.Warnings...) {
			if e.File != "fuzz.xlsx" || e.Found == "" || e.Want == "" || e.Sheet == "" {
				t.Fatalf("incomplete problem %#v", e)
			}
		}
		if rep.nerror == 0 {
			checkFigures(t, rd.sub)
		}
	})
}

// FuzzParseNumber: no panic, only finite numbers, and a number written
// out as Excel stores it reads back the same.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0,8", "1.234", "1.234,5", "1,234.5", "1 234", "-3", "1.5E-3", "tien", ",5", "1.2.3"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, whole bool) {
		v, ok := parseNumber(s, whole)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("parseNumber(%q) = %v", s, v)
		}
		stored := strconv.FormatFloat(v, 'g', -1, 64)
		if back, ok := parseNumber(stored, false); !ok || back != v {
			t.Fatalf("parseNumber(%q) = %v, but %q reads back as %v, %v", s, v, stored, back, ok)
		}
	})
}

// TestTestdataWorkbooks reads the test workbooks made by
// testdata/generate.go: the valid ones are accepted, the others refused.
func TestTestdataWorkbooks(t *testing.T) {
	want := map[string]bool{
		"geldig.xlsx": true, "rommelig-maar-geldig.xlsx": true, "fouten-personeel.xlsx": false,
		"fouten-organisatie.xlsx": false, "blad-en-kolom-ontbreken.xlsx": false, "oud-formaat.xls": false,
		"wachtwoord.xlsx": false, "csv-hernoemd.xlsx": false, "zipbom.xlsx": false,
	}
	subs, reps, err := ReadPaths([]string{"testdata"}, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != len(want) || len(subs) != 2 {
		t.Fatalf("%d reports, %d accepted; want %d, 2", len(reps), len(subs), len(want))
	}
	for _, rep := range reps {
		if accepted, ok := want[filepath.Base(rep.File)]; !ok || rep.Accepted != accepted {
			t.Errorf("%s: accepted %v, want %v: %v", rep.File, rep.Accepted, accepted, rep.Errors)
		}
	}
}
