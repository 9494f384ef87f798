package ingest

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAccountChecked: uploaded for an account, Organisatie's name and KvK
// number must be the account's; the problem names the cell.
func TestAccountChecked(t *testing.T) {
	b := workbook(t, sample(), nil) // Naam in Organisatie!B2, KvK-nummer in B3
	tests := []struct {
		name    string
		account Account
		want    []CellError
	}{
		{"the account's name and number", Account{Name: "Zorg Voorbeeld", KvK: "01234567"}, nil},
		{"the name typed otherwise", Account{Name: " zorg-voorbeeld. ", KvK: "01234567"}, nil},
		{"another employer's name", Account{Name: "Zorg Anders", KvK: "01234567"}, []CellError{
			cellErr("Organisatie", "B2", "Naam", `"Zorg Voorbeeld"`, `de naam van uw account, "Zorg Anders" (is die naam niet juist, vraag het actiecentrum hem aan te passen)`)}},
		{"another employer's number", Account{Name: "Zorg Voorbeeld", KvK: "76543210"}, []CellError{
			cellErr("Organisatie", "B3", "KvK-nummer", `"01234567"`, "het KvK-nummer van uw account, 76543210; een werkgever levert alleen de eigen gegevens")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := testOptions
			opt.Account = &tt.account
			sub, rep := ReadWorkbook(testFile, bytes.NewReader(b), int64(len(b)), opt)
			if (sub != nil) != (tt.want == nil) || !reflect.DeepEqual(nilIfEmpty(rep.Errors), tt.want) {
				t.Errorf("accepted %v, errors\n%+v\nwant\n%+v", sub != nil, rep.Errors, tt.want)
			}
		})
	}
}

func nilIfEmpty(e []CellError) []CellError {
	if len(e) == 0 {
		return nil
	}
	return e
}

// TestMaxRows: a sheet longer than MaxRows is refused at the first row
// past the bound, with that problem first even when the list of problems
// is full, and no further sheet is read.
func TestMaxRows(t *testing.T) {
	long := workbook(t, sample(), func(f *excelize.File) {
		for row := 2; row <= 36; row++ {
			f.SetCellValue("Personeel", cellName(3, row), -1) // 35 problems
		}
		f.SetCellValue("Personeel", "A400", "mbo3") // the sheet goes on to row 400; the template has 200
	})
	opt := testOptions
	opt.MaxRows, opt.MaxProblems = 300, 10
	sub, rep := ReadWorkbook(testFile, bytes.NewReader(long), int64(len(long)), opt)
	stop := cellErr("Personeel", "rij 301", "", "meer dan 300 rijen",
		"hoogstens 300 rijen per blad (een ingevulde uitvraag heeft er enkele tientallen); het bestand is niet verder gelezen")
	if sub != nil || len(rep.Errors) != 10 || rep.Errors[0] != stop {
		t.Fatalf("accepted %v, %d errors, first %+v; want refused, 10, %+v", sub != nil, len(rep.Errors), rep.Errors, stop)
	}
	if rep.Omitted != 26 {
		t.Errorf("%d omitted, want 26 (35 cell problems and the bound, 10 listed)", rep.Omitted)
	}
	// The same file without the bound reads to the end (and finds the
	// age band missing in row 400).
	if _, rep := ReadWorkbook(testFile, bytes.NewReader(long), int64(len(long)), testOptions); len(rep.Errors)+rep.Omitted != 36 {
		t.Errorf("without MaxRows: %d problems, want 36", len(rep.Errors)+rep.Omitted)
	}
	// A workbook within the bound is accepted.
	ok := workbook(t, sample(), nil)
	if sub, rep := ReadWorkbook(testFile, bytes.NewReader(ok), int64(len(ok)), opt); sub == nil {
		t.Errorf("the sample with MaxRows 300: %v", rep.Errors)
	}
}

// TestContextStopsReading: a context that has ended refuses the file
// with a problem that says so, and the caller sees why in ctx.Err().
func TestContextStopsReading(t *testing.T) {
	b := workbook(t, sample(), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sub, rep := ReadWorkbookContext(ctx, testFile, bytes.NewReader(b), int64(len(b)), testOptions)
	want := cellErr("Organisatie", "rij 1", "", "een werkmap die te lang duurt om te lezen",
		"een uitvraag zoals het sjabloon, die in enkele seconden te lezen is; het bestand is niet verder gelezen")
	if sub != nil || len(rep.Errors) == 0 || rep.Errors[0] != want {
		t.Errorf("accepted %v, errors %+v; want %+v first", sub != nil, rep.Errors, want)
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Error(ctx.Err())
	}
}
