package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// zipOf returns a zip archive of the given parts (name, content, ...),
// deflated.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: parts[i], Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// encrypted returns a password-protected copy of a workbook, as Excel
// writes one: an OLE2 container holding the encrypted package.
func encrypted(t testing.TB, b []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := f.Write(&out, excelize.Options{Password: "geheim"}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestRefusedBeforeParsing checks the refusals of checkContainer: each
// names what the file is and what was expected.
func TestRefusedBeforeParsing(t *testing.T) {
	valid := workbook(t, sample(), nil)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	legacy := append(ole, utf16le("Workbook")...)
	many := []string{"xl/workbook.xml", "<workbook/>"}
	for i := range 1000 {
		many = append(many, fmt.Sprintf("xl/media/p%d.xml", i), "x")
	}
	zeros := string(make([]byte, 20<<20))
	tests := []struct {
		name  string
		file  []byte
		opt   Options
		found string
		want  string
	}{
		{"too large", valid, Options{MaxFileSize: 10 << 10}, fmt.Sprintf("een bestand van %s", megabytes(int64(len(valid)))), "hoogstens 10 kB"},
		{"empty", nil, Options{}, "een leeg bestand", wantXLSX},
		{"legacy xls", legacy, Options{}, "een bestand in het oude Excel-formaat (.xls) of een ander Office 97-2003-bestand", wantXLSX},
		{"password-protected", encrypted(t, valid), Options{}, "een met een wachtwoord beveiligde (versleutelde) werkmap", "een werkmap zonder wachtwoord; haal de beveiliging eraf en sla opnieuw op"},
		{"CSV renamed", []byte("Niveau;Leeftijdsklasse;Aantal medewerkers;FTE\nmbo3;25-34;10;7,5\n"), Options{}, "een tekstbestand (CSV?)", wantXLSX},
		{"HTML saved as xls", []byte("<html><body><table><tr><td>mbo3</td></tr></table></body></html>"), Options{}, "een XML- of HTML-bestand (zoals een 'Excel'-export uit een webapplicatie)", wantXLSX},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Options{}, "een PDF-bestand", wantXLSX},
		{"binary", []byte{0x00, 0x01, 0xff, 0xfe, 0x00}, Options{}, "geen zip-archief", wantXLSX},
		{"empty zip", zipOf(t), Options{}, "een leeg zip-archief", wantXLSX},
		{"cut off zip", valid[:len(valid)/2], Options{}, "een beschadigd zip-archief (no end of central directory)", wantXLSX},
		{"zip bomb", zipOf(t, "xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml", zeros), Options{},
			"een onderdeel (xl/worksheets/sheet1.xml) dat 1.029 keer uitpakt (een zipbom?)", "hoogstens 100 keer"},
		{"too large unpacked", zipOf(t, "xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml", zeros), Options{MaxUncompressed: 10 << 20},
			"een archief dat uitgepakt meer dan 10 MB is", "hoogstens 10 MB uitgepakt"},
		{"too many parts", zipOf(t, many...), Options{}, "een zip-archief met 1.001 onderdelen", "hoogstens 1.000 onderdelen"},
		{"OpenDocument", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"), Options{}, "een OpenDocument-rekenblad (.ods)", wantXLSX},
		{"xlsb", zipOf(t, "[Content_Types].xml", "<x/>", "xl/workbook.bin", "x"), Options{}, "een binaire Excel-werkmap (.xlsb)", wantXLSX},
		{"Word", zipOf(t, "word/document.xml", "<w/>"), Options{}, "een Word- of PowerPoint-bestand", wantXLSX},
		{"other zip", zipOf(t, "foto.jpg", "x"), Options{}, "een zip-archief zonder Excel-werkmap", wantXLSX},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.Regions = []string{"Twente"}
			sub, rep := ReadWorkbook(testFile, bytes.NewReader(tt.file), int64(len(tt.file)), tt.opt)
			want := []CellError{{File: testFile, Found: tt.found, Want: tt.want}}
			if sub != nil || rep.Accepted || !reflect.DeepEqual(rep.Errors, want) {
				t.Errorf("got %v, %#v\nwant %#v", sub != nil, rep.Errors, want)
			}
		})
	}
}

// TestZipEntriesZip64 reads the entry count of a zip64 archive from its
// zip64 end record, which its end record points to with 0xFFFF entries.
func TestZipEntriesZip64(t *testing.T) {
	rec := make([]byte, 56) // zip64 end of central directory record, at offset 0
	copy(rec, "PK\x06\x06")
	binary.LittleEndian.PutUint64(rec[32:], 123456)
	loc := make([]byte, 20) // zip64 locator: the record's offset
	copy(loc, "PK\x06\x07")
	eocd := make([]byte, 22)
	copy(eocd, "PK\x05\x06")
	binary.LittleEndian.PutUint16(eocd[10:], 0xFFFF)
	binary.LittleEndian.PutUint32(eocd[16:], 0xFFFFFFFF)
	b := append(append(rec, loc...), eocd...)
	n, err := zipEntries(bytes.NewReader(b), int64(len(b)))
	if err != nil || n != 123456 {
		t.Errorf("zipEntries = %d, %v; want 123456", n, err)
	}
}
