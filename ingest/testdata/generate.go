//go:build ignore

// generate writes the test workbooks of package ingest: one messy but
// valid workbook, broken ones with problems in cells, and files that are
// refused before parsing. They seed the fuzz test and the golden output
// of raat ingest. go generate ./ingest runs it.
//
// The output is the same on every run except for wachtwoord.xlsx:
// encryption draws a random salt, so that file is only written when it
// is missing.
package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"raat/forecast"
	"raat/ingest"
)

var dir = flag.String("dir", ".", "directory to write the workbooks to")

func main() {
	flag.Parse()
	write("geldig.xlsx", workbook(nil))
	write("rommelig-maar-geldig.xlsx", workbook(func(f *excelize.File) {
		must(f.SetSheetName("Personeel", " PERSONEEL "))
		must(f.MoveSheet("Vacatures", "Organisatie"))
		must(f.SetCellValue("Organisatie", "B3", 41027733))
		must(f.SetCellValue("Organisatie", "B6", "31-12-2025"))
		p := " PERSONEEL "
		must(f.InsertRows(p, 1, 1))
		must(f.SetCellValue(p, "A1", "Personeel op 31 december 2025"))
		must(f.SetCellValue(p, "C2", "aantal MEDEWERKERS"))
		must(f.SetCellValue(p, "E2", "Toelichting"))
		must(f.SetCellValue(p, "A11", " mbo3 "))
		must(f.SetCellValue(p, "C11", "1.234"))
		must(f.SetCellValue(p, "D11", "925,5"))
		must(f.SetCellValue(p, "E11", "incl. oproepkrachten"))
		must(f.SetCellInt("Stageplaatsen", "C5", 5))
		must(f.SetCellFormula("Stageplaatsen", "C5", "2+3"))
		must(f.SetCellValue("Vacatures", "B3", "2,50 "))
	}))
	write("fouten-personeel.xlsx", workbook(func(f *excelize.File) {
		must(f.SetCellValue("Personeel", "C10", -3))
		must(f.SetCellValue("Personeel", "D26", 12))
		must(f.SetCellValue("Personeel", "C12", "twaalf"))
		must(f.SetCellValue("Personeel", "A14", "mbo5"))
		must(f.SetCellValue("Personeel", "B11", "25-34"))
		must(f.SetCellValue("Personeel", "E1", "Opmerking"))
	}))
	write("fouten-organisatie.xlsx", workbook(func(f *excelize.File) {
		must(f.SetCellValue("Organisatie", "B3", "1234567"))
		must(f.SetCellValue("Organisatie", "B4", "Drenthe"))
		must(f.SetCellValue("Organisatie", "B5", "Tandartsen"))
		must(f.RemoveRow("Organisatie", 6))
		must(f.SetCellValue("Stageplaatsen", "D5", 6))
		must(f.SetCellValue("Vacatures", "C3", 3))
	}))
	write("blad-en-kolom-ontbreken.xlsx", workbook(func(f *excelize.File) {
		must(f.DeleteSheet("Vacatures"))
		must(f.SetCellValue("Uitstroom", "B1", "Vertrekreden"))
	}))
	write("oud-formaat.xls", legacyXLS())
	if _, err := os.Stat(filepath.Join(*dir, "wachtwoord.xlsx")); errors.Is(err, fs.ErrNotExist) {
		write("wachtwoord.xlsx", encrypt(workbook(nil)))
	}
	write("csv-hernoemd.xlsx", []byte("Niveau;Leeftijdsklasse;Aantal medewerkers;FTE\nmbo3;25-34;10;7,5\n"))
	write("zipbom.xlsx", zipBomb())
}

// sample is the valid submission the workbooks start from (the same as
// the tests' sample in reader_test.go).
func sample() *ingest.Submission {
	s := &ingest.Submission{Employer: ingest.Employer{
		Name: "Zorg Voorbeeld", KvK: "01234567", Region: "Twente", Branch: forecast.VVT,
		Peildatum: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
	}}
	s.Staff[forecast.Mbo3][forecast.Age25to34] = ingest.Staff{Headcount: 10, FTE: 7.5}
	s.Staff[forecast.Hbo][forecast.Age45to54] = ingest.Staff{Headcount: 4, FTE: 3.2}
	s.Places[forecast.Mbo3][forecast.BBL] = ingest.Places{Offered: 5, Filled: 4}
	s.Places[forecast.Hbo][forecast.HboDuaal] = ingest.Places{Offered: 2, Filled: 2}
	s.Leavers[forecast.Mbo3][ingest.Pensioen] = 1
	s.Leavers[forecast.Mbo3][ingest.AndereSector] = 2
	s.Hires[forecast.Mbo3][ingest.Schoolverlater] = 3
	s.Hires[forecast.Hbo][ingest.ZijInstromer] = 1
	s.Vacancies[forecast.Mbo3] = ingest.Vacancies{OpenFTE: 2.5, HardToFillFTE: 1.5}
	return s
}

func workbook(mutate func(*excelize.File)) []byte {
	var buf bytes.Buffer
	must(ingest.WriteWorkbook(&buf, sample(), ingest.TemplateOptions{Regions: []string{"Twente"}}))
	if mutate == nil {
		return buf.Bytes()
	}
	f, err := excelize.OpenReader(&buf)
	must(err)
	mutate(f)
	out, err := f.WriteToBuffer()
	must(err)
	return out.Bytes()
}

// encrypt returns the workbook protected with a password, as Excel saves
// it: an OLE2 container.
func encrypt(b []byte) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	must(err)
	var out bytes.Buffer
	must(f.Write(&out, excelize.Options{Password: "geheim"}))
	return out.Bytes()
}

// legacyXLS returns the start of an Excel 97-2003 file: the OLE2 header
// and a directory entry for its Workbook stream. The reader needs no
// more to refuse it.
func legacyXLS() []byte {
	b := make([]byte, 1536)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	name := "Workbook"
	for i := 0; i < len(name); i++ {
		b[1024+2*i] = name[i]
	}
	return b
}

// zipBomb returns a zip archive that names a workbook and holds a sheet
// of 20 MB of zeros, which deflate compresses about a thousand times.
func zipBomb() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, part := range []struct {
		name string
		data []byte
	}{{"[Content_Types].xml", []byte("<Types/>")}, {"xl/workbook.xml", []byte("<workbook/>")}, {"xl/worksheets/sheet1.xml", make([]byte, 20<<20)}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate})
		must(err)
		_, err = w.Write(part.data)
		must(err)
	}
	must(zw.Close())
	return buf.Bytes()
}

func write(name string, b []byte) {
	must(os.WriteFile(filepath.Join(*dir, name), b, 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
