package ingest

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"raat/forecast"
)

const testFile = "werkmap.xlsx"

var testOptions = Options{Regions: []string{"Twente"}}

// sample is a small valid submission. In its workbook, by the template's
// row order: Personeel row 10 is mbo3 25-34 and row 26 hbo 45-54;
// Stageplaatsen row 5 is mbo3 BBL and row 9 hbo hbo-duaal; Uitstroom row 7
// is mbo3 pensioen and row 8 mbo3 andere sector; Instroom row 7 is mbo3
// schoolverlater and row 18 hbo zij-instromer; Vacatures row 3 is mbo3.
func sample() *Submission {
	s := &Submission{Employer: Employer{
		Name: "Zorg Voorbeeld", KvK: "01234567", Region: "Twente", Branch: forecast.VVT,
		Peildatum: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
	}}
	s.Staff[forecast.Mbo3][forecast.Age25to34] = Staff{Headcount: 10, FTE: 7.5}
	s.Staff[forecast.Hbo][forecast.Age45to54] = Staff{Headcount: 4, FTE: 3.2}
	s.Places[forecast.Mbo3][forecast.BBL] = Places{Offered: 5, Filled: 4}
	s.Places[forecast.Hbo][forecast.HboDuaal] = Places{Offered: 2, Filled: 2}
	s.Leavers[forecast.Mbo3][Pensioen] = 1
	s.Leavers[forecast.Mbo3][AndereSector] = 2
	s.Hires[forecast.Mbo3][Schoolverlater] = 3
	s.Hires[forecast.Hbo][ZijInstromer] = 1
	s.Vacancies[forecast.Mbo3] = Vacancies{OpenFTE: 2.5, HardToFillFTE: 1.5}
	return s
}

// workbook writes sub's workbook and lets mutate change it as a person
// filling it in would.
func workbook(t testing.TB, sub *Submission, mutate func(f *excelize.File)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, sub, TemplateOptions{Regions: []string{"Twente"}}); err != nil {
		t.Fatal(err)
	}
	if mutate == nil {
		return buf.Bytes()
	}
	return workbookFrom(t, buf.Bytes(), mutate)
}

func read(b []byte) (*Submission, *Report) {
	return ReadWorkbook(testFile, bytes.NewReader(b), int64(len(b)), testOptions)
}

// set returns a mutation that sets cells: sheet, cell, value, ...
func set(t testing.TB, args ...any) func(*excelize.File) {
	return func(f *excelize.File) {
		for i := 0; i+2 < len(args); i += 3 {
			if err := f.SetCellValue(args[i].(string), args[i+1].(string), args[i+2]); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func cellErr(sheet, cell, field, found, want string) CellError {
	return CellError{File: testFile, Sheet: sheet, Cell: cell, Field: field, Found: found, Want: want}
}

// TestValidationRules checks every rule of docs/workbook.md: each case breaks one
// cell of a valid workbook and names the exact problem reported.
func TestValidationRules(t *testing.T) {
	levels := "een niveau: mbo2, mbo3, mbo4, hbo, wo/overig"
	tests := []struct {
		name   string
		mutate func(*excelize.File)
		errs   []CellError
		warns  []CellError
	}{
		{"negative headcount", set(t, "Personeel", "C10", -3),
			[]CellError{cellErr("Personeel", "C10", "Aantal medewerkers", `"-3"`, "een geheel getal >= 0")}, nil},
		{"headcount not a number", set(t, "Personeel", "C10", "tien"),
			[]CellError{cellErr("Personeel", "C10", "Aantal medewerkers", `"tien"`, "een geheel getal >= 0")}, nil},
		{"headcount not whole", set(t, "Personeel", "C10", "10,5"),
			[]CellError{cellErr("Personeel", "C10", "Aantal medewerkers", `"10,5"`, "een geheel getal >= 0")}, nil},
		{"negative FTE", set(t, "Personeel", "D10", "-0,5"),
			[]CellError{cellErr("Personeel", "D10", "FTE", `"-0,5"`, "een getal >= 0")}, nil},
		{"FTE above 1.2 x headcount", set(t, "Personeel", "D10", 12.5),
			[]CellError{cellErr("Personeel", "D10", "FTE", `"12.5"`, "hoogstens 1,2 × het aantal medewerkers (12,0)")}, nil},
		{"FTE missing for staff", set(t, "Personeel", "D10", ""),
			[]CellError{cellErr("Personeel", "D10", "FTE", `""`, "de FTE van deze 10 medewerkers (een getal >= 0)")}, nil},
		{"unknown level", set(t, "Personeel", "A10", "mbo5"),
			[]CellError{cellErr("Personeel", "A10", "Niveau", `"mbo5"`, levels)}, nil},
		{"unknown age band", set(t, "Personeel", "B10", "70+"),
			[]CellError{cellErr("Personeel", "B10", "Leeftijdsklasse", `"70+"`, "een leeftijdsklasse: <25, 25-34, 35-44, 45-54, 55-59, 60-64, 65+")}, nil},
		{"empty key with numbers", set(t, "Personeel", "A10", ""),
			[]CellError{cellErr("Personeel", "A10", "Niveau", `""`, levels)}, nil},
		{"duplicate row", set(t, "Personeel", "B11", "25-34"),
			[]CellError{cellErr("Personeel", "A11", "Niveau", `"mbo3" en "25-34"`, "één regel per niveau en leeftijdsklasse (deze staat ook op regel 10)")}, nil},
		{"no staff at all", set(t, "Personeel", "C10", 0, "Personeel", "D10", 0, "Personeel", "C26", 0, "Personeel", "D26", 0),
			[]CellError{{File: testFile, Sheet: "Personeel", Found: "geen medewerkers (alle aantallen 0 of leeg)", Want: "het personeel op de peildatum"}}, nil},
		{"unknown route", set(t, "Stageplaatsen", "B5", "BBL2"),
			[]CellError{cellErr("Stageplaatsen", "B5", "Leerroute", `"BBL2"`, "een leerroute: BOL, BBL, hbo-voltijd, hbo-duaal")}, nil},
		{"route not taught at the level", set(t, "Stageplaatsen", "B5", "hbo-duaal"),
			[]CellError{cellErr("Stageplaatsen", "B5", "Leerroute", `"hbo-duaal"`, "een leerroute van mbo3: BOL, BBL")}, nil},
		{"filled above offered", set(t, "Stageplaatsen", "D5", 6),
			[]CellError{cellErr("Stageplaatsen", "D5", "Bezette plaatsen", `"6"`, "hoogstens het aantal aangeboden plaatsen (5)")}, nil},
		{"unknown reason", set(t, "Uitstroom", "B7", "ontslag"),
			[]CellError{cellErr("Uitstroom", "B7", "Reden", `"ontslag"`, "een reden: pensioen, andere sector, andere zorgwerkgever, buiten arbeidsmarkt, onbekend")}, nil},
		{"negative leavers", set(t, "Uitstroom", "C8", -2),
			[]CellError{cellErr("Uitstroom", "C8", "Aantal", `"-2"`, "een geheel getal >= 0")}, nil},
		{"unknown origin", set(t, "Instroom", "B7", "uitzendbureau"),
			[]CellError{cellErr("Instroom", "B7", "Herkomst", `"uitzendbureau"`, "een herkomst: schoolverlater, zij-instromer, herintreder, andere zorgwerkgever, overig")}, nil},
		{"hard to fill above open", set(t, "Vacatures", "C3", 3),
			[]CellError{cellErr("Vacatures", "C3", "Moeilijk vervulbaar (FTE)", `"3"`, "hoogstens de openstaande vacatures (2,5)")}, nil},
		{"vacancies not a number", set(t, "Vacatures", "B3", "n.v.t."),
			[]CellError{cellErr("Vacatures", "B3", "Openstaande vacatures (FTE)", `"n.v.t."`, "een getal >= 0")}, nil},
		{"KvK of 7 digits", set(t, "Organisatie", "B3", "1234567"),
			[]CellError{cellErr("Organisatie", "B3", "KvK-nummer", `"1234567"`, "een KvK-nummer van 8 cijfers")}, nil},
		{"KvK with letters", set(t, "Organisatie", "B3", "KVK12345"),
			[]CellError{cellErr("Organisatie", "B3", "KvK-nummer", `"KVK12345"`, "een KvK-nummer van 8 cijfers")}, nil},
		{"empty name", set(t, "Organisatie", "B2", ""),
			[]CellError{cellErr("Organisatie", "B2", "Naam", `""`, "de naam van de organisatie")}, nil},
		{"unknown region", set(t, "Organisatie", "B4", "Drenthe"),
			[]CellError{cellErr("Organisatie", "B4", "Regio", `"Drenthe"`, "een regio: Twente")}, nil},
		{"unknown branch", set(t, "Organisatie", "B5", "Tandartsen"),
			[]CellError{cellErr("Organisatie", "B5", "Branche", `"Tandartsen"`, "een branche: "+"Ziekenhuizen, VVT (ouderenzorg), GGZ, Gehandicaptenzorg, Jeugdzorg, Huisartsen/eerstelijn, Sociaal werk, Kinderopvang, Overig")}, nil},
		{"empty peildatum", set(t, "Organisatie", "B6", ""),
			[]CellError{cellErr("Organisatie", "B6", "Peildatum", `""`, "een datum (dd-mm-jjjj) tussen 1990 en 2199")}, nil},
		{"impossible peildatum", set(t, "Organisatie", "B6", "31-02-2025"),
			[]CellError{cellErr("Organisatie", "B6", "Peildatum", `"31-02-2025"`, "een datum (dd-mm-jjjj) tussen 1990 en 2199")}, nil},
		{"no peildatum row", func(f *excelize.File) { f.RemoveRow("Organisatie", 6) },
			[]CellError{{File: testFile, Sheet: "Organisatie", Field: "Peildatum", Found: "geen regel", Want: "een regel met Peildatum in kolom A en de waarde in kolom B"}}, nil},
		{"merger with a short KvK number", set(t, "Organisatie", "B7", "12345678, 1234"),
			[]CellError{cellErr("Organisatie", "B7", "Fusie met KvK-nummers", `"12345678, 1234"`, "KvK-nummers van 8 cijfers, gescheiden door komma's (of niets, als er geen fusie was)")}, nil},
		{"merger with itself", set(t, "Organisatie", "B7", "0123 4567"),
			[]CellError{cellErr("Organisatie", "B7", "Fusie met KvK-nummers", `"0123 4567"`, "de KvK-nummers van de organisaties die in de uwe zijn opgegaan, niet uw eigen nummer")}, nil},
		{"no merger row (a workbook from before the field)", func(f *excelize.File) { f.RemoveRow("Organisatie", 7) }, nil, nil},
		{"field twice", set(t, "Organisatie", "A8", "Naam", "Organisatie", "B8", "Andere Zorg"),
			[]CellError{cellErr("Organisatie", "A8", "Naam", `"Naam"`, "elk veld één keer (Naam staat ook op regel 2)")}, nil},
		{"missing sheet", func(f *excelize.File) { f.DeleteSheet("Vacatures") },
			[]CellError{{File: testFile, Sheet: "Vacatures", Found: "geen blad met deze naam", Want: "een blad Vacatures zoals in het sjabloon"}}, nil},
		{"missing sheet, another there", func(f *excelize.File) { f.SetSheetName("Vacatures", "Vacatures 2025") },
			[]CellError{{File: testFile, Sheet: "Vacatures", Found: `geen blad met deze naam (wel: "Vacatures 2025")`, Want: "een blad Vacatures zoals in het sjabloon"}},
			[]CellError{{File: testFile, Sheet: "Vacatures 2025", Found: "een blad dat niet in het sjabloon staat", Want: "alleen de bladen van het sjabloon (dit blad wordt niet gelezen)"}}},
		{"missing column", set(t, "Personeel", "D1", "Uren"),
			[]CellError{cellErr("Personeel", "A1:D1", "FTE", `de kolommen "Niveau", "Leeftijdsklasse", "Aantal medewerkers", "Uren"`, `een kolom "FTE"`)},
			[]CellError{cellErr("Personeel", "D1", "", `een onbekende kolom "Uren"`, "alleen de kolommen Niveau, Leeftijdsklasse, Aantal medewerkers, FTE (deze kolom wordt niet gelezen)")}},
		{"column twice", set(t, "Personeel", "E1", "fte"),
			[]CellError{cellErr("Personeel", "E1", "FTE", `"fte"`, "elke kolom één keer (FTE staat ook in D1)")}, nil},
		{"empty sheet", func(f *excelize.File) {
			f.DeleteSheet("Uitstroom")
			f.NewSheet("Uitstroom")
		}, []CellError{{File: testFile, Sheet: "Uitstroom", Found: "een leeg blad", Want: "een kopregel met de kolommen Niveau, Reden, Aantal"}}, nil},
		{"extra column is a warning", set(t, "Personeel", "E1", "Opmerking", "Personeel", "E10", "incl. invalpool"),
			nil, []CellError{cellErr("Personeel", "E1", "", `een onbekende kolom "Opmerking"`, "alleen de kolommen Niveau, Leeftijdsklasse, Aantal medewerkers, FTE (deze kolom wordt niet gelezen)")}},
		{"unknown field is a warning", set(t, "Organisatie", "A8", "Contactpersoon", "Organisatie", "B8", "J. Jansen"),
			nil, []CellError{cellErr("Organisatie", "A8", "", `"Contactpersoon"`, "een veld van het sjabloon: Naam, KvK-nummer, Regio, Branche, Peildatum, Fusie met KvK-nummers (deze regel wordt niet gelezen)")}},
		{"all problems at once", set(t, "Personeel", "C10", -3, "Stageplaatsen", "D5", 6, "Organisatie", "B3", "123"),
			[]CellError{
				cellErr("Organisatie", "B3", "KvK-nummer", `"123"`, "een KvK-nummer van 8 cijfers"),
				cellErr("Personeel", "C10", "Aantal medewerkers", `"-3"`, "een geheel getal >= 0"),
				cellErr("Stageplaatsen", "D5", "Bezette plaatsen", `"6"`, "hoogstens het aantal aangeboden plaatsen (5)"),
			}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, rep := read(workbook(t, sample(), tt.mutate))
			if tt.errs == nil {
				tt.errs = []CellError{}
			}
			if tt.warns == nil {
				tt.warns = []CellError{}
			}
			if !reflect.DeepEqual(rep.Errors, tt.errs) {
				t.Errorf("errors:\n got %#v\nwant %#v", rep.Errors, tt.errs)
			}
			if !reflect.DeepEqual(rep.Warnings, tt.warns) {
				t.Errorf("warnings:\n got %#v\nwant %#v", rep.Warnings, tt.warns)
			}
			if accepted := len(tt.errs) == 0; rep.Accepted != accepted || (sub != nil) != accepted {
				t.Errorf("accepted %v with submission %v, want %v", rep.Accepted, sub != nil, accepted)
			}
		})
	}
}

// TestMerger reads the KvK numbers of a merger: any separator, spaces
// inside a number, each number once, sorted.
func TestMerger(t *testing.T) {
	sub, rep := read(workbook(t, sample(), set(t, "Organisatie", "B7", "8765 4321; 12345678,87654321")))
	if sub == nil {
		t.Fatal(rep.Err())
	}
	if want := []string{"12345678", "87654321"}; !reflect.DeepEqual(sub.Merged, want) {
		t.Errorf("merged %q, want %q", sub.Merged, want)
	}
	// and the writer writes them back
	again, rep := read(workbook(t, sub, nil))
	if again == nil || !reflect.DeepEqual(again.Merged, sub.Merged) {
		t.Errorf("written and read back: %v (%v)", again, rep.Err())
	}
}

// TestProblemCap lists at most MaxProblems problems and counts the rest.
func TestProblemCap(t *testing.T) {
	b := workbook(t, sample(), func(f *excelize.File) {
		for row := 2; row <= 36; row++ {
			f.SetCellValue("Personeel", cellName(3, row), -1)
		}
	})
	_, rep := ReadWorkbook(testFile, bytes.NewReader(b), int64(len(b)), Options{Regions: []string{"Twente"}, MaxProblems: 10})
	if len(rep.Errors) != 10 || rep.Omitted != 25 || rep.Accepted {
		t.Errorf("%d errors listed, %d omitted, accepted %v; want 10, 25, false", len(rep.Errors), rep.Omitted, rep.Accepted)
	}
	want := `werkmap.xlsx: geweigerd: Personeel!C2: gevonden "-1", verwacht een geheel getal >= 0 (en nog 34 problemen)`
	if got := rep.Err().Error(); got != want {
		t.Errorf("Err() = %s\nwant %s", got, want)
	}
}

func TestMessage(t *testing.T) {
	e := cellErr("Personeel", "D7", "Aantal medewerkers", `"-3"`, "een geheel getal >= 0")
	if got, want := e.Error(), `Personeel!D7: gevonden "-3", verwacht een geheel getal >= 0`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
